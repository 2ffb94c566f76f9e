"""What one source's load writes: the statements, planned before anything is written.

:func:`plan_source` turns one :class:`loaders.rows.Batch` (one document, web page
or spreadsheet) into a :class:`SourcePlan`. The store then writes it either in one
transaction, or — when it is larger than the engine allows in one transaction —
in bounded transactions with a *staging key* (see :meth:`SourcePlan.staged`):

1. new Documents are written with an empty checksum (so a re-run never skips them)
   and new entities are created; the relationships of a *new* document carry its
   id (nothing else has it), those of a *changed* document carry the staging key
   ``<doc id>~laden``, next to its old evidence;
2. only when all of that is in, the old evidence of a changed document is deleted,
   its staging key is renamed to the document id, the Documents get their
   checksum and orphans are removed.

A failure during step 1 is undone by :meth:`SourcePlan.cleanup` (the source's new
relationships, new Documents and new entities deleted; a changed document keeps its
old evidence), so a failed source leaves no trace; a failure during step 2 leaves a
Document without its checksum, which the next load of that source completes.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field

from graph.rows import Batch, MentionRow
from graph.model import ENTITY_LABELS, REL_TABLES
from graph.store.statements import (
    create_node_cypher,
    create_rel_cypher,
    delete_rels_batch,
    delete_rels_of_docs,
    delete_unlinked,
    entities_with_evidence,
    merge_node_cypher,
    merge_rel_cypher,
    rename_doc_batch,
)

__all__ = ["CHUNK", "BATCH", "STAGING_SUFFIX", "chunks", "SourcePlan", "plan_source"]

CHUNK = 5000
#: rows per statement of batched maintenance (staging rename, cleanup)
BATCH = 20_000
STAGING_SUFFIX = "~laden"


def chunks(rows: list, n: int = CHUNK):
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


@dataclass
class SourcePlan:
    name: str
    report: object                      # graph.store.base.LoadReport
    new_docs: list[dict] = field(default_factory=list)      # Document rows not stored yet
    changed_docs: list[dict] = field(default_factory=list)  # stored with another checksum
    nodes: list[tuple[str, list[dict]]] = field(default_factory=list)
    rels: list[tuple[str, str, str, list[dict]]] = field(default_factory=list)  # rel, la, lb
    cited_rels: list[tuple[str, list[dict]]] = field(default_factory=list)  # doc not ours
    new_entities: dict[str, list[str]] = field(default_factory=dict)
    orphan_candidates: dict[str, set[str]] = field(default_factory=dict)

    @property
    def doc_ids(self) -> list[str]:
        return [d["id"] for d in (*self.new_docs, *self.changed_docs)]

    @property
    def rows(self) -> int:
        return (len(self.new_docs) + len(self.changed_docs)
                + sum(len(r) for _, r in self.nodes) + sum(len(r) for *_, r in self.rels)
                + sum(len(r) for _, r in self.cited_rels))

    # -- one transaction ---------------------------------------------------
    def statements(self) -> list[tuple[str, dict]]:
        out: list[tuple[str, dict]] = []
        changed = [d["id"] for d in self.changed_docs]
        if changed:
            out += [(delete_rels_of_docs(rel), {"docs": changed})
                    for rel in REL_TABLES]
        for chunk in chunks([*self.new_docs, *self.changed_docs]):
            out.append((merge_node_cypher("Document"), {"rows": chunk}))
        out += list(self._writes())
        out += self._orphans()
        return out

    def _writes(self, staging: bool = False):
        """The write statements, made one chunk at a time (rows of relationships are
        kept as row objects until their chunk is sent: a large source stays small)."""
        for text, rows in self.nodes:
            for c in chunks(rows):
                yield text, {"rows": [r if isinstance(r, dict) else r.as_row() for r in c]}
        changed = {d["id"] for d in self.changed_docs} if staging else set()
        for rel, la, lb, objs in self.rels:
            for c in chunks(objs):
                rows = [o.as_row() for o in c]
                for r in rows:
                    if r["doc"] in changed:
                        r["doc"] += STAGING_SUFFIX
                yield create_rel_cypher(rel, la, lb), {"rows": rows}
        for text, objs in self.cited_rels:
            for c in chunks(objs):
                yield text, {"rows": [o.as_row() for o in c]}

    def _orphans(self) -> list[tuple[str, dict]]:
        return [(delete_unlinked(label), {"ids": sorted(ids)})
                for label, ids in self.orphan_candidates.items()]

    # -- bounded transactions with a staging key --------------------------
    def staged(self):
        """``(writes, finish)``: the writes of step 1, an iterator of statements
        (each may go in its own transaction), and the steps of step 2 — each either a
        statement or a ``("loop", text, params)`` to repeat until it returns ``c = 0``."""
        import itertools

        docs = [(merge_node_cypher("Document"), {"rows": c})
                for c in chunks([{**d, "checksum": ""} for d in self.new_docs])]
        writes = itertools.chain(docs, self._writes(staging=True))
        finish: list = []
        changed = [d["id"] for d in self.changed_docs]
        if changed:
            finish += [("loop", delete_rels_batch(rel), {"docs": changed, "n": BATCH})
                       for rel in REL_TABLES]
        for doc in changed:
            finish += [("loop", rename_doc_batch(rel),
                        {"key": doc + STAGING_SUFFIX, "doc": doc, "n": BATCH})
                       for rel in REL_TABLES if rel != "JUDGED"]
        for chunk in chunks([*self.new_docs, *self.changed_docs]):
            finish.append((merge_node_cypher("Document"), {"rows": chunk}))
        finish += self._orphans()
        return writes, finish

    def cleanup(self) -> list:
        """Steps that remove what step 1 of a staged load wrote."""
        keys = [d["id"] for d in self.new_docs] + [d["id"] + STAGING_SUFFIX
                                                    for d in self.changed_docs]
        out: list = [("loop", delete_rels_batch(rel), {"docs": keys, "n": BATCH})
                     for rel in REL_TABLES if rel != "JUDGED"]
        for label, ids in self.new_entities.items():
            out += [(delete_unlinked(label), {"ids": c}) for c in chunks(ids, BATCH)]
        new_doc_ids = [d["id"] for d in self.new_docs]
        if new_doc_ids:
            out.append((delete_unlinked("Document"), {"ids": new_doc_ids}))
        return out


def plan_source(store, batch, name: str, report) -> SourcePlan | None:
    """Plan the writes of one source (None when all its documents are unchanged).

    Raises :class:`loaders.rows.RowError` when the rows do not validate.
    """
    stored = store.document_checksums([d.id for d in batch.documents])
    keep, changed = [], []
    for d in batch.documents:
        if stored.get(d.id) == d.checksum:
            report.skipped.append(d.id)
        else:
            keep.append(d)
            (report.replaced if d.id in stored else report.written).append(d.id)
            if d.id in stored:
                changed.append(d.id)
    skipped = set(report.skipped)
    if batch.documents and not keep:
        return None
    merged = Batch(documents=keep, entities=list(batch.entities),
                   relations=[r for r in batch.relations if r.doc not in skipped],
                   mentions=[m for m in batch.mentions if m.doc not in skipped])
    if not merged.documents and not merged.entities:
        return None

    # Relations may point at entities stored by an earlier load.
    in_batch = {e.id for e in merged.entities}
    outside = {x for r in merged.relations for x in (r.src, r.dst)} - in_batch
    outside |= {m.entity for m in merged.mentions} - in_batch
    known = store.labels_of(outside) if outside else {}
    cited = {r.doc for r in merged.relations} - {d.id for d in merged.documents}
    known_docs = set(store.document_checksums(cited)) if cited else set()
    merged.validate(known_labels=known or None, known_docs=known_docs)
    labels = dict(known)
    labels.update(merged.label_of())
    plan = SourcePlan(name=name, report=report)

    # entities that lose evidence when a changed document is replaced
    if changed:
        for label in ENTITY_LABELS:
            for row in store._run(entities_with_evidence(label), {"docs": changed}):
                plan.orphan_candidates.setdefault(label, set()).add(row["id"])

    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    for d in merged.documents:
        row = {**d.as_row(), "loaded_at": now}
        (plan.changed_docs if d.id in stored else plan.new_docs).append(row)

    # entities per label; surface forms accumulate across sources and the name
    # first stored stays (a later spelling becomes an alias)
    entities = merged.merged_entities()
    stored_names = store._stored_names(entities)
    new_rows: dict[str, list] = defaultdict(list)   # EntityRow: made a dict per chunk
    old_rows: dict[str, list[dict]] = defaultdict(list)
    for e in entities:
        if e.id in stored_names:
            row = e.as_row()
            name, aliases = stored_names[e.id]
            forms = [*aliases, row["name"], *row["aliases"]]
            row["name"] = name or row["name"]
            row["aliases"] = list(dict.fromkeys(a for a in forms if a and a != row["name"]))
            old_rows[e.label].append(row)
        else:
            new_rows[e.label].append(e)
        report.entities += 1
    del entities
    for label, rows in new_rows.items():
        plan.nodes.append((create_node_cypher(label), rows))
        plan.new_entities[label] = [e.id for e in rows]
    for label, rows in old_rows.items():
        plan.nodes.append((merge_node_cypher(label), rows))

    # relations, per (type, src label, dst label); one per (src, rel, dst, doc).
    # Relations citing a document of this source are created (its old evidence is
    # deleted first); those citing an earlier stored document are merged.
    ours = {d.id for d in merged.documents}
    by_rel: dict[tuple[str, str, str], dict[tuple, object]] = defaultdict(dict)
    for r in merged.relations:
        key = (r.rel, labels[r.src], labels[r.dst])
        k2 = (r.src, r.dst, r.doc)
        cur = by_rel[key].get(k2)
        if cur is None or r.confidence > cur.confidence:
            by_rel[key][k2] = r
    by_mlabel: dict[str, dict[tuple, object]] = defaultdict(dict)
    for m in merged.mentions:
        k2 = (m.entity, m.doc)
        cur = by_mlabel[labels[m.entity]].get(k2)
        if cur is not None:  # one mention per (entity, document): surface forms united
            m = MentionRow(m.entity, m.doc, sorted(set(cur.mentions) | set(m.mentions)),
                           m.locator, m.confidence)
        by_mlabel[labels[m.entity]][k2] = m
    groups = [(k, rows) for k, rows in sorted(by_rel.items())]
    groups += [(("MENTIONED_IN", label, "Document"), rows)
               for label, rows in sorted(by_mlabel.items())]
    for (rel, la, lb), rows in groups:
        rows = list(rows.values())
        if rel != "MENTIONED_IN":
            report.relations += len(rows)
        else:
            report.mentions += len(rows)
        mine = [r for r in rows if r.doc in ours]
        theirs = [r for r in rows if r.doc not in ours]
        if mine:
            plan.rels.append((rel, la, lb, mine))
        if theirs:
            plan.cited_rels.append((merge_rel_cypher(rel, la, lb), theirs))
    report.removed_orphans += sum(len(v) for v in plan.orphan_candidates.values())
    return plan
