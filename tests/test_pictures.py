"""Pictures to take away: the Netwerk page's drawing as SVG/PNG, and the buttons.
On our own Zeeland partner lists (see ``test_report``)."""

from __future__ import annotations

import re

from test_app import _release, open_page
from test_report import XSS, graphs, own_db  # noqa: F401  (fixtures)


def test_drawing_picture_keeps_the_pages_positions_colours_and_legend(graphs):  # noqa: F811
    from app.pictures import drawing_picture
    from graph.entities import SECTOR_COLORS
    from graph.netpage import network_data
    from graph.report import province_graph

    G, E, C, an = graphs
    H = province_graph(E, "Zeeland")
    data = network_data(H)
    svg = drawing_picture(H, data, "svg", type_names={"initiative": "Initiatief"}).decode()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Zorg" in texts and "Initiatief" in texts          # legend: sector and shape
    assert "Scalda Testcollege" in texts                      # a label as the page has it
    assert SECTOR_COLORS["zorg"] in svg                       # the page's colour
    assert "<script" not in svg and "&lt;script&gt;" in svg
    png = drawing_picture(H, data, "png")
    assert png[:4] == b"\x89PNG"


def test_network_and_export_pages_offer_the_pictures(own_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("ZORGNET_DB", str(own_db))
    _release()
    try:
        for page in ("netwerk", "export"):
            at = open_page(page)
            labels = [b.proto.label for b in at.get("download_button")]
            assert "Plaat (SVG)" in labels and "Plaat (PNG)" in labels, (page, labels)
    finally:
        _release()


def test_labels_that_would_overlap_are_moved_or_left_out():
    import networkx as nx

    from graph.picture import network_picture

    G = nx.Graph()
    for i in range(12):                          # twelve organisations on one spot
        G.add_node(f"o{i}", name=f"Organisatie nummer {i}", type="school")
    G.add_node("far", name="Ver weg", type="insurer")
    pos = {n: (0.0, 0.0) for n in G}
    pos["far"] = (900.0, 600.0)
    svg = network_picture(G, pos=pos).decode()
    shown = [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.startswith("Organ")]
    assert 1 <= len(shown) <= 2                   # one above, maybe one below the spot
    assert "Ver weg" in svg


def test_exports_carry_labels_in_the_interface_language(graphs):  # noqa: F811
    import io
    import zipfile

    from app.labels import labelled
    from graph.entities import export_graph
    from graph.export import export_bytes
    from graph.report import province_graph

    G, E, C, an = graphs
    X = labelled(export_graph(province_graph(E, "Zeeland")), "nl")
    kinds = {d.get("type_label") for _, d in X.nodes(data=True)}
    assert {"Onderwijsinstelling", "Initiatief"} <= kinds
    assert {e.get("relations_label") for *_, e in X.edges(data=True)} == {"partner in"}
    graphml = export_bytes(X, "graphml").decode("utf-8")
    assert "Zorg- en welzijnsaanbieder" in graphml and "type_label" in graphml
    with zipfile.ZipFile(io.BytesIO(export_bytes(X, "csv"))) as z:
        text = " ".join(z.read(n).decode("utf-8") for n in z.namelist())
    assert "Onderwijsinstelling" in text
    en = labelled(export_graph(province_graph(E, "Zeeland")), "en")
    assert "Initiative" in {d.get("type_label") for _, d in en.nodes(data=True)}
