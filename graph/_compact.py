"""A compact array form of a collaboration graph, built once per analysis.

Internal helper: :class:`CompactGraph` holds the node order, the undirected edge
list as numpy arrays, a symmetric CSR adjacency and (lazily) an igraph copy, so
clusters, brokers, gaps and link suggestions convert the networkx graph once.
"""

from __future__ import annotations

import contextlib
import random
import threading

import igraph as ig
import networkx as nx
import numpy as np

from graph.exceptions import EmptyGraphError, InvalidGraphError


class CompactGraph:
    """Arrays of an undirected weighted graph (node order: sorted by ``str``).

    Attributes
    ----------
    nodes : list
    index : dict node -> int
    src, dst : int64 arrays, one entry per edge (``src < dst``)
    w : float64 array of edge weights
    indptr, indices, data : symmetric CSR adjacency
    deg : int64 array (number of neighbours); strength : weighted degree
    """

    def __init__(self, C: nx.Graph, weight: str = "weight", *, _arrays: dict | None = None):
        if not isinstance(C, nx.Graph):
            raise InvalidGraphError.of("err.not_a_graph", got=type(C).__name__)
        if C.is_directed() or C.is_multigraph():
            raise InvalidGraphError.of("err.not_undirected")
        if C.number_of_nodes() == 0:
            raise EmptyGraphError.of("err.no_nodes")
        self.C = C
        self.weight = weight
        if _arrays is not None:
            # arrays straight from collaboration_graph (same graph, already sorted)
            self.nodes = list(_arrays["nodes"])
            self.index = {n: i for i, n in enumerate(self.nodes)}
            self.n = len(self.nodes)
            self.src = np.asarray(_arrays["src"], dtype=np.int64)
            self.dst = np.asarray(_arrays["dst"], dtype=np.int64)
            self.w = np.asarray(_arrays["w"], dtype=float)
        else:
            nodes = list(C)
            try:
                ordered = all(a < b for a, b in zip(nodes, nodes[1:]))
            except TypeError:
                ordered = False
            self.nodes = nodes if ordered else sorted(C, key=str)
            self.index = {n: i for i, n in enumerate(self.nodes)}
            self.n = len(self.nodes)
            idx = self.index
            src, dst, w = [], [], []
            for u, nbrs in C._adj.items():
                iu = idx[u]
                for v, d in nbrs.items():
                    iv = idx[v]
                    if iu < iv:
                        src.append(iu)
                        dst.append(iv)
                        w.append(d.get(weight, 1.0))
            self.src = np.asarray(src, dtype=np.int64)
            self.dst = np.asarray(dst, dtype=np.int64)
            self.w = np.asarray(w, dtype=float)
        self.m = len(self.src)
        rows = np.concatenate([self.src, self.dst])
        cols = np.concatenate([self.dst, self.src])
        ww = np.concatenate([self.w, self.w])
        order = np.argsort(rows * self.n + cols)
        self.indices = cols[order]
        self.data = ww[order]
        self.deg = np.bincount(rows, minlength=self.n).astype(np.int64)
        self.indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(self.deg, out=self.indptr[1:])
        self.strength = np.bincount(rows, weights=ww, minlength=self.n)
        self._ig = None
        self._attr_cache: dict = {}

    # ------------------------------------------------------------------ attributes
    def attr(self, name: str, default=None) -> list:
        """Node attribute ``name`` in node order (cached)."""
        hit = self._attr_cache.get(name)
        if hit is None:
            nd = self.C._node
            hit = self._attr_cache[name] = [nd[n].get(name, default) for n in self.nodes]
        return hit

    def codes(self, name: str, default=None) -> tuple[np.ndarray, list]:
        """Integer codes of a categorical node attribute and the sorted categories
        (``None`` last)."""
        vals = self.attr(name, default)
        cats = sorted({v for v in vals if v is not None}, key=str)
        has_none = any(v is None for v in vals)
        if has_none:
            cats.append(None)
        pos = {c: i for i, c in enumerate(cats)}
        return np.fromiter((pos[v] for v in vals), dtype=np.int64, count=self.n), cats

    def neighbours(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    # ------------------------------------------------------------------ igraph
    @property
    def igraph(self):
        """An :class:`igraph.Graph` with the same node order and a ``weight`` attribute."""
        if self._ig is None:
            self._ig = ig.Graph(n=self.n, edges=list(zip(self.src.tolist(), self.dst.tolist())),
                                edge_attrs={"weight": self.w.tolist()})
        return self._ig


def partner_graph(cg: CompactGraph) -> CompactGraph:
    """``cg`` without the ties of umbrella bodies (node attribute ``umbrella``): the
    graph whose neighbourhoods count as *partners* for link prediction. Same node
    order; cached on ``cg``; ``cg`` itself when there is no umbrella body."""
    hit = cg._attr_cache.get("_partner_graph")
    if hit is not None:
        return hit
    umb = np.array([bool(x) for x in cg.attr("umbrella", False)], dtype=bool)
    if not umb.any() or cg.m == 0:
        out = cg
    else:
        keep = ~(umb[cg.src] | umb[cg.dst])
        out = CompactGraph(cg.C, weight=cg.weight, _arrays={
            "nodes": cg.nodes, "src": cg.src[keep], "dst": cg.dst[keep], "w": cg.w[keep]})
        out._attr_cache.update({k: v for k, v in cg._attr_cache.items()
                                if not k.startswith("_")})
        out._attr_cache["_partner_graph"] = out
    cg._attr_cache["_partner_graph"] = out
    return out


class _ThreadLocalRandom:
    """igraph's random number source: the generator of the current thread's
    :func:`seeded_rng` block, else the :mod:`random` module (igraph's own default).

    Installed once, at import; a seeded call then makes its own ``random.Random(seed)``
    for its own thread — nothing process-wide is swapped per call and the
    :mod:`random` module's state is never touched. Seeded blocks of different
    threads are serialised; igraph's C core is not reentrant, so an unseeded igraph
    call of another thread can still interleave with a seeded one.
    """

    def __init__(self):
        self._local = threading.local()

    def _gen(self):
        return getattr(self._local, "gen", None) or random

    def random(self):
        return self._gen().random()

    def randint(self, a, b):
        return self._gen().randint(a, b)

    def gauss(self, mu, sigma):
        return self._gen().gauss(mu, sigma)

    def getrandbits(self, k):
        return self._gen().getrandbits(k)


_IGRAPH_RNG = _ThreadLocalRandom()
_SEEDED_LOCK = threading.RLock()
ig.set_random_number_generator(_IGRAPH_RNG)


@contextlib.contextmanager
def seeded_rng(seed: int):
    """igraph draws from a new ``random.Random(seed)`` in this thread inside the block
    (seeded blocks of different threads run one after the other).

    >>> g = ig.Graph.Famous("Zachary")
    >>> with seeded_rng(1):
    ...     a = g.community_leiden(objective_function="modularity").membership
    >>> with seeded_rng(1):
    ...     b = g.community_leiden(objective_function="modularity").membership
    >>> a == b
    True
    """
    local = _IGRAPH_RNG._local
    before = getattr(local, "gen", None)
    # igraph's C core is not reentrant: while one thread's Python RNG callback has
    # released the GIL, another thread's igraph call would interleave with it
    with _SEEDED_LOCK:
        local.gen = random.Random(seed)
        try:
            yield
        finally:
            local.gen = before
