"""Export a networkx projection as GraphML, GEXF, CSV, Cypher or JSON.

Used by ``zorgnet export`` (the whole store) and by the app (the current view).
Lists are joined with ``" | "`` for the formats that only hold scalars.

What a spreadsheet and Gephi can trust:

* CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
  ``-``, ``@``, tab or CR) are prefixed with ``'`` (:func:`csv_safe`, OWASP);
* GraphML and GEXF (1.3) hold no character XML forbids (:func:`xml_safe`): the
  control characters a source text may carry are removed;
* in GraphML and GEXF every edge has its own id, a node's ``label`` is its name
  (its kind of node is ``type``), an edge's ``label`` is its relation type, and
  every attribute is declared with its name as title.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx

__all__ = ["FORMATS", "csv_safe", "xml_safe", "terminal_safe", "to_cypher",
           "to_csv_zip", "export_bytes"]

FORMATS = ("graphml", "gexf", "csv", "cypher", "json")

#: first characters that make a spreadsheet read a cell as a formula (OWASP), with
#: their full-width forms
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates,
#: U+FFFE/U+FFFF) plus DEL and the C1 controls
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: what must not reach a terminal raw: controls (ANSI escapes start with ESC) and
#: the bidirectional overrides that reorder what is shown
_TERMINAL_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def csv_safe(value):
    """A cell a spreadsheet shows as text, never runs as a formula.

    >>> csv_safe("=HYPERLINK(1)"), csv_safe("+cmd"), csv_safe("ROC"), csv_safe(-1)
    ("'=HYPERLINK(1)", "'+cmd", 'ROC', -1)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def xml_safe(text: str) -> str:
    r"""``text`` without the characters XML 1.0 forbids.

    >>> xml_safe("a\x08b\x1b[31mc\td")
    'ab[31mc\td'
    """
    return _XML_BAD.sub("", text)


def terminal_safe(text: str) -> str:
    r"""``text`` with control characters shown as escapes (``\x1b``), so data cannot
    drive the terminal.

    >>> print(terminal_safe("rood\x1b[31m!"))
    rood\x1b[31m!
    """
    return _TERMINAL_BAD.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                             else f"\\u{ord(m.group()):04x}", text)


def _scalar_copy(G: nx.Graph, *, xml: bool = False) -> nx.Graph:
    """Attributes as scalars; with ``xml`` also XML-safe text, unique edge ids
    (``e0``, ``e1``, …), node label = name and edge label = relation type."""
    H = G.__class__()
    H.graph.update({k: (xml_safe(v) if xml and isinstance(v, str) else v)
                    for k, v in G.graph.items() if isinstance(v, (str, int, float))})

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
            out[xml_safe(str(k)) if xml else k] = xml_safe(v) if xml and isinstance(v, str) else v
        return out

    def node(n, d):
        a = fix(d)
        if xml:  # Gephi shows `label`: the name; the kind of node moves to `type`
            a["type"] = a.get("type") or a.get("label") or ""
            a["label"] = a.get("name") or str(n)
        return a

    def edge(d):
        a = fix(d)
        if xml:
            a["label"] = a.get("rel") or a.get("relations") or a.get("label") or ""
            a.pop("id", None)
        return a

    ident = (lambda n: xml_safe(str(n))) if xml else (lambda n: n)
    for n, d in G.nodes(data=True):
        H.add_node(ident(n), **node(n, d))
    if G.is_multigraph():
        for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
            H.add_edge(ident(u), ident(v), key=f"e{i}" if xml else k, **edge(d))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(ident(u), ident(v), **edge(d))
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
            w.writerow([csv_safe(x) for x in (n, *[d.get(c, "") for c in node_cols])])
        z.writestr("nodes.csv", s.getvalue())
        s = io.StringIO()
        w = csv.writer(s)
        w.writerow(["source", "target", *edge_cols])
        for u, v, d in H.edges(data=True):
            w.writerow([csv_safe(x) for x in (u, v, *[d.get(c, "") for c in edge_cols])])
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
        return "\n".join(nx.generate_graphml(_scalar_copy(G, xml=True))).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(_scalar_copy(G, xml=True), version="1.3")
                         ).encode("utf-8")
    if fmt == "csv":
        return to_csv_zip(G)
    if fmt == "cypher":
        return to_cypher(G).encode("utf-8")
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
