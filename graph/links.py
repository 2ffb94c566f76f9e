"""Missing links: introductions that would plausibly close a gap, each with its reason.

:func:`suggest_links` ranks pairs of organisations that do not collaborate yet;
:func:`suggest_initiatives` ranks organisation–initiative pairs (an organisation
whose partners already take part in an initiative it is not in). Both skip every
pair the aanjager team already judged (``JUDGED`` edges; :func:`judged_pairs`
returns those separately).

Candidates (never all pairs)
----------------------------
* **2-hop**: organisations with at least one partner in common, enumerated per
  shared partner ``w`` (partners with more than ``max_hub_degree`` ties are not
  used as intermediaries);
* **regional complements**: every active organisation paired with the
  ``anchors`` best-connected active organisations of each *other* key sector
  (zorg, onderwijs, overheid, werkgevers) in its own municipality.

Scores
------
With ``N(x)`` the partners of ``x`` and ``k_w = |N(w)|``:

* ``common_neighbours`` = ``|N(u) ∩ N(v)|``
* ``jaccard`` = ``|N(u) ∩ N(v)| / |N(u) ∪ N(v)|``
* ``adamic_adar`` = ``Σ_w 1 / log k_w``
* ``resource_allocation`` = ``Σ_w 1 / k_w``
* ``preferential_attachment`` = ``k_u · k_v``
* ``combined`` (recommended, the default) =
  ``resource_allocation · (1 + 0.5·S + 0.5·R) + 0.001 · R · (1 + 0.5·S)``, with
  complementarity ``S`` = 1 when the two are in different key sectors, and
  proximity ``R`` = 1 in the same municipality, 0.6 in the same province, 0.3 in
  bordering provinces, else 0. Shared partners dominate; sector and region
  reorder pairs with comparable evidence, and rank pairs without any shared
  partner (regional complements) by proximity only, below those with one.

Every suggestion carries structured fields (``shared_partners`` with names and
the initiatives through which each is a partner, ``same_sector``,
``proximity`` …) and one Dutch sentence, ``reason``.
"""

from __future__ import annotations


import networkx as nx
import numpy as np

from graph._compact import CompactGraph
from graph.exceptions import EmptyGraphError, InvalidParameterError, NotAnOrganisation
from graph.regions import PROVINCES, iter_edges, provinces_adjacent

SCORERS: tuple[str, ...] = ("common_neighbours", "jaccard", "adamic_adar",
                            "resource_allocation", "preferential_attachment", "combined")
RECOMMENDED = "combined"
KEY_SECTORS: tuple[str, ...] = ("zorg", "onderwijs", "overheid", "werkgevers")
#: Weights of the combined score (see the module docstring).
COMBINED = {"sector_bonus": 0.5, "region_bonus": 0.5, "floor": 0.001,
            "same_municipality": 1.0, "same_province": 0.6, "adjacent_province": 0.3}
_SHIFT = 11          # candidate entries pack (pair key << 11 | intermediary degree)
_MAXD = (1 << _SHIFT) - 1


# ----------------------------------------------------------------------------- judged


def judged_pairs(G: nx.Graph) -> list[dict]:
    """The aanjager team's verdicts: every ``JUDGED`` edge of the projection.

    Returns
    -------
    list of dict
        ``source``, ``target`` (ids), ``source_name``, ``target_name``,
        ``target_label`` (Organisation/Initiative), ``verdict``, ``note``, ``by``,
        ``at``, ``doc``; sorted by source, target, date.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Organisation", name="A", kind="school")
    >>> G.add_node("b", label="Organisation", name="B", kind="government")
    >>> _ = G.add_edge("a", "b", key="JUDGED|app", rel="JUDGED", verdict="niet_relevant")
    >>> [(j["source"], j["target"], j["verdict"]) for j in judged_pairs(G)]
    [('a', 'b', 'niet_relevant')]
    """
    if not isinstance(G, nx.Graph):
        raise EmptyGraphError("judged_pairs needs the projection graph")
    return _judged_rows(G, ((u, v, d) for u, v, d in iter_edges(G) if d.get("rel") == "JUDGED"))


