"""The entity graph the explorer draws, and the vocabulary of how it is drawn.

* :func:`entity_graph` — the projection as one undirected graph of entities
  (organisations, initiatives, events, persons, regions) whose edges keep every
  piece of evidence (relation, sentence, document, locator, date);
* :func:`type_of` / :func:`sector_of_type` and the colour, shape and word tables
  every view uses;
* :func:`search_nodes`, :func:`region_options`, :func:`years` — what the filters
  offer; :func:`export_graph` — a view with scalar attributes for GraphML/GEXF/CSV.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import networkx as nx

from graph.model import ORG_KINDS, SECTOR_OF_KIND, entity_type, normalise_name
from graph.regions import PROVINCES, locate_all

__all__ = ["ENTITY_TYPES", "DEFAULT_TYPES", "NON_SEMANTIC", "NODE_LIMIT", "SECTOR_COLORS",
           "TYPE_SECTOR", "TYPE_SHAPE", "CLUSTER_PALETTE", "WORDS_NL", "type_of",
           "sector_of_type", "entity_graph", "spread_membership", "search_nodes",
           "region_options", "years", "export_graph"]

#: Entity types in display order (organisation kinds first).
ENTITY_TYPES: tuple[str, ...] = (*ORG_KINDS, "initiative", "event", "person", "region")
#: Types drawn when no kind is chosen (regions are filters, not nodes, by default).
DEFAULT_TYPES: tuple[str, ...] = (*ORG_KINDS, "initiative", "event", "person")
#: Relations that are not collaboration evidence and stay out of the entity graph.
NON_SEMANTIC = frozenset({"MENTIONED_IN", "JUDGED"})
#: Default maximum number of nodes drawn before aggregating.
NODE_LIMIT = 500

SECTOR_COLORS: dict[str, str] = {
    "zorg": "#d62728",
    "onderwijs": "#1f77b4",
    "overheid": "#ff7f0e",
    "werkgevers": "#2ca02c",
    "bedrijven": "#9467bd",
    "initiatief": "#e7ba52",
    "evenement": "#17becf",
    "persoon": "#9e9e9e",
    "regio": "#8c564b",
    "overig": "#7f7f7f",
}
TYPE_SECTOR: dict[str, str] = {
    **SECTOR_OF_KIND,
    "initiative": "initiatief",
    "event": "evenement",
    "person": "persoon",
    "region": "regio",
}
TYPE_SHAPE: dict[str, str] = {
    "initiative": "diamond",
    "event": "triangle",
    "person": "dot",
    "region": "square",
}
CLUSTER_PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a",
    "#66a61e", "#e6ab02", "#a6761d", "#666666",
)

#: Words used inside tooltips; the app passes its translation.
WORDS_NL: dict[str, str] = {
    "type": "Soort", "place": "Plaats", "province": "Provincie", "aliases": "Ook bekend als",
    "degree": "Verbindingen", "evidence": "Bewijs", "members": "Leden", "more": "meer",
    "cluster": "Cluster", "group": "Groep", "ties": "Verbindingen tussen groepen",
    "unknown": "onbekend", "date": "Datum", "strength": "Sterkte van de samenwerking",
    "shared_initiatives": "Gedeelde initiatieven", "shared_events": "Gedeelde evenementen",
    "shared_persons": "Gedeelde personen", "shared_documents": "Samen genoemd in",
    "rest": "overige, minder verbonden", "click_drill": "Klik om in te zoomen",
}


def type_of(d: dict) -> str:
    """The gold entity type of a node's attributes (``care_provider`` … ``region``)."""
    lab = d.get("label")
    if lab in (None, "Supernode"):
        return d.get("type") or "overig"
    try:
        return entity_type(lab, d.get("kind"))
    except KeyError:
        return d.get("kind") or "overig"


def sector_of_type(t: str | None) -> str:
    """``care_provider`` -> ``zorg``; ``initiative`` -> ``initiatief``; else ``overig``."""
    return TYPE_SECTOR.get(t or "", "overig")


