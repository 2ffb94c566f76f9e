"""Export a networkx projection as GraphML, GEXF, CSV, Cypher or JSON.

Used by ``zorgnet export`` (the whole store) and by the app (the current view).
Lists are joined with ``" | "`` for the formats that only hold scalars.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx

FORMATS = ("graphml", "gexf", "csv", "cypher", "json")


def _scalar_copy(G: nx.Graph) -> nx.Graph:
    H = G.__class__()
    H.graph.update({k: v for k, v in G.graph.items() if isinstance(v, (str, int, float))})

    def fix(d):
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, set)):
                v = " | ".join(str(x) for x in v)
            elif isinstance(v, dict):
                v = json.dumps(v, ensure_ascii=False)
            elif not isinstance(v, (str, int, float, bool)):
                v = str(v)
            out[k] = v
        return out

    for n, d in G.nodes(data=True):
        H.add_node(n, **fix(d))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **fix(d))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(u, v, **fix(d))
    return H


def _cypher_literal(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_cypher_literal(x) for x in v) + "]"
    s = str(v).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "")
    return "'" + s + "'"


def to_cypher(G: nx.Graph) -> str:
    """A Cypher script (MERGE on ids) that recreates the graph in Neo4j."""
    out = ["// Zorgnet export — run in Neo4j Browser or cypher-shell"]
    for n, d in G.nodes(data=True):
        label = d.get("label", "Node")
        props = {k: v for k, v in d.items() if k != "label" and v is not None}
        sets = ", ".join(f"n.{k} = {_cypher_literal(v)}" for k, v in props.items())
        out.append(f"MERGE (n:{label} {{id: {_cypher_literal(n)}}})" + (f" SET {sets}" if sets else "") + ";")
    edges = G.edges(data=True)
    for u, v, d in edges:
        rel = d.get("rel", "RELATED")
        props = {k: val for k, val in d.items() if k != "rel" and val is not None
                 and not isinstance(val, dict)}
        key = {"doc": props.pop("doc")} if "doc" in props else {}
        keytxt = ", ".join(f"{k}: {_cypher_literal(x)}" for k, x in key.items())
        sets = ", ".join(f"r.{k} = {_cypher_literal(x)}" for k, x in props.items()
                         if not (isinstance(x, list) and x and isinstance(x[0], dict)))
        la, lb = G.nodes[u].get("label", "Node"), G.nodes[v].get("label", "Node")
        out.append(f"MATCH (a:{la} {{id: {_cypher_literal(u)}}}), (b:{lb} {{id: {_cypher_literal(v)}}}) "
                   f"MERGE (a)-[r:{rel}{' {' + keytxt + '}' if keytxt else ''}]->(b)"
                   + (f" SET {sets}" if sets else "") + ";")
    return "\n".join(out) + "\n"


def to_csv_zip(G: nx.Graph) -> bytes:
    """A zip with ``nodes.csv`` and ``edges.csv``."""
    H = _scalar_copy(G)
    node_cols = sorted({k for _, d in H.nodes(data=True) for k in d})
    edge_cols = sorted({k for *_, d in H.edges(data=True) for k in d})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        s = io.StringIO()
        w = csv.writer(s)
        w.writerow(["id", *node_cols])
        for n, d in H.nodes(data=True):
            w.writerow([n, *[d.get(c, "") for c in node_cols]])
        z.writestr("nodes.csv", s.getvalue())
        s = io.StringIO()
        w = csv.writer(s)
        w.writerow(["source", "target", *edge_cols])
        for u, v, d in H.edges(data=True):
            w.writerow([u, v, *[d.get(c, "") for c in edge_cols]])
        z.writestr("edges.csv", s.getvalue())
    return buf.getvalue()


def export_bytes(G: nx.Graph, fmt: str) -> bytes:
    """Serialise ``G`` in ``fmt`` (one of :data:`FORMATS`).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Organisation", name="A", aliases=["x", "y"])
    >>> b"x | y" in export_bytes(G, "graphml")
    True
    """
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_scalar_copy(G))).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(_scalar_copy(G))).encode("utf-8")
    if fmt == "csv":
        return to_csv_zip(G)
    if fmt == "cypher":
        return to_cypher(G).encode("utf-8")
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