def _judged_rows(G: nx.Graph, edges) -> list[dict]:
    out = []
    nd = G._node
    for u, v, d in edges:
        out.append({"source": u, "target": v,
                    "source_name": nd[u].get("name", u), "target_name": nd[v].get("name", v),
                    "target_label": nd[v].get("label"), "verdict": d.get("verdict"),
                    "note": d.get("note"), "by": d.get("by"), "at": d.get("at"),
                    "doc": d.get("doc")})
    out.sort(key=lambda j: (str(j["source"]), str(j["target"]), str(j["at"] or "")))
    return out


def _judged_set(judged) -> set:
    if judged is None:
        return set()
    if isinstance(judged, nx.Graph):
        judged = judged_pairs(judged)
    out = set()
    for j in judged:
        a, b = (j["source"], j["target"]) if isinstance(j, dict) else tuple(j)
        out.add(frozenset((a, b)))
    return out


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
        self.active = np.array([bool(x) for x in cg.attr("active", True)])

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
    cg = _cg if _cg is not None else CompactGraph(C)
    feats = _Features(cg)
    bad = set(scorers) - set(SCORERS)
    if bad:
        raise InvalidParameterError(f"unknown scorer(s) {sorted(bad)}; use {SCORERS}")
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
    cg = _cg if _cg is not None else CompactGraph(C)
    feats = _Features(cg)
    pairs = list(pairs)
    for u, v in pairs:
        if u not in cg.index or v not in cg.index:
            raise NotAnOrganisation(f"{u if u not in cg.index else v!r} is not in the graph")
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


# ----------------------------------------------------------------------------- explanations


def _nl_list(xs) -> str:
    xs = list(xs)
    if not xs:
        return ""
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " en " + xs[-1]


def _focus_names(C, ids, limit=2):
    foci = C.graph.get("foci") or {}
    return [foci.get(f, {}).get("name", f) for f in ids[:limit]]


