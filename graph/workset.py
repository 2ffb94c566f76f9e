"""The adviser's working set on the Netwerk page, and the organisation view.

* :class:`WorkingSet` — nodes expanded (their neighbours added), hidden and
  selected, kept in the URL (:meth:`WorkingSet.as_params`);
* :func:`apply_working_set` — a drawn view with those changes;
* :func:`organisation_graph` — "wie werkt met wie": organisations linked by their
  collaboration ties (:func:`graph.collaboration.collaboration_graph`), with the
  entity attributes the filters and the drawing use.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.entities import ENTITY_TYPES

__all__ = ["WorkingSet", "apply_working_set", "organisation_graph", "EXPAND_LIMIT"]

#: At most this many neighbours are added per expanded node (best-connected first).
EXPAND_LIMIT = 40


@dataclass(frozen=True)
class WorkingSet:
    """Expanded, hidden and selected node ids (order kept, no duplicates)."""

    expanded: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    selected: str | None = None

    def as_params(self) -> dict[str, str]:
        p = {}
        if self.expanded:
            p["exp"] = ",".join(self.expanded)
        if self.hidden:
            p["hide"] = ",".join(self.hidden)
        if self.selected:
            p["sel"] = self.selected
        return p

    @classmethod
    def from_params(cls, p, known=None) -> "WorkingSet":
        """Inverse of :meth:`as_params`; expanded and hidden ids not in ``known`` (a
        container) are dropped (the selection may be a group of the drawing).

        >>> w = WorkingSet(("a", "b"), ("c",), "a")
        >>> WorkingSet.from_params(w.as_params()) == w
        True
        >>> WorkingSet.from_params({"exp": "a,x"}, known={"a"}).expanded
        ('a',)
        """
        def ids(k):
            v = p.get(k) if hasattr(p, "get") else None
            out = [x for x in str(v or "").split(",") if x]
            if known is not None:
                out = [x for x in out if x in known]
            return tuple(dict.fromkeys(out))

        sel = p.get("sel") if hasattr(p, "get") else None
        return cls(ids("exp"), ids("hide"), str(sel) if sel else None)

    def expand(self, node) -> "WorkingSet":
        return WorkingSet(tuple(dict.fromkeys((*self.expanded, node))),
                          tuple(x for x in self.hidden if x != node), self.selected)

    def hide(self, node) -> "WorkingSet":
        return WorkingSet(tuple(x for x in self.expanded if x != node),
                          tuple(dict.fromkeys((*self.hidden, node))),
                          None if self.selected == node else self.selected)

    def select(self, node) -> "WorkingSet":
        return WorkingSet(self.expanded, self.hidden, node)


def apply_working_set(H: nx.Graph, E: nx.Graph, ws: WorkingSet,
                      limit: int = EXPAND_LIMIT) -> tuple[nx.Graph, dict]:
    """``H`` (a drawn, not aggregated view of ``E``) with the neighbours of every
    expanded node added (at most ``limit`` each, best-connected first; regions
    only when asked for) and the hidden nodes removed.

    Returns ``(graph, added)`` where ``added`` maps each added node to the
    expanded node it came from (for placing it next to it).
    """
    drawable = set(ENTITY_TYPES) - {"region"}
    keep = set(H)
    added: dict = {}
    hidden = set(ws.hidden)
    for x in ws.expanded:
        if x not in E or x in hidden:
            continue
        if x not in keep:
            keep.add(x)
            added[x] = None
        near = [m for m in E._adj[x] if m not in hidden and m not in keep
                and E._node[m].get("type") in drawable]
        near.sort(key=lambda m: (-len(E._adj[m]), str(m)))
        for m in near[:limit]:
            keep.add(m)
            added[m] = x
    keep -= hidden
    if not added and not (hidden & set(H)):
        return H, {}
    K = E.subgraph(keep).copy()
    # edges the filters had removed between drawn nodes stay removed
    for u, v in list(K.edges()):
        if u in H and v in H and not H.has_edge(u, v):
            K.remove_edge(u, v)
    K.graph.update(H.graph)
    return K, added


def organisation_graph(C: nx.Graph, E: nx.Graph) -> nx.Graph:
    """The collaboration graph ``C`` with each organisation's entity attributes
    from ``E`` (type, sector, place, province, municipality, regions, aliases).

    Edges keep ``weight`` (tie strength) and the shared ``initiatives``,
    ``events``, ``persons`` and ``documents``; ``O.graph["entities"]`` is ``E``'s
    node table, for naming them. ``O`` shares ``C``'s edges (no copy: a national
    graph has hundreds of thousands of ties) and is frozen (:func:`networkx.freeze`),
    so neither can be changed through the other.
    """
    O = nx.Graph()
    en = E._node
    O._node = {n: {**d, **en.get(n, {}), "label": "Organisation"}
               for n, d in C.nodes(data=True)}
    O._adj = C._adj                      # the same ties, read-only below
    O.graph.update(E.graph)
    O.graph["entities"] = en
    O.graph["organisation_view"] = True
    return nx.freeze(O)
