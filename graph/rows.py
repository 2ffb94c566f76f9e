"""Plain rows: what every loader produces and every store consumes.

A loader turns one source (a text, a web page, a spreadsheet) into a :class:`Batch`:
the :class:`DocumentRow` itself, the :class:`EntityRow` s it names, the
:class:`RelationRow` s it states and the :class:`MentionRow` s tying entities to it.
Rows are plain dataclasses with no database in sight; :func:`Batch.validate`
checks them before any store sees them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

from graph.errors import Message, ZorgnetError, in_language
from graph.model import (
    ENTITY_LABELS,
    NODE_TABLES,
    ORG_KINDS,
    REGION_LEVELS,
    REL_TABLES,
    SEMANTIC_RELS,
    TYPE_TO_LABEL,
    make_id,
)


#: longest name or title stored (Neo4j cannot index a property value of ~8 KB and more)
MAX_NAME = 500


class RowError(ZorgnetError, ValueError):
    """Rows that cannot be written; ``problems`` lists each one (with its locator)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(self.in_language("nl"))

    def in_language(self, lang: str = "nl") -> str:
        """The first 20 problems in ``lang`` (a :class:`graph.errors.Message` is
        translated, a plain text stays as it is)."""
        shown = "; ".join(in_language(p, lang) for p in self.problems[:20])
        if len(self.problems) <= 20:
            return shown
        return Message("err.rows_more", list=shown, n=len(self.problems) - 20).in_language(lang)


def checksum_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)  # a 200,000-row source holds a million of these
class DocumentRow:
    source: str                 # path or URL
    title: str
    checksum: str
    date: str | None = None     # ISO YYYY-MM-DD
    doctype: str = "text"       # text | html | pdf | docx | spreadsheet | demo
    id: str = ""

    def __post_init__(self):
        # The id follows the *source*, not the content: loading a changed file again
        # finds the same Document, sees another checksum and replaces its evidence.
        if not self.id:
            self.id = "doc:" + hashlib.sha256(self.source.encode("utf-8")).hexdigest()[:16]

    def as_row(self) -> dict:
        return {"id": self.id, "name": self.title, "kind": "document", "source": self.source,
                "date": self.date, "checksum": self.checksum, "doctype": self.doctype,
                "loaded_at": None}


