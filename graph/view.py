"""What the Netwerk page shows, computed without Streamlit: filters and aggregation.

* :class:`ViewFilter` / :func:`build_view` — filter an entity graph
  (:func:`graph.entities.entity_graph`) by region, kind, initiative, cluster,
  period and minimum degree, take the ego network of one node (1–3 hops), and
  aggregate into super-nodes (clusters or provinces) above the node limit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import networkx as nx

from graph.entities import (DEFAULT_TYPES, ENTITY_TYPES, NODE_LIMIT, WORDS_NL, _in_period,
                            sector_of_type, spread_membership)
from graph.model import ORG_KINDS

__all__ = ["ViewFilter", "View", "GROUP_LEVELS", "REST_NODE", "filter_graph", "ego_network",
           "group_key", "neighbour_lists", "group_members", "usable_levels", "drill_depth",
           "drill_filter", "MAX_DEPTH",
           "aggregate", "capped", "build_view"]

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
    group_by: str | None = None     # 'province' | 'cluster' | 'municipality' when
                                    # aggregated; 'capped' (top members + rest)
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


#: Groupings for a selection too large to draw: each click on a group narrows the
#: filter by one of them. The overview is by province; below it the level that
#: splits best (the smallest largest group) is taken.
GROUP_LEVELS: tuple[str, ...] = ("province", "cluster", "municipality", "sector")
#: Below this many group clicks a selection still too large is drawn as its
#: best-connected members plus one bubble for the rest (so every organisation is
#: drawn, or listed, within three clicks of the overview).
MAX_DEPTH = 2
#: Id of the node standing for the members left out of a capped drawing.
REST_NODE = "rest:"


def group_key(d: dict, by: str, membership: dict | None, node=None) -> str:
    """The super-node a node falls into when aggregating by cluster, province or
    municipality (``"<level>:?"`` when unknown)."""
    if by == "cluster":
        c = (membership or {}).get(node)
        return f"cluster:{c}" if c is not None else "cluster:?"
    if by == "sector":
        return f"sector:{sector_of_type(d.get('type'))}"
    return f"{by}:{d.get(by) or '?'}"


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


def group_members(nbrs: dict, attrs: dict, by: str, membership: dict | None = None
                  ) -> dict:
    """node -> group key for every node of ``nbrs`` (node -> neighbours).

    Grouped exactly as the filter a click on the group sets will select them
    (:func:`drill_filter`, :func:`filter_graph`), so nothing is lost on the way
    down: by cluster, the ``membership`` spread to all nodes
    (:func:`spread_membership` over the whole graph); by province or
    municipality, an organisation's own place, and an initiative, event or
    person goes where most of its organisations are (the region filter keeps
    those with their organisations; without any, its own place). The rest:
    ``"<level>:?"``.
    """
    if by == "cluster":
        return {n: group_key(attrs[n], by, membership, n) for n in nbrs}
    of: dict = {}
    rest = []
    for n in nbrs:
        k = group_key(attrs[n], by, membership, n)
        if attrs[n].get("label") in ("Initiative", "Event", "Person"):
            rest.append((n, k))
        else:
            of[n] = k
    orgs = {n: k for n, k in of.items()
            if attrs[n].get("label") == "Organisation" and not k.endswith(":?")}
    for n, own in rest:
        near = [orgs[m] for m in nbrs[n] if m in orgs]
        if len(near) <= 1:
            of[n] = near[0] if near else own
        else:
            c = Counter(near)
            of[n] = min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return of


def usable_levels(f: ViewFilter) -> list[str]:
    """The groupings that still narrow ``f`` (a level the filter already fixes to
    one value would give a group that drills into itself)."""
    levels = []
    regions = [r.partition(":")[0] for r in f.regions]
    for by in GROUP_LEVELS:
        if by == "province" and len(regions) == 1 and regions[0] in (
                "province", "municipality", "labour_market_region"):
            continue
        if by == "cluster" and len(f.clusters) == 1:
            continue
        if by == "municipality" and len(regions) == 1 and regions[0] == "municipality":
            continue
        if by == "sector" and _one_sector(f.kinds):
            continue
        levels.append(by)
    return levels


def drill_depth(f: ViewFilter) -> int:
    """How many group clicks the filter stands for (a municipality counts as two:
    its province was one).

    >>> drill_depth(ViewFilter(regions=("municipality:Zwolle",), clusters=("2",)))
    3
    """
    regions = [r.partition(":")[0] for r in f.regions]
    depth = 0
    if len(regions) == 1:
        depth += 2 if regions[0] == "municipality" else 1
    if len(f.clusters) == 1:
        depth += 1
    if f.kinds and _one_sector(f.kinds):
        depth += 1
    return depth


def drill_filter(f: ViewFilter, key: str) -> ViewFilter | None:
    """The filter a click on group ``key`` leads to (None for an unknown group).

    >>> drill_filter(ViewFilter(), "province:Utrecht").regions
    ('province:Utrecht',)
    >>> g = drill_filter(ViewFilter(regions=("province:Utrecht",)), "cluster:3")
    >>> g.regions, g.clusters
    (('province:Utrecht',), ('3',))
    """
    by, _, val = str(key).partition(":")
    if not val or val == "?":
        return None
    if by == "cluster":
        return replace(f, clusters=(val,))
    if by in ("province", "municipality"):
        return replace(f, regions=(f"{by}:{val}",))
    if by == "sector":
        kinds = tuple(k for k in (f.kinds or DEFAULT_TYPES) if sector_of_type(k) == val)
        if not kinds:
            return None
        if set(kinds) & set(ORG_KINDS):
            # organisations of one sector with the initiatives and events that tie them
            kinds += tuple(k for k in ("initiative", "event") if k not in kinds)
        return replace(f, kinds=kinds)
    return None


def _one_sector(kinds) -> bool:
    """Whether a kind filter already is one sector (its organisations, or one other type)."""
    orgs = {sector_of_type(k) for k in kinds if k in ORG_KINDS}
    if orgs:
        return len(orgs) == 1
    return len({sector_of_type(k) for k in kinds}) == 1


def aggregate(H: nx.Graph, by: str = "province", membership: dict | None = None,
              *, limit: int = NODE_LIMIT, names: dict | None = None,
              words: dict | None = None, base: nx.Graph | None = None,
              nbrs: dict | None = None, of: dict | None = None) -> nx.Graph:
    """Collapse ``H`` into super-nodes: one per province, cluster (``membership``)
    or municipality (see :func:`group_members`).

    Super-nodes have ``label='Supernode'``, ``name``, ``size`` (members),
    ``types`` (members per entity type), ``top`` (names of the best-connected
    members), ``members`` (all member ids, best-connected first), ``group``
    (the value) and ``level``; edges have ``weight`` = number of ties between the
    two groups. At most ``limit`` groups are kept (the largest). ``base``: the
    graph ``H`` is an induced view of (for speed, see :func:`neighbour_lists`).
    """
    w = {**WORDS_NL, **(words or {})}
    nbrs = nbrs if nbrs is not None else neighbour_lists(H, base)
    attrs = base._node if base is not None else H._node
    if of is None:
        if by == "cluster":
            membership = spread_membership(H, membership, nbrs)
        of = group_members(nbrs, attrs, by, membership)
    members: dict[str, list] = defaultdict(list)
    for n, k in of.items():
        members[k].append(n)
    deg = {n: len(x) for n, x in nbrs.items()}
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
        elif kind == "sector":
            label = w.get(f"sector_{val}") or val
        else:
            label = val
        types = Counter([attrs[m].get("type") for m in ms])
        ms.sort(key=str)
        ms.sort(key=deg.__getitem__, reverse=True)         # best-connected first
        # coloured by the sector most of its organisations are in (else its entities)
        org_types = Counter({t: c for t, c in types.items() if t in ORG_KINDS}) or types
        S.add_node(k, label="Supernode", type="supernode", name=label, size=len(ms),
                   types=dict(types), top=[attrs[m].get("name") or m for m in ms[:8]],
                   members=ms, level=kind,
                   sector=sector_of_type(org_types.most_common(1)[0][0]) if types
                   else "overig", group=val)
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


def capped(H: nx.Graph, limit: int, base: nx.Graph | None = None,
           nbrs: dict | None = None) -> nx.Graph:
    """The ``limit - 1`` best-connected nodes of ``H`` as themselves, plus one node
    (:data:`REST_NODE`) standing for the others (``size``, ``members``) — for a
    group that cannot be split further."""
    nbrs = nbrs if nbrs is not None else neighbour_lists(H, base)
    order = sorted(nbrs, key=lambda m: (-len(nbrs[m]), str(m)))
    keep, rest = order[:max(1, limit - 1)], order[max(1, limit - 1):]
    K = H.subgraph(keep).copy()
    K.graph.update(H.graph)
    if rest:
        attrs = (base if base is not None else H)._node
        types = Counter(attrs[m].get("type") for m in rest)
        K.add_node(REST_NODE, label="Supernode", type="supernode", level="rest",
                   name=f"+{len(rest)}", size=len(rest), types=dict(types),
                   top=[attrs[m].get("name") or m for m in rest[:8]], members=rest,
                   sector="overig", group="")
        inside = set(keep)
        ties: Counter = Counter()
        for m in rest:
            for x in nbrs[m]:
                if x in inside:
                    ties[x] += 1
        K.add_edges_from((x, REST_NODE, {"weight": c}) for x, c in ties.items())
    K.graph["capped"] = len(rest)
    return K


def build_view(E: nx.Graph, f: ViewFilter, membership: dict | None = None, *,
               limit: int = NODE_LIMIT, group_by: str | None = None,
               names: dict | None = None, words: dict | None = None) -> View:
    """Filter, take the ego network, and aggregate above ``limit`` nodes.

    Above ``limit`` the selection is grouped by one of :data:`GROUP_LEVELS` (or
    ``group_by``) that the filter does not fix yet and that splits it into at
    least two known groups — provinces for the whole country, else the level whose
    largest group is smallest; clicking a group (:func:`drill_filter`) narrows
    the filter by that level. When no level splits it any more, or the filter is
    already :data:`MAX_DEPTH` clicks deep, the best-connected members are drawn
    with one node for the rest (:func:`capped`): no dead ends, and every
    organisation drawn or listed within three clicks of the overview.
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
    nbrs = neighbour_lists(H, E)
    levels = [group_by] if group_by else usable_levels(f)
    if f.focus or (not group_by and drill_depth(f) >= MAX_DEPTH):
        levels = []             # an ego network, or deep enough: the members (capped)
    best = None
    for by in levels:
        if by == "cluster" and not membership:
            continue
        groups = spread_membership(E, membership) if by == "cluster" else None
        of = group_members(nbrs, E._node, by, groups)
        sizes = Counter(of.values())
        known = [c for k, c in sizes.items() if not k.endswith(":?")]
        if len(known) < 2:
            continue
        score = max(sizes.values())
        if best is None or score < best[0]:
            best = (score, by, groups, of)
        if by == "province" and not f.regions:
            break               # the overview is always by province
    if best is not None:
        _, by, groups, of = best
        S = aggregate(H, by, groups, limit=limit, names=names, words=words, base=E,
                      nbrs=nbrs, of=of)
        return View(S, n, S.graph["n_edges_in"], aggregated=True, group_by=by,
                    focus_missing=missing, filtered=H)
    K = capped(H, limit, E, nbrs)
    return View(K, n, sum(len(x) for x in nbrs.values()) // 2, aggregated=False,
                group_by="capped", focus_missing=missing, filtered=H)
