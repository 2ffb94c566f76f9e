"""Regional profiles, the golden triangle, and gaps against their stated baselines."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.collaboration import collaboration_graph
from graph.exceptions import InvalidParameterError
from graph.gaps import poisson_lower_tail, region_matrix, region_profiles, regional_gaps
from graph.regions import PROVINCES


def add(C, n, sector, province, municipality=None, active=True):
    regions = [f"province:{province}"] + ([f"municipality:{municipality}"] if municipality else [])
    C.add_node(n, name=n, sector=sector, kind="x", province=province, municipality=municipality,
               regions=regions, active=active)


def test_triangle_complete_and_missing():
    C = nx.Graph()
    add(C, "z", "zorg", "Utrecht", "Ede")
    add(C, "o", "onderwijs", "Utrecht", "Ede")
    add(C, "g", "overheid", "Utrecht", "Zeist")
    add(C, "school_idle", "onderwijs", "Zeeland", active=False)
    add(C, "z2", "zorg", "Zeeland")
    C.add_edges_from([("z", "o"), ("o", "g")], weight=1.0)
    rows = {r["key"]: r for r in region_profiles(C)}
    ut = rows["province:Utrecht"]
    assert ut["triangle_complete"] and ut["triangle_complete_active"]
    assert ut["sectors_active"] == {"zorg": 1, "onderwijs": 1, "overheid": 1, "werkgevers": 0,
                                    "bedrijven": 0}
    ede = rows["municipality:Ede"]
    assert ede["missing_active"] == ["overheid"] and ede["internal_ties"] == 1
    zl = rows["province:Zeeland"]
    assert zl["missing"] == ["overheid"] and zl["missing_active"] == ["onderwijs", "overheid"]
    assert len([r for r in rows if r.startswith("province:")]) == 12

    res = regional_gaps(C, min_active=1)
    tri = {tuple(g["regions"]): g for g in res["gaps"] if g["type"] == "driehoek"}
    assert ("Utrecht",) not in tri
    assert tri[("Zeeland",)]["missing"] == ["onderwijs", "overheid"]
    r = tri[("Zeeland",)]["reason"]
    assert "Zeeland" in r and "1 bekend, geen actief" in r and "ook geen bekend" in r
    # the baseline in adviser words: of the 2 tested provinces, 1 (Utrecht) has the sector
    assert "van de 2 getoetste provincies heeft 1 er minstens één actief" in r
    codes = {(x["code"], x["sector"]): x for x in tri[("Zeeland",)]["reasons"]}
    assert codes[("triangle_missing", "onderwijs")]["n_known_sector"] == 1
    assert codes[("triangle_missing", "overheid")]["regions_with_sector"] == 1
    # a province without any known organisation is "geen gegevens", never a gap
    assert ("Groningen",) not in tri
    nodata = {x["region"]: x for x in res["no_data"]}
    assert nodata["Groningen"]["code"] == "no_data" and len(nodata) == 10


def test_triangle_needs_enough_active_organisations():
    C = nx.Graph()
    for i in range(4):
        add(C, f"z{i}", "zorg", "Zeeland")
    res = regional_gaps(C)                         # default: at least 5 active
    assert not [g for g in res["gaps"] if g["type"] == "driehoek"]
    nodata = {x["region"]: x for x in res["no_data"]}
    assert nodata["Zeeland"]["code"] == "too_little_data" and nodata["Zeeland"]["n_active"] == 4
    add(C, "z4", "zorg", "Zeeland")
    tri = [g for g in regional_gaps(C)["gaps"] if g["type"] == "driehoek"]
    assert [g["regions"] for g in tri] == [["Zeeland"]]
    assert res["baseline"]["threshold"]["min_active_triangle"] == 5


def test_umbrella_bodies_are_not_a_regions_organisations():
    C = nx.Graph()
    for i, s in enumerate(["zorg", "onderwijs", "zorg", "onderwijs", "zorg"]):
        add(C, f"zh{i}", s, "Zuid-Holland")
    add(C, "vws", "overheid", "Zuid-Holland")
    C.nodes["vws"]["umbrella"] = True
    tri = [g for g in regional_gaps(C)["gaps"] if g["type"] == "driehoek"]
    assert [(g["regions"], g["missing"]) for g in tri] == [(["Zuid-Holland"], ["overheid"])]


def grid_graph(drop_pair=None, quiet_region=None):
    """Provinces of 20 orgs each; 8 ties inside each, 10 between every bordering pair."""
    C = nx.Graph()
    provs = ["Utrecht", "Gelderland", "Noord-Holland", "Zuid-Holland", "Flevoland"]
    for p in provs:
        for i in range(20):
            add(C, f"{p}{i}", ("zorg", "onderwijs", "overheid")[i % 3], p)
        if p != quiet_region:
            for i in range(8):
                C.add_edge(f"{p}{i}", f"{p}{i + 10}", weight=1.0)
    from graph.regions import provinces_adjacent
    for a in provs:
        for b in provs:
            if a < b and provinces_adjacent(a, b) and {a, b} != set(drop_pair or ()):
                for i in range(10):
                    C.add_edge(f"{a}{i}", f"{b}{(i + 3) % 20}", weight=0.5)
    return C


def test_pair_gap_against_gravity_baseline():
    C = grid_graph(drop_pair=("Utrecht", "Gelderland"))
    res = regional_gaps(C)
    pairs = [g for g in res["gaps"] if g["type"] == "tussen"]
    assert [sorted(g["regions"]) for g in pairs] == [["Gelderland", "Utrecht"]]
    g = pairs[0]
    assert g["observed"] == 0 and g["adjacent"] is True
    assert g["ratio"] < 0.25 and g["p_value"] < 0.05
    assert g["expected"] == pytest.approx(res["baseline"]["rates"]["tussen_buurprovincies"] * 400)
    assert "zwaartekrachtmodel" in g["reason"] and "Poisson" in g["reason"]
    assert not [x for x in regional_gaps(grid_graph())["gaps"] if x["type"] == "tussen"]


def test_inside_gap_against_size_baseline():
    res = regional_gaps(grid_graph(quiet_region="Flevoland"))
    inside = [g for g in res["gaps"] if g["type"] == "binnen"]
    assert [g["regions"] for g in inside] == [["Flevoland"]]
    t = res["baseline"]["rates"]["binnen_province"]
    assert inside[0]["expected"] == pytest.approx(t * 20)
    assert "Binnen provincie Flevoland" in inside[0]["reason"]


def test_matrix_is_symmetric_with_internal_diagonal():
    C = grid_graph()
    M = region_matrix(C)
    i, j = M["regions"].index("Utrecht"), M["regions"].index("Gelderland")
    assert M["ties"][i][j] == M["ties"][j][i] == 10
    assert M["ties"][i][i] == 8
    assert M["regions"][:12] == list(PROVINCES)


def test_poisson_tail_matches_direct_sum():
    for k, mu in [(0, 0.2), (3, 9.5), (40, 60.0), (500, 480.0)]:
        direct = sum(math.exp(-mu + j * math.log(mu) - math.lgamma(j + 1)) for j in range(k + 1))
        assert poisson_lower_tail(k, mu) == pytest.approx(direct, rel=1e-9)


def test_bad_thresholds():
    with pytest.raises(InvalidParameterError):
        regional_gaps(grid_graph(), ratio=2)


def test_gaps_on_a_projection_with_municipalities():
    G = nx.MultiDiGraph()
    G.add_node("region:p", label="Region", name="Provincie Drenthe", kind="region", level="province")
    G.add_node("region:m", label="Region", name="Assen", kind="region", level="municipality")
    G.add_edge("region:m", "region:p", rel="PART_OF")
    G.add_node("i", label="Initiative", name="I", kind="initiative")
    for o, k in [("a", "care_provider"), ("b", "school"), ("c", "care_provider")]:
        G.add_node(o, label="Organisation", name=o, kind=k)
        G.add_edge(o, "region:m", rel="LOCATED_IN")
        G.add_edge(o, "i", rel="PARTNER_IN", doc="d")
    res = regional_gaps(collaboration_graph(G), min_active=3)
    rows = {r["key"]: r for r in res["regions"]}
    assert rows["municipality:Assen"]["n_orgs"] == 3
    assert rows["province:Drenthe"]["internal_ties"] == 3
    gap = [g for g in res["gaps"] if g["regions"] == ["Assen"]][0]
    assert gap["missing"] == ["overheid"] and "Gemeente Assen" in gap["reason"]