@dataclass(slots=True)  # a 200,000-row source holds a million of these
class EntityRow:
    """An entity. ``type`` is a gold entity type (care_provider … region)."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)   # place, province, date, level, role, …
    id: str = ""

    @property
    def label(self) -> str:
        return TYPE_TO_LABEL[self.type]

    @property
    def kind(self) -> str:
        return self.type if self.label == "Organisation" else self.type

    def __post_init__(self):
        if not self.id and self.type in TYPE_TO_LABEL and self.name.strip():
            kind = (self.props.get("level") or "other") if self.type == "region" else self.type
            self.id = make_id(self.label, self.name, kind)

    def as_row(self) -> dict:
        t = NODE_TABLES[self.label]
        row = {p: None for p in t.props}
        row.update({k: v for k, v in self.props.items() if k in t.props})
        seen, aliases = set(), []
        for a in [*self.aliases]:
            if a and a != self.name and a not in seen:
                seen.add(a)
                aliases.append(a)
        row.update(id=self.id, name=self.name, kind=self.kind, aliases=aliases)
        for p, typ in t.props.items():
            if typ == "STRING" and row[p] is not None:
                row[p] = str(row[p])
        return row


@dataclass(slots=True)  # a 200,000-row source holds a million of these
class RelationRow:
    src: str          # entity id
    rel: str
    dst: str          # entity id
    doc: str          # document id (evidence source)
    sentence: str = ""
    locator: str = ""
    role: str | None = None
    date: str | None = None
    confidence: float = 1.0

    def as_row(self) -> dict:
        return {"src": self.src, "dst": self.dst, "doc": self.doc, "role": self.role,
                "sentence": self.sentence, "locator": self.locator, "date": self.date,
                "confidence": float(self.confidence)}


@dataclass(slots=True)  # a 200,000-row source holds a million of these
class MentionRow:
    entity: str        # entity id
    doc: str           # document id
    mentions: list[str] = field(default_factory=list)
    locator: str = ""
    confidence: float = 1.0

    def as_row(self) -> dict:
        return {"src": self.entity, "dst": self.doc, "doc": self.doc,
                "mentions": sorted(set(self.mentions)), "locator": self.locator,
                "confidence": float(self.confidence)}


@dataclass(slots=True)  # a 200,000-row source holds a million of these
class Batch:
    """Everything one source contributes. Stores write a batch (or several) atomically."""

    documents: list[DocumentRow] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    relations: list[RelationRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)

    def extend(self, other: "Batch") -> "Batch":
        self.documents += other.documents
        self.entities += other.entities
        self.relations += other.relations
        self.mentions += other.mentions
        return self

    def merged_entities(self) -> list[EntityRow]:
        """Entities with the same id merged: aliases united, first non-empty prop wins."""
        out: dict[str, EntityRow] = {}
        for e in self.entities:
            if e.id not in out:
                out[e.id] = EntityRow(e.name, e.type, list(e.aliases), dict(e.props), e.id)
                continue
            m = out[e.id]
            for a in [e.name, *e.aliases]:
                if a not in m.aliases and a != m.name:
                    m.aliases.append(a)
            for k, v in e.props.items():
                if v not in (None, "") and m.props.get(k) in (None, ""):
                    m.props[k] = v
        return list(out.values())

    def label_of(self) -> dict[str, str]:
        return {e.id: e.label for e in self.entities}

    def validate(self, known_labels: dict[str, str] | None = None,
                 known_docs: set[str] | None = None) -> None:
        """Raise :class:`RowError` listing every problem; return None if all is well.

        ``known_labels`` maps ids already in the store to their label, so a relation
        may point at an entity loaded earlier; ``known_docs`` are Document ids already
        stored, which a relation may cite as its source.
        """
        problems: list[str] = []
        for d in self.documents:
            for p in ("source", "title", "checksum"):
                if not getattr(d, p):
                    problems.append(Message("err.row_missing_field", where=Message(
                        "err.at_document", source=d.source or "?"), field=p))
            if len(d.title or "") > MAX_NAME:
                problems.append(Message("err.row_title_too_long", where=Message(
                    "err.at_document", source=d.source[:200]), n=len(d.title), max=MAX_NAME))
        doc_ids = {d.id for d in self.documents}
        for e in self.entities:
            where = e.props.get("_locator") or e.name or "?"
            if not (e.name or "").strip():
                problems.append(Message("err.row_empty_name", where=where))
                continue
            if len(e.name) > MAX_NAME:
                problems.append(Message("err.row_name_too_long",
                                        where=e.props.get("_locator") or e.name[:60] + "…",
                                        n=len(e.name), max=MAX_NAME))
                continue
            if e.type not in TYPE_TO_LABEL:
                problems.append(Message("err.row_unknown_type", where=where, type=repr(e.type),
                                        allowed=", ".join(TYPE_TO_LABEL)))
                continue
            if e.label == "Region" and e.props.get("level") not in (None, *REGION_LEVELS):
                problems.append(Message("err.row_unknown_level", where=where,
                                        level=repr(e.props.get("level"))))
        labels = dict(known_labels or {})
        labels.update(self.label_of())
        for r in self.relations:
            where = r.locator or f"{r.src} {r.rel} {r.dst}"
            if r.rel not in SEMANTIC_RELS and r.rel != "JUDGED":
                problems.append(Message("err.row_unknown_rel", where=where, rel=repr(r.rel)))
                continue
            for end in (r.src, r.dst):
                if end not in labels:
                    problems.append(Message("err.row_unknown_entity", where=where, id=repr(end)))
            if r.src in labels and r.dst in labels:
                pair = (labels[r.src], labels[r.dst])
                if pair not in REL_TABLES[r.rel].pairs:
                    problems.append(Message("err.row_bad_pair", where=where, rel=r.rel,
                                            a=pair[0], b=pair[1]))
            if not r.doc:
                problems.append(Message("err.row_no_doc", where=where))
            elif r.doc not in doc_ids and r.doc not in (known_docs or ()):
                problems.append(Message("err.row_doc_unknown", where=where, doc=repr(r.doc)))
            if not (0.0 <= float(r.confidence) <= 1.0):
                problems.append(Message("err.row_confidence", where=where, value=r.confidence))
        for m in self.mentions:
            if m.entity not in labels:
                problems.append(Message("err.row_unknown_entity", where="mention",
                                        id=repr(m.entity)))
        if problems:
            raise RowError(problems)

    def summary(self) -> dict:
        return {"documents": len(self.documents), "entities": len(self.merged_entities()),
                "relations": len(self.relations), "mentions": len(self.mentions)}

    def to_dict(self) -> dict:
        return {k: [asdict(x) for x in getattr(self, k)]
                for k in ("documents", "entities", "relations", "mentions")}


__all__ = ["Batch", "DocumentRow", "EntityRow", "RelationRow", "MentionRow", "RowError",
           "checksum_bytes", "ENTITY_LABELS", "ORG_KINDS", "MAX_NAME"]
