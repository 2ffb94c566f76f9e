"""Every statement the store sends, named, in one place (like neo4j-graphrag's
``neo4j_queries.py``).

The store modules (:mod:`graph.store.base`, :mod:`~graph.store.plan`,
:mod:`~graph.store.ladybug`, :mod:`~graph.store.neo4j`,
:mod:`~graph.store.neo4j_console`) hold no Cypher of their own: they call the
constants and functions here. Values always travel as ``$parameters``; a label, a
relationship type or the engine's type function is put into a statement's text only
after it is checked against the model's vocabularies (:data:`graph.model.NODE_TABLES`,
:data:`graph.model.REL_TABLES`), so no data ever becomes Cypher.

The statements generated from the model's tables (schema/DDL, ``UNWIND $rows …
MERGE``/``CREATE``) are made in :mod:`graph.model` and re-exported here, so a store
module needs only this one.

>>> document_checksums()
'MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.checksum AS checksum'
>>> ids_of_label("Organisation")
'MATCH (n:Organisation) WHERE n.id IN $ids RETURN n.id AS id'
>>> ids_of_label("Organisation) DETACH DELETE (n")
Traceback (most recent call last):
...
ValueError: not a node label of the model: 'Organisation) DETACH DELETE (n'
"""

from __future__ import annotations

from functools import lru_cache

from graph.model import (
    NODE_TABLES,
    REL_TABLES,
    create_node_cypher,
    create_rel_cypher,
    ladybug_ddl,
    ladybug_migrations,
    merge_node_cypher,
    merge_rel_cypher,
    neo4j_schema,
    neo4j_schema_migrations,
)

__all__ = [
    # generated from the model (graph.model)
    "create_node_cypher", "create_rel_cypher", "merge_node_cypher", "merge_rel_cypher",
    "ladybug_ddl", "ladybug_migrations", "neo4j_schema", "neo4j_schema_migrations",
    # reads
    "version_cypher", "VERSION", "node_counts_cypher", "NODE_COUNTS", "KIND_COUNTS",
    "rel_counts_cypher", "JUDGED_VERSION", "document_checksums", "stored_names",
    "ids_of_label", "entities_with_evidence",
    # writes and batched maintenance
    "delete_rels_of_docs", "delete_rels_batch", "rename_doc_batch", "delete_unlinked",
    "clear_rels_batch", "clear_nodes_batch",
    # engine control
    "LADYBUG_BEGIN", "LADYBUG_COMMIT", "LADYBUG_ROLLBACK", "LADYBUG_CHECKPOINT", "explain",
    "TYPE_FUNCTIONS",
]

#: the engines' Cypher function for a relationship's type
TYPE_FUNCTIONS = ("type", "label")


def _label(label: str) -> str:
    if label not in NODE_TABLES:
        raise ValueError(f"not a node label of the model: {label!r}")
    return label


def _rel(rel: str) -> str:
    if rel not in REL_TABLES:
        raise ValueError(f"not a relationship type of the model: {rel!r}")
    return rel


# --------------------------------------------------------------------------- reads


def version_cypher() -> str:
    """The one statement behind :meth:`Store.version` (both engines): the number of nodes
    of every label and of relationships of every type but ``JUDGED`` (verdicts do not
    change the data), and the newest document load time, as ``nodes, rels, t``."""
    nodes = " + ".join(f"COUNT {{ MATCH (:{label}) }}" for label in NODE_TABLES)
    rels = " + ".join(f"COUNT {{ MATCH ()-[:{rel}]->() }}" for rel in REL_TABLES
                      if rel != "JUDGED")
    return (f"OPTIONAL MATCH (d:Document) WITH max(d.loaded_at) AS t "
            f"RETURN {nodes} AS nodes, {rels} AS rels, t")


VERSION = version_cypher()


def node_counts_cypher() -> str:
    """The number of nodes of every label, one column per label (both engines)."""
    return "RETURN " + ", ".join(f"COUNT {{ MATCH (:{label}) }} AS {label}"
                                 for label in NODE_TABLES)


NODE_COUNTS = node_counts_cypher()

#: organisations per kind, as ``kind, c``
KIND_COUNTS = "MATCH (n:Organisation) RETURN n.kind AS kind, count(n) AS c"


