"""The network drawing as a self-contained vis-network page (pyvis, JavaScript
inlined, no CDN) with a precomputed layout (physics off) and **HTML-escaped**
tooltips: every name, sentence and property passes :func:`esc`.
"""

from __future__ import annotations

import html
import json
import math
import zlib
from functools import lru_cache

import networkx as nx

from graph.entities import (CLUSTER_PALETTE, SECTOR_COLORS, TYPE_SHAPE, WORDS_NL,
                            sector_of_type, spread_membership)
from graph.layout import centrality, layout
from graph.resources import static_dir

__all__ = ["esc", "network_data", "network_html", "cluster_color", "group_label", "VIS_DIR"]


def esc(value) -> str:
    """HTML-escape anything shown in a tooltip or HTML table (``None`` -> ``''``).

    >>> esc('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(str(v) for v in value)
    return html.escape(str(value), quote=True)


def _tooltip_node(H: nx.Graph, n, d: dict, w: dict, type_names: dict, docs: dict,
                  membership: dict | None, max_evidence: int = 3,
                  rel_names: dict | None = None) -> str:
    if d.get("label") == "Supernode":
        parts = [f"<b>{esc(d.get('name'))}</b>",
                 f"{esc(w['members'])}: {esc(d.get('size'))}"]
        types = d.get("types") or {}
        if types:
            parts.append(esc(", ".join(f"{type_names.get(t, t)} {c}"
                                       for t, c in sorted(types.items(),
                                                          key=lambda kv: -kv[1]))))
        if d.get("top"):
            parts.append(esc(", ".join(str(x) for x in d["top"])))
        return "<br>".join(parts)
    t = d.get("type")
    parts = [f"<b>{esc(d.get('name') or n)}</b>",
             f"{esc(w['type'])}: {esc(type_names.get(t, t))}"]
    if d.get("place") or d.get("municipality"):
        parts.append(f"{esc(w['place'])}: {esc(d.get('place') or d.get('municipality'))}")
    if d.get("province"):
        parts.append(f"{esc(w['province'])}: {esc(d.get('province'))}")
    if d.get("date") and d.get("label") == "Event":
        parts.append(f"{esc(w['date'])}: {esc(d.get('date'))}")
    if d.get("aliases"):
        parts.append(f"{esc(w['aliases'])}: {esc(d.get('aliases'))}")
    if membership and membership.get(n) is not None:
        parts.append(f"{esc(w['cluster'])}: {esc(membership.get(n))}")
    parts.append(f"{esc(w['degree'])}: {H.degree(n)}")
    shown = 0
    ev_lines = []
    for m in H._adj[n]:
        for ev in H._adj[n][m].get("evidence", ()):
            if not ev.get("sentence"):
                continue
            ev_lines.append(_evidence_line(ev, H, docs, rel_names))
            shown += 1
            if shown >= max_evidence:
                break
        if shown >= max_evidence:
            break
    if ev_lines:
        parts.append(f"<i>{esc(w['evidence'])}:</i>")
        parts.extend(ev_lines)
    return "<br>".join(parts)


def _evidence_line(ev: dict, H: nx.Graph, docs: dict, rel_names: dict | None = None) -> str:
    a = H.nodes[ev["src"]].get("name") if ev.get("src") in H else ev.get("src")
    b = H.nodes[ev["dst"]].get("name") if ev.get("dst") in H else ev.get("dst")
    doc = (docs.get(ev.get("doc")) or {}).get("name") or ev.get("doc")
    where = ", ".join(str(x) for x in (doc, ev.get("locator")) if x)
    rel = (rel_names or {}).get(ev.get("rel")) or ev.get("rel")
    return (f"• {esc(a)} <b>{esc(rel)}</b> {esc(b)}: “{esc(ev.get('sentence'))}”"
            + (f" <small>({esc(where)})</small>" if where else ""))


def _names(H: nx.Graph, ids, limit: int = 8) -> str:
    ents = H.graph.get("entities") or {}
    names = [str((ents.get(x) or {}).get("name") or x) for x in ids or ()]
    more = f" … +{len(names) - limit}" if len(names) > limit else ""
    return esc(", ".join(names[:limit])) + esc(more)


def _tooltip_edge(H: nx.Graph, u, v, e: dict, w: dict, docs: dict, max_evidence: int = 5,
                  rel_names: dict | None = None, fmt_num=None) -> str:
    if H.nodes[u].get("label") == "Supernode" or H.nodes[v].get("label") == "Supernode":
        return (f"{esc(H.nodes[u].get('name'))} — {esc(H.nodes[v].get('name'))}<br>"
                f"{esc(w['ties'])}: {esc(e.get('weight'))}")
    if "breakdown" in e:              # a collaboration tie (organisation view)
        num = fmt_num or (lambda x: f"{x:.2f}")
        parts = [f"<b>{esc(H.nodes[u].get('name') or u)}</b> — "
                 f"<b>{esc(H.nodes[v].get('name') or v)}</b>",
                 f"{esc(w['strength'])}: {esc(num(float(e.get('weight') or 0)))}"]
        for key, word in (("initiatives", "shared_initiatives"), ("events", "shared_events"),
                          ("persons", "shared_persons"), ("documents", "shared_documents")):
            if e.get(key):
                parts.append(f"{esc(w[word])}: {_names(H, e[key])}")
        return "<br>".join(parts)
    parts = [f"<b>{esc(H.nodes[u].get('name') or u)}</b> — "
             f"<b>{esc(H.nodes[v].get('name') or v)}</b>",
             esc(", ".join((rel_names or {}).get(r) or r for r in e.get("rels") or []))]
    evs = list(e.get("evidence") or [])
    for ev in evs[:max_evidence]:
        parts.append(_evidence_line(ev, H, docs, rel_names))
    if len(evs) > max_evidence:
        parts.append(f"… +{len(evs) - max_evidence} {esc(w['more'])}")
    return "<br>".join(parts)


#: vis-network 9.1.2 (from the pyvis package, which ships it), vendored beside this
#: module so the Netwerk component can serve the same files; never a CDN.
VIS_DIR = static_dir() / "netview"


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    return ((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
            (VIS_DIR / "vis-network.css").read_text(encoding="utf-8"))


def _script_json(obj) -> str:
    """JSON safe inside a <script> element: ``<``, ``>`` and line separators escaped."""
    s = json.dumps(obj, ensure_ascii=False, default=str)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<style>{css}</style>
<style>
html, body {{ margin: 0; padding: 0; font-family: "Source Sans Pro", Arial, sans-serif; }}
#mynetwork {{ width: 100%; height: {height}px; background: #ffffff;
  border: 1px solid #e6e6e6; border-radius: 6px; box-sizing: border-box; }}
div.vis-tooltip {{ max-width: 460px; white-space: normal; font-size: 13px;
  font-family: "Source Sans Pro", Arial, sans-serif; color: #1d2b36;
  line-height: 1.35; padding: 8px 10px; background: #fffef5; }}
</style>
<script>{js}</script>
</head>
<body>
<div id="mynetwork"></div>
<script>
(function () {{
  function asElement(s) {{
    // Titles are HTML built from html.escape()d values only (graph/netpage.py).
    var el = document.createElement("div");
    el.innerHTML = s;
    return el;
  }}
  var nodeData = {nodes};
  var edgeData = {edges};
  nodeData.forEach(function (n) {{ if (typeof n.title === "string") n.title = asElement(n.title); }});
  edgeData.forEach(function (e) {{ if (typeof e.title === "string") e.title = asElement(e.title); }});
  var nodes = new vis.DataSet(nodeData);
  var edges = new vis.DataSet(edgeData);
  var container = document.getElementById("mynetwork");
  var options = {options};
  var network = new vis.Network(container, {{nodes: nodes, edges: edges}}, options);
  network.once("afterDrawing", function () {{
    document.body.setAttribute("data-drawn", String(nodeData.length));
  }});
  window.zorgnetNetwork = network;
}})();
</script>
</body>
</html>
"""


