"""What the explorer shows, computed without Streamlit.

The app (``streamlit_app.py`` and ``app/``) only renders; everything it shows that
takes any thinking is a plain function here, unit-tested in ``tests/test_view.py``:

* :func:`entity_graph` — the projection as one undirected graph of entities
  (organisations, initiatives, events, persons, regions) whose edges keep every
  piece of evidence (relation, sentence, document, locator, date);
* :class:`ViewFilter` / :func:`build_view` — filter by region, kind, initiative,
  cluster, period and minimum degree, the ego network of one node (1–3 hops), and
  aggregation into super-nodes (clusters or provinces) above the node limit;
* :func:`network_html` — a self-contained vis-network page (pyvis, JavaScript
  inlined, no CDN) with a precomputed layout (physics off) and **HTML-escaped**
  tooltips: every name, sentence and property passes :func:`html.escape`;
* :func:`key_figures`, :func:`growth_table`, :func:`map_points` — the overview;
* :func:`region_sector_matrix`, :func:`region_tie_matrix` — the region page;
* :func:`entity_profile`, :func:`relation_rows`, :func:`document_rows` — a profile;
* :func:`result_graph` — a graph of the nodes/ids a console query returned;
* :func:`review_rows` / :func:`apply_review` — the review step before loading.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import networkx as nx

from graph.model import ORG_KINDS, SECTOR_OF_KIND, entity_type, make_id, normalise_name

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
    "unknown": "onbekend", "date": "Datum",
}


# --------------------------------------------------------------------------- helpers


def esc(value) -> str:
    """HTML-escape anything shown in a tooltip or HTML table (``None`` -> ``''``).

    >>> esc('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(str(v) for v in value)
    return html.escape(str(value), quote=True)


#: Characters with a meaning in (Streamlit's) Markdown: CommonMark's specials, the
#: table pipe, strikethrough, HTML brackets and entities, ``$`` (LaTeX), ``:`` and
#: ``@`` (Streamlit's ``:color[…]``, autolinks).
_MD_SPECIALS = frozenset("\\`*_{}[]()#+-.!|<>~&$:@")

#: An invisible word joiner (U+2060), put where escaping does not help.
WORD_JOINER = "\u2060"

#: Patterns Streamlit turns into links or icons on the *text* after Markdown parsing,
#: so backslash escapes do not stop them: GFM bare autolinks (``https://…``,
#: ``www.…``, ``name@host``) and ``:material/…:`` icons. A word joiner breaks them.
_MD_TEXT_PATTERNS = re.compile(r"(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=[\w.+-])(?=@)"
                               r"|(?<=:)(?=material/)|(?<=:)(?=streamlit:)", re.I)


def md_escape(value) -> str:
    r"""``value`` as literal text inside Markdown (``st.markdown``, ``st.caption``,
    ``st.header``, ``st.success``, button and expander labels …).

    Every Markdown special is backslash-escaped, so an entity name such as
    ``![x](https://host/p.png)`` shows as those characters instead of fetching an
    image, and ``**`` or ``[link](javascript:…)`` render as text. Bare URLs, e-mail
    addresses and ``:material/…:`` icons get an invisible word joiner (U+2060)
    so they show as text, not as a link or an icon. Line breaks become spaces and
    leading blanks are dropped (no new block, heading, list, quote or code block
    can start inside the value). ``None`` -> ``''``; lists are joined.

    >>> print(md_escape('![x](img.png) **vet**'))
    \!\[x\]\(img\.png\) \*\*vet\*\*
    >>> md_escape('https://a.nl') == 'https\\:' + WORD_JOINER + '//a\\.nl'
    True
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).splitlines()).lstrip()
    text = _MD_TEXT_PATTERNS.sub(WORD_JOINER, text)
    return "".join("\\" + c if c in _MD_SPECIALS else c for c in text)


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
    from graph.regions import locate_all

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


# --------------------------------------------------------------------------- filtering


@dataclass
class ViewFilter:
    """What the network page shows. Empty values mean "no restriction".

    ``regions`` holds region keys (``"province:Utrecht"``,
    ``"municipality:Zwolle"``); ``kinds`` entity types (see :data:`ENTITY_TYPES`;
    empty = :data:`DEFAULT_TYPES`); ``start``/``end`` ISO dates or years.
    """

    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    initiative: str | None = None
    clusters: tuple = ()
    start: str | None = None
    end: str | None = None
    keep_undated: bool = True
    min_degree: int = 0
    focus: str | None = None
    hops: int = 1

    def as_params(self) -> dict[str, str]:
        """The filter as URL query parameters (only what differs from the default)."""
        p: dict[str, str] = {}
        if self.regions:
            p["region"] = ",".join(self.regions)
        if self.kinds:
            p["kind"] = ",".join(self.kinds)
        if self.initiative:
            p["initiative"] = self.initiative
        if self.clusters:
            p["cluster"] = ",".join(str(c) for c in self.clusters)
        if self.start:
            p["start"] = str(self.start)
        if self.end:
            p["end"] = str(self.end)
        if not self.keep_undated:
            p["undated"] = "0"
        if self.min_degree:
            p["min_degree"] = str(self.min_degree)
        if self.focus:
            p["node"] = self.focus
            p["hops"] = str(self.hops)
        return p

    @classmethod
    def from_params(cls, p) -> "ViewFilter":
        """Inverse of :meth:`as_params`; bad values are ignored, not fatal.

        >>> f = ViewFilter(kinds=("school",), min_degree=2, focus="x", hops=2)
        >>> ViewFilter.from_params(f.as_params()) == f
        True
        """
        def get(k):
            v = p.get(k) if hasattr(p, "get") else None
            return str(v) if v not in (None, "") else None

        def lst(k):
            v = get(k)
            return tuple(x for x in v.split(",") if x) if v else ()

        def num(k, default, lo, hi):
            try:
                return max(lo, min(hi, int(get(k) or default)))
            except ValueError:
                return default

        def date(k):
            v = get(k)
            return v[:10] if v and v[:4].isdigit() else None

        return cls(regions=lst("region"),
                   kinds=tuple(k for k in lst("kind") if k in ENTITY_TYPES),
                   initiative=get("initiative"), clusters=lst("cluster"),
                   start=date("start"), end=date("end"),
                   keep_undated=get("undated") != "0",
                   min_degree=num("min_degree", 0, 0, 1000),
                   focus=get("node"), hops=num("hops", 1, 1, 3))


@dataclass
class View:
    """The result of :func:`build_view`: the graph to draw and what happened to it."""

    graph: nx.Graph
    n_filtered: int                 # nodes that passed the filters
    e_filtered: int                 # edges between them
    aggregated: bool = False
    group_by: str | None = None     # 'cluster' | 'province' when aggregated
    focus_missing: bool = False     # the ego node was filtered out (ego taken on all kinds)
    filtered: nx.Graph | None = None  # the filtered graph before aggregation
    notes: list[str] = field(default_factory=list)


def _edge_in_period(e: dict, lo, hi, keep_undated: bool) -> bool:
    dates = [ev["date"] for ev in e.get("evidence", ()) if ev.get("date")]
    if not dates:
        return keep_undated
    return any(_in_period(d, lo, hi) for d in dates)


def _node_in_period(d: dict, lo, hi) -> bool:
    a, b = d.get("date_lo"), d.get("date_hi")
    if d.get("label") == "Event":
        return a is None or _in_period(a, lo, hi)
    if a and hi and a > hi[:len(a)]:
        return False
    if b and lo and b < lo[:len(b)]:
        return False
    return True


def filter_graph(E: nx.Graph, f: ViewFilter, membership: dict | None = None) -> nx.Graph:
    """Apply ``f`` to an entity graph (see :func:`entity_graph`) and return the
    result as a read-only subgraph view of ``E`` (copy it to change it). Order:
    period, kinds, region, initiative, cluster, minimum degree.

    * period — edges need a dated assertion in the period (undated ones are kept
      when ``keep_undated``); events outside it and initiatives not overlapping it
      are dropped, and so are nodes left without edges that had some before;
    * region — nodes in one of the regions plus the initiatives, events and persons
      tied to those organisations (their network);
    * initiative — the initiative and everything tied to it;
    * cluster — nodes whose cluster (``membership``, spread to non-organisations)
      is one of ``f.clusters``;
    * minimum degree — nodes with fewer edges (in what is left) are dropped.
    """
    nodes = E._node
    kinds = set(f.kinds) if f.kinds else set(DEFAULT_TYPES)
    keep = {n for n, d in nodes.items() if d.get("type") in kinds}
    period = bool(f.start or f.end)
    if period:
        keep = {n for n in keep if _node_in_period(nodes[n], f.start, f.end)}
    H = E.subgraph(keep)
    if period:
        edges = [(u, v) for u, v, e in H.edges(data=True)
                 if _edge_in_period(e, f.start, f.end, f.keep_undated)]
        before = {n for n in H if H.degree(n) > 0}
        H = E.edge_subgraph(edges).copy() if edges else nx.Graph()
        H.graph.update(E.graph)
        H.add_nodes_from((n, nodes[n]) for n in keep if n not in before)
    if f.regions:
        wanted = set(f.regions)
        inside = {n for n in H if wanted & set(nodes[n].get("regions") or ())}
        extra = set()
        for n in inside:
            if nodes[n].get("label") == "Organisation":
                extra.update(m for m in H._adj[n]
                             if nodes[m].get("label") in ("Initiative", "Event", "Person"))
        H = H.subgraph(inside | extra)
    if f.initiative and f.initiative in H:
        H = H.subgraph({f.initiative, *H._adj[f.initiative]})
    elif f.initiative:
        H = H.subgraph(())
    if f.clusters:
        spread = spread_membership(E, membership or {})
        wanted_c = {str(c) for c in f.clusters}
        H = H.subgraph({n for n in H if str(spread.get(n)) in wanted_c})
    if f.min_degree > 0:
        H = H.subgraph({n for n in H if H.degree(n) >= f.min_degree})
    # A read-only view (no copy): the big unfiltered case stays cheap; the drawn
    # graph is small and built from it.
    if H.graph is not E.graph:
        H.graph.update(E.graph)
    return H


def ego_network(H: nx.Graph, node, hops: int = 1) -> nx.Graph:
    """Everything within ``hops`` (1–3) of ``node``.

    >>> P = nx.path_graph(6)
    >>> sorted(ego_network(P, 0, 2))
    [0, 1, 2]
    """
    hops = max(1, min(3, int(hops)))
    if node not in H:
        return H.subgraph(()).copy()
    return nx.ego_graph(H, node, radius=hops).copy()


def group_key(d: dict, by: str, membership: dict | None, node=None) -> str:
    """The super-node a node falls into when aggregating by cluster or province."""
    if by == "cluster" and membership is not None:
        c = membership.get(node)
        return f"cluster:{c}" if c is not None else "cluster:?"
    return f"province:{d.get('province') or '?'}"


def neighbour_lists(H: nx.Graph, base: nx.Graph | None = None) -> dict:
    """node -> list of neighbours of ``H``. When ``H`` is a node-induced subgraph
    view of ``base`` (what :func:`filter_graph` returns) the lists are built from
    ``base``'s plain adjacency and the node set, which is much faster than walking
    the view."""
    if base is not None and nx.is_frozen(H) and H is not base:
        nodes = set(H.nodes)
        adj = base._adj
        return {n: [m for m in adj[n] if m in nodes] for n in nodes}
    return {n: list(H._adj[n]) for n in H}


def aggregate(H: nx.Graph, by: str = "province", membership: dict | None = None,
              *, limit: int = NODE_LIMIT, names: dict | None = None,
              words: dict | None = None, base: nx.Graph | None = None) -> nx.Graph:
    """Collapse ``H`` into super-nodes: one per cluster (``by='cluster'``, using
    ``membership`` spread to all nodes) or province (``by='province'``).

    Super-nodes have ``label='Supernode'``, ``name``, ``size`` (members),
    ``types`` (members per entity type) and ``top`` (the best-connected members);
    edges have ``weight`` = number of ties between the two groups. At most
    ``limit`` groups are kept (the largest). ``base``: the graph ``H`` is an
    induced view of (for speed, see :func:`neighbour_lists`).
    """
    w = {**WORDS_NL, **(words or {})}
    nbrs = neighbour_lists(H, base)
    attrs = base._node if base is not None else H._node
    spread = spread_membership(H, membership, nbrs) if by == "cluster" else None
    members: dict[str, list] = defaultdict(list)
    of: dict = {}
    for n in nbrs:
        k = group_key(attrs[n], by, spread, n)
        members[k].append(n)
        of[n] = k
    S = nx.Graph()
    S.graph.update(H.graph)
    S.graph["aggregated_by"] = by
    ranked = sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    for k, ms in ranked:
        kind, _, val = k.partition(":")
        if val == "?":
            label = w["unknown"]
        elif kind == "cluster":
            label = (names or {}).get(val) or f"{w['cluster']} {val}"
        else:
            label = val
        types = Counter(attrs[m].get("type") for m in ms)
        top = sorted(ms, key=lambda m: (-len(nbrs[m]), str(m)))[:8]
        S.add_node(k, label="Supernode", type="supernode", name=label, size=len(ms),
                   types=dict(types), top=[attrs[m].get("name") or m for m in top],
                   sector=sector_of_type(types.most_common(1)[0][0]) if types else "overig",
                   group=val)
    ties: Counter = Counter()
    for u, near in nbrs.items():
        a = of[u]
        for v in near:
            b = of[v]
            if a < b:
                ties[(a, b)] += 1
    S.add_edges_from((a, b, {"weight": c}) for (a, b), c in ties.items()
                     if a in S and b in S)
    S.graph["n_edges_in"] = sum(len(x) for x in nbrs.values()) // 2
    return S


def build_view(E: nx.Graph, f: ViewFilter, membership: dict | None = None, *,
               limit: int = NODE_LIMIT, group_by: str | None = None,
               names: dict | None = None, words: dict | None = None) -> View:
    """Filter, take the ego network, and aggregate above ``limit`` nodes.

    ``group_by`` is ``'cluster'`` or ``'province'`` (default: cluster when a
    ``membership`` is given, else province).
    """
    H = filter_graph(E, f, membership)
    missing = False
    if f.focus:
        if f.focus in H:
            H = ego_network(H, f.focus, f.hops)
        elif f.focus in E:
            missing = True
            K = E.subgraph({n for n, t in E.nodes(data="type") if t in DEFAULT_TYPES}
                           | {f.focus})
            H = ego_network(K, f.focus, f.hops)
        else:
            H = nx.Graph()
        H.graph.update(E.graph)
    n = H.number_of_nodes()
    if n <= limit:
        return View(H, n, H.number_of_edges(), focus_missing=missing, filtered=H)
    by = group_by or ("cluster" if membership else "province")
    S = aggregate(H, by, membership, limit=limit, names=names, words=words, base=E)
    return View(S, n, S.graph["n_edges_in"], aggregated=True, group_by=by,
                focus_missing=missing, filtered=H)


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
    from graph.regions import PROVINCES

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


# --------------------------------------------------------------------------- drawing


def _component_layout(K: nx.Graph, seed: int) -> dict:
    """Kamada-Kawai (igraph, in C; Fruchterman-Reingold above 600 nodes) of one
    connected component, centred and scaled to unit radius; deterministic for a seed."""
    import numpy as np

    nodes = list(K)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    idx = {x: i for i, x in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    init = rng.uniform(-1.0, 1.0, (n, 2)).tolist()
    try:
        import igraph as ig

        g = ig.Graph(n=n, edges=[(idx[u], idx[v]) for u, v in K.edges()])
        lay = (g.layout_kamada_kawai(seed=init) if n <= 600
               else g.layout_fruchterman_reingold(seed=init, niter=150))
        xy = np.array(lay.coords, dtype=float)
    except ImportError:  # pragma: no cover - igraph is a dependency
        raw = nx.spring_layout(K, seed=seed, iterations=50)
        xy = np.array([raw[x] for x in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    r = float(np.sqrt((xy ** 2).sum(axis=1)).max()) or 1.0
    xy /= r
    return {x: (float(xy[i, 0]), float(xy[i, 1])) for i, x in enumerate(nodes)}


def layout(H: nx.Graph, seed: int = 0) -> dict:
    """Positions in vis-network pixels, computed before drawing.

    Every connected component is laid out on its own (force-directed, radius
    growing with its size). The largest sits on the left; the other components and
    then the isolated nodes are packed in rows in a column to its right, so small
    fragments do not shrink the main picture. Deterministic for a seed.
    """
    if H.number_of_nodes() == 0:
        return {}
    comps = sorted((c for c in nx.connected_components(H) if len(c) > 1),
                   key=lambda c: (-len(c), min(str(x) for x in c)))
    iso = sorted((x for x in H if H.degree(x) == 0), key=str)
    radius = [60.0 * math.sqrt(len(c)) + 30.0 for c in comps]
    pos: dict = {}
    gap = 60.0
    if comps:
        r0 = radius[0]
        for node, (px, py) in _component_layout(H.subgraph(comps[0]), seed).items():
            pos[node] = (r0 + px * r0, r0 + py * r0)
        x_start = 2 * r0 + gap
        width = max(0.6 * 2 * r0, 2 * max(radius[1:], default=0.0), 300.0)
    else:
        x_start, width = 0.0, 1000.0
    x, y, row_h = x_start, 0.0, 0.0
    for c, r in zip(comps[1:], radius[1:]):
        if x > x_start and x + 2 * r > x_start + width:
            x, y = x_start, y + row_h + gap
            row_h = 0.0
        cx, cy = x + r, y + r
        for node, (px, py) in _component_layout(H.subgraph(c), seed).items():
            pos[node] = (cx + px * r, cy + py * r)
        x += 2 * r + gap
        row_h = max(row_h, 2 * r)
    if iso:
        y0 = y + row_h + (gap if row_h else 0.0)
        sx, sy = 160.0, 70.0          # room for a label beside each isolated node
        cols = max(1, int(max(width, 4 * sx) // sx))
        for i, node in enumerate(iso):
            pos[node] = (x_start + (i % cols) * sx, y0 + (i // cols) * sy)
    return pos


def centrality(H: nx.Graph, how: str = "degree", *, sample: int = 200, seed: int = 0
               ) -> tuple[dict, int | None]:
    """``(values, sample size)`` for sizing nodes: ``degree`` (number of neighbours) or
    ``betweenness`` (normalised; estimated from ``min(n, sample)`` source nodes)."""
    if how == "betweenness" and H.number_of_nodes() > 2:
        k = min(H.number_of_nodes(), sample)
        vals = nx.betweenness_centrality(H, k=k if k < H.number_of_nodes() else None,
                                         seed=seed, normalized=True)
        return vals, k
    return {n: float(H.degree(n)) for n in H}, None


def _tooltip_node(H: nx.Graph, n, d: dict, w: dict, type_names: dict, docs: dict,
                  membership: dict | None, max_evidence: int = 3,
                  rel_names: dict | None = None) -> str:
    if d.get("label") == "Supernode":
        parts = [f"<b>{esc(d.get('name'))}</b>",
                 f"{esc(w['members'])}: {esc(d.get('size'))}"]
        types = d.get("types") or {}
        if types:
            parts.append(esc(", ".join(f"{type_names.get(t, t)} {c}"
                                       for t, c in sorted(types.items(),
                                                          key=lambda kv: -kv[1]))))
        if d.get("top"):
            parts.append(esc(", ".join(str(x) for x in d["top"])))
        return "<br>".join(parts)
    t = d.get("type")
    parts = [f"<b>{esc(d.get('name') or n)}</b>",
             f"{esc(w['type'])}: {esc(type_names.get(t, t))}"]
    if d.get("place") or d.get("municipality"):
        parts.append(f"{esc(w['place'])}: {esc(d.get('place') or d.get('municipality'))}")
    if d.get("province"):
        parts.append(f"{esc(w['province'])}: {esc(d.get('province'))}")
    if d.get("date") and d.get("label") == "Event":
        parts.append(f"{esc(w['date'])}: {esc(d.get('date'))}")
    if d.get("aliases"):
        parts.append(f"{esc(w['aliases'])}: {esc(d.get('aliases'))}")
    if membership and membership.get(n) is not None:
        parts.append(f"{esc(w['cluster'])}: {esc(membership.get(n))}")
    parts.append(f"{esc(w['degree'])}: {H.degree(n)}")
    shown = 0
    ev_lines = []
    for m in H._adj[n]:
        for ev in H._adj[n][m].get("evidence", ()):
            if not ev.get("sentence"):
                continue
            ev_lines.append(_evidence_line(ev, H, docs, rel_names))
            shown += 1
            if shown >= max_evidence:
                break
        if shown >= max_evidence:
            break
    if ev_lines:
        parts.append(f"<i>{esc(w['evidence'])}:</i>")
        parts.extend(ev_lines)
    return "<br>".join(parts)


def _evidence_line(ev: dict, H: nx.Graph, docs: dict, rel_names: dict | None = None) -> str:
    a = H.nodes[ev["src"]].get("name") if ev.get("src") in H else ev.get("src")
    b = H.nodes[ev["dst"]].get("name") if ev.get("dst") in H else ev.get("dst")
    doc = (docs.get(ev.get("doc")) or {}).get("name") or ev.get("doc")
    where = ", ".join(str(x) for x in (doc, ev.get("locator")) if x)
    rel = (rel_names or {}).get(ev.get("rel")) or ev.get("rel")
    return (f"• {esc(a)} <b>{esc(rel)}</b> {esc(b)}: “{esc(ev.get('sentence'))}”"
            + (f" <small>({esc(where)})</small>" if where else ""))


def _tooltip_edge(H: nx.Graph, u, v, e: dict, w: dict, docs: dict, max_evidence: int = 5,
                  rel_names: dict | None = None) -> str:
    if H.nodes[u].get("label") == "Supernode":
        return (f"{esc(H.nodes[u].get('name'))} — {esc(H.nodes[v].get('name'))}<br>"
                f"{esc(w['ties'])}: {esc(e.get('weight'))}")
    parts = [f"<b>{esc(H.nodes[u].get('name') or u)}</b> — "
             f"<b>{esc(H.nodes[v].get('name') or v)}</b>",
             esc(", ".join((rel_names or {}).get(r) or r for r in e.get("rels") or []))]
    evs = list(e.get("evidence") or [])
    for ev in evs[:max_evidence]:
        parts.append(_evidence_line(ev, H, docs, rel_names))
    if len(evs) > max_evidence:
        parts.append(f"… +{len(evs) - max_evidence} {esc(w['more'])}")
    return "<br>".join(parts)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def _script_json(obj) -> str:
    """JSON safe inside a <script> element: ``<``, ``>`` and line separators escaped."""
    s = json.dumps(obj, ensure_ascii=False, default=str)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<style>{css}</style>
<style>
html, body {{ margin: 0; padding: 0; font-family: "Source Sans Pro", Arial, sans-serif; }}
#mynetwork {{ width: 100%; height: {height}px; background: #ffffff;
  border: 1px solid #e6e6e6; border-radius: 6px; box-sizing: border-box; }}
div.vis-tooltip {{ max-width: 460px; white-space: normal; font-size: 13px;
  font-family: "Source Sans Pro", Arial, sans-serif; color: #1d2b36;
  line-height: 1.35; padding: 8px 10px; background: #fffef5; }}
</style>
<script>{js}</script>
</head>
<body>
<div id="mynetwork"></div>
<script>
(function () {{
  function asElement(s) {{
    // Titles are HTML built from html.escape()d values only (graph/view.py).
    var el = document.createElement("div");
    el.innerHTML = s;
    return el;
  }}
  var nodeData = {nodes};
  var edgeData = {edges};
  nodeData.forEach(function (n) {{ if (typeof n.title === "string") n.title = asElement(n.title); }});
  edgeData.forEach(function (e) {{ if (typeof e.title === "string") e.title = asElement(e.title); }});
  var nodes = new vis.DataSet(nodeData);
  var edges = new vis.DataSet(edgeData);
  var container = document.getElementById("mynetwork");
  var options = {options};
  var network = new vis.Network(container, {{nodes: nodes, edges: edges}}, options);
  network.once("afterDrawing", function () {{
    document.body.setAttribute("data-drawn", String(nodeData.length));
  }});
  window.zorgnetNetwork = network;
}})();
</script>
</body>
</html>
"""


def network_html(H: nx.Graph, *, color_by: str = "sector", size_by: str = "degree",
                 membership: dict | None = None, pos: dict | None = None, seed: int = 0,
                 height: int = 640, words: dict | None = None,
                 type_names: dict | None = None, highlight=None, lang: str = "nl",
                 rel_names: dict | None = None) -> tuple[str, dict]:
    """A self-contained HTML page drawing ``H`` with vis-network.

    The nodes and edges are built with :class:`pyvis.network.Network`
    (``cdn_resources="in_line"``); the page is written by this module because
    pyvis' own template still links Bootstrap from a CDN and shows string titles
    as plain text in vis-network 9. The vis-network JavaScript and CSS shipped in
    the pyvis package are inlined: the page loads nothing from the network.
    Layout positions are computed here (:func:`layout`) and physics is off.

    Every title (tooltip) is HTML made of :func:`esc`-aped values only; labels are
    drawn on the canvas as text. Returns ``(html, info)`` where ``info`` has
    ``nodes``, ``edges`` and ``sample`` (betweenness sample size or None).
    """
    from pyvis.network import Network

    w = {**WORDS_NL, **(words or {})}
    tn = type_names or {}
    docs = H.graph.get("documents") or {}
    spread = spread_membership(H, membership) if membership else {}
    if pos is None:
        pos = layout(H, seed=seed)
    supern = any(d.get("label") == "Supernode" for _, d in H.nodes(data=True))
    if supern:
        cvals = {n: float(d.get("size") or 1) for n, d in H.nodes(data=True)}
        sample = None
    else:
        cvals, sample = centrality(H, size_by, seed=seed)
    top = max(cvals.values(), default=1.0) or 1.0
    clusters = sorted({str(c) for c in spread.values()}, key=lambda s: (len(s), s))
    cindex = {c: i for i, c in enumerate(clusters)}

    net = Network(height=f"{height}px", width="100%", directed=False,
                  cdn_resources="in_line", bgcolor="#ffffff", font_color="#222222")
    for n, d in H.nodes(data=True):
        t = d.get("type")
        if color_by == "cluster" and spread:
            c = spread.get(n)
            color = (CLUSTER_PALETTE[cindex[str(c)] % len(CLUSTER_PALETTE)]
                     if c is not None else "#cccccc")
        elif supern and color_by == "cluster":
            color = CLUSTER_PALETTE[hash(str(n)) % len(CLUSTER_PALETTE)]
        else:
            color = SECTOR_COLORS.get(d.get("sector") or sector_of_type(t), "#7f7f7f")
        rel = math.sqrt(cvals.get(n, 0.0) / top)
        size = (14 + 46 * rel) if supern else (7 + 28 * rel)
        if t == "person":
            size *= 0.7
        x, y = pos.get(n, (0.0, 0.0))
        label = str(d.get("name") or n)
        if supern:
            label = f"{label} ({d.get('size')})"
        elif len(label) > 40:
            label = label[:38] + "…"
        border = "#000000" if highlight is not None and n == highlight else color
        net.add_node(str(n), label=label,
                     title=_tooltip_node(H, n, d, w, tn, docs, spread or None,
                                         rel_names=rel_names),
                     color={"background": color, "border": border,
                            "highlight": {"background": color, "border": "#000000"},
                            "hover": {"background": color, "border": "#000000"}},
                     borderWidth=3 if border != color else 1,
                     shape="dot" if supern else TYPE_SHAPE.get(t, "dot"),
                     size=round(size, 1), x=round(x, 1), y=round(y, 1), physics=False)
    for u, v, e in H.edges(data=True):
        wgt = float(e.get("weight") or 1)
        net.add_edge(str(u), str(v), title=_tooltip_edge(H, u, v, e, w, docs,
                                                         rel_names=rel_names),
                     width=round(min(8.0, 0.8 + math.log1p(wgt)), 2),
                     color={"color": "#b0b0b0", "highlight": "#333333"})
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "multiselect": False, "hideEdgesOnDrag": H.number_of_edges() > 2000},
        "nodes": {"font": {"size": 14, "face": "arial", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "selectionWidth": 2},
        "layout": {"improvedLayout": False},
    }
    js, css = _vis_assets()
    page = _PAGE.format(lang=esc(lang), css=css, js=js, height=int(height),
                        nodes=_script_json(net.nodes), edges=_script_json(net.edges),
                        options=_script_json(options))
    return page, {"nodes": len(net.nodes), "edges": len(net.edges), "sample": sample}


