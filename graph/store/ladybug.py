"""The embedded default: LadybugDB (PyPI ``ladybug``), in-process, one writer."""

from __future__ import annotations

import os
from pathlib import Path

from graph.model import ladybug_ddl, ladybug_migrations
from graph.store.base import QueryError, Store, StoreUnavailable


def _rows(result) -> list[dict]:
    cols = result.get_column_names()
    out = []
    while result.has_next():
        out.append(dict(zip(cols, result.get_next())))
    return out


class LadybugStore(Store):
    """A store in a LadybugDB database folder/file at ``path``.

    Parameters
    ----------
    path : str or Path
        Database path (created if missing).
    read_only : bool
        Open without write access (several readers may share a database).
    """

    engine = "ladybug"

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        import ladybug

        self.location = str(path)
        Path(self.location).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(self.location, read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except Exception as exc:  # lock held by another process, corrupt file, …
            raise StoreUnavailable(
                f"LadybugDB op {self.location} kan niet worden geopend: {exc}. "
                "Draait de app of een andere zorgnet-opdracht al op deze database?"
            ) from exc
        self.read_only = read_only
        if not read_only:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        for stmt in ladybug_ddl() + ladybug_migrations():
            self._conn.execute(stmt)

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    def _run(self, text: str, params: dict | None = None) -> list[dict]:
        try:
            return _rows(self._conn.execute(text, params or {}))
        except RuntimeError as exc:
            raise QueryError(str(exc)) from exc

    def _run_in_transaction(self, statements, progress=None) -> None:
        total = len(statements)
        self._conn.execute("BEGIN TRANSACTION")
        try:
            for i, (text, params) in enumerate(statements, 1):
                self._conn.execute(text, params or {})
                if progress:
                    progress(i, total)
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, RuntimeError):
                raise QueryError(f"laden afgebroken, niets geschreven: {exc}") from exc
            raise
        self._conn.execute("COMMIT")

    def _guarded_read(self, text, params, timeout_s, max_rows):
        self._conn.set_query_timeout(int(timeout_s * 1000))
        self._conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            result = self._conn.execute(text, params)
            cols = result.get_column_names()
            rows, truncated = [], False
            while result.has_next():
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(dict(zip(cols, result.get_next())))
            return cols, rows, truncated
        except RuntimeError as exc:
            msg = str(exc)
            if "Interrupted" in msg:
                msg = f"tijdslimiet van {timeout_s:g} s overschreden"
            raise QueryError(msg) from exc
        finally:
            self._rollback()
            self._conn.set_query_timeout(0)

    def _rollback(self) -> None:
        """Roll back, tolerating a transaction the engine already ended (an
        interrupted or failed statement rolls back by itself)."""
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as exc:
            if "No active transaction" not in str(exc):
                raise
