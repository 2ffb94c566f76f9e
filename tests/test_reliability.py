"""Reliability: kill -9 during a LadybugDB load, per-source atomic loads, large
sources in bounded transactions, batched clear, one-line failures."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store import QueryError, SourcesFailed, StoreUnavailable
from graph.store.ladybug import LadybugStore
from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow, RowError

ROOT = Path(__file__).resolve().parents[1]

# A child process that loads a generated source into the database it is given.
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from tests.test_reliability import org_batch
from graph.store.ladybug import LadybugStore
batch = org_batch(int(sys.argv[3]), "kill")
print("ready", flush=True)
with LadybugStore(sys.argv[2]) as s:
    s.load([batch])
print("done", flush=True)
"""


def org_batch(n: int, tag: str, *, long_name_at: int | None = None) -> Batch:
    """One source naming ``n`` organisations, each partner in one of 40 initiatives
    and located in one of 12 places (deterministic)."""
    doc = DocumentRow(source=f"test://{tag}", title=f"bron {tag}", checksum=f"sum-{tag}-{n}")
    b = Batch(documents=[doc])
    inis = [EntityRow(f"Initiatief {tag} {i}", "initiative") for i in range(40)]
    places = [EntityRow(f"Plaats {i}", "region", props={"level": "other"}) for i in range(12)]
    b.entities += inis + places
    for i in range(n):
        name = f"Organisatie {tag} {i:06d}"
        if i == long_name_at:
            name = "X" * 20_010
        org = EntityRow(name, "care_provider", props={"_locator": f"rij {i + 2}"})
        b.entities.append(org)
        ev = dict(doc=doc.id, locator=f"rij {i + 2}", sentence=f"rij {i + 2}")
        b.relations.append(RelationRow(org.id, "PARTNER_IN", inis[i % 40].id, **ev))
        b.relations.append(RelationRow(org.id, "LOCATED_IN", places[i % 12].id, **ev))
        b.mentions.append(MentionRow(org.id, doc.id, [name], f"rij {i + 2}"))
    return b


def signature(store) -> tuple:
    """Counts per label and type plus every node id: equal signatures, equal graphs."""
    c = store.counts()
    ids = []
    for label in c["nodes"]:
        ids += [r["id"] for r in store.query(f"MATCH (n:{label}) RETURN n.id AS id")]
    return (tuple(sorted(c["nodes"].items())), tuple(sorted(c["relationships"].items())),
            tuple(sorted(ids)))


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@pytest.mark.slow
def test_kill_9_during_a_ladybug_load_leaves_the_before_or_after_state(tmp_path):
    n = 2000
    base = tmp_path / "base" / "g.lbug"
    base.parent.mkdir()
    with LadybugStore(base) as s:
        s.load([org_batch(30, "voor")])
        before = signature(s)
    after_db = tmp_path / "after" / "g.lbug"
    shutil.copytree(base.parent, after_db.parent)
    with LadybugStore(after_db) as s:
        s.load([org_batch(n, "kill")])
        after = signature(s)
    assert before != after

    # kill points: fixed delays after the child is ready, WAL sizes (the commit
    # writes the WAL), and the checkpoint (".wal.checkpoint" / ".shadow" present)
    points = [("delay", d) for d in (0.0, 0.3, 0.8, 1.2)]
    points += [("wal", b) for b in (1, 200_000, 1_000_000, 2_500_000, 5_000_000)]
    points += [("checkpoint", d) for d in (0.0, 0.01, 0.04)] + [("shadow", 1)]
    seen, outcomes = [], []
    for kind, arg in points:
        folder = tmp_path / f"k-{kind}-{arg}"
        shutil.copytree(base.parent, folder)
        db = folder / "g.lbug"
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(db), str(n)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        if kind == "delay":
            time.sleep(arg)
        while child.poll() is None and kind != "delay":
            if kind == "wal" and _size(Path(str(db) + ".wal")) >= arg:
                break
            if kind == "checkpoint" and Path(str(db) + ".wal.checkpoint").exists():
                time.sleep(arg)
                break
            if kind == "shadow" and _size(Path(str(db) + ".shadow")) >= arg:
                break
            time.sleep(0.0005)
        present = _files(folder)
        child.send_signal(signal.SIGKILL)
        child.wait()
        seen.append(present)
        # a read-only command first (as `zorgnet stats` / `export` / `query` open it)
        with LadybugStore(db, read_only=True) as s:
            got = signature(s)
            notice = s.notice
        assert got in (before, after), f"kill at {kind}={arg}: graph is neither state"
        if notice:
            assert "niet weggeschreven" in notice
            kept = [f for f in _files(folder) if f.endswith(".onderbroken")]
            assert kept and _size(folder / kept[0]) > 0  # the WAL is kept, not deleted
        with LadybugStore(db) as s:  # and the next load command opens too
            assert signature(s) == got
        outcomes.append((kind, arg, "after" if got == after else "before", bool(notice)))
    assert len(outcomes) >= 10
    during_wal = [p for p in seen if "g.lbug.wal" in p and "g.lbug.wal.checkpoint" not in p]
    during_checkpoint = [p for p in seen if "g.lbug.wal.checkpoint" in p]
    assert during_wal, f"no kill landed while the WAL was written: {outcomes}"
    assert during_checkpoint, f"no kill landed during the checkpoint: {outcomes}"
    assert any(o[3] for o in outcomes), f"no kill needed WAL recovery: {outcomes}"
    assert {o[2] for o in outcomes} == {"before", "after"}, outcomes


