"""Console attacks on both engines: nothing executes, nothing leaks, the app keeps serving.

Every statement below goes through ``Store.read`` — the path of the app's Cypher
page — on LadybugDB and on Neo4j, against a small graph of our own. A local HTTP
server records every request (a ``LOAD CSV``/``LOAD FROM`` of its URL must never
reach it), a secret file must never show up in an answer, no file may be written,
the node and relationship counts must not change, and afterwards the store still
answers a normal query. Nesting and memory bombs must end in a one-line
:class:`QueryError` within the time limit; a worker crash must not take the
process down.
"""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

from graph import console
from graph.store import QueryError, ReadOnlyViolation
from loaders.rows import Batch, DocumentRow, EntityRow, RelationRow

TIMEOUT = 3.0
ROOT = Path(__file__).resolve().parents[1]

# {url}: the local HTTP server; {file}: a secret file; {out}: a path nothing may create.
REFUSED = [
    # comment and line-terminator tricks: Neo4j ends a // comment at \r (issue 13)
    "// x\rLOAD CSV FROM '{url}' AS l RETURN l",
    "// x\rCREATE (n:Organisation {{id: 'pwn', name: 'x', kind: 'company'}})",
    "// x\r\nMATCH (n) DETACH DELETE n",
    "// x\u2028CREATE (n:Organisation {{id: 'pwn'}})",
    "// x\u2029MATCH (n) DETACH DELETE n",
    "// x\x85SHOW USERS",
    "// x\x0bSHOW DATABASES",
    "// x\x0cCALL dbms.listConfig()",
    "MATCH (n) RETURN n // x\rUNION MATCH (m) SET m.name = 'pwn' RETURN m",
    "RETURN 1 /* x */ ; CREATE (n:Organisation {{id: 'pwn'}})",
    "RETURN 1 /* /* */ ' */ CREATE (n:Organisation {{id: 'pwn'}}) //'",
    "RETURN 1 /* never closed CREATE (n)",
    # string-escape and quoting tricks
    "RETURN '\\u0027 CREATE (n:Organisation {{id: \\u0027pwn\\u0027}}) //'",
    "RETURN 'it''s' + '\\U00000027' CREATE (n)",
    "RETURN 1 \\u000a CREATE (n:Organisation {{id: 'pwn'}})",
    "RETURN 'never closed CREATE (n)",
    "MATCH (`n) DETACH DELETE n",
    "RETURN 1 \u202e)n( ETAERC",
    "ＣＲＥＡＴＥ (n:Organisation {{id: 'pwn'}})",
    "MATCH (n) ＤＥＴＡＣＨ ＤＥＬＥＴＥ n",
    "MATCH (n) WITH n LIMIT 1 TERMİNATE TRANSACTIONS 'neo4j-transaction-1'",
    "MATCH (n) ſet n.name = 'pwn'",
    # a number glued to a keyword: LadybugDB reads 1LOAD as 1 LOAD
    "MATCH (n) RETURN n LIMIT 1LOAD FROM '{file}' (header=false) RETURN *",
    "WITH 1 AS x LIMIT 1CALL show_tables() RETURN *",
    "MATCH (n) RETURN n.id LIMIT 1COPY (MATCH (n) RETURN n) TO '{out}'",
    # files and URLs
    "LOAD CSV FROM '{url}' AS l RETURN l",
    "LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS l RETURN l",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM '{url}' AS l RETURN l",
    "load csv from '{url}' as l return l",
    "LOAD FROM '{file}' (header=false) RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM '{file}' RETURN *",
    "LOAD FROM '{url}' RETURN *",
    "COPY (MATCH (n) RETURN n.id) TO '{out}'",
    "COPY Organisation FROM '{file}'",
    "EXPORT DATABASE '{out}'",
    "IMPORT DATABASE '{out}'",
    "ATTACH '{file}' AS x (dbtype lbug)",
    "DETACH x",
    "INSTALL httpfs",
    "LOAD EXTENSION httpfs",
    "RETURN apoc.load.json('{url}')",
    # server administration, other sessions, settings
    "SHOW USERS",
    "SHOW DATABASES",
    "SHOW TRANSACTIONS YIELD *",
    "SHOW SETTINGS YIELD *",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "USE system SHOW USERS",
    "CALL dbms.listConfig()",
    "CALL dbms.components() YIELD name RETURN name",
    "CALL dbms.showCurrentUser()",
    "CALL `dbms`.`listConfig`()",
    "CALL dbms . listConfig ( )",
    "CALL db.labels() YIELD label CALL dbms.listConfig() YIELD name RETURN name",
    "CALL db.createLabel('Pwn')",
    "CALL db.createProperty('pwn')",
    "CALL threads=64",
    "CALL current_setting('home_directory') RETURN *",
    "CALL project_graph('g', ['Organisation'], [])",
    "ANALYZE",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "PROFILE MATCH (n) DELETE n",
    "CYPHER runtime=slotted MATCH (n) DETACH DELETE n",
    # writes and schema changes, in every spelling
    "CREATE (n:Organisation {{id: 'pwn', name: 'x', kind: 'company'}})",
    "MERGE (n:Organisation {{id: 'pwn'}})",
    "MATCH (n:Organisation) SET n.name = 'pwn'",
    "MATCH (n) DETACH DELETE n",
    "match (n) detach delete n",
    "MaTcH ()-[r]->() DeLeTe r",
    "MATCH (n:Organisation) REMOVE n.name",
    "MATCH (n) FOREACH (x IN [1] | SET n.name = 'pwn')",
    "MATCH (n) CALL {{ WITH n DETACH DELETE n }} IN TRANSACTIONS RETURN 1",
    "CALL {{ MATCH (n) RETURN n }} IN TRANSACTIONS RETURN 1",
    "UNWIND [1] AS x INSERT (n:Organisation {{id: 'pwn'}})",
    "RETURN 1; MATCH (n) DETACH DELETE n",
    "DROP TABLE Organisation",
    "ALTER TABLE Organisation ADD pwn STRING",
    "CREATE MACRO pwn(x) AS x",
    # nesting and size bombs (LadybugDB: SIGSEGV; Neo4j: stack overflow, a 120 s hang)
    "RETURN " + "[" * 1000 + "1" + "]" * 1000,
    "RETURN " + "(" * 3000 + "1" + ")" * 3000,
    "RETURN " + "+".join(["1"] * 8500),
    "RETURN " + "NOT " * 2000 + "true",
    "RETURN " + "-" * 3000 + "1",
    "RETURN " + "CASE WHEN true THEN " * 40 + "1" + " END" * 40,
    "RETURN " + "{{a: " * 500 + "1" + "}}" * 500,
    "MATCH (n) RETURN n" + " " * 20_000,
]