# --------------------------------------------------------------------------- overview


def key_figures(G: nx.Graph) -> dict:
    """Counts for the overview: organisations (total and per kind), initiatives,
    events, persons, documents, relations (assertions), provinces and
    municipalities covered (where organisations, initiatives or events are)."""
    from graph.regions import locate_all

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
    from graph.geo import PROVINCES, coordinates
    from graph.regions import locate_all

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
            loc.province if loc.province in PROVINCES else None)
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

    from graph.regions import PROVINCES

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

    from graph.regions import PROVINCES

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
    from graph.regions import locate

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


# --------------------------------------------------------------------------- console


def _as_node_id(v, G: nx.Graph | None):
    """``(node id, properties, internal id)`` of a returned value, or Nones."""
    if isinstance(v, dict):
        if "_SRC" in v:
            return None, None, None
        nid = v.get("id")
        internal = v.get("_ID", v.get("_id"))
        if nid is not None and (G is None or nid in G or v.get("_LABEL") or v.get("_label")):
            return nid, v, json.dumps(internal, sort_keys=True, default=str)
        return None, None, None
    if hasattr(v, "labels") and hasattr(v, "element_id"):   # neo4j Node
        nid = v.get("id")
        if nid is None:
            return None, None, None
        props = dict(v.items())
        props["_LABEL"] = sorted(v.labels)[0] if v.labels else None
        return nid, props, v.element_id
    if isinstance(v, str) and G is not None and v in G:
        return v, None, None
    return None, None, None


