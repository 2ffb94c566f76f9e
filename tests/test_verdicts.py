"""A verdict judged through the store keeps its author and time all the way into the
projection, :func:`graph.links.judged_pairs` and :func:`graph.analysis.analyze`
(on both engines)."""

from __future__ import annotations

import datetime as dt

from graph.analysis import analyze
from graph.links import judged_pairs, suggest_links
from graph.collaboration import collaboration_graph
from graph.projection import to_networkx
from loaders.rows import Batch, DocumentRow, EntityRow, RelationRow


def _small_network():
    """Two schools and a care provider around one municipality: a open pair (z, r)."""
    d = DocumentRow(source="test://verdicts", title="verdicts", checksum="verdicts",
                    date="2024-05-01")
    z = EntityRow("Zorggroep Test", "care_provider", props={"place": "Ede"})
    r = EntityRow("ROC Test", "school", props={"place": "Ede"})
    g = EntityRow("Gemeente Ede", "government", props={"place": "Ede"})
    i1 = EntityRow("Testlab", "initiative")
    i2 = EntityRow("Leerwerkplaats Test", "initiative")
    rels = [RelationRow(z.id, "PARTNER_IN", i1.id, d.id), RelationRow(g.id, "PARTNER_IN", i1.id, d.id),
            RelationRow(r.id, "PARTNER_IN", i2.id, d.id), RelationRow(g.id, "PARTNER_IN", i2.id, d.id)]
    return Batch(documents=[d], entities=[z, r, g, i1, i2], relations=rels), z.id, r.id


def test_verdict_keeps_author_and_time(store):
    batch, zid, rid = _small_network()
    store.load([batch])
    G = to_networkx(store)
    assert frozenset((zid, rid)) in {frozenset((s["a"], s["b"]))
                                     for s in suggest_links(collaboration_graph(G))}
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    store.judge(zid, rid, "niet_relevant", by="aanjager Anna", note="al in gesprek")

    G = to_networkx(store)
    edges = [d for _, _, d in G.edges(data=True) if d.get("rel") == "JUDGED"]
    assert edges and edges[0]["judged_by"] == "aanjager Anna"
    rows = judged_pairs(G)
    assert len(rows) == 1
    j = rows[0]
    assert (j["source"], j["target"], j["verdict"]) == (zid, rid, "niet_relevant")
    assert j["by"] == "aanjager Anna" and j["note"] == "al in gesprek"
    at = dt.datetime.fromisoformat(j["at"])
    assert before <= at <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)

    res = analyze(G)
    assert [(x["source"], x["by"], x["at"]) for x in res["judged"]] == [(zid, j["by"], j["at"])]
    pairs = {frozenset((s["a"], s["b"])) for s in res["suggestions"]["organisations"]}
    assert frozenset((zid, rid)) not in pairs          # judged: no longer suggested
