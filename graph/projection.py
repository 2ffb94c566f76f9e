"""Read a store into networkx.

:func:`to_networkx` returns a :class:`networkx.MultiDiGraph` with every node and
every relationship of the store and all their properties:

* node key = node id; attributes ``label``, ``name``, ``kind``, ``aliases`` and the
  label's own properties (see :mod:`graph.model`);
* one edge per relationship (= per assertion per source), key ``"REL|doc"``,
  attributes ``rel``, ``doc`` and the evidence properties.

The analysis functions in :mod:`graph` take this graph as ``G``.
"""

from __future__ import annotations

import networkx as nx

from graph.model import NODE_TABLES, REL_TABLES


def node_query(label: str) -> str:
    cols = ", ".join(f"n.{p} AS {p}" for p in NODE_TABLES[label].props)
    return f"MATCH (n:{label}) RETURN {cols}"


def rel_query(rel: str) -> str:
    cols = ", ".join(f"r.{p} AS {p}" for p in REL_TABLES[rel].props)
    return f"MATCH (a)-[r:{rel}]->(b) RETURN a.id AS src, b.id AS dst, {cols}"


def to_networkx(store, *, include_documents: bool = True) -> nx.MultiDiGraph:
    """Project the whole store into a MultiDiGraph.

    Parameters
    ----------
    store : graph.store.Store
    include_documents : bool
        Keep Document nodes and MENTIONED_IN edges (default True).

    Examples
    --------
    >>> import tempfile, os
    >>> from graph.store.ladybug import LadybugStore
    >>> from loaders.demo import demo_batches
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with LadybugStore(os.path.join(d, "g.lbug")) as s:
    ...         _ = s.load(demo_batches())
    ...         G = to_networkx(s)
    >>> G.nodes["ini:zorgpact"]["label"]
    'Initiative'
    """
    G = nx.MultiDiGraph(engine=store.engine)
    for label in NODE_TABLES:
        if label == "Document" and not include_documents:
            continue
        for row in store.query(node_query(label)):
            row["aliases"] = list(row.get("aliases") or [])
            G.add_node(row["id"], label=label, **{k: v for k, v in row.items() if k != "id"})
    for rel in REL_TABLES:
        if rel == "MENTIONED_IN" and not include_documents:
            continue
        for row in store.query(rel_query(rel)):
            src, dst = row.pop("src"), row.pop("dst")
            G.add_edge(src, dst, key=f"{rel}|{row['doc']}", rel=rel, **row)
    return G


def collapse(G: nx.MultiDiGraph, *, rels=None) -> nx.DiGraph:
    """One edge per (src, rel, dst) with the evidence of all sources in ``evidence``.

    >>> M = nx.MultiDiGraph()
    >>> M.add_edge("a", "b", key="PARTNER_IN|d1", rel="PARTNER_IN", doc="d1", confidence=0.9)
    'PARTNER_IN|d1'
    >>> M.add_edge("a", "b", key="PARTNER_IN|d2", rel="PARTNER_IN", doc="d2", confidence=0.5)
    'PARTNER_IN|d2'
    >>> D = collapse(M)
    >>> D["a"]["b"]["rels"], len(D["a"]["b"]["evidence"]), D["a"]["b"]["confidence"]
    (['PARTNER_IN'], 2, 0.9)
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if rels and data.get("rel") not in rels:
            continue
        if not D.has_edge(u, v):
            D.add_edge(u, v, rels=[], evidence=[], confidence=0.0)
        e = D[u][v]
        if data.get("rel") not in e["rels"]:
            e["rels"].append(data.get("rel"))
        e["evidence"].append(dict(data))
        e["confidence"] = max(e["confidence"], float(data.get("confidence") or 0.0))
    return D


__all__ = ["node_query", "rel_query", "to_networkx", "collapse"]
