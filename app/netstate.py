"""Cached computations of the Netwerk page (per store version, like app.state).

* :func:`options` — what the filters offer;
* :func:`base_view` — the filtered (and grouped) view with its positions: the
  layout is computed once per store version, mode and filter;
* :func:`drawing` — the base view with the adviser's working set (expanded and
  hidden nodes; added nodes are put beside the node they came from, nothing that
  was drawn moves) as canvas data;
* :func:`prefetch` — the drawings behind the largest groups of a grouped view,
  computed ahead in a background thread, so a click on a group only has to send
  its drawing.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from app import state
from app.i18n import current_lang, t
from app.i18n_net import fmt_int, fmt_num
from graph.exceptions import EmptyGraphError
from graph.model import ORG_KINDS

#: Types counted in a group's label, in this order.
COUNTED = (("organisation", None), ("initiative", "initiative"), ("event", "event"),
           ("person", "person"), ("region", "region"))


def count(kind: str, n: int) -> str:
    """``count("organisation", 1650)`` -> "1.650 organisaties" (plural by number)."""
    return t(f"cnt.{kind}.{'one' if n == 1 else 'many'}", n=fmt_int(n, current_lang()))


def count_text(types: dict, parts: int = 1) -> str:
    """What a group holds, organisations first: "1.650 organisaties" (``parts=2``:
    "1.650 organisaties · 300 initiatieven"); the panel shows all."""

    c: Counter = Counter()
    for ty, k in types.items():
        c["organisation" if ty in ORG_KINDS else ty] += k
    out = [count(kind, c[kind]) for kind, _ in COUNTED if c.get(kind)]
    return " · ".join(out[:parts])


def words() -> dict[str, str]:
    w = state.words()
    w.update({k: t(f"tip.{k}") for k in ("strength", "shared_initiatives", "shared_events",
                                         "shared_persons", "shared_documents", "rest",
                                         "click_drill")})
    from graph.entities import SECTOR_COLORS  # lazy: loads networkx

    w.update({f"sector_{s}": state.sector_name(s) for s in SECTOR_COLORS})
    return w


@st.cache_resource(show_spinner=False, max_entries=2)
def _clusters(target_: str, version: str, _d) -> tuple[dict, dict]:
    from graph.entities import spread_membership  # lazy: loads networkx

    an = _d.analysis()
    mem = state.membership(an)
    return state.settle((spread_membership(_d.E, mem), state.cluster_names(an)), version)


def clusters(d) -> tuple[dict, dict]:
    """``(membership, cluster names)`` of the analysis, kept as objects per store
    version (the analysis itself is ``st.cache_data`` and unpickled on every call).
    The membership is already spread from the organisations to the initiatives,
    events and persons around them (:func:`graph.entities.spread_membership`),
    once, instead of on every filter."""
    return _clusters(d.target, d.version, d)


@st.cache_resource(show_spinner=False, max_entries=2)
def _options(target_: str, version: str, _E) -> dict:
    from graph import entities  # lazy: loads networkx

    return {"regions": entities.region_options(_E),
            "initiatives": sorted((n for n, x in _E.nodes(data="label") if x == "Initiative"),
                                  key=lambda n: str(_E.nodes[n].get("name") or n).casefold()),
            "years": entities.years(_E)}


def options(d) -> dict:
    """Choices of the network filters (regions, initiatives, years), cached."""
    return _options(d.target, d.version, d.E)


@st.cache_resource(show_spinner=False, max_entries=4)
def _org_graph(target_: str, version: str, start: str | None, end: str | None, _d):
    from graph.collaboration import collaboration_graph  # lazy: loads networkx, numpy
    from graph.workset import organisation_graph  # lazy: loads networkx

    if start is None and end is None:
        C = _d.C                          # the app's cached collaboration graph
    else:
        try:
            C = collaboration_graph(_d.G, start=start, end=end)
        except EmptyGraphError:
            C = None
    return state.settle(organisation_graph(C, _d.E), version) if C is not None else None


def org_graph(d, start=None, end=None):
    """The organisation view's graph ("wie werkt met wie"), for a period."""
    return _org_graph(d.target, d.version, start, end, d)


@st.cache_resource(show_spinner=False, max_entries=32)
def _base_view(target_: str, version: str, mode: str, key: str, _X, _f, _mem, _names,
               lang: str) -> dict:
    from graph import layout, view  # lazy: loads networkx

    V = view.build_view(_X, _f, _mem or None, names=_names, words=words())
    if V.aggregated:
        pos = layout.group_layout(V.graph)
    elif view.REST_NODE in V.graph:
        # the bubble for the rest is tied to almost everything: lay out the members
        # without it and put it beside them
        pos = layout.layout(V.graph.subgraph(set(V.graph) - {view.REST_NODE}))
        xs = [x for x, _ in pos.values()] or [0.0]
        ys = [y for _, y in pos.values()] or [0.0]
        pos[view.REST_NODE] = (max(xs) + 250.0, sum(ys) / len(ys))
    else:
        pos = layout.layout(V.graph)
    return {"view": V, "pos": pos}