# Run by the engine under time, memory and row limits: a one-line QueryError.
LIMITED = {
    # LadybugDB materialises the list (2.2 GB without a cap); Neo4j's range is lazy,
    # collect() is not
    "memory": {"ladybug": "WITH range(1, 200000000) AS r RETURN size(r)",
               "neo4j": "UNWIND range(1, 200000000) AS x RETURN size(collect(x)) AS n"},
    "cartesian": "UNWIND range(1, 30000) AS a UNWIND range(1, 30000) AS b "
                 "WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*)",
    "strings": {"neo4j": "UNWIND range(1, 200000) AS i WITH collect(toString(i)) AS l "
                         "RETURN size(reduce(s = '', x IN l | s + x)) AS n",
                "ladybug": "UNWIND range(1, 200000) AS i WITH collect(cast(i, 'STRING')) AS l "
                           "RETURN size(list_reduce(l, (a, b) -> concat(a, b))) AS n"},
}


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"leaked,1\n")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def http_url():
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/x.csv"
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as r:     # the recorder does record
        assert r.read() == b"leaked,1\n"
    assert _Recorder.hits == ["/x.csv"]
    _Recorder.hits.clear()
    yield url
    server.shutdown()


def _graph() -> list[Batch]:
    doc = DocumentRow("test://aanval", "Aanvalstest", "c1", date="2024-01-01")
    a = EntityRow("Testzorg Noord", "care_provider", props={"place": "Zwolle"})
    b = EntityRow("Testcollege Noord", "school", props={"place": "Zwolle"})
    ini = EntityRow("Testpact Noord", "initiative")
    rels = [RelationRow(a.id, "PARTNER_IN", ini.id, doc.id),
            RelationRow(b.id, "PARTNER_IN", ini.id, doc.id)]
    return [Batch([doc], [a, b, ini], rels)]


@pytest.fixture(scope="module", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request, tmp_path_factory, http_url):
    """(store, paths) with the small graph loaded, once per engine."""
    tmp = tmp_path_factory.mktemp(f"attack-{request.param}")
    secret = tmp / "secret.csv"
    secret.write_text("GEHEIM-7f3a,1\n", encoding="utf-8")
    paths = {"url": http_url, "file": str(secret), "out": str(tmp / "out")}
    if request.param == "ladybug":
        from graph.store.ladybug import LadybugStore

        s = LadybugStore(tmp / "graph.lbug")
        s.load(_graph())
        yield s, paths
        s.close()
    else:
        from conftest import _neo4j_or_fail

        s = _neo4j_or_fail()
        s.clear()
        s.load(_graph())
        yield s, paths
        s.clear()
        s.close()


