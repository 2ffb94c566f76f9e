"""Brokers: who holds the collaboration network together, across sectors and regions.

On a collaboration graph (:func:`graph.collaboration.collaboration_graph`):

* **degree** — number of partners, and *strength* (sum of tie weights);
* **betweenness** — share of shortest paths (in hops: a tie is a tie, however
  strong) that run through an organisation. Exact (Brandes, igraph, identical to
  :func:`networkx.betweenness_centrality`) up to ``sample_threshold`` (2,000)
  connected nodes; above it KADABRA (networkit's adaptive sampling of shortest
  paths, tuned to separate the top 100, :data:`KADABRA`), seeded. Source-pivot
  sampling needs thousands of pivots to rank the top 100 reliably (top-100
  Spearman with exact betweenness 0.50 with 128 pivots, 0.80 with 1,024, 0.90 with
  2,048 at 20,000 organisations); KADABRA reaches 0.94–0.98 in a few seconds
  (``python bench/bench_analysis.py --betweenness-check``). Above 50,000
  connected organisations KADABRA's convergence checks get too slow; there, and
  with an explicit ``k``, ``k`` (default 128) seeded source pivots are used
  (Brandes–Pich, scaled by ``n / k``) — a rougher ranking, stated in the result.
  The result states the method;
* **constraint** — Burt's constraint on the weighted ties (igraph's C
  implementation, equal to :func:`networkx.constraint`): low = many
  non-redundant partners, a structural-hole position;
* **sector bridges** — organisations whose partners span several of the sectors
  zorg, onderwijs, overheid, werkgevers (via :data:`graph.model.SECTOR_OF_KIND`),
  those linking the whole golden triangle zorg–onderwijs–overheid first;
* **region bridges** — organisations with ties into several provinces.

Only organisations that actually bridge are listed: betweenness > 0, or partners
in at least two sectors or two provinces; each row says why (``why``: codes
``betweenness`` with rank, ``partner_sectors``, ``partner_provinces``,
``constraint``, with their numbers; ``why_nl`` one Dutch sentence). Umbrella
bodies (:mod:`graph.umbrella`) are left out of the graph the brokers are computed
on: their ties would put everyone two steps apart.
"""

from __future__ import annotations

import threading

import networkx as nx
import numpy as np

from graph._compact import CompactGraph, partner_graph
from graph.exceptions import EmptyGraphError, InvalidParameterError
from graph.vocab import KEY_SECTORS, TRIANGLE  # the sectors bridges are counted over

__all__ = ["KADABRA", "betweenness", "constraint", "sector_bridges", "region_bridges",
           "broker_report"]

#: KADABRA's absolute error and failure probability, and the top-k it separates; used
#: up to ``max_connected`` connected organisations (its convergence checks grow with n:
#: above that, ``fallback_k`` seeded source pivots, stated in the result).
KADABRA = {"eps": 0.002, "delta": 0.1, "top": 100, "max_connected": 50_000, "fallback_k": 128}
_NK_LOCK = threading.Lock()


def _sample_size(n_conn: int, k, sample_threshold: int) -> int | None:
    if k is None:
        return None
    k = int(k)
    if k <= 0:
        raise InvalidParameterError.of("err.at_least", name="k", min=1)
    return None if k >= n_conn else k


def _kadabra(cg: CompactGraph, seed: int) -> np.ndarray:
    """KADABRA (networkit) estimate of the betweenness, scaled like Brandes' sum
    over unordered pairs. networkit keeps its seed and thread count process-wide:
    both are set under a lock, one thread, so a seed always gives the same result."""
    import networkit as nk

    G = nk.GraphFromCoo((np.ones(cg.m), (cg.src.astype(np.uint64), cg.dst.astype(np.uint64))),
                        n=cg.n, directed=False)
    with _NK_LOCK:
        nk.setNumberOfThreads(1)
        nk.setSeed(int(seed), False)
        kb = nk.centrality.KadabraBetweenness(G, KADABRA["eps"], KADABRA["delta"], True,
                                              KADABRA["top"])
        kb.run()
        scores = np.asarray(kb.scores(), dtype=float)
    n = cg.n
    # KADABRA samples ordered pairs and counts a path s..t and t..s both: half of
    # n(n-1)/2 unordered pairs per unit (checked against exact Brandes sums)
    return scores * n * (n - 1) / 4


