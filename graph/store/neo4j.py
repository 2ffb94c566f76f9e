"""Neo4j, the store of record, through the official driver."""

from __future__ import annotations

from typing import Callable

from graph.settings import Settings
from graph.store import statements as S
from graph.store.base import QueryError, Store, StoreUnavailable
from graph.store.neo4j_console import console_read

__all__ = ["SCHEMES", "TransactionTooLarge", "check_uri", "Neo4jStore"]

#: URI schemes of the Bolt protocol (the driver's http/https need extra packages
#: and speak the query API, not Bolt)
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class TransactionTooLarge(QueryError):
    """The server refused a transaction over its memory limit
    (``dbms.memory.transaction.total.max``)."""


def _one_line(exc) -> str:
    return " ".join(str(getattr(exc, "message", None) or exc).split())


def _is_too_large(exc) -> bool:
    text = f"{getattr(exc, 'code', '') or ''} {_one_line(exc)}"
    return "MemoryPoolOutOfMemory" in text or "transaction.total.max" in text \
        or "threshold reached" in text


def check_uri(uri: str) -> None:
    """Raise :class:`StoreUnavailable` (one line) for a URI the store cannot use.

    >>> check_uri("bolt://127.0.0.1:7687")
    >>> check_uri("http://127.0.0.1:7474")
    Traceback (most recent call last):
    ...
    graph.errors.StoreUnavailable: NEO4J_URI 'http://127.0.0.1:7474': schema 'http' wordt niet ondersteund; gebruik bolt://host:7687 of neo4j://host:7687 (ook bolt+s, bolt+ssc, neo4j+s, neo4j+ssc)
    """
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise StoreUnavailable.of("err.neo4j_scheme", uri=repr(uri),
                                  scheme=repr(scheme) if scheme else "–")


class Neo4jStore(Store):
    """A store on a Neo4j server.

    Parameters
    ----------
    uri : str
        e.g. ``bolt://127.0.0.1:7687`` or ``neo4j://host``.
    user, password : str
    database : str, optional
        Defaults to the server's default database.
    settings : Settings, optional
        The transaction bound (default :meth:`Settings.from_env`).
    """

    engine = "neo4j"
    #: the server caps a transaction's memory (dbms.memory.transaction.total.max,
    #: 256 MiB in the dev config): a larger source is written in bounded transactions;
    #: ZORGNET_TX_ROWS (Settings.tx_rows) sets another bound
    max_tx_rows = 20_000

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", *,
                 database: str | None = None, connect_timeout: float = 5.0,
                 settings: Settings | None = None):
        import neo4j
        from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

        check_uri(uri)
        settings = settings or Settings.from_env()
        if settings.tx_rows:
            self.max_tx_rows = settings.tx_rows
        self.location = uri
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=connect_timeout,
                max_transaction_retry_time=5.0, notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreUnavailable.of("err.neo4j_unreachable", uri=uri, msg=exc) from exc
        except AuthError as exc:
            raise StoreUnavailable.of("err.neo4j_auth", uri=uri, user=repr(user),
                                      msg=exc) from exc
        except (Neo4jError, DriverError) as exc:
            raise StoreUnavailable.of("err.neo4j", uri=uri, msg=_one_line(exc)) from exc
        self.ensure_schema()

    def _lost(self, exc) -> StoreUnavailable:
        return StoreUnavailable.of("err.neo4j_lost", uri=self.location,
                                   msg=f"{type(exc).__name__}: {_one_line(exc)}")

    def ensure_schema(self) -> None:
        for stmt in [*S.neo4j_schema_migrations(), *S.neo4j_schema()]:
            self._driver.execute_query(stmt, database_=self.database)

    def close(self) -> None:
        d = getattr(self, "_driver", None)
        self._driver = None
        if d is not None:
            d.close()

    def _run(self, text: str, params: dict | None = None) -> list[dict]:
        from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

        try:
            records, _, _ = self._driver.execute_query(text, params or {},
                                                       database_=self.database)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._lost(exc) from exc
        except Neo4jError as exc:
            raise QueryError(exc.message or str(exc)) from exc
        except DriverError as exc:
            raise self._lost(exc) from exc
        return [r.data() for r in records]

    def _run_in_transaction(self, statements: list[tuple[str, dict]],
                            progress: Callable[[int, int], None] | None = None) -> None:
        from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

        total = len(statements)

        def work(tx):
            for i, (text, params) in enumerate(statements, 1):
                tx.run(text, params or {}).consume()
                if progress:
                    progress(i, total)

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._lost(exc) from exc
        except Neo4jError as exc:
            if _is_too_large(exc):
                raise TransactionTooLarge(_one_line(exc)) from exc
            raise QueryError.of("err.tx_aborted", msg=_one_line(exc)) from exc
        except DriverError as exc:  # e.g. the connection broke inside the transaction
            raise self._lost(exc) from exc

    def _guarded_read(self, text: str, params: dict, timeout_s: float,
                      max_rows: int) -> tuple[list[str], list[dict], bool]:
        """Run an untrusted query with the server's own read-only judgement and an
        end-to-end time limit; see :mod:`graph.store.neo4j_console`."""
        return console_read(self._driver, self.database, text, params,
                            timeout_s=timeout_s, max_rows=max_rows)