@st.cache_resource(show_spinner=False, max_entries=32)
def _drawing(target_: str, version: str, mode: str, key: str, ws_key: str, _base: dict,
             _X, _ws, color_by: str, size_by: str, _mem, lang: str) -> dict:
    from graph import layout, netpage  # lazy: loads networkx
    from graph.workset import apply_working_set  # lazy: loads networkx

    V = _base["view"]
    H, pos = V.graph, _base["pos"]
    if not V.aggregated and (_ws.expanded or _ws.hidden):
        H, added = apply_working_set(H, _X, _ws)
        pos = layout.extend_layout(pos, H, added)
    data = netpage.network_data(
        H, color_by=color_by, size_by=size_by, membership=_mem or None, pos=pos,
        words=words(), type_names=state.type_names(), highlight=None,
        rel_names=state.rel_names(), count_text=count_text,
        fmt_num=lambda x: fmt_num(x, lang))
    for nd in data["nodes"]:      # neighbours not drawn (what "expand" would add)
        if not nd.get("grp") and nd["id"] in _X:
            nd["more"] = max(0, _X.degree(nd["id"]) - H.degree(nd["id"]))
    from app.netview import signature  # lazy: loads networkx (graph.netpage)

    return {"data": data, "graph": H, "sig": signature(data)}


@st.cache_resource(show_spinner=False, max_entries=8)
def _table(target_: str, version: str, mode: str, key: str, _V) -> list[dict]:
    full = _V.filtered if _V.filtered is not None else _V.graph
    top = sorted(full.degree, key=lambda kv: (-kv[1], str(kv[0])))[:2000]
    return [{"id": n, "name": full.nodes[n].get("name") or n, "type": full.nodes[n].get("type"),
             "province": full.nodes[n].get("province") or "", "degree": deg}
            for n, deg in top]


def table(d, res: dict) -> list[dict]:
    """The best-connected 2,000 nodes of the selection behind a drawing (``res``, from
    :func:`drawing`), for the table under the canvas: computed when it is shown."""
    return _table(d.target, d.version, res["mode"], res["key"], res["view"])


def _compute(d, X, mode: str, f, ws, color_by: str, size_by: str, mem: dict,
             names: dict, go_on=None) -> dict | None:
    """The drawing (see :func:`drawing`); None when ``go_on()`` turns false between
    its two steps (a prefetch that gives way)."""
    import json

    key = json.dumps(f.as_params(), sort_keys=True)
    ws_key = json.dumps([ws.expanded, ws.hidden])
    lang = current_lang()
    base = _base_view(d.target, d.version, mode, key, X, f, mem, names, lang)
    if go_on is not None and not go_on():
        return None
    out = _drawing(d.target, d.version, mode, key, ws_key, base, X, ws, color_by,
                   size_by, mem, lang)
    return {**out, "view": base["view"], "scene": f"{mode}|{key}|{color_by}|{size_by}",
            "mode": mode, "key": key}


def drawing(d, X, mode: str, f, ws, color_by: str, size_by: str, mem: dict,
            names: dict) -> dict:
    """The drawn network for a mode, filter and working set (cached)."""
    with st.spinner(t("msg.drawing")):
        return _compute(d, X, mode, f, ws, color_by, size_by, mem, names)


#: At most this many drawings behind the groups of a grouped view are computed ahead.
PREFETCH = 8
#: Seconds the prefetch waits before it starts.
PREFETCH_DELAY = 0.3
_prefetch_run = {"gen": 0}


def cancel_prefetch() -> None:
    """Stop computing ahead (called when a run of the page starts: the run the user
    waits for gets the processor; the drawing being computed is finished and kept)."""
    _prefetch_run["gen"] += 1


def prefetch(d, X, mode: str, jobs, ws, size_by: str, mem: dict, names: dict, then=None):
    """Compute, in a background thread, the drawings a click on a group leads to:
    ``jobs`` is ``[(filter, color_by), …]``, most likely first (the largest groups),
    at most :data:`PREFETCH`. They land in the same caches as :func:`drawing`, so the
    click that follows only sends the drawing to the browser. The thread shares the
    session's run context (the language of the labels) and stops at the next
    :func:`cancel_prefetch`. ``then`` (a callable) runs after the jobs if no run has
    started meanwhile. Returns the thread (None when there is nothing to do)."""
    jobs = list(jobs)[:PREFETCH]
    if not jobs and then is None:
        return None
    cancel_prefetch()
    gen = _prefetch_run["gen"]

    def go_on() -> bool:
        return _prefetch_run["gen"] == gen

    def work() -> None:
        time.sleep(PREFETCH_DELAY)       # the page's own messages go out first
        for f, color_by in jobs:
            if not go_on():
                return
            try:
                _compute(d, X, mode, f, ws, color_by, size_by, mem, names, go_on)
            except Exception:  # pragma: no cover - the click computes it again and shows why
                return
        if then is not None and go_on():
            try:
                then()
            except Exception:  # pragma: no cover - the switch computes it again, shows why
                return

    th = threading.Thread(target=work, name="zorgnet-prefetch", daemon=True)
    ctx = get_script_run_ctx()
    if ctx is not None:
        add_script_run_ctx(th, ctx)
    th.start()
    return th
