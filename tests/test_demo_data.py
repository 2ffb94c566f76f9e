"""The bundled demo is a national network (issue 11): what it must hold."""

from __future__ import annotations

import csv

from graph.collaboration import collaboration_graph
from graph.regions import PROVINCES
from loaders.demo import DEMO_DIR


def _rows(name: str) -> list[dict]:
    with (DEMO_DIR / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_national_coverage(demo_graph):
    C = collaboration_graph(demo_graph)
    tied = [n for n in C if C.degree(n) > 0]
    assert C.number_of_nodes() >= 300 and len(tied) >= 150
    assert {C.nodes[n]["province"] for n in tied} - {None} == set(PROVINCES)
    years = {d["date"][:4] for _, d in demo_graph.nodes(data=True)
             if d.get("label") == "Document" and d.get("date")}
    assert min(years) <= "2016" and max(years) == "2025"


def test_known_organisations_have_no_ties_and_umbrellas_are_marked(demo_graph):
    C = collaboration_graph(demo_graph)
    ref = next(n for n, d in demo_graph.nodes(data=True)
               if d.get("label") == "Document" and d.get("doctype") == "referentielijst")
    known = "org:government:gemeente-aa-en-hunze"
    assert [v for _, v in demo_graph.out_edges(known)] == [ref]       # only MENTIONED_IN
    assert C.degree(known) == 0 and not C.nodes[known]["active"]
    marked = {d["name"] for _, d in demo_graph.nodes(data=True) if d.get("umbrella") == "true"}
    assert {"kabinet", "Zorgpact", "Ministerie van Volksgezondheid, Welzijn en Sport"} <= marked
    assert "Zorgpact Flevoland" not in marked and "Hanze" not in marked


def test_corpus_facts_cite_their_page_url_not_its_text():
    urls = {s["bron"]: s["url"] for s in _rows("bronnen.csv")}
    corpus = [r for r in _rows("relaties.csv") if r["bron"].startswith("pagina-")]
    assert len(corpus) >= 500
    for r in corpus:
        assert urls[r["bron"]].startswith("http")
        assert r["toelichting"] in (f"uit gold-annotatie van {urls[r['bron']]}",
                                    "gemeente in provincie (referentielijst)")
