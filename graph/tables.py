"""Tables and figures the overview, region and profile pages show (no Streamlit):

* :func:`key_figures`, :func:`growth_table`, :func:`map_points` — the overview;
* :func:`region_sector_matrix`, :func:`region_tie_matrix` — the region page;
* :func:`entity_profile`, :func:`relation_rows`, :func:`document_rows` — a profile.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from graph.entities import (NON_SEMANTIC, WORDS_NL, _year_month, sector_of_type,
                            type_of)
from graph.geo import PROVINCES as GEO_PROVINCES
from graph.geo import coordinates
from graph.model import ORG_KINDS, SECTOR_OF_KIND
from graph.netpage import esc
from graph.regions import PROVINCES, locate, locate_all

__all__ = ["key_figures", "growth_table", "map_points", "region_sector_matrix",
           "region_tie_matrix", "entity_profile", "relation_rows", "document_rows",
           "NL_OUTLINE"]


def key_figures(G: nx.Graph) -> dict:
    """Counts for the overview: organisations (total and per kind), initiatives,
    events, persons, documents, relations (assertions), provinces and
    municipalities covered (where organisations, initiatives or events are)."""
    labels = Counter(d.get("label") for _, d in G.nodes(data=True))
    kinds = Counter(d.get("kind") for _, d in G.nodes(data=True)
                    if d.get("label") == "Organisation")
    locs = locate_all(G)
    provinces = {loc.province for loc in locs.values() if loc.province}
    munis = {loc.municipality for loc in locs.values() if loc.municipality}
    rels = sum(1 for *_, r in G.edges(data="rel") if r not in NON_SEMANTIC)
    return {
        "organisations": labels.get("Organisation", 0),
        "kinds": {k: kinds.get(k, 0) for k in ORG_KINDS if kinds.get(k)},
        "initiatives": labels.get("Initiative", 0),
        "events": labels.get("Event", 0),
        "persons": labels.get("Person", 0),
        "documents": labels.get("Document", 0),
        "relations": rels,
        "provinces": sorted(provinces),
        "municipalities": len(munis),
    }


def growth_table(G: nx.Graph):
    """Growth over time from dates, as a DataFrame per year: ``documents`` (dated
    documents), ``new_organisations`` (first seen that year: the earliest date of
    any statement about them, of its document, or of the event/initiative it ties
    them to), ``organisations`` (cumulative). ``attrs['undated']`` counts
    organisations with no date at all."""
    import pandas as pd

    nodes = G.nodes
    docs_per_year: Counter = Counter()
    doc_date = {}
    for n, d in G.nodes(data=True):
        if d.get("label") == "Document":
            dd = _year_month(d.get("date"))
            doc_date[n] = dd
            if dd:
                docs_per_year[dd[:4]] += 1
    first: dict = {}

    def see(o, date):
        if date and (o not in first or date < first[o]):
            first[o] = date

    for u, v, d in G.edges(data=True):
        rel = d.get("rel")
        if rel == "JUDGED":
            continue
        date = _year_month(d.get("date")) or doc_date.get(d.get("doc"))
        for a, b in ((u, v), (v, u)):
            if nodes[a].get("label") != "Organisation":
                continue
            see(a, date)
            od = nodes[b]
            if od.get("label") == "Event":
                see(a, _year_month(od.get("date")))
            elif od.get("label") == "Initiative":
                see(a, _year_month(od.get("start_date") or od.get("start")))
    orgs = [n for n, d in G.nodes(data=True) if d.get("label") == "Organisation"]
    new = Counter(first[o][:4] for o in orgs if o in first)
    years = sorted(set(new) | set(docs_per_year))
    if years:
        years = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    rows, total = [], 0
    for y in years:
        total += new.get(y, 0)
        rows.append({"year": y, "documents": docs_per_year.get(y, 0),
                     "new_organisations": new.get(y, 0), "organisations": total})
    df = pd.DataFrame(rows, columns=["year", "documents", "new_organisations", "organisations"])
    df.attrs["undated"] = sum(1 for o in orgs if o not in first)
    return df


def map_points(G: nx.Graph, *, max_names: int = 8, words: dict | None = None
               ) -> list[dict]:
    """Organisations placed by municipality (or province centroid) for a map: one
    point per (place, sector) with ``lat``, ``lon``, ``place``, ``sector``,
    ``count`` and ``hover`` (HTML-escaped names; plotly renders hover text as HTML).
    Organisations without any known place are counted in a point with
    ``lat=None``."""
    w = {**WORDS_NL, **(words or {})}
    orgs = [n for n, d in G.nodes(data=True) if d.get("label") == "Organisation"]
    locs = locate_all(G, orgs)
    groups: dict[tuple, list] = defaultdict(list)
    for o in orgs:
        d = G.nodes[o]
        loc = locs[o]
        place = d.get("place") or loc.municipality
        xy = coordinates(place, loc.province or d.get("province"))
        where = place if xy and place and coordinates(place) else (
            loc.province if loc.province in GEO_PROVINCES else None)
        if xy is None:
            where = None
        groups[(xy, where, sector_of_type(type_of(d)))].append(d.get("name") or o)
    out = []
    for (xy, where, sector), names in sorted(groups.items(),
                                             key=lambda kv: (str(kv[0][1]), kv[0][2])):
        names = sorted(names, key=str.casefold)
        shown = "<br>".join(esc(x) for x in names[:max_names])
        if len(names) > max_names:
            shown += f"<br>… +{len(names) - max_names} {esc(w['more'])}"
        out.append({"lat": xy[0] if xy else None, "lon": xy[1] if xy else None,
                    "place": where, "sector": sector, "count": len(names),
                    "hover": f"<b>{esc(where or w['unknown'])}</b> ({esc(sector)})<br>{shown}"})
    return out


# --------------------------------------------------------------------------- regions


def region_sector_matrix(E: nx.Graph):
    """Organisations per province (rows) and sector (columns), as a DataFrame
    (zeros included; provinces north to south, then "onbekend")."""
    import pandas as pd

    sectors = list(dict.fromkeys(SECTOR_OF_KIND.values()))
    counts: Counter = Counter()
    for _, d in E.nodes(data=True):
        if d.get("label") != "Organisation":
            continue
        counts[(d.get("province") or "onbekend", d.get("sector") or "overig")] += 1
    rows = [p for p in PROVINCES] + (["onbekend"] if any(p == "onbekend" for p, _ in counts)
                                     else [])
    data = [[counts.get((p, s), 0) for s in sectors] for p in rows]
    return pd.DataFrame(data, index=rows, columns=sectors)


def region_tie_matrix(C: nx.Graph, attr: str = "province"):
    """Collaboration ties (organisation pairs) between provinces, from a
    collaboration graph (:func:`graph.collaboration.collaboration_graph`), as a
    symmetric DataFrame; the diagonal counts ties inside a province."""
    import pandas as pd

    counts: Counter = Counter()
    for u, v in C.edges():
        a = C.nodes[u].get(attr) or "onbekend"
        b = C.nodes[v].get(attr) or "onbekend"
        counts[(a, b)] += 1
        if a != b:
            counts[(b, a)] += 1
    rows = list(PROVINCES) + (["onbekend"] if any("onbekend" in k for k in counts) else [])
    return pd.DataFrame([[counts.get((a, b), 0) for b in rows] for a in rows],
                        index=rows, columns=rows)


# --------------------------------------------------------------------------- profile


def entity_profile(G: nx.Graph, node) -> dict:
    """The attributes of one entity for its profile (``KeyError`` if absent)."""
    d = dict(G.nodes[node])
    out = {"id": node, "name": d.get("name") or node, "label": d.get("label"),
           "type": type_of(d), "aliases": list(d.get("aliases") or [])}
    if d.get("label") in ("Organisation", "Initiative", "Event"):
        loc = locate(G, node)
        out.update(province=loc.province, municipality=loc.municipality,
                   regions=list(loc.regions))
    skip = {"label", "name", "kind", "aliases", "id"}
    out["properties"] = {k: v for k, v in d.items() if k not in skip and v not in (None, "", [])}
    return out


def relation_rows(G: nx.Graph, node) -> list[dict]:
    """Every relationship of ``node`` (both directions, documents and JUDGED left
    out) with its evidence: direction, relation, other entity, role, date,
    sentence, document, locator, confidence. Sorted by relation, then other name."""
    rows = []
    nodes = G.nodes

    def doc_name(doc):
        return nodes[doc].get("name") if doc in nodes else doc

    def edges(a, b, out):
        data = G.get_edge_data(a, b) or {}
        items = data.values() if G.is_multigraph() else [data]
        for d in items:
            rel = d.get("rel")
            if rel in NON_SEMANTIC:
                continue
            other = b if out else a
            od = nodes[other]
            rows.append({
                "direction": "→" if out else "←", "relation": rel, "other": other,
                "other_name": od.get("name") or other, "other_type": type_of(od),
                "role": d.get("role"), "date": d.get("date") or (
                    nodes[d["doc"]].get("date") if d.get("doc") in nodes else None),
                "sentence": d.get("sentence"), "document": doc_name(d.get("doc")),
                "doc": d.get("doc"), "locator": d.get("locator"),
                "confidence": d.get("confidence"),
            })

    if G.is_directed():
        for _, b in set(G.out_edges(node)):
            edges(node, b, True)
        for a, _ in set(G.in_edges(node)):
            edges(a, node, False)
    else:
        for b in G[node]:
            edges(node, b, True)
    rows.sort(key=lambda r: (str(r["relation"]), str(r["other_name"]).casefold(),
                             str(r["document"])))
    return rows


def document_rows(G: nx.Graph, node) -> list[dict]:
    """The documents an entity comes from: every document that mentions it or is
    the source of one of its relations, with the number of statements."""
    nodes = G.nodes
    stats: dict[str, dict] = {}

    def add(doc, statement: bool, mentions=()):
        if doc not in nodes or nodes[doc].get("label") != "Document":
            return
        r = stats.setdefault(doc, {"doc": doc, "name": nodes[doc].get("name"),
                                   "date": nodes[doc].get("date"),
                                   "source": nodes[doc].get("source"),
                                   "doctype": nodes[doc].get("doctype"),
                                   "statements": 0, "mentions": []})
        if statement:
            r["statements"] += 1
        for m in mentions or ():
            if m not in r["mentions"]:
                r["mentions"].append(m)

    it = (list(G.out_edges(node, data=True)) + list(G.in_edges(node, data=True))
          if G.is_directed() else list(G.edges(node, data=True)))
    for u, v, d in it:
        if d.get("rel") == "MENTIONED_IN":
            add(v if u == node else u, False, d.get("mentions"))
        elif d.get("rel") != "JUDGED":
            add(d.get("doc"), True)
    return sorted(stats.values(), key=lambda r: (str(r["date"] or ""), str(r["name"])))


#: A coarse outline of the Dutch mainland (lon, lat), for orientation on the offline
#: map only (about 5 km precision; the IJsselmeer and the Wadden islands are left out).
NL_OUTLINE: tuple[tuple[float, float], ...] = (
    (3.36, 51.37), (3.80, 51.21), (4.25, 51.37), (4.40, 51.45), (4.77, 51.43),
    (5.05, 51.47), (5.24, 51.30), (5.50, 51.27), (5.85, 51.15), (5.70, 51.00),
    (5.75, 50.78), (6.02, 50.75), (6.10, 50.90), (5.90, 51.05), (6.17, 51.16),
    (6.08, 51.25), (6.22, 51.50), (5.95, 51.75), (6.15, 51.85), (6.40, 51.83),
    (6.80, 52.00), (7.05, 52.23), (6.70, 52.45), (7.05, 52.63), (7.20, 53.00),
    (7.20, 53.25), (6.90, 53.35), (6.83, 53.45), (6.30, 53.42), (5.90, 53.40),
    (5.40, 53.25), (5.40, 53.17), (5.00, 52.93), (4.75, 52.96), (4.60, 52.60),
    (4.55, 52.40), (4.40, 52.20), (4.25, 52.10), (4.10, 52.00), (3.95, 51.85),
    (3.70, 51.70), (3.45, 51.55), (3.36, 51.37),
)
