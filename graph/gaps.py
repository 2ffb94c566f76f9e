"""Regional gaps: where a region lacks a partner type, or collaborates far less than
its size predicts.

Per region — every province, and every municipality, labour-market region or
other region that organisations of the collaboration graph are in (node
attribute ``regions``, see :mod:`graph.regions`) — :func:`region_profiles` counts
the organisations per sector (``zorg``, ``onderwijs``, ``overheid``,
``werkgevers``, and ``bedrijven``), all of them and the *active* ones (member of
an initiative/event or with a direct/person tie), says whether the golden
triangle zorg–onderwijs–overheid is complete (both ways), and measures the
collaboration inside the region (ties, weight, density).

:func:`regional_gaps` then flags three kinds of gap, each with structured reason
codes and their numbers (``reasons``; the app renders them in Dutch or English),
the name of its baseline (``baseline``) and a Dutch sentence (``reason``):

``driehoek``
    The active organisations of a region do not cover zorg, onderwijs and
    overheid. Judged only for regions with at least :data:`MIN_ACTIVE_TRIANGLE`
    (5) active organisations; a province without any known organisation is
    reported as "geen gegevens" (``no_data``), one with fewer active ones as too
    little data — neither is a gap. Baseline, in the reason: how many of the
    tested regions of the same level do have an active organisation of the
    missing sector ("landelijk heeft 9 van de 12 provincies er minstens één").
    Umbrella bodies (:mod:`graph.umbrella`: kabinet, ministries …) are national,
    not a region's own organisations, and are not counted.
``binnen``
    Too few ties *inside* a region. Baseline: ties inside a region grow with its
    number of organisations, ``expected = t · n`` with ``t`` the number of internal
    ties per organisation over all regions of that level.
``tussen``
    Too few ties between two provinces. Baseline: a gravity model, ``expected =
    r · n_a · n_b``, with the rate ``r`` estimated separately for bordering and
    non-bordering province pairs (:data:`graph.regions.PROVINCE_ADJACENCY`), so
    distant provinces are not held to a neighbour's standard.

Threshold (both must hold): observed / expected ``< ratio`` (default 0.25) **and**
the Poisson lower tail ``P(X <= observed | expected) < alpha`` (default 0.05) —
the ratio keeps small deficits in large regions out, the p-value keeps noise in
tiny regions out.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from graph._compact import CompactGraph
from graph.exceptions import InvalidParameterError
from graph.model import REGION_LEVELS
from graph.regions import PROVINCES, provinces_adjacent
from graph.vocab import SECTORS, TRIANGLE

__all__ = ["SECTOR_COLUMNS", "MIN_ACTIVE_TRIANGLE", "poisson_lower_tail", "region_profiles",
           "region_matrix", "regional_gaps"]

SECTOR_COLUMNS: tuple[str, ...] = SECTORS
#: A region's golden triangle is only judged with at least this many active organisations
#: (fewer: too little data to say a sector is missing); none known at all: "geen gegevens".
MIN_ACTIVE_TRIANGLE = 5
_LEVEL_NL_PLURAL = {"province": "provincies", "municipality": "gemeenten",
                    "labour_market_region": "arbeidsmarktregio's", "other": "regio's"}
_LEVEL_NL = {"province": "provincie", "municipality": "gemeente",
             "labour_market_region": "arbeidsmarktregio", "other": "regio"}


def _gammq(a: float, x: float) -> float:
    """Upper regularised incomplete gamma ``Q(a, x)`` (series / continued fraction)."""
    if x <= 0:
        return 1.0
    gln = math.lgamma(a)
    if x < a + 1:  # series for P(a, x)
        ap, total, delta = a, 1.0 / a, 1.0 / a
        for _ in range(10_000):
            ap += 1
            delta *= x / ap
            total += delta
            if abs(delta) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(-x + a * math.log(x) - gln))
    tiny = 1e-300  # Lentz's continued fraction for Q(a, x)
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return min(1.0, math.exp(-x + a * math.log(x) - gln) * h)


def poisson_lower_tail(k: int, mu: float) -> float:
    """``P(X <= k)`` for ``X ~ Poisson(mu)`` (= ``Q(k + 1, mu)``, the regularised
    upper incomplete gamma function).

    >>> round(poisson_lower_tail(0, 3.0), 4), round(poisson_lower_tail(5, 3.0), 4)
    (0.0498, 0.9161)
    >>> poisson_lower_tail(900, 1000.0) < 0.001 < poisson_lower_tail(950, 1000.0)
    True
    """
    if k < 0:
        return 0.0
    if mu <= 0:
        return 1.0
    return _gammq(k + 1.0, float(mu))


def _nl(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _p_text(p: float) -> str:
    return "p < 0,0001" if p < 1e-4 else f"p = {_nl(p, 4)}"


def _ties(k: int) -> str:
    return "is 1 samenwerkingsband" if k == 1 else f"zijn {k} samenwerkingsbanden"


def _verdict(r: float, ratio: float, p: float, alpha: float) -> str:
    return (f"Verhouding waargenomen/verwacht {_nl(r, 2)} (drempel {_nl(ratio, 2)}); "
            f"Poisson-kans op zo weinig banden {_p_text(p)} (drempel {_nl(alpha, 2)}).")


def _nl_list(xs) -> str:
    xs = list(xs)
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " en " + xs[-1]


def _level_codes(cg: CompactGraph):
    """level -> (codes per node, region names); names from the ``regions`` keys
    (the first key of each level), the province from the ``province`` attribute."""
    hit = cg._attr_cache.get("_level_codes")
    if hit is not None:
        return hit
    regs = cg.attr("regions", [])
    names: dict[str, dict[str, int]] = {lv: {} for lv in REGION_LEVELS}
    for p in PROVINCES:
        names["province"][p] = len(names["province"])
    codes = {lv: np.full(cg.n, -1, dtype=np.int64) for lv in REGION_LEVELS}
    for i, keys in enumerate(regs):
        if not keys:
            continue
        for key in keys:
            lv, _, nm = key.partition(":")
            tab = names.get(lv)
            if tab is None or codes[lv][i] >= 0:
                continue
            c = tab.get(nm)
            if c is None:
                c = tab[nm] = len(tab)
            codes[lv][i] = c
    # the province attribute wins (it is what the region helper resolved)
    pa = cg.attr("province")
    ptab = names["province"]
    pc = codes["province"]
    for i, p in enumerate(pa):
        if p:
            c = ptab.get(p)
            if c is None:
                c = ptab[p] = len(ptab)
            pc[i] = c
    out = {lv: (codes[lv], list(names[lv])) for lv in REGION_LEVELS if names[lv]}
    cg._attr_cache["_level_codes"] = out
    return out


def _profiles(cg: CompactGraph):
    sector = cg.attr("sector")
    active = np.array([bool(a) for a in cg.attr("active", True)])
    spos = {s: i for i, s in enumerate(SECTOR_COLUMNS)}
    S = len(SECTOR_COLUMNS) + 1
    scode = np.fromiter((spos.get(s, S - 1) for s in sector), dtype=np.int64, count=cg.n)
    levels = _level_codes(cg)
    umbrella = np.array([bool(x) for x in cg.attr("umbrella", False)], dtype=bool)
    result = {}
    for level, (codes, names) in levels.items():
        R = len(names)
        has = (codes >= 0) & ~umbrella
        n_orgs = np.bincount(codes[has], minlength=R)
        n_act = np.bincount(codes[has & active], minlength=R)
        sec = np.bincount(codes[has] * S + scode[has], minlength=R * S).reshape(R, S)
        sec_a = np.bincount(codes[has & active] * S + scode[has & active],
                            minlength=R * S).reshape(R, S)
        cs, cd = codes[cg.src], codes[cg.dst]
        inside = (cs == cd) & (cs >= 0)
        ties = np.bincount(cs[inside], minlength=R)
        wts = np.bincount(cs[inside], weights=cg.w[inside], minlength=R)
        cross = ~inside
        ext = (np.bincount(cs[cross & (cs >= 0)], minlength=R)
               + np.bincount(cd[cross & (cd >= 0)], minlength=R))
        result[level] = {"codes": codes, "names": names, "n_orgs": n_orgs, "n_active": n_act,
                         "sectors": sec, "sectors_active": sec_a, "ties": ties, "weight": wts,
                         "external": ext}
    return result


def _region_rows(prof: dict, level: str) -> list[dict]:
    p = prof[level]
    rows = []
    for r, name in enumerate(p["names"]):
        n = int(p["n_orgs"][r])
        sec = {s: int(p["sectors"][r, j]) for j, s in enumerate(SECTOR_COLUMNS)}
        sec_a = {s: int(p["sectors_active"][r, j]) for j, s in enumerate(SECTOR_COLUMNS)}
        missing = [s for s in TRIANGLE if sec[s] == 0]
        missing_a = [s for s in TRIANGLE if sec_a[s] == 0]
        ties = int(p["ties"][r])
        rows.append({
            "key": f"{level}:{name}", "level": level, "name": name,
            "n_orgs": n, "n_active": int(p["n_active"][r]),
            "sectors": sec, "sectors_active": sec_a,
            "triangle_complete": not missing, "triangle_complete_active": not missing_a,
            "missing": missing, "missing_active": missing_a,
            "internal_ties": ties, "internal_weight": round(float(p["weight"][r]), 4),
            "density": round(2 * ties / (n * (n - 1)), 6) if n > 1 else 0.0,
            "external_ties": int(p["external"][r]),
        })
    return rows


def region_profiles(C: nx.Graph, *, levels=None) -> list[dict]:
    """Per region: organisations per sector (all and active), golden triangle, density.

    Parameters
    ----------
    C : networkx.Graph
        A collaboration graph (:func:`graph.collaboration.collaboration_graph`).
    levels : iterable of str, optional
        Region levels to report (default all present; the 12 provinces always).

    Returns
    -------
    list of dict
        ``key``, ``level``, ``name``, ``n_orgs``, ``n_active``, ``sectors``,
        ``sectors_active``, ``triangle_complete``, ``triangle_complete_active``,
        ``missing``, ``missing_active``, ``internal_ties``, ``internal_weight``,
        ``density``, ``external_ties``.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph()
    >>> for n, s in [("z", "zorg"), ("o", "onderwijs"), ("g", "overheid")]:
    ...     C.add_node(n, sector=s, province="Utrecht", regions=["province:Utrecht"], active=True)
    >>> C.add_edges_from([("z", "o"), ("o", "g")], weight=1.0)
    >>> ut = [r for r in region_profiles(C) if r["name"] == "Utrecht"][0]
    >>> ut["triangle_complete_active"], ut["internal_ties"], ut["density"]
    (True, 2, 0.666667)
    """
    cg = CompactGraph(C)
    prof = _profiles(cg)
    wanted = list(prof) if levels is None else [lv for lv in levels if lv in prof]
    return [row for lv in wanted for row in _region_rows(prof, lv)]


def region_matrix(C: nx.Graph, *, level: str = "province", _cg=None) -> dict:
    """Region × region matrix of collaboration ties (count and weight).

    Returns
    -------
    dict
        ``level``, ``regions`` (names), ``ties`` and ``weight`` (lists of lists;
        the diagonal holds the ties inside a region).

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph()
    >>> C.add_node("a", province="Utrecht"); C.add_node("b", province="Zeeland")
    >>> C.add_edge("a", "b", weight=2.0)
    >>> M = region_matrix(C)
    >>> u, z = M["regions"].index("Utrecht"), M["regions"].index("Zeeland")
    >>> M["ties"][u][z], M["weight"][z][u]
    (1, 2.0)
    """
    cg = _cg if _cg is not None else CompactGraph(C)
    levels = _level_codes(cg)
    if level not in levels:
        raise InvalidParameterError.of("err.no_regions_of_level", level=repr(level))
    codes, names = levels[level]
    R = len(names)
    cs, cd = codes[cg.src], codes[cg.dst]
    ok = (cs >= 0) & (cd >= 0)
    T = np.zeros((R, R), dtype=np.int64)
    Wm = np.zeros((R, R))
    np.add.at(T, (cs[ok], cd[ok]), 1)
    np.add.at(Wm, (cs[ok], cd[ok]), cg.w[ok])
    T = T + T.T - np.diag(np.diag(T))
    Wm = Wm + Wm.T - np.diag(np.diag(Wm))
    return {"level": level, "regions": names, "ties": T.tolist(),
            "weight": np.round(Wm, 4).tolist()}


def _triangle_gaps(rows: list[dict], level: str, lvl: str, min_active: int,
                   no_data: list) -> list[dict]:
    """Golden-triangle gaps of one level, each against the share of tested regions
    of that level that do have the sector (the baseline an adviser reads)."""
    tested = []
    for row in rows:
        if row["n_orgs"] == 0:
            if level == "province":
                no_data.append({"level": level, "region": row["name"], "code": "no_data",
                                "n_orgs": 0, "n_active": 0})
            continue
        if row["n_active"] < min_active:
            if level == "province":
                no_data.append({"level": level, "region": row["name"], "code": "too_little_data",
                                "n_orgs": row["n_orgs"], "n_active": row["n_active"],
                                "min_active": min_active})
            continue
        tested.append(row)
    with_sector = {s: sum(1 for r in tested if r["sectors_active"][s] > 0) for s in TRIANGLE}
    out = []
    for row in tested:
        missing = row["missing_active"]
        if not missing:
            continue
        present = {s: row["sectors_active"][s] for s in TRIANGLE if row["sectors_active"][s]}
        reasons = [{"code": "triangle_missing", "level": level, "region": row["name"],
                    "sector": s, "present": present, "n_active": row["n_active"],
                    "n_known_sector": row["sectors"][s],
                    "regions_with_sector": with_sector[s], "regions_tested": len(tested)}
                   for s in missing]
        have = _nl_list([f"{n} {s}" for s, n in present.items()]) or "geen enkele uit de driehoek"
        parts = []
        for r in reasons:
            known = (f" ({r['n_known_sector']} bekend, geen actief)" if r["n_known_sector"]
                     else " (ook geen bekend)")
            parts.append(f"geen {r['sector']}{known} — van de {r['regions_tested']} "
                         f"getoetste {_LEVEL_NL_PLURAL[level]} heeft {r['regions_with_sector']} "
                         f"er minstens één actief")
        reason = (f"{lvl.capitalize()} {row['name']} heeft {row['n_active']} actieve "
                  f"organisaties in het netwerk ({have}), maar " + "; ".join(parts) + ".")
        out.append({"type": "driehoek", "level": level, "regions": [row["name"]],
                    "missing": missing, "missing_all_orgs": row["missing"],
                    "n_orgs": row["n_orgs"], "n_active": row["n_active"],
                    "score": float(len(missing)), "reasons": reasons, "reason": reason,
                    "baseline": "share_of_tested_regions"})
    return out


def regional_gaps(C: nx.Graph, *, ratio: float = 0.25, alpha: float = 0.05,
                  min_orgs: int = 3, min_active: int = MIN_ACTIVE_TRIANGLE,
                  _cg: CompactGraph | None = None) -> dict:
    """Regional profiles, the province tie matrix and the gaps, with reasons.

    Parameters
    ----------
    C : networkx.Graph
        A collaboration graph.
    ratio : float
        A deficit is a gap when observed / expected is below this ...
    alpha : float
        ... and the Poisson lower tail ``P(X <= observed | expected)`` is below this.
    min_orgs : int
        Regions with fewer organisations are not tested for ``binnen`` gaps.
    min_active : int
        Least active organisations for a region's golden triangle to be judged
        (default :data:`MIN_ACTIVE_TRIANGLE`).

    Returns
    -------
    dict
        ``regions`` (:func:`region_profiles` rows, with ``expected_internal``,
        ``ratio`` and ``p_value``), ``matrix`` (:func:`region_matrix` of the
        provinces, with ``expected``), ``gaps`` (list: ``type`` in
        ``driehoek``/``binnen``/``tussen``, ``level``, ``regions``, numbers and a
        Dutch ``reason``, ``reasons`` codes and the ``baseline`` compared against),
        ``baseline`` (the null models, in words and rates) and ``no_data``
        (provinces not judged: ``no_data`` without any known organisation,
        ``too_little_data`` with fewer than ``min_active`` active ones).

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.Graph()
    >>> for p, sectors in [("Utrecht", "zorg onderwijs overheid zorg zorg"),
    ...                    ("Gelderland", "zorg onderwijs overheid zorg onderwijs"),
    ...                    ("Zeeland", "zorg zorg zorg onderwijs zorg"),
    ...                    ("Drenthe", "zorg onderwijs")]:
    ...     for i, s in enumerate(sectors.split()):
    ...         C.add_node(f"{p}{i}", sector=s, province=p, active=True)
    >>> C.add_edges_from([("Utrecht0", "Utrecht1"), ("Zeeland0", "Zeeland3")], weight=1.0)
    >>> res = regional_gaps(C)
    >>> [(g["regions"], g["missing"]) for g in res["gaps"] if g["type"] == "driehoek"]
    [(['Zeeland'], ['overheid'])]
    >>> print(res["gaps"][0]["reason"])
    Provincie Zeeland heeft 5 actieve organisaties in het netwerk (4 zorg en 1 onderwijs), maar geen overheid (ook geen bekend) — van de 3 getoetste provincies heeft 2 er minstens één actief.
    >>> sorted((x["region"], x["code"]) for x in res["no_data"])[:2]
    [('Drenthe', 'too_little_data'), ('Flevoland', 'no_data')]
    """
    if not 0 < ratio <= 1 or not 0 < alpha < 1:
        raise InvalidParameterError.of("err.ratio_alpha")
    cg = _cg if _cg is not None else CompactGraph(C)
    prof = _profiles(cg)
    regions = []
    gaps = []
    no_data: list[dict] = []
    baseline = {
        "driehoek": f"een regio is compleet als haar actieve organisaties zorg, onderwijs en "
                    f"overheid omvatten; getoetst alleen met minstens {min_active} actieve "
                    f"organisaties (een provincie zonder bekende organisaties: geen gegevens); "
                    f"vergeleken met het aantal getoetste regio's van hetzelfde niveau dat de "
                    f"sector wel heeft",
        "binnen": "verwacht aantal banden binnen een regio = t × aantal organisaties, met t het "
                  "aantal interne banden per organisatie over alle regio's van dat niveau",
        "tussen": "zwaartekrachtmodel: verwacht aantal banden tussen provincies a en b = "
                  "r × n_a × n_b, met r apart geschat voor buurprovincies en niet-buurprovincies",
        "threshold": {"ratio_below": ratio, "poisson_p_below": alpha, "min_orgs": min_orgs,
                      "min_active_triangle": min_active},
        "rates": {},
    }
    for level, p in prof.items():
        rows = _region_rows(prof, level)
        n = p["n_orgs"].astype(float)
        t = float(p["ties"].sum() / n.sum()) if n.sum() else 0.0
        baseline["rates"][f"binnen_{level}"] = round(t, 6)
        lvl = _LEVEL_NL[level]
        for r, row in enumerate(rows):
            exp = t * n[r]
            obs = row["internal_ties"]
            row["expected_internal"] = round(exp, 3)
            row["ratio"] = round(obs / exp, 4) if exp > 0 else None
            pv = poisson_lower_tail(obs, exp) if exp > 0 and obs < exp else None
            row["p_value"] = None if pv is None else float(f"{pv:.4g}")
            regions.append(row)
            # -- golden triangle: judged after all rows of the level are known (below)
            # -- too few ties inside
            if (row["n_orgs"] >= min_orgs and pv is not None and obs / exp < ratio
                    and pv < alpha):
                reason = (f"Binnen {lvl} {row['name']} {_ties(obs)} tussen "
                          f"{row['n_orgs']} organisaties; naar omvang verwacht: {_nl(exp)} "
                          f"({_nl(t, 2)} interne banden per organisatie, het gemiddelde over "
                          f"alle regio's van dit niveau). "
                          + _verdict(obs / exp, ratio, pv, alpha))
                gaps.append({"type": "binnen", "level": level, "regions": [row["name"]],
                             "observed": obs, "expected": round(exp, 3),
                             "ratio": round(obs / exp, 4), "p_value": row["p_value"],
                             "score": -math.log10(max(pv, 1e-300)), "reason": reason,
                             "baseline": "ties_per_org",
                             "reasons": [{"code": "few_within", "level": level,
                                          "region": row["name"], "observed": obs,
                                          "expected": round(exp, 2), "n_orgs": row["n_orgs"],
                                          "rate": round(t, 3), "ratio": round(obs / exp, 3),
                                          "p_value": row["p_value"]}]})
        gaps.extend(_triangle_gaps(rows, level, lvl, min_active, no_data))
    # -- province pairs
    M = region_matrix(C, level="province", _cg=cg)
    names = M["regions"]
    T = np.asarray(M["ties"])
    n = prof["province"]["n_orgs"].astype(float)
    R = len(names)
    classes = {True: [0.0, 0.0], False: [0.0, 0.0]}
    for a in range(R):
        for b in range(a + 1, R):
            adj = provinces_adjacent(names[a], names[b])
            classes[adj][0] += T[a, b]
            classes[adj][1] += n[a] * n[b]
    rate = {k: (v[0] / v[1] if v[1] else 0.0) for k, v in classes.items()}
    baseline["rates"]["tussen_buurprovincies"] = float(f"{rate[True]:.6g}")
    baseline["rates"]["tussen_overige_provincies"] = float(f"{rate[False]:.6g}")
    E = np.zeros((R, R))
    for a in range(R):
        for b in range(R):
            if a != b:
                adj = provinces_adjacent(names[a], names[b])
                E[a, b] = rate[adj] * n[a] * n[b]
                if a < b and n[a] >= min_orgs and n[b] >= min_orgs and E[a, b] > 0:
                    obs = int(T[a, b])
                    exp = E[a, b]
                    if obs / exp < ratio:
                        pv = poisson_lower_tail(obs, exp)
                        if pv < alpha:
                            kind = "buurprovincies" if adj else "geen buurprovincies"
                            rate_of = ("alle paren buurprovincies" if adj
                                       else "alle overige paren provincies")
                            reason = (
                                f"Tussen {names[a]} en {names[b]} ({kind}) {_ties(obs)}; "
                                f"naar omvang ({int(n[a])} × {int(n[b])} organisaties) "
                                f"verwacht: {_nl(exp)} (zwaartekrachtmodel met het tarief van "
                                f"{rate_of}). " + _verdict(obs / exp, ratio, pv, alpha))
                            gaps.append({"type": "tussen", "level": "province",
                                         "regions": [names[a], names[b]], "adjacent": adj,
                                         "observed": obs, "expected": round(exp, 3),
                                         "ratio": round(obs / exp, 4),
                                         "p_value": float(f"{pv:.4g}"),
                                         "score": -math.log10(max(pv, 1e-300)),
                                         "reason": reason, "baseline": "gravity",
                                         "reasons": [{"code": "few_between",
                                                      "regions": [names[a], names[b]],
                                                      "adjacent": adj, "observed": obs,
                                                      "expected": round(exp, 2),
                                                      "n_a": int(n[a]), "n_b": int(n[b]),
                                                      "ratio": round(obs / exp, 3),
                                                      "p_value": float(f"{pv:.4g}")}]})
    M["expected"] = np.round(E, 3).tolist()
    order = {"driehoek": 0, "binnen": 1, "tussen": 2}
    lvl_order = {lv: i for i, lv in enumerate(REGION_LEVELS)}
    # per type and level: triangle gaps of the largest regions first (a large region
    # lacking a sector matters more), deficits by strength of evidence (-log10 p)
    gaps.sort(key=lambda g: (order[g["type"]], lvl_order.get(g["level"], 9),
                             -g.get("n_orgs", 0) if g["type"] == "driehoek" else -g["score"],
                             -g["score"], g["regions"]))
    return {"regions": regions, "matrix": M, "gaps": gaps, "baseline": baseline,
            "no_data": no_data}