def _explain_pair(cg: CompactGraph, feats: _Features, i: int, j: int, scores: dict,
                  score_key: str) -> dict:
    C = cg.C
    u, v = cg.nodes[i], cg.nodes[j]
    du, dv = C.nodes[u], C.nodes[v]
    common = np.intersect1d(cg.neighbours(i), cg.neighbours(j), assume_unique=True)
    adj = C._adj
    shared = []
    for w in common.tolist():
        x = cg.nodes[w]
        eu, ev = adj[u][x], adj[v][x]
        shared.append({
            "id": x, "name": C.nodes[x].get("name", x), "sector": C.nodes[x].get("sector"),
            "via_a": _focus_names(C, eu.get("initiatives", []) + eu.get("events", [])),
            "via_b": _focus_names(C, ev.get("initiatives", []) + ev.get("events", [])),
            "strength": round(float(eu.get("weight", 1.0) + ev.get("weight", 1.0)), 4),
            "_deg": int(cg.deg[w]),
        })
    shared.sort(key=lambda s: (-s["strength"], s["_deg"], str(s["id"])))
    for s in shared:
        del s["_deg"]
    # large initiatives both are in (not expanded into ties): context, not evidence
    foci = C.graph.get("foci") or {}
    common_large = []
    skipped = C.graph.get("skipped_foci") or []
    for f in skipped:
        mem = foci.get(f, {}).get("members", [])
        if u in mem and v in mem:
            common_large.append(foci[f]["name"])
    a_ = np.array([i])
    b_ = np.array([j])
    prox = float(feats.proximity(a_, b_)[0])
    comp = bool(feats.complementary(a_, b_)[0])
    su, sv = du.get("sector"), dv.get("sector")
    pu, pv = du.get("province"), dv.get("province")
    mu, mv = du.get("municipality"), dv.get("municipality")
    if mu and mu == mv and pu == pv:
        proximity, where = "zelfde gemeente", f"zitten in dezelfde gemeente ({mu})"
    elif pu and pu == pv:
        proximity, where = "zelfde provincie", f"zitten in dezelfde provincie ({pu})"
    elif provinces_adjacent(pu, pv):
        proximity, where = "buurprovincie", f"zitten in buurprovincies ({pu} en {pv})"
    else:
        proximity, where = "verder weg", (f"zitten in {pu} en {pv}" if pu and pv else "")
    nu, nv = du.get("name", u), dv.get("name", v)
    head = f"{nu} ({su}{', ' + mu if mu else ''}) en {nv} ({sv}{', ' + mv if mv else ''}) werken nog niet samen"
    if shared:
        parts = []
        for s in shared[:3]:
            via = _nl_list(dict.fromkeys(s["via_a"] + s["via_b"]))
            parts.append(f"{s['name']}" + (f" (via {via})" if via else ""))
        n = len(shared)
        listed = (_nl_list(parts) if n <= 3
                  else ", ".join(parts) + f" en nog {n - 3} andere")
        body = f", maar hebben {n} gedeelde partner{'s' if n != 1 else ''}: {listed}"
    else:
        body = " en hebben nog geen gedeelde partners"
    if comp:
        tail = f"; ze vullen elkaar aan ({su} en {sv})"
    elif su == sv:
        tail = f"; beide komen uit de sector {su}"
    else:
        tail = "; ze komen uit verschillende sectoren"
    if where:
        tail += f" en {where}"
    if common_large:
        tail += f", en beide doen mee aan {_nl_list(common_large[:2])}"
    tail += "."
    return {
        "a": u, "b": v, "a_name": nu, "b_name": nv,
        "a_sector": su, "b_sector": sv, "a_kind": du.get("kind"), "b_kind": dv.get("kind"),
        "a_province": pu, "b_province": pv, "a_municipality": mu, "b_municipality": mv,
        "score": round(float(scores[score_key]), 6),
        "scores": {k_: round(float(x), 6) for k_, x in scores.items()},
        "shared_partners": shared[:10],
        "n_shared_partners": len(shared),
        "common_large_initiatives": common_large,
        "complementary": comp,
        "same_sector": su == sv,
        "proximity": proximity,
        "proximity_score": prox,
        "source": "2-hop" if shared else "regional complement",
        "reason": head + body + tail,   # one Dutch sentence
    }


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
        it), ``complementary``, ``proximity``, ``source`` and a Dutch ``reason``.

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
    >>> s = suggest_links(C, top=1)[0]
    >>> (s["a"], s["b"]), [p["name"] for p in s["shared_partners"]]
    (('roc', 'zh'), ['GEM', 'GGD'])
    >>> print(s["reason"])
    ROC (onderwijs, Ede) en ZH (zorg, Ede) werken nog niet samen, maar hebben 2 gedeelde partners: GEM en GGD; ze vullen elkaar aan (onderwijs en zorg) en zitten in dezelfde gemeente (Ede).
    """
    if scorer not in SCORERS:
        raise InvalidParameterError(f"unknown scorer {scorer!r}; use one of {SCORERS}")
    cg = _cg if _cg is not None else CompactGraph(C)
    if cg.m == 0:
        return []
    feats = _Features(cg)
    judged_set = _judged_set(judged)
    if node is not None:
        if node not in cg.index:
            raise NotAnOrganisation(f"{node!r} is not an organisation of the collaboration graph")
        i = cg.index[node]
        a, b, score_arrays = _node_candidates(cg, feats, i, max_hub_degree, anchors)
        max_per_org = None
        s = score_arrays[scorer]
    else:
        cand = candidates(C, max_hub_degree=max_hub_degree, anchors=anchors, scorers=(scorer,),
                          _cg=cg)
        a, b, s = cand["a"], cand["b"], cand[scorer]
    if len(a) == 0:
        return []
    n = cg.n
    m = min(len(s), max(top * 40, 2000))
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
            break
        m = min(len(s), m * 4)
    if not chosen:
        return []
    pairs = [(cg.nodes[x], cg.nodes[y]) for x, y in chosen]
    all_scores = link_scores(C, pairs, max_hub_degree=max_hub_degree, _cg=cg)
    out = []
    for j, (x, y) in enumerate(chosen):
        if node is not None and cg.nodes[y] == node:
            x, y = y, x
        sc = {k_: all_scores[k_][j] for k_ in SCORERS}
        out.append(_explain_pair(cg, feats, x, y, sc, scorer))
    return out


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


# ----------------------------------------------------------------------------- initiatives


def suggest_initiatives(C: nx.Graph, *, top: int = 50, node=None, judged=None,
                        min_partners: int = 2, max_size: int | None = None,
                        max_per_org: int | None = 2, _cg: CompactGraph | None = None) -> list[dict]:
    """Ranked organisation–initiative pairs: initiatives an organisation's partners
    are in and it is not.

    Score: ``p² / size · (1 + 0.5·S + 0.5·R)`` with ``p`` the number of the
    organisation's partners among the initiative's ``size`` members, ``S`` = 1 when
    the organisation's sector is not yet in the initiative, and ``R`` the proximity
    of the organisation to the initiative's region (as in :func:`suggest_links`; a
    national initiative counts as the same province).

    Parameters
    ----------
    C : networkx.Graph
        A collaboration graph (its ``graph["foci"]`` lists the initiatives).
    min_partners : int
        Least number of partners already in the initiative.
    max_size : int, optional
        Skip initiatives with more members (default: the graph's ``max_group_size``).

    Returns
    -------
    list of dict
        ``org``, ``org_name``, ``initiative``, ``initiative_name``, ``score``,
        ``partners_in`` (names and ids), ``n_partners_in``, ``initiative_size``,
        ``sector_missing``, ``proximity`` and a Dutch ``reason``.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.collaboration import collaboration_graph
    >>> G = nx.MultiDiGraph()
    >>> for o, k in [("a", "care_provider"), ("b", "care_provider"), ("s", "school")]:
    ...     G.add_node(o, label="Organisation", name=o.upper(), kind=k, province="Utrecht")
    >>> G.add_node("i", label="Initiative", name="Lab", kind="initiative")
    >>> G.add_node("j", label="Initiative", name="Leerwerkplaats", kind="initiative")
    >>> for o in "ab":
    ...     _ = G.add_edge(o, "i", rel="PARTNER_IN", doc="d")
    >>> for o in "abs":
    ...     _ = G.add_edge(o, "j", rel="PARTNER_IN", doc="d")
    >>> s = suggest_initiatives(collaboration_graph(G))[0]
    >>> s["org"], s["initiative"], s["n_partners_in"], s["sector_missing"]
    ('s', 'i', 2, True)
    """
    cg = _cg if _cg is not None else CompactGraph(C)
    foci = C.graph.get("foci") or {}
    if max_size is None:
        max_size = C.graph.get("max_group_size", 100)
    judged_set = _judged_set(judged)
    feats = _Features(cg)
    ini_ids = [f for f, d in foci.items() if d.get("type") == "initiative"
               and 2 <= d.get("size", 0) <= max_size]
    if node is not None and node not in cg.index:
        raise NotAnOrganisation(f"{node!r} is not an organisation of the collaboration graph")
    ppos = {p: k for k, p in enumerate(PROVINCES)}
    n = cg.n
    index = cg.index
    fi_m, mem_m = [], []
    for fi, f in enumerate(ini_ids):
        for o in foci[f]["members"]:
            x = index.get(o)
            if x is not None:
                fi_m.append(fi)
                mem_m.append(x)
    if not mem_m:
        return []
    fi_m = np.asarray(fi_m, dtype=np.int64)
    mem_m = np.asarray(mem_m, dtype=np.int64)
    # every partner of every member, tagged with the initiative (vectorised CSR gather)
    lens = cg.deg[mem_m]
    total = int(lens.sum())
    if total == 0:
        return []
    ends = np.cumsum(lens)
    offs = np.arange(total) - np.repeat(ends - lens, lens) + np.repeat(cg.indptr[mem_m], lens)
    keys = np.repeat(fi_m, lens) * n + cg.indices[offs]
    keys.sort()
    new = np.r_[True, keys[1:] != keys[:-1]]
    starts = np.flatnonzero(new)
    uk = keys[starts]
    cnt = np.diff(np.r_[starts, len(keys)])
    mem_keys = np.sort(fi_m * n + mem_m)
    pos = np.minimum(np.searchsorted(mem_keys, uk), len(mem_keys) - 1)
    member = mem_keys[pos] == uk
    ok = (~member) & (cnt >= min_partners)
    uk, cnt = uk[ok], cnt[ok]
    fi_arr, org = uk // n, uk % n
    if node is not None:
        sel = org == cg.index[node]
        fi_arr, org, cnt = fi_arr[sel], org[sel], cnt[sel]
    if len(org) == 0:
        return []
    # sector missing in the initiative, proximity to its region (vectorised per initiative)
    F = len(ini_ids)
    ini_size = np.array([foci[f]["size"] for f in ini_ids], dtype=float)
    ini_nat = np.array([foci[f].get("scope") == "national" for f in ini_ids], dtype=bool)
    ini_prov = np.array([ppos.get(foci[f].get("province"), -1) for f in ini_ids], dtype=np.int64)
    ini_muni = np.array([feats.muni_index.get((foci[f].get("province"), foci[f].get("municipality")),
                                              -2) for f in ini_ids], dtype=np.int64)
    ini_mask = np.zeros(F, dtype=np.int64)
    for k_, f in enumerate(ini_ids):
        for o in foci[f]["members"]:
            sc = feats.sector[cg.index[o]] if o in cg.index else -1
            if sc >= 0:
                ini_mask[k_] |= 1 << int(sc)
    size = ini_size[fi_arr]
    so = feats.sector[org]
    miss = ((so >= 0) & (((ini_mask[fi_arr] >> np.maximum(so, 0)) & 1) == 0)).astype(float)
    c = COMBINED
    po, pi = feats.prov[org], ini_prov[fi_arr]
    adj = feats.adj[po, pi] & (po >= 0) & (pi >= 0)
    prox = np.where(ini_nat[fi_arr], c["same_province"],
                    np.where(ini_muni[fi_arr] == feats.muni[org], c["same_municipality"],
                             np.where((pi == po) & (pi >= 0), c["same_province"],
                                      np.where(adj, c["adjacent_province"], 0.0))))
    score = cnt.astype(float) ** 2 / size * (1 + c["sector_bonus"] * miss
                                             + c["region_bonus"] * prox)
    if judged_set:
        keep = np.array([frozenset((cg.nodes[o], ini_ids[f])) not in judged_set
                         for f, o in zip(fi_arr.tolist(), org.tolist())], dtype=bool)
        fi_arr, org, cnt, score, miss, prox = (x[keep] for x in (fi_arr, org, cnt, score, miss, prox))
    order = np.lexsort((org, fi_arr, -score))
    out = []
    used: dict[int, int] = {}
    for pos in order.tolist():
        if len(out) >= top:
            break
        o, f = int(org[pos]), int(fi_arr[pos])
        if node is None and max_per_org is not None and used.get(o, 0) >= max_per_org:
            continue
        used[o] = used.get(o, 0) + 1
        info = foci[ini_ids[f]]
        u = cg.nodes[o]
        mem = set(info["members"])
        partners = [cg.nodes[x] for x in cg.neighbours(o).tolist() if cg.nodes[x] in mem]
        partners.sort(key=lambda x: (-C._adj[u][x].get("weight", 1.0), str(x)))
        pnames = [C.nodes[x].get("name", x) for x in partners]
        du = C.nodes[u]
        where = ""
        if prox[pos] == c["same_municipality"]:
            where = f", actief in dezelfde gemeente ({info.get('municipality')})"
        elif prox[pos] == c["same_province"] and info.get("scope") != "national":
            where = f", actief in dezelfde provincie ({info.get('province')})"
        elif prox[pos] == c["adjacent_province"]:
            where = f", actief in buurprovincie {info.get('province')}"
        elif info.get("scope") == "national":
            where = ", een landelijk initiatief"
        reason = (f"{du.get('name', u)} ({du.get('sector')}) is nog geen partner in {info['name']}"
                  f"{where}, maar werkt al samen met {int(cnt[pos])} van de {info['size']} "
                  f"partners: {_nl_list(pnames) if len(pnames) <= 3 else ', '.join(pnames[:3]) + f' en nog {len(pnames) - 3} andere'}.")
        if miss[pos]:
            reason = reason[:-1] + f"; de sector {du.get('sector')} ontbreekt daar nog."
        out.append({
            "org": u, "org_name": du.get("name", u), "org_sector": du.get("sector"),
            "initiative": ini_ids[f], "initiative_name": info["name"],
            "initiative_size": info["size"], "initiative_scope": info.get("scope"),
            "initiative_province": info.get("province"),
            "score": round(float(score[pos]), 6),
            "n_partners_in": int(cnt[pos]),
            "partners_in": [{"id": x, "name": nm} for x, nm in zip(partners[:10], pnames[:10])],
            "sector_missing": bool(miss[pos]),
            "proximity_score": float(prox[pos]),
            "reason": reason,
        })
    return out
