"""Positions and sizes for drawing a graph, computed before the browser sees it.

* :func:`layout` — force-directed per component (igraph: Kamada-Kawai on small
  components, Fruchterman-Reingold on larger ones), packed so small fragments do
  not shrink the main picture; deterministic for a seed;
* :func:`group_layout` — super-nodes of provinces and municipalities on the map
  (their coordinates), other groups force-directed;
* :func:`extend_layout` — keep what was drawn where it was and put added nodes in
  a ring around the node they were expanded from;
* :func:`centrality` — values for sizing nodes.

The app caches the positions per store version and view, so a layout is computed
once (:mod:`app.netstate`).
"""

from __future__ import annotations

import math
import zlib

import networkx as nx

from graph.geo import coordinates

__all__ = ["layout", "group_layout", "extend_layout", "centrality"]

#: Least distance between two groups on the map (room for their labels).
GROUP_GAP = 130.0
#: Pixels per degree of latitude on the map-like group layout.
MAP_SCALE = 260.0

def _component_layout(K: nx.Graph, seed: int) -> dict:
    """Kamada-Kawai (igraph, in C; Fruchterman-Reingold above 150 nodes) of one
    connected component, centred and scaled to unit radius; deterministic for a seed."""
    import numpy as np

    nodes = list(K)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    idx = {x: i for i, x in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    init = rng.uniform(-1.0, 1.0, (n, 2)).tolist()
    try:
        import igraph as ig

        g = ig.Graph(n=n, edges=[(idx[u], idx[v]) for u, v in K.edges()])
        lay = (g.layout_kamada_kawai(seed=init) if n <= 150
               else g.layout_fruchterman_reingold(seed=init, niter=150 if n <= 1000 else 80))
        xy = np.array(lay.coords, dtype=float)
    except ImportError:  # pragma: no cover - igraph is a dependency
        raw = nx.spring_layout(K, seed=seed, iterations=50)
        xy = np.array([raw[x] for x in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    r = float(np.sqrt((xy ** 2).sum(axis=1)).max()) or 1.0
    xy /= r
    return {x: (float(xy[i, 0]), float(xy[i, 1])) for i, x in enumerate(nodes)}


def layout(H: nx.Graph, seed: int = 0) -> dict:
    """Positions in vis-network pixels, computed before drawing.

    Every connected component is laid out on its own (force-directed, radius
    growing with its size). The largest sits on the left; the other components and
    then the isolated nodes are packed in rows in a column to its right, so small
    fragments do not shrink the main picture. Deterministic for a seed.
    """
    if H.number_of_nodes() == 0:
        return {}
    comps = sorted((c for c in nx.connected_components(H) if len(c) > 1),
                   key=lambda c: (-len(c), min(str(x) for x in c)))
    iso = sorted((x for x in H if H.degree(x) == 0), key=str)
    radius = [60.0 * math.sqrt(len(c)) + 30.0 for c in comps]
    pos: dict = {}
    gap = 60.0
    if comps:
        r0 = radius[0]
        for node, (px, py) in _component_layout(H.subgraph(comps[0]), seed).items():
            pos[node] = (r0 + px * r0, r0 + py * r0)
        x_start = 2 * r0 + gap
        width = max(0.6 * 2 * r0, 2 * max(radius[1:], default=0.0), 300.0)
    else:
        x_start, width = 0.0, 1000.0
    x, y, row_h = x_start, 0.0, 0.0
    for c, r in zip(comps[1:], radius[1:]):
        if x > x_start and x + 2 * r > x_start + width:
            x, y = x_start, y + row_h + gap
            row_h = 0.0
        cx, cy = x + r, y + r
        for node, (px, py) in _component_layout(H.subgraph(c), seed).items():
            pos[node] = (cx + px * r, cy + py * r)
        x += 2 * r + gap
        row_h = max(row_h, 2 * r)
    if iso:
        y0 = y + row_h + (gap if row_h else 0.0)
        sx, sy = 160.0, 70.0          # room for a label beside each isolated node
        cols = max(1, int(max(width, 4 * sx) // sx))
        for i, node in enumerate(iso):
            pos[node] = (x_start + (i % cols) * sx, y0 + (i // cols) * sy)
    return pos


def group_layout(S: nx.Graph, seed: int = 0) -> dict:
    """Positions of super-nodes (see :func:`graph.view.aggregate`): provinces and
    municipalities where they are on the map (north up), so the overview looks
    like the country; other groups (clusters, unknown places) by :func:`layout`,
    to the right of the map when some are placed on it."""
    geo, other = {}, []
    for n, d in S.nodes(data=True):
        xy = None
        if d.get("level") == "province":
            xy = coordinates(None, d.get("group"))
        elif d.get("level") == "municipality":
            xy = coordinates(d.get("group"))
        if xy is None:
            other.append(n)
        else:
            lat, lon = xy
            geo[n] = (lon * MAP_SCALE * math.cos(math.radians(52.2)), -lat * MAP_SCALE)
    if len(geo) < 2:
        return layout(S, seed)
    geo = _spread(geo, min_gap=GROUP_GAP)
    pos = dict(geo)
    if other:
        xs = [x for x, _ in geo.values()]
        ys = [y for _, y in geo.values()]
        rest = layout(S.subgraph(other), seed)
        if rest:
            rx = min(x for x, _ in rest.values())
            ry = min(y for _, y in rest.values())
            for n, (x, y) in rest.items():
                pos[n] = (max(xs) + 200.0 + x - rx, min(ys) + y - ry)
    return pos


def _spread(pos: dict, min_gap: float, rounds: int = 30) -> dict:
    """Push points apart until no two are closer than ``min_gap`` (a few rounds of
    pairwise repulsion; for the few dozen map groups)."""
    keys = sorted(pos, key=str)
    xy = {k: list(pos[k]) for k in keys}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                dx = xy[b][0] - xy[a][0]
                dy = xy[b][1] - xy[a][1]
                d = math.hypot(dx, dy)
                if d >= min_gap:
                    continue
                if d < 1e-6:
                    dx, dy, d = 1.0, 0.0, 1.0
                push = (min_gap - d) / 2.0
                ux, uy = dx / d * push, dy / d * push
                xy[a][0] -= ux
                xy[a][1] -= uy
                xy[b][0] += ux
                xy[b][1] += uy
                moved = True
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in xy.items()}


def extend_layout(pos: dict, H: nx.Graph, added: dict, seed: int = 0) -> dict:
    """Positions for ``H`` that keep ``pos`` for every node already placed; a node
    in ``added`` (node -> the node it was expanded from) goes on a ring around its
    anchor, other new nodes around the centre. Nothing that was drawn moves.

    >>> H = nx.star_graph(3)
    >>> p = extend_layout({0: (0.0, 0.0)}, H, {1: 0, 2: 0, 3: 0})
    >>> p[0], round(math.hypot(*p[1]))
    ((0.0, 0.0), 158)
    """
    out = {n: pos[n] for n in H if n in pos}
    if len(out) == H.number_of_nodes():
        return out
    if not out:
        return layout(H, seed)
    cx = sum(x for x, _ in out.values()) / len(out)
    cy = sum(y for _, y in out.values()) / len(out)
    rings: dict = {}
    for n in H:
        if n in out:
            continue
        a = added.get(n)
        rings.setdefault(a if a in out else None, []).append(n)
    for anchor, ms in rings.items():
        ax, ay = out[anchor] if anchor is not None else (cx, cy)
        r = 140.0 + 6.0 * len(ms)
        phase = (zlib.crc32(str(anchor).encode()) % 360) * math.pi / 180.0
        for i, m in enumerate(sorted(ms, key=str)):
            t = phase + 2 * math.pi * i / len(ms)
            out[m] = (ax + r * math.cos(t), ay + r * math.sin(t))
    return out


def centrality(H: nx.Graph, how: str = "degree", *, sample: int = 200, seed: int = 0
               ) -> tuple[dict, int | None]:
    """``(values, sample size)`` for sizing nodes: ``degree`` (number of neighbours) or
    ``betweenness`` (normalised; estimated from ``min(n, sample)`` source nodes)."""
    if how == "betweenness" and H.number_of_nodes() > 2:
        k = min(H.number_of_nodes(), sample)
        vals = nx.betweenness_centrality(H, k=k if k < H.number_of_nodes() else None,
                                         seed=seed, normalized=True)
        return vals, k
    return {n: float(H.degree(n)) for n in H}, None
