"""The network drawing as a self-contained vis-network page (pyvis, JavaScript
inlined, no CDN) with a precomputed layout (physics off) and **HTML-escaped**
tooltips: every name, sentence and property passes :func:`esc`.
"""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.entities import (CLUSTER_PALETTE, SECTOR_COLORS, TYPE_SHAPE, WORDS_NL,
                            sector_of_type, spread_membership)
from graph.layout import centrality, layout

__all__ = ["esc", "network_html"]


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


def _tooltip_edge(H: nx.Graph, u, v, e: dict, w: dict, docs: dict, max_evidence: int = 5,
                  rel_names: dict | None = None) -> str:
    if H.nodes[u].get("label") == "Supernode":
        return (f"{esc(H.nodes[u].get('name'))} — {esc(H.nodes[v].get('name'))}<br>"
                f"{esc(w['ties'])}: {esc(e.get('weight'))}")
    parts = [f"<b>{esc(H.nodes[u].get('name') or u)}</b> — "
             f"<b>{esc(H.nodes[v].get('name') or v)}</b>",
             esc(", ".join((rel_names or {}).get(r) or r for r in e.get("rels") or []))]
    evs = list(e.get("evidence") or [])
    for ev in evs[:max_evidence]:
        parts.append(_evidence_line(ev, H, docs, rel_names))
    if len(evs) > max_evidence:
        parts.append(f"… +{len(evs) - max_evidence} {esc(w['more'])}")
    return "<br>".join(parts)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


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


def network_html(H: nx.Graph, *, color_by: str = "sector", size_by: str = "degree",
                 membership: dict | None = None, pos: dict | None = None, seed: int = 0,
                 height: int = 640, words: dict | None = None,
                 type_names: dict | None = None, highlight=None, lang: str = "nl",
                 rel_names: dict | None = None) -> tuple[str, dict]:
    """A self-contained HTML page drawing ``H`` with vis-network.

    The nodes and edges are built with :class:`pyvis.network.Network`
    (``cdn_resources="in_line"``); the page is written by this module because
    pyvis' own template still links Bootstrap from a CDN and shows string titles
    as plain text in vis-network 9. The vis-network JavaScript and CSS shipped in
    the pyvis package are inlined: the page loads nothing from the network.
    Layout positions are computed here (:func:`layout`) and physics is off.

    Every title (tooltip) is HTML made of :func:`esc`-aped values only; labels are
    drawn on the canvas as text. Returns ``(html, info)`` where ``info`` has
    ``nodes``, ``edges`` and ``sample`` (betweenness sample size or None).
    """
    from pyvis.network import Network

    w = {**WORDS_NL, **(words or {})}
    tn = type_names or {}
    docs = H.graph.get("documents") or {}
    spread = spread_membership(H, membership) if membership else {}
    if pos is None:
        pos = layout(H, seed=seed)
    supern = any(d.get("label") == "Supernode" for _, d in H.nodes(data=True))
    if supern:
        cvals = {n: float(d.get("size") or 1) for n, d in H.nodes(data=True)}
        sample = None
    else:
        cvals, sample = centrality(H, size_by, seed=seed)
    top = max(cvals.values(), default=1.0) or 1.0
    clusters = sorted({str(c) for c in spread.values()}, key=lambda s: (len(s), s))
    cindex = {c: i for i, c in enumerate(clusters)}

    net = Network(height=f"{height}px", width="100%", directed=False,
                  cdn_resources="in_line", bgcolor="#ffffff", font_color="#222222")
    for n, d in H.nodes(data=True):
        t = d.get("type")
        if color_by == "cluster" and spread:
            c = spread.get(n)
            color = (CLUSTER_PALETTE[cindex[str(c)] % len(CLUSTER_PALETTE)]
                     if c is not None else "#cccccc")
        elif supern and color_by == "cluster":
            color = CLUSTER_PALETTE[hash(str(n)) % len(CLUSTER_PALETTE)]
        else:
            color = SECTOR_COLORS.get(d.get("sector") or sector_of_type(t), "#7f7f7f")
        rel = math.sqrt(cvals.get(n, 0.0) / top)
        size = (14 + 46 * rel) if supern else (7 + 28 * rel)
        if t == "person":
            size *= 0.7
        x, y = pos.get(n, (0.0, 0.0))
        label = str(d.get("name") or n)
        if supern:
            label = f"{label} ({d.get('size')})"
        elif len(label) > 40:
            label = label[:38] + "…"
        border = "#000000" if highlight is not None and n == highlight else color
        net.add_node(str(n), label=label,
                     title=_tooltip_node(H, n, d, w, tn, docs, spread or None,
                                         rel_names=rel_names),
                     color={"background": color, "border": border,
                            "highlight": {"background": color, "border": "#000000"},
                            "hover": {"background": color, "border": "#000000"}},
                     borderWidth=3 if border != color else 1,
                     shape="dot" if supern else TYPE_SHAPE.get(t, "dot"),
                     size=round(size, 1), x=round(x, 1), y=round(y, 1), physics=False)
    for u, v, e in H.edges(data=True):
        wgt = float(e.get("weight") or 1)
        net.add_edge(str(u), str(v), title=_tooltip_edge(H, u, v, e, w, docs,
                                                         rel_names=rel_names),
                     width=round(min(8.0, 0.8 + math.log1p(wgt)), 2),
                     color={"color": "#b0b0b0", "highlight": "#333333"})
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "multiselect": False, "hideEdgesOnDrag": H.number_of_edges() > 2000},
        "nodes": {"font": {"size": 14, "face": "arial", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "selectionWidth": 2},
        "layout": {"improvedLayout": False},
    }
    js, css = _vis_assets()
    page = _PAGE.format(lang=esc(lang), css=css, js=js, height=int(height),
                        nodes=_script_json(net.nodes), edges=_script_json(net.edges),
                        options=_script_json(options))
    return page, {"nodes": len(net.nodes), "edges": len(net.edges), "sample": sample}