def _text(stmt, engine: str, paths: dict) -> str:
    if isinstance(stmt, dict):
        stmt = stmt[engine]
    return stmt.format(**paths)


def _assert_untouched(store, paths, before, *, ask: bool = True):
    assert store.counts() == before
    assert _Recorder.hits == [], f"URL fetched: {_Recorder.hits}"
    import os

    assert not os.path.exists(paths["out"]), "a file was written"
    if not ask:
        return
    cols, rows, _ = store.read("MATCH (o:Organisation) RETURN o.name AS name ORDER BY name")
    assert [r["name"] for r in rows] == ["Testcollege Noord", "Testzorg Noord"]


def test_attack_list_is_long_enough():
    assert len(REFUSED) + len(LIMITED) >= 60


@pytest.mark.parametrize("stmt", REFUSED, ids=[f"r{i:02d}" for i in range(len(REFUSED))])
def test_refused_before_the_engine(target, stmt):
    store, paths = target
    before = store.counts()
    text = _text(stmt, store.engine, paths)
    with pytest.raises(ReadOnlyViolation) as err:
        store.read(text, timeout_s=TIMEOUT)
    msg = str(err.value)
    assert "\n" not in msg and "GEHEIM" not in msg and len(msg) <= 500
    _assert_untouched(store, paths, before, ask=False)


@pytest.mark.parametrize("name", list(LIMITED))
def test_bombs_end_in_one_line_within_the_time_limit(target, name):
    store, paths = target
    before = store.counts()
    t0 = time.monotonic()
    with pytest.raises(QueryError) as err:
        store.read(_text(LIMITED[name], store.engine, paths), timeout_s=TIMEOUT)
    took = time.monotonic() - t0
    msg = str(err.value)
    assert "\n" not in msg and len(msg) <= 500
    assert took < TIMEOUT + 3, f"{name}: {took:.1f} s"
    _assert_untouched(store, paths, before)


def test_server_refuses_writes_the_guard_let_through(target, monkeypatch):
    """Second line of defence: the engine itself (EXPLAIN query type and a read
    transaction on Neo4j, a read-only worker on LadybugDB) with the guard disabled."""
    store, paths = target
    before = store.counts()
    monkeypatch.setattr(console, "check_read_only", lambda text, engine=None: text)
    for text in ("CREATE (n:Organisation {id: 'pwn', name: 'x', kind: 'company'})",
                 "MATCH (n:Organisation) SET n.name = 'pwn'",
                 "MATCH (n) DETACH DELETE n"):
        with pytest.raises(QueryError):
            store.read(text, timeout_s=TIMEOUT)
    _assert_untouched(store, paths, before)


def test_neo4j_plan_check_refuses_what_the_server_calls_read(target, monkeypatch):
    """EXPLAIN reports LOAD CSV, SHOW and TERMINATE TRANSACTIONS as read queries ('r'):
    with the guard disabled, the plan check still refuses them."""
    store, paths = target
    if store.engine != "neo4j":
        pytest.skip("Neo4j only")
    monkeypatch.setattr(console, "check_read_only", lambda text, engine=None: text)
    for text in (f"LOAD CSV FROM '{paths['url']}' AS l RETURN l",
                 "SHOW TRANSACTIONS YIELD *", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
                 "CALL dbms.components() YIELD name RETURN name"):
        with pytest.raises(ReadOnlyViolation):
            store.read(text, timeout_s=TIMEOUT)
    assert _Recorder.hits == []


def test_no_url_is_fetched_even_without_the_guard(target, monkeypatch):
    """Neo4j's own settings (scripts/neo4j.sh) refuse LOAD CSV from URLs and files,
    with the guard and the plan check both disabled."""
    store, paths = target
    if store.engine != "neo4j":
        pytest.skip("LadybugDB has no URL loads without the httpfs extension")
    from graph.store import neo4j_console

    monkeypatch.setattr(console, "check_read_only", lambda text, engine=None: text)
    monkeypatch.setattr(neo4j_console, "check_plan", lambda plan: None)
    for text in (f"LOAD CSV FROM '{paths['url']}' AS l RETURN l",
                 "LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l"):
        with pytest.raises(QueryError):
            store.read(text, timeout_s=TIMEOUT)
    assert _Recorder.hits == []