def _year_month(d) -> str | None:
    if not d:
        return None
    s = str(d)[:10]
    return s if s[:4].isdigit() else None


def _in_period(date: str, lo: str | None, hi: str | None) -> bool:
    k = len(date)
    return (lo is None or date >= lo[:k]) and (hi is None or date <= hi[:k])


# --------------------------------------------------------------------------- entity graph


def entity_graph(G: nx.Graph) -> nx.Graph:
    """The projection as an undirected simple graph of entities with their evidence.

    Nodes: every Organisation, Initiative, Event, Person and Region of ``G`` with
    its attributes plus ``type`` (gold entity type), ``sector``, ``province``,
    ``municipality``, ``regions`` (``"level:name"`` keys, see
    :mod:`graph.regions`) and ``date_lo``/``date_hi`` (event date, initiative
    start/end). Edges: one per related pair, with ``rels`` (sorted types),
    ``weight`` (number of assertions) and ``evidence`` (one dict per assertion:
    ``src``, ``dst``, ``rel``, ``doc``, ``sentence``, ``locator``, ``role``,
    ``date`` — the statement's date or else its document's — and ``confidence``).
    ``MENTIONED_IN`` and ``JUDGED`` are left out; documents are kept in
    ``E.graph["documents"]`` (id -> name, date, source).
    """
    E = nx.Graph()
    docs: dict[str, dict] = {}
    for n, d in G.nodes(data=True):
        if d.get("label") == "Document":
            docs[n] = {"name": d.get("name") or n, "date": _year_month(d.get("date")),
                       "source": d.get("source"), "doctype": d.get("doctype")}
    E.graph["documents"] = docs
    wanted = [n for n, lab in G.nodes(data="label")
              if lab in ("Organisation", "Initiative", "Event")]
    locs = locate_all(G, wanted)
    rows = []
    for n, d in G.nodes(data=True):
        lab = d.get("label")
        if lab not in ("Organisation", "Initiative", "Event", "Person", "Region"):
            continue
        a = dict(d)
        a["aliases"] = list(d.get("aliases") or [])
        a["type"] = t = type_of(d)
        a["sector"] = sector_of_type(t)
        loc = locs.get(n)
        if loc is not None:
            a["province"] = loc.province
            a["municipality"] = loc.municipality
            a["regions"] = list(loc.regions)
        elif lab == "Region":
            level = d.get("level") or "other"
            a["regions"] = [f"{level}:{d.get('name')}"]
        else:
            a.setdefault("regions", [])
        if lab == "Event":
            a["date_lo"] = a["date_hi"] = _year_month(d.get("date"))
        elif lab == "Initiative":
            a["date_lo"] = _year_month(d.get("start_date"))
            a["date_hi"] = _year_month(d.get("end_date"))
        rows.append((n, a))
    E.add_nodes_from(rows)
    adj = E._adj
    for u, v, d in G.edges(data=True):
        rel = d.get("rel")
        if rel in NON_SEMANTIC or u == v or u not in adj or v not in adj:
            continue
        doc = d.get("doc")
        date = _year_month(d.get("date")) or (docs.get(doc) or {}).get("date")
        ev = {"src": u, "dst": v, "rel": rel, "doc": doc, "sentence": d.get("sentence"),
              "locator": d.get("locator"), "role": d.get("role"), "date": date,
              "confidence": d.get("confidence")}
        e = adj[u].get(v)
        if e is None:
            E.add_edge(u, v, rels=[rel], evidence=[ev], weight=1)
        else:
            if rel not in e["rels"]:
                e["rels"].append(rel)
                e["rels"].sort()
            e["evidence"].append(ev)
            e["weight"] += 1
    return E


def spread_membership(E: nx.Graph, membership: dict | None, nbrs: dict | None = None) -> dict:
    """Extend an organisation -> cluster map to the other nodes: each initiative,
    event or person gets the cluster most of its organisation neighbours are in.
    ``nbrs`` (node -> neighbour list) may be given to avoid walking a view."""
    if not membership:
        return {}
    out = dict(membership)
    for n in (nbrs if nbrs is not None else E):
        if n in out:
            continue
        near = nbrs[n] if nbrs is not None else E._adj[n]
        c = Counter(membership[m] for m in near if m in membership)
        if c:
            out[n] = sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
    return out


