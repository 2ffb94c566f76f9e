"""The whole analysis in one call: :func:`analyze` returns plain JSON-ready data.

Steps (each timed in ``meta.timings``):

1. ``collaboration`` — the organisation–organisation graph
   (:func:`graph.collaboration.collaboration_graph`; included in the timings);
2. ``compact`` — arrays and one igraph copy shared by the steps below;
3. ``clusters`` — :func:`graph.clusters.cluster_report`;
4. ``brokers`` — :func:`graph.brokers.broker_report`;
5. ``gaps`` — :func:`graph.gaps.regional_gaps`;
6. ``suggestions`` — :func:`graph.links.suggest_links` and
   :func:`graph.links.suggest_initiatives`, without the judged pairs
   (:func:`graph.links.judged_pairs`, reported separately).

``json.dumps(analyze(G))`` works: no numpy types, tuples, sets or NaN.
"""

from __future__ import annotations

import math
import time
from collections import Counter

import networkx as nx
import numpy as np

from graph._compact import CompactGraph
from graph.brokers import broker_report
from graph.clusters import cluster_report
from graph.collaboration import _collaboration_graph
from graph.errors import ZorgnetError
from graph.exceptions import EmptyGraphError, InvalidGraphError
from graph.gaps import regional_gaps
from graph.links import (COMBINED, RECOMMENDED, SCORE_100_MEANING, _judged_rows,
                         suggest_initiatives, suggest_links)

__all__ = ["SCHEMA_VERSION", "jsonable", "analyze", "analyze_parts"]

SCHEMA_VERSION = 1


def _collab(G, *, start, end, kinds, sectors, max_group_size):
    """The collaboration graph and its edge arrays (so they are not rebuilt)."""
    return _collaboration_graph(G, start, end, kinds, sectors, None, max_group_size, True)


def jsonable(x):
    """Plain Python for ``json.dumps``: numpy scalars/arrays, tuples, sets; NaN -> None.

    >>> import numpy as np
    >>> jsonable({"a": np.float64(1.5), "b": (1, np.int64(2)), "c": float("nan")})
    {'a': 1.5, 'b': [1, 2], 'c': None}
    """
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if isinstance(x, (set, frozenset)):
        return sorted((jsonable(v) for v in x), key=str)
    if isinstance(x, np.ndarray):
        return jsonable(x.tolist())
    if isinstance(x, (np.bool_,)):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        return None if math.isnan(x) or math.isinf(x) else x
    return x


def analyze(
    G: nx.Graph,
    *,
    seed: int = 0,
    top: int = 20,
    start=None,
    end=None,
    kinds=None,
    sectors=None,
    method: str = "auto",
    k: int | None = None,
    max_group_size: int = 100,
    max_gaps: int = 200,
    include_membership: bool = False,
    include_regions: bool = True,
) -> dict:
    """Run every analysis on the projection and return plain, JSON-serialisable data.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (:func:`graph.projection.to_networkx`) or a synthetic graph.
    seed : int
        Seed for community detection and betweenness pivots; same seed, same result.
    top : int
        Length of the ranked lists (brokers, suggestions).
    start, end, kinds, sectors, max_group_size
        Passed to :func:`graph.collaboration.collaboration_graph`.
    method : str
        Community detection method (:func:`graph.clusters.detect_clusters`).
    k : int, optional
        Betweenness pivots (default: exact up to 2,000 connected organisations, else
        KADABRA top-100 sampling, :mod:`graph.brokers`).
    max_gaps : int
        At most this many gaps are listed (counts per type are always complete).
    include_membership : bool
        Add ``clusters.membership`` (organisation -> cluster).
    include_regions : bool
        Add ``gaps.regions`` (the profile of every region).

    Returns
    -------
    dict
        ``meta`` (seed, parameters, methods, sample sizes, timings, sizes),
        ``collaboration``, ``clusters``, ``brokers``, ``gaps``, ``suggestions``
        (``organisations``, ``initiatives``) and ``judged``.

    Raises
    ------
    InvalidGraphError
        If ``G`` is not a networkx graph.
    EmptyGraphError
        If ``G`` has no organisations.

    Examples
    --------
    >>> import json
    >>> from graph.synthetic import synthetic_graph
    >>> res = analyze(synthetic_graph(300, seed=1), seed=0, top=5)
    >>> sorted(res)
    ['brokers', 'clusters', 'collaboration', 'gaps', 'judged', 'meta', 'suggestions']
    >>> len(json.dumps(res)) > 1000
    True
    """
    if not isinstance(G, nx.Graph):
        raise InvalidGraphError.of("err.not_a_graph", got=type(G).__name__)
    # no process-wide switches (garbage collector, random generators): the app runs
    # analyses of several sessions in threads of one process
    return _analyze(G, seed=seed, top=top, start=start, end=end, kinds=kinds,
                    sectors=sectors, method=method, k=k, max_group_size=max_group_size,
                    max_gaps=max_gaps, include_membership=include_membership,
                    include_regions=include_regions)


