"""The Zorgnet graph model: one definition, from which everything else is generated.

The model is the single source of truth for

* LadybugDB's DDL (``CREATE NODE TABLE`` / ``CREATE REL TABLE``),
* Neo4j's uniqueness constraints and name indexes (``cypher/schema.cypher`` is
  generated from it and a test checks that the file is current),
* the ``UNWIND $rows … MERGE`` loader statements that both engines run verbatim,
* validation of the rows that loaders produce.

Design notes
------------
* LadybugDB has no second labels, so an organisation's sector is the property
  ``kind`` on both engines (``Organisation {kind: 'school'}``), never a label.
* Every node property is a ``STRING`` or a ``STRING[]``. LadybugDB infers the type
  of an UNWIND row field from the Python values, and a batch whose values are all
  ``None`` would be typed ``STRING``; keeping properties textual (dates as ISO
  ``YYYY-MM-DD`` strings, which sort correctly) makes the same loader text valid on
  both engines. Coordinates are derived from places at read time (see
  :mod:`graph.geo`), not stored.
* A relationship is one *assertion by one source*: it is keyed by ``doc`` (the id
  of the Document or spreadsheet it comes from), so ``(a)-[:PARTNER_IN]->(b)``
  stated by two documents is two relationships, each with its own sentence and
  confidence. That makes loads idempotent (MERGE on the key) and lets a changed
  document replace exactly its own evidence. Use ``DISTINCT`` or the networkx
  projection (:func:`graph.projection.collapse`) for one edge per pair.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from itertools import product

__all__ = [
    "ORG_KINDS", "SECTOR_OF_KIND", "REGION_LEVELS", "TYPE_TO_LABEL", "LABEL_TYPE", "entity_type",
    "NodeTable", "RelTable", "NODE_TABLES", "ENTITY_LABELS", "EVIDENCE_PROPS", "REL_TABLES",
    "SEMANTIC_RELS", "VERDICTS", "normalise_name", "slug", "make_id", "ladybug_ddl",
    "neo4j_schema", "neo4j_schema_migrations", "schema_cypher_text", "merge_node_cypher",
    "merge_rel_cypher",
]

# --------------------------------------------------------------------------- kinds

#: Organisation kinds: the entity types of ``shared/gold/README.md`` that are organisations.
ORG_KINDS: tuple[str, ...] = (
    "care_provider",
    "school",
    "government",
    "employer_org",
    "insurer",
    "company",
    "knowledge_institute",
)

#: Sectors used by the analysis (the "golden triangle" is care, education, government).
SECTOR_OF_KIND: dict[str, str] = {
    "care_provider": "zorg",
    "school": "onderwijs",
    "knowledge_institute": "onderwijs",
    "government": "overheid",
    "employer_org": "werkgevers",
    "insurer": "zorg",
    "company": "bedrijven",
}

#: Region levels.
REGION_LEVELS: tuple[str, ...] = ("province", "municipality", "labour_market_region", "other")

#: Gold entity types (``shared/gold/README.md``) -> node label.
TYPE_TO_LABEL: dict[str, str] = {
    **{k: "Organisation" for k in ORG_KINDS},
    "initiative": "Initiative",
    "event": "Event",
    "person": "Person",
    "region": "Region",
}

#: Node label -> the gold entity type of its non-organisation kind.
LABEL_TYPE: dict[str, str] = {
    "Initiative": "initiative",
    "Event": "event",
    "Person": "person",
    "Region": "region",
    "Document": "document",
}


def entity_type(label: str, kind: str | None) -> str:
    """Return the gold entity type of a node: its ``kind`` for organisations."""
    if label == "Organisation":
        return kind or "company"
    return LABEL_TYPE[label]


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class NodeTable:
    label: str
    #: property name -> 'STRING' | 'STRING[]'; ``id`` is the primary key.
    props: dict[str, str]
    #: properties that must be set (non-empty) on every row.
    required: tuple[str, ...] = ("id", "name", "kind")
    #: list properties merged as a union instead of overwritten.
    doc: str = ""


@dataclass(frozen=True)
class RelTable:
    type: str
    pairs: tuple[tuple[str, str], ...]
    doc: str = ""
    props: dict[str, str] = field(default_factory=dict)


_COMMON = {"id": "STRING", "name": "STRING", "kind": "STRING", "aliases": "STRING[]"}

NODE_TABLES: dict[str, NodeTable] = {
    t.label: t
    for t in (
        NodeTable(
            "Organisation",
            {**_COMMON, "place": "STRING", "province": "STRING", "website": "STRING",
             "note": "STRING", "umbrella": "STRING"},
            doc="Care and welfare providers, schools, governments, employer organisations, "
            "insurers, companies and knowledge institutes; `kind` says which.",
        ),
        NodeTable(
            "Initiative",
            {**_COMMON, "subkind": "STRING", "scope": "STRING", "place": "STRING",
             "province": "STRING", "start_date": "STRING", "end_date": "STRING", "note": "STRING",
             "umbrella": "STRING"},
            doc="Pacts, regional zorgpacten, koplopers, labs, platforms, programmes, projects. "
            "`kind` is always 'initiative'; `subkind` refines it, `scope` is national/regional.",
        ),
        NodeTable(
            "Event",
            {**_COMMON, "date": "STRING", "place": "STRING", "province": "STRING",
             "note": "STRING"},
            doc="Meetings, werkdagen, themaweken, sessions; `date` is ISO (YYYY-MM-DD).",
        ),
        NodeTable(
            "Person",
            {**_COMMON, "role": "STRING", "note": "STRING"},
            doc="People; their role per organisation is on AFFILIATED_WITH.",
        ),
        NodeTable(
            "Region",
            {**_COMMON, "level": "STRING", "code": "STRING", "province": "STRING"},
            doc="Provinces, municipalities, labour-market regions and other named regions; "
            "`kind` is always 'region', `level` says which. `Region-[:PART_OF]->Region`.",
        ),
        NodeTable(
            "Document",
            {"id": "STRING", "name": "STRING", "kind": "STRING", "source": "STRING",
             "date": "STRING", "checksum": "STRING", "doctype": "STRING",
             "loaded_at": "STRING"},
            required=("id", "name", "kind", "source", "checksum"),
            doc="A loaded source: text document, web page or spreadsheet. `name` is its title, "
            "`source` its path or URL, `checksum` the SHA-256 of its bytes.",
        ),
    )
}

#: Node properties added after the first release: :func:`ladybug_migrations` adds them to
#: LadybugDB databases created before (Neo4j needs nothing, properties are schemaless).
#: ``umbrella`` = ``'true'`` marks an umbrella body or national programme (kabinet, het Rijk,
#: ministries, the Zorgpact itself, national accords and funds): sharing it is not
#: collaborating (see :data:`graph.vocab.UMBRELLA_SUBKINDS`).
ADDED_NODE_PROPS: dict[str, tuple[str, ...]] = {
    "Organisation": ("umbrella",),
    "Initiative": ("umbrella",),
}

ENTITY_LABELS: tuple[str, ...] = ("Organisation", "Initiative", "Event", "Person", "Region")

#: Evidence carried by every relationship (one relationship per source document).
EVIDENCE_PROPS: dict[str, str] = {
    "doc": "STRING",         # id of the Document (text or spreadsheet) stating it; MERGE key
    "role": "STRING",        # e.g. 'staatssecretaris', 'koploper', 'mede-ontwikkelaar'
    "sentence": "STRING",    # the sentence, or for spreadsheets a rendering of the row
    "locator": "STRING",     # 'zin 12' / 'rij 7' / 'demo:relations.csv:14'
    "date": "STRING",        # date of the source (ISO) unless the statement has its own
    "confidence": "DOUBLE",  # 0..1
}

_ALL_ENTITY_PAIRS = tuple(product(ENTITY_LABELS, ENTITY_LABELS))

REL_TABLES: dict[str, RelTable] = {
    r.type: r
    for r in (
        RelTable("PARTNER_IN", _ALL_ENTITY_PAIRS,
                 "An organisation (or region, person) is a partner in an initiative or event."),
        RelTable("AFFILIATED_WITH", _ALL_ENTITY_PAIRS,
                 "A person works for / represents an organisation or initiative; `role`."),
        RelTable("ORGANISED", _ALL_ENTITY_PAIRS,
                 "Organiser or initiator of an event or initiative."),
        RelTable("PARTICIPATED_IN", _ALL_ENTITY_PAIRS,
                 "Took part in an event or initiative."),
        RelTable("LOCATED_IN", _ALL_ENTITY_PAIRS, "Seat or venue in a region."),
        RelTable("ACTIVE_IN", _ALL_ENTITY_PAIRS, "An initiative works in a region."),
        RelTable("FUNDED_BY", _ALL_ENTITY_PAIRS, "Funded or subsidised by."),
        RelTable("PART_OF", _ALL_ENTITY_PAIRS,
                 "Part of: sub-initiative, session of an event, municipality in a province."),
        RelTable("MENTIONED_IN", tuple((lab, "Document") for lab in ENTITY_LABELS),
                 "An entity occurs in a document; `mentions` lists its surface forms there.",
                 props={"doc": "STRING", "mentions": "STRING[]", "locator": "STRING",
                        "confidence": "DOUBLE"}),
        RelTable("JUDGED", (("Organisation", "Organisation"), ("Organisation", "Initiative")),
                 "The aanjager team's verdict on a suggested missing link.",
                 props={"doc": "STRING", "verdict": "STRING", "note": "STRING",
                        "judged_by": "STRING", "judged_at": "STRING", "confidence": "DOUBLE"}),
    )
}
for _r in REL_TABLES.values():
    if not _r.props:
        object.__setattr__(_r, "props", dict(EVIDENCE_PROPS))

#: The relationship types that loaders write (JUDGED is written by the app only).
SEMANTIC_RELS: tuple[str, ...] = (
    "PARTNER_IN", "AFFILIATED_WITH", "ORGANISED", "PARTICIPATED_IN",
    "LOCATED_IN", "ACTIVE_IN", "FUNDED_BY", "PART_OF",
)
VERDICTS: tuple[str, ...] = ("interessant", "niet_relevant")

# --------------------------------------------------------------------------- ids

_ARTICLES = re.compile(r"^(de|het|een|the|'t)\s+", re.I)


@lru_cache(maxsize=262_144)
def normalise_name(name: str) -> str:
    """Fold a name for comparison: NFKC, strip diacritics, casefold, drop a leading
    article, unify quotes and dashes, collapse whitespace.

    >>> normalise_name("  Het Zorgpact ")
    'zorgpact'
    >>> normalise_name("InteraktContour") == normalise_name("Interaktcontour")
    True
    >>> normalise_name("Coöperatie Slimmer Leven")
    'cooperatie slimmer leven'
    """
    s = unicodedata.normalize("NFKC", name)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = s.replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s).strip().casefold()
    s = _ARTICLES.sub("", s)
    return s


def slug(name: str) -> str:
    """A URL- and id-safe form of a normalised name.

    >>> slug("Ministerie van Volksgezondheid, Welzijn en Sport")
    'ministerie-van-volksgezondheid-welzijn-en-sport'
    """
    s = re.sub(r"[^0-9a-z]+", "-", normalise_name(name)).strip("-")
    return s or "x"


def make_id(label: str, name: str, kind: str | None = None) -> str:
    """Stable node id from label, kind and normalised name.

    Loading the same entity again yields the same id, so MERGE finds it.

    >>> make_id("Organisation", "Het ROC Midden Nederland", "school")
    'org:school:roc-midden-nederland'
    >>> make_id("Region", "Utrecht", "province")
    'region:province:utrecht'
    >>> make_id("Region", "Utrecht", "municipality")
    'region:municipality:utrecht'

    Regions carry their level in the id: the province and the city of Utrecht (or
    Groningen) are different nodes with the same name.
    """
    if label == "Organisation":
        if kind not in ORG_KINDS:
            raise ValueError(f"unknown organisation kind {kind!r}")
        return f"org:{kind}:{slug(name)}"
    if label == "Region":
        level = kind if kind in REGION_LEVELS else "other"
        return f"region:{level}:{slug(name)}"
    prefix = {"Initiative": "ini", "Event": "event", "Person": "person",
              "Region": "region", "Document": "doc"}[label]
    return f"{prefix}:{slug(name)}"


# --------------------------------------------------------------------------- generated Cypher


def ladybug_ddl() -> list[str]:
    """LadybugDB DDL for every table of the model (``IF NOT EXISTS``)."""
    out = []
    for t in NODE_TABLES.values():
        cols = ", ".join(f"{p} {typ}" for p, typ in t.props.items() if p != "id")
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {t.label}(id STRING PRIMARY KEY, {cols})")
    for r in REL_TABLES.values():
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
        cols = ", ".join(f"{p} {typ}" for p, typ in r.props.items())
        out.append(f"CREATE REL TABLE IF NOT EXISTS {r.type}({pairs}, {cols})")
    return out


def ladybug_migrations() -> list[str]:
    """``ALTER TABLE … ADD IF NOT EXISTS`` for :data:`ADDED_NODE_PROPS` (older databases)."""
    return [f"ALTER TABLE {label} ADD IF NOT EXISTS {p} {NODE_TABLES[label].props[p]}"
            for label, props in ADDED_NODE_PROPS.items() for p in props]


def neo4j_schema() -> list[str]:
    """Neo4j constraints and indexes: a uniqueness constraint on every node key and
    a range index on every name (and on Organisation.kind, Region.level)."""
    out = []
    for t in NODE_TABLES.values():
        low = t.label.lower()
        out.append(f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{t.label}) REQUIRE n.id IS UNIQUE")
        out.append(f"CREATE INDEX {low}_name IF NOT EXISTS FOR (n:{t.label}) ON (n.name)")
    out.append("CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)")
    out.append("CREATE INDEX region_level IF NOT EXISTS FOR (n:Region) ON (n.level)")
    # No index on relationship `doc`: with one, Neo4j's planner answers
    # MERGE (a)-[r:REL {doc: $d}]->(b) by seeking *every* relationship of that
    # document and filtering on a and b -- quadratic for a 10,000-row spreadsheet.
    # Expanding from the (indexed) end nodes is what we want.
    return out


def neo4j_schema_migrations() -> list[str]:
    """Statements that undo schema of earlier versions (run before neo4j_schema)."""
    return [f"DROP INDEX {r.lower()}_doc IF EXISTS" for r in REL_TABLES]


def schema_cypher_text() -> str:
    """The content of ``cypher/schema.cypher`` (generated; a test keeps it current)."""
    head = (
        "// title: Schema (constraints and indexes)\n"
        "// description: Generated from graph/model.py by `zorgnet schema --write`. Do not edit.\n"
        "//   Neo4j only; LadybugDB gets the equivalent DDL from the same model.\n"
    )
    return head + "".join(s + ";\n" for s in neo4j_schema())


def merge_node_cypher(label: str) -> str:
    """``UNWIND $rows … MERGE`` for one node table.

    Scalars are only overwritten by non-null values (``coalesce``), so a later
    source that does not know a place does not erase it; ``name``/``kind`` are
    always set; ``aliases`` is replaced by the (already merged) list of the row.
    """
    t = NODE_TABLES[label]
    sets = []
    for p, typ in t.props.items():
        if p == "id":
            continue
        if p in ("name", "kind") or typ.endswith("[]"):
            sets.append(f"n.{p} = row.{p}")
        else:
            sets.append(f"n.{p} = coalesce(row.{p}, n.{p})")
    return (f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET "
            + ",\n    ".join(sets))


def merge_rel_cypher(rel_type: str, src_label: str, dst_label: str) -> str:
    """``UNWIND $rows … MERGE`` for one relationship type between two tables,
    keyed by the source document (``doc``).

    Two MATCH clauses rather than one with a comma: LadybugDB plans the comma form
    as a join and is three to four times slower on it; Neo4j plans both alike.
    """
    r = REL_TABLES[rel_type]
    sets = ", ".join(f"r.{p} = row.{p}" for p in r.props if p != "doc")
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src_label} {{id: row.src}})\n"
        f"MATCH (b:{dst_label} {{id: row.dst}})\n"
        f"MERGE (a)-[r:{rel_type} {{doc: row.doc}}]->(b)\n"
        f"SET {sets}"
    )


def create_node_cypher(label: str) -> str:
    """``UNWIND $rows … CREATE`` for nodes known not to exist yet (a load checks
    which ids are stored first). Much cheaper than MERGE on a large new source."""
    t = NODE_TABLES[label]
    props = ", ".join(f"{p}: row.{p}" for p in t.props)
    return f"UNWIND $rows AS row\nCREATE (n:{label} {{{props}}})"


def create_rel_cypher(rel_type: str, src_label: str, dst_label: str) -> str:
    """``UNWIND $rows … CREATE`` for relationships of a document being (re)written:
    its old evidence is deleted first, so no relationship with its ``doc`` exists
    and MERGE's search (which grows with the document's degree) is not needed."""
    r = REL_TABLES[rel_type]
    props = ", ".join(f"{p}: row.{p}" for p in r.props)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src_label} {{id: row.src}})\n"
        f"MATCH (b:{dst_label} {{id: row.dst}})\n"
        f"CREATE (a)-[r:{rel_type} {{{props}}}]->(b)"
    )
