"""Missing links: introductions that would plausibly close a gap, each with its reason.

:func:`suggest_links` ranks pairs of organisations that do not collaborate yet;
:func:`suggest_initiatives` ranks organisation–initiative pairs (an organisation
whose partners already take part in an initiative it is not in). Both skip every
pair the aanjager team already judged (``JUDGED`` edges; :func:`judged_pairs`
returns those separately), and never involve umbrella bodies or national
programmes (:mod:`graph.umbrella`).

The parts live in their own modules: candidate generation and scores in
:mod:`graph.link_scoring` (scorers, weights and how candidates are bounded),
explanations in :mod:`graph.link_explain`, organisation–initiative suggestions
in :mod:`graph.link_initiatives`.

Every suggestion carries structured fields (``shared_partners`` with names and
the initiatives through which each is a partner, ``same_sector``,
``proximity`` …), ``reasons`` — structured reason codes with their numbers, which
the app renders in Dutch or English — one Dutch sentence ``reason``, the raw
``score`` with all ``scores`` (the detail view) and ``score_100``: the one
score shown to users, 0–100 (see :data:`SCORE_100_MEANING`).
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph._compact import CompactGraph
from graph.exceptions import InvalidParameterError, NotAnOrganisation
from graph.link_explain import SCORE_100_MEANING, _explain_pair, score_100
from graph.link_initiatives import suggest_initiatives
from graph.link_scoring import (COMBINED, RECOMMENDED, SCORERS, _Features,
                                _node_candidates, candidates, link_scores,
                                partner_graph)
from graph.link_top import applicable, top_pairs
from graph.verdicts import _judged_rows, _judged_set, judged_pairs  # noqa: F401
from graph.vocab import KEY_SECTORS

#: Above this many ties the overall list comes from :func:`graph.link_top.top_pairs`.
LARGE = 50_000

__all__ = ["COMBINED", "KEY_SECTORS", "RECOMMENDED", "SCORERS", "SCORE_100_MEANING",
           "candidates", "judged_pairs", "link_scores", "suggest_initiatives", "suggest_links"]


def suggest_links(C: nx.Graph, *, top: int = 50, node=None, judged=None,
                  scorer: str = RECOMMENDED, max_per_org: int | None = 3,
                  max_hub_degree: int = 1000, anchors: int = 3,
                  _cg: CompactGraph | None = None) -> list[dict]:
    """Ranked organisation pairs that do not collaborate but plausibly should.

    Parameters
    ----------
    C : networkx.Graph
        A collaboration graph (:func:`graph.collaboration.collaboration_graph`).
    top : int
        Number of suggestions.
    node : str, optional
        Only suggestions for this organisation.
    judged : networkx graph or iterable, optional
        The projection (its ``JUDGED`` edges are used), :func:`judged_pairs`
        output, or ``(u, v)`` pairs: those pairs are never suggested.
    scorer : str
        One of :data:`SCORERS`; default ``"combined"``.
    max_per_org : int, optional
        At most this many suggestions per organisation in the overall list (so a
        single hub does not fill it); ignored with ``node``.
    max_hub_degree, anchors : int
        Candidate generation bounds (see the module docstring).

    Returns
    -------
    list of dict
        ``a``, ``b``, names, sectors, provinces, municipalities, ``score``,
        ``scores`` (all scorers), ``shared_partners`` (``id``, ``name``,
        ``via_a``/``via_b``: initiatives/events through which each side works with
        it), ``complementary``, ``proximity``, ``source``, ``score_100`` (0–100,
        :data:`SCORE_100_MEANING`), ``reasons`` (codes with numbers,
        :data:`graph.link_explain.PAIR_REASON_CODES`) and a Dutch ``reason``.

    Raises
    ------
    NotAnOrganisation
        If ``node`` is not in ``C``.
    InvalidParameterError
        For an unknown ``scorer``.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph()
    >>> for n, s in [("zh", "zorg"), ("roc", "onderwijs"), ("gem", "overheid"), ("ggd", "overheid")]:
    ...     C.add_node(n, name=n.upper(), sector=s, province="Utrecht", municipality="Ede",
    ...                active=True)
    >>> C.add_edges_from([("zh", "gem"), ("zh", "ggd"), ("roc", "gem"), ("roc", "ggd")], weight=1.0)
    >>> s = suggest_links(C, node="zh")[0]
    >>> (s["a"], s["b"]), [p["name"] for p in s["shared_partners"]], s["score_100"]
    (('zh', 'roc'), ['GEM', 'GGD'], 50)
    >>> [r["code"] for r in s["reasons"]]
    ['shared_partners', 'complementary', 'same_municipality']
    >>> print(s["reason"])
    ZH (zorg, Ede) en ROC (onderwijs, Ede) werken nog niet samen, maar hebben 2 gedeelde partners: GEM en GGD; ze vullen elkaar aan (zorg en onderwijs) en zitten in dezelfde gemeente (Ede).
    """
    if scorer not in SCORERS:
        raise InvalidParameterError.of("err.unknown_choice", what="scorer", bad=repr(scorer),
                                       allowed=", ".join(SCORERS))
    cg = partner_graph(_cg if _cg is not None else CompactGraph(C))
    if cg.m == 0:
        return []
    feats = _Features(cg)
    judged_set = _judged_set(judged)
    if node is not None:
        if node not in cg.index:
            raise NotAnOrganisation.of("err.not_an_org", node=repr(node))
        i = cg.index[node]
        a, b, score_arrays = _node_candidates(cg, feats, i, max_hub_degree, anchors)
        max_per_org = None
        s = score_arrays[scorer]
    elif cg.m > LARGE and applicable(scorer):
        # large graphs: the best pairs straight from a blocked sparse product
        m = max(top * 40, 2000)
        while True:
            tp = top_pairs(cg, feats, m, scorer=scorer, max_hub_degree=max_hub_degree,
                           anchors=anchors)
            chosen = _choose(cg, tp["a"], tp["b"], tp["score"], len(tp["score"]), top,
                             judged_set, max_per_org)
            if len(chosen) >= top or len(tp["score"]) >= tp["n_candidates"]:
                break
            m *= 4
        kept, total = tp["scores_kept"], tp["n_candidates"]

        def pct(x):   # every candidate scoring >= x is among the kept ones
            lo = int(np.searchsorted(kept, x, side="left"))
            hi = int(np.searchsorted(kept, x, side="right"))
            below = total - (len(kept) - lo)
            return int(round(100 * (below + 0.5 * (hi - lo)) / total))

        return _explain_all(cg, feats, chosen, node, scorer, max_hub_degree, pct)
    else:
        cand = candidates(C, max_hub_degree=max_hub_degree, anchors=anchors, scorers=(scorer,),
                          _cg=cg)
        a, b, s = cand["a"], cand["b"], cand[scorer]
    if len(a) == 0:
        return []
    ranked = np.sort(s)
    chosen = _choose(cg, a, b, s, min(len(s), max(top * 40, 2000)), top, judged_set,
                     max_per_org)
    return _explain_all(cg, feats, chosen, node, scorer, max_hub_degree,
                        lambda x: score_100(ranked, x))


def _choose(cg, a, b, s, m, top, judged_set, max_per_org) -> list[tuple[int, int]]:
    """Pick ``top`` pairs in score order (then pair key), skipping judged pairs and
    organisations that already have ``max_per_org`` suggestions."""
    n = cg.n
    if len(s) == 0:
        return []
    while True:
        # the best m candidates, ordered by score then pair key (deterministic)
        part = np.argpartition(-s, m - 1)[:m] if m < len(s) else np.arange(len(s))
        order = part[np.lexsort((a[part] * n + b[part], -s[part]))]
        chosen: list[tuple[int, int]] = []
        used: dict[int, int] = {}
        for pos in order.tolist():
            if len(chosen) >= top:
                break
            x, y = int(a[pos]), int(b[pos])
            if judged_set and frozenset((cg.nodes[x], cg.nodes[y])) in judged_set:
                continue
            if max_per_org is not None and (used.get(x, 0) >= max_per_org
                                            or used.get(y, 0) >= max_per_org):
                continue
            used[x] = used.get(x, 0) + 1
            used[y] = used.get(y, 0) + 1
            chosen.append((x, y))
        if len(chosen) >= top or m >= len(s):
            return chosen
        m = min(len(s), m * 4)


def _explain_all(cg, feats, chosen, node, scorer, max_hub_degree, pct) -> list[dict]:
    if not chosen:
        return []
    pairs = [(cg.nodes[x], cg.nodes[y]) for x, y in chosen]
    all_scores = link_scores(cg.C, pairs, max_hub_degree=max_hub_degree, _cg=cg)
    out = []
    for j, (x, y) in enumerate(chosen):
        if node is not None and cg.nodes[y] == node:
            x, y = y, x
        sc = {k_: all_scores[k_][j] for k_ in SCORERS}
        row = _explain_pair(cg, feats, x, y, sc, scorer)
        row["score_100"] = pct(sc[scorer])
        out.append(row)
    return out


