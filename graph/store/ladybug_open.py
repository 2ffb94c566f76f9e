"""Opening a LadybugDB database, with recovery from a hard kill.

A process killed while LadybugDB writes its write-ahead log (``<db>.wal``) leaves a
WAL whose last record fails its checksum; every later open then fails with
"Checksum verification failed, the WAL file is corrupted" (LadybugDB issues #113
and #714). A process killed during a checkpoint leaves ``<db>.wal.checkpoint``,
which only a read-write open completes ("Cannot open database in read-only mode
while checkpoint recovery is pending").

:func:`open_database` handles both:

* **corrupted WAL** — the WAL is first copied aside as
  ``<db>.wal.<UTC timestamp>.onderbroken`` (kept, never deleted), then the
  database is opened with ``throw_on_wal_replay_failure=False``: LadybugDB replays
  the transactions the WAL holds up to the damaged record (the committed ones)
  and drops the interrupted one. If even that fails, the WAL is moved aside and
  the database opens in its last checkpointed state. The caller gets a one-line
  notice (:data:`RECOVERED_NL`; the app shows ``msg.recovered`` of ``app/i18n.py``);
* **pending checkpoint** on a read-only open — a read-write open finishes the
  checkpoint (the load had committed: the graph is in its after-state), then the
  database is opened read-only as asked;
* **lock held by another process** — the only case that says "another process is
  using this database".

Loads ``CHECKPOINT`` right after their commit (see
:meth:`graph.store.ladybug.LadybugStore._run_in_transaction`), so the WAL is empty
between loads and a corrupted WAL can only hold the interrupted load.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from pathlib import Path

from graph.store.base import StoreUnavailable

__all__ = ["RECOVERED_NL", "is_lock_error", "BUFFER_MB", "open_database"]

RECOVERED_NL = ("Een onderbroken laadactie is niet weggeschreven; de database staat op de "
                "laatste voltooide stand. Laad de bron(nen) opnieuw om af te maken "
                "(logbestand bewaard als {backup}).")

_LOCK_MARKERS = ("Could not set lock", "Lock is held")
_PENDING_MARKER = "checkpoint recovery is pending"


def is_lock_error(message: str) -> bool:
    """True when LadybugDB refused because another process holds the database.

    >>> is_lock_error("IO exception: Could not set lock on file : /x (Lock is held by PID 7)")
    True
    >>> is_lock_error("Storage exception: Checksum verification failed, the WAL file is corrupted.")
    False
    """
    return any(m in message for m in _LOCK_MARKERS)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _unavailable(path: str, exc: BaseException) -> StoreUnavailable:
    msg = _one_line(exc)
    if is_lock_error(msg):
        return StoreUnavailable.of("err.lbug_locked", path=path, msg=msg.split(" See ")[0])
    return StoreUnavailable.of("err.lbug_unopenable", path=path, msg=msg)


def _quarantine(wal: Path) -> Path:
    """Copy the WAL to ``<wal>.<UTC timestamp>.onderbroken`` and return that path."""
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    dest = wal.with_name(f"{wal.name}.{stamp}.onderbroken")
    shutil.copy2(wal, dest)
    return dest


#: LadybugDB's buffer pool (page cache and query working memory; reserved, resident
#: only as used). Its default is 80 % of the machine's memory, which a large load fills;
#: below ~1 GB the analysts' path queries (kortste_keten, gedeelde_partners) fail on the
#: national demo. ZORGNET_LBUG_BUFFER_MB (Settings.lbug_buffer_mb) overrides it (192
#: keeps a 200,000-row load under 1 GB resident, see bench/bench_load_scale.py).
BUFFER_MB = 2048


def _database(path: str, read_only: bool, buffer_mb: int | None = None, **kw):
    import ladybug

    mb = buffer_mb or BUFFER_MB
    return ladybug.Database(path, read_only=read_only, buffer_pool_size=mb * 2**20, **kw)


def _recover_read_write(path: str, buffer_mb: int | None = None) -> Path | None:
    """Open read-write once (replaying or quarantining the WAL, finishing a pending
    checkpoint) and close again. Returns the kept WAL copy if one was made."""
    db, backup = _open_read_write(path, buffer_mb)
    db.close()
    return backup


def _open_read_write(path: str, buffer_mb: int | None = None):
    wal = Path(path + ".wal")
    try:
        return _database(path, False, buffer_mb), None
    except RuntimeError as exc:
        if is_lock_error(str(exc)) or not wal.exists():
            raise _unavailable(path, exc) from exc
        first = exc
    backup = _quarantine(wal)
    try:
        return _database(path, False, buffer_mb, throw_on_wal_replay_failure=False), backup
    except RuntimeError:
        pass
    if wal.exists():  # the copy above holds the same bytes: move the WAL onto it
        os.replace(wal, backup)
    try:
        return _database(path, False, buffer_mb), backup
    except RuntimeError as exc:
        raise _unavailable(path, first) from exc


def open_database(path: str, *, read_only: bool = False, buffer_mb: int | None = None):
    """Open ``path``; return ``(database, backup)`` where ``backup`` is the path of a
    WAL that was kept aside because it could not be replayed (else None);
    ``buffer_mb``: the buffer pool (default :data:`BUFFER_MB`,
    :attr:`graph.settings.Settings.lbug_buffer_mb`).

    Raises :class:`StoreUnavailable` with one line (the lock hint only for a lock).
    """
    if not read_only:
        return _open_read_write(path, buffer_mb)
    try:
        return _database(path, True, buffer_mb), None
    except RuntimeError as exc:
        msg = str(exc)
        wal = Path(path + ".wal")
        pending = _PENDING_MARKER in msg or Path(path + ".wal.checkpoint").exists()
        if is_lock_error(msg) or not (pending or wal.exists()):
            raise _unavailable(path, exc) from exc
    backup = _recover_read_write(path, buffer_mb)
    try:
        return _database(path, True, buffer_mb), backup
    except RuntimeError as exc:
        raise _unavailable(path, exc) from exc
