"""The Netwerk explorer without a browser: drill-down without dead ends, the
working set, the organisation view, group layout, labels and the canvas data."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import layout, netpage, view
from graph.collaboration import collaboration_graph
from graph.entities import entity_graph
from graph.synthetic import synthetic_graph
from graph.view import REST_NODE, ViewFilter
from graph.workset import WorkingSet, apply_working_set, organisation_graph

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def synth():
    G = synthetic_graph(1500, seed=3)
    E = entity_graph(G)
    C = collaboration_graph(G)
    from graph.clusters import cluster_report

    mem = cluster_report(C, seed=0)["membership"]
    return G, E, C, mem


def _orgs(E):
    return [n for n, d in E.nodes(data=True) if d.get("label") == "Organisation"]


def test_every_organisation_is_reachable_in_three_clicks_without_dead_ends(synth):
    _, E, _, mem = synth
    limit = 150
    top = view.build_view(E, ViewFilter(), mem, limit=limit)
    assert top.aggregated and top.group_by == "province"
    seen, listed, worst = set(), set(), 0
    frontier = [(ViewFilter(), top, 0)]
    while frontier:
        f, V, clicks = frontier.pop()
        if not V.aggregated:
            drawn = {n for n in V.graph if n != REST_NODE}
            seen |= drawn
            if REST_NODE in V.graph:       # the rest node lists every member left out
                rest = set(V.graph.nodes[REST_NODE]["members"])
                assert not rest & drawn
                assert len(rest) + len(drawn) == V.n_filtered
                listed |= rest
            worst = max(worst, clicks)
            continue
        for k in V.graph:
            g = view.drill_filter(f, k)
            if g is None:                  # an unknown group: its members are listed
                listed |= set(V.graph.nodes[k]["members"])
                continue
            W = view.build_view(E, g, mem, limit=limit)
            assert W.n_filtered < V.n_filtered or not W.aggregated, (f, k)  # no dead end
            assert W.group_by != V.group_by or not W.aggregated, (f, k)
            frontier.append((g, W, clicks + 1))
    assert worst <= 3
    orgs = set(_orgs(E))
    # every organisation is drawn within three clicks, or listed in the panel of
    # the bubble that stands for the rest of its group
    assert not orgs - seen - listed, sorted(orgs - seen - listed)[:5]
    assert len(orgs & seen) >= 0.8 * len(orgs)


def test_group_labels_say_what_is_inside(synth):
    _, E, _, mem = synth
    V = view.build_view(E, ViewFilter(), mem, limit=150)
    d = V.graph.nodes["province:Utrecht"]
    assert d["size"] == len(d["members"]) and d["types"]
    label = netpage.group_label(d, lambda types: f"{sum(types.values())} leden")
    assert label == f"Utrecht\n{d['size']} leden"
    data = netpage.network_data(V.graph, pos=layout.group_layout(V.graph),
                                count_text=lambda types: "x")
    assert all(n["grp"] == "province" for n in data["nodes"])


def test_province_groups_lie_where_the_provinces_are(synth):
    _, E, _, mem = synth
    V = view.build_view(E, ViewFilter(), mem, limit=150)
    pos = layout.group_layout(V.graph)
    assert pos["province:Groningen"][1] < pos["province:Limburg"][1]     # north is up
    assert pos["province:Zeeland"][0] < pos["province:Overijssel"][0]     # west is left
    xy = list(pos.values())
    assert min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
               for i, a in enumerate(xy) for b in xy[i + 1:]) >= layout.GROUP_GAP - 1


def test_working_set_expands_and_hides(synth):
    _, E, _, _ = synth
    org = max(_orgs(E), key=E.degree)
    H = view.build_view(E, ViewFilter(focus=org, hops=1)).graph
    far = next(n for n in E if n not in H and E.nodes[n].get("type") != "region"
               and any(m not in H and E.nodes[m].get("type") != "region" for m in E[n]))
    K, added = apply_working_set(H, E, WorkingSet(expanded=(far,)))
    assert far in K and set(H) <= set(K)
    assert set(E[far]) & set(K) - set(H)                   # its neighbours came along
    assert all(a == far or m == far for m, a in added.items())
    pos = layout.layout(H)
    pos2 = layout.extend_layout(pos, K, added)
    assert all(pos2[n] == pos[n] for n in H)               # nothing drawn moves
    hidden = next(n for n in H if n != org)
    K2, _ = apply_working_set(H, E, WorkingSet(hidden=(hidden,)))
    assert hidden not in K2 and set(K2) == set(H) - {hidden}
    ws = WorkingSet().expand("a").expand("b").hide("a").select("b")
    assert ws == WorkingSet(("b",), ("a",), "b")
    assert WorkingSet.from_params(ws.as_params()) == ws


def test_organisation_view_links_organisations_by_their_ties():
    G = nx.MultiDiGraph()
    for o, k in [("a", "care_provider"), ("b", "school"), ("c", "government")]:
        G.add_node(f"org:{k}:{o}", label="Organisation", name=XSS if o == "a" else o.upper(),
                   kind=k, province="Utrecht")
    G.add_node("ini:lab", label="Initiative", name="Zorglab <b>", kind="initiative")
    for o in ("org:care_provider:a", "org:school:b"):
        G.add_edge(o, "ini:lab", key="PARTNER_IN|d", rel="PARTNER_IN", doc="d")
    E = entity_graph(G)
    O = organisation_graph(collaboration_graph(G), E)
    assert set(O) == {"org:care_provider:a", "org:school:b", "org:government:c"}
    assert list(O["org:care_provider:a"]["org:school:b"]["initiatives"]) == ["ini:lab"]
    assert O.nodes["org:school:b"]["type"] == "school"
    V = view.build_view(O, ViewFilter(kinds=("school", "care_provider")))
    assert set(V.graph) == {"org:care_provider:a", "org:school:b"}
    data = netpage.network_data(V.graph, fmt_num=lambda x: f"{x:.1f}".replace(".", ","))
    (edge,) = data["edges"]
    assert "Zorglab &lt;b&gt;" in edge["title"] and "1,0" in edge["title"]
    assert "<img" not in edge["title"] and "&lt;img" in edge["title"]
    assert data["info"]["org_view"]


def test_canvas_data_marks_importance_and_clusters(synth):
    _, E, _, mem = synth
    V = view.build_view(E, ViewFilter(regions=("province:Utrecht",)), mem, limit=150)
    assert V.aggregated
    data = netpage.network_data(V.graph, pos=layout.group_layout(V.graph))
    assert {n["grp"] for n in data["nodes"]} == {V.group_by}
    if V.group_by == "cluster":
        assert data["info"]["clusters"]
        assert all(netpage.cluster_color(k) == c for k, c in data["info"]["clusters"].items())
    small = view.build_view(E, ViewFilter(focus=max(_orgs(E), key=E.degree)), mem)
    d2 = netpage.network_data(small.graph, membership=mem, color_by="cluster")
    imps = sorted(n["imp"] for n in d2["nodes"])
    assert imps[-1] == 1.0 and imps[0] < 1.0
    assert d2["info"]["clusters"]


def test_organisation_graph_shares_the_ties_read_only(synth):
    """The organisation view does not copy the collaboration graph's ties (hundreds of
    thousands at national scale) and cannot change them."""
    C = collaboration_graph(synth[0])
    O = organisation_graph(C, synth[1])
    assert O.number_of_edges() == C.number_of_edges() > 0
    u, v = next(iter(C.edges()))
    assert O[u][v] is C[u][v]
    with pytest.raises(nx.NetworkXError):
        O.add_edge(u, "elders")
    assert "elders" not in C