def search_nodes(E: nx.Graph, text: str, limit: int = 25,
                 types: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """``(id, name, type)`` of nodes whose name or alias contains ``text``
    (normalised), exact and prefix matches first.

    >>> E = nx.Graph(); E.add_node("a", name="ROC Zwolle", type="school", aliases=[])
    >>> search_nodes(E, "zwol")
    [('a', 'ROC Zwolle', 'school')]
    """
    q = normalise_name(text or "")
    if not q:
        return []
    allowed = set(types) if types else None
    hits = []
    for n, d in E.nodes(data=True):
        if allowed is not None and d.get("type") not in allowed:
            continue
        names = [d.get("name") or str(n), *(d.get("aliases") or [])]
        best = None
        for nm in names:
            k = normalise_name(str(nm))
            if q in k:
                rank = 0 if k == q else 1 if k.startswith(q) else 2
                best = rank if best is None else min(best, rank)
        if best is not None:
            hits.append((best, len(str(d.get("name") or n)), str(d.get("name") or n), n,
                         d.get("type")))
    hits.sort()
    return [(n, name, t) for _, _, name, n, t in hits[:limit]]


def region_options(E: nx.Graph) -> list[str]:
    """Region keys present in an entity graph: provinces (north to south), then
    municipalities, labour-market regions and other regions (alphabetical)."""
    keys = set()
    for _, rs in E.nodes(data="regions"):
        keys.update(rs or ())
    order = {"province": 0, "labour_market_region": 1, "municipality": 2}
    prov = {p: i for i, p in enumerate(PROVINCES)}

    def key(k):
        level, _, name = k.partition(":")
        return (order.get(level, 3), prov.get(name, 99), name.casefold())

    return sorted(keys, key=key)


def years(E: nx.Graph) -> list[str]:
    """The years that dates in an entity graph span (evidence, events, initiatives)."""
    ys = set()
    for _, d in E.nodes(data=True):
        for k in ("date_lo", "date_hi"):
            if d.get(k):
                ys.add(d[k][:4])
    for dd in (E.graph.get("documents") or {}).values():
        if dd.get("date"):
            ys.add(dd["date"][:4])
    if not ys:
        return []
    lo, hi = int(min(ys)), int(max(ys))
    return [str(y) for y in range(lo, hi + 1)]


def export_graph(H: nx.Graph) -> nx.Graph:
    """A copy of a view with scalar attributes only, for GraphML/GEXF/CSV: nodes
    keep name, type, kind, place, province, municipality, aliases; edges get
    ``relations``, ``weight``, ``sentences``, ``documents`` (joined with " | ")."""
    X = nx.Graph()
    docs = H.graph.get("documents") or {}
    for n, d in H.nodes(data=True):
        a = {k: d.get(k) for k in ("name", "label", "type", "kind", "sector", "place",
                                    "province", "municipality", "size")
             if d.get(k) not in (None, "", [])}
        if d.get("aliases"):
            a["aliases"] = " | ".join(str(x) for x in d["aliases"])
        X.add_node(n, **a)
    for u, v, e in H.edges(data=True):
        evs = e.get("evidence") or []
        a = {"weight": e.get("weight", 1)}
        if e.get("rels"):
            a["relations"] = " | ".join(e["rels"])
        sents = [ev.get("sentence") for ev in evs if ev.get("sentence")]
        if sents:
            a["sentences"] = " | ".join(dict.fromkeys(sents))
        dn = [(docs.get(ev.get("doc")) or {}).get("name") or ev.get("doc") for ev in evs]
        dn = [x for x in dn if x]
        if dn:
            a["documents"] = " | ".join(dict.fromkeys(dn))
        X.add_edge(u, v, **a)
    return X
