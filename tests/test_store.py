"""The store on both engines: same rows in, same counts out; idempotent; atomic."""

from __future__ import annotations

import pytest

from graph.model import make_id
from graph.store import QueryError
from loaders.demo import demo_batches
from loaders.rows import Batch, DocumentRow, EntityRow, RelationRow, RowError
from loaders.spreadsheet import read_spreadsheet

PARTNERS = """organisatie,soort,plaats,initiatief,rol,regio
ROC Midden Nederland,school,Utrecht,Zorgpact Utrecht,koploper,Utrecht
Gemeente Utrecht,overheid,Utrecht,Zorgpact Utrecht,partner,
Zorggroep Eemland,zorgaanbieder,Amersfoort,Zorgpact Utrecht,,
Hogeschool Utrecht,school,Utrecht,Zorgpact Utrecht,,
"""


def _counts(store):
    c = store.counts()
    return c["nodes"], c["relationships"]


def test_demo_counts_match_the_demo_files(store):
    import csv

    from loaders.demo import DEMO_DIR

    report = store.load(demo_batches())
    ents = list(csv.DictReader((DEMO_DIR / "entiteiten.csv").open(encoding="utf-8")))
    rels = list(csv.DictReader((DEMO_DIR / "relaties.csv").open(encoding="utf-8")))
    srcs = list(csv.DictReader((DEMO_DIR / "bronnen.csv").open(encoding="utf-8")))
    nodes, relcounts = _counts(store)
    assert sum(nodes[lab] for lab in ("Organisation", "Initiative", "Event", "Person",
                                      "Region")) == len(ents)
    assert nodes["Document"] == len(srcs) == len(report.written)
    semantic = sum(v for k, v in relcounts.items() if k not in ("MENTIONED_IN", "JUDGED"))
    assert semantic == len(rels)
    orgs = [e for e in ents if e["type"] not in ("initiative", "event", "person", "region")]
    assert nodes["Organisation"] == len(orgs)


def test_load_twice_changes_nothing(store):
    first = store.load(demo_batches())
    before = _counts(store)
    again = store.load(demo_batches())
    assert again.skipped == sorted(first.written) or set(again.skipped) == set(first.written)
    assert again.written == [] and again.replaced == []
    assert _counts(store) == before


@pytest.mark.neo4j
def test_both_engines_give_identical_counts(lb_store, neo4j_store, tmp_path):
    p = tmp_path / "partners.csv"
    p.write_text(PARTNERS, encoding="utf-8")
    for s in (lb_store, neo4j_store):
        s.load(demo_batches())
        s.load([read_spreadsheet(p)])
        s.load([read_spreadsheet(p)])
    assert lb_store.counts() == neo4j_store.counts()


def test_changed_spreadsheet_replaces_only_its_own_evidence(store, tmp_path):
    store.load(demo_batches())
    demo_nodes, _ = _counts(store)
    others = [make_id("Organisation", "ROC Midden Nederland", "school"),
              make_id("Organisation", "Gemeente Utrecht", "government"),
              make_id("Organisation", "Hogeschool Utrecht", "school")]
    # the demo knows some of them already (reference organisations): they are not new
    new = len(others) - len(store.labels_of(others))
    assert new < len(others)
    p = tmp_path / "partners.csv"
    p.write_text(PARTNERS, encoding="utf-8")
    store.load([read_spreadsheet(p)])
    eemland = make_id("Organisation", "Zorggroep Eemland", "care_provider")
    assert store.labels_of([eemland]) == {eemland: "Organisation"}
    # Drop one row: its organisation disappears, the rest (and the demo) stays.
    p.write_text("\n".join(l for l in PARTNERS.splitlines() if "Eemland" not in l) + "\n",
                 encoding="utf-8")
    report = store.load([read_spreadsheet(p)])
    assert len(report.replaced) == 1
    assert store.labels_of([eemland]) == {}
    nodes, rels = _counts(store)
    assert nodes["Organisation"] == demo_nodes["Organisation"] + new
    rows = store.query("MATCH (o:Organisation)-[r:PARTNER_IN]->(i:Initiative {id: $i}) "
                       "RETURN o.name AS name ORDER BY name", {"i": "ini:zorgpact-utrecht"})
    assert [r["name"] for r in rows] == ["Gemeente Utrecht", "Hogeschool Utrecht",
                                         "ROC Midden Nederland"]