def test_ladybug_worker_writes_no_file_even_without_the_guard(target, monkeypatch):
    store, paths = target
    if store.engine != "ladybug":
        pytest.skip("LadybugDB only")
    monkeypatch.setattr(console, "check_read_only", lambda text, engine=None: text)
    out = paths["out"] + ".csv"
    with pytest.raises(QueryError):
        store.read(f"COPY (MATCH (n:Organisation) RETURN n.name) TO '{out}'")
    import os

    assert not os.path.exists(out) or os.path.getsize(out) == 0   # RLIMIT_FSIZE = 0


def test_a_crash_in_the_worker_is_one_line_and_the_store_keeps_serving(target, monkeypatch):
    """With the guard's caps lifted, the 1,000-deep list (SIGSEGV in LadybugDB's
    parser) reaches the engine: the worker dies or is stopped, this process lives."""
    store, paths = target
    before = store.counts()
    for cap in ("MAX_DEPTH", "MAX_OPERATORS", "MAX_TOKENS"):
        monkeypatch.setattr(console, cap, 10**6)
    with pytest.raises(QueryError) as err:
        store.read("RETURN " + "[" * 1000 + "1" + "]" * 1000, timeout_s=10)
    assert "\n" not in str(err.value)
    _assert_untouched(store, paths, before)


def test_limits_just_below_the_caps_run(target):
    """The caps are not too tight: the deepest allowed nesting runs on both engines."""
    store, _ = target
    d = console.MAX_DEPTH - 1
    for text in ("RETURN " + "[" * d + "1" + "]" * d + " AS x",
                 "RETURN " + "CASE WHEN true THEN " * console.MAX_CASE_DEPTH + "1"
                 + " END" * console.MAX_CASE_DEPTH + " AS x",
                 "RETURN " + "+".join(["1"] * (console.MAX_OPERATORS - 10)) + " AS x"):
        cols, rows, _ = store.read(text, timeout_s=20)
        assert cols == ["x"] and len(rows) == 1


def test_console_reads_do_not_wait_for_the_app_lock(target):
    """The app's LockedStore serialises calls; a console read does not take its lock."""
    from app.state import LockedStore

    store, _ = target
    locked = LockedStore(store)
    with locked._lock:
        box = {}
        t = threading.Thread(target=lambda: box.setdefault(
            "r", locked.read("MATCH (o:Organisation) RETURN count(o) AS n")))
        # the lock is held by this thread: another thread's read must still finish
        t.start()
        t.join(30)
        assert box["r"][1] == [{"n": 2}]


def test_console_still_answers_after_all_attacks(target):
    store, paths = target
    _assert_untouched(store, paths, store.counts())