def _betweenness(cg: CompactGraph, *, k=None, seed=0, normalized=True,
                 sample_threshold=2000) -> tuple[np.ndarray, dict]:
    if cg.m == 0:
        return np.zeros(cg.n), {"k": 0, "exact": True, "n_connected": 0}
    conn = np.flatnonzero(cg.deg > 0)
    kk = _sample_size(len(conn), k, sample_threshold)
    g = cg.igraph
    if k is None and len(conn) > KADABRA["max_connected"]:
        kk = min(len(conn), KADABRA["fallback_k"])
    if k is None and sample_threshold < len(conn) <= KADABRA["max_connected"]:
        b = _kadabra(cg, seed)
        info = {"k": None, "exact": False,
                "method": f"KADABRA (networkit): top-{KADABRA['top']} adaptive sampling, "
                          f"absolute error {KADABRA['eps']}, failure probability "
                          f"{KADABRA['delta']}"}
    elif kk is None:
        b = np.asarray(g.betweenness(directed=False), dtype=float)
        info = {"k": int(len(conn)), "exact": True, "method": "exact (Brandes)"}
    else:
        rng = np.random.default_rng(seed)
        pivots = np.sort(rng.choice(conn, size=kk, replace=False))
        b = np.asarray(g.betweenness(directed=False, sources=pivots.tolist()), dtype=float)
        b *= len(conn) / kk
        info = {"k": int(kk), "exact": False,
                "method": f"sampled: {kk} seeded source pivots, scaled by n/k"}
    n = cg.n
    if normalized and n > 2:
        b /= (n - 1) * (n - 2) / 2
    info.update(n_connected=int(len(conn)), normalized=bool(normalized), seed=seed)
    return b, info


def betweenness(C: nx.Graph, *, k: int | None = None, seed: int = 0, normalized: bool = True,
                sample_threshold: int = 2000) -> dict:
    """Betweenness centrality (hop distance), exact or estimated from ``k`` pivots.

    Parameters
    ----------
    C : networkx.Graph
    k : int, optional
        Number of source pivots. Default: exact up to ``sample_threshold``
        connected nodes, else KADABRA (see the module docstring).
    seed : int
        Seed of the pivot choice (or of KADABRA's sampling).
    normalized : bool
        Divide by ``(n-1)(n-2)/2`` like :func:`networkx.betweenness_centrality`.

    Returns
    -------
    dict
        node -> betweenness.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.barbell_graph(4, 1)
    >>> b = betweenness(C)
    >>> max(b, key=b.get)
    4
    >>> ref = nx.betweenness_centrality(C)
    >>> all(abs(b[n] - ref[n]) < 1e-12 for n in C)
    True
    """
    cg = CompactGraph(C)
    b, _ = _betweenness(cg, k=k, seed=seed, normalized=normalized,
                        sample_threshold=sample_threshold)
    return {cg.nodes[i]: float(b[i]) for i in range(cg.n)}


def _constraint(cg: CompactGraph) -> np.ndarray:
    if cg.m == 0:
        return np.full(cg.n, np.nan)
    c = np.asarray(cg.igraph.constraint(weights="weight"), dtype=float)
    c[cg.deg == 0] = np.nan
    return c


def constraint(C: nx.Graph, *, weight: str = "weight") -> dict:
    """Burt's constraint per node (NaN for isolated nodes), like :func:`networkx.constraint`.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> c = constraint(C)
    >>> min(c, key=c.get), round(c["d"], 3)
    ('c', 1.0)
    """
    cg = CompactGraph(C, weight=weight)
    c = _constraint(cg)
    return {cg.nodes[i]: float(c[i]) for i in range(cg.n)}


def _group_counts(cg: CompactGraph, codes: np.ndarray, n_codes: int):
    """Per node and neighbour category: number of neighbours and tie weight."""
    rows = np.repeat(np.arange(cg.n), cg.deg)
    key = rows * n_codes + codes[cg.indices]
    cnt = np.bincount(key, minlength=cg.n * n_codes).reshape(cg.n, n_codes)
    wt = np.bincount(key, weights=cg.data, minlength=cg.n * n_codes).reshape(cg.n, n_codes)
    return cnt, wt


