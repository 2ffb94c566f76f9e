"""Exports that read in the interface language: next to the codes (``type``,
``sector``, ``relations``) an exported view gets ``type_label``, ``sector_label``
and ``relations_label`` with the names the app shows ("Onderwijsinstelling",
"partner in"), so a spreadsheet or Gephi shows Dutch without a lookup table."""

from __future__ import annotations

import networkx as nx

from app.i18n import tr

SEP = " | "


def labelled(X: nx.Graph, lang: str = "nl") -> nx.Graph:
    """``X`` (from :func:`graph.entities.export_graph`) with the label attributes
    added in place; returned for chaining."""
    for _, d in X.nodes(data=True):
        if d.get("type"):
            d["type_label"] = tr(lang, f"type.{d['type']}")
        if d.get("sector"):
            d["sector_label"] = tr(lang, f"sector.{d['sector']}")
    for *_, e in X.edges(data=True):
        if e.get("relations"):
            e["relations_label"] = SEP.join(tr(lang, f"rel.{r}")
                                            for r in str(e["relations"]).split(SEP))
    return X
