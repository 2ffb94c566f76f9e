"""What a regional report of one province holds, as plain data (no text, no HTML).

:func:`province_report` gathers, for one province, from the entity graph ``E``
(:func:`graph.entities.entity_graph`) and the analysis (the
:func:`graph.analysis.analyze_parts` shape, or :func:`from_analyze` of
:func:`graph.analysis.analyze`):

* key figures — organisations per sector, active ones (with a collaboration tie),
  initiatives, ties within the province and to other provinces, documents;
* the network picture's graph (:func:`province_graph`): the province's
  organisations and the initiatives and events that connect them;
* the clusters with members in the province, its brokers (with the sector and
  region bridges' reasons), the gaps that name it, and the top suggestions
  (organisation pairs and organisation → initiative) that involve it, each with
  its reason and the documents behind the shared partners (the sources).

The app's Regio's page and ``zorgnet report`` render it (``graph/report_html.py``).
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.model import ORG_KINDS

__all__ = ["PICTURE_LIMIT", "provinces", "province_graph", "suggestion_sources",
           "from_analyze", "province_report"]

#: Nodes drawn at most in the report's picture (the most connected first).
PICTURE_LIMIT = 90


def provinces(E: nx.Graph) -> list[str]:
    """The provinces that have at least one organisation, by name."""
    return sorted({d.get("province") for _, d in E.nodes(data=True)
                   if d.get("type") in ORG_KINDS and d.get("province")})


def _orgs_in(E: nx.Graph, province: str) -> list:
    return sorted(n for n, d in E.nodes(data=True)
                  if d.get("type") in ORG_KINDS and d.get("province") == province)


def province_graph(E: nx.Graph, province: str, limit: int = PICTURE_LIMIT) -> nx.Graph:
    """The province's organisations plus the initiatives and events that link two of
    them or lie in the province; at most ``limit`` nodes (highest degree first).

    >>> E = nx.Graph()
    >>> E.add_node("a", type="school", province="P"); E.add_node("b", type="insurer", province="P")
    >>> E.add_node("c", type="school", province="Q"); E.add_node("i", type="initiative")
    >>> E.add_edges_from([("a", "i"), ("b", "i"), ("c", "i")])
    >>> sorted(province_graph(E, "P"))
    ['a', 'b', 'i']
    """
    orgs = set(_orgs_in(E, province))
    keep = set(orgs)
    for n, d in E.nodes(data=True):
        if d.get("type") in ("initiative", "event"):
            inside = sum(1 for m in E[n] if m in orgs)
            if inside >= 2 or (inside and d.get("province") == province):
                keep.add(n)
    H = E.subgraph(keep)
    if H.number_of_nodes() > limit:
        top = sorted(H, key=lambda n: (-H.degree(n), str(n)))[:limit]
        H = H.subgraph(top)
    return H.copy()


def _docs_of(E: nx.Graph, u, v) -> list[str]:
    e = E.get_edge_data(u, v) or {}
    return [ev["doc"] for ev in e.get("evidence") or [] if ev.get("doc")]


def suggestion_sources(E: nx.Graph, a, b, partners: list, limit: int = 4) -> list[dict]:
    """The documents that show ``a`` and ``b`` working with their shared partners
    (directly or through a common initiative/event): ``[{id, name, date, source}]``."""
    docs = E.graph.get("documents") or {}
    found: list[str] = []
    for end in (a, b):
        if end not in E:
            continue
        for p in partners:
            for x in E[end]:
                if x == p or (p in E and x in E[p]):
                    found += _docs_of(E, end, x)
                    if x != p:
                        found += _docs_of(E, p, x)
    out = []
    for doc in dict.fromkeys(found):
        d = docs.get(doc) or {}
        out.append({"id": doc, "name": d.get("name") or doc, "date": d.get("date"),
                    "source": d.get("source")})
        if len(out) >= limit:
            break
    return out


def from_analyze(res: dict) -> dict:
    """:func:`graph.analysis.analyze`'s result in the shape the report reads."""
    sugg = res.get("suggestions") or {}
    return {"clusters": res.get("clusters"), "brokers": res.get("brokers"),
            "gaps": res.get("gaps"), "links": sugg.get("organisations"),
            "initiatives": sugg.get("initiatives"), "collaboration": res.get("collaboration")}