def test_cypher_page_shows_one_line_for_a_crashing_query_and_keeps_working(
        tmp_path, monkeypatch):
    """The app's Cypher page: a query that crashes LadybugDB (the guard's caps lifted so
    that it reaches the engine) is one error line; the page and the app keep working."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from graph.store.ladybug import LadybugStore

    db = tmp_path / "app.lbug"
    with LadybugStore(db) as s:
        s.load(_graph())
    monkeypatch.setenv("ZORGNET_DB", str(db))
    for cap in ("MAX_DEPTH", "MAX_OPERATORS", "MAX_TOKENS"):
        monkeypatch.setattr(console, cap, 10**6)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
        at.switch_page("app/pages/cypher.py")
        at.run()
        at.selectbox(key="cy_name").select("").run()
        at.number_input(key="cy_timeout").set_value(10).run()
        at.text_area(key="cy_text").set_value("RETURN " + "[" * 1000 + "1" + "]" * 1000).run()
        at.button(key="cy_run").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.error) == 1 and "\n" not in at.error[0].value
        at.text_area(key="cy_text").set_value(
            "MATCH (o:Organisation) RETURN o.name AS naam ORDER BY naam").run()
        at.button(key="cy_run").click().run()
        assert not at.exception and not at.error
        assert list(at.dataframe[0].value["naam"]) == ["Testcollege Noord", "Testzorg Noord"]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_ladybug_console_reads_while_the_app_loads_and_checkpoints(tmp_path):
    """The worker opens the database read-only next to the app's writing connection:
    during loads and checkpoints every console read answers a committed state."""
    from graph.store.ladybug import LadybugStore

    s = LadybugStore(tmp_path / "busy.lbug")
    stop = threading.Event()
    problems: list[str] = []

    def loader():
        i = 0
        while not stop.is_set():
            ents = [EntityRow(f"Laadtest {i} {k}", "care_provider") for k in range(20)]
            try:
                s.load([Batch([DocumentRow(f"test://laad{i}", "t", f"c{i}")], ents, [])])
                if i % 3 == 0:
                    s._conn.execute("CHECKPOINT")
            except Exception as exc:  # pragma: no cover - reported below
                problems.append(f"load: {exc}")
            i += 1

    t = threading.Thread(target=loader)
    t.start()
    seen = []
    try:
        for _ in range(8):
            # generous: on a busy machine a worker may wait out checkpoints and retry once
            _, rows, _ = s.read("MATCH (o:Organisation) RETURN count(o) AS n", timeout_s=30)
            seen.append(rows[0]["n"])
    finally:
        stop.set()
        t.join()
        s.close()
    assert not problems, problems
    assert all(n % 20 == 0 for n in seen) and seen == sorted(seen), seen


_PIECES = ["//", "/*", "*/", "'", '"', "`", "\\", "\\'", "\\u0027", "\r", "\n", "\u2028",
           "\u2029", "\x85", "\r\n", " ", "1", "x", ";", "(", ")", "{", "}", "$", ".", "--",
           "#", "''", "``", "\\\\"]
# payloads that are a valid continuation of "WITH 1 AS a "
_PAYLOADS = {
    "ladybug": ["LOAD FROM '{file}' (header=false, file_format='csv') RETURN *",
                "LOAD FROM '{file}' (header=false, file_format='csv') RETURN * //"],
    "neo4j": ["LOAD CSV FROM '{url}' AS l RETURN l",
              "CALL dbms.listConfig() YIELD name RETURN name",
              "CALL dbms.components() YIELD name RETURN name //"],
}


def _fuzzed(engine: str, paths: dict, n: int = 4000, seed: int = 13) -> list[str]:
    """Random comment/quote/escape/line-terminator soup in front of and behind a
    payload; the ones the guard lets through (the payload hidden in a string or a
    comment, as the guard reads it)."""
    import random

    rng = random.Random(seed)
    accepted = []
    for _ in range(n):
        mid = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6)))
        tail = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 3)))
        q = "WITH 1 AS a " + mid + rng.choice(_PAYLOADS[engine]).format(**paths) + tail
        try:
            console.check_read_only(q, engine)
        except ReadOnlyViolation:
            continue
        accepted.append(q)
    return accepted


def test_fuzzed_tricks_the_guard_lets_through_do_nothing_on_the_engine(target):
    """Differential check of the lexer against the engine: every fuzzed query the
    guard accepts is run on the engine *without* the other defences (LadybugDB: a
    plain read-only connection; Neo4j: EXPLAIN); none reads the secret file, writes
    a file, or plans a LOAD CSV, SHOW, TERMINATE or dbms procedure."""
    import json
    import os
    import subprocess
    import sys

    store, paths = target
    accepted = _fuzzed(store.engine, paths)
    assert len(accepted) > 100          # the soup does hide the payload often
    if store.engine == "ladybug":
        code = (
            "import json, os, sys, ladybug\n"
            "db = ladybug.Database(sys.argv[1], read_only=True, max_num_threads=1)\n"
            "c = ladybug.Connection(db); c.set_query_timeout(2000); bad = []; ran = 0\n"
            "for q in json.load(sys.stdin):\n"
            "    try:\n"
            "        r = c.execute(q); rows = []\n"
            "        while r.has_next(): rows.append(r.get_next())\n"
            "        ran += 1\n"
            "        if 'GEHEIM' in str(rows): bad.append(q)\n"
            "    except Exception: pass\n"
            "    if os.path.exists(sys.argv[2]): bad.append('wrote: ' + q); os.remove(sys.argv[2])\n"
            "print(json.dumps([ran, bad]))\n")
        p = subprocess.run([sys.executable, "-c", code, store.location, paths["out"]],
                           input=json.dumps(accepted), capture_output=True, text=True,
                           timeout=300)
        ran, bad = json.loads(p.stdout)
        assert not bad, bad[:3]
    else:
        from graph.store.neo4j_console import check_plan

        # (with a guard whose // comments ignore \r, \u2028 … two of these plan a
        # LOAD CSV or a dbms procedure and this fails)
        with store._driver.session(database=store.database) as session:
            for q in accepted:
                try:
                    plan = session.run("EXPLAIN " + q).consume().plan
                except Exception:  # a syntax error: nothing planned, nothing run
                    continue
                check_plan(plan)
    assert _Recorder.hits == []
    assert not os.path.exists(paths["out"])