def _partner_spread(cg: CompactGraph, coded):
    """Per node: the number of distinct known categories among its partners, and a
    function giving their names for one node."""
    codes, cats = coded
    k = len(cats)
    cnt, _ = _group_counts(cg, codes, k)
    if None in cats:
        cnt[:, cats.index(None)] = 0
    for j, cat in enumerate(cats):
        if cat == "overig":
            cnt[:, j] = 0
    present = cnt > 0
    return present.sum(axis=1), lambda i: [cats[j] for j in np.flatnonzero(present[i]).tolist()]


def _why_nl(why: list[dict]) -> str:
    """The reasons of a broker as one Dutch sentence."""
    parts = []
    for w in why:
        if w["code"] == "betweenness":
            parts.append(f"nummer {w['rank']} van {w['of']} op tussenpositie")
        elif w["code"] == "partner_sectors":
            parts.append(f"partners in {w['n']} sectoren ({_nl_list(w['sectors'])})")
        elif w["code"] == "partner_provinces":
            parts.append(f"partners in {w['n']} provincies")
    return (_nl_list(parts) + ".").capitalize() if parts else ""


def _nl_list(xs: list[str]) -> str:
    xs = list(xs)
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + " en " + xs[-1]


def _sector_bridges(cg: CompactGraph, *, min_sectors: int = 2, top: int | None = 20,
                    exclude=None):
    sector = cg.attr("sector")
    cats = list(KEY_SECTORS)
    pos = {s: i for i, s in enumerate(cats)}
    codes = np.fromiter((pos.get(s, len(cats)) for s in sector), dtype=np.int64, count=cg.n)
    cnt, wt = _group_counts(cg, codes, len(cats) + 1)
    cnt, wt = cnt[:, :len(cats)], wt[:, :len(cats)]
    own = codes
    other = cnt > 0
    valid = own < len(cats)
    other[np.flatnonzero(valid), own[valid]] = False  # count only *other* sectors
    n_other = other.sum(axis=1)
    covered = other.copy()
    covered[np.flatnonzero(valid), own[valid]] = True
    tri_idx = [pos[s] for s in TRIANGLE]
    links_triangle = covered[:, tri_idx].all(axis=1)
    cross_w = (wt * other).sum(axis=1)
    cross_n = (cnt * other).sum(axis=1)
    ok = n_other >= min_sectors
    if exclude is not None:
        ok &= ~exclude
    cand = np.flatnonzero(ok)
    order = sorted(cand.tolist(), key=lambda i: (-int(links_triangle[i]), -int(n_other[i]),
                                                 -float(cross_w[i]), cg.nodes[i]))
    if top is not None:
        order = order[:top]
    name = cg.attr("name")
    out = []
    for i in order:
        parts = [f"{int(cnt[i, j])} met {cats[j]}" for j in range(len(cats)) if other[i, j]]
        reached = [cats[j] for j in range(len(cats)) if covered[i, j]]
        if links_triangle[i]:
            head = "Verbindt de gouden driehoek zorg–onderwijs–overheid"
        else:
            head = f"Verbindt {_nl_list(reached)}"
        out.append({
            "id": cg.nodes[i], "name": name[i], "sector": sector[i],
            "links_triangle": bool(links_triangle[i]),
            "sectors_reached": [cats[j] for j in range(len(cats)) if other[i, j]],
            "ties_per_sector": {cats[j]: int(cnt[i, j]) for j in range(len(cats)) if cnt[i, j]},
            "cross_sector_ties": int(cross_n[i]),
            "cross_sector_weight": round(float(cross_w[i]), 4),
            "reason": f"{head}: banden {_nl_list(parts)} (eigen sector: {sector[i]}).",
        })
    return out, int(len(cand))


