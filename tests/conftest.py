"""Shared fixtures: stores on both engines, the demo graph, the seeds.

Neo4j tests use the server named by ``ZORGNET_TEST_NEO4J_URI`` (set by
``scripts/test.sh`` after ``scripts/neo4j.sh start``), with
``ZORGNET_TEST_NEO4J_USER`` / ``ZORGNET_TEST_NEO4J_PASSWORD``. Without it they are
skipped locally with the reason — but under ``CI=true`` they fail: CI must run them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ZORGNET_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"


@pytest.fixture(autouse=True)
def _no_ambient_neo4j(monkeypatch, tmp_path):
    """Tests never touch the user's own database or a NEO4J_URI from the shell."""
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ZORGNET_DB", str(tmp_path / "default.lbug"))


def neo4j_settings() -> tuple[str, str, str] | None:
    uri = os.environ.get("ZORGNET_TEST_NEO4J_URI")
    if not uri:
        return None
    return (uri, os.environ.get("ZORGNET_TEST_NEO4J_USER", "neo4j"),
            os.environ.get("ZORGNET_TEST_NEO4J_PASSWORD", "zorgnet-dev"))


def _neo4j_or_fail():
    from graph.store import StoreUnavailable
    from graph.store.neo4j import Neo4jStore

    settings = neo4j_settings()
    in_ci = os.environ.get("CI", "").lower() == "true"
    if settings is None:
        msg = "ZORGNET_TEST_NEO4J_URI not set (run the suite with scripts/test.sh)"
        if in_ci:
            pytest.fail("Neo4j tests must run in CI: " + msg)
        pytest.skip(msg)
    try:
        return Neo4jStore(*settings)
    except StoreUnavailable as exc:
        if in_ci:
            pytest.fail(f"Neo4j tests must run in CI, but: {exc}")
        pytest.skip(str(exc))


@pytest.fixture
def lb_store(tmp_path):
    from graph.store.ladybug import LadybugStore

    with LadybugStore(tmp_path / "graph.lbug") as s:
        yield s


def _empty_neo4j():
    """An empty Neo4j database, cleared again afterwards."""
    s = _neo4j_or_fail()
    s.clear()
    try:
        yield s
    finally:
        s.clear()
        s.close()


@pytest.fixture
def neo4j_store():
    """An empty Neo4j database (cleared before and after the test)."""
    yield from _empty_neo4j()


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    """An empty store, once per engine."""
    if request.param == "ladybug":
        from graph.store.ladybug import LadybugStore

        with LadybugStore(tmp_path / "graph.lbug") as s:
            yield s
    else:
        yield from _empty_neo4j()


@pytest.fixture(scope="session")
def demo_lb(tmp_path_factory):
    """A LadybugDB store with the demo loaded (shared, read it only)."""
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    s = LadybugStore(tmp_path_factory.mktemp("demo") / "demo.lbug")
    s.load(demo_batches())
    yield s
    s.close()


_DEMO_COUNTS: dict = {}


def _demo_counts() -> dict:
    """Counts of the demo graph (computed once on a throw-away LadybugDB)."""
    if not _DEMO_COUNTS:
        import tempfile

        from graph.store.ladybug import LadybugStore
        from loaders.demo import demo_batches

        with tempfile.TemporaryDirectory() as d, LadybugStore(Path(d) / "c.lbug") as s:
            s.load(demo_batches())
            _DEMO_COUNTS.update(s.counts())
    return _DEMO_COUNTS


@pytest.fixture
def demo_neo4j():
    """The real Neo4j holding exactly the demo (read it only).

    Function-scoped because other Neo4j tests clear the database; reloading is
    cheap (unchanged documents are skipped by checksum).
    """
    from loaders.demo import demo_batches

    s = _neo4j_or_fail()
    if s.counts() != _demo_counts():
        s.clear()
        s.load(demo_batches())
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def demo_graph(demo_lb):
    """The demo as a networkx MultiDiGraph."""
    from graph.projection import to_networkx

    return to_networkx(demo_lb)


def _shared(path: Path, what: str, exists) -> Path:
    """A file of ../shared: skip locally when absent, fail under CI=true (CI has it)."""
    if not exists(path):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the {what} are missing at {path}")
        pytest.skip(f"{what} not found at {path}")
    return path


@pytest.fixture(scope="session")
def seeds_dir():
    return _shared(SEEDS, "seed documents", Path.is_dir)


@pytest.fixture(scope="session")
def gold_path():
    return _shared(GOLD, "gold annotations", Path.is_file)
