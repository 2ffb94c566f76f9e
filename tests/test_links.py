"""Missing-link suggestions: named shared partners, judged pairs excluded, scores, evaluation."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest

from graph.collaboration import collaboration_graph
from graph.exceptions import InvalidParameterError, NotAnOrganisation
from graph.linkeval import auc, evaluate_links, hide_links
from graph.links import (SCORERS, candidates, judged_pairs, link_scores, suggest_initiatives,
                         suggest_links)
from graph.synthetic import synthetic_graph


def projection():
    """zh (care) and roc (school) both work with gem and ggd, in separate initiatives."""
    G = nx.MultiDiGraph()
    orgs = [("zh", "Zorggroep Eem", "care_provider"), ("roc", "ROC Midden", "school"),
            ("gem", "Gemeente Amersfoort", "government"), ("ggd", "GGD Utrecht", "government"),
            ("wg", "Werkgevers Eem", "employer_org"), ("far", "Zorg Zeeland", "care_provider")]
    for oid, name, kind in orgs:
        G.add_node(oid, label="Organisation", name=name, kind=kind, aliases=[],
                   province="Zeeland" if oid == "far" else "Utrecht",
                   place="Vlissingen" if oid == "far" else "Amersfoort")
    for ini, name, members in [("ini:1", "Zorglab Eem", ["zh", "gem"]),
                               ("ini:2", "Leerwerkplaats", ["roc", "gem"]),
                               ("ini:3", "Gezonde regio", ["zh", "ggd"]),
                               ("ini:4", "Stagepact", ["roc", "ggd", "wg"]),
                               ("ini:5", "Zeeuws netwerk", ["far", "wg"])]:
        G.add_node(ini, label="Initiative", name=name, kind="initiative", scope="regional",
                   province="Utrecht", place="Amersfoort")
        for o in members:
            G.add_edge(o, ini, key="PARTNER_IN|d", rel="PARTNER_IN", doc="d")
    return G


def test_pair_with_two_shared_partners_is_suggested_with_names():
    C = collaboration_graph(projection())
    s = suggest_links(C, top=3)
    # (gem, ggd) shares the same two partners: equal score, sector is no longer a bonus
    assert {(x["a"], x["b"]) for x in s[:2]} == {("roc", "zh"), ("gem", "ggd")}
    s = [x for x in s if (x["a"], x["b"]) == ("roc", "zh")]
    assert s[0]["n_shared_partners"] == 2
    assert {p["name"] for p in s[0]["shared_partners"]} == {"GGD Utrecht", "Gemeente Amersfoort"}
    gem = [p for p in s[0]["shared_partners"] if p["id"] == "gem"][0]
    assert gem["via_a"] == ["Leerwerkplaats"] and gem["via_b"] == ["Zorglab Eem"]
    r = s[0]["reason"]
    for name in ("ROC Midden", "Zorggroep Eem", "Gemeente Amersfoort", "GGD Utrecht",
                 "Zorglab Eem", "Leerwerkplaats"):
        assert name in r
    assert s[0]["complementary"] is True and s[0]["proximity"] == "zelfde gemeente"
    assert "vullen elkaar aan" in r and "dezelfde gemeente (Amersfoort)" in r
    for x in s:                                        # never an existing tie
        assert not C.has_edge(x["a"], x["b"])
    json.dumps(s)


def test_judged_pairs_are_excluded_and_returned():
    G = projection()
    G.add_edge("zh", "roc", key="JUDGED|app", rel="JUDGED", doc="app", verdict="niet_relevant",
               judged_by="aanjager", judged_at="2025-01-02")
    C = collaboration_graph(G)
    judged = judged_pairs(G)
    assert [(j["source"], j["target"], j["verdict"]) for j in judged] == \
        [("zh", "roc", "niet_relevant")]
    assert not C.has_edge("zh", "roc")                # a judgement is not a collaboration
    pairs = {frozenset((x["a"], x["b"])) for x in suggest_links(C, top=20, judged=G)}
    assert frozenset(("zh", "roc")) not in pairs
    assert frozenset(("zh", "roc")) in {frozenset((x["a"], x["b"]))
                                        for x in suggest_links(C, top=20)}
    node = suggest_links(C, node="zh", judged=judged)
    assert "roc" not in {x["b"] for x in node}


def test_node_suggestions_and_unknown_node():
    C = collaboration_graph(projection())
    s = suggest_links(C, node="zh")
    assert s and all(x["a"] == "zh" for x in s)
    assert s[0]["b"] == "roc"
    with pytest.raises(NotAnOrganisation):
        suggest_links(C, node="org:school:bestaat-niet")
    with pytest.raises(InvalidParameterError):
        suggest_links(C, scorer="magic")


def test_regional_complement_without_shared_partners():
    G = projection()
    G.add_node("new", label="Organisation", name="Thuiszorg Nieuw", kind="care_provider",
               province="Utrecht", place="Amersfoort")
    G.add_node("ini:6", label="Initiative", name="Solo", kind="initiative")
    G.add_node("solo2", label="Organisation", name="Welzijn Solo", kind="care_provider",
               province="Utrecht", place="Amersfoort")
    for o in ("new", "solo2"):
        G.add_edge(o, "ini:6", rel="PARTNER_IN", doc="d")
    C = collaboration_graph(G)
    s = suggest_links(C, node="new")
    comp = [x for x in s if x["source"] == "regional complement"]
    assert comp and {x["b_sector"] for x in comp} <= {"onderwijs", "overheid", "werkgevers"}
    assert "nog geen gedeelde partners" in comp[0]["reason"]


def test_candidate_scores_equal_pair_scores_on_synthetic():
    C = collaboration_graph(synthetic_graph(400, seed=2))
    cand = candidates(C)
    nodes = cand["nodes"]
    idx = np.random.default_rng(0).choice(len(cand["a"]), 300, replace=False)
    pairs = [(nodes[cand["a"][i]], nodes[cand["b"][i]]) for i in idx]
    direct = link_scores(C, pairs)
    for sc in SCORERS:
        assert np.allclose(cand[sc][idx], direct[sc]), sc
    # every candidate is a non-tie and comes from 2 hops or a municipality complement
    assert not any(C.has_edge(u, v) for u, v in pairs)
    assert cand["source"]["2-hop"] > 0


def test_initiative_suggestion_names_partners():
    G = projection()
    G.add_node("ini:7", label="Initiative", name="Publieke gezondheid", kind="initiative",
               scope="regional", province="Utrecht", place="Amersfoort")
    for o in ("gem", "ggd"):
        G.add_edge(o, "ini:7", key="PARTNER_IN|d", rel="PARTNER_IN", doc="d")
    C = collaboration_graph(G)
    s = suggest_initiatives(C, top=10, min_partners=2)
    best = {(x["org"], x["initiative"]): x for x in s}
    assert set(best) >= {("zh", "ini:7"), ("roc", "ini:7")}   # both work with gem and ggd
    assert all(x["n_partners_in"] >= 2 for x in s)
    x = best[("zh", "ini:7")]
    assert x["n_partners_in"] == 2 and {p["id"] for p in x["partners_in"]} == {"gem", "ggd"}
    assert x["sector_missing"] is True                 # no care provider in it yet
    for name in ("Zorggroep Eem", "Publieke gezondheid", "GGD Utrecht", "Gemeente Amersfoort",
                 "de sector zorg ontbreekt"):
        assert name in x["reason"]
    G.add_edge("zh", "ini:7", key="JUDGED|app", rel="JUDGED", verdict="interessant")
    left = {(y["org"], y["initiative"]) for y in suggest_initiatives(collaboration_graph(G),
                                                                       judged=G)}
    assert ("zh", "ini:7") not in left and ("roc", "ini:7") in left


def test_auc_helper():
    assert auc(np.array([1.0, 1.0]), np.array([1.0])) == 0.5
    assert auc(np.array([2.0, 3.0]), np.array([1.0, 0.0])) == 1.0


def test_hiding_is_consistent_with_memberships():
    G = synthetic_graph(300, seed=3)
    h = hide_links(G, fraction=0.1, seed=1)
    full, train = h["full"], h["train"]
    assert len(h["positives"]) >= 0.1 * full.number_of_edges()
    for u, v in h["positives"]:
        assert full.has_edge(u, v) and not train.has_edge(u, v)
    assert set(train.edges()) <= {e for e in full.edges()} | {(v, u) for u, v in full.edges()}


def test_recommended_scorer_auc_on_synthetic():
    r = evaluate_links(synthetic_graph(800, seed=0), fraction=0.1, seed=0, ks=(50,))
    assert r["scores"]["combined"]["auc"] >= 0.8
    assert r["scores"]["combined"]["auc"] > r["scores"]["preferential_attachment"]["auc"]
    assert r["scores"]["combined"]["precision@50"] > 10 * r["baseline_precision"]


def test_large_graph_path_gives_the_same_suggestions(monkeypatch):
    """The blocked sparse product (graph.link_top) ranks exactly like the full
    candidate list, percentiles included."""
    import graph.link_top
    import graph.links

    C = collaboration_graph(synthetic_graph(1500, seed=4))
    full = suggest_links(C, top=40)
    monkeypatch.setattr(graph.links, "LARGE", 0)
    monkeypatch.setattr(graph.link_top, "BLOCK_WORK", 5_000)        # many blocks
    large = suggest_links(C, top=40)
    assert [(x["a"], x["b"], x["score"], x["score_100"]) for x in large] == \
        [(x["a"], x["b"], x["score"], x["score_100"]) for x in full]
