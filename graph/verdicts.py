"""The aanjager team's verdicts on suggestions (``JUDGED`` edges of the projection).

The store writes a verdict with ``verdict``, ``note``, ``judged_by`` and
``judged_at`` (:meth:`graph.store.base.Store.judge`, :data:`graph.model.REL_TABLES`);
:func:`judged_pairs` reads them back (older data with ``by``/``at`` still reads).
"""

from __future__ import annotations

import networkx as nx

from graph.exceptions import EmptyGraphError
from graph.regions import iter_edges

__all__ = ["judged_pairs"]


def judged_pairs(G: nx.Graph) -> list[dict]:
    """The aanjager team's verdicts: every ``JUDGED`` edge of the projection.

    Returns
    -------
    list of dict
        ``source``, ``target`` (ids), ``source_name``, ``target_name``,
        ``target_label`` (Organisation/Initiative), ``verdict``, ``note``, ``by``,
        ``at``, ``doc``; sorted by source, target, date.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Organisation", name="A", kind="school")
    >>> G.add_node("b", label="Organisation", name="B", kind="government")
    >>> _ = G.add_edge("a", "b", key="JUDGED|app", rel="JUDGED", verdict="niet_relevant")
    >>> [(j["source"], j["target"], j["verdict"]) for j in judged_pairs(G)]
    [('a', 'b', 'niet_relevant')]
    """
    if not isinstance(G, nx.Graph):
        raise EmptyGraphError.of("err.needs_projection")
    return _judged_rows(G, ((u, v, d) for u, v, d in iter_edges(G) if d.get("rel") == "JUDGED"))


def _judged_rows(G: nx.Graph, edges) -> list[dict]:
    out = []
    nd = G._node
    for u, v, d in edges:
        out.append({"source": u, "target": v,
                    "source_name": nd[u].get("name", u), "target_name": nd[v].get("name", v),
                    "target_label": nd[v].get("label"), "verdict": d.get("verdict"),
                    "note": d.get("note"),
                    # the store writes judged_by/judged_at (graph.model); older data by/at
                    "by": d.get("judged_by") or d.get("by") or None,
                    "at": d.get("judged_at") or d.get("at") or None,
                    "doc": d.get("doc")})
    out.sort(key=lambda j: (str(j["source"]), str(j["target"]), str(j["at"] or "")))
    return out


def _judged_set(judged) -> set:
    if judged is None:
        return set()
    if isinstance(judged, nx.Graph):
        judged = judged_pairs(judged)
    out = set()
    for j in judged:
        a, b = (j["source"], j["target"]) if isinstance(j, dict) else tuple(j)
        out.add(frozenset((a, b)))
    return out