def result_graph(columns: list[str], rows: list[dict], G: nx.Graph | None = None) -> nx.Graph:
    """A graph of what a console query returned.

    Every value that is a node (a LadybugDB node dict or a Neo4j ``Node`` with an
    ``id`` property) or a string that is a node id of ``G`` becomes a node, with
    the attributes ``G`` has for it. Returned relationships (LadybugDB dicts with
    ``_SRC``/``_DST``, Neo4j ``Relationship`` objects) become edges between the
    nodes of the same row; a row without relationships chains its nodes in column
    order (``src, dst`` columns). Empty when the result holds no nodes.
    """
    R = nx.Graph()
    if G is not None:
        R.graph["documents"] = {n: {"name": d.get("name"), "date": d.get("date")}
                                for n, d in G.nodes(data=True)
                                if d.get("label") == "Document"}

    def add_node(nid, props):
        attrs = dict(G.nodes[nid]) if G is not None and nid in G else {}
        if props:
            attrs.update({k: x for k, x in props.items() if not str(k).startswith("_")})
            lab = props.get("_LABEL") or props.get("_label")
            if lab and "label" not in attrs:
                attrs["label"] = lab
        attrs["type"] = type_of(attrs) if attrs.get("label") else "overig"
        attrs["sector"] = sector_of_type(attrs["type"])
        if R.has_node(nid):
            R.nodes[nid].update(attrs)
        else:
            R.add_node(nid, **attrs)

    def add_edge(a, b, rel=None, props=None):
        if a == b:
            return
        ev = None
        if rel:
            props = props or {}
            ev = {"src": a, "dst": b, "rel": rel, "doc": props.get("doc"),
                  "sentence": props.get("sentence"), "locator": props.get("locator"),
                  "date": props.get("date")}
        if R.has_edge(a, b):
            e = R[a][b]
            e["weight"] += 1
        else:
            R.add_edge(a, b, weight=1, rels=[], evidence=[])
            e = R[a][b]
        if ev:
            if rel not in e["rels"]:
                e["rels"].append(rel)
            e["evidence"].append(ev)

    for row in rows:
        ids, internal, rels = [], {}, []
        for c in columns:
            v = row.get(c)
            for x in (v if isinstance(v, list) else [v]):
                if isinstance(x, dict) and "_SRC" in x and "_DST" in x:
                    rels.append((json.dumps(x["_SRC"], sort_keys=True, default=str),
                                 json.dumps(x["_DST"], sort_keys=True, default=str),
                                 x.get("_LABEL"), x))
                    continue
                if hasattr(x, "start_node") and hasattr(x, "end_node") and hasattr(x, "type"):
                    for endpoint in (x.start_node, x.end_node):
                        nid, props, key = _as_node_id(endpoint, G)
                        if nid is not None and props is not None and len(props) > 1:
                            add_node(nid, props)
                            internal[key] = nid
                    rels.append((x.start_node.element_id, x.end_node.element_id, x.type,
                                 dict(x.items())))
                    continue
                nid, props, key = _as_node_id(x, G)
                if nid is None:
                    continue
                add_node(nid, props)
                ids.append(nid)
                if key is not None:
                    internal[key] = nid
        linked = False
        for s, d, rel, props in rels:
            a, b = internal.get(s), internal.get(d)
            if a is not None and b is not None:
                add_edge(a, b, rel, props)
                linked = True
        if not linked:
            for a, b in zip(ids, ids[1:]):
                add_edge(a, b)
    return R