def _analyze(G, *, seed, top, start, end, kinds, sectors, method, k, max_group_size, max_gaps,
             include_membership, include_regions):
    timings: dict[str, float] = {}
    t_all = time.perf_counter()

    cpu: dict[str, float] = {}

    def step(name, fn):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        timings[name] = round(time.perf_counter() - t, 4)
        cpu[name] = round(time.process_time() - c, 4)
        return out

    C, arrays = step("collaboration", lambda: _collab(
        G, start=start, end=end, kinds=kinds, sectors=sectors, max_group_size=max_group_size))
    cg = step("compact", lambda: CompactGraph(C, _arrays=arrays))
    has_edges = cg.m > 0
    if has_edges:
        step("igraph", lambda: cg.igraph)
        clusters = step("clusters", lambda: cluster_report(C, method=method, seed=seed, _cg=cg,
                                                           top=5))
        brokers = step("brokers", lambda: broker_report(C, k=k, seed=seed, top=top, _cg=cg))
    else:
        clusters = {"method": None, "n_clusters": 0, "clusters": [], "modularity": None,
                    "membership": {}, "note": "geen samenwerkingsbanden"}
        brokers = {"note": "geen samenwerkingsbanden"}
    gaps = step("gaps", lambda: regional_gaps(C, _cg=cg))
    judged = step("judged", lambda: _judged_rows(G, arrays["judged_edges"]))
    org_sugg = step("suggestions", lambda: suggest_links(C, top=top, judged=judged, _cg=cg))
    ini_sugg = step("initiative_suggestions",
                    lambda: suggest_initiatives(C, top=top, judged=judged, _cg=cg))
    if not include_membership:
        clusters.pop("membership", None)
    n_gaps = Counter(g["type"] for g in gaps["gaps"])
    gap_out = {"baseline": gaps["baseline"], "n_gaps": dict(n_gaps),
               "gaps": gaps["gaps"][:max_gaps], "matrix": gaps["matrix"],
               "no_data": gaps["no_data"]}
    if include_regions:
        gap_out["regions"] = gaps["regions"]
    labels = Counter(d.get("label") for d in G._node.values())
    rels = arrays["relations"]
    n_active = sum(1 for d in C._node.values() if d.get("active"))
    foci = C.graph["foci"]
    ties_by_type = arrays["ties_by_type"]
    collab = {
        "n_organisations": C.number_of_nodes(),
        "n_ties": C.number_of_edges(),
        "n_active": n_active,
        "n_isolated": int((cg.deg == 0).sum()),
        "total_weight": round(float(cg.w.sum()), 4),
        "weights": C.graph["weights"],
        "weighting": "per gedeelde focus met n organisaties: W[type] / (n - 1) per paar "
                     "(Newman); directe relaties W[direct] per paar",
        "period": C.graph["period"],
        "kinds": C.graph["kinds"],
        "sectors": C.graph["sectors"],
        "max_group_size": max_group_size,
        "skipped_foci": [{"id": f, "name": foci[f]["name"], "size": foci[f]["size"]}
                         for f in C.graph["skipped_foci"]],
        "foci": dict(Counter(f["type"] for f in foci.values())),
        "ties_by_type": dict(ties_by_type),
        "sectors_count": dict(Counter(s for _, s in C.nodes(data="sector"))),
    }
    result = {
        "meta": {
            "schema_version": SCHEMA_VERSION,
            "seed": seed,
            "params": {"top": top, "start": start and str(start), "end": end and str(end),
                       "kinds": list(kinds) if kinds else None,
                       "sectors": list(sectors) if sectors else None, "method": method,
                       "k": k, "max_group_size": max_group_size},
            "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                      "labels": dict(labels), "relations": dict(rels)},
            "methods": {
                "collaboration": "Newman-gewogen projectie organisatie-organisatie",
                "clusters": clusters.get("method"),
                "betweenness": brokers.get("betweenness", {}).get("method"),
                "betweenness_k": brokers.get("betweenness", {}).get("k"),
                "betweenness_exact": brokers.get("betweenness", {}).get("exact"),
                "constraint": "Burt (igraph)",
                "gaps": "driehoek; binnen: t × n; tussen: zwaartekracht r × n_a × n_b; "
                        "ratio < 0,25 en Poisson p < 0,05",
                "links": f"2-hop + regionale aanvullingen; scorer {RECOMMENDED}",
                "links_weights": COMBINED,
            },
            "timings": timings,
            "cpu_timings": cpu,
            "timings_note": "seconds per step; 'collaboration' (the org-org projection of G) "
                            "is included, reading the store into G is not",
        },
        "collaboration": collab,
        "clusters": clusters,
        "brokers": brokers,
        "gaps": gap_out,
        "suggestions": {"scorer": RECOMMENDED, "score_100": SCORE_100_MEANING,
                        "organisations": org_sugg,
                        "initiatives": ini_sugg},
        "judged": judged,
    }
    timings["total"] = round(time.perf_counter() - t_all, 4)
    out = jsonable(result)
    out["meta"]["timings"]["total_with_json"] = round(time.perf_counter() - t_all, 4)
    return out


