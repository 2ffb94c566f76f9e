"""Candidate pairs and their scores for the missing-link suggestions (:mod:`graph.links`).

Candidates (never all pairs)
----------------------------
* **2-hop**: organisations with at least one partner in common, enumerated per
  shared partner ``w``. Not used as intermediaries: partners with more than
  ``max_hub_degree`` ties, and umbrella bodies (the kabinet, ministries, national
  associations and funders, :mod:`graph.umbrella`) — working with the kabinet is
  not a partner in common;
* **regional complements**: every active organisation paired with the
  ``anchors`` best-connected active organisations of each *other* key sector
  (zorg, onderwijs, overheid, werkgevers) in its own municipality.

Umbrella bodies are never one side of a candidate pair either.

Scores
------
With ``N(x)`` the (non-umbrella) partners of ``x`` and ``k_w = |N(w)|``:

* ``common_neighbours`` = ``|N(u) ∩ N(v)|``
* ``jaccard`` = ``|N(u) ∩ N(v)| / |N(u) ∪ N(v)|``
* ``adamic_adar`` = ``Σ_w 1 / log k_w``
* ``resource_allocation`` = ``Σ_w 1 / k_w``
* ``preferential_attachment`` = ``k_u · k_v``
* ``combined`` (the project's scorer) =
  ``resource_allocation · (1 + b_S·S + b_R·R) + floor · R · (1 + b_S·S)``, with
  complementarity ``S`` = 1 when the two are in different key sectors, and
  proximity ``R`` = 1 in the same municipality, 0.6 in the same province, 0.3 in
  bordering provinces, else 0; ``b_S``, ``b_R`` and ``floor`` are in
  :data:`COMBINED`. Which parts ship was decided on the real network
  (``bench/eval_links_real.py``; figures in the README): only the floor beat the
  baselines, so ``b_S = b_R = 0`` — the score is resource allocation over
  partners, and pairs without any shared partner (regional complements) are
  ranked by proximity only, below every pair with one. Sector complementarity and
  proximity are still reported with every suggestion (its reasons).
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph._compact import CompactGraph, partner_graph
from graph.exceptions import InvalidParameterError, NotAnOrganisation
from graph.regions import PROVINCES, provinces_adjacent
from graph.vocab import KEY_SECTORS

__all__ = ["SCORERS", "RECOMMENDED", "COMBINED", "candidates", "link_scores"]

SCORERS: tuple[str, ...] = ("common_neighbours", "jaccard", "adamic_adar",
                            "resource_allocation", "preferential_attachment", "combined")
RECOMMENDED = "combined"
#: Weights of the combined score (see the module docstring).
#: Measured on the real network (bench/eval_links_real.py, README): the floor (pairs
#: without a shared partner ordered by proximity) raises the AUC in both splits; the
#: sector and region bonuses did not beat resource allocation alone, so they are 0.
COMBINED = {"sector_bonus": 0.0, "region_bonus": 0.0, "floor": 0.001,
            "same_municipality": 1.0, "same_province": 0.6, "adjacent_province": 0.3}
_SHIFT = 11          # candidate entries pack (pair key << 11 | intermediary degree)
_MAXD = (1 << _SHIFT) - 1


# ----------------------------------------------------------------------------- features


class _Features:
    """Per-node codes used by the complementarity and proximity terms."""

    def __init__(self, cg: CompactGraph):
        spos = {s: i for i, s in enumerate(KEY_SECTORS)}
        self.sector = np.fromiter((spos.get(s, -1) for s in cg.attr("sector")),
                                  dtype=np.int64, count=cg.n)
        ppos = {p: i for i, p in enumerate(PROVINCES)}
        self.prov = np.fromiter((ppos.get(p, -1) for p in cg.attr("province")),
                                dtype=np.int64, count=cg.n)
        # a municipality is (province, name): "Bergen" in Noord-Holland is not in Limburg
        self.muni_index: dict = {}
        muni = np.full(cg.n, -1, dtype=np.int64)
        for i, (p, m) in enumerate(zip(cg.attr("province"), cg.attr("municipality"))):
            if m:
                muni[i] = self.muni_index.setdefault((p, m), len(self.muni_index))
        self.muni = muni
        P = len(PROVINCES)
        adj = np.zeros((P + 1, P + 1), dtype=bool)
        for i, a in enumerate(PROVINCES):
            for j, b in enumerate(PROVINCES):
                adj[i, j] = provinces_adjacent(a, b)
        self.adj = adj
        self.umbrella = np.array([bool(x) for x in cg.attr("umbrella", False)], dtype=bool)
        self.active = np.array([bool(x) for x in cg.attr("active", True)]) & ~self.umbrella

    def proximity(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        c = COMBINED
        same_m = (self.muni[a] == self.muni[b]) & (self.muni[a] >= 0)
        pa, pb = self.prov[a], self.prov[b]
        same_p = (pa == pb) & (pa >= 0)
        adj = self.adj[pa, pb] & (pa >= 0) & (pb >= 0)
        return np.where(same_m, c["same_municipality"],
                        np.where(same_p, c["same_province"],
                                 np.where(adj, c["adjacent_province"], 0.0)))

    def complementary(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        sa, sb = self.sector[a], self.sector[b]
        return ((sa != sb) & (sa >= 0) & (sb >= 0)).astype(float)


def _combine(ra, comp, prox):
    c = COMBINED
    return (ra * (1 + c["sector_bonus"] * comp + c["region_bonus"] * prox)
            + c["floor"] * prox * (1 + c["sector_bonus"] * comp))


def _all_scores(cg, feats, a, b, cn, ra, aa, scorers=SCORERS):
    out = {}
    if "common_neighbours" in scorers:
        out["common_neighbours"] = cn.astype(float)
    if "jaccard" in scorers or "preferential_attachment" in scorers:
        da, db = cg.deg[a].astype(float), cg.deg[b].astype(float)
        if "jaccard" in scorers:
            union = da + db - cn
            out["jaccard"] = np.divide(cn, union, out=np.zeros(len(cn)), where=union > 0)
        if "preferential_attachment" in scorers:
            out["preferential_attachment"] = da * db
    if "adamic_adar" in scorers:
        out["adamic_adar"] = aa
    if "resource_allocation" in scorers:
        out["resource_allocation"] = ra
    comp = feats.complementary(a, b)
    prox = feats.proximity(a, b)
    if "combined" in scorers:
        out["combined"] = _combine(ra, comp, prox)
    return out, comp, prox


_TAB_RA = np.zeros(_MAXD + 1)
_TAB_RA[2:] = 1.0 / np.arange(2, _MAXD + 1)
_TAB_AA = np.zeros(_MAXD + 1)
_TAB_AA[2:] = 1.0 / np.log(np.arange(2, _MAXD + 1))


def _two_hop(cg: CompactGraph, max_hub_degree: int, with_aa: bool = True):
    """All non-adjacent pairs with a shared partner: keys (a*n+b, a<b), cn, ra, aa."""
    n = cg.n
    cap = min(int(max_hub_degree), _MAXD)
    parts = []
    degs = np.unique(cg.deg)
    for d in degs[(degs >= 2) & (degs <= cap)].tolist():
        ws = np.flatnonzero(cg.deg == d)
        M = cg.indices[cg.indptr[ws][:, None] + np.arange(d)]
        iu, ju = np.triu_indices(d, 1)
        parts.append(((M[:, iu] * n + M[:, ju]) << _SHIFT | d).ravel())
    if not parts:
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0), np.zeros(0)
    parts.append((cg.src * n + cg.dst) << _SHIFT)     # existing edges, marker degree 0
    P = np.concatenate(parts)
    del parts
    P.sort()
    k = P >> _SHIFT
    d = P & _MAXD
    new = np.empty(len(P), dtype=bool)
    new[0] = True
    np.not_equal(k[1:], k[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    is_edge = d[starts] == 0
    cn = np.diff(np.append(starts, len(P))) - is_edge
    ra = np.add.reduceat(_TAB_RA[d], starts)
    keep = ~is_edge
    aa = np.add.reduceat(_TAB_AA[d], starts)[keep] if with_aa else np.zeros(int(keep.sum()))
    return k[starts][keep], cn[keep], ra[keep], aa


def _complements(cg: CompactGraph, feats: _Features, anchors: int) -> np.ndarray:
    """Keys of same-municipality pairs of an active organisation and the best
    connected active organisations of each other key sector."""
    act = feats.active & (feats.muni >= 0) & (feats.sector >= 0)
    idx = np.flatnonzero(act)
    if len(idx) == 0:
        return np.zeros(0, dtype=np.int64)
    n = cg.n
    S = len(KEY_SECTORS)
    grp = feats.muni[idx] * S + feats.sector[idx]
    order = np.lexsort((idx, -cg.strength[idx], grp))
    idx, grp = idx[order], grp[order]
    starts = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1]])
    rank = np.arange(len(idx)) - np.repeat(starts, np.diff(np.r_[starts, len(idx)]))
    anchor_idx = idx[rank < anchors]
    anchor_grp = grp[rank < anchors]
    # pair every active org with the anchors of its municipality in other sectors
    by_muni: dict[int, list[int]] = {}
    for a, g in zip(anchor_idx.tolist(), anchor_grp.tolist()):
        by_muni.setdefault(g // S, []).append(a)
    keys = []
    mun = feats.muni[idx]
    order2 = np.argsort(mun, kind="stable")
    idx2, mun2 = idx[order2], mun[order2]
    bounds = np.flatnonzero(np.r_[True, mun2[1:] != mun2[:-1]])
    for s, e in zip(bounds.tolist(), np.r_[bounds[1:], len(idx2)].tolist()):
        anc = np.asarray(by_muni.get(int(mun2[s]), []), dtype=np.int64)
        if len(anc) == 0:
            continue
        members = idx2[s:e]
        A = np.repeat(members, len(anc))
        B = np.tile(anc, len(members))
        ok = feats.sector[A] != feats.sector[B]
        A, B = A[ok], B[ok]
        lo, hi = np.minimum(A, B), np.maximum(A, B)
        keys.append(lo * n + hi)
    if not keys:
        return np.zeros(0, dtype=np.int64)
    keys = np.unique(np.concatenate(keys))
    ekeys = np.sort(cg.src * n + cg.dst)
    if len(ekeys):
        pos = np.minimum(np.searchsorted(ekeys, keys), len(ekeys) - 1)
        keys = keys[ekeys[pos] != keys]
    return keys


def candidates(C: nx.Graph, *, max_hub_degree: int = 1000, anchors: int = 3,
               scorers=SCORERS, _cg: CompactGraph | None = None) -> dict:
    """All candidate pairs with every score (arrays; mostly for evaluation).

    Returns
    -------
    dict
        ``nodes`` (node order), ``a``, ``b`` (int arrays, ``a < b``), one array per
        scorer in ``scorers`` (default all of :data:`SCORERS`), ``complementary``
        and ``proximity``, and
        ``source`` (``"2-hop"`` or ``"complement"`` counts).

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.path_graph(["a", "b", "c"])
    >>> nx.set_edge_attributes(C, 1.0, "weight")
    >>> cand = candidates(C)
    >>> [(cand["nodes"][i], cand["nodes"][j]) for i, j in zip(cand["a"], cand["b"])]
    [('a', 'c')]
    >>> float(cand["resource_allocation"][0])
    0.5
    """
    cg = partner_graph(_cg if _cg is not None else CompactGraph(C))
    feats = _Features(cg)
    bad = set(scorers) - set(SCORERS)
    if bad:
        raise InvalidParameterError.of("err.unknown_choice", what="scorers",
                                       bad=", ".join(sorted(bad)), allowed=", ".join(SCORERS))
    keys, cn, ra, aa = _two_hop(cg, max_hub_degree, with_aa="adamic_adar" in scorers)
    comp_keys = _complements(cg, feats, anchors) if anchors > 0 else np.zeros(0, np.int64)
    if len(comp_keys) and len(keys):
        # keys are sorted: drop complements that are 2-hop candidates already
        pos = np.minimum(np.searchsorted(keys, comp_keys), len(keys) - 1)
        comp_keys = comp_keys[keys[pos] != comp_keys]
    n_two = len(keys)
    keys = np.concatenate([keys, comp_keys])
    z = np.zeros(len(comp_keys))
    cn = np.concatenate([cn, z.astype(np.int64)])
    ra = np.concatenate([ra, z])
    aa = np.concatenate([aa, z])
    a, b = keys // cg.n, keys % cg.n
    scores, comp, prox = _all_scores(cg, feats, a, b, cn, ra, aa, scorers)
    return {"nodes": cg.nodes, "a": a, "b": b, **scores, "complementary": comp,
            "proximity": prox, "source": {"2-hop": int(n_two), "complement": int(len(comp_keys))}}


def link_scores(C: nx.Graph, pairs, *, max_hub_degree: int = 1000,
                _cg: CompactGraph | None = None) -> dict:
    """Every score of :data:`SCORERS` for given node pairs (any pairs, edges too).

    Parameters
    ----------
    C : networkx.Graph
    pairs : iterable of (u, v)

    Returns
    -------
    dict
        scorer -> numpy array aligned with ``pairs``.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph([("a", "x"), ("b", "x"), ("a", "y"), ("b", "y"), ("y", "z")])
    >>> s = link_scores(C, [("a", "b"), ("a", "z")])
    >>> s["common_neighbours"].tolist(), s["resource_allocation"].round(3).tolist()
    ([2.0, 1.0], [0.833, 0.333])
    """
    cg = partner_graph(_cg if _cg is not None else CompactGraph(C))
    feats = _Features(cg)
    pairs = list(pairs)
    for u, v in pairs:
        if u not in cg.index or v not in cg.index:
            raise NotAnOrganisation.of("err.not_an_org", node=repr(u if u not in cg.index else v))
    a = np.fromiter((cg.index[u] for u, _ in pairs), dtype=np.int64, count=len(pairs))
    b = np.fromiter((cg.index[v] for _, v in pairs), dtype=np.int64, count=len(pairs))
    nb = [None] * cg.n

    def nset(i):
        s = nb[i]
        if s is None:
            s = nb[i] = set(cg.neighbours(i).tolist())
        return s

    cap = min(int(max_hub_degree), _MAXD)
    deg = cg.deg
    cn = np.zeros(len(pairs))
    ra = np.zeros(len(pairs))
    aa = np.zeros(len(pairs))
    for j, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
        common = [w for w in nset(x) & nset(y) if deg[w] <= cap]
        if common:
            ds = deg[common]
            cn[j] = len(common)
            ra[j] = float(np.sum(1.0 / ds))
            aa[j] = float(np.sum(1.0 / np.log(ds)))
    return _all_scores(cg, feats, a, b, cn, ra, aa)[0]



def _node_candidates(cg, feats, i, max_hub_degree, anchors):
    """Candidates of one node: 2-hop partners and municipality complements."""
    n = cg.n
    nbr = cg.neighbours(i)
    cap = min(int(max_hub_degree), _MAXD)
    ws = nbr[(cg.deg[nbr] >= 2) & (cg.deg[nbr] <= cap)]
    if len(ws):
        lens = cg.deg[ws]
        starts = cg.indptr[ws]
        flat = np.concatenate([cg.indices[s:s + ln] for s, ln in zip(starts.tolist(), lens.tolist())])
        dd = np.repeat(lens, lens)
        cn = np.bincount(flat, minlength=n).astype(np.int64)
        ra = np.bincount(flat, weights=_TAB_RA[dd], minlength=n)
        aa = np.bincount(flat, weights=_TAB_AA[dd], minlength=n)
    else:
        cn = np.zeros(n, dtype=np.int64)
        ra = np.zeros(n)
        aa = np.zeros(n)
    mask = cn > 0
    if anchors > 0 and feats.muni[i] >= 0 and feats.active[i] and feats.sector[i] >= 0:
        same = np.flatnonzero((feats.muni == feats.muni[i]) & feats.active & (feats.sector >= 0)
                              & (feats.sector != feats.sector[i]))
        for s in np.unique(feats.sector[same]).tolist():
            grp = same[feats.sector[same] == s]
            best = grp[np.lexsort((grp, -cg.strength[grp]))][:anchors]
            mask[best] = True
    mask[i] = False
    mask[nbr] = False
    others = np.flatnonzero(mask)
    a = np.full(len(others), i, dtype=np.int64)
    scores, _, _ = _all_scores(cg, feats, a, others, cn[others], ra[others], aa[others])
    lo, hi = np.minimum(a, others), np.maximum(a, others)
    return lo, hi, scores