def display_value(v):
    """A console cell as something a table can show (nodes/relationships as their
    properties, lists joined)."""
    if isinstance(v, dict):
        props = {k: x for k, x in v.items() if not str(k).startswith("_")
                 and x not in (None, "", [])}
        lab = v.get("_LABEL") or v.get("_label")
        return (f"({lab}) " if lab else "") + json.dumps(props, ensure_ascii=False, default=str)
    if hasattr(v, "labels") and hasattr(v, "items"):
        return f"({':'.join(sorted(v.labels))}) " + json.dumps(dict(v.items()),
                                                               ensure_ascii=False, default=str)
    if hasattr(v, "type") and hasattr(v, "items") and hasattr(v, "start_node"):
        return f"[{v.type}] " + json.dumps(dict(v.items()), ensure_ascii=False, default=str)
    if isinstance(v, (list, tuple)):
        return ", ".join(str(display_value(x)) for x in v)
    return v


# --------------------------------------------------------------------------- loading review


def review_rows(batches: list, G: nx.Graph | None = None) -> list[dict]:
    """One row per extracted entity for the review table: ``accept``, ``name``,
    ``type``, ``merge_with`` (an existing entity suggested when the normalised name
    or an alias matches one in ``G``), ``place``, ``aliases``, ``relations``
    (statements it takes part in), ``source`` and ``id`` (the extracted id)."""
    index: dict[str, str] = {}
    if G is not None:
        for n, d in G.nodes(data=True):
            if d.get("label") in (None, "Document"):
                continue
            for nm in [d.get("name"), *(d.get("aliases") or [])]:
                if nm:
                    index.setdefault(normalise_name(str(nm)), n)
    out = []
    seen = set()
    for b in batches:
        src = b.documents[0].source if b.documents else ""
        rels = Counter()
        for r in b.relations:
            rels[r.src] += 1
            rels[r.dst] += 1
        for e in b.merged_entities():
            if e.id in seen:
                continue
            seen.add(e.id)
            hit = index.get(normalise_name(e.name))
            out.append({"accept": True, "name": e.name, "type": e.type,
                        "merge_with": hit if hit and hit != e.id else "",
                        "place": e.props.get("place") or "",
                        "aliases": " | ".join(e.aliases), "relations": rels.get(e.id, 0),
                        "source": src, "id": e.id})
    return out


