"""The store interface shared by both engines.

A store writes :class:`graph.rows.Batch` es with the generated
``UNWIND $rows … MERGE`` statements of :mod:`graph.model` and answers Cypher
reads. The engine-specific parts are small: how to run a statement, how to run a
list of statements in one transaction, and how to run a guarded read.

Loading rules (the same on both engines):

* a document whose checksum is already stored is skipped (nothing is written);
* a document stored with another checksum has its own evidence replaced: every
  relationship with ``doc = <its id>`` is deleted and written anew, entities left
  with no relationship at all are removed, nothing else changes;
* each source (one batch: a document, web page or spreadsheet) is written in its
  own transaction, so a failed source leaves the graph as it was and the other
  sources of the same call are still written; a source larger than the engine
  takes in one transaction (:attr:`Store.max_tx_rows`) is written in bounded
  transactions under a staging key and removed again if it fails
  (:mod:`graph.store.plan`).
"""

from __future__ import annotations

import abc
import datetime as _dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from graph.console import check_read_only
from graph.errors import (Count, QueryError, ReadOnlyViolation, StoreError,
                          StoreUnavailable, in_language)
from graph.locale import tr
from graph.rows import Batch, RowError
from graph.model import ENTITY_LABELS, NODE_TABLES, REL_TABLES, VERDICTS
from graph.store import statements as S
from graph.store.plan import chunks as _chunks, plan_source
from graph.store.statements import node_counts_cypher, rel_counts_cypher, version_cypher

__all__ = ["QueryError", "ReadOnlyViolation", "StoreError", "StoreUnavailable",
           "strip_strings_and_comments", "query_params", "check_params", "LoadReport",
           "Store", "SourcesFailed", "source_name", "version_cypher",
           "node_counts_cypher", "rel_counts_cypher"]


_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_OR_COMMENT = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S
)


def strip_strings_and_comments(text: str) -> str:
    """Replace string literals, quoted names and comments by blanks.

    >>> strip_strings_and_comments("MATCH (n {name: 'DELETE'}) // SET x\\nRETURN n")
    'MATCH (n {name:  })  \\nRETURN n'
    """
    return _STRING_OR_COMMENT.sub(" ", text)


def query_params(text: str) -> set[str]:
    """The ``$parameters`` a query uses (ignoring ones inside strings/comments).

    >>> sorted(query_params("MATCH (n) WHERE n.id = $id AND n.x = '$no' RETURN $limit"))
    ['id', 'limit']
    """
    return set(_PARAM_RE.findall(strip_strings_and_comments(text)))


def check_params(text: str, params: dict | None) -> dict:
    """Raise :class:`QueryError` if a ``$parameter`` of ``text`` is missing or None.

    LadybugDB silently binds a missing parameter to NULL (a query that then quietly
    returns nothing); both engines are therefore guarded here.
    """
    params = dict(params or {})
    missing = sorted(p for p in query_params(text) if params.get(p) is None)
    if missing:
        raise QueryError.of("err.missing_params", params=", ".join("$" + m for m in missing))
    return params


@dataclass
class LoadReport:
    written: list[str] = field(default_factory=list)    # document ids written (new)
    replaced: list[str] = field(default_factory=list)   # document ids whose evidence was replaced
    skipped: list[str] = field(default_factory=list)    # document ids unchanged
    entities: int = 0
    relations: int = 0
    mentions: int = 0
    removed_orphans: int = 0
    failed: list[str] = field(default_factory=list)     # sources not written (names)

    def as_dict(self) -> dict:
        return dict(self.__dict__)

    def add(self, other: "LoadReport") -> None:
        for k, v in other.__dict__.items():
            setattr(self, k, getattr(self, k) + v)


