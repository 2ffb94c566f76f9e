"""What a console (Cypher) query returned, as a graph and as table cells."""

from __future__ import annotations

import json

import networkx as nx

from graph.entities import sector_of_type, type_of

__all__ = ["result_graph", "display_value"]


def _as_node_id(v, G: nx.Graph | None):
    """``(node id, properties, internal id)`` of a returned value, or Nones."""
    if isinstance(v, dict):
        if "_SRC" in v:
            return None, None, None
        nid = v.get("id")
        internal = v.get("_ID", v.get("_id"))
        if nid is not None and (G is None or nid in G or v.get("_LABEL") or v.get("_label")):
            return nid, v, json.dumps(internal, sort_keys=True, default=str)
        return None, None, None
    if hasattr(v, "labels") and hasattr(v, "element_id"):   # neo4j Node
        nid = v.get("id")
        if nid is None:
            return None, None, None
        props = dict(v.items())
        props["_LABEL"] = sorted(v.labels)[0] if v.labels else None
        return nid, props, v.element_id
    if isinstance(v, str) and G is not None and v in G:
        return v, None, None
    return None, None, None


#: How the named path queries write a chain of node ids in one text cell.
CHAIN_SEPARATOR = " > "


def _id_chain(v, G: nx.Graph | None) -> list | None:
    """The node ids of a text cell ``"a > b > c"`` when every part is a node of ``G``."""
    if not isinstance(v, str) or G is None or CHAIN_SEPARATOR not in v:
        return None
    parts = [x.strip() for x in v.split(CHAIN_SEPARATOR)]
    return parts if len(parts) > 1 and all(x in G for x in parts) else None


def _elements(v) -> list:
    """A cell as a list of values, paths opened into their nodes and relationships
    (LadybugDB ``{"_NODES", "_RELS"}`` dicts, Neo4j ``Path`` objects)."""
    out = []
    for x in (v if isinstance(v, (list, tuple)) else [v]):
        if isinstance(x, dict) and "_NODES" in x:
            out += list(x.get("_NODES") or []) + list(x.get("_RELS") or [])
        elif hasattr(x, "nodes") and hasattr(x, "relationships") and not isinstance(x, dict):
            out += list(x.nodes) + list(x.relationships)
        else:
            out.append(x)
    return out


def result_graph(columns: list[str], rows: list[dict], G: nx.Graph | None = None) -> nx.Graph:
    """A graph of what a console query returned.

    Every value that is a node (a LadybugDB node dict or a Neo4j ``Node`` with an
    ``id`` property) or a string that is a node id of ``G`` becomes a node, with
    the attributes ``G`` has for it. Returned relationships (LadybugDB dicts with
    ``_SRC``/``_DST``, Neo4j ``Relationship`` objects) become edges between the
    nodes of the same row; paths (LadybugDB and Neo4j) are opened into their nodes
    and relationships, and a text cell that chains node ids (``"a > b > c"``, as
    the named query ``kortste_keten`` returns) is drawn as that chain. A row
    without relationships chains its nodes in column order (``src, dst``
    columns). Empty when the result holds no nodes.
    """
    R = nx.Graph()
    if G is not None:
        R.graph["documents"] = {n: {"name": d.get("name"), "date": d.get("date")}
                                for n, d in G.nodes(data=True)
                                if d.get("label") == "Document"}

    def add_node(nid, props):
        attrs = dict(G.nodes[nid]) if G is not None and nid in G else {}
        if props:
            attrs.update({k: x for k, x in props.items() if not str(k).startswith("_")})
            lab = props.get("_LABEL") or props.get("_label")
            if lab and "label" not in attrs:
                attrs["label"] = lab
        attrs["type"] = type_of(attrs) if attrs.get("label") else "overig"
        attrs["sector"] = sector_of_type(attrs["type"])
        if R.has_node(nid):
            R.nodes[nid].update(attrs)
        else:
            R.add_node(nid, **attrs)

    def add_edge(a, b, rel=None, props=None):
        if a == b:
            return
        ev = None
        if rel:
            props = props or {}
            ev = {"src": a, "dst": b, "rel": rel, "doc": props.get("doc"),
                  "sentence": props.get("sentence"), "locator": props.get("locator"),
                  "date": props.get("date")}
        if R.has_edge(a, b):
            e = R[a][b]
            e["weight"] += 1
        else:
            R.add_edge(a, b, weight=1, rels=[], evidence=[])
            e = R[a][b]
        if ev:
            if rel not in e["rels"]:
                e["rels"].append(rel)
            e["evidence"].append(ev)

    for row in rows:
        ids, internal, rels = [], {}, []
        for c in columns:
            v = row.get(c)
            chain = _id_chain(v, G)
            if chain:                      # "id > id > id" (kortste_keten's id_keten)
                for a in chain:
                    add_node(a, None)
                for a, b in zip(chain, chain[1:]):
                    add_edge(a, b)
                continue
            for x in _elements(v):
                if isinstance(x, dict) and "_SRC" in x and "_DST" in x:
                    rels.append((json.dumps(x["_SRC"], sort_keys=True, default=str),
                                 json.dumps(x["_DST"], sort_keys=True, default=str),
                                 x.get("_LABEL"), x))
                    continue
                if hasattr(x, "start_node") and hasattr(x, "end_node") and hasattr(x, "type"):
                    for endpoint in (x.start_node, x.end_node):
                        nid, props, key = _as_node_id(endpoint, G)
                        if nid is not None and props is not None and len(props) > 1:
                            add_node(nid, props)
                            internal[key] = nid
                    rels.append((x.start_node.element_id, x.end_node.element_id, x.type,
                                 dict(x.items())))
                    continue
                nid, props, key = _as_node_id(x, G)
                if nid is None:
                    continue
                add_node(nid, props)
                ids.append(nid)
                if key is not None:
                    internal[key] = nid
        linked = False
        for s, d, rel, props in rels:
            a, b = internal.get(s), internal.get(d)
            if a is not None and b is not None:
                add_edge(a, b, rel, props)
                linked = True
        if not linked:
            for a, b in zip(ids, ids[1:]):
                add_edge(a, b)
    return R


def display_value(v):
    """A console cell as something a table can show (nodes/relationships as their
    properties, paths as the chain of their node names, lists joined)."""
    if isinstance(v, dict) and "_NODES" in v:
        return CHAIN_SEPARATOR.join(str(n.get("name") or n.get("id") or "?")
                                    for n in v.get("_NODES") or [])
    if hasattr(v, "nodes") and hasattr(v, "relationships") and not isinstance(v, dict):
        return CHAIN_SEPARATOR.join(str(n.get("name") or n.get("id") or "?") for n in v.nodes)
    if isinstance(v, dict):
        props = {k: x for k, x in v.items() if not str(k).startswith("_")
                 and x not in (None, "", [])}
        lab = v.get("_LABEL") or v.get("_label")
        return (f"({lab}) " if lab else "") + json.dumps(props, ensure_ascii=False, default=str)
    if hasattr(v, "labels") and hasattr(v, "items"):
        return f"({':'.join(sorted(v.labels))}) " + json.dumps(dict(v.items()),
                                                               ensure_ascii=False, default=str)
    if hasattr(v, "type") and hasattr(v, "items") and hasattr(v, "start_node"):
        return f"[{v.type}] " + json.dumps(dict(v.items()), ensure_ascii=False, default=str)
    if isinstance(v, (list, tuple)):
        return ", ".join(str(display_value(x)) for x in v)
    return v
