"""Positions and sizes for drawing a graph, computed before the browser sees it."""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["layout", "centrality"]

def _component_layout(K: nx.Graph, seed: int) -> dict:
    """Kamada-Kawai (igraph, in C; Fruchterman-Reingold above 600 nodes) of one
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
        lay = (g.layout_kamada_kawai(seed=init) if n <= 600
               else g.layout_fruchterman_reingold(seed=init, niter=150))
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
