"""The collaboration projection and the org -> region helper, on graphs whose answer is known."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.collaboration import DEFAULT_WEIGHTS, collaboration_graph, tie_evidence
from graph.exceptions import EmptyGraphError, InvalidGraphError, InvalidParameterError
from graph.regions import PROVINCE_ADJACENCY, PROVINCES, locate, locate_all


def org(G, oid, kind, **attrs):
    G.add_node(oid, label="Organisation", name=oid.upper(), kind=kind, aliases=[], **attrs)


def member(G, o, focus, rel="PARTNER_IN", doc="doc:a", date=None, sentence=None):
    G.add_edge(o, focus, key=f"{rel}|{doc}", rel=rel, doc=doc, date=date,
               sentence=sentence or f"{o} in {focus}", confidence=1.0)


@pytest.fixture
def small():
    G = nx.MultiDiGraph()
    for o, k in [("zh", "care_provider"), ("roc", "school"), ("gem", "government"),
                 ("wg", "employer_org"), ("x", "company")]:
        org(G, o, k)
    G.add_node("ini:lab", label="Initiative", name="Zorglab", kind="initiative",
               start_date="2018-01-01", end_date="2019-12-31")
    G.add_node("ini:pact", label="Initiative", name="Regiopact", kind="initiative")
    G.add_node("event:dag", label="Event", name="Werkdag", kind="event", date="2017-12-08")
    G.add_node("person:p", label="Person", name="P", kind="person")
    G.add_node("doc:a", label="Document", name="A", kind="document", date="2020-05-01")
    member(G, "zh", "ini:lab", date="2018-03-01")
    member(G, "roc", "ini:lab", rel="ORGANISED", date="2018-03-01")
    for o in ("zh", "roc", "gem", "wg"):
        member(G, o, "ini:pact")
    member(G, "gem", "event:dag", rel="PARTICIPATED_IN")
    member(G, "wg", "event:dag", rel="PARTICIPATED_IN")
    G.add_edge("person:p", "gem", key="AFFILIATED_WITH|doc:a", rel="AFFILIATED_WITH", doc="doc:a")
    G.add_edge("person:p", "x", key="AFFILIATED_WITH|doc:a", rel="AFFILIATED_WITH", doc="doc:a")
    for o in ("x", "zh"):
        G.add_edge(o, "doc:a", key="MENTIONED_IN|doc:a", rel="MENTIONED_IN", doc="doc:a",
                   mentions=[o])
    return G


def test_newman_weights_and_what_is_shared(small):
    C = collaboration_graph(small)
    assert set(C) == {"zh", "roc", "gem", "wg", "x"}
    e = C["zh"]["roc"]
    # 2-member lab: 1.0; 4-member pact: 1/3
    assert e["initiatives"] == ("ini:lab", "ini:pact")
    assert e["weight"] == pytest.approx(1.0 + 1 / 3)
    assert e["breakdown"] == {"initiative": pytest.approx(4 / 3)}
    g = C["gem"]["wg"]
    assert g["events"] == ("event:dag",)
    assert g["breakdown"]["event"] == pytest.approx(DEFAULT_WEIGHTS["event"])
    p = C["gem"]["x"]
    assert p["persons"] == ("person:p",) and p["weight"] == pytest.approx(0.5)
    d = C["x"]["zh"]
    assert d["documents"] == ("doc:a",) and d["weight"] == pytest.approx(0.25)
    # a co-mention counts less than a shared initiative
    assert d["weight"] < C["zh"]["gem"]["weight"]
    for _, _, a in C.edges(data=True):
        assert a["weight"] == pytest.approx(sum(a["breakdown"].values()))
    assert C.nodes["roc"]["sector"] == "onderwijs" and C.nodes["roc"]["n_initiatives"] == 2
    assert C.nodes["x"]["active"] is True          # tied through a person
    assert C.graph["foci"]["ini:pact"]["size"] == 4


def test_large_focus_not_expanded(small):
    C = collaboration_graph(small, max_group_size=3)
    assert "ini:pact" in C.graph["skipped_foci"]
    assert not C.has_edge("gem", "roc")              # only shared the 4-member pact
    assert C["zh"]["roc"]["initiatives"] == ("ini:lab",)
    assert C.nodes["gem"]["n_initiatives"] == 1      # membership still counted


def test_period_filter(small):
    C = collaboration_graph(small, start="2018-01-01", end="2018-12-31")
    # gem and wg still share the undated pact, but no longer the 2017 Werkdag
    assert C["gem"]["wg"]["initiatives"] == ("ini:pact",)
    assert "event:dag" not in C["gem"]["wg"]["events"]
    assert C["zh"]["roc"]["initiatives"] == ("ini:lab", "ini:pact")   # pact undated: kept
    assert not C.has_edge("x", "zh")                  # document dated 2020
    C2 = collaboration_graph(small, start="2018", end="2018", keep_undated=False)
    assert C2["zh"]["roc"]["initiatives"] == ("ini:lab",)
    assert not C2.has_edge("gem", "wg")
    C3 = collaboration_graph(small, start="2021-01-01")
    assert C3["zh"]["roc"]["initiatives"] == ("ini:pact",)     # the lab ended in 2019


def test_kind_filter_keeps_true_group_size(small):
    C = collaboration_graph(small, kinds=["care_provider", "school"])
    assert set(C) == {"zh", "roc"}
    assert C["zh"]["roc"]["weight"] == pytest.approx(1 + 1 / 3)
    C2 = collaboration_graph(small, sectors=["overheid", "werkgevers"])
    assert set(C2) == {"gem", "wg"}


def test_direct_relations_tie(small):
    small.add_edge("x", "wg", key="FUNDED_BY|doc:b", rel="FUNDED_BY", doc="doc:b")
    C = collaboration_graph(small)
    assert C["wg"]["x"]["direct"] == ("FUNDED_BY",)
    assert C["wg"]["x"]["breakdown"]["direct"] == DEFAULT_WEIGHTS["direct"]


def test_initiative_funded_by_org_makes_it_a_member(small):
    member(small, "gem", "ini:lab", rel="FUNDED_BY")
    small.remove_edge("gem", "ini:lab")
    small.add_edge("ini:lab", "gem", key="FUNDED_BY|doc:c", rel="FUNDED_BY", doc="doc:c")
    C = collaboration_graph(small)
    assert "ini:lab" in C["gem"]["zh"]["initiatives"]


def test_tie_evidence_returns_source_sentences(small):
    C = collaboration_graph(small)
    ev = tie_evidence(small, C, "zh", "roc")
    assert {e["focus"] for e in ev} == {"ini:lab", "ini:pact"}
    assert "zh in ini:lab" in [e["sentence"] for e in ev]


def test_bad_input():
    with pytest.raises(InvalidGraphError):
        collaboration_graph({"not": "a graph"})
    G = nx.MultiDiGraph()
    G.add_node("ini:x", label="Initiative", name="X", kind="initiative")
    with pytest.raises(EmptyGraphError):
        collaboration_graph(G)
    org(G, "a", "school")
    with pytest.raises(InvalidParameterError):
        collaboration_graph(G, kinds=["hospital"])
    with pytest.raises(InvalidParameterError):
        collaboration_graph(G, start="8 december 2017")
    with pytest.raises(InvalidParameterError):
        collaboration_graph(G, start="2020", end="2019")
    with pytest.raises(EmptyGraphError):
        collaboration_graph(G, kinds=["insurer"])


# --------------------------------------------------------------------------- regions


def regions_graph():
    G = nx.MultiDiGraph()
    G.add_node("region:ut", label="Region", name="Provincie Utrecht", kind="region",
               level="province")
    G.add_node("region:amf", label="Region", name="Gemeente Amersfoort", kind="region",
               level="municipality")
    G.add_node("region:amr", label="Region", name="Amersfoort e.o.", kind="region",
               level="labour_market_region")
    G.add_edge("region:amf", "region:amr", rel="PART_OF")
    G.add_edge("region:amr", "region:ut", rel="PART_OF")
    org(G, "a", "school")                                    # via LOCATED_IN chain
    G.add_edge("a", "region:amf", rel="LOCATED_IN")
    org(G, "b", "care_provider", place="Amersfoort")         # via place = Region name
    org(G, "c", "government", province="noord-brabant", place="Tilburg")
    org(G, "d", "company", place="Amersfoort", province="Gelderland")   # attribute wins
    org(G, "e", "company")
    return G


def test_region_helper_resolution_order():
    G = regions_graph()
    a = locate(G, "a")
    assert (a.province, a.municipality) == ("Utrecht", "Amersfoort")
    assert a.regions == ("province:Utrecht", "municipality:Amersfoort",
                         "labour_market_region:Amersfoort e.o.")
    b = locate(G, "b")
    assert b.province == "Utrecht" and "labour_market_region:Amersfoort e.o." in b.regions
    assert locate(G, "c").province == "Noord-Brabant"
    assert locate(G, "d").province == "Gelderland"
    assert locate(G, "e").province is None and locate(G, "e").regions == ()
    assert locate_all(G) == {n: locate(G, n) for n in "abcde"}


def test_collaboration_nodes_carry_regions():
    G = regions_graph()
    G.add_node("i", label="Initiative", name="I", kind="initiative")
    for o in "ab":
        member(G, o, "i")
    C = collaboration_graph(G)
    assert C.nodes["a"]["province"] == "Utrecht"
    assert C.nodes["a"]["regions"][-1] == "labour_market_region:Amersfoort e.o."
    assert C.has_edge("a", "b")


def test_province_adjacency_is_symmetric_and_complete():
    assert set(PROVINCE_ADJACENCY) == set(PROVINCES) and len(PROVINCES) == 12
    for p, nbrs in PROVINCE_ADJACENCY.items():
        assert nbrs and p not in nbrs
        for q in nbrs:
            assert p in PROVINCE_ADJACENCY[q]
    assert "Zeeland" in PROVINCE_ADJACENCY["Noord-Brabant"]
    assert "Groningen" not in PROVINCE_ADJACENCY["Limburg"]


def test_demo_graph_projection(demo_graph):
    C = collaboration_graph(demo_graph)
    assert C.number_of_nodes() == sum(
        1 for _, d in demo_graph.nodes(data=True) if d["label"] == "Organisation")
    vws = "org:government:ministerie-van-volksgezondheid-welzijn-en-sport"
    ocw = "org:government:ministerie-van-onderwijs-cultuur-en-wetenschap"
    assert C.has_edge(vws, ocw) and C[vws][ocw]["initiatives"]
    assert C.nodes[vws]["province"] == "Zuid-Holland"