def test_a_lock_is_reported_as_a_lock_and_only_then(tmp_path):
    db = tmp_path / "g.lbug"
    LadybugStore(db).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, ladybug; d = ladybug.Database(sys.argv[1]); "
                               "print('ok', flush=True); sys.stdin.read()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreUnavailable, match="ander proces") as info:
            LadybugStore(db)
        assert "\n" not in str(info.value)
    finally:
        holder.stdin.close()
        holder.wait()
    # a database that is broken for another reason does not blame another process
    bad = tmp_path / "kapot.lbug"
    bad.write_bytes(b"dit is geen database" * 1000)
    with pytest.raises(StoreUnavailable) as info:
        LadybugStore(bad)
    assert "ander proces" not in str(info.value)


# --------------------------------------------------------------------------- per source


def test_each_source_is_its_own_transaction_and_failures_are_named(store):
    good1, good2 = org_batch(20, "goed1"), org_batch(20, "goed2")
    bad = org_batch(5, "slecht")
    bad.relations.append(RelationRow(bad.entities[-1].id, "PARTNER_IN", "ini:bestaat-niet",
                                     bad.documents[0].id, locator="rij 99"))
    with pytest.raises(SourcesFailed) as info:
        store.load([good1, bad, good2])
    failures = dict(info.value.failures)
    assert list(failures) == ["test://slecht"]
    assert "rij 99" in failures["test://slecht"]
    assert len(info.value.report.written) == 2
    ids = store.labels_of([e.id for e in (*good1.entities, *good2.entities, *bad.entities)])
    assert all(e.id in ids for e in (*good1.entities, *good2.entities))
    assert not any(e.id in ids for e in bad.entities[52:])  # the bad source's organisations
    # re-running completes what is missing and skips what is there
    fixed = org_batch(5, "slecht")
    report = store.load([good1, fixed, good2])
    assert report.written == [fixed.documents[0].id] and len(report.skipped) == 2


def test_a_name_over_500_characters_is_a_row_error_naming_the_row(store):
    with pytest.raises(RowError, match=r"rij 5: naam van 20010 tekens"):
        store.load([org_batch(10, "lang", long_name_at=3)])
    assert sum(store.counts()["nodes"].values()) == 0
    report, failures = store.load_each([org_batch(10, "lang", long_name_at=3),
                                        org_batch(10, "kort")])
    assert [f[0] for f in failures] == ["test://lang"]
    assert report.written and store.counts()["nodes"]["Organisation"] == 10


@pytest.mark.slow
def test_a_large_source_loads_in_bounded_transactions(store, monkeypatch):
    """12,000 organisations (≈48k statement rows) with at most 10,000 rows per
    transaction; the result equals a load in one transaction."""
    monkeypatch.setattr(type(store), "max_tx_rows", 10_000)
    sizes = []
    original = store._run_in_transaction

    def spy(statements, progress=None):
        sizes.append(sum(len(p.get("rows", ())) or 1 for _, p in statements))
        return original(statements, progress)

    store._run_in_transaction = spy
    batch = org_batch(12_000, "groot")
    report = store.load([batch])
    assert report.written == [batch.documents[0].id]
    assert len(sizes) >= 5 and max(sizes) <= 10_000
    c = store.counts()
    assert c["nodes"]["Organisation"] == 12_000 and c["nodes"]["Document"] == 1
    assert c["relationships"]["PARTNER_IN"] == 12_000
    assert c["relationships"]["MENTIONED_IN"] == 12_000
    # no staging key is left behind; the Document got its checksum
    assert store.query("MATCH ()-[r:PARTNER_IN]->() WHERE r.doc <> $d RETURN count(r) AS c",
                       {"d": batch.documents[0].id})[0]["c"] == 0
    assert store.load([batch]).skipped == [batch.documents[0].id]
    # batched clear of a graph this size
    store._run_in_transaction = original
    store.clear()
    assert sum(store.counts()["nodes"].values()) == 0


