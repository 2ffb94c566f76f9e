"""Console queries on Neo4j: the server judges, and the time limit holds end to end.

* ``EXPLAIN <query>`` first: the server plans the query without running it and
  reports its type; only ``'r'`` (read only) runs. Writes (``'rw'``, ``'w'``) and
  schema changes (``'s'``) are refused whatever words they use. The server calls
  ``LOAD CSV``, ``SHOW TRANSACTIONS`` and ``TERMINATE TRANSACTIONS`` ``'r'`` too, so
  the plan is checked as well (:func:`check_plan`): no ``LoadCSV``, ``Show*`` or
  ``Terminate*`` operator, no procedure outside the allow-list.
* The query runs in an explicit **read** transaction (``READ`` access mode: the
  server refuses any write in it) with a server-side transaction timeout.
* The caller waits at most ``timeout_s`` plus a short grace: the query runs in a
  helper thread, and at the deadline the caller gets a one-line
  :class:`~graph.errors.QueryError` even if the server is still busy (some
  expressions — a ``reduce`` over a huge list — only notice their timeout late)
  or hangs. At most :data:`CONCURRENT` console queries per store run at a time,
  so abandoned ones cannot pile up.
* Every failure (syntax, missing parameter, timeout, lost connection, driver
  error) is one line in a :class:`QueryError`.

The console does not use the app's store lock: the driver is thread-safe and each
console query has its own session.
"""

from __future__ import annotations

import threading

from graph.console import READ_PROCEDURES
from graph.store.base import QueryError, ReadOnlyViolation
from graph.store.statements import explain

__all__ = ["GRACE_S", "CONCURRENT", "check_plan", "console_read"]

GRACE_S = 2.0
CONCURRENT = 4
_slots = threading.BoundedSemaphore(CONCURRENT)


def _one_line(msg: str) -> str:
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= 500 else msg[:497] + "…"


def _read(driver, database, text, params, timeout_s, max_rows):
    import neo4j

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        with session.begin_transaction(timeout=timeout_s,
                                       metadata={"app": "zorgnet-console"}) as tx:
            summary = tx.run(explain(text), params).consume()
            kind = summary.query_type
            if kind != "r":
                raise ReadOnlyViolation.of("err.read_only", why=ReadOnlyViolation.of(
                    "err.ro_server_kind", kind=repr(kind)))
            check_plan(summary.plan)
            result = tx.run(text, params)
            cols = list(result.keys())
            rows, truncated = [], False
            for rec in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(_plain(rec.data()))
            tx.rollback()
            return cols, rows, truncated


#: Plan operators the server classifies as read (``'r'``) that the console still
#: refuses: file/URL loads, other sessions' transactions and server settings.
_REFUSED_OPERATORS = ("LoadCSV", "Show", "Terminate", "Administration", "System")


def check_plan(plan: dict | None) -> None:
    """Refuse a plan (``EXPLAIN``) with a ``LOAD CSV``, ``SHOW``/``TERMINATE`` operator
    or a procedure call outside :data:`graph.console.READ_PROCEDURES`.

    >>> check_plan({"operatorType": "ProduceResults@neo4j", "children": [
    ...     {"operatorType": "ProcedureCall@neo4j", "args": {"Details": "db.labels() :: x"}}]})
    >>> check_plan({"operatorType": "ShowTransactions@neo4j"})
    Traceback (most recent call last):
    ...
    graph.errors.ReadOnlyViolation: alleen lezen: de server plant 'ShowTransactions'; niets uitgevoerd
    """
    stack = [plan] if plan else []
    while stack:
        op = stack.pop()
        name = str(op.get("operatorType") or "").split("@")[0]
        if name.startswith(_REFUSED_OPERATORS):
            raise ReadOnlyViolation.of("err.read_only", why=ReadOnlyViolation.of(
                "err.ro_server_plan", operator=repr(name)))
        if name == "ProcedureCall":
            details = str((op.get("args") or {}).get("Details") or "")
            proc = details.split("(")[0].strip().lower()
            if proc not in READ_PROCEDURES["neo4j"]:
                raise ReadOnlyViolation.of("err.read_only", why=ReadOnlyViolation.of(
                    "err.ro_procedure", name=repr(proc or "?")))
        stack.extend(op.get("children") or [])


def _error(exc: BaseException, timeout_s: float) -> QueryError:
    from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

    if isinstance(exc, QueryError):
        return exc
    if isinstance(exc, Neo4jError):
        msg = exc.message or str(exc)
        code = exc.code or ""
        if "Timeout" in code or "timeout" in msg.lower() or "Terminated" in code:
            return QueryError.of("err.timeout_msg", s=f"{timeout_s:g}", msg=_one_line(msg)[:200])
        return QueryError(_one_line(msg))
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        return QueryError.of("err.neo4j_gone", msg=_one_line(exc))
    if isinstance(exc, DriverError):
        return QueryError.of("err.neo4j_driver", msg=_one_line(exc))
    return QueryError(_one_line(f"{type(exc).__name__}: {exc}"))


def console_read(driver, database, text: str, params: dict, *, timeout_s: float,
                 max_rows: int) -> tuple[list[str], list[dict], bool]:
    """Run ``text`` as described in the module docstring; ``(columns, rows, truncated)``."""
    if not _slots.acquire(timeout=timeout_s):
        raise QueryError.of("err.console_busy", max=CONCURRENT)
    box: dict = {}
    done = threading.Event()

    def run():
        try:
            box["result"] = _read(driver, database, text, params, timeout_s, max_rows)
        except BaseException as exc:  # handed to the caller as one line
            box["error"] = exc
        finally:
            done.set()
            _slots.release()

    try:
        threading.Thread(target=run, name="zorgnet-console", daemon=True).start()
    except BaseException:
        _slots.release()
        raise
    if not done.wait(timeout_s + GRACE_S):
        raise QueryError.of("err.timeout_server", s=f"{timeout_s:g}")
    if "error" in box:
        raise _error(box["error"], timeout_s) from box["error"]
    return box["result"]


def _plain(value):
    """Neo4j temporal/spatial values to plain Python for tables and CSV."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