def test_failed_load_leaves_the_graph_as_it_was(store):
    store.load(demo_batches())
    before = _counts(store)
    doc = DocumentRow(source="test://broken", title="kapot", checksum="abc")
    a = EntityRow("Nieuwe Zorggroep", "care_provider")
    b = EntityRow("Nieuw Initiatief", "initiative")
    good = RelationRow(a.id, "PARTNER_IN", b.id, doc.id, sentence="s")
    batch = Batch(documents=[doc], entities=[a, b], relations=[good])
    # Sabotage the last statement: the engine rejects it mid-transaction.
    original = store._run_in_transaction

    def failing(statements, progress=None):
        return original([*statements, ("THIS IS NOT CYPHER", {})], progress)

    store._run_in_transaction = failing
    with pytest.raises(QueryError):
        store.load([batch])
    store._run_in_transaction = original
    assert _counts(store) == before
    assert store.labels_of([a.id, b.id]) == {}


def test_relation_to_unknown_entity_is_refused_before_writing(store):
    doc = DocumentRow(source="test://x", title="x", checksum="x")
    a = EntityRow("Zorggroep X", "care_provider")
    batch = Batch(documents=[doc], entities=[a],
                  relations=[RelationRow(a.id, "PARTNER_IN", "ini:bestaat-niet", doc.id)])
    with pytest.raises(RowError, match="onbekende entiteit"):
        store.load([batch])
    assert _counts(store)[0]["Organisation"] == 0


def test_missing_parameter_is_an_error_not_an_empty_result(store):
    store.load(demo_batches())
    with pytest.raises(QueryError, match=r"\$name"):
        store.query("MATCH (o:Organisation) WHERE o.name = $name RETURN o.id")


def test_relationship_keeps_its_evidence(store):
    store.load(demo_batches())
    rows = store.query(
        "MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation) WHERE p.name = $p "
        "RETURN o.name AS org, r.role AS role, r.doc AS doc, r.confidence AS c",
        {"p": "Paul Blokhuis"})
    assert rows and rows[0]["org"] == "Ministerie van Volksgezondheid, Welzijn en Sport"
    assert rows[0]["role"] == "staatssecretaris"
    assert rows[0]["doc"].startswith("doc:") and 0 < rows[0]["c"] <= 1


def test_judgement_is_stored_and_validated(store):
    store.load(demo_batches())
    orgs = [r["id"] for r in store.query("MATCH (o:Organisation) RETURN o.id AS id "
                                         "ORDER BY id LIMIT 2")]
    store.judge(orgs[0], orgs[1], "interessant", by="test")
    store.judge(orgs[0], orgs[1], "niet_relevant", by="test")  # a new verdict replaces
    rows = store.query("MATCH (a)-[j:JUDGED]->(b) RETURN j.verdict AS v")
    assert rows == [{"v": "niet_relevant"}]
    with pytest.raises(QueryError):
        store.judge(orgs[0], orgs[1], "misschien")


def test_neo4j_unreachable_names_the_uri():
    from graph.store import StoreUnavailable
    from graph.store.neo4j import Neo4jStore

    with pytest.raises(StoreUnavailable, match="127.0.0.1:1"):
        Neo4jStore("bolt://127.0.0.1:1", "neo4j", "x", connect_timeout=1)


def test_surface_forms_accumulate_and_the_first_name_stays(store):
    def doc_with(source, name, aliases):
        d = DocumentRow(source=source, title=source, checksum=source)
        e = EntityRow(name, "school", aliases)
        return Batch(documents=[d], entities=[e]), e.id

    b1, eid = doc_with("test://a", "ROC van Twente", ["ROC Twente", "RvT"])
    b2, eid2 = doc_with("test://b", "ROC Van Twente", [])
    assert eid == eid2
    store.load([b1])
    store.load([b2])
    row = store.query("MATCH (o:Organisation {id: $id}) RETURN o.name AS name, "
                      "o.aliases AS aliases", {"id": eid})[0]
    assert row["name"] == "ROC van Twente"
    assert set(row["aliases"]) == {"ROC Twente", "RvT", "ROC Van Twente"}


