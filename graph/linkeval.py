"""Evaluate the link scorers by hiding collaboration links and ranking them back.

How links are hidden (:func:`hide_links`)
-----------------------------------------
A tie of the collaboration graph exists because of *memberships*: two
organisations in the same initiative/event, affiliated with the same person,
mentioned in the same document, or directly related. Hiding a tie by deleting
only the org–org edge would leave its cause in the data (the shared initiative
still makes the pair 2 hops apart through every other member), so ties are
hidden at the level of the memberships, consistently:

1. list every membership incidence ``(focus, organisation)`` of the foci that
   are expanded into ties, plus every direct org–org relation;
2. shuffle them with the seed and remove them one by one, keeping for every tie
   the number of foci still supporting it; a tie whose support drops to zero is
   hidden (removing one membership may hide several ties, and a tie supported
   by two shared initiatives is only hidden once both memberships are gone);
3. stop as soon as ``fraction`` of the ties are hidden;
4. delete the corresponding edges (``PARTNER_IN``/``PARTICIPATED_IN``/… to the
   focus, ``AFFILIATED_WITH`` from the person, ``MENTIONED_IN`` to the document,
   the direct relation) from a copy of the projection and rebuild the
   collaboration graph from it — the training graph.

The positives are the ties of the full graph missing from the training graph;
the negatives an equal number of random pairs of organisations that have at
least one tie in the full graph but are not tied (pairs with an organisation
without any tie are left out: they would be trivially easy).

Measures: ROC AUC per scorer over positives and negatives (ties count one half),
and precision@k of the top-k of the bounded candidate list of the training graph
(:func:`graph.links.candidates`) — the fraction of those suggestions that are
hidden ties.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np

from graph._compact import CompactGraph
from graph.collaboration import collaboration_graph
from graph.exceptions import EmptyGraphError, InvalidParameterError
from graph.links import SCORERS, candidates, link_scores
from graph.vocab import DIRECT_RELS, MEMBERSHIP_RELS
from graph.link_scoring import COMBINED, _Features, partner_graph

__all__ = ["hide_links", "auc", "evaluate_links", "temporal_split", "rank_all_pairs"]


def hide_links(G: nx.Graph, *, fraction: float = 0.1, seed: int = 0,
               max_group_size: int = 100) -> dict:
    """Hide ``fraction`` of the collaboration ties by removing memberships.

    Returns
    -------
    dict
        ``full`` and ``train`` (collaboration graphs), ``G_train`` (the reduced
        projection), ``positives`` (hidden ties as ``(u, v)``, ``u < v``),
        ``removed`` (the membership incidences removed) and ``n_memberships``.

    Examples
    --------
    >>> from graph.synthetic import synthetic_graph
    >>> h = hide_links(synthetic_graph(200, seed=1), fraction=0.1, seed=0)
    >>> m = h["full"].number_of_edges()
    >>> len(h["positives"]) >= 0.1 * m, h["train"].number_of_edges() <= m - len(h["positives"])
    (True, True)
    """
    if not 0 < fraction < 1:
        raise InvalidParameterError.of("err.between", name="fraction", lo=0, hi=1)
    full = collaboration_graph(G, max_group_size=max_group_size)
    m = full.number_of_edges()
    if m == 0:
        raise EmptyGraphError.of("err.no_ties_to_hide")
    foci = full.graph["foci"]
    support: dict[tuple, int] = {}
    for u, v, d in full.edges(data=True):
        key = (u, v) if u < v else (v, u)
        support[key] = (len(d["initiatives"]) + len(d["events"]) + len(d["persons"])
                        + len(d["documents"]) + (1 if d["direct"] else 0))
    members = {f: set(info["members"]) for f, info in foci.items() if info["expanded"]}
    incidences = [(f, o) for f in sorted(members) for o in sorted(members[f])]
    incidences += [(None, key) for key, _ in sorted(
        ((k, d) for k, d in (((u, v) if u < v else (v, u), d)
                             for u, v, d in full.edges(data=True)) if d["direct"]))]
    rnd = random.Random(seed)
    rnd.shuffle(incidences)
    target = int(np.ceil(fraction * m))
    hidden: set[tuple] = set()
    removed = []
    for f, o in incidences:
        if len(hidden) >= target:
            break
        removed.append((f, o))
        if f is None:
            key = o
            support[key] -= 1
            if support[key] == 0:
                hidden.add(key)
            continue
        mem = members[f]
        mem.discard(o)
        for x in mem:
            key = (o, x) if o < x else (x, o)
            if key in support:
                support[key] -= 1
                if support[key] == 0:
                    hidden.add(key)
    # delete the memberships from a copy of the projection
    G_train = G.copy()
    drop = []
    for f, o in removed:
        if f is None:
            a, b = o
            pairs = ((a, b), (b, a))
            ok = DIRECT_RELS
        else:
            pairs = ((o, f), (f, o))
            ok = MEMBERSHIP_RELS | {"MENTIONED_IN"}
        for x, y in pairs:
            data = G_train.get_edge_data(x, y)
            if not data:
                continue
            items = data.items() if G_train.is_multigraph() else [(None, data)]
            for k, d in items:
                if d.get("rel") in ok:
                    drop.append((x, y, k) if G_train.is_multigraph() else (x, y))
    G_train.remove_edges_from(drop)
    train = collaboration_graph(G_train, max_group_size=max_group_size)
    positives = sorted(key for key in hidden if not train.has_edge(*key))
    return {"full": full, "train": train, "G_train": G_train, "positives": positives,
            "removed": removed, "n_memberships": len(incidences)}


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """ROC AUC = P(score(pos) > score(neg)) + ½ P(equal) (Mann–Whitney, tie-aware).

    >>> auc(np.array([3.0, 2.0]), np.array([1.0, 2.0]))
    0.875
    """
    pos = np.asarray(pos, dtype=float)
    neg = np.asarray(neg, dtype=float)
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    allv = np.concatenate([pos, neg])
    order = np.argsort(allv, kind="mergesort")
    sv = allv[order]
    ranks = np.empty(len(allv))
    new = np.r_[True, sv[1:] != sv[:-1]]
    starts = np.flatnonzero(new)
    ends = np.r_[starts[1:], len(sv)]
    avg = (starts + ends + 1) / 2.0        # average 1-based rank of each tie group
    ranks[order] = np.repeat(avg, ends - starts)
    rp = ranks[: len(pos)].sum()
    return float((rp - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def evaluate_links(G: nx.Graph, *, fraction: float = 0.1, seed: int = 0,
                   ks=(100, 1000), scorers=SCORERS, max_group_size: int = 100) -> dict:
    """Hide ``fraction`` of the ties, score positives and negatives, rank candidates.

    Returns
    -------
    dict
        ``n_ties``, ``n_hidden``, ``n_negatives``, ``n_memberships``,
        ``n_removed_memberships``, ``n_candidates``, ``hidden_in_candidates``
        (share of hidden ties the candidate generation reaches), ``baseline_precision``
        (hidden ties / candidates), and ``scores``: scorer -> ``{"auc": …,
        "precision@k": …}``.

    Examples
    --------
    >>> from graph.synthetic import synthetic_graph
    >>> r = evaluate_links(synthetic_graph(500, seed=1), seed=0, ks=(10,))
    >>> r["scores"]["combined"]["auc"] > 0.8
    True
    """
    h = hide_links(G, fraction=fraction, seed=seed, max_group_size=max_group_size)
    full, train = h["full"], h["train"]
    pos = h["positives"]
    if not pos:
        raise EmptyGraphError.of("err.no_ties_hidden")
    cg = CompactGraph(train)
    rng = np.random.default_rng(seed)
    tied = np.array([n for n in cg.nodes if full.degree(n) > 0], dtype=object)
    neg: set[tuple] = set()
    tries = 0
    want = len(pos)
    while len(neg) < want and tries < want * 50 and len(tied) > 1:
        tries += 1
        i, j = rng.integers(0, len(tied), 2)
        if i == j:
            continue
        u, v = tied[i], tied[j]
        key = (u, v) if u < v else (v, u)
        if not full.has_edge(u, v):
            neg.add(key)
    neg = sorted(neg)
    s_pos = link_scores(train, pos, _cg=cg)
    s_neg = link_scores(train, neg, _cg=cg)
    cand = candidates(train, scorers=scorers, _cg=cg)
    n = cg.n
    ckeys = cand["a"] * n + cand["b"]
    pos_keys = np.sort(np.array([min(cg.index[u], cg.index[v]) * n + max(cg.index[u], cg.index[v])
                                 for u, v in pos], dtype=np.int64))
    hit = np.isin(ckeys, pos_keys)
    out_scores = {}
    for sc in scorers:
        res = {"auc": round(auc(s_pos[sc], s_neg[sc]), 4)}
        s = cand[sc]
        order = np.lexsort((ckeys, -s))
        for k in ks:
            top = order[:k]
            res[f"precision@{k}"] = round(float(hit[top].mean()), 4) if len(top) else None
        out_scores[sc] = res
    return {
        "n_ties": full.number_of_edges(),
        "n_hidden": len(pos),
        "n_negatives": len(neg),
        "n_memberships": h["n_memberships"],
        "n_removed_memberships": len(h["removed"]),
        "n_candidates": int(len(ckeys)),
        "hidden_in_candidates": round(float(hit.sum() / len(pos)), 4),
        "baseline_precision": round(float(hit.sum() / max(len(ckeys), 1)), 6),
        "scores": out_scores,
    }


# ----------------------------------------------------------------------------- real data


def temporal_split(G: nx.Graph, *, latest: float = 0.2, max_group_size: int = 100) -> dict:
    """Hide the ties that first appear in the latest documents.

    Documents are ordered by their ``date``; the latest ``latest`` share of the
    dated documents form the test period (from ``cutoff`` on). Every membership,
    direct relation and mention stated by a document of the test period is
    removed (undated ones stay); the collaboration ties that are then gone are the
    ties that first appeared in the test period.

    Returns
    -------
    dict
        ``full``, ``train`` (collaboration graphs), ``cutoff`` (ISO date),
        ``n_docs_test``, ``n_docs_dated``, ``positives`` (the ties that first
        appear in the test period) and ``n_between_tied`` (how many of them join two
        organisations that already had a tie before the cutoff).
    """
    if not 0 < latest < 1:
        raise InvalidParameterError.of("err.between", name="latest", lo=0, hi=1)
    nattr = G._node
    doc_date = {n: str(d["date"])[:10] for n, d in nattr.items()
                if d.get("label") == "Document" and d.get("date")}
    if len(doc_date) < 2:
        raise EmptyGraphError.of("err.no_temporal_split")
    dates = sorted(doc_date.values())
    cutoff = dates[min(len(dates) - 1, int(np.floor((1 - latest) * len(dates))))]
    test_docs = {n for n, d in doc_date.items() if d >= cutoff}
    drop = []
    rels = MEMBERSHIP_RELS | DIRECT_RELS | {"MENTIONED_IN"}
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("rel") not in rels:
            continue
        when = doc_date.get(d.get("doc")) or (str(d["date"])[:10] if d.get("date") else None)
        if d.get("rel") == "MENTIONED_IN" and v in test_docs:
            when = doc_date[v]
        if when is not None and when >= cutoff:
            drop.append((u, v, k))
    G_train = G.copy()
    G_train.remove_edges_from(drop)
    full = collaboration_graph(G, max_group_size=max_group_size)
    train = collaboration_graph(G_train, max_group_size=max_group_size)
    positives = sorted((u, v) if u < v else (v, u) for u, v in full.edges()
                       if not train.has_edge(u, v))
    old = [p for p in positives if train.degree(p[0]) > 0 and train.degree(p[1]) > 0]
    return {"full": full, "train": train, "cutoff": cutoff, "n_docs_test": len(test_docs),
            "n_docs_dated": len(doc_date), "positives": positives,
            "n_between_tied": len(old)}


def _expected_hits(score: np.ndarray, is_pos: np.ndarray, k: int) -> float:
    """Positives among the top ``k`` by score, ties at the cut counted in expectation
    (as if tied pairs were ordered at random)."""
    if k <= 0 or len(score) == 0:
        return 0.0
    k = min(k, len(score))
    kth = np.partition(-score, k - 1)[k - 1] * -1
    above = score > kth
    tied = score == kth
    n_above = int(above.sum())
    hits = float(is_pos[above].sum())
    if tied.any():
        hits += (k - n_above) * float(is_pos[tied].sum()) / float(tied.sum())
    return hits


def rank_all_pairs(train: nx.Graph, positives, *, nodes=None, ks=(10, 50),
                   recall_at=(100,)) -> dict:
    """Score every untied pair of ``nodes`` (default: the organisations with a tie in
    ``train``; the benches pass those with a tie in the full graph) with the
    project's scorer (and its parts) and the networkx baselines; measure how well
    each ranks the ``positives``.

    Scorers: ``common_neighbours``, ``adamic_adar``, ``resource_allocation`` and
    ``preferential_attachment`` from networkx on ``train`` as is; the project's
    ``ra_partners`` (resource allocation over partners, umbrella bodies left
    out, :func:`graph.link_scoring.partner_graph`), ``ra_partners+sector``,
    ``ra_partners+region``, ``ra_partners+floor`` (pairs without a shared partner
    ordered by proximity), ``ra_partners+region+floor`` and ``combined`` (both
    bonuses and the floor, :data:`graph.link_scoring.COMBINED` as it is).

    Returns
    -------
    dict
        ``n_pairs``, ``n_positives``, ``random_precision`` and per scorer ``auc``,
        ``precision@k`` and ``recall@k`` (expected values when tied scores straddle
        the cut).
    """

    if nodes is None:
        nodes = [n for n in train if train.degree(n) > 0]
    nodes = sorted(nodes, key=str)
    pos = {tuple(sorted(p, key=str)) for p in positives}
    pairs = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:]
             if not train.has_edge(u, v)]
    if not pairs or not pos:
        raise EmptyGraphError.of("err.nothing_to_rank")
    is_pos = np.array([p in pos for p in pairs], dtype=bool)
    scores = {
        "common_neighbours": np.array([len(list(nx.common_neighbors(train, u, v)))
                                       for u, v in pairs], dtype=float),
        "adamic_adar": np.array([s for _, _, s in nx.adamic_adar_index(train, pairs)]),
        "resource_allocation": np.array([s for _, _, s in
                                         nx.resource_allocation_index(train, pairs)]),
        "preferential_attachment": np.array([s for _, _, s in
                                             nx.preferential_attachment(train, pairs)],
                                            dtype=float),
    }
    cg = partner_graph(CompactGraph(train))
    ls = link_scores(train, pairs, _cg=cg)
    feats = _Features(cg)
    a = np.array([cg.index[u] for u, _ in pairs])
    b = np.array([cg.index[v] for _, v in pairs])
    comp, prox = feats.complementary(a, b), feats.proximity(a, b)
    ra = ls["resource_allocation"]
    c = COMBINED
    scores["ra_partners"] = ra
    scores["ra_partners+sector"] = ra * (1 + 0.5 * comp)
    scores["ra_partners+region"] = ra * (1 + 0.5 * prox)
    scores["ra_partners+floor"] = ra + c["floor"] * prox
    scores["ra_partners+region+floor"] = ra * (1 + 0.5 * prox) + c["floor"] * prox
    scores["combined"] = ls["combined"]
    out = {"n_pairs": len(pairs), "n_positives": int(is_pos.sum()),
           "random_precision": round(float(is_pos.mean()), 5),
           "combined_weights": dict(c), "scores": {}}
    for name, s in scores.items():
        r = {"auc": round(auc(s[is_pos], s[~is_pos]), 4)}
        for k in ks:
            r[f"precision@{k}"] = round(_expected_hits(s, is_pos, k) / k, 4)
        for k in recall_at:
            r[f"recall@{k}"] = round(_expected_hits(s, is_pos, k) / is_pos.sum(), 4)
        out["scores"][name] = r
    return out
