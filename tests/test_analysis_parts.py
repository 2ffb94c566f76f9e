"""``graph.analysis.analyze_parts``: the pages' analysis, a failing part reported, not raised."""

from __future__ import annotations

import networkx as nx

import graph.analysis as analysis
from graph.collaboration import collaboration_graph
from graph.synthetic import synthetic_graph


def test_one_call_fills_every_part():
    G = synthetic_graph(300, seed=1)
    out = analysis.analyze_parts(G, seed=0, top=10)
    assert out["errors"] == {}
    assert out["clusters"]["membership"] and "betweenness" in out["brokers"]
    assert out["gaps"] is not None and len(out["links"]) == 10 and out["timings"]["total"] > 0


def test_failed_analysis_falls_back_part_by_part(monkeypatch):
    G = synthetic_graph(300, seed=1)
    calls = []

    def broken(*a, **kw):
        raise RuntimeError("kapot")

    def collab():
        calls.append(1)
        return collaboration_graph(G)

    monkeypatch.setattr(analysis, "analyze", broken)
    out = analysis.analyze_parts(G, collab, seed=0, top=10)
    assert out["errors"] == {"analysis": "RuntimeError: kapot"} and calls == [1]
    assert out["clusters"]["membership"] and "betweenness" in out["brokers"]
    assert len(out["links"]) == 10 and set(out["timings"]) == {
        "clusters", "brokers", "gaps", "links", "initiatives"}
    monkeypatch.setattr(analysis, "suggest_links", broken)
    out = analysis.analyze_parts(G, collaboration_graph(G), seed=0, top=10)
    assert out["links"] is None and out["errors"]["links"] == "RuntimeError: kapot"
    assert out["initiatives"] is not None


def test_empty_graph_is_reported():
    out = analysis.analyze_parts(nx.MultiDiGraph())
    assert set(out["errors"]) == {"analysis"} and out["clusters"] is None