def test_reloading_changes_no_property(store):
    store.load(demo_batches())
    from graph.projection import to_networkx

    def snapshot():
        G = to_networkx(store)
        nodes = {n: {k: v for k, v in d.items() if k != "loaded_at"} for n, d in G.nodes(data=True)}
        edges = sorted((u, v, k, tuple(sorted((a, str(b)) for a, b in d.items())))
                       for u, v, k, d in G.edges(keys=True, data=True))
        return nodes, edges

    before = snapshot()
    store.load(demo_batches())
    assert snapshot() == before


def test_relation_citing_an_unknown_source_is_refused(store):
    a, b = EntityRow("Zorggroep Y", "care_provider"), EntityRow("Pact Y", "initiative")
    doc = DocumentRow(source="test://y", title="y", checksum="y")
    store.load([Batch(documents=[doc], entities=[a, b])])
    with pytest.raises(RowError, match="doc:nergens"):
        store.load([Batch(entities=[a, b],
                          relations=[RelationRow(a.id, "PARTNER_IN", b.id, "doc:nergens")])])
    # citing a document stored earlier is fine
    store.load([Batch(entities=[a, b], relations=[RelationRow(a.id, "PARTNER_IN", b.id, doc.id)])])
    assert store.counts()["relationships"]["PARTNER_IN"] == 1


def test_an_older_ladybug_database_gets_the_umbrella_property(tmp_path):
    """A database created before ``umbrella`` existed is migrated on opening."""
    import ladybug

    from graph.model import ladybug_ddl
    from graph.store.ladybug import LadybugStore

    path = tmp_path / "old.lbug"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for stmt in ladybug_ddl():
        conn.execute(stmt.replace(", umbrella STRING", ""))
    conn.execute("CREATE (:Organisation {id: 'org:school:x', name: 'X', kind: 'school'})")
    conn.close()
    db.close()
    with LadybugStore(path) as s:
        s.load(demo_batches())
        rows = s.query("MATCH (o:Organisation) WHERE o.umbrella = 'true' RETURN o.name AS n")
        assert "kabinet" in {r["n"] for r in rows}
        assert s.query("MATCH (o:Organisation {id: 'org:school:x'}) RETURN o.umbrella AS u") == [
            {"u": None}]


def test_version_follows_loads_and_clears_but_not_verdicts(store, tmp_path):
    """One query (``version_cypher``) gives the counts that ``counts()`` reports."""
    def expected():
        c = store.counts()
        rels = sum(v for k, v in c["relationships"].items() if k != "JUDGED")
        newest = store.query("MATCH (d:Document) RETURN max(d.loaded_at) AS t")[0]["t"]
        return f"{sum(c['nodes'].values())}:{rels}:{newest}"

    empty = store.version()
    assert empty == expected() and empty.startswith("0:0:")
    store.load(demo_batches())
    loaded = store.version()
    assert loaded != empty and loaded == expected()
    orgs = [r["id"] for r in store.query("MATCH (o:Organisation) RETURN o.id AS id "
                                         "ORDER BY o.id LIMIT 2")]
    store.judge(orgs[0], orgs[1], "interessant", by="test")
    assert store.version() == loaded
    p = tmp_path / "partners.csv"
    p.write_text(PARTNERS, encoding="utf-8")
    store.load([read_spreadsheet(p)])
    assert store.version() not in (loaded, empty) and store.version() == expected()
    store.clear()
    assert store.version() == empty


def test_counts_are_plain_ints(store):
    store.load(demo_batches())
    c = store.counts()
    assert all(type(v) is int for part in ("nodes", "relationships", "pairs")
               for v in c[part].values())
