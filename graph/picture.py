"""A still picture (SVG or PNG) of a network view, drawn with matplotlib.

The explorer draws interactively with vis-network; an adviser also needs a picture
to put in a note or bring to a meeting. :func:`network_picture` draws the same
graph with the same positions (:func:`graph.layout.layout` unless given), node
colours (sector or cluster) and shapes (per entity type), labels for the most
connected nodes only (so they do not pile up), and a legend for every colour and
shape in use. Everything is drawn offline (matplotlib's Agg and SVG backends, no
pyplot state, safe in Streamlit's threads).

Names are data: they are drawn with ``parse_math=False`` (a ``$`` is not
TeX) and the SVG backend escapes ``<``, ``>`` and ``&`` in text.
"""

from __future__ import annotations

import io
import math
import re

import networkx as nx
from graph.entities import CLUSTER_PALETTE, SECTOR_COLORS, sector_of_type
from graph.layout import layout

__all__ = ["MARKERS", "network_picture", "inline_svg"]

#: matplotlib marker per entity type (vis-network's diamond, triangle, square, dot).
MARKERS: dict[str, str] = {"initiative": "D", "event": "^", "region": "s", "person": "o"}


def _label(text: str, limit: int = 34) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def network_picture(H: nx.Graph, *, fmt: str = "svg", pos: dict | None = None,
                    color_by: str = "sector", membership: dict | None = None,
                    cluster_names: dict | None = None, type_names: dict | None = None,
                    sector_names: dict | None = None, title: str | None = None,
                    max_labels: int = 30, width: float = 9.0, height: float = 6.0,
                    seed: int = 0, colors: dict | None = None, labels: dict | None = None,
                    legend: dict | None = None) -> bytes:
    """``H`` (an entity view, see :func:`graph.entities.entity_graph`) as SVG or PNG bytes.

    ``color_by`` is ``"sector"`` (the explorer's sector colours) or ``"cluster"``
    (``membership`` maps nodes to cluster ids, named by ``cluster_names``);
    ``type_names`` / ``sector_names`` translate the legend. Only the
    ``max_labels`` nodes of highest degree get a label. To draw exactly what a
    page shows, pass its ``colors`` (node -> hex), ``labels`` (node -> text) and
    ``legend`` (text -> hex); shapes still follow the entity type.

    >>> G = nx.Graph(); G.add_node("a", name="A & <b>", type="school")
    >>> G.add_node("b", name="$x$", type="initiative"); G.add_edge("a", "b")
    >>> svg = network_picture(G).decode()
    >>> "A &amp; &lt;b&gt;" in svg and "$x$" in svg and "<b>" not in svg
    True
    >>> network_picture(G, fmt="png")[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"fmt must be 'svg' or 'png', not {fmt!r}")
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D


    tn, sn = type_names or {}, sector_names or {}
    if pos is None:
        pos = layout(H, seed=seed)
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans",
                                "svg.hashsalt": "zorgnet"}):
        xy = {n: (float(pos[n][0]), -float(pos[n][1])) for n in H if n in pos}
        if len(xy) > 1:               # a flat drawing gets a lower picture (no empty band)
            xs_, ys_ = [p[0] for p in xy.values()], [p[1] for p in xy.values()]
            ratio = (max(ys_) - min(ys_) + 120) / max(1.0, max(xs_) - min(xs_) + 120)
            height = max(2.8, min(height, 0.74 * width * ratio + 0.8))
        fig = Figure(figsize=(width, height), dpi=150 if fmt == "png" else 72)
        ax = fig.add_axes((0.01, 0.01, 0.74 if H else 0.98, 0.92 if title else 0.98))
        ax.set_axis_off()
        if title:
            fig.text(0.01, 0.985, title, va="top", ha="left", fontsize=13,
                     fontweight="bold", parse_math=False)
        for u, v, e in H.edges(data=True):
            if u in xy and v in xy:
                w = float(e.get("weight") or 1)
                ax.plot([xy[u][0], xy[v][0]], [xy[u][1], xy[v][1]], color="#b8b8b8",
                        linewidth=min(4.0, 0.5 + 0.6 * math.log1p(w)), zorder=1)
        deg = dict(H.degree())
        top = max(deg.values(), default=1) or 1
        clusters = sorted({str(c) for c in (membership or {}).values()},
                          key=lambda s: (len(s), s))
        cindex = {c: i for i, c in enumerate(clusters)}

        def colour(n, d) -> tuple[str, str]:
            if colors is not None:
                return colors.get(n, "#7f7f7f"), ""
            if color_by == "cluster" and membership:
                c = membership.get(n)
                if c is None:
                    return "#cccccc", "–"
                name = (cluster_names or {}).get(str(c)) or str(c)
                return CLUSTER_PALETTE[cindex[str(c)] % len(CLUSTER_PALETTE)], name
            s = d.get("sector") or sector_of_type(d.get("type"))
            return SECTOR_COLORS.get(s, "#7f7f7f"), sn.get(s, s)

        groups: dict[tuple[str, str], list] = {}
        by_cluster = color_by == "cluster" and bool(membership)
        given, legend = legend, {}                   # label -> (marker, colour)
        for k, c in (given or {}).items() if colors is not None else ():
            legend[str(k)] = ("o", c)
        for n, d in H.nodes(data=True):
            if n not in xy:
                continue
            col, cname = colour(n, d)
            marker = MARKERS.get(d.get("type"), "o")
            groups.setdefault((marker, col), []).append(n)
            if colors is not None:
                if marker != "o":
                    legend.setdefault(tn.get(d.get("type"), d.get("type")), (marker, "#ffffff"))
            elif by_cluster:
                legend.setdefault(cname, ("o", col))
                if marker != "o":
                    legend.setdefault(tn.get(d.get("type"), d.get("type")), (marker, "#ffffff"))
            else:
                label = cname if marker == "o" else tn.get(d.get("type"), d.get("type"))
                legend.setdefault(str(label), (marker, col))
        area = {n: 30 + 420 * math.sqrt(deg[n] / top) for n in xy}
        for (marker, col), nodes in groups.items():
            ax.scatter([xy[n][0] for n in nodes], [xy[n][1] for n in nodes],
                       s=[area[n] for n in nodes], c=col,
                       marker=marker, edgecolors="white", linewidths=0.8, zorder=2)
        labelled = sorted(xy, key=lambda n: (-deg[n], str(n)))[:max_labels]
        notes = []
        for n in labelled:
            text = (labels or {}).get(n) or H.nodes[n].get("name") or n
            notes.append(ax.annotate(_label(text), xy[n],
                        xytext=(0, math.sqrt(area[n]) / 2 + 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8,
                        color="#222222", zorder=3, parse_math=False,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none",
                                  alpha=0.7)))
        if xy:
            xs = [p[0] for p in xy.values()]
            ys = [p[1] for p in xy.values()]
            padx = (max(xs) - min(xs)) * 0.06 + 30
            pady = (max(ys) - min(ys)) * 0.06 + 30
            ax.set_xlim(min(xs) - padx, max(xs) + padx)
            ax.set_ylim(min(ys) - pady, max(ys) + pady)
            handles = [Line2D([], [], marker=m, linestyle="", markersize=8,
                              markerfacecolor=c, markeredgecolor="#444444" if c == "#ffffff"
                              else "white", label=_label(k, 40))
                       for k, (m, c) in sorted(legend.items(), key=lambda kv: (
                           kv[1][0] != "o", kv[0].casefold()))]
            leg = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.76, 0.93),
                             frameon=False, fontsize=9)
            for txt in leg.get_texts():
                txt.set_parse_math(False)
        _drop_overlapping(fig, notes)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, facecolor="white",
                    metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()


def _drop_overlapping(fig, notes: list) -> None:
    """Move a label that would overlap one drawn before it below its node, or hide
    it when that overlaps too (labels come most connected first, so the important
    names stay)."""
    if len(notes) < 2:
        return
    fig.draw_without_rendering()
    kept = []
    for note in notes:
        box = note.get_window_extent().expanded(1.05, 1.15)
        if any(box.overlaps(k) for k in kept):       # try below the node instead
            dx, dy = note.xyann
            note.xyann = (dx, -dy)
            note.set_va("top")
            box = note.get_window_extent().expanded(1.05, 1.15)
        if any(box.overlaps(k) for k in kept):
            note.set_visible(False)
        else:
            kept.append(box)


def inline_svg(svg: bytes | str) -> str:
    """An SVG document as an element to put inside HTML (no XML prolog or DOCTYPE).

    >>> inline_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg x="1"></svg>')
    '<svg x="1"></svg>'
    """
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return re.sub(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", "", text, count=1)
