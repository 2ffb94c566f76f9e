"""The regional report and the network picture, on a small network of our own.

The fixture is a partner list written here (invented organisations in Zeeland and
one in Utrecht, one of them with a hostile name), loaded through the store; no
fact of the bundled demo is assumed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
XSS = "<script>alert(1)</script> & $x$"

HEADER = "organisatie,soort,plaats,initiatief\n"
#: Three partner lists (three documents): two round tables and one loner.
PARTNERS = {
    "leerwerkplaats.csv": (
        "Zorggroep Scheldeoever,zorgaanbieder,Middelburg,Leerwerkplaats Walcheren\n"
        "Scalda Testcollege,mbo,Vlissingen,Leerwerkplaats Walcheren\n"
        "Gemeente Middelburg,gemeente,Middelburg,Leerwerkplaats Walcheren\n"
        f"\"{XSS}\",zorgaanbieder,Goes,Leerwerkplaats Walcheren\n"),
    "zorgtafel.csv": (
        "Zorggroep Scheldeoever,zorgaanbieder,Middelburg,Zorgtafel Bevelanden\n"
        "Welzijn Bevelanden Test,zorgaanbieder,Goes,Zorgtafel Bevelanden\n"
        "Hogeschool Testland,hbo,Vlissingen,Zorgtafel Bevelanden\n"
        "Utrechtse Testzorg,zorgaanbieder,Utrecht,Zorgtafel Bevelanden\n"),
    "los.csv": "Kennisbureau Oosterschelde,kennisinstituut,Goes,\n",
}


@pytest.fixture(scope="module")
def own_db(tmp_path_factory):
    from graph.store.ladybug import LadybugStore
    from loaders.sources import read_source

    d = tmp_path_factory.mktemp("report")
    batches = []
    for name, rows in PARTNERS.items():
        (d / name).write_text(HEADER + rows, encoding="utf-8")
        batches.append(read_source(str(d / name)))
    db = d / "graph.lbug"
    with LadybugStore(db) as s:
        s.load(batches)
    return db


@pytest.fixture(scope="module")
def graphs(own_db):
    from graph.analysis import analyze
    from graph.collaboration import collaboration_graph
    from graph.entities import entity_graph
    from graph.projection import to_networkx
    from graph.report import from_analyze
    from graph.store.ladybug import LadybugStore

    with LadybugStore(own_db, read_only=True) as s:
        G = to_networkx(s)
    an = from_analyze(analyze(G, top=50, include_membership=True, include_regions=False))
    return G, entity_graph(G), collaboration_graph(G), an


def test_province_report_gathers_the_province(graphs):
    from graph.model import ORG_KINDS
    from graph.report import province_graph, province_report, provinces

    G, E, C, an = graphs
    assert "Zeeland" in provinces(E) and "Utrecht" in provinces(E)
    rep = province_report(E, an, "Zeeland", C)
    orgs = [n for n, d in E.nodes(data=True)
            if d.get("type") in ORG_KINDS and d.get("province") == "Zeeland"]
    f = rep["figures"]
    assert f["organisations"] == len(orgs) == 7
    assert f["active"] == 6                          # the kennisbureau has no partner
    assert f["initiatives"] == 2 and f["documents"] == 3   # the loner still has its seat
    assert f["ties_across"] >= 1                     # Utrechtse Testzorg shares a table
    assert sum(f["sectors"].values()) == 7
    for c in rep["clusters"]:
        assert 1 <= c["in_province"] <= c["size"]
    # every suggestion involves a Zeeland organisation and names its sources
    zeeland = set(orgs)
    assert rep["links"]                              # e.g. gemeente and welzijn via the zorggroep
    for s in rep["links"]:
        assert s["a"] in zeeland or s["b"] in zeeland
        assert s["reason"]
        assert all(src["id"] for src in s["sources"])
    H = province_graph(E, "Zeeland")
    assert set(orgs) <= set(H)
    assert not any(E.nodes[n].get("province") == "Utrecht" for n in H
                   if E.nodes[n].get("type") in ORG_KINDS)


def test_report_html_is_escaped_and_complete(graphs):
    from graph.report_html import build

    G, E, C, an = graphs
    page = build(E, an, "Zeeland", C, lang="nl")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<script" not in page                      # the hostile name is text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; $x$" in page
    assert "<svg" in page and "<?xml" not in page     # the picture is inline
    assert "@page" in page and "@media print" in page
    for heading in ("Kerncijfers", "Het netwerk", "Clusters", "Makelaars", "Gaten",
                    "Voorstellen"):
        assert f"<h2>{heading}" in page
    english = build(E, an, "Zeeland", C, lang="en")
    assert '<html lang="en">' in english and "<h2>Key figures" in english
    assert "Kerncijfers" not in english


def test_network_picture_svg_and_png(graphs):
    from graph.picture import network_picture
    from graph.report import province_graph

    G, E, C, an = graphs
    H = province_graph(E, "Zeeland")
    svg = network_picture(H, fmt="svg", type_names={"initiative": "Initiatief"},
                          sector_names={"zorg": "Zorg"}, title="Zeeland").decode()
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    assert "<script" not in svg and "&lt;script&gt;" in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    # one legend entry per colour/shape in use, labels for the organisations
    assert "Zorg" in texts and "Initiatief" in texts and "Zeeland" in texts
    assert "Scalda Testcollege" in texts
    png = network_picture(H, fmt="png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    with pytest.raises(ValueError):
        network_picture(H, fmt="gif")


def _cli(args, db):
    import os

    env = {**os.environ, "ZORGNET_DB": str(db), "PYTHONPATH": str(ROOT)}
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "zorgnet.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_cli_report_writes_html_and_picture(own_db, tmp_path):
    out, pic = tmp_path / "zeeland.html", tmp_path / "zeeland.svg"
    r = _cli(["report", "zeeland", "-o", str(out), "--plaat", str(pic)], own_db)
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "<h1>Regiorapport Zeeland</h1>" in page and "<script" not in page
    assert pic.read_text(encoding="utf-8").count("<svg") == 1
    bad = _cli(["report", "Atlantis", "-o", str(tmp_path / "x.html")], own_db)
    assert bad.returncode == 2 and "Zeeland" in bad.stderr and "Atlantis" in bad.stderr
    assert not (tmp_path / "x.html").exists()


@pytest.mark.browser
def test_cli_report_prints_to_pdf(own_db, tmp_path):
    from zorgnet.cli_report import chromium

    if chromium() is None:
        pytest.skip("headless Chromium not installed")
    out = tmp_path / "zeeland.pdf"
    r = _cli(["report", "Zeeland", "-o", str(out)], own_db)
    assert r.returncode == 0, r.stderr
    raw = out.read_bytes()
    assert raw[:5] == b"%PDF-" and raw.count(b"/Type /Page") >= 2


def test_regions_page_makes_the_report(own_db, monkeypatch):
    from test_app import _release, open_page

    monkeypatch.setenv("ZORGNET_DB", str(own_db))
    _release()
    try:
        at = open_page("regios")
        at.selectbox(key="rp_province").set_value("Zeeland").run()
        at.button(key="rp_make").click().run()
        assert not at.exception, [e.value for e in at.exception]
        prov, page = at.session_state["rp_html"]
        assert prov == "Zeeland" and "<h1>Regiorapport Zeeland</h1>" in page
        assert "<script" not in page
        assert any(b.proto.label.startswith("Regiorapport downloaden")
                   for b in at.get("download_button"))
    finally:
        _release()


def test_pages_write_numbers_with_the_languages_separators(own_db, monkeypatch):
    """Modularity, broker figures and link scores: a decimal comma in Dutch, a point
    in English; never both in one language."""
    from test_app import _release, open_page

    monkeypatch.setenv("ZORGNET_DB", str(own_db))
    _release()
    try:
        at = open_page("clusters")
        summary = " ".join(m.value for m in at.markdown)
        assert re.search(r"modulariteit \d+,\d+", summary), summary
        figures = [v for df in at.dataframe for col in df.value.columns
                   if col in ("Tussenpositie", "Constraint")
                   for v in df.value[col]]
        assert all(re.fullmatch(r"\d+(,\d+)?|–", str(v)) for v in figures), figures[:5]
        at = open_page("verbindingen")
        scores = [c.value for c in at.caption if "score" in c.value.lower()]
        assert scores and all(re.search(r"Score \d+(,\d+)?/100$", c) for c in scores), scores
        en = open_page("clusters", lang="en")
        assert re.search(r"modularity \d+\.\d+", " ".join(m.value for m in en.markdown))
    finally:
        _release()
