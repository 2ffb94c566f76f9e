"""The synthetic generator: projection format, proportions, size, determinism; and analyze()."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

from graph.analysis import analyze
from graph.collaboration import collaboration_graph
from graph.exceptions import InvalidGraphError, InvalidParameterError
from graph.model import ORG_KINDS, REGION_LEVELS, REL_TABLES
from graph.regions import PROVINCES, locate_all
from graph.synthetic import synthetic_graph


@pytest.fixture(scope="module")
def G():
    return synthetic_graph(1000, seed=11)


def test_projection_format(G):
    labels = Counter(d["label"] for _, d in G.nodes(data=True))
    assert set(labels) == {"Organisation", "Initiative", "Event", "Person", "Region", "Document"}
    assert labels["Organisation"] == 1000
    for n, d in G.nodes(data=True):
        assert d["name"] and "kind" in d
        if d["label"] == "Organisation":
            assert d["kind"] in ORG_KINDS and n.startswith(f"org:{d['kind']}:")
        if d["label"] == "Region":
            assert d["level"] in REGION_LEVELS
        if d["label"] == "Event":
            assert len(d["date"]) == 10
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["rel"] in REL_TABLES and k == f"{d['rel']}|{d['doc']}"
    rels = Counter(d["rel"] for _, _, d in G.edges(data=True))
    for rel in ("PARTNER_IN", "PARTICIPATED_IN", "ORGANISED", "AFFILIATED_WITH", "LOCATED_IN",
                "ACTIVE_IN", "PART_OF", "MENTIONED_IN", "FUNDED_BY", "JUDGED"):
        assert rels[rel] > 0, rel
    provinces = {d["province"] for _, d in G.nodes(data=True)
                 if d["label"] == "Region" and d["level"] == "province"}
    assert provinces == set(PROVINCES)


def test_every_organisation_resolves_to_a_province(G):
    locs = locate_all(G, [n for n, d in G.nodes(data=True) if d["label"] == "Organisation"])
    assert all(loc.province in PROVINCES and loc.municipality for loc in locs.values())
    # the helper's fall-backs are exercised: not every org has a province attribute
    assert any(G.nodes[n].get("province") is None for n in locs)


def test_sector_proportions(G):
    kinds = Counter(d["kind"] for _, d in G.nodes(data=True) if d["label"] == "Organisation")
    assert kinds.most_common(1)[0][0] == "care_provider"
    assert kinds["school"] > kinds["employer_org"] > kinds["insurer"] > 0
    assert kinds["insurer"] <= 10


def test_target_edges_and_determinism(G):
    C = collaboration_graph(G)
    assert 9_000 <= C.number_of_edges() <= 11_000
    again = synthetic_graph(1000, seed=11)
    assert list(again.nodes(data=True)) == list(G.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    other = synthetic_graph(1000, seed=12)
    assert list(other.edges(keys=True)) != list(G.edges(keys=True))
    C2 = collaboration_graph(synthetic_graph(600, target_edges=3000, seed=1))
    assert 2_700 <= C2.number_of_edges() <= 3_300


def test_bad_parameters():
    with pytest.raises(InvalidParameterError):
        synthetic_graph(10)
    with pytest.raises(InvalidParameterError):
        synthetic_graph(100, target_edges=0)


def test_analyze_is_json_and_deterministic(G):
    r1 = analyze(G, seed=5, top=5)
    r2 = analyze(G, seed=5, top=5)
    text = json.dumps(r1)
    assert "NaN" not in text
    for part in ("clusters", "brokers", "gaps", "suggestions", "judged", "collaboration"):
        assert json.dumps(r1[part], sort_keys=True) == json.dumps(r2[part], sort_keys=True)
    meta = r1["meta"]
    assert meta["seed"] == 5 and meta["methods"]["clusters"] == "leiden"
    assert set(meta["timings"]) >= {"collaboration", "clusters", "brokers", "gaps", "suggestions"}
    assert r1["clusters"]["modularity"] > 0.3
    assert r1["suggestions"]["organisations"][0]["reason"]
    judged = {frozenset((j["source"], j["target"])) for j in r1["judged"]}
    assert judged and not judged & {frozenset((s["a"], s["b"]))
                                    for s in r1["suggestions"]["organisations"]}
    with pytest.raises(InvalidGraphError):
        analyze([1, 2, 3])


def test_analyze_demo_graph(demo_graph):
    res = analyze(demo_graph, seed=0, top=5)
    json.dumps(res)
    from loaders.demo import DEMO_DIR

    with (DEMO_DIR / "entiteiten.csv").open(encoding="utf-8") as f:
        n_orgs = sum(1 for r in csv.DictReader(f) if r["type"] in ORG_KINDS)
    assert res["collaboration"]["n_organisations"] == n_orgs >= 300
    assert res["clusters"]["n_clusters"] >= 2
    sb = res["brokers"]["sector_bridges"]["top"]
    assert sb and all(b["reason"].startswith("Verbindt") for b in sb)
    no_data = {x["region"] for x in res["gaps"]["no_data"]}
    tri = [g for g in res["gaps"]["gaps"] if g["type"] == "driehoek"]
    assert no_data and not no_data & {r for g in tri for r in g["regions"]}


def test_cli_analyze_on_the_demo_store(tmp_path):
    """``zorgnet analyze`` end to end: demo store -> projection -> analysis -> JSON/summary."""
    from typer.testing import CliRunner

    from zorgnet.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["demo"]).exit_code == 0     # the test's own ZORGNET_DB
    out = tmp_path / "analyse.json"
    res = runner.invoke(app, ["analyze", "--json", "--seed", "1", "--top", "3", "--out", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["seed"] == 1 and data["collaboration"]["n_organisations"] >= 300
    assert len(data["suggestions"]["organisations"]) <= 3
    res = runner.invoke(app, ["analyze", "--top", "3"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Samenwerking:") and "Regionale gaten" in res.stdout
