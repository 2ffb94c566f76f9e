"""The synthetic national graph (:func:`graph.synthetic.synthetic_graph`) as
something to load: batches for the store, or the three graph tables
(``entiteiten.csv``, ``relaties.csv``, ``bronnen.csv``, see docs/spreadsheets.md)
that ``zorgnet load`` reads.

``zorgnet demo --synthetic 20000`` loads it; ``--write DIR`` writes the tables.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from graph.entities import type_of
from graph.synthetic import synthetic_graph
from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow

__all__ = ["synthetic_batches", "graph_batches", "write_tables"]

_ENTITY_LABELS = ("Organisation", "Initiative", "Event", "Person", "Region")
_PROPS = ("place", "province", "date", "level", "subkind", "scope", "start_date",
          "end_date", "role")


def graph_batches(G: nx.MultiDiGraph, chunk: int = 0) -> list[Batch]:
    """A projection-format graph as store batches (ids kept; ``JUDGED`` left out).

    ``chunk`` > 0 splits the relations over several batches of that size (the
    first batch holds the documents and entities).
    """
    docs, ents = [], []
    for n, d in G.nodes(data=True):
        lab = d.get("label")
        if lab == "Document":
            docs.append(DocumentRow(source=d.get("source") or n, title=d.get("name") or n,
                                    checksum=str(d.get("checksum") or "0"),
                                    date=d.get("date"), doctype=d.get("doctype") or "spreadsheet",
                                    id=n))
        elif lab in _ENTITY_LABELS:
            props = {k: d[k] for k in _PROPS if d.get(k) is not None}
            ents.append(EntityRow(d.get("name") or n, type_of(d), list(d.get("aliases") or []),
                                  props, id=n))
    rels, ments = [], []
    for u, v, d in G.edges(data=True):
        rel = d.get("rel")
        if rel == "JUDGED":
            continue
        if rel == "MENTIONED_IN":
            ments.append(MentionRow(u, v, list(d.get("mentions") or [G.nodes[u].get("name")])))
            continue
        rels.append(RelationRow(u, rel, v, d.get("doc") or "", d.get("sentence") or "",
                                d.get("locator") or "", d.get("role"), d.get("date"),
                                float(d.get("confidence") or 1.0)))
    if chunk <= 0 or len(rels) <= chunk:
        return [Batch(documents=docs, entities=ents, relations=rels, mentions=ments)]
    out = [Batch(documents=docs, entities=ents, mentions=ments)]
    for i in range(0, len(rels), chunk):
        out.append(Batch(relations=rels[i:i + chunk]))
    return out


def synthetic_batches(n_orgs: int = 20000, seed: int = 0) -> list[Batch]:
    """The synthetic graph of ``n_orgs`` organisations as store batches."""
    return graph_batches(synthetic_graph(n_orgs, seed=seed))


def write_tables(G: nx.MultiDiGraph, folder: Path) -> dict[str, int]:
    """Write ``G`` as the graph tables ``zorgnet load`` reads; returns row counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nodes = G.nodes
    src_of = {n: d.get("source") or n for n, d in G.nodes(data=True)
              if d.get("label") == "Document"}
    counts = {}
    with open(folder / "bronnen.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["bron", "titel", "datum", "url", "soort"])
        for n, s in src_of.items():
            d = nodes[n]
            w.writerow([s, d.get("name") or s, d.get("date") or "", "", "synthetisch"])
        counts["bronnen"] = len(src_of)
    first_doc: dict = {}
    for u, v, d in G.edges(data=True):
        if d.get("rel") == "MENTIONED_IN":
            first_doc.setdefault(u, src_of.get(v, ""))
    with open(folder / "entiteiten.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["naam", "type", "aliassen", "plaats", "provincie", "datum", "niveau",
                    "subsoort", "schaal", "rol", "bron"])
        k = 0
        for n, d in G.nodes(data=True):
            if d.get("label") not in _ENTITY_LABELS:
                continue
            w.writerow([d.get("name") or n, type_of(d), "|".join(d.get("aliases") or []),
                        d.get("place") or "", d.get("province") or "",
                        d.get("date") or d.get("start_date") or "", d.get("level") or "",
                        d.get("subkind") or "", d.get("scope") or "", d.get("role") or "",
                        first_doc.get(n, "")])
            k += 1
        counts["entiteiten"] = k
    with open(folder / "relaties.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["van", "type_van", "relatie", "naar", "type_naar", "rol", "bron",
                    "zekerheid", "toelichting"])
        k = 0
        for u, v, d in G.edges(data=True):
            if d.get("rel") in ("MENTIONED_IN", "JUDGED"):
                continue
            w.writerow([nodes[u].get("name") or u, type_of(nodes[u]), d.get("rel"),
                        nodes[v].get("name") or v, type_of(nodes[v]), d.get("role") or "",
                        src_of.get(d.get("doc"), ""), d.get("confidence") or 1.0,
                        d.get("sentence") or ""])
            k += 1
        counts["relaties"] = k
    return counts