def cluster_color(c) -> str:
    """The colour of cluster ``c``, the same on every view (by its id)."""
    c = str(c)
    i = int(c) if c.isdigit() else zlib.crc32(c.encode())
    return CLUSTER_PALETTE[i % len(CLUSTER_PALETTE)]


def group_label(d: dict, count_text=None) -> str:
    """A super-node's label: its name and what is inside (``count_text(types)``,
    e.g. "1.650 organisaties · 300 initiatieven"; default: the member count)."""
    inside = count_text(d.get("types") or {}) if count_text else str(d.get("size"))
    name = str(d.get("name") or "")
    if len(name) > 42:
        name = name[:40] + "…"
    return f"{name}\n{inside}" if inside else name


def network_data(H: nx.Graph, *, color_by: str = "sector", size_by: str = "degree",
                 membership: dict | None = None, pos: dict | None = None, seed: int = 0,
                 words: dict | None = None, type_names: dict | None = None,
                 highlight=None, rel_names: dict | None = None, count_text=None,
                 fmt_num=None) -> dict:
    """Nodes, edges and options for vis-network, and what the legend must explain.

    Every ``title`` (tooltip) is HTML made of :func:`esc`-aped values only; labels
    are drawn on the canvas as text. Nodes carry ``imp`` (importance: labels are
    placed most important first and hidden where they would overlap) and ``grp``
    (a super-node: a click drills into it). Returns a dict with ``nodes``,
    ``edges``, ``options`` and ``info`` (``nodes``, ``edges``, ``sample``,
    ``sectors``, ``types`` and ``clusters`` drawn, ``groups``, ``org_view``).
    """
    w = {**WORDS_NL, **(words or {})}
    tn = type_names or {}
    docs = H.graph.get("documents") or {}
    spread = spread_membership(H, membership) if membership else {}
    if pos is None:
        pos = layout(H, seed=seed)
    supern = {n for n, d in H.nodes(data=True) if d.get("label") == "Supernode"}
    if supern and len(supern) == H.number_of_nodes():
        cvals = {n: float(d.get("size") or 1) for n, d in H.nodes(data=True)}
        sample = None
    else:
        cvals, sample = centrality(H.subgraph(set(H) - supern), size_by, seed=seed)
        top_real = max(cvals.values(), default=1.0) or 1.0
        cvals.update({n: top_real for n in supern})
    top = max(cvals.values(), default=1.0) or 1.0
    org_view = bool(H.graph.get("organisation_view"))
    info = {"sectors": set(), "types": set(), "clusters": {}, "groups": len(supern),
            "org_view": org_view}
    nodes = []
    for n, d in H.nodes(data=True):
        t = d.get("type")
        grp = n in supern
        if grp and d.get("level") == "cluster" and d.get("group") not in (None, "", "?"):
            color = cluster_color(d["group"])
            info["clusters"][str(d["group"])] = color
        elif color_by == "cluster" and spread and not grp:
            c = spread.get(n)
            color = cluster_color(c) if c is not None else "#cccccc"
            if c is not None:
                info["clusters"][str(c)] = color
        else:
            sector = d.get("sector") or sector_of_type(t)
            color = SECTOR_COLORS.get(sector, "#7f7f7f")
            if d.get("level") != "rest":
                info["sectors"].add(sector)
        if not grp:
            info["types"].add(t)
        rel = math.sqrt(cvals.get(n, 0.0) / top)
        size = (16 + 40 * rel) if grp else (7 + 28 * rel)
        if t == "person":
            size *= 0.7
        x, y = pos.get(n, (0.0, 0.0))
        if grp:
            label = group_label(d, count_text)
        else:
            label = str(d.get("name") or n)
            if len(label) > 40:
                label = label[:38] + "…"
        border = "#000000" if highlight is not None and n == highlight else color
        node = {"id": str(n), "label": label,
                "title": _tooltip_node(H, n, d, w, tn, docs, spread or None,
                                       rel_names=rel_names),
                "color": {"background": color, "border": border,
                          "highlight": {"background": color, "border": "#000000"},
                          "hover": {"background": color, "border": "#000000"}},
                "borderWidth": 3 if border != color else 1,
                "shape": "dot" if grp else TYPE_SHAPE.get(t, "dot"),
                "size": round(size, 1), "x": round(x, 1), "y": round(y, 1),
                "imp": round(cvals.get(n, 0.0) / top + (1.0 if grp else 0.0), 4)}
        if not grp:
            node["font"] = {"size": round(12 + 8 * rel, 1)}
        if grp:
            node["grp"] = d.get("level") or "group"
            node["shapeProperties"] = {"borderDashes": [4, 3]} if d.get("level") == "rest" \
                else {}
            node["font"] = {"multi": False, "size": 15}
        nodes.append(node)
    edges = []
    wmax = max((float(e.get("weight") or 1) for *_, e in H.edges(data=True)), default=1.0)
    for u, v, e in H.edges(data=True):
        wgt = float(e.get("weight") or 1)
        if org_view:
            width = 0.6 + 7.4 * math.sqrt(wgt / wmax) if wmax else 1.0
        else:
            width = min(8.0, 0.8 + math.log1p(wgt))
        edges.append({"from": str(u), "to": str(v), "width": round(width, 2),
                      "title": _tooltip_edge(H, u, v, e, w, docs, rel_names=rel_names,
                                             fmt_num=fmt_num)})
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "multiselect": False, "hideEdgesOnDrag": len(edges) > 2000},
        "nodes": {"font": {"size": 14, "face": "arial", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
        # one colour for every edge, given once (not per edge: less to send)
        "edges": {"smooth": False, "selectionWidth": 2,
                  "color": {"color": "#b0b0b0", "highlight": "#333333"}},
        "layout": {"improvedLayout": False},
    }
    info.update(nodes=len(nodes), edges=len(edges), sample=sample)
    return {"nodes": nodes, "edges": edges, "options": options, "info": info}


def network_html(H: nx.Graph, *, color_by: str = "sector", size_by: str = "degree",
                 membership: dict | None = None, pos: dict | None = None, seed: int = 0,
                 height: int = 640, words: dict | None = None,
                 type_names: dict | None = None, highlight=None, lang: str = "nl",
                 rel_names: dict | None = None) -> tuple[str, dict]:
    """A self-contained HTML page drawing ``H`` with vis-network (for views that
    need no clicks back, such as the Cypher page; the Netwerk page uses the
    :mod:`app.netview` component with the same :func:`network_data`).

    The vis-network JavaScript and CSS shipped in the pyvis package are inlined:
    the page loads nothing from the network. Layout positions are computed here
    (:func:`graph.layout.layout`) and physics is off. Returns ``(html, info)`` where
    ``info`` has ``nodes``, ``edges`` and ``sample`` (betweenness sample size or None).
    """
    data = network_data(H, color_by=color_by, size_by=size_by, membership=membership,
                        pos=pos, seed=seed, words=words, type_names=type_names,
                        highlight=highlight, rel_names=rel_names)
    js, css = _vis_assets()
    page = _PAGE.format(lang=esc(lang), css=css, js=js, height=int(height),
                        nodes=_script_json(data["nodes"]), edges=_script_json(data["edges"]),
                        options=_script_json(data["options"]))
    info = data["info"]
    return page, {"nodes": info["nodes"], "edges": info["edges"], "sample": info["sample"]}
