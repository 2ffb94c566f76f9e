"""Render times of the explorer, measured with Streamlit's AppTest (no browser).

1. Every page on the demo: the first run in a fresh process cache ("cold": opening
   the store, projection, analysis, drawing) and a second run ("warm": what a
   user sees on every click).
2. The Netwerk page on a synthetic graph of 20,000 organisations
   (:func:`graph.synthetic.synthetic_graph`, swapped in for the store's projection
   through ``app.state.load_graph``): the first run and then each filter change.

Figures only, no assertions::

    python bench/bench_app.py [--orgs 20000] [--skip-synthetic]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
APP = str(ROOT / "streamlit_app.py")
PAGES = ("overzicht", "netwerk", "clusters", "regios", "verbindingen", "profiel", "cypher",
         "laden", "export")


def _quiet() -> None:
    for name in ("streamlit", "streamlit.runtime", "streamlit.runtime.scriptrunner_utils",
                 "streamlit.runtime.caching", "streamlit.runtime.state"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.disable(logging.WARNING)


def _release() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


def _at(page: str, params: dict | None = None, timeout: float = 900):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if page != "overzicht":
        at.switch_page(f"app/pages/{page}.py")
    return at


def timed_run(at) -> float:
    t0 = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return dt


def caption_count(at) -> str:
    import re

    drawn = "?"
    for c in at.caption:
        m = re.match(r"([\d.]+) knopen? en ", c.value)
        if m:
            drawn = m.group(1).replace(".", "")
    for c in at.caption:
        m = re.match(r"([\d.]+) knopen? — ", c.value)
        if m:
            return f"{drawn} groups of {m.group(1).replace('.', '')}"
    return drawn


def bench_demo(db: Path) -> None:
    os.environ["ZORGNET_DB"] = str(db)
    _release()
    print("Demo (22 organisations): AppTest render time per page")
    print(f"  {'page':<14}{'cold s':>9}{'warm s':>9}")
    for page in PAGES:
        params = {"id": "org:school:landstede-groep"} if page == "profiel" else None
        _release()
        at = _at(page, params)
        cold = timed_run(at)
        warm = timed_run(at)
        print(f"  {page:<14}{cold:>9.3f}{warm:>9.3f}")
    _release()


def bench_synthetic(db: Path, n_orgs: int) -> None:
    import app.state as state
    from graph.synthetic import synthetic_graph

    os.environ["ZORGNET_DB"] = str(db)
    _release()
    t0 = time.perf_counter()
    G = synthetic_graph(n_orgs, seed=0)
    t_gen = time.perf_counter() - t0
    original = state.load_graph
    state.load_graph = lambda store: G
    try:
        print(f"\nSynthetic graph: {n_orgs:,} organisations, {G.number_of_nodes():,} nodes, "
              f"{G.number_of_edges():,} edges (generated in {t_gen:.1f} s)")
        at = _at("netwerk")
        cold = timed_run(at)
        print(f"  Netwerk first run (projection, entity graph, analysis, view): {cold:7.2f} s"
              f"  -> {caption_count(at)} nodes drawn")
        warm = timed_run(at)
        print(f"  Netwerk rerun, no change:                                       {warm:7.2f} s")
        focus = max((n for n, d in G.nodes(data=True) if d.get("label") == "Organisation"
                     and d.get("province") == "Utrecht"), key=G.degree)
        steps = [
            ("region = province:Utrecht",
             lambda: at.multiselect(key="net_region").set_value(["province:Utrecht"])),
            ("+ kind = care, school, initiative", lambda: at.multiselect(key="net_kind")
             .set_value(["care_provider", "school", "initiative"])),
            ("+ min degree 2", lambda: at.number_input(key="net_min_degree").set_value(2)),
            ("colour by cluster", lambda: at.radio(key="net_color").set_value("cluster")),
            ("size by betweenness", lambda: at.radio(key="net_size").set_value("betweenness")),
            ("+ period 2022-2024", lambda: (at.selectbox(key="net_start").set_value("2022"),
                                           at.selectbox(key="net_end").set_value("2024"))),
            ("clear all filters (aggregated)", lambda: (
                at.multiselect(key="net_region").set_value([]),
                at.multiselect(key="net_kind").set_value([]),
                at.number_input(key="net_min_degree").set_value(0),
                at.selectbox(key="net_start").set_value(""),
                at.selectbox(key="net_end").set_value(""))),
            ("search + ego network, 2 hops", lambda: (
                at.text_input(key="net_search").set_value(G.nodes[focus]["name"]),
                at.slider(key="net_hops").set_value(2))),
            ("ego network, 1 hop", lambda: at.slider(key="net_hops").set_value(1)),
        ]
        for label, change in steps:
            change()
            dt = timed_run(at)
            print(f"  filter change: {label:<34} {dt:7.2f} s  -> {caption_count(at)} nodes drawn")
        an = state._analysis(state.target(), state.store_version(), G)
        if an.get("timings"):
            parts = ", ".join(f"{k} {v:.2f} s" for k, v in an["timings"].items())
            print(f"  analysis parts: {parts}")
    finally:
        state.load_graph = original
        _release()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=20_000)
    ap.add_argument("--skip-synthetic", action="store_true")
    args = ap.parse_args()
    _quiet()
    os.environ.pop("NEO4J_URI", None)
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    with tempfile.TemporaryDirectory(prefix="zorgnet-bench-") as tmp:
        db = Path(tmp) / "demo.lbug"
        with LadybugStore(db) as s:
            s.load(demo_batches())
        bench_demo(db)
        if not args.skip_synthetic:
            bench_synthetic(db, args.orgs)


if __name__ == "__main__":
    main()
