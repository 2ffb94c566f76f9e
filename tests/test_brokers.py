"""Brokers: betweenness, constraint, sector and region bridges on graphs with known answers."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph.brokers import betweenness, broker_report, constraint, region_bridges, sector_bridges
from graph.collaboration import collaboration_graph
from graph.exceptions import EmptyGraphError
from graph.synthetic import synthetic_graph


def bridged_cliques():
    """Two 5-cliques; 'x' is tied to two members of each (the only bridge)."""
    C = nx.Graph()
    a = [f"a{i}" for i in range(5)]
    b = [f"b{i}" for i in range(5)]
    for grp in (a, b):
        C.add_edges_from(((u, v) for i, u in enumerate(grp) for v in grp[i + 1:]), weight=1.0)
    C.add_edges_from([("x", "a0"), ("x", "a1"), ("x", "b0"), ("x", "b1")], weight=1.0)
    for n in C:
        C.nodes[n].update(name=n, sector="zorg", kind="care_provider", province="Utrecht")
    return C


def test_bridge_has_highest_betweenness_and_lowest_constraint():
    C = bridged_cliques()
    b = betweenness(C)
    c = constraint(C)
    assert max(b, key=b.get) == "x"
    assert min(c, key=c.get) == "x"
    rep = broker_report(C, top=3)
    assert rep["betweenness"]["top"][0]["id"] == "x" and rep["betweenness"]["exact"] is True
    assert rep["constraint"]["top"][0]["id"] == "x"


def test_measures_match_networkx_on_weighted_graph():
    C = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=2)
    rng = np.random.default_rng(1)
    for u, v in C.edges:
        C[u][v]["weight"] = float(rng.integers(1, 4))
    ref_c = nx.constraint(C, weight="weight")
    got_c = constraint(C)
    assert all(got_c[n] == pytest.approx(ref_c[n]) for n in C)
    ref_b = nx.betweenness_centrality(C)
    got_b = betweenness(C)
    assert all(got_b[n] == pytest.approx(ref_b[n], abs=1e-12) for n in C)


def test_sampled_betweenness_states_k_and_is_seeded():
    C = collaboration_graph(synthetic_graph(600, seed=5))
    r1 = broker_report(C, k=40, seed=1, top=5)
    r2 = broker_report(C, k=40, seed=1, top=5)
    assert r1["betweenness"]["k"] == 40 and r1["betweenness"]["exact"] is False
    assert "40" in r1["betweenness"]["method"]
    assert r1 == r2
    exact = betweenness(C)
    est = betweenness(C, k=200, seed=0)
    top_exact = sorted(exact, key=exact.get, reverse=True)[:10]
    top_est = sorted(est, key=est.get, reverse=True)[:10]
    assert len(set(top_exact) & set(top_est)) >= 6
    auto = broker_report(C, sample_threshold=100, top=10, seed=3)
    assert "KADABRA" in auto["betweenness"]["method"] and not auto["betweenness"]["exact"]
    assert auto == broker_report(C, sample_threshold=100, top=10, seed=3)     # seeded
    ex = broker_report(C, top=10)
    assert len({r["id"] for r in auto["betweenness"]["top"][:10]}
               & {r["id"] for r in ex["betweenness"]["top"][:10]}) >= 6
    # same scale as exact betweenness (normalised like networkx)
    assert auto["betweenness"]["top"][0]["betweenness"] == pytest.approx(
        ex["betweenness"]["top"][0]["betweenness"], rel=0.3)


def test_sector_bridge_links_the_triangle():
    C = nx.Graph()
    for n, s in [("roc", "onderwijs"), ("zh1", "zorg"), ("zh2", "zorg"), ("gem", "overheid"),
                 ("wg", "werkgevers")]:
        C.add_node(n, name=n.upper(), sector=s)
    C.add_edges_from([("roc", "zh1"), ("roc", "gem"), ("zh1", "zh2"), ("zh2", "wg")], weight=1.0)
    sb = sector_bridges(C)
    assert [b["id"] for b in sb] == ["roc"]        # zh2 reaches one other sector only
    assert sb[0]["links_triangle"] is True
    assert "zh2" in [b["id"] for b in sector_bridges(C, min_sectors=1)]
    assert sb[0]["sectors_reached"] == ["zorg", "overheid"]
    assert "gouden driehoek" in sb[0]["reason"] and "1 met overheid" in sb[0]["reason"]


def test_region_bridge_counts_provinces():
    C = nx.Graph()
    for n, p in [("hub", "Utrecht"), ("g", "Gelderland"), ("z", "Zeeland"), ("u", "Utrecht"),
                 ("l", "Limburg"), ("l2", "Limburg")]:
        C.add_node(n, name=n, province=p)
    C.add_edges_from([("hub", "g"), ("hub", "z"), ("hub", "u"), ("l", "l2"), ("l", "g")],
                     weight=1.0)
    rb = {r["id"]: r for r in region_bridges(C, min_provinces=3)}
    assert set(rb) == {"hub", "g"}                 # g: Gelderland, tied to Utrecht and Limburg
    hub = rb["hub"]
    assert hub["n_provinces"] == 3 and hub["out_of_province_ties"] == 2
    assert hub["ties_per_province"] == {"Utrecht": 1, "Gelderland": 1, "Zeeland": 1}
    rb = rb["hub"]
    rb = [rb]
    assert "Gelderland (1)" in rb[0]["reason"] and "Zeeland (1)" in rb[0]["reason"]


def test_no_ties_is_an_error():
    C = nx.Graph()
    C.add_nodes_from(["a", "b"])
    with pytest.raises(EmptyGraphError):
        broker_report(C)


def test_only_organisations_that_bridge_are_listed_with_why():
    C = nx.Graph()
    # a clique of four care providers in Utrecht: no one is a broker
    for n in "abcd":
        C.add_node(n, name=n, sector="zorg", province="Utrecht")
    C.add_edges_from([(x, y) for x in "abcd" for y in "abcd" if x < y], weight=1.0)
    # a school tied to two care providers in two provinces: bridges provinces (betw. 0)
    C.add_node("s", name="s", sector="onderwijs", province="Utrecht")
    C.add_node("z", name="z", sector="zorg", province="Zeeland")
    C.add_edges_from([("s", "a"), ("s", "z"), ("z", "a")], weight=1.0)
    # an umbrella body tied to everybody: never listed
    C.add_node("kab", name="kabinet", sector="overheid", province="Zuid-Holland", umbrella=True)
    C.add_edges_from([("kab", n) for n in "abcdsz"], weight=0.1)
    rep = broker_report(C, top=20)
    listed = {r["id"] for key in ("betweenness", "constraint", "degree")
              for r in rep[key]["top"]}
    listed |= {r["id"] for key in ("sector_bridges", "region_bridges") for r in rep[key]["top"]}
    assert "kab" not in listed and "b" not in listed and "c" not in listed
    for key in ("betweenness", "constraint", "degree"):
        for r in rep[key]["top"]:
            codes = {w["code"] for w in r["why"]}
            assert r["betweenness"] > 0 or {"partner_sectors", "partner_provinces"} & codes
            assert r["why_nl"]
    s = [r for r in rep["degree"]["top"] if r["id"] == "s"][0]
    assert {w["code"] for w in s["why"]} >= {"partner_provinces"}