def province_report(E: nx.Graph, an: dict, province: str, C: nx.Graph | None = None, *,
                    top: int = 8) -> dict:
    """Everything the regional report of ``province`` shows (see the module doc).

    ``C`` is the collaboration graph (for ties within and across the province);
    without it the tie figures are ``None``. Lists are cut to ``top``.
    """
    orgs = _orgs_in(E, province)
    inprov = set(orgs)
    sectors = Counter(E.nodes[n].get("sector") or "overig" for n in orgs)
    inis = {n for o in orgs for n in E[o] if E.nodes[n].get("type") == "initiative"}
    inis |= {n for n, d in E.nodes(data=True)
             if d.get("type") == "initiative" and d.get("province") == province}
    docs = {ev["doc"] for o in orgs for x in E[o]
            for ev in E[o][x].get("evidence") or [] if ev.get("doc")}
    within = across = None
    active = None
    if C is not None:
        within = sum(1 for u, v in C.edges() if u in inprov and v in inprov)
        across = sum(1 for u, v in C.edges() if (u in inprov) != (v in inprov))
        active = sum(1 for n in orgs if n in C and C.degree(n) > 0)
    figures = {"organisations": len(orgs), "active": active, "initiatives": len(inis),
               "ties_within": within, "ties_across": across, "documents": len(docs),
               "sectors": dict(sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0])))}

    cl = an.get("clusters") or {}
    mem = cl.get("membership") or {}
    here = Counter(str(mem[o]) for o in orgs if o in mem)
    clusters = []
    for c in cl.get("clusters") or []:
        k = here.get(str(c["id"]))
        if k:
            clusters.append({"id": c["id"], "label": c.get("label") or str(c["id"]),
                             "size": c.get("size"), "in_province": k,
                             "members": sorted((E.nodes[o].get("name") or o for o in orgs
                                                if str(mem.get(o)) == str(c["id"])),
                                               key=str.casefold)[:12]})
    clusters.sort(key=lambda c: (-c["in_province"], str(c["id"])))

    br = an.get("brokers") or {}
    reasons: dict[str, list[str]] = {}
    for part in ("sector_bridges", "region_bridges"):
        for b in (br.get(part) or {}).get("top") or []:
            if b.get("id") in inprov and b.get("reason"):
                reasons.setdefault(b["id"], []).append(b["reason"])
    brokers = [{"id": b["id"], "name": b.get("name") or b["id"], "kind": b.get("kind"),
                "sector": b.get("sector"), "degree": b.get("degree"),
                "betweenness": b.get("betweenness"), "reasons": reasons.get(b["id"], [])}
               for b in (br.get("betweenness") or {}).get("top") or []
               if b.get("id") in inprov and (b.get("betweenness") or reasons.get(b["id"]))]

    gaps = [g for g in (an.get("gaps") or {}).get("gaps") or []
            if province in (g.get("regions") or [])
            or (g.get("level") not in (None, "province")
                and any(E.nodes[o].get("municipality") in g.get("regions", [])
                        for o in orgs))]

    links = []
    for s in an.get("links") or []:
        if s.get("a") in inprov or s.get("b") in inprov:
            partners = [p["id"] for p in s.get("shared_partners") or []]
            links.append({**{k: s.get(k) for k in ("a", "b", "a_name", "b_name", "a_sector",
                                                    "b_sector", "score", "reason")},
                          "sources": suggestion_sources(E, s["a"], s["b"], partners)})
            if len(links) >= top:
                break
    joins = []
    for s in an.get("initiatives") or []:
        if s.get("org") in inprov or s.get("initiative_province") == province:
            partners = [p["id"] for p in s.get("partners_in") or []]
            joins.append({**{k: s.get(k) for k in ("org", "org_name", "initiative",
                                                    "initiative_name", "score", "reason")},
                          "sources": suggestion_sources(E, s["org"], s["initiative"],
                                                        partners)})
            if len(joins) >= top:
                break
    return {"province": province, "figures": figures, "clusters": clusters[:top],
            "brokers": brokers[:top], "gaps": gaps[:top], "links": links, "joins": joins}