def apply_review(batches: list, rows: list[dict], G: nx.Graph | None = None) -> list:
    """Apply the reviewer's decisions to the extracted batches.

    Per row (matched by ``id``): ``accept`` False drops the entity with its
    relations and mentions; a changed ``type`` or ``name`` re-keys it (relations
    follow); ``merge_with`` (an id already in ``G`` or in the batch) drops it in
    favour of that entity, keeping its name as an alias of the target. Returns
    new batches; the input is not changed.
    """
    from loaders.rows import Batch, EntityRow, MentionRow, RelationRow

    by_id = {r["id"]: r for r in rows}
    new_batches = []
    for b in batches:
        remap: dict[str, str | None] = {}
        ents: list = []
        extra_aliases: dict[str, list[str]] = defaultdict(list)
        for e in b.merged_entities():
            r = by_id.get(e.id)
            if r is None:
                ents.append(e)
                remap[e.id] = e.id
                continue
            if not r.get("accept", True):
                remap[e.id] = None
                continue
            target = (r.get("merge_with") or "").strip()
            if target and target != e.id:
                remap[e.id] = target
                extra_aliases[target].append(e.name)
                continue
            name = (r.get("name") or e.name).strip() or e.name
            typ = r.get("type") or e.type
            props = dict(e.props)
            if r.get("place") is not None and str(r.get("place")).strip() != (
                    e.props.get("place") or ""):
                props["place"] = str(r["place"]).strip() or None
            aliases = list(e.aliases)
            if name != e.name and e.name not in aliases:
                aliases.append(e.name)
            ne = EntityRow(name, typ, aliases, props)
            remap[e.id] = ne.id
            ents.append(ne)
        # merged-into entities get the new aliases (existing aliases kept)
        in_batch = {e.id: e for e in ents}
        for target, names in extra_aliases.items():
            if target in in_batch:
                e = in_batch[target]
                e.aliases = list(dict.fromkeys([*e.aliases, *names]))
            elif G is not None and target in G:
                d = G.nodes[target]
                lab = d.get("label")
                typ = type_of(d)
                props = {k: None for k in ("place", "province")}
                aliases = list(dict.fromkeys([*(d.get("aliases") or []), *names]))
                ne = EntityRow(d.get("name") or target, typ, aliases, props, id=target)
                if lab:
                    ents.append(ne)
        rels = []
        for r in b.relations:
            s, t = remap.get(r.src, r.src), remap.get(r.dst, r.dst)
            if s is None or t is None or s == t:
                continue
            rels.append(RelationRow(s, r.rel, t, r.doc, r.sentence, r.locator, r.role,
                                    r.date, r.confidence))
        ments = []
        for m in b.mentions:
            x = remap.get(m.entity, m.entity)
            if x is None:
                continue
            ments.append(MentionRow(x, m.doc, list(m.mentions), m.locator, m.confidence))
        new_batches.append(Batch(documents=list(b.documents), entities=ents, relations=rels,
                                 mentions=ments))
    return new_batches


