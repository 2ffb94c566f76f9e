"""Organisation–initiative suggestions: initiatives an organisation's partners are in."""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph._compact import CompactGraph
from graph.exceptions import NotAnOrganisation
from graph.link_explain import _nl_list, score_100
from graph.verdicts import _judged_set
from graph.link_scoring import COMBINED, _Features, partner_graph
from graph.regions import PROVINCES

__all__ = ["suggest_initiatives"]


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
        ``sector_missing``, ``proximity``, ``score_100`` (0–100, the percentile among
        all organisation–initiative candidates), ``reasons`` (codes
        ``partners_in``, ``same_municipality``, ``same_province``,
        ``adjacent_province``, ``national_initiative``, ``sector_missing`` with their
        numbers) and a Dutch ``reason``.

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
    cg = partner_graph(_cg if _cg is not None else CompactGraph(C))
    foci = C.graph.get("foci") or {}
    if max_size is None:
        max_size = C.graph.get("max_group_size", 100)
    judged_set = _judged_set(judged)
    feats = _Features(cg)
    ini_ids = [f for f, d in foci.items() if d.get("type") == "initiative"
               and not d.get("umbrella") and 2 <= d.get("size", 0) <= max_size]
    if node is not None and node not in cg.index:
        raise NotAnOrganisation.of("err.not_an_org", node=repr(node))
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
    ranked = np.sort(score)
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
        reasons = [{"code": "partners_in", "n": int(cnt[pos]), "size": int(info["size"]),
                    "initiative": info["name"], "names": pnames[:3]}]
        if prox[pos] == c["same_municipality"]:
            reasons.append({"code": "same_municipality", "municipality": info.get("municipality")})
        elif prox[pos] == c["same_province"] and info.get("scope") != "national":
            reasons.append({"code": "same_province", "province": info.get("province")})
        elif prox[pos] == c["adjacent_province"]:
            reasons.append({"code": "adjacent_province", "province": info.get("province")})
        elif info.get("scope") == "national":
            reasons.append({"code": "national_initiative"})
        if miss[pos]:
            reasons.append({"code": "sector_missing", "sector": du.get("sector")})
        out.append({
            "org": u, "org_name": du.get("name", u), "org_sector": du.get("sector"),
            "initiative": ini_ids[f], "initiative_name": info["name"],
            "initiative_size": info["size"], "initiative_scope": info.get("scope"),
            "initiative_province": info.get("province"),
            "score": round(float(score[pos]), 6),
            "score_100": score_100(ranked, score[pos]),
            "n_partners_in": int(cnt[pos]),
            "partners_in": [{"id": x, "name": nm} for x, nm in zip(partners[:10], pnames[:10])],
            "sector_missing": bool(miss[pos]),
            "proximity_score": float(prox[pos]),
            "reasons": reasons,
            "reason": reason,
        })
    return out
