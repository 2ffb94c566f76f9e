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
    # aliases are names, not phrases of a page
    aliases = [a for e in _rows("entiteiten.csv") for a in e["aliassen"].split("|") if a]
    assert len(aliases) > 500 and max(len(a.split()) for a in aliases) <= 8


def _surfaces() -> dict[tuple[str, str], set[str]]:
    """(name, type) of every demo entity -> its normalised name and aliases."""
    from graph.geo import canonical_province
    from graph.model import normalise_name

    out = {}
    for e in _rows("entiteiten.csv"):
        forms = {e["naam"], *e["aliassen"].split("|")} - {""}
        if e["type"] == "region" and e["niveau"] == "province":
            forms.add(canonical_province(e["naam"]) or e["naam"])
        out[(e["naam"], e["type"])] = {normalise_name(f) for f in forms}
    return out


def _missing_gold(gold_file, bron_of) -> list:
    """Gold relations of ``gold_file`` without a demo row (both ends matched by name or
    alias, same relation, cited by that page)."""
    import json

    from graph.model import normalise_name

    surf = _surfaces()
    rows = {(r["van"], r["type_van"], r["relatie"], r["naar"], r["type_naar"], r["bron"])
            for r in _rows("relaties.csv")}
    missing = []
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        bron = bron_of(doc["doc"])
        forms = {e["name"]: {normalise_name(x) for x in [e["name"], *e.get("aliases", [])]}
                 for e in doc["entities"]}

        def ends(name):
            return {k for k, s in surf.items() if s & forms.get(name, {normalise_name(name)})}

        for r in doc["relations"]:
            a, b = ends(r["src"]), ends(r["dst"])
            if a and a == b:
                continue                       # two names of one organisation in the demo
            if not any((x[0], x[1], r["rel"], y[0], y[1], bron) in rows for x in a for y in b):
                missing.append((doc["doc"], r["src"], r["rel"], r["dst"]))
    return missing


#: The seed pages (``shared/seeds``) and the demo sources that state their facts.
SEED_SOURCES = {"000": "zorgpact-2017-12-werkdag", "001": "zorgpact-2018-03-themaweek",
                "002": "slimmer-leven-iza-inspiratiesessie",
                "003": "zorgpact-2018-03-kopgroep-zwolle", "004": "zorgpact-flevoland-2016-11"}


def test_every_gold_relation_is_in_the_demo(gold_path):
    assert _missing_gold(gold_path, lambda doc: SEED_SOURCES[doc[:3]]) == []
    corpus = gold_path.parents[1] / "corpus" / "gold.jsonl"
    assert _missing_gold(corpus, lambda doc: "pagina-" + doc.removesuffix(".txt")) == []
