"""Where an organisation (or initiative, event) is: the one org → region helper.

Every analysis that needs a province or municipality goes through :func:`locate`
(one node) or :func:`locate_all` (all nodes at once, same rules):

1. **province** — the node's ``province`` attribute (canonicalised with
   :func:`graph.vocab.canonical_province`); else the province reached through its
   ``LOCATED_IN`` Region (an initiative also through ``ACTIVE_IN``): a province
   Region itself, or the ``province`` attribute of a municipality / other Region,
   or that Region's ``PART_OF`` chain up to a province Region; else the province
   of a municipality Region named like the node's ``place``; else the gazetteer
   (:func:`graph.geo.place_info`) for ``place``.
2. **municipality** — the ``place`` attribute, else the name of a ``LOCATED_IN``
   Region of level ``municipality`` (a leading "Gemeente " is dropped).
3. **regions** — keys ``"level:name"`` of every region the node is in: its
   province, its municipality, and every Region reached through ``LOCATED_IN``
   (``ACTIVE_IN``) and the ``PART_OF`` chains above them (labour-market regions …).

The province adjacency table (land or fixed-link borders) is kept here as data:
:data:`PROVINCE_ADJACENCY`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graph.exceptions import InvalidGraphError
from graph.geo import place_info
from graph.model import normalise_name
from graph.vocab import LOCATING_RELS as _LOCATING_RELS
from graph.vocab import PROVINCES, canonical_province

_ADJ_PAIRS = (
    ("Groningen", "Friesland"), ("Groningen", "Drenthe"),
    ("Friesland", "Drenthe"), ("Friesland", "Overijssel"), ("Friesland", "Flevoland"),
    ("Friesland", "Noord-Holland"),            # Afsluitdijk
    ("Drenthe", "Overijssel"),
    ("Overijssel", "Flevoland"), ("Overijssel", "Gelderland"),
    ("Flevoland", "Gelderland"), ("Flevoland", "Utrecht"), ("Flevoland", "Noord-Holland"),
    ("Gelderland", "Utrecht"), ("Gelderland", "Zuid-Holland"), ("Gelderland", "Noord-Brabant"),
    ("Gelderland", "Limburg"),
    ("Utrecht", "Noord-Holland"), ("Utrecht", "Zuid-Holland"),
    ("Noord-Holland", "Zuid-Holland"),
    ("Zuid-Holland", "Zeeland"), ("Zuid-Holland", "Noord-Brabant"),
    ("Zeeland", "Noord-Brabant"),
    ("Noord-Brabant", "Limburg"),
)

assert {p for pair in _ADJ_PAIRS for p in pair} == set(PROVINCES)

#: Province -> the provinces it borders (symmetric).
PROVINCE_ADJACENCY: dict[str, frozenset[str]] = {
    p: frozenset({b for a, b in _ADJ_PAIRS if a == p} | {a for a, b in _ADJ_PAIRS if b == p})
    for p in PROVINCES
}

def provinces_adjacent(a: str | None, b: str | None) -> bool:
    """True when two (different) provinces share a border.

    >>> provinces_adjacent("Utrecht", "Gelderland"), provinces_adjacent("Zeeland", "Groningen")
    (True, False)
    """
    if not a or not b or a == b:
        return False
    return b in PROVINCE_ADJACENCY.get(a, ())


def region_key(level: str, name: str) -> str:
    """The key of a region in analysis results: ``"level:name"``.

    >>> region_key("municipality", "Ede")
    'municipality:Ede'
    """
    return f"{level}:{name}"


def municipality_name(name: str | None) -> str | None:
    """A municipality's display name: strip a leading "Gemeente " and whitespace.

    >>> municipality_name("Gemeente Amersfoort")
    'Amersfoort'
    """
    if not name:
        return None
    s = " ".join(str(name).split())
    if s.lower().startswith("gemeente "):
        s = s[9:].strip()
    return s or None


@dataclass(frozen=True)
class Location:
    """Where a node is. ``regions`` holds ``"level:name"`` keys (province first)."""

    province: str | None = None
    municipality: str | None = None
    regions: tuple[str, ...] = field(default_factory=tuple)


class _Resolver:
    """Caches what each Region node resolves to (level, name, province, ancestors)."""

    def __init__(self, G: nx.Graph):
        if not isinstance(G, nx.Graph):
            raise InvalidGraphError.of("err.not_a_graph", got=type(G).__name__)
        self.G = G
        self._cache: dict[str, tuple] = {}
        self._parents: dict[str, list[str]] | None = None
        self._muni_by_name: dict[str, str] | None = None

    # -- region nodes ---------------------------------------------------------
    def _is_region(self, n) -> bool:
        return self.G.nodes[n].get("label") == "Region" if n in self.G else False

    def parents(self, r: str) -> list[str]:
        if self._parents is not None:
            return self._parents.get(r, [])
        out = []
        G = self.G
        it = G.out_edges(r, data="rel") if G.is_directed() else G.edges(r, data="rel")
        for _, t, rel in it:
            if rel == "PART_OF" and self._is_region(t):
                out.append(t)
        return sorted(set(out))

    def region(self, r: str) -> tuple:
        """(level, display name, province, ancestor keys) of a Region node."""
        hit = self._cache.get(r)
        if hit is not None:
            return hit
        self._cache[r] = ("other", r, None, ())  # cycle guard
        d = self.G.nodes[r]
        level = d.get("level") or "other"
        name = d.get("name") or str(r)
        province = canonical_province(d.get("province"))
        if level == "province":
            name = canonical_province(name) or name
            province = province or (name if name in PROVINCES else None)
        elif level == "municipality":
            name = municipality_name(name) or name
        keys: list[str] = []
        if level == "province" and province:
            keys.append(region_key("province", province))
        else:
            keys.append(region_key(level, name))
        for p in self.parents(r):
            plev, _pname, pprov, pkeys = self.region(p)
            province = province or pprov
            keys.extend(k for k in pkeys if k not in keys)
        if province is None and level != "province":
            province = canonical_province(name) if level == "other" else None
        res = (level, name, province, tuple(keys))
        self._cache[r] = res
        return res

    def muni_by_name(self) -> dict[str, str]:
        if self._muni_by_name is None:
            idx = {}
            for n, d in self.G.nodes(data=True):
                if d.get("label") == "Region" and d.get("level") == "municipality":
                    idx.setdefault(normalise_name(municipality_name(d.get("name")) or ""), n)
            self._muni_by_name = idx
        return self._muni_by_name

    # -- entities -------------------------------------------------------------
    def resolve(self, attrs: dict, located: list[str]) -> Location:
        province = canonical_province(attrs.get("province"))
        place = municipality_name(attrs.get("place"))
        municipality = place
        keys: list[str] = []
        region_provinces: list[str] = []
        for r in located:
            level, name, rprov, rkeys = self.region(r)
            if rprov:
                region_provinces.append(rprov)
            if level == "municipality" and municipality is None:
                municipality = name
            keys.extend(k for k in rkeys if k not in keys)
        if province is None and region_provinces:
            uniq = sorted(set(region_provinces))
            province = uniq[0] if len(uniq) == 1 else None
        if place and (province is None or not located):
            r = self.muni_by_name().get(normalise_name(place))
            if r is not None:
                level, name, rprov, rkeys = self.region(r)
                province = province or rprov
                keys.extend(k for k in rkeys if k not in keys)
        if province is None and place:
            info = place_info(place)
            if info and info.get("province"):
                province = info["province"]
        out: list[str] = []
        if province:
            out.append(region_key("province", province))
        if municipality:
            out.append(region_key("municipality", municipality))
        out.extend(k for k in keys if k not in out)
        return Location(province, municipality, tuple(out))


def iter_edges(G: nx.Graph):
    """Yield ``(u, v, data)`` once per edge, fast for (Multi)DiGraphs.

    Walks the adjacency dicts directly (a generator over ``G.edges(data=True)``
    costs about three times as much per edge, and these loops see every edge).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", rel="PARTNER_IN"); _ = G.add_edge("a", "b", rel="ORGANISED")
    >>> [d["rel"] for _, _, d in iter_edges(G)]
    ['PARTNER_IN', 'ORGANISED']
    """
    if isinstance(G, nx.MultiDiGraph):
        for u, nbrs in G._adj.items():
            for v, kd in nbrs.items():
                for d in kd.values():
                    yield u, v, d
    elif isinstance(G, nx.DiGraph) and not G.is_multigraph():
        for u, nbrs in G._adj.items():
            for v, d in nbrs.items():
                yield u, v, d
    else:
        yield from G.edges(data=True)


def _located_in(G: nx.Graph, n) -> list[str]:
    it = G.out_edges(n, data="rel") if G.is_directed() else G.edges(n, data="rel")
    return sorted({t for _, t, rel in it
                   if rel in _LOCATING_RELS and G.nodes[t].get("label") == "Region"})


def locate(G: nx.Graph, node) -> Location:
    """Province, municipality and region keys of one node of the projection.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (:func:`graph.projection.to_networkx`).
    node : str
        A node id (Organisation, Initiative, Event, …).

    Returns
    -------
    Location

    Raises
    ------
    InvalidGraphError
        If ``G`` is not a networkx graph.
    KeyError
        If ``node`` is not in ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("region:utrecht", label="Region", name="Provincie Utrecht", level="province")
    >>> G.add_node("region:amersfoort", label="Region", name="Amersfoort", level="municipality")
    >>> G.add_edge("region:amersfoort", "region:utrecht", rel="PART_OF")
    0
    >>> G.add_node("org:school:x", label="Organisation", name="X", kind="school")
    >>> G.add_edge("org:school:x", "region:amersfoort", rel="LOCATED_IN")
    0
    >>> loc = locate(G, "org:school:x")
    >>> loc.province, loc.municipality
    ('Utrecht', 'Amersfoort')
    >>> loc.regions
    ('province:Utrecht', 'municipality:Amersfoort')
    """
    res = _Resolver(G)
    if node not in G:
        raise KeyError(node)
    return res.resolve(G.nodes[node], _located_in(G, node))


def locate_all(G: nx.Graph, nodes=None) -> dict:
    """:func:`locate` for many nodes at once (one pass over the edges).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    nodes : iterable, optional
        Node ids; default every Organisation, Initiative and Event.

    Returns
    -------
    dict
        node id -> :class:`Location`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Organisation", name="A", kind="school", province="utrecht")
    >>> G.add_node("b", label="Organisation", name="B", kind="school", place="Gemeente Ede")
    >>> locs = locate_all(G)
    >>> locs["a"].province, locs["b"].municipality
    ('Utrecht', 'Ede')
    """
    if not isinstance(G, nx.Graph):
        raise InvalidGraphError.of("err.not_a_graph", got=type(G).__name__)
    if nodes is None:
        wanted = {n for n, lab in G.nodes(data="label")
                  if lab in ("Organisation", "Initiative", "Event")}
    else:
        wanted = set(nodes)
    nattr = G._node
    located: dict = {}
    parents: dict = {}
    for u, v, d in iter_edges(G):
        rel = d.get("rel")
        if rel in _LOCATING_RELS:
            if u in wanted and nattr[v].get("label") == "Region":
                located.setdefault(u, set()).add(v)
        elif rel == "PART_OF":
            if nattr[u].get("label") == "Region" and nattr[v].get("label") == "Region":
                parents.setdefault(u, set()).add(v)
    return locate_bulk(G, wanted, located, parents)


def locate_bulk(G: nx.Graph, wanted, located: dict, parents: dict) -> dict:
    """:func:`locate_all` from edge indexes collected by the caller's own edge pass.

    ``located`` maps a node to the Region nodes it is ``LOCATED_IN``/``ACTIVE_IN``;
    ``parents`` maps a Region to the Regions it is ``PART_OF``.
    """
    res = _Resolver(G)
    res._parents = {k: sorted(v) for k, v in parents.items()}
    memo: dict = {}
    out = {}
    nattr = G._node
    for n in wanted:
        a = nattr[n]
        loc = tuple(sorted(located.get(n, ())))
        key = (a.get("province"), a.get("place"), loc)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = res.resolve(a, list(loc))
        out[n] = hit
    return out


__all__ = ["PROVINCES", "canonical_province", "PROVINCE_ADJACENCY", "provinces_adjacent",
           "region_key", "municipality_name", "Location", "iter_edges", "locate",
           "locate_all", "locate_bulk"]
