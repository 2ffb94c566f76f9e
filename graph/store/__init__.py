"""Stores: Neo4j (the store of record) and LadybugDB (the embedded default).

:func:`open_store` picks the engine from the environment: Neo4j whenever
``NEO4J_URI`` is set (with ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` and optionally
``NEO4J_DATABASE``), else LadybugDB at ``ZORGNET_DB`` or in the per-user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def default_db_path() -> Path:
    """``$ZORGNET_DB`` or ``<user data dir>/zorgnet/graph.lbug``."""
    if os.environ.get("ZORGNET_DB"):
        return Path(os.environ["ZORGNET_DB"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("zorgnet", appauthor=False)) / "graph.lbug"


def describe_target() -> str:
    """One line naming where commands will read and write."""
    if os.environ.get("NEO4J_URI"):
        return f"Neo4j op {os.environ['NEO4J_URI']}"
    return f"LadybugDB in {default_db_path()}"


def open_store(*, read_only: bool = False) -> Store:
    """Open the configured store (see the module docstring).

    Raises
    ------
    StoreUnavailable
        When Neo4j cannot be reached or the embedded database cannot be opened.
    """
    uri = os.environ.get("NEO4J_URI")
    if uri:
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore(uri, os.environ.get("NEO4J_USERNAME", "neo4j"),
                          os.environ.get("NEO4J_PASSWORD", ""),
                          database=os.environ.get("NEO4J_DATABASE") or None)
    from graph.store.ladybug import LadybugStore

    path = default_db_path()
    # LadybugDB cannot create a database read-only: a first `zorgnet stats` on a
    # fresh machine creates the empty database (with its schema) instead of failing.
    store = LadybugStore(path, read_only=read_only and path.exists())
    if store.notice:  # recovered from an interrupted load: say so in one line
        import sys

        print("let op: " + store.notice, file=sys.stderr)
    return store
