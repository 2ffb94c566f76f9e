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
* all batches of one :meth:`Store.load` call are written in one transaction, so a
  failure leaves the graph as it was.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from graph.errors import ZorgnetError
from graph.rows import Batch
from graph.model import (
    ENTITY_LABELS,
    NODE_TABLES,
    REL_TABLES,
    merge_node_cypher,
    merge_rel_cypher,
)

CHUNK = 5000


class StoreError(ZorgnetError, RuntimeError):
    """Base class of store errors."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened (message names the URI or path)."""


class QueryError(StoreError):
    """A query was refused or failed (syntax error, missing parameter, timeout)."""


class ReadOnlyViolation(QueryError):
    """A console query tried to write or to call a procedure."""


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
        raise QueryError("ontbrekende parameter(s): " + ", ".join("$" + m for m in missing))
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

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _chunks(rows: list, n: int = CHUNK):
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


class Store:
    """Common logic; subclasses implement the engine primitives."""

    engine: str = "?"
    location: str = "?"

    # --- engine primitives -------------------------------------------------
    def _run(self, text: str, params: dict | None = None) -> list[dict]:
        raise NotImplementedError

    def _run_in_transaction(self, statements: list[tuple[str, dict]]) -> None:
        raise NotImplementedError

    def _guarded_read(self, text: str, params: dict, timeout_s: float, max_rows: int):
        raise NotImplementedError

    def ensure_schema(self) -> None:
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - trivial
        pass

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
        from graph.console import check_read_only

        check_read_only(text, self.engine)
        return self._guarded_read(text, check_params(text, params), timeout_s, max_rows)

    def counts(self) -> dict:
        """Node counts per label (and per Organisation kind) and relationship
        counts per type, plus the number of distinct related pairs per type."""
        out: dict = {"nodes": {}, "kinds": {}, "relationships": {}, "pairs": {}}
        for label in NODE_TABLES:
            out["nodes"][label] = self._run(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
        for row in self._run("MATCH (n:Organisation) RETURN n.kind AS kind, count(n) AS c"):
            out["kinds"][row["kind"]] = row["c"]
        for rel in REL_TABLES:
            out["relationships"][rel] = self._run(
                f"MATCH ()-[r:{rel}]->() RETURN count(r) AS c")[0]["c"]
            out["pairs"][rel] = self._run(
                f"MATCH (a)-[r:{rel}]->(b) WITH DISTINCT a, b RETURN count(*) AS c")[0]["c"]
        out["kinds"] = dict(sorted(out["kinds"].items(), key=lambda kv: str(kv[0])))
        return out

    def version(self) -> str:
        """A token that changes whenever data is loaded or removed (not on a verdict):
        node and relationship counts and the newest load time. Caches key on it."""
        nodes = sum(self._run(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
                    for label in NODE_TABLES)
        rels = sum(self._run(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS c")[0]["c"]
                   for rel in REL_TABLES if rel != "JUDGED")
        newest = self._run("MATCH (d:Document) RETURN max(d.loaded_at) AS t")[0]["t"]
        return f"{nodes}:{rels}:{newest}"

    def judged_version(self) -> str:
        """A token that changes whenever a verdict is stored."""
        r = self._run("MATCH ()-[r:JUDGED]->() RETURN count(r) AS c, max(r.judged_at) AS t")[0]
        return f"{r['c']}:{r['t']}"

    def document_checksums(self, ids: Iterable[str]) -> dict[str, str]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        rows = self._run("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, "
                         "d.checksum AS checksum", {"ids": ids})
        return {r["id"]: r["checksum"] for r in rows}

    def _stored_names(self, entities) -> dict[str, tuple[str, list[str]]]:
        """``id -> (name, aliases)`` of the given entities that are already stored."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for e in entities:
            by_label[e.label].append(e.id)
        out: dict[str, tuple[str, list[str]]] = {}
        for label, ids in by_label.items():
            for chunk in _chunks(sorted(set(ids))):
                for r in self._run(f"MATCH (n:{label}) WHERE n.id IN $ids "
                                   "RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                                   {"ids": chunk}):
                    out[r["id"]] = (r["name"], list(r["aliases"] or []))
        return out

    def labels_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Map ids already in the store to their label."""
        ids = sorted(set(ids))
        out: dict[str, str] = {}
        if not ids:
            return out
        for label in ENTITY_LABELS:
            for r in self._run(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id",
                               {"ids": ids}):
                out[r["id"]] = label
        return out

    # --- writing -----------------------------------------------------------
    def load(self, batches: list, progress: Callable[[int, int], None] | None = None
             ) -> LoadReport:
        """Write batches atomically (see the module docstring for the rules).

        ``progress(done, total)`` is called after each statement chunk is prepared
        and after the commit.
        """
        report = LoadReport()
        merged = Batch()
        all_doc_ids = [d.id for b in batches for d in b.documents]
        stored = self.document_checksums(all_doc_ids)
        changed: list[str] = []
        for b in batches:
            keep_docs = []
            for d in b.documents:
                if stored.get(d.id) == d.checksum:
                    report.skipped.append(d.id)
                else:
                    keep_docs.append(d)
                    (report.replaced if d.id in stored else report.written).append(d.id)
                    if d.id in stored:
                        changed.append(d.id)
            skipped = set(report.skipped)
            if not keep_docs and b.documents:
                continue
            merged.extend(Batch(
                documents=keep_docs,
                entities=list(b.entities),
                relations=[r for r in b.relations if r.doc not in skipped],
                mentions=[m for m in b.mentions if m.doc not in skipped],
            ))
        if not merged.documents and not merged.entities:
            return report

        # Relations may point at entities stored by an earlier load.
        in_batch = {e.id for e in merged.entities}
        outside = {x for r in merged.relations for x in (r.src, r.dst)} - in_batch
        outside |= {m.entity for m in merged.mentions} - in_batch
        known = self.labels_of(outside) if outside else {}
        cited = {r.doc for r in merged.relations} - {d.id for d in merged.documents}
        known_docs = set(self.document_checksums(cited)) if cited else set()
        merged.validate(known_labels=known or None, known_docs=known_docs)

        labels = dict(known)
        labels.update(merged.label_of())
        statements: list[tuple[str, dict]] = []

        # 1. replace the evidence of changed documents
        orphan_candidates: dict[str, set[str]] = defaultdict(set)
        if changed:
            for label in ENTITY_LABELS:
                for row in self._run(f"MATCH (n:{label})-[r]-() WHERE r.doc IN $docs "
                                     "RETURN DISTINCT n.id AS id", {"docs": changed}):
                    orphan_candidates[label].add(row["id"])
            for rel in REL_TABLES:
                statements.append((f"MATCH ()-[r:{rel}]->() WHERE r.doc IN $docs DELETE r",
                                   {"docs": changed}))

        # 2. documents
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        doc_rows = []
        for d in merged.documents:
            row = d.as_row()
            row["loaded_at"] = now
            doc_rows.append(row)
        for chunk in _chunks(doc_rows):
            statements.append((merge_node_cypher("Document"), {"rows": chunk}))

        # 3. entities, per label; surface forms accumulate across sources and the
        #    name first stored stays (a later spelling becomes an alias)
        entities = merged.merged_entities()
        stored_names = self._stored_names(entities)
        by_label: dict[str, list[dict]] = defaultdict(list)
        for e in entities:
            row = e.as_row()
            if e.id in stored_names:
                name, aliases = stored_names[e.id]
                forms = [*aliases, row["name"], *row["aliases"]]
                row["name"] = name or row["name"]
                row["aliases"] = list(dict.fromkeys(a for a in forms if a and a != row["name"]))
            by_label[e.label].append(row)
        for label, rows in by_label.items():
            report.entities += len(rows)
            for chunk in _chunks(rows):
                statements.append((merge_node_cypher(label), {"rows": chunk}))

        # 4. relations, per (type, src label, dst label); one per (src, rel, dst, doc)
        by_rel: dict[tuple[str, str, str], dict[tuple, dict]] = defaultdict(dict)
        for r in merged.relations:
            key = (r.rel, labels[r.src], labels[r.dst])
            k2 = (r.src, r.dst, r.doc)
            cur = by_rel[key].get(k2)
            if cur is None or r.confidence > cur["confidence"]:
                by_rel[key][k2] = r.as_row()
        for (rel, la, lb), rows in sorted(by_rel.items()):
            report.relations += len(rows)
            for chunk in _chunks(list(rows.values())):
                statements.append((merge_rel_cypher(rel, la, lb), {"rows": chunk}))

        # 5. mentions
        by_mlabel: dict[str, dict[tuple, dict]] = defaultdict(dict)
        for m in merged.mentions:
            k2 = (m.entity, m.doc)
            row = m.as_row()
            cur = by_mlabel[labels[m.entity]].get(k2)
            if cur is not None:
                row["mentions"] = sorted(set(cur["mentions"]) | set(row["mentions"]))
            by_mlabel[labels[m.entity]][k2] = row
        for label, rows in sorted(by_mlabel.items()):
            report.mentions += len(rows)
            for chunk in _chunks(list(rows.values())):
                statements.append((merge_rel_cypher("MENTIONED_IN", label, "Document"),
                                   {"rows": chunk}))

        # 6. orphans of replaced documents
        for label, ids in orphan_candidates.items():
            statements.append((
                f"MATCH (n:{label}) WHERE n.id IN $ids AND NOT EXISTS {{ MATCH (n)--() }} "
                "DELETE n", {"ids": sorted(ids)}))
        report.removed_orphans = sum(len(v) for v in orphan_candidates.values())

        for text, params in statements:
            check_params(text, params)
        self._run_in_transaction(statements, progress=progress)
        if orphan_candidates:
            left = self.labels_of(set().union(*orphan_candidates.values()))
            report.removed_orphans -= len(left)
        return report

    def judge(self, src: str, dst: str, verdict: str, *, by: str = "", note: str = "") -> None:
        """Store the aanjager team's verdict on a suggested link (src -> dst)."""
        from graph.model import VERDICTS

        if verdict not in VERDICTS:
            raise QueryError(f"onbekend oordeel {verdict!r} (kies uit {', '.join(VERDICTS)})")
        labels = self.labels_of([src, dst])
        if labels.get(src) != "Organisation" or labels.get(dst) not in ("Organisation",
                                                                           "Initiative"):
            raise QueryError(f"oordeel kan alleen over organisatie -> organisatie/initiatief: "
                             f"{src!r} -> {dst!r}")
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        row = {"src": src, "dst": dst, "doc": "team", "verdict": verdict, "note": note or "",
               "judged_by": by or "", "judged_at": now, "confidence": 1.0}
        self._run_in_transaction([(merge_rel_cypher("JUDGED", "Organisation", labels[dst]),
                                   {"rows": [row]})])

    def clear(self) -> None:
        """Delete everything (used by tests and `zorgnet demo --reset`)."""
        stmts = [(f"MATCH ()-[r:{rel}]->() DELETE r", {}) for rel in REL_TABLES]
        stmts += [(f"MATCH (n:{label}) DELETE n", {}) for label in NODE_TABLES]
        self._run_in_transaction(stmts)
