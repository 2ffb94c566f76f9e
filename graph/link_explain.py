"""Explanations of the missing-link suggestions: reason codes with their numbers,
one Dutch sentence, and the 0–100 score shown to users.
"""

from __future__ import annotations

import numpy as np

from graph._compact import CompactGraph
from graph.link_scoring import _Features
from graph.regions import provinces_adjacent

__all__ = ["SCORE_100_MEANING", "score_100", "PAIR_REASON_CODES"]


def _nl_list(xs) -> str:
    xs = list(xs)
    if not xs:
        return ""
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " en " + xs[-1]


def _focus_names(C, ids, limit=2):
    foci = C.graph.get("foci") or {}
    return [foci.get(f, {}).get("name", f) for f in ids[:limit]]


#: What ``score_100`` means (the one score shown to users).
SCORE_100_MEANING = ("0–100: het aandeel van alle kandidaatparen (voor een organisatie: van haar "
                     "kandidaten) met een lagere score; 90 = beter dan 90 % van de kandidaten. "
                     "De onderdelen (gedeelde partners, sector, nabijheid) staan in de details.")


def score_100(sorted_scores: np.ndarray, x) -> int:
    """Percentile of ``x`` among ``sorted_scores`` (ascending), 0–100, ties counted half.

    >>> score_100(np.array([0.1, 0.2, 0.3, 0.4]), 0.4)
    88
    >>> score_100(np.array([0.1, 0.2, 0.3, 0.4]), 0.1)
    12
    """
    n = len(sorted_scores)
    if n == 0:
        return 0
    lo = int(np.searchsorted(sorted_scores, x, side="left"))
    hi = int(np.searchsorted(sorted_scores, x, side="right"))
    return int(round(100 * (lo + 0.5 * (hi - lo)) / n))


#: Reason codes of a pair suggestion (``reasons``; the app renders them per language):
#: ``shared_partners`` (n, names), ``no_shared_partners``, ``complementary`` (sectors),
#: ``same_sector`` (sector), ``other_sectors`` (sectors), ``same_municipality``
#: (municipality), ``same_province`` (province), ``adjacent_provinces`` (provinces),
#: ``far`` (provinces), ``common_large`` (names: large or national programmes both are in).
PAIR_REASON_CODES: tuple[str, ...] = (
    "shared_partners", "no_shared_partners", "complementary", "same_sector", "other_sectors",
    "same_municipality", "same_province", "adjacent_provinces", "far", "common_large")


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
    reasons = []
    if shared:
        reasons.append({"code": "shared_partners", "n": len(shared),
                        "names": [x["name"] for x in shared[:3]]})
    else:
        reasons.append({"code": "no_shared_partners", "n": 0})
    if comp:
        reasons.append({"code": "complementary", "sectors": [su, sv]})
    elif su == sv:
        reasons.append({"code": "same_sector", "sector": su})
    else:
        reasons.append({"code": "other_sectors", "sectors": [su, sv]})
    code = {"zelfde gemeente": ("same_municipality", {"municipality": mu}),
            "zelfde provincie": ("same_province", {"province": pu}),
            "buurprovincie": ("adjacent_provinces", {"provinces": [pu, pv]}),
            "verder weg": ("far", {"provinces": [pu, pv]})}[proximity]
    if proximity != "verder weg" or (pu and pv):
        reasons.append({"code": code[0], **code[1]})
    if common_large:
        reasons.append({"code": "common_large", "names": common_large[:2]})
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
        "reasons": reasons,
        "reason": head + body + tail,   # one Dutch sentence
    }