def _region_bridges(cg: CompactGraph, *, min_provinces: int = 3, top: int | None = 20,
                    exclude=None):
    codes, cats = cg.codes("province")
    k = len(cats)
    cnt, wt = _group_counts(cg, codes, k)
    none_col = cats.index(None) if None in cats else None
    present = cnt > 0
    if none_col is not None:
        present[:, none_col] = False
    own_known = np.array([cats[c] is not None for c in codes])
    allp = present.copy()
    allp[np.flatnonzero(own_known), codes[own_known]] = True
    n_prov = allp.sum(axis=1)
    outside = present.copy()
    outside[np.flatnonzero(own_known), codes[own_known]] = False
    out_w = (wt * outside).sum(axis=1)
    out_n = (cnt * outside).sum(axis=1)
    ok = n_prov >= min_provinces
    if exclude is not None:
        ok &= ~exclude
    cand = np.flatnonzero(ok)
    order = sorted(cand.tolist(), key=lambda i: (-int(n_prov[i]), -float(out_w[i]), cg.nodes[i]))
    if top is not None:
        order = order[:top]
    name = cg.attr("name")
    prov = cg.attr("province")
    out = []
    for i in order:
        per = {cats[j]: int(cnt[i, j]) for j in range(k) if present[i, j]}
        others = sorted(((p, c) for p, c in per.items() if p != prov[i]), key=lambda x: -x[1])
        out.append({
            "id": cg.nodes[i], "name": name[i], "province": prov[i],
            "n_provinces": int(n_prov[i]),
            "ties_per_province": per,
            "out_of_province_ties": int(out_n[i]),
            "out_of_province_weight": round(float(out_w[i]), 4),
            "reason": (f"Heeft partners in {int(n_prov[i])} provincies"
                       + (f" (eigen provincie: {prov[i]})" if prov[i] else "")
                       + ": " + _nl_list([f"{p} ({c})" for p, c in others]) + "."),
        })
    return out, int(len(cand))


def sector_bridges(C: nx.Graph, *, min_sectors: int = 2, top: int | None = 20) -> list[dict]:
    """Organisations tied to at least ``min_sectors`` sectors other than their own.

    Ranked: linking the whole golden triangle (zorg, onderwijs, overheid) first,
    then by the number of other sectors reached, then by cross-sector tie weight.
    Each entry has ``sectors_reached``, ``ties_per_sector``, ``links_triangle`` and a
    Dutch ``reason``.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph()
    >>> for n, s in [("roc", "onderwijs"), ("zh", "zorg"), ("gem", "overheid"), ("z2", "zorg")]:
    ...     C.add_node(n, name=n, sector=s)
    >>> C.add_edges_from([("roc", "zh"), ("roc", "gem"), ("zh", "z2")], weight=1.0)
    >>> [b["id"] for b in sector_bridges(C)]
    ['roc']
    >>> sector_bridges(C)[0]["reason"]
    'Verbindt de gouden driehoek zorg–onderwijs–overheid: banden 1 met zorg en 1 met overheid (eigen sector: onderwijs).'
    """
    return _sector_bridges(CompactGraph(C), min_sectors=min_sectors, top=top)[0]


def region_bridges(C: nx.Graph, *, min_provinces: int = 3, top: int | None = 20) -> list[dict]:
    """Organisations whose ties (own province included) reach ``min_provinces`` provinces.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph()
    >>> for n, p in [("a", "Utrecht"), ("b", "Gelderland"), ("c", "Zeeland"), ("d", "Utrecht")]:
    ...     C.add_node(n, name=n, province=p)
    >>> C.add_edges_from([("a", "b"), ("a", "c"), ("a", "d")], weight=1.0)
    >>> [(b["id"], b["n_provinces"]) for b in region_bridges(C)]
    [('a', 3)]
    """
    return _region_bridges(CompactGraph(C), min_provinces=min_provinces, top=top)[0]