class Store(abc.ABC):
    """Common logic; each engine implements the abstract primitives below, with these
    exact signatures (``tests/test_store_abc.py`` compares them)."""

    engine: str = "?"
    location: str = "?"
    #: one line for the user when opening recovered from an interrupted load (else None)
    notice: str | None = None
    #: the engine's Cypher function for a relationship's type
    type_function: str = "type"

    # --- engine primitives -------------------------------------------------
    @abc.abstractmethod
    def _run(self, text: str, params: dict | None = None) -> list[dict]:
        """Run one statement in its own transaction; rows as dicts. Engine errors
        become :class:`QueryError` (a lost server :class:`StoreUnavailable`)."""

    @abc.abstractmethod
    def _run_in_transaction(self, statements: list[tuple[str, dict]],
                            progress: Callable[[int, int], None] | None = None) -> None:
        """Run ``(text, params)`` statements in one write transaction: all or nothing;
        ``progress(done, total)`` after each statement."""

    @abc.abstractmethod
    def _guarded_read(self, text: str, params: dict, timeout_s: float,
                      max_rows: int) -> tuple[list[str], list[dict], bool]:
        """Run an untrusted, already checked query read-only with a time and row limit
        (see :meth:`read`); ``(columns, rows, truncated)``."""

    @abc.abstractmethod
    def ensure_schema(self) -> None:
        """Create the model's tables/constraints if missing (idempotent)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the engine's handles (idempotent)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- reading -----------------------------------------------------------
    def query(self, text: str, params: dict | None = None) -> list[dict]:
        """Run a (trusted, named) query and return rows as dicts."""
        return self._run(text, check_params(text, params))

    def read(self, text: str, params: dict | None = None, *, timeout_s: float = 10.0,
             max_rows: int = 1000) -> tuple[list[str], list[dict], bool]:
        """Run an *untrusted* query read-only, with a time and a row limit.

        Returns ``(columns, rows, truncated)``. Raises :class:`ReadOnlyViolation`
        for write clauses, file or URL access, procedure calls and oversized or too
        deeply nested queries (:func:`graph.console.check_read_only`, before
        sending), and :class:`QueryError` (one line) for every other failure:
        syntax errors, missing parameters, timeouts, memory limits, a crashed
        worker. Neo4j also lets the server judge the query read-only (``EXPLAIN``)
        and runs it in a read transaction; LadybugDB runs it in a read-only worker
        process (:mod:`graph.console_worker`). Thread-safe without the app's lock.
        """
        check_read_only(text, self.engine)
        return self._guarded_read(text, check_params(text, params), timeout_s, max_rows)

    def counts(self) -> dict:
        """Node counts per label (and per Organisation kind) and relationship
        counts per type, plus the number of distinct related pairs per type (three
        queries: :func:`node_counts_cypher`, kinds, :func:`rel_counts_cypher`)."""
        out: dict = {"nodes": {}, "kinds": {}, "relationships": {}, "pairs": {}}
        nodes = self._run(S.NODE_COUNTS)[0]
        out["nodes"] = {label: nodes[label] for label in NODE_TABLES}
        for row in self._run(S.KIND_COUNTS):
            out["kinds"][row["kind"]] = row["c"]
        per_type = {row["t"]: row for row in self._run(S.rel_counts_cypher(self.type_function))}
        for rel in REL_TABLES:
            row = per_type.get(rel, {})
            out["relationships"][rel] = int(row.get("rels", 0))   # LadybugDB sums as Decimal
            out["pairs"][rel] = int(row.get("pairs", 0))
        out["kinds"] = dict(sorted(out["kinds"].items(), key=lambda kv: str(kv[0])))
        return out

    def version(self) -> str:
        """A token that changes whenever data is loaded or removed (not on a verdict):
        node and relationship counts and the newest load time, read in one query
        (:func:`version_cypher`). Caches key on it."""
        r = self._run(S.VERSION)[0]
        return f"{r['nodes']}:{r['rels']}:{r['t']}"

    def judged_version(self) -> str:
        """A token that changes whenever a verdict is stored."""
        r = self._run(S.JUDGED_VERSION)[0]
        return f"{r['c']}:{r['t']}"

    def document_checksums(self, ids: Iterable[str]) -> dict[str, str]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        rows = self._run(S.document_checksums(), {"ids": ids})
        return {r["id"]: r["checksum"] for r in rows}

    def _stored_names(self, entities) -> dict[str, tuple[str, list[str]]]:
        """``id -> (name, aliases)`` of the given entities that are already stored."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for e in entities:
            by_label[e.label].append(e.id)
        out: dict[str, tuple[str, list[str]]] = {}
        for label, ids in by_label.items():
            for chunk in _chunks(sorted(set(ids))):
                for r in self._run(S.stored_names(label), {"ids": chunk}):
                    out[r["id"]] = (r["name"], list(r["aliases"] or []))
        return out

    def labels_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Map ids already in the store to their label."""
        ids = sorted(set(ids))
        out: dict[str, str] = {}
        if not ids:
            return out
        for label in ENTITY_LABELS:
            for r in self._run(S.ids_of_label(label), {"ids": ids}):
                out[r["id"]] = label
        return out

    # --- writing -----------------------------------------------------------
    #: statement rows one transaction may hold (None: no bound); a larger source is
    #: written in bounded transactions with a staging key (graph/store/plan.py)
    max_tx_rows: int | None = None
    _staging = False

    def load(self, batches: list, progress: Callable[[int, int], None] | None = None,
             *, names: list[str] | None = None) -> LoadReport:
        """Write batches, each source in its own transaction (see the module docstring).

        Every source is attempted. If one failed, the others are still written and
        the error is raised afterwards: the failure itself for a single source
        (:class:`QueryError` or :class:`loaders.rows.RowError`), else
        :class:`SourcesFailed` naming each failed source (``.report`` holds what was
        written). Use :meth:`load_each` to get the failures without an exception.
        """
        report, failures = self.load_each(batches, progress, names=names)
        if failures:
            if len(failures) == 1 and len(batches) == 1:
                raise failures[0][2]
            raise SourcesFailed(report, [(n, m) for n, m, _ in failures],
                                [e for *_, e in failures])
        return report

    def load_each(self, batches: list, progress: Callable[[int, int], None] | None = None,
                  *, names: list[str] | None = None):
        """Like :meth:`load`, returning ``(report, failures)`` with one
        ``(source name, one-line message, exception)`` per failed source."""
        batches = _with_referenced_entities(batches)
        names = list(names) if names else [source_name(b) for b in batches]
        report, failures = LoadReport(), []
        single = len(batches) == 1
        for i, (batch, name) in enumerate(zip(batches, names)):
            part = LoadReport()
            try:
                plan = plan_source(self, batch, name, part)
                if plan is not None:
                    self._write_plan(plan, progress if single else None)
            except (QueryError, RowError) as exc:
                failures.append((name, in_language(exc), exc))
                report.failed.append(name)
            else:
                report.add(part)
            if progress and not single:
                progress(i + 1, len(batches))
        return report, failures

    def _write_plan(self, plan, progress=None) -> None:
        if self.max_tx_rows is None or plan.rows <= self.max_tx_rows:
            statements = plan.statements()
            for text, params in statements:
                check_params(text, params)
            try:
                self._run_in_transaction(statements, progress=progress)
            except QueryError as exc:
                raise self._source_error(plan, exc) from exc
        else:
            self._write_staged(plan, progress)
        if plan.orphan_candidates:
            left = self.labels_of(set().union(*plan.orphan_candidates.values()))
            plan.report.removed_orphans -= len(left)

    def _write_staged(self, plan, progress=None) -> None:
        """Bounded transactions with a staging key; undone on failure (plan.py)."""
        writes, finish = plan.staged()

        def groups():  # statements of at most max_tx_rows rows, formed as they are sent
            cur, rows = [], 0
            for text, params in writes:
                n = len(params.get("rows", ())) or 1
                if cur and rows + n > self.max_tx_rows:
                    yield cur
                    cur, rows = [], 0
                cur.append((text, params))
                rows += n
            if cur:
                yield cur

        total = -(-plan.rows // self.max_tx_rows) + len(finish)
        self._staging = True  # engines may skip per-commit work (LadybugDB's checkpoint)
        try:
            for i, group in enumerate(groups(), 1):
                self._run_in_transaction(group)
                if progress:
                    progress(min(i, total), total)
        except QueryError as exc:
            self._staging = False
            try:
                self._run_steps(plan.cleanup())
            except StoreError:  # the next load of this source completes it
                pass
            raise self._source_error(plan, exc, staged=True) from exc
        self._staging = False
        self._run_steps(finish)
        self._after_bulk_write()
        if progress:
            progress(total, total)

    def _source_error(self, plan, exc, staged: bool = False) -> QueryError:
        """One line naming the source; a transaction over the server's memory limit
        says so (Neo4j: dbms.memory.transaction.total.max)."""
        if type(exc).__name__ == "TransactionTooLarge":
            return QueryError.of("err.source_too_large_staged" if staged
                                 else "err.source_too_large", name=plan.name,
                                 rows=Count(plan.rows), part=Count(self.max_tx_rows or 0), msg=exc,
                                 tx_rows=self.max_tx_rows or "∞")
        if staged:
            return QueryError.of("err.source_staged", name=plan.name, rows=Count(plan.rows),
                                 msg=exc)
        return QueryError.of("err.source", name=plan.name, msg=exc)

    def _run_steps(self, steps) -> None:
        for step in steps:
            if step[0] == "loop":
                _, text, params = step
                while self._run(text, params)[0]["c"]:
                    pass
            else:
                self._run_in_transaction([step])

    def judge(self, src: str, dst: str, verdict: str, *, by: str = "", note: str = "") -> None:
        """Store the aanjager team's verdict on a suggested link (src -> dst)."""
        if verdict not in VERDICTS:
            raise QueryError.of("err.verdict_unknown", verdict=repr(verdict),
                                choices=", ".join(VERDICTS))
        labels = self.labels_of([src, dst])
        if labels.get(src) != "Organisation" or labels.get(dst) not in ("Organisation",
                                                                           "Initiative"):
            raise QueryError.of("err.verdict_pair", src=repr(src), dst=repr(dst))
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        row = {"src": src, "dst": dst, "doc": "team", "verdict": verdict, "note": note or "",
               "judged_by": by or "", "judged_at": now, "confidence": 1.0}
        self._run_in_transaction([(S.merge_rel_cypher("JUDGED", "Organisation", labels[dst]),
                                   {"rows": [row]})])

    def clear(self, batch: int = 10_000) -> None:
        """Delete everything, ``batch`` relationships or nodes per transaction (used by
        tests and `zorgnet demo --reset`; a large graph does not fit in one)."""
        for rel in REL_TABLES:
            while self._run(S.clear_rels_batch(rel), {"n": batch})[0]["c"]:
                pass
        for label in NODE_TABLES:
            while self._run(S.clear_nodes_batch(label), {"n": batch})[0]["c"]:
                pass
        self._after_bulk_write()

    def _after_bulk_write(self) -> None:
        """Engine hook after a batched write outside :meth:`_run_in_transaction`."""


