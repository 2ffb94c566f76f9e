"""Umbrella bodies and national programmes are not partners; the analysis of the
demo network has no artefacts (done-criteria of issue 11)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import analyze
from graph.collaboration import collaboration_graph
from graph.links import suggest_initiatives, suggest_links
from graph.umbrella import is_national_programme, is_umbrella_org


def projection():
    """Two care providers and a school all 'work with the kabinet' in three separate
    initiatives; the school and one care provider also share a real partner, a gemeente."""
    G = nx.MultiDiGraph()
    for oid, name, kind in [("kab", "kabinet", "government"), ("zh", "Zorggroep Eem", "care_provider"),
                            ("z2", "Thuiszorg Eem", "care_provider"), ("roc", "ROC Midden", "school"),
                            ("gem", "Gemeente Amersfoort", "government")]:
        G.add_node(oid, label="Organisation", name=name, kind=kind, aliases=[], place="Amersfoort")
    for ini, members in [("i1", ["kab", "zh"]), ("i2", ["kab", "z2"]), ("i3", ["kab", "roc"]),
                         ("i4", ["gem", "roc"]), ("i5", ["gem", "z2"])]:
        G.add_node(ini, label="Initiative", name=ini, kind="initiative", scope="regional")
        for o in members:
            G.add_edge(o, ini, key="PARTNER_IN|d", rel="PARTNER_IN", doc="d")
    G.add_node("zp", label="Initiative", name="Zorgpact", kind="initiative")
    for o in ("zh", "z2", "roc", "gem"):
        G.add_edge(o, "zp", key="PARTNER_IN|d", rel="PARTNER_IN", doc="d")
    return G


def test_marks_from_gazetteer_and_property():
    assert is_umbrella_org({"name": "Ministerie van Volksgezondheid, Welzijn en Sport",
                            "kind": "government"})
    assert is_umbrella_org({"name": "het Rijk", "kind": "government"})
    assert not is_umbrella_org({"name": "Gemeente Amersfoort", "kind": "government"})
    assert is_umbrella_org({"name": "X", "kind": "care_provider", "umbrella": "true"})
    assert is_national_programme({"name": "Zorgpact", "kind": "initiative"})
    assert not is_national_programme({"name": "Zorgpact Flevoland", "kind": "initiative",
                                       "subkind": "pact", "scope": "regional"})


def test_umbrella_is_never_a_shared_partner_nor_suggested():
    C = collaboration_graph(projection())
    assert C.nodes["kab"]["umbrella"] and not C.nodes["zh"]["umbrella"]
    # the Zorgpact is a national programme: joining it does not tie its members
    assert not C.has_edge("zh", "z2") and C.graph["foci"]["zp"]["umbrella"]
    pairs = {frozenset((s["a"], s["b"])): s for s in suggest_links(C, top=20)}
    assert frozenset(("roc", "z2")) in pairs                     # through the gemeente
    assert [p["id"] for p in pairs[frozenset(("roc", "z2"))]["shared_partners"]] == ["gem"]
    for s in pairs.values():
        assert "kab" not in (s["a"], s["b"])
        assert all(p["id"] != "kab" for p in s["shared_partners"])
    assert frozenset(("zh", "z2")) not in pairs or pairs[frozenset(("zh", "z2"))]["n_shared_partners"] == 0
    assert all(s["initiative"] != "zp" and s["org"] != "kab" for s in suggest_initiatives(C))


@pytest.fixture(scope="module")
def demo_analysis(demo_graph):
    return analyze(demo_graph, top=50)


def test_demo_suggestions_have_no_umbrella_partner(demo_graph, demo_analysis):
    C = collaboration_graph(demo_graph)
    umbrella = {n for n, u in C.nodes(data="umbrella") if u}
    assert umbrella                                  # the demo has kabinet and ministries
    sugg = demo_analysis["suggestions"]["organisations"]
    assert sugg
    for s in sugg:
        assert not {s["a"], s["b"]} & umbrella
        ids = {p["id"] for p in s["shared_partners"]}
        assert not ids & umbrella
        assert 0 <= s["score_100"] <= 100 and s["reasons"]
    for s in demo_analysis["suggestions"]["initiatives"]:
        assert s["org"] not in umbrella
        assert not C.graph["foci"][s["initiative"]].get("umbrella")


def test_demo_gaps_and_brokers_mean_something(demo_analysis):
    gaps = demo_analysis["gaps"]
    thin = {x["region"] for x in gaps["no_data"]}
    tri = [g for g in gaps["gaps"] if g["type"] == "driehoek"]
    for g in tri:
        assert g["n_active"] >= gaps["baseline"]["threshold"]["min_active_triangle"]
        assert not set(g["regions"]) & thin
        assert all(r["regions_tested"] > 0 for r in g["reasons"])
    for r in gaps["regions"]:
        if r["level"] == "province" and r["n_orgs"] == 0:
            assert r["name"] in thin
    br = demo_analysis["brokers"]
    for key in ("betweenness", "constraint", "degree"):
        for b in br[key]["top"]:
            codes = {w["code"]: w for w in b["why"]}
            assert (b["betweenness"] > 0 or codes.get("partner_sectors", {}).get("n", 0) >= 2
                    or codes.get("partner_provinces", {}).get("n", 0) >= 2), b
