"""The best-scoring candidate pairs of a large graph without listing all candidates.

:func:`graph.link_scoring.candidates` materialises every (pair, shared partner)
incidence — ``Σ_w k_w²/2`` entries, hundreds of millions at 100,000
organisations — which is what evaluation needs (every scorer for every pair).
:func:`top_pairs` only needs the best ``M`` pairs of the shipped scorer
(resource allocation plus the regional floor, see :data:`graph.link_scoring.COMBINED`):
it computes ``A · D⁻¹ · A`` (resource allocation of every 2-hop pair, with scipy's
sparse product) in blocks of rows, keeps the pairs above the running ``M``-th best
score and counts all of them, so the memory stays bounded and the percentile
(``score_100``) is still exact.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from graph._compact import CompactGraph
from graph.link_scoring import _MAXD, COMBINED, _combine, _complements, _Features

__all__ = ["BLOCK_WORK", "applicable", "top_pairs"]

#: Roughly this many (row, column) products per block of rows.
BLOCK_WORK = 4_000_000


def applicable(scorer: str) -> bool:
    """:func:`top_pairs` computes ``resource_allocation`` and ``combined`` (when the
    sector and region bonuses are 0, as shipped)."""
    return scorer == "resource_allocation" or (
        scorer == "combined" and COMBINED["sector_bonus"] == 0 and COMBINED["region_bonus"] == 0)


def top_pairs(cg: CompactGraph, feats: _Features, M: int, *, scorer: str = "combined",
              max_hub_degree: int = 1000, anchors: int = 3) -> dict:
    """The ``M`` best candidate pairs (2-hop and regional complements) by ``scorer``.

    Returns
    -------
    dict
        ``a``, ``b`` (``a < b``), ``score`` of the kept pairs — every pair whose score
        is at least the ``M``-th best, ties included — ``n_candidates`` (all
        candidates) and ``scores_kept`` (sorted ascending) for the percentiles.
    """
    n = cg.n
    cap = min(int(max_hub_degree), _MAXD)
    deg = cg.deg
    inv = np.where((deg >= 2) & (deg <= cap), 1.0 / np.maximum(deg, 1), 0.0)
    A = sp.csr_matrix((np.ones(len(cg.indices)), cg.indices, cg.indptr), shape=(n, n))
    AD = sp.csr_matrix((inv[cg.indices], cg.indices, cg.indptr), shape=(n, n))
    ekeys = np.sort(cg.src * n + cg.dst)
    comp_keys = _complements(cg, feats, anchors) if anchors > 0 else np.zeros(0, np.int64)
    comp_seen = np.zeros(len(comp_keys), dtype=bool)
    # rows per block by work: Σ over the row's partners of their (capped) degree
    work = A @ np.where(inv > 0, deg, 0).astype(float)
    bounds = [0]
    acc = 0.0
    for i, w in enumerate(work.tolist()):
        acc += w
        if acc >= BLOCK_WORK:
            bounds.append(i + 1)
            acc = 0.0
    if bounds[-1] != n:
        bounds.append(n)
    keep_k, keep_s = [np.zeros(0, np.int64)], [np.zeros(0)]
    tau = -np.inf
    n_two = 0
    for r0, r1 in zip(bounds[:-1], bounds[1:]):
        X = (AD[r0:r1] @ A).tocoo()         # (r1-r0) x n: Σ_w 1/k_w over shared partners
        rows = X.row.astype(np.int64) + r0
        cols = X.col.astype(np.int64)
        up = cols > rows
        rows, cols, ra = rows[up], cols[up], X.data[up]
        keys = rows * n + cols
        if len(ekeys):
            pos = np.minimum(np.searchsorted(ekeys, keys), len(ekeys) - 1)
            new = ekeys[pos] != keys
            keys, rows, cols, ra = keys[new], rows[new], cols[new], ra[new]
        keep = ra > 0
        keys, rows, cols, ra = keys[keep], rows[keep], cols[keep], ra[keep]
        n_two += len(keys)
        if len(comp_keys):
            order = np.argsort(keys)
            sk = keys[order]
            if len(sk):
                pos = np.minimum(np.searchsorted(sk, comp_keys), len(sk) - 1)
                comp_seen |= sk[pos] == comp_keys
        if scorer == "combined":
            s = _combine(ra, feats.complementary(rows, cols), feats.proximity(rows, cols))
        else:
            s = ra
        sel = s >= tau
        keep_k.append(keys[sel])
        keep_s.append(s[sel])
        total = sum(len(x) for x in keep_s)
        if total > 4 * M:
            kk, ss = np.concatenate(keep_k), np.concatenate(keep_s)
            tau = np.partition(ss, len(ss) - M)[len(ss) - M]
            sel = ss >= tau
            keep_k, keep_s = [kk[sel]], [ss[sel]]
    pure = comp_keys[~comp_seen]
    if len(pure):
        pa, pb = pure // n, pure % n
        zero = np.zeros(len(pure))
        s = (_combine(zero, feats.complementary(pa, pb), feats.proximity(pa, pb))
             if scorer == "combined" else zero)
        keep_k.append(pure)
        keep_s.append(s)
    kk, ss = np.concatenate(keep_k), np.concatenate(keep_s)
    if len(ss) > M:
        tau = max(tau, np.partition(ss, len(ss) - M)[len(ss) - M])
    sel = ss >= tau
    kk, ss = kk[sel], ss[sel]
    return {"a": kk // n, "b": kk % n, "score": ss, "n_candidates": int(n_two + len(pure)),
            "scores_kept": np.sort(ss)}