class SourcesFailed(QueryError):
    """Some sources of a load failed; the others were written (``report``)."""

    def __init__(self, report: "LoadReport", failures: list[tuple[str, str]],
                 errors: list[BaseException] | None = None):
        self.report, self.failures = report, failures
        #: the exception of each failed source (translated by :meth:`in_language`)
        self.errors = list(errors or [])
        super().__init__(self.in_language("nl"))

    def in_language(self, lang: str = "nl") -> str:
        if len(self.errors) == len(self.failures):
            parts = [f"{n}: {in_language(e, lang)}"
                     for (n, _), e in zip(self.failures, self.errors)]
        else:
            parts = [f"{n}: {m}" for n, m in self.failures]
        form = "one" if len(parts) == 1 else "other"
        return tr(lang, f"err.sources_failed.{form}", n=len(parts), list="; ".join(parts))


def source_name(batch) -> str:
    """A short name for a batch in messages: its source (path or URL, without the
    ``#bron`` part of a graph-tables document)."""
    for d in batch.documents:
        return d.source.split("#")[0]
    return "?"


def _with_referenced_entities(batches: list) -> list:
    """Give each batch the entity rows it refers to but another batch of the same
    load defines (e.g. after the review on the Laden page), so every source can be
    written on its own, in any order."""
    if len(batches) < 2:
        return list(batches)
    defined = {}
    for b in batches:
        for e in b.entities:
            defined.setdefault(e.id, e)
    out = []
    for b in batches:
        own = {e.id for e in b.entities}
        need = {x for r in b.relations for x in (r.src, r.dst)} | {m.entity for m in b.mentions}
        extra = [defined[x] for x in sorted(need - own) if x in defined]
        out.append(Batch(b.documents, [*b.entities, *extra], b.relations, b.mentions)
                   if extra else b)
    return out
