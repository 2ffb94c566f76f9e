"""Every named query returns the same rows on LadybugDB and Neo4j; the data-quality
queries find the flaws of a flawed graph."""

from __future__ import annotations

import pytest

from graph.queries import get_query, run_named
from queries_common import NAMES, OCW, VOLATILE, VWS, _tuples, col, run
from queries_common import neo4j_demo  # noqa: F401  (a fixture)


# --------------------------------------------------------------------------- both engines

#: Extra parameter sets compared across the engines (besides the examples).
ALT_PARAMS = [
    ("partners_van_initiatief", {"initiative": "Kopgroep Zorgpact"}),
    ("initiatieven_van_organisatie", {"org": "landstede groep"}),
    ("banden_van_organisatie", {"org": "Windesheim Flevoland"}),
    ("regios_zonder_soort", {"kind": "care_provider"}),
    ("regios_zonder_soort", {"kind": "government"}),
    ("kortste_keten", {"org_a": "CZ", "org_b": "Utrechtzorg"}),
    ("kortste_keten", {"org_a": "Blokker", "org_b": "CZ"}),
    ("verbindende_personen", {"min_orgs": "5"}),
    ("nieuwste_documenten", {"limit": "2"}),
    ("beweringen_uit_document", {"doc": "Energieke Kopgroepbijeenkomst Zwolle"}),
    ("entiteiten_uit_document", {"doc": "zorgnet-demo#zorgpact-flevoland-2016-11"}),
    ("ontbrekende_verbindingen", {"min_shared": "2"}),
    ("ontbrekende_verbindingen", {"max_members": "3"}),
    ("gedeelde_partners", {"max_members": "4"}),
    ("eenmalig_genoemde_entiteiten", {"max_docs": "2"}),
    ("mogelijke_dubbelen", {"prefix": "10"}),
    ("ontbrekende_verbindingen", {"limit": "5"}),
    ("gedeelde_partners", {"limit": "5", "min_partners": "1"}),
]
CASES = [pytest.param(n, {}, id=n) for n in NAMES] + [
    pytest.param(n, p, id=f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items())}")
    for n, p in ALT_PARAMS]


@pytest.mark.neo4j
@pytest.mark.parametrize("name, params", CASES)
def test_both_engines_return_the_same_rows(name, params, demo_lb, neo4j_demo):
    cols_lb, rows_lb = run_named(demo_lb, name, params)
    cols_n4, rows_n4 = run_named(neo4j_demo, name, params)
    assert cols_lb == cols_n4 == get_query(name).columns("neo4j")
    drop = VOLATILE.get(name, set())
    a, b = _tuples(rows_lb, drop), _tuples(rows_n4, drop)
    assert sorted(a, key=repr) == sorted(b, key=repr)
    if not drop:
        assert a == b, "zelfde rijen, andere volgorde"



# --------------------------------------------------------------------------- data quality


@pytest.fixture
def flawed_lb(tmp_path):
    """The demo plus a few flaws and a judgment, on a private LadybugDB."""
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches
    from loaders.rows import Batch, DocumentRow, EntityRow, RelationRow

    with LadybugStore(tmp_path / "flawed.lbug") as s:
        s.load(demo_batches())
        doc = DocumentRow(source="test#kwaliteit", title="Testbron", checksum="t1")
        coloriet = EntityRow("Coloriet", "care_provider")
        pact = EntityRow("Zorgpact Testregio", "initiative")
        s.load([Batch(
            documents=[doc],
            entities=[coloriet, pact,
                      EntityRow("Coloriet", "school"),            # same name, other kind
                      EntityRow("Landstede", "school")],          # an alias of Landstede Groep
            relations=[RelationRow(coloriet.id, "PARTNER_IN", pact.id, doc.id, sentence="")],
        )])
        # Data written outside Zorgnet's loaders (which refuse a relation without a
        # stored source): an initiative and a relation citing no Document.
        from graph.model import merge_node_cypher, merge_rel_cypher

        orphan = EntityRow("Testinitiatief zonder bron", "initiative")
        s._run_in_transaction([
            (merge_node_cypher("Initiative"), {"rows": [orphan.as_row()]}),
            (merge_rel_cypher("PARTNER_IN", "Organisation", "Initiative"), {"rows": [
                RelationRow(coloriet.id, "PARTNER_IN", orphan.id, "doc:bestaat-niet",
                            sentence="iets").as_row()]}),
        ])
        s.judge("org:government:ministerie-van-onderwijs-cultuur-en-wetenschap",
                "org:government:ministerie-van-volksgezondheid-welzijn-en-sport",
                "niet_relevant", by="test")
        yield s


def test_quality_queries_find_the_flaws(flawed_lb):
    rows = run(flawed_lb, "relaties_zonder_bewijs")
    assert [(r["van"], r["relatie"], r["naar"], r["probleem"]) for r in rows] == [
        ("Coloriet", "PARTNER_IN", "Testinitiatief zonder bron", "onbekend document"),
        ("Coloriet", "PARTNER_IN", "Zorgpact Testregio", "geen zin")]
    dup = {(r["reden"], frozenset((r["entiteit_a"], r["entiteit_b"])))
           for r in run(flawed_lb, "mogelijke_dubbelen")}
    assert ("zelfde naam, andere soort", frozenset(["Coloriet"])) in dup
    assert ("naam is alias van de ander", frozenset(["Landstede Groep", "Landstede"])) in dup
    once = set(col(run(flawed_lb, "eenmalig_genoemde_entiteiten"), "naam"))
    assert {"Zorgpact Testregio", "Landstede"} <= once


def test_judged_pairs_are_no_longer_suggested(flawed_lb, demo_lb):
    pair = frozenset((VWS, OCW))

    def pairs(store):
        return {frozenset((r["organisatie_a"], r["organisatie_b"]))
                for r in run(store, "ontbrekende_verbindingen")}

    assert pair in pairs(demo_lb) and pair not in pairs(flawed_lb)
    assert pairs(demo_lb) - pairs(flawed_lb) == {pair}
    verdicts = run(flawed_lb, "beoordelingen")
    assert [(r["source_name"], r["target_name"], r["verdict"], r["judged_by"])
            for r in verdicts] == [(OCW, VWS, "niet_relevant", "test")]