def test_a_failing_large_source_leaves_no_trace(store, monkeypatch):
    store.load([org_batch(10, "voor")])
    before = signature(store)
    monkeypatch.setattr(type(store), "max_tx_rows", 2_000)
    calls = []
    original = store._run_in_transaction

    def failing(statements, progress=None):
        calls.append(1)
        if len(calls) == 4:
            raise QueryError("kunstmatige fout")
        return original(statements, progress)

    store._run_in_transaction = failing
    with pytest.raises(QueryError, match="test://groot.*niets van deze bron bewaard"):
        store.load([org_batch(2500, "groot")])
    store._run_in_transaction = original
    assert signature(store) == before
    report = store.load([org_batch(2500, "groot")])  # re-running completes it
    assert report.written and store.counts()["nodes"]["Organisation"] == 2510


# --------------------------------------------------------------------------- one line


def test_an_unsupported_uri_scheme_is_one_line(monkeypatch):
    from typer.testing import CliRunner

    from zorgnet.cli import app

    monkeypatch.setenv("NEO4J_URI", "http://127.0.0.1:7474")
    result = CliRunner().invoke(app, ["stats"])
    assert result.exit_code == 2
    assert "schema 'http' wordt niet ondersteund" in result.output
    assert "Traceback" not in result.output and "aiohttp" not in result.output


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_transaction_over_the_memory_limit_is_one_line(neo4j_store):
    """The server's own limit (dbms.memory.transaction.total.max = 256 MiB in the dev
    config) refuses the source's transaction: one line naming the source, nothing
    of it stored. (A statement that collects 40 million numbers is added to the
    source's transaction, so the real server error is raised.)"""
    s = neo4j_store
    original = s._run_in_transaction
    heavy = ("UNWIND range(1, $n) AS i WITH collect(i + 0.5) AS l RETURN size(l) AS c",
             {"n": 40_000_000})

    def with_heavy(statements, progress=None):
        return original([*statements, heavy], progress)

    s._run_in_transaction = with_heavy
    try:
        with pytest.raises(QueryError) as info:
            s.load([org_batch(50, "zwaar")])
    finally:
        s._run_in_transaction = original
    msg = str(info.value)
    assert msg.startswith("bron test://zwaar is te groot voor één transactie op deze server")
    assert "dbms.memory.transaction.total.max" in msg and "\n" not in msg
    assert s.counts()["nodes"]["Organisation"] == 0


class _Proxy:
    """A TCP forwarder to the Neo4j server that can drop every connection."""

    def __init__(self, host: str, port: int):
        import socket
        import threading

        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.conns: list = []
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        import socket
        import threading

        while self.open:
            try:
                a, _ = self.server.accept()
            except OSError:
                return
            if not self.open:
                a.close()
                return
            b = socket.create_connection(self.target)
            self.conns += [a, b]
            for x, y in ((a, b), (b, a)):
                threading.Thread(target=self._pipe, args=(x, y), daemon=True).start()

    @staticmethod
    def _pipe(x, y):
        try:
            while data := x.recv(65536):
                y.sendall(data)
        except OSError:
            pass

    def drop(self):
        import socket

        self.open = False
        try:
            self.server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.server.close()
        for c in self.conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
                c.close()
            except OSError:
                pass


@pytest.mark.neo4j
def test_neo4j_connection_dropped_mid_load_is_one_line(neo4j_store):
    import threading
    from urllib.parse import urlparse

    from conftest import neo4j_settings
    from graph.store.neo4j import Neo4jStore

    uri, user, password = neo4j_settings()
    target = urlparse(uri)
    proxy = _Proxy(target.hostname, target.port)
    s = Neo4jStore(f"bolt://127.0.0.1:{proxy.port}", user, password)
    s.max_tx_rows = 2_000
    timer = threading.Timer(1.0, proxy.drop)
    timer.start()
    try:
        with pytest.raises(StoreUnavailable) as info:
            s.load([org_batch(20_000, "weg")])
    finally:
        timer.cancel()
        proxy.drop()
    msg = str(info.value)
    assert "verbinding met Neo4j" in msg and "verbroken" in msg and "\n" not in msg
    s.close()
    # the server itself is fine; re-running the load completes the source
    neo4j_store.load([org_batch(200, "weg")])
    assert neo4j_store.counts()["nodes"]["Organisation"] >= 200


