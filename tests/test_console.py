"""The analysts' console is read-only on every engine, with time and row limits."""

from __future__ import annotations

import pytest

from graph.console import check_read_only
from graph.store import QueryError, ReadOnlyViolation
from loaders.demo import demo_batches

WRITES = [
    "CREATE (n:Organisation {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Organisation) SET n.name = 'x'",
    "MERGE (n:Organisation {id: 'x'})",
    "MATCH (n) REMOVE n.name",
    "CALL db.labels()",
    "call dbms.components() yield name return name",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "MATCH (n) RETURN n; MATCH (m) DELETE m",
    "DROP TABLE Organisation",
    "COPY Organisation FROM 'x.csv'",
    # digit-adjacent keywords: LadybugDB splits "1LOAD" into "1" and "LOAD"
    "WITH 1 AS x LIMIT 1LOAD FROM '/etc/passwd' (header=false) RETURN *",
    "MATCH (n) RETURN n LIMIT 1CALL show_tables() RETURN *",
    "MATCH (n:Organisation) RETURN n.id LIMIT 1COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'",
    "SHOW TRANSACTIONS YIELD *",
    "show users",
    "EXPORT DATABASE '/tmp/dump'",
    "INSTALL httpfs",
    "CREATE MACRO m(x) AS x",
]


@pytest.mark.parametrize("text", WRITES)
def test_guard_refuses_writes_and_procedures(text):
    with pytest.raises(ReadOnlyViolation):
        check_read_only(text)


def test_guard_allows_names_that_contain_keywords():
    q = ("MATCH (o:Organisation) WHERE o.name CONTAINS 'Zorg' "
         "RETURN o.name AS settlement, o.kind AS created_by_kind, o.place AS showroom LIMIT 5")
    assert check_read_only(q) == q


def test_guard_ignores_keywords_inside_strings_and_comments():
    q = "MATCH (o:Organisation) WHERE o.name <> 'DELETE me' // SET\nRETURN o.name"
    assert check_read_only(q) == q


@pytest.mark.parametrize("text", WRITES[:3])
def test_engine_refuses_writes(store, text):
    store.load(demo_batches())
    before = store.counts()
    with pytest.raises(ReadOnlyViolation):
        store.read(text)
    assert store.counts() == before


def test_engine_is_read_only_even_without_the_guard(store):
    """Second line of defence: the engine's read-only transaction."""
    store.load(demo_batches())
    before = store.counts()
    with pytest.raises(QueryError):
        store._guarded_read("CREATE (n:Organisation {id: 'sneaky', name: 'x', kind: 'company'})",
                            {}, 5.0, 10)
    assert store.counts() == before


def test_ladybug_read_only_transaction_does_not_stop_file_io(lb_store, tmp_path):
    """Why the guard matters on LadybugDB: its READ ONLY transaction lets LOAD FROM
    read a file. With the guard, the console refuses it before sending."""
    f = tmp_path / "secret.csv"
    f.write_text("geheim\n", encoding="utf-8")
    q = f"WITH 1 AS x LIMIT 1LOAD FROM '{f}' (header=false) RETURN *"
    _, rows, _ = lb_store._guarded_read(q, {}, 5.0, 10)   # the engine alone: leaks
    assert rows and "geheim" in str(rows)
    with pytest.raises(ReadOnlyViolation):
        lb_store.read(q)                                   # the console: refused


def test_row_limit_and_columns(store):
    store.load(demo_batches())
    cols, rows, truncated = store.read(
        "MATCH (p:Person) RETURN p.name AS name ORDER BY name", max_rows=5)
    assert cols == ["name"] and len(rows) == 5 and truncated
    cols, rows, truncated = store.read("MATCH (p:Person) RETURN count(p) AS n")
    assert rows[0]["n"] > 5 and not truncated


def test_time_limit(store):
    with pytest.raises(QueryError, match="tijdslimiet|time|Timeout|terminated"):
        store.read("UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y "
                   "WITH x, y WHERE (x + y) % 7 = 3 RETURN count(*) AS c", timeout_s=0.5)


def test_missing_parameter_is_reported(store):
    with pytest.raises(QueryError, match=r"\$kind"):
        store.read("MATCH (o:Organisation) WHERE o.kind = $kind RETURN o.name", {})


def test_every_named_query_passes_the_guard():
    """The library's own queries must be runnable from the console on both engines."""
    from graph.queries import load_queries

    for q in load_queries().values():
        for engine in ("neo4j", "ladybug"):
            check_read_only(q.text_for(engine), engine)


ALLOWED = [
    "MATCH (n) WHERE n.set = 1 AND n.`delete` = 2 RETURN n.from AS x",   # property keys
    "MATCH (n) WHERE n.id = $from RETURN n",                             # a parameter name
    "MATCH p = (a)-[*1..3]-(b) RETURN length(p) AS l",
    "// een regel\r\nMATCH (n) /* blok */ RETURN n // einde",             # CRLF ends a comment
    "MATCH (n {name: 'Zorg\\'s \u00e9 // /* LOAD CSV'}) RETURN n",      # all inside a string
    "MATCH (ö:Organisation) RETURN ö.name AS naam",
    "RETURN 1.5e3 AS x, 0x1F AS y, 1_000 AS z",
    "UNWIND [1, 2] AS x WITH x ORDER BY x DESC SKIP 0 LIMIT 1 RETURN x;",
    "OPTIONAL MATCH (n) RETURN count { (n)--() } AS c",
    "RETURN ';' AS puntkomma, '(' AS haakje, 'db.labels()' AS tekst",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_guard_allows_ordinary_reads(text):
    assert check_read_only(text) == text


def test_read_procedures_are_allow_listed_per_engine():
    assert check_read_only("CALL db.labels() YIELD label RETURN label", "neo4j")
    assert check_read_only("CALL show_tables() RETURN *", "ladybug")
    with pytest.raises(ReadOnlyViolation, match="niet toegestaan op ladybug"):
        check_read_only("CALL db.labels()", "ladybug")
    with pytest.raises(ReadOnlyViolation, match="niet toegestaan op neo4j"):
        check_read_only("CALL show_tables() RETURN *", "neo4j")
    with pytest.raises(ReadOnlyViolation, match="functie"):
        check_read_only("RETURN apoc.text.join(['a'], '') AS x", "neo4j")
    assert check_read_only("RETURN point.distance(point({x: 0, y: 0}), "
                           "point({x: 3, y: 4})) AS d", "neo4j")


def test_allow_listed_procedures_run(store):
    if store.engine == "neo4j":
        cols, rows, _ = store.read("CALL db.labels() YIELD label RETURN label")
        assert cols == ["label"]
    else:
        cols, rows, _ = store.read("CALL show_tables() RETURN name")
        assert {"Organisation", "Document"} <= {r["name"] for r in rows}


def test_every_named_query_runs_in_the_console_with_the_same_rows(store):
    """Through the console's defences (LadybugDB: the read-only worker with its memory
    cap; Neo4j: EXPLAIN, plan check, read transaction) the library's queries answer
    exactly what the app's own path answers."""
    from graph.queries import load_queries

    store.load(demo_batches())
    for name, q in load_queries().items():
        if not q.runs_on(store.engine):
            continue
        text, params = q.text_for(store.engine), q.bind(dict(q.params))
        expected = store.query(text, params)
        cols, rows, truncated = store.read(text, params, timeout_s=30, max_rows=100_000)
        assert rows == expected and not truncated, name