def broker_report(C: nx.Graph, *, k: int | None = None, seed: int = 0, top: int = 20,
                  sample_threshold: int = 2000, min_sectors: int = 2, min_provinces: int = 3,
                  _cg: CompactGraph | None = None) -> dict:
    """All broker measures as plain, JSON-serialisable data.

    Parameters
    ----------
    C : networkx.Graph
        A collaboration graph.
    k : int, optional
        Betweenness pivots (default: exact up to ``sample_threshold`` connected
        nodes, else KADABRA).
    seed : int
        Seed of the pivot sample.
    top : int
        Length of each ranked list.

    Returns
    -------
    dict
        ``betweenness`` (``k``, ``exact``, ``method``, ``top``), ``constraint``
        (``top``: lowest constraint among organisations with at least two
        partners), ``degree`` (``top`` by number of partners), ``sector_bridges``,
        ``region_bridges`` (each ``n`` candidates and the ``top`` list). Entries
        carry ``id``, ``name``, ``kind``, ``sector``, ``province``, ``degree``,
        ``strength``, ``betweenness`` and ``constraint``.

    Raises
    ------
    EmptyGraphError
        If ``C`` has no edges.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.barbell_graph(5, 1)
    >>> rep = broker_report(C, top=3)
    >>> rep["betweenness"]["top"][0]["id"], rep["betweenness"]["exact"]
    (5, True)
    """
    # umbrella bodies (kabinet, ministries …) are not partners: their ties would make
    # everyone two steps apart and every organisation a "bridge" to the overheid
    cg = partner_graph(_cg if _cg is not None else CompactGraph(C))
    if cg.m == 0:
        raise EmptyGraphError.of("err.no_edges")
    b, binfo = _betweenness(cg, k=k, seed=seed, sample_threshold=sample_threshold)
    c = _constraint(cg)
    name = cg.attr("name")
    kind = cg.attr("kind")
    sector = cg.attr("sector")
    prov = cg.attr("province")

    def row(i):
        return {"id": cg.nodes[i], "name": name[i] if name[i] is not None else str(cg.nodes[i]),
                "kind": kind[i], "sector": sector[i], "province": prov[i],
                "degree": int(cg.deg[i]), "strength": round(float(cg.strength[i]), 4),
                "betweenness": round(float(b[i]), 6),
                "constraint": None if np.isnan(c[i]) else round(float(c[i]), 4)}

    # who bridges: betweenness > 0, or partners in >= 2 sectors or >= 2 provinces;
    # umbrella bodies (kabinet, ministries …, graph.umbrella) are never listed
    n_sec, secs = _partner_spread(cg, cg.codes("sector"))
    n_prov, provs = _partner_spread(cg, cg.codes("province"))
    umbrella = np.array([bool(x) for x in cg.attr("umbrella", False)], dtype=bool)
    bridges = ((b > 0) | (n_sec >= 2) | (n_prov >= 2)) & (cg.deg > 0) & ~umbrella
    idx = np.flatnonzero(bridges)
    rank_b = {i: r + 1 for r, i in enumerate(sorted(np.flatnonzero(b > 0).tolist(),
                                                    key=lambda i: (-b[i], cg.nodes[i])))}

    def why(i):
        out = []
        if b[i] > 0:
            out.append({"code": "betweenness", "value": round(float(b[i]), 6),
                        "rank": rank_b[i], "of": len(rank_b)})
        if n_sec[i] >= 2:
            out.append({"code": "partner_sectors", "n": int(n_sec[i]), "sectors": secs(i)})
        if n_prov[i] >= 2:
            out.append({"code": "partner_provinces", "n": int(n_prov[i]), "provinces": provs(i)})
        if not np.isnan(c[i]) and cg.deg[i] >= 2:
            out.append({"code": "constraint", "value": round(float(c[i]), 4)})
        return out

    by_b = sorted(idx[b[idx] > 0].tolist(), key=lambda i: (-b[i], cg.nodes[i]))[:top]
    cand = idx[(cg.deg[idx] >= 2) & ~np.isnan(c[idx])].tolist()
    by_c = sorted(cand, key=lambda i: (c[i], -b[i], cg.nodes[i]))[:top]
    by_d = sorted(idx.tolist(), key=lambda i: (-cg.deg[i], -cg.strength[i], cg.nodes[i]))[:top]
    sb, n_sb = _sector_bridges(cg, min_sectors=min_sectors, top=top, exclude=umbrella)
    rb, n_rb = _region_bridges(cg, min_provinces=min_provinces, top=top, exclude=umbrella)
    rows = {i: row(i) for i in set(by_b) | set(by_c) | set(by_d)}
    for i, r in rows.items():
        r["why"] = why(i)
        r["why_nl"] = _why_nl(r["why"])
    for lst in (sb, rb):
        for e in lst:
            i = cg.index[e["id"]]
            e.update({k_: v for k_, v in row(i).items() if k_ not in e})
            e["why"] = why(i)
    return {
        "betweenness": {**binfo, "top": [rows[i] for i in by_b]},
        "listed": "alleen organisaties die verbinden: tussenpositie > 0, of partners in minstens "
                  "2 sectoren of 2 provincies; koepels en landelijke programma's niet",
        "n_bridging": int(len(idx)),
        "constraint": {"method": "Burt's constraint on weighted ties (igraph)",
                       "top": [rows[i] for i in by_c]},
        "degree": {"top": [rows[i] for i in by_d]},
        "sector_bridges": {"min_other_sectors": min_sectors, "n": n_sb, "top": sb},
        "region_bridges": {"min_provinces": min_provinces, "n": n_rb, "top": rb},
    }