# --------------------------------------------------------------------------- folder load


def test_folder_load_names_each_failed_source_and_loads_the_rest(tmp_path):
    """Impossible dates and an over-long name are row errors with the row number;
    the folder's other files are loaded; re-running after the fix completes it."""
    from typer.testing import CliRunner

    from zorgnet.cli import app

    folder = tmp_path / "bronnen"
    folder.mkdir()
    head = "organisatie,soort,plaats,initiatief,datum\n"
    (folder / "a_goed.csv").write_text(
        head + "Zorggroep Alfa,zorgaanbieder,Utrecht,Pact Een,1-3-2024\n", encoding="utf-8")
    (folder / "b_datum.csv").write_text(
        head + "Zorggroep Beta,zorgaanbieder,Utrecht,Pact Een,32-13-2024\n"
        "Zorggroep Gamma,zorgaanbieder,Utrecht,Pact Een,31-02-2024\n", encoding="utf-8")
    (folder / "c_lang.csv").write_text(
        head + "Zorggroep Delta,zorgaanbieder,Utrecht,Pact Een,2024-01-01\n"
        + "X" * 20_010 + ",zorgaanbieder,Utrecht,Pact Een,\n", encoding="utf-8")
    (folder / "d_goed.csv").write_text(
        head + "Zorggroep Epsilon,zorgaanbieder,Utrecht,Pact Een,2024-02-29\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["load", str(folder)])
    assert result.exit_code == 1
    out = result.output
    assert "b_datum.csv rij 2: datum '32-13-2024' bestaat niet" in out
    assert "b_datum.csv rij 3: datum '31-02-2024' bestaat niet" in out
    assert "c_lang.csv rij 3: naam van 20010 tekens is te lang (max 500)" in out
    assert "2 van 4 bron(nen) niet geladen" in out
    with LadybugStore(os.environ["ZORGNET_DB"], read_only=True) as s:
        names = {r["n"] for r in s.query("MATCH (o:Organisation) RETURN o.name AS n")}
        dates = {r["d"] for r in s.query("MATCH ()-[r:PARTNER_IN]->() RETURN r.date AS d")}
    assert names == {"Zorggroep Alfa", "Zorggroep Epsilon"}
    assert dates == {"2024-03-01", "2024-02-29"}
    (folder / "b_datum.csv").write_text(
        head + "Zorggroep Beta,zorgaanbieder,Utrecht,Pact Een,31-12-2024\n", encoding="utf-8")
    (folder / "c_lang.csv").unlink()
    result = runner.invoke(app, ["load", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 nieuw" in result.output and "2 ongewijzigd overgeslagen" in result.output


@pytest.mark.slow
def test_clear_deletes_a_25k_node_graph_in_batches(store):
    """`zorgnet demo --reset` / Store.clear() on a graph too large for one transaction."""
    from graph.model import NODE_TABLES, create_node_cypher, create_rel_cypher

    n = 25_000
    base = {p: None for p in NODE_TABLES["Organisation"].props}
    rows = [{**base, "id": f"org:company:o{i}", "name": f"O{i}", "kind": "company",
             "aliases": []} for i in range(n)]
    rels = [{"src": rows[i]["id"], "dst": rows[i + 1]["id"], "doc": "d", "role": None,
             "sentence": "", "locator": "", "date": None, "confidence": 1.0}
            for i in range(n - 1)]
    for i in range(0, n, 5000):
        store._run_in_transaction([(create_node_cypher("Organisation"),
                                    {"rows": rows[i:i + 5000]})])
    for i in range(0, n, 5000):
        store._run_in_transaction([(create_rel_cypher("PARTNER_IN", "Organisation",
                                                      "Organisation"),
                                    {"rows": rels[i:i + 5000]})])
    assert store.counts()["relationships"]["PARTNER_IN"] == n - 1
    deletes = []
    original = store._run

    def spy(text, params=None):
        if "DELETE" in text:
            deletes.append(text)
        return original(text, params)

    store._run = spy
    store.clear()
    store._run = original
    assert sum(store.counts()["nodes"].values()) == 0
    assert len(deletes) >= 3  # several bounded deletes, not one transaction