def org_id(name: str, kind: str) -> str:
    """The id an organisation of this name and kind gets (see :func:`graph.model.make_id`)."""
    return make_id("Organisation", name, kind)


def rebase_source(batch, source: str, title: str | None = None, *,
                  prefix: str | Iterable[str] | None = None):
    """The batch with its document(s) renamed to ``source`` (an uploaded file's
    stable name instead of its temporary path): document ids follow the source, so
    loading a changed version of the same upload replaces its evidence instead of
    adding a second document.

    ``prefix`` is the temporary path (or several spellings of it, e.g. as given and
    resolved) that the reader put in front of each document's source; it is
    replaced by ``source`` and what follows it is kept, so the documents of a
    multi-source spreadsheet (``<path>#<bron>``) become ``<source>#<bron>`` — the
    same document for the same ``bron`` whatever other sources the sheet has.
    Documents whose source does not start with the prefix (a source's own URL) are
    kept as they are. Without ``prefix`` a single document is renamed to ``source``
    and several are taken to share the part before their first ``#``.
    Relations and mentions are re-pointed to the new document ids.
    """
    from loaders.rows import Batch, DocumentRow, MentionRow, RelationRow

    if prefix is None:
        if len(batch.documents) == 1:
            prefixes = [batch.documents[0].source]
        else:
            prefixes = sorted({d.source.partition("#")[0] for d in batch.documents
                               if not d.source.startswith(("http://", "https://"))})
    else:
        prefixes = [prefix] if isinstance(prefix, str) else list(prefix)
    prefixes = sorted({p for p in prefixes if p}, key=len, reverse=True)   # longest first

    def rebased(src: str) -> str | None:
        for p in prefixes:
            if src == p or src.startswith(p + "#"):
                return source + src[len(p):]
        return None

    remap: dict[str, str] = {}
    docs = []
    for d in batch.documents:
        src = rebased(d.source)
        if src is None:
            docs.append(d)
            continue
        nd = DocumentRow(source=src, title=title or d.title, checksum=d.checksum, date=d.date,
                         doctype=d.doctype)
        remap[d.id] = nd.id
        docs.append(nd)
    rels = [RelationRow(r.src, r.rel, r.dst, remap.get(r.doc, r.doc), r.sentence, r.locator,
                        r.role, r.date, r.confidence) for r in batch.relations]
    ments = [MentionRow(m.entity, remap.get(m.doc, m.doc), list(m.mentions), m.locator,
                        m.confidence) for m in batch.mentions]
    return Batch(documents=docs, entities=list(batch.entities), relations=rels, mentions=ments)


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
