"""The embedded default: LadybugDB (PyPI ``ladybug``), in-process, one writer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from graph.settings import Settings
from graph.store import statements as S
from graph.store.base import QueryError, Store, StoreUnavailable
from graph.store.ladybug_open import RECOVERED_NL, open_database
from graph.console_worker import run_query

__all__ = ["LadybugStore"]


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
    settings : Settings, optional
        Transaction bound and buffer pool (default :meth:`Settings.from_env`).
    """

    engine = "ladybug"
    type_function = "label"
    #: a larger source is written in bounded transactions (memory stays flat);
    #: ZORGNET_TX_ROWS (Settings.tx_rows) sets another bound
    max_tx_rows = 25_000

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False,
                 settings: Settings | None = None):
        import ladybug

        settings = settings or Settings.from_env()
        if settings.tx_rows:
            self.max_tx_rows = settings.tx_rows

        self.location = str(path)
        Path(self.location).parent.mkdir(parents=True, exist_ok=True)
        # a corrupted WAL or a pending checkpoint after a hard kill is recovered here;
        # the lock hint only for a lock (graph/store/ladybug_open.py)
        self._db, backup = open_database(self.location, read_only=read_only,
                                         buffer_mb=settings.lbug_buffer_mb)
        try:
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            self._db.close()
            raise StoreUnavailable.of("err.lbug_open", path=self.location, msg=exc) from exc
        self.read_only = read_only
        #: the kept copy of a WAL that could not be replayed (after a hard kill), else None
        self.recovered_from = backup
        self.notice = RECOVERED_NL.format(backup=backup) if backup else None
        if not read_only:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        for stmt in S.ladybug_ddl() + S.ladybug_migrations():
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

    def _run_in_transaction(self, statements: list[tuple[str, dict]],
                            progress: Callable[[int, int], None] | None = None) -> None:
        total = len(statements)
        self._conn.execute(S.LADYBUG_BEGIN)
        try:
            for i, (text, params) in enumerate(statements, 1):
                self._conn.execute(text, params or {})
                if progress:
                    progress(i, total)
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, RuntimeError):
                raise QueryError.of("err.tx_aborted", msg=exc) from exc
            raise
        self._conn.execute(S.LADYBUG_COMMIT)
        if not self._staging:  # a staged load checkpoints once, at its end
            self._checkpoint()

    def _after_bulk_write(self) -> None:
        self._checkpoint()

    def _checkpoint(self) -> None:
        """Write the WAL into the database file right after a commit, so the WAL is
        empty between loads and a hard kill can only cost the load in progress."""
        try:
            self._conn.execute(S.LADYBUG_CHECKPOINT)
        except RuntimeError:  # pragma: no cover - the engine checkpoints later itself
            pass

    def _guarded_read(self, text: str, params: dict, timeout_s: float,
                      max_rows: int) -> tuple[list[str], list[dict], bool]:
        """Console queries run in a separate read-only worker process with time,
        memory and row limits (:mod:`graph.console_worker`): a query that crashes
        or exhausts the engine ends the worker, not this process, and it uses no
        handle (and needs no lock) of this store."""

        return run_query(self.location, text, params, timeout_s=timeout_s, max_rows=max_rows)

    def _rollback(self) -> None:
        """Roll back, tolerating a transaction the engine already ended (an
        interrupted or failed statement rolls back by itself)."""
        try:
            self._conn.execute(S.LADYBUG_ROLLBACK)
        except RuntimeError as exc:
            if "No active transaction" not in str(exc):
                raise
