"""Console queries on LadybugDB run here: in a separate, limited worker process.

LadybugDB runs in the app's own process, and a short hostile query can end that
process (a few thousand nested brackets overflow the parser's stack: SIGSEGV) or
take gigabytes (``range(1, 200000000)``). So the console never runs a query in
the app's process: :func:`run_query` starts ``python -m graph.console_worker``,
which

* opens the database **read-only** (LadybugDB allows read-only opens next to the
  app's read-write one; the worker sees the last committed state, WAL included),
* may not write a single byte to any file (``RLIMIT_FSIZE = 0``: even a ``COPY … TO``
  that got past the guard fails), dumps no core, runs one engine thread,
* has a memory cap (the parent kills it when its resident memory passes
  :data:`MEMORY_MB`; an ``RLIMIT_AS`` cap would also count the gigabytes of address
  space the engine reserves for shortest paths, and break them), a CPU-time cap,
  the engine's query timeout and a row limit,

and the parent kills it at the wall-clock deadline. Whatever happens in the
worker — an error, a crash (a signal), a timeout, a memory hit, output too large —
becomes one line in a :class:`~graph.errors.QueryError`; the app keeps
serving. The worker needs no lock of the app: it has its own database handle.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from graph.errors import QueryError
from graph.resources import code_root

__all__ = ["MEMORY_MB", "BUFFER_POOL_MB", "OPEN_RETRY_S", "MAX_OUTPUT_BYTES",
           "STARTUP_S", "CONCURRENT", "run_query", "main"]

MEMORY_MB = 768                # resident memory of the worker (watched by the parent)
BUFFER_POOL_MB = 4096          # the engine's own cap (virtual; shortest paths reserve a lot)
OPEN_RETRY_S = 3.0             # retrying a read-only open refused during a checkpoint
MAX_OUTPUT_BYTES = 64 << 20    # pickled rows
STARTUP_S = 2.0                # allowed on top of the query's own time limit
CONCURRENT = 2                 # console workers at a time per app process
_slots = threading.BoundedSemaphore(CONCURRENT)


# --------------------------------------------------------------------------- parent


def run_query(path: str, text: str, params: dict, *, timeout_s: float, max_rows: int,
              memory_mb: int = MEMORY_MB) -> tuple[list[str], list[dict], bool]:
    """Run ``text`` read-only on the LadybugDB database at ``path`` in a worker.

    Returns ``(columns, rows, truncated)``; raises :class:`QueryError` (one line)
    for every failure.
    """
    if not _slots.acquire(timeout=timeout_s):
        raise QueryError.of("err.console_busy", max=CONCURRENT)
    try:
        request = json.dumps({"path": str(path), "text": text, "params": params,
                              "timeout_ms": max(1, int(timeout_s * 1000)),
                              "max_rows": int(max_rows)},
                             default=str).encode("utf-8")
        for attempt in (1, 2):
            stamp = _db_stamp(str(path))
            out, err, code = _spawn(request, timeout_s + STARTUP_S, timeout_s, memory_mb)
            status, rest = _answer(out, code)
            # a worker that crashed or ran out of memory while the app wrote the database
            # (a torn read of a page or the WAL) runs once more on the committed state; a
            # failure on a database that stood still is the query's own
            torn = code < 0 or (status == "error" and rest[0] == "MemoryError")
            if status == "ok" or not torn or attempt == 2 or _db_stamp(str(path)) == stamp:
                break
    finally:
        _slots.release()
    if status == "ok":
        return rest[0], rest[1], rest[2]
    if status == "crash":
        raise _failure(code, err, timeout_s)
    raise _explain(rest[0], timeout_s)


def _answer(out: bytes, code: int) -> tuple[str, list]:
    """``(status, rest)`` of a worker's reply: ``ok``/``error`` as it sent them, or
    ``crash`` when it ended without one."""
    if code != 0 or not out:
        return "crash", []
    try:
        status, *rest = _SafeUnpickler(out).load()
    except Exception as exc:
        raise QueryError.of("err.worker_answer", msg=exc) from exc
    return status, rest


def _db_stamp(path: str) -> tuple:
    """Size and modification time of the database file and its WAL."""
    out = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


class _Worker:
    """A started worker process (waiting for its request on stdin) and its empty
    working directory."""

    def __init__(self):
        root = str(code_root())
        # env-copy: the worker process inherits this environment; no setting is read here
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                    else "")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        self.cwd = tempfile.TemporaryDirectory(prefix="zorgnet-console-")
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", "graph.console_worker"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, cwd=self.cwd.name, env=env,
                                         start_new_session=True)
        except OSError:
            self.cwd.cleanup()
            raise

    def discard(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()
        self.cwd.cleanup()


_spare: _Worker | None = None
_spare_lock = threading.Lock()


def _make_spare() -> None:
    global _spare
    try:
        w = _Worker()
    except OSError:
        return
    with _spare_lock:
        if _spare is None:
            _spare = w
            return
    w.discard()


def _take_worker() -> _Worker:
    """A worker that has already started Python and imported the engine (started
    for the previous query); the next one starts in the background. It opens the
    database only when it gets its request, so it always sees the current state."""
    global _spare
    with _spare_lock:
        w, _spare = _spare, None
    if w is None or w.proc.poll() is not None:
        if w is not None:
            w.discard()
        w = _Worker()
    threading.Thread(target=_make_spare, name="zorgnet-console-spare", daemon=True).start()
    return w


def _spawn(request: bytes, wall_s: float, timeout_s: float, memory_mb: int):
    try:
        worker = _take_worker()
    except OSError as exc:
        raise QueryError.of("err.worker_start", msg=exc) from exc
    proc = worker.proc
    try:
        over = threading.Event()
        watch = threading.Thread(target=_watch_memory, args=(proc, memory_mb << 20, over),
                                 daemon=True)
        watch.start()
        try:
            out, err = proc.communicate(request, timeout=wall_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise QueryError.of("err.timeout_aborted", s=f"{timeout_s:g}") from None
        finally:
            watch.join(1)
        if over.is_set():
            raise QueryError.of("err.console_memory", mb=memory_mb)
        return out, err, proc.returncode
    finally:
        worker.cwd.cleanup()


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _watch_memory(proc, limit: int, over: threading.Event) -> None:
    """Kill the worker (our own child, by its pid) once its resident memory passes
    ``limit``. Polled: an address-space rlimit would also count the engine's large
    virtual reservations, which are not memory in use."""
    import time

    while proc.poll() is None:
        if _rss_bytes(proc.pid) > limit:
            over.set()
            proc.kill()
            return
        time.sleep(0.02)


def _failure(code: int, err: bytes, timeout_s: float) -> QueryError:
    """The error for a worker that ended without an answer (one line)."""
    if code is not None and code < 0:
        sig = -code
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        if sig == signal.SIGXCPU:
            return QueryError.of("err.timeout_cpu", s=f"{timeout_s:g}")
        if sig == signal.SIGKILL:
            return QueryError.of("err.worker_killed")
        return QueryError.of("err.worker_crashed", signal=name)
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    if not last[0]:
        return QueryError.of("err.worker_stopped", code=code)
    return QueryError.of("err.worker_stopped_msg", code=code, msg=_explain(last[0], timeout_s))


def _explain(msg: str, timeout_s: float) -> QueryError:
    """The error for the engine's message ``msg`` (a timeout or memory limit said in
    the UI's language, anything else quoted as one line)."""
    if "Interrupted" in msg:
        return QueryError.of("err.timeout", s=f"{timeout_s:g}")
    if "bad_alloc" in msg or "MemoryError" in msg or "Unable to allocate" in msg \
            or "out of memory" in msg.lower():
        return QueryError.of("err.console_memory_msg", msg=_one_line(msg)[:120])
    return QueryError(_one_line(msg))