@lru_cache(maxsize=None)
def rel_counts_cypher(type_function: str) -> str:
    """Relationships and distinct related pairs per type, one row per type present;
    ``type_function`` is the engine's name for a relationship's type (``type`` in
    Neo4j, ``label`` in LadybugDB)."""
    if type_function not in TYPE_FUNCTIONS:
        raise ValueError(f"not a type function of an engine: {type_function!r}")
    return (f"MATCH (a)-[r]->(b) WITH {type_function}(r) AS t, a, b, count(r) AS n "
            "RETURN t, count(*) AS pairs, sum(n) AS rels")


#: the number of verdicts and the newest one's time, as ``c, t``
JUDGED_VERSION = "MATCH ()-[r:JUDGED]->() RETURN count(r) AS c, max(r.judged_at) AS t"


def document_checksums() -> str:
    """``id, checksum`` of the stored Documents among ``$ids``."""
    return "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.checksum AS checksum"


@lru_cache(maxsize=None)
def stored_names(label: str) -> str:
    """``id, name, aliases`` of the stored nodes of ``label`` among ``$ids``."""
    return (f"MATCH (n:{_label(label)}) WHERE n.id IN $ids "
            "RETURN n.id AS id, n.name AS name, n.aliases AS aliases")


@lru_cache(maxsize=None)
def ids_of_label(label: str) -> str:
    """The ids among ``$ids`` stored as nodes of ``label``."""
    return f"MATCH (n:{_label(label)}) WHERE n.id IN $ids RETURN n.id AS id"


@lru_cache(maxsize=None)
def entities_with_evidence(label: str) -> str:
    """The ids of ``label`` nodes with a relationship citing a document of ``$docs``."""
    return (f"MATCH (n:{_label(label)})-[r]-() WHERE r.doc IN $docs "
            "RETURN DISTINCT n.id AS id")


# --------------------------------------------------------------------------- writes


@lru_cache(maxsize=None)
def delete_rels_of_docs(rel: str) -> str:
    """Delete every relationship of ``rel`` whose ``doc`` is in ``$docs``."""
    return f"MATCH ()-[r:{_rel(rel)}]->() WHERE r.doc IN $docs DELETE r"


@lru_cache(maxsize=None)
def delete_rels_batch(rel: str) -> str:
    """Delete up to ``$n`` relationships of ``rel`` whose ``doc`` is in ``$docs``
    (returns ``c``, the number deleted: repeat until 0)."""
    return (f"MATCH ()-[r:{_rel(rel)}]->() WHERE r.doc IN $docs WITH r LIMIT $n DELETE r "
            "RETURN count(*) AS c")


@lru_cache(maxsize=None)
def rename_doc_batch(rel: str) -> str:
    """Set ``doc = $doc`` on up to ``$n`` relationships of ``rel`` with ``doc = $key``
    (returns ``c``: repeat until 0)."""
    return (f"MATCH ()-[r:{_rel(rel)}]->() WHERE r.doc = $key WITH r LIMIT $n "
            "SET r.doc = $doc RETURN count(*) AS c")


@lru_cache(maxsize=None)
def delete_unlinked(label: str) -> str:
    """Delete the nodes of ``$ids`` that have no relationship left."""
    return (f"MATCH (n:{_label(label)}) WHERE n.id IN $ids "
            "AND NOT EXISTS { MATCH (n)--() } DELETE n")


@lru_cache(maxsize=None)
def clear_rels_batch(rel: str) -> str:
    """Delete up to ``$n`` relationships of ``rel`` (returns ``c``: repeat until 0)."""
    return f"MATCH ()-[r:{_rel(rel)}]->() WITH r LIMIT $n DELETE r RETURN count(*) AS c"


@lru_cache(maxsize=None)
def clear_nodes_batch(label: str) -> str:
    """Delete up to ``$n`` nodes of ``label`` with their relationships (returns ``c``)."""
    return (f"MATCH (n:{_label(label)}) WITH n LIMIT $n DETACH DELETE n "
            "RETURN count(*) AS c")


# --------------------------------------------------------------------------- engine control

LADYBUG_BEGIN = "BEGIN TRANSACTION"
LADYBUG_COMMIT = "COMMIT"
LADYBUG_ROLLBACK = "ROLLBACK"
#: write the WAL into the database file (after each load)
LADYBUG_CHECKPOINT = "CHECKPOINT"


def explain(text: str) -> str:
    """Neo4j plans ``text`` without running it (the console's read-only judgement);
    ``text`` is the console's query, already through :func:`graph.console.check_read_only`."""
    return "EXPLAIN " + text
