"""The Netwerk page with AppTest on a small synthetic network (no demo facts):
grouping and drill-down, the side panel and its buttons, the working set in the
URL, the organisation view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory):
    from graph.store.ladybug import LadybugStore
    from graph.synthetic import synthetic_graph
    from loaders.synthetic import graph_batches

    G = synthetic_graph(300, seed=2)
    path = tmp_path_factory.mktemp("synthapp") / "graph.lbug"
    with LadybugStore(path) as s:
        s.load(graph_batches(G))
    return path, G


@pytest.fixture
def app(synth_db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("ZORGNET_DB", str(synth_db[0]))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield synth_db[1]
    st.cache_resource.clear()
    st.cache_data.clear()


def open_netwerk(params: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page("app/pages/netwerk.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def drawn(at) -> int:
    for c in at.caption:
        m = re.match(r"([\d.]+) knopen? en ", c.value)
        if m:
            return int(m.group(1).replace(".", ""))
    raise AssertionError([c.value for c in at.caption])


def qp(at, key):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def test_the_whole_country_is_drawn_as_provinces_and_a_group_drills_in(app):
    at = open_netwerk()
    assert any("getekend als groepen per provincie" in c.value for c in at.caption)
    assert drawn(at) == 12
    legend = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "Een bolletje met een getal is een groep" in legend
    # the side panel of a group (what a click on the canvas selects) drills into it
    at = open_netwerk({"sel": "province:Utrecht"})
    assert any("organisaties" in c.value for c in at.caption)   # what is inside
    at.button(key="np_drill").click().run()
    assert not at.exception
    assert qp(at, "region") == "province:Utrecht"
    assert "sel" not in at.query_params
    assert drawn(at) > 12


def _initiative_reaching_out(G, province):
    """An initiative with a member in ``province`` and one elsewhere."""
    for n, d in G.nodes(data=True):
        if d["label"] != "Initiative":
            continue
        provs = {G.nodes[u].get("province") for u, _ in G.in_edges(n)
                 if G.nodes[u]["label"] == "Organisation"}
        if province in provs and len(provs - {province, None}) >= 1:
            return n
    raise AssertionError("no such initiative")


def test_panel_buttons_change_the_working_set_and_the_url(app):
    G = app
    ini = _initiative_reaching_out(G, "Utrecht")
    base = {"region": "province:Utrecht", "sel": ini}
    at = open_netwerk(base)
    before = drawn(at)
    assert any(G.nodes[ini]["name"] in m.value for m in at.markdown)
    assert any(p.label == "Profiel openen" for p in at.page_link)
    assert any("Relaties met bewijs" in m.value for m in at.markdown)
    at.button(key="np_expand").click().run()
    assert not at.exception
    assert qp(at, "exp") == ini
    assert drawn(at) > before                         # members outside Utrecht came along
    at.button(key="np_hide").click().run()
    assert qp(at, "hide") == ini and "exp" not in at.query_params
    assert drawn(at) == before - 1
    # reopening the link restores the working set
    again = open_netwerk({"region": "province:Utrecht", "hide": ini})
    assert drawn(again) == before - 1
    at = open_netwerk(base)
    at.button(key="np_ego").click().run()
    assert qp(at, "node") == ini
    assert any(m.value.startswith("Ego-netwerk van **") for m in at.markdown)


def test_organisation_view_draws_organisations_and_tie_strength(app):
    G = app
    at = open_netwerk({"mode": "orgs", "region": "province:Utrecht"})
    assert at.radio(key="net_mode").value == "orgs"
    legend = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "sterkte van de samenwerking" in legend
    assert "initiatief" not in legend.split("Vorm")[-1].split("<br>")[0]
    from graph.entities import entity_graph

    E = entity_graph(G)
    utrecht = [n for n, d in E.nodes(data=True) if d["label"] == "Organisation"
               and "province:Utrecht" in d.get("regions", [])]
    assert drawn(at) == len(utrecht) > 0          # organisations only, no initiatives
    org = max(utrecht, key=E.degree)
    at = open_netwerk({"mode": "orgs", "region": "province:Utrecht", "sel": org})
    assert any("Werkt samen met" in m.value for m in at.markdown)


def test_every_kind_of_group_drills_in(app):
    """A click on a group of any level (what the canvas sends) narrows the filter."""
    at = open_netwerk({"region": "province:Utrecht"})
    at.session_state["_net_pending"] = {"action": "drill", "node": "sector:zorg"}
    at.run()
    assert not at.exception
    kinds = qp(at, "kind").split(",")
    assert "care_provider" in kinds and "school" not in kinds
    assert "initiative" in kinds            # what ties the organisations stays
    assert qp(at, "region") == "province:Utrecht"
    at.session_state["_net_pending"] = {"action": "drill", "node": "municipality:Utrecht"}
    at.run()
    assert qp(at, "region") == "municipality:Utrecht" and qp(at, "kind") == ",".join(kinds)


def test_prefetch_computes_the_drill_down_ahead_and_gives_way(monkeypatch):
    """The drawings behind the largest groups are computed in a background thread
    into the page's caches (the click then builds nothing); cancelled before it
    starts, it builds nothing."""
    import types

    import streamlit as st

    from app import netstate
    from graph import view
    from graph.entities import entity_graph
    from graph.synthetic import synthetic_graph
    from graph.view import ViewFilter, drill_filter
    from graph.workset import WorkingSet

    E = entity_graph(synthetic_graph(1200, seed=1))
    d = types.SimpleNamespace(target="test-prefetch", version="1")
    built = []
    real = view.build_view
    monkeypatch.setattr(view, "build_view", lambda *a, **k: built.append(a[1]) or real(*a, **k))
    st.cache_resource.clear()
    try:
        top = netstate._compute(d, E, "entities", ViewFilter(), WorkingSet(), "sector",
                                "degree", {}, {})
        S = top["view"].graph
        assert top["view"].aggregated and len(S) == 12
        groups = sorted(S, key=lambda k: (-S.nodes[k]["size"], k))
        jobs = [(drill_filter(ViewFilter(), k), "sector") for k in groups]
        # cancelled at once (a click came first): nothing is built
        th = netstate.prefetch(d, E, "entities", jobs, WorkingSet(), "degree", {}, {})
        netstate.cancel_prefetch()
        th.join(60)
        assert built == [ViewFilter()]
        # left alone: the largest PREFETCH groups, largest first
        th = netstate.prefetch(d, E, "entities", jobs, WorkingSet(), "degree", {}, {})
        th.join(120)
        assert not th.is_alive()
        assert built[1:] == [f for f, _ in jobs[:netstate.PREFETCH]]
        for f, color in jobs[:2]:
            res = netstate._compute(d, E, "entities", f, WorkingSet(), color, "degree", {}, {})
            assert res["data"]["nodes"] and res["sig"] != top["sig"]
        assert len(built) == 1 + netstate.PREFETCH          # the clicks built nothing
        # a group not computed ahead is built on its click
        netstate._compute(d, E, "entities", jobs[-1][0], WorkingSet(), "sector", "degree",
                          {}, {})
        assert built[-1] == jobs[-1][0]
    finally:
        st.cache_resource.clear()


def test_settle_keeps_graphs_out_of_the_collector_and_frees_old_versions():
    import gc
    import weakref

    from app import state

    class Box:
        pass

    old = Box()
    old.me = old                      # a reference cycle, as in a networkx graph
    ref = weakref.ref(old)
    try:
        state.settle(old, "v1")
        del old
        gc.collect()
        assert ref() is not None      # frozen: a full collection does not walk it
        state.settle(Box(), "v2")     # the first graph of a new version
        assert ref() is None          # the dropped graph of v1 is collected
    finally:
        gc.unfreeze()


def test_prefetch_builds_the_organisation_view_graph_after_the_drawings():
    """After the drawings ahead, the organisation view's graph is built in the background
    (seconds at national scale), so the first switch to it does not wait; a run that
    starts meanwhile stops it first."""
    import threading
    import types

    from app import netstate
    from graph.workset import WorkingSet

    d = types.SimpleNamespace(target="test-prefetch-then", version="1")
    done = threading.Event()
    th = netstate.prefetch(d, None, "entities", [], WorkingSet(), "degree", {}, {},
                           then=done.set)
    th.join(30)
    assert done.is_set()
    done.clear()
    th = netstate.prefetch(d, None, "entities", [], WorkingSet(), "degree", {}, {},
                           then=done.set)
    netstate.cancel_prefetch()
    th.join(30)
    assert not done.is_set()
    assert netstate.prefetch(d, None, "entities", [], WorkingSet(), "degree", {}, {}) is None
