"""Reviewing the extracted relations before anything is written.

The extractor proposes relations, each with the sentence it read them from and a
probability (the relation row's ``confidence``). :func:`relation_rows` lists them
for a reviewer — the Laden page's table, ``zorgnet extract --relaties`` and its
CSV (:func:`write_review_csv`) — and :func:`apply_relation_review` applies the
decisions: a rejected relation is dropped, a retyped one gets its new type, and
with a ``threshold`` every relation whose probability is below it is dropped
unless the reviewer explicitly accepted it. Run it before the entity review
(:func:`loaders.review.apply_review`), which re-keys entities.

Each relation has a stable ``key`` (a hash of document, ends, type and locator),
so a decision made on one read applies to the same relation when the same source
is read again (``zorgnet load --beoordeling``).
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from loaders.rows import Batch, RelationRow

#: Relation types a reviewer may choose (the semantic ones of :data:`graph.model.REL_TABLES`).
REL_TYPES: tuple[str, ...] = ("PARTNER_IN", "AFFILIATED_WITH", "ORGANISED", "PARTICIPATED_IN",
                              "LOCATED_IN", "ACTIVE_IN", "FUNDED_BY", "PART_OF")
#: Column names of the review CSV (Dutch, like the CLI).
CSV_COLUMNS = ("sleutel", "akkoord", "van", "relatie", "naar", "kans", "zin", "bron")

__all__ = ["REL_TYPES", "relation_key", "relation_rows", "apply_relation_review",
           "write_review_csv", "read_review_csv"]


def relation_key(r: RelationRow) -> str:
    """A short stable id of a proposed relation."""
    raw = "\x1f".join((r.doc, r.src, r.rel, r.dst, r.locator or "", r.role or ""))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def relation_rows(batches: list[Batch], threshold: float = 0.0) -> list[dict]:
    """One row per proposed relation, most doubtful first within each source:
    ``key``, ``accept`` (probability ≥ ``threshold``), ``src_name``, ``rel``,
    ``dst_name``, ``confidence``, ``sentence``, ``locator``, ``source``, ``src``,
    ``dst``."""
    out, seen = [], set()
    for b in batches:
        names = {e.id: e.name for e in b.merged_entities()}
        docs = {d.id: d.title or d.source for d in b.documents}
        rows = []
        for r in b.relations:
            k = relation_key(r)
            if k in seen:
                continue
            seen.add(k)
            p = float(r.confidence if r.confidence is not None else 1.0)
            rows.append({"key": k, "accept": p >= threshold,
                         "src_name": names.get(r.src, r.src), "rel": r.rel,
                         "dst_name": names.get(r.dst, r.dst), "confidence": round(p, 3),
                         "sentence": r.sentence or "", "locator": r.locator or "",
                         "source": docs.get(r.doc, r.doc), "src": r.src, "dst": r.dst})
        rows.sort(key=lambda x: (x["confidence"], x["src_name"].casefold(), x["rel"]))
        out += rows
    return out


def apply_relation_review(batches: list[Batch], rows: list[dict] | None = None,
                          threshold: float | None = None) -> list[Batch]:
    """The batches with the reviewer's relation decisions applied (input unchanged).

    ``rows`` (matched by ``key``; relations without a row are kept as read) may set
    ``accept`` False (drop) or another ``rel`` (one of :data:`REL_TYPES`). With a
    ``threshold``, relations below it are dropped unless their row accepts them
    explicitly (``accept`` True). Raises :class:`ValueError` on an unknown type.

    >>> from loaders.rows import DocumentRow, EntityRow
    >>> d = DocumentRow(source="t.txt", title="t", checksum="x")
    >>> a, b = EntityRow("A", "school"), EntityRow("B", "initiative")
    >>> r1 = RelationRow(a.id, "PARTNER_IN", b.id, d.id, "A doet mee aan B.", "zin 1",
    ...                  confidence=0.9)
    >>> r2 = RelationRow(a.id, "ORGANISED", b.id, d.id, "A en B.", "zin 2", confidence=0.3)
    >>> batch = Batch(documents=[d], entities=[a, b], relations=[r1, r2])
    >>> [r.rel for r in apply_relation_review([batch], threshold=0.5)[0].relations]
    ['PARTNER_IN']
    >>> rows = [{"key": relation_key(r2), "accept": True, "rel": "PARTICIPATED_IN"}]
    >>> [r.rel for r in apply_relation_review([batch], rows, threshold=0.5)[0].relations]
    ['PARTNER_IN', 'PARTICIPATED_IN']
    """
    by_key = {r["key"]: r for r in rows or []}
    out = []
    for b in batches:
        rels = []
        for r in b.relations:
            row = by_key.get(relation_key(r))
            accept = row.get("accept") if row is not None else None
            if isinstance(accept, str):
                accept = accept.strip().lower() not in ("", "0", "nee", "n", "no", "false",
                                                        "onwaar")
            if accept is False:
                continue
            p = float(r.confidence if r.confidence is not None else 1.0)
            if threshold is not None and p < threshold and accept is not True:
                continue
            rel = (row.get("rel") if row is not None else None) or r.rel
            if rel not in REL_TYPES:
                raise ValueError(f"onbekend relatietype {rel!r} (kies uit "
                                 f"{', '.join(REL_TYPES)})")
            rels.append(r if rel == r.rel else RelationRow(
                r.src, rel, r.dst, r.doc, r.sentence, r.locator, r.role, r.date,
                r.confidence))
        out.append(Batch(documents=list(b.documents), entities=list(b.entities),
                         relations=rels, mentions=list(b.mentions)))
    return out


def write_review_csv(rows: list[dict], path: str | Path | None = None) -> str:
    """The rows as the review CSV (``ja``/``nee`` in ``akkoord``); written to ``path``
    when given. Returns the text."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow([r["key"], "ja" if r["accept"] else "nee", r["src_name"], r["rel"],
                    r["dst_name"], f"{r['confidence']:.3f}", r["sentence"], r["source"]])
    text = buf.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def read_review_csv(path: str | Path) -> list[dict]:
    """Decisions from a review CSV: ``[{key, accept, rel}]`` (other columns ignored)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"sleutel", "akkoord"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: kolom(men) ontbreken: {', '.join(sorted(missing))}")
        return [{"key": (r.get("sleutel") or "").strip(), "accept": r.get("akkoord") or "",
                 "rel": (r.get("relatie") or "").strip() or None} for r in reader]
