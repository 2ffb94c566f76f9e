"""Stores: Neo4j (the store of record) and LadybugDB (the embedded default).

:func:`open_store` picks the engine from the environment: Neo4j whenever
``NEO4J_URI`` is set (with ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` and optionally
``NEO4J_DATABASE``), else LadybugDB at ``ZORGNET_DB`` or in the per-user data folder.
"""

from __future__ import annotations

from pathlib import Path

from graph.settings import Settings
from graph.store.base import (  # noqa: F401
    LoadReport,
    QueryError,
    ReadOnlyViolation,
    SourcesFailed,
    Store,
    StoreError,
    StoreUnavailable,
    check_params,
)

__all__ = ["LoadReport", "QueryError", "ReadOnlyViolation", "SourcesFailed", "Store",
           "StoreError", "StoreUnavailable", "check_params", "default_db_path",
           "describe_target", "open_store"]


def default_db_path(settings: Settings | None = None) -> Path:
    """``$ZORGNET_DB`` or ``<user data dir>/zorgnet/graph.lbug`` (:class:`Settings`)."""
    return (settings or Settings.from_env()).database_path()


def describe_target(settings: Settings | None = None) -> str:
    """One line naming where commands will read and write."""
    return (settings or Settings.from_env()).describe()


def open_store(*, read_only: bool = False, settings: Settings | None = None) -> Store:
    """Open the configured store (see the module docstring); ``settings`` default to
    :meth:`Settings.from_env`.

    Raises
    ------
    StoreUnavailable
        When Neo4j cannot be reached or the embedded database cannot be opened.
    """
    s = settings or Settings.from_env()
    if s.neo4j_uri:
        from graph.store.neo4j import Neo4jStore  # lazy: the neo4j driver is heavy

        return Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password,
                          database=s.neo4j_database, settings=s)
    from graph.store.ladybug import LadybugStore  # lazy: only one engine is loaded

    path = s.database_path()
    # LadybugDB cannot create a database read-only: a first `zorgnet stats` on a
    # fresh machine creates the empty database (with its schema) instead of failing.
    store = LadybugStore(path, read_only=read_only and path.exists(), settings=s)
    if store.notice:  # recovered from an interrupted load: say so in one line
        import sys

        print("let op: " + store.notice, file=sys.stderr)
    return store
