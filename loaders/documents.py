"""Documents -> :class:`loaders.rows.Batch`: read, extract, resolve.

``read_batch(source)`` is what the store calls per file or URL; it returns one batch with

* the :class:`DocumentRow` (id from the *source* — the absolute path or the URL — so a changed
  file keeps its id and the store can replace its evidence; doctype, date, SHA-256 checksum),
* an :class:`EntityRow` per entity (props place/province/date/level/role where known),
* a :class:`MentionRow` per entity with all its surface forms and the sentences ("zin 3, zin 7"),
* a :class:`RelationRow` per relation with its sentence, locator ("zin N"), confidence and
  ``doc`` = the document id.

Bad input raises :class:`loaders.errors.LoadError`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from loaders.errors import LoadError
from loaders.extract.core import DocExtraction, extract, extract_many
from loaders.readers import SUFFIXES, Text, is_url, read_source
from loaders.resolve import Entity, resolve_document
from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow
from loaders.extract.model import apply, get_model
from loaders.extract.lexicon import load_lexicon

_DEFAULT = object()

__all__ = ["read_batch", "iter_sources", "batch_from_text", "extract_text", "Extracted",
           "to_gold_json", "LoadError"]


class Extracted:
    """One document after extraction and resolution.

    With a trained model (:func:`loaders.extract.model.get_model`, or ``model=`` given) the
    entities are the ones its typer keeps, with its kinds, and the relations are its scored
    pairs (confidence = probability); without one, the rules' entities and relations."""

    def __init__(self, text: Text, ext: DocExtraction, entities: list[Entity], model=_DEFAULT,
                 min_confidence: float | None = None):
        self.text = text
        self.ext = ext
        self.rule_entities = entities
        self.model = get_model() if model is _DEFAULT else model
        self._rels: list[dict] | None = None
        if self.model is not None:
            self.entities, self._rels = apply(self.model, ext, entities, load_lexicon(),
                                              min_confidence)
        else:
            self.entities = entities
        if min_confidence is not None and self._rels is None:
            self._rels = [r for r in self._rule_relations() if r["confidence"] >= min_confidence]

    def relations(self) -> list[dict]:
        """Relations between the entities (``src``/``dst`` index ``entities``), each with its
        sentence, locator and confidence."""
        return self._rels if self._rels is not None else self._rule_relations()

    def _rule_relations(self) -> list[dict]:
        """Relations of the rules between resolved entities, deduplicated (highest
        confidence wins)."""
        best: dict[tuple, dict] = {}
        for r in self.ext.relations:
            if r.src.ent < 0 or r.dst.ent < 0 or r.src.ent == r.dst.ent:
                continue
            key = (r.src.ent, r.rel, r.dst.ent)
            sent = self.ext.sents[r.s] if 0 <= r.s < len(self.ext.sents) else None
            cur = best.get(key)
            if cur is None or r.conf > cur["confidence"] or (
                    r.conf == cur["confidence"] and r.role and not cur["role"]):
                role = r.role or (cur["role"] if cur else None)
                best[key] = {"src": r.src.ent, "rel": r.rel, "dst": r.dst.ent, "role": role,
                             "sentence": sent.text if sent else "",
                             "locator": f"zin {r.s + 1}", "confidence": round(r.conf, 2),
                             "rule": r.rule}
        return list(best.values())


def extract_text(text: Text, **kw) -> Extracted:
    ext = extract(text.body, title=text.title, date=text.date)
    return Extracted(text, ext, resolve_document(ext), **kw)


def extract_texts(texts: Iterable[Text], **kw) -> Iterator[Extracted]:
    """Extract and resolve many texts; ``model=None`` for the rules alone,
    ``min_confidence=`` to drop weaker relations."""
    texts = list(texts)
    for t, ext in zip(texts, extract_many((t.body, t.title, t.date) for t in texts)):
        yield Extracted(t, ext, resolve_document(ext), **kw)


def batch_from_text(text: Text) -> Batch:
    return batch_from_extracted(extract_text(text))


def batch_from_extracted(x: Extracted) -> Batch:
    t = x.text
    doc = DocumentRow(source=t.source, title=t.title or Path(t.source).name,
                      checksum=t.checksum, date=t.date, doctype=t.doctype)
    rows: list[EntityRow] = []
    ids: list[str] = []
    mentions: list[MentionRow] = []
    for e in x.entities:
        props = {k: v for k, v in e.props.items() if v not in (None, "")}
        row = EntityRow(e.name, e.type, e.aliases, props)
        rows.append(row)
        ids.append(row.id)
        sents = ", ".join(f"zin {s + 1}" for s in e.sentences[:20])
        conf = min(1.0, max((m.strength for m in e.mentions), default=50) / 100) or 0.3
        mentions.append(MentionRow(row.id, doc.id, list(e.forms), sents, round(conf, 2)))
    rels = []
    for r in x.relations():
        rels.append(RelationRow(ids[r["src"]], r["rel"], ids[r["dst"]], doc.id,
                                sentence=r["sentence"], locator=r["locator"], role=r["role"],
                                date=t.date, confidence=r["confidence"]))
    batch = Batch([doc], rows, rels, mentions)
    # same id twice (two entities resolving to one name): merge rows, keep relations
    batch.entities = batch.merged_entities()
    merged_mentions: dict[str, MentionRow] = {}
    for m in batch.mentions:
        if m.entity in merged_mentions:
            old = merged_mentions[m.entity]
            old.mentions = list(dict.fromkeys(old.mentions + m.mentions))
        else:
            merged_mentions[m.entity] = m
    batch.mentions = list(merged_mentions.values())
    seen, out = set(), []
    for r in batch.relations:
        k = (r.src, r.rel, r.dst)
        if r.src != r.dst and k not in seen:
            seen.add(k)
            out.append(r)
    batch.relations = out
    return batch


def read_batch(source: str, *, known_date: str | None = None) -> Batch:
    """Read one file or URL, extract and resolve; raises LoadError for bad input."""
    text = read_source(source, known_date=known_date)
    batch = batch_from_text(text)
    batch.validate()
    return batch


def iter_sources(paths: list[str]) -> Iterator[str]:
    """Expand folders recursively to supported files (sorted); keep URLs and files as given.

    A path that does not exist is yielded as is, so the caller's read reports it."""
    for p in paths:
        if is_url(p):
            yield p
            continue
        path = Path(p).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith(".") or f.startswith("~$"):
                        continue
                    fp = Path(root) / f
                    if fp.suffix.lower() in SUFFIXES:
                        yield str(fp.resolve())
        else:
            yield str(path.resolve()) if path.exists() else p


def to_gold_json(x: Extracted) -> dict:
    """The format of shared/gold/seeds.jsonl (plus mentions and evidence)."""
    name = Path(x.text.source).name if not is_url(x.text.source) else x.text.source
    ents = []
    for e in x.entities:
        ents.append({"name": e.name, "type": e.type, "aliases": e.aliases,
                     "mentions": list(e.forms), **({"props": e.props} if e.props else {})})
    rels = []
    for r in x.relations():
        src, dst = x.entities[r["src"]], x.entities[r["dst"]]
        rels.append({"src": src.name, "rel": r["rel"], "dst": dst.name, "role": r["role"],
                     "evidence": r["sentence"], "locator": r["locator"],
                     "confidence": r["confidence"]})
    return {"doc": name, "title": x.text.title, "date": x.text.date, "entities": ents,
            "relations": rels}