def _failure(exc: BaseException):
    """What ``errors[part]`` holds: a :class:`~graph.errors.ZorgnetError` itself (the
    front end shows it in its language), any other exception as ``"<Type>: <text>"``."""
    return exc if isinstance(exc, ZorgnetError) else f"{type(exc).__name__}: {exc}"


def _safe(fn, errors: dict, key: str):
    """``fn()``, or None with ``errors[key]`` = :func:`_failure` of its exception."""
    try:
        return fn()
    except Exception as exc:  # reported per part, never a traceback
        errors[key] = _failure(exc)
    return None


def analyze_parts(G, C=None, *, seed: int = 0, top: int = 300) -> dict:
    """Clusters, brokers, regional gaps and link suggestions of ``G`` for the pages,
    a failing part reported instead of raised.

    One call of :func:`analyze` (which shares one collaboration graph and one compact
    copy between the steps). Should it fail (an empty store, or a bug), the failure
    is in ``errors["analysis"]`` and each part is computed on its own from the
    collaboration graph ``C`` (a graph, or a callable returning one, called only
    then; without ``C`` nothing more is computed); a part that still fails is
    reported in ``errors[part]``.

    Returns ``clusters`` (with ``membership``), ``brokers``, ``gaps``, ``links``
    (organisation pairs), ``initiatives`` (organisation -> initiative),
    ``collaboration`` (summary), ``timings`` and ``errors``.

    >>> res = analyze_parts(nx.MultiDiGraph())
    >>> sorted(res["errors"]), res["clusters"]
    (['analysis'], None)
    """
    errors: dict[str, str] = {}
    out: dict = {"errors": errors, "timings": {}, "clusters": None, "brokers": None,
                 "gaps": None, "links": None, "initiatives": None, "collaboration": None}
    try:
        res = analyze(G, seed=seed, top=top, include_membership=True, include_regions=False)
    except Exception as exc:  # EmptyGraphError on an empty store, or a bug: fall back
        errors["analysis"] = _failure(exc)
        res = None
    if res is not None:
        sugg = res.get("suggestions") or {}
        clusters = res.get("clusters") or {}
        out.update(clusters=clusters if clusters.get("method") else None,
                   brokers=res.get("brokers") if "betweenness" in (res.get("brokers") or {})
                   else None,
                   gaps=res.get("gaps"), links=sugg.get("organisations"),
                   initiatives=sugg.get("initiatives"),
                   collaboration=res.get("collaboration"),
                   timings=(res.get("meta") or {}).get("timings") or {})
        if out["clusters"] is None:
            errors["clusters"] = errors["brokers"] = EmptyGraphError.of("err.no_edges")
        return out
    if callable(C):
        C = C()
    if C is None:
        return out
    return _parts(G, C, out, seed=seed, top=top)


def _parts(G, C, out: dict, *, seed: int, top: int) -> dict:
    """Each part of the analysis on its own (the fall-back of :func:`analyze_parts`)."""
    errors, timings = out["errors"], out["timings"]
    if C.number_of_nodes() == 0:
        return out

    def timed(key, fn):
        t0 = time.perf_counter()
        out[key] = _safe(fn, errors, key)
        timings[key] = round(time.perf_counter() - t0, 3)

    if C.number_of_edges() == 0:
        errors["clusters"] = errors["brokers"] = EmptyGraphError.of("err.no_edges")
    else:
        timed("clusters", lambda: cluster_report(C, seed=seed))
        timed("brokers", lambda: broker_report(C, seed=seed, top=top))
    timed("gaps", lambda: regional_gaps(C))
    timed("links", lambda: suggest_links(C, top=top, judged=G))
    timed("initiatives", lambda: suggest_initiatives(C, top=top, judged=G))
    return out