def _one_line(msg: str) -> str:
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= 500 else msg[:497] + "…"


_SAFE = {("datetime", n) for n in ("date", "datetime", "time", "timedelta", "timezone")}
_SAFE |= {("decimal", "Decimal")}


class _SafeUnpickler(pickle.Unpickler):
    """Only plain data and dates come back from the worker."""

    def __init__(self, data: bytes):
        import io

        super().__init__(io.BytesIO(data))

    def find_class(self, module, name):
        if (module, name) in _SAFE:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} niet toegestaan")


# --------------------------------------------------------------------------- worker


def _plain(value):
    """Engine values as plain data (dicts, lists, numbers, strings, dates)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, decimal.Decimal,
                                           _dt.date, _dt.time, _dt.timedelta)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return str(value)


def _limit(resource, which, value: int) -> None:
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):  # pragma: no cover - a hard limit already lower
        pass


def _open(path: str, patience_s: float):
    """Open read-only; while the app checkpoints (its WAL is being folded into the
    database file) a read-only open is refused for a moment: retry until
    ``patience_s`` has passed."""
    import time

    import ladybug

    deadline = time.monotonic() + patience_s
    while True:
        try:
            return ladybug.Database(path, read_only=True, max_num_threads=1,
                                    buffer_pool_size=BUFFER_POOL_MB << 20)
        except (RuntimeError, ValueError, IndexError, MemoryError) as exc:
            # RuntimeError: refused during a checkpoint; ValueError/IndexError/MemoryError
            # (the engine's length_error/out_of_range/bad_alloc): a WAL read while written
            if time.monotonic() >= deadline:
                raise RuntimeError(f"database niet te openen (de app laadt of schrijft "
                                   f"net; probeer het zo opnieuw): {exc}") from exc
            time.sleep(0.1)


def _work(req: dict):
    try:
        import resource
    except ImportError:  # pragma: no cover - not Unix
        resource = None
    if resource is not None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write fails instead of killing
        _limit(resource, resource.RLIMIT_CORE, 0)
        _limit(resource, resource.RLIMIT_FSIZE, 0)
        _limit(resource, resource.RLIMIT_CPU, int(req["timeout_ms"] / 1000) + 3)
    return _query(req)


def _query(req: dict):
    db = _open(req["path"], min(OPEN_RETRY_S, req["timeout_ms"] / 1000))
    import ladybug

    conn = ladybug.Connection(db)
    conn.set_query_timeout(req["timeout_ms"])
    result = conn.execute(req["text"], req["params"] or {})
    cols = result.get_column_names()
    rows, truncated = [], False
    while result.has_next():
        if len(rows) >= req["max_rows"]:
            truncated = True
            break
        rows.append(dict(zip(cols, _plain(result.get_next()))))
    return cols, rows, truncated


def main() -> int:
    import ladybug  # noqa: F401 - imported while the worker waits as the spare

    data = sys.stdin.buffer.read()
    if not data:        # the app ended while this worker was the spare
        return 0
    req = json.loads(data.decode("utf-8"))
    try:
        cols, rows, truncated = _work(req)
        out = pickle.dumps(("ok", cols, rows, truncated), protocol=pickle.HIGHEST_PROTOCOL)
        if len(out) > MAX_OUTPUT_BYTES:
            out = pickle.dumps(("error", f"resultaat groter dan {MAX_OUTPUT_BYTES >> 20} MB; "
                                "kies minder rijen of kolommen"))
    except MemoryError:
        out = pickle.dumps(("error", "MemoryError"))
    except Exception as exc:  # RuntimeError from the engine: one line for the page
        out = pickle.dumps(("error", _one_line(f"{exc}")))
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    os._exit(0)   # skip the engine's destructors: nothing to clean up in a read-only worker


if __name__ == "__main__":
    raise SystemExit(main())
