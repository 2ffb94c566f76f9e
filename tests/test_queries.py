"""The named queries of ``cypher/``: loader, CLI, and every query on both engines.

Each query runs on LadybugDB (``demo_lb``) and on the real Neo4j (``demo_neo4j``)
over the demo graph. The tests check that

* both engines return the same rows (sorted, floats to 6 decimals, lists sorted)
  and in the same order;
* the rows say what the demo CSVs in ``data/demo/`` say (at least one concrete
  fact per query, mostly derived from the CSVs themselves);
* every ``$parameter`` is declared in the header and vice versa.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.model import ORG_KINDS
from graph.regions import PROVINCES
from graph.queries import (
    CYPHER_DIR,
    NamedQuery,
    ParameterError,
    QueryFileError,
    UnknownQuery,
    get_query,
    load_queries,
    readme_text,
    return_columns,
    run_named,
)
from graph.store.base import query_params

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
NAMES = sorted(load_queries())
#: Columns that legitimately differ between two stores (the load time).
VOLATILE = {"nieuwste_documenten": {"geladen_op"}}
#: Relations that make an organisation a member of an initiative or event.
MEMBERSHIP = {"PARTNER_IN", "ORGANISED", "PARTICIPATED_IN", "AFFILIATED_WITH", "FUNDED_BY",
              "PART_OF"}
VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"
OCW = "Ministerie van Onderwijs, Cultuur en Wetenschap"
WERKDAG = "zorgpact-2017-12-werkdag"


# --------------------------------------------------------------------------- demo CSVs


@functools.cache
def _csv(name: str) -> tuple[dict, ...]:
    with open(DEMO / name, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@functools.cache
def entities() -> tuple[dict, ...]:
    """The demo entities as loaded: the CSV rows, with the place and province the
    loader adds from the gazetteer where the CSV leaves them empty."""
    from loaders.demo import demo_batches

    loaded = {(e.name, e.type): e.props for e in demo_batches()[0].entities}
    out = []
    for e in _csv("entiteiten.csv"):
        props = loaded.get((e["naam"], e["type"]), {})
        out.append({**e, "plaats": e["plaats"] or props.get("place") or "",
                    "provincie": e["provincie"] or props.get("province") or ""})
    return tuple(out)


def relations() -> tuple[dict, ...]:
    return _csv("relaties.csv")


def sources() -> dict[str, dict]:
    return {s["bron"]: s for s in _csv("bronnen.csv")}


def bronnen(e: dict) -> set[str]:
    return {b.strip() for b in e["bron"].split("|") if b.strip()}


def org_names() -> set[str]:
    return {e["naam"] for e in entities() if e["type"] in ORG_KINDS}


def members(focus: str) -> set[str]:
    """Organisations tied to ``focus`` by a membership relation, per the CSV."""
    out = set()
    for r in relations():
        if r["relatie"] not in MEMBERSHIP:
            continue
        if r["naar"] == focus and r["type_van"] in ORG_KINDS:
            out.add(r["van"])
        if r["van"] == focus and r["type_naar"] in ORG_KINDS:
            out.add(r["naar"])
    return out


# --------------------------------------------------------------------------- helpers


def run(store, name: str, **params) -> list[dict]:
    return run_named(store, name, params)[1]


def col(rows: list[dict], column: str) -> list:
    return [r[column] for r in rows]


def _norm(v):
    if isinstance(v, float):
        return round(v, 6)
    if isinstance(v, (list, tuple)):
        return tuple(sorted((_norm(x) for x in v), key=repr))
    return v


def _tuples(rows: list[dict], drop=()) -> list[tuple]:
    return [tuple(_norm(v) for k, v in r.items() if k not in drop) for r in rows]




@pytest.fixture
def neo4j_demo(demo_neo4j):
    """The Neo4j store holding exactly the demo (conftest compares all counts)."""
    return demo_neo4j


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def demo_store(request):
    """The demo graph, once per engine."""
    if request.param == "ladybug":
        return request.getfixturevalue("demo_lb")
    return request.getfixturevalue("neo4j_demo")


# --------------------------------------------------------------------------- the files


def test_at_least_fifteen_queries_with_snake_case_names():
    assert len(NAMES) >= 15
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in NAMES)
    assert "schema" not in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_header_is_complete_and_params_are_declared(name):
    q = get_query(name)
    assert q.title and q.description and q.title[0].isupper()
    assert set(q.engines) == {"neo4j", "ladybug"}
    for engine in q.engines:
        assert query_params(q.text_for(engine)) == set(q.params), engine
    for example in q.params.values():
        assert example.strip() == example and example


@pytest.mark.parametrize("name", NAMES)
def test_deterministic_order_and_named_columns(name):
    q = get_query(name)
    for engine in q.engines:
        text = q.text_for(engine)
        last_return = [m.start() for m in re.finditer(r"\bRETURN\b", text)][-1]
        assert re.search(r"\bORDER\s+BY\b", text[last_return:]), f"{engine}: geen ORDER BY"
        cols = return_columns(text)
        assert cols == q.columns("neo4j"), "variant geeft andere kolommen"
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in cols), cols
        assert len(set(cols)) == len(cols)


@pytest.mark.parametrize("name", NAMES)
def test_no_values_pasted_into_the_text(name):
    """Examples live in the header only, never in the Cypher."""
    q = get_query(name)
    for engine in q.engines:
        text = q.text_for(engine)
        for example in q.params.values():
            if not example.isdigit():
                assert example not in text


def test_readme_is_current():
    assert (CYPHER_DIR / "README.md").read_text(encoding="utf-8") == readme_text(), \
        "cypher/README.md is verouderd: python -m graph.queries --write"


def test_readme_lists_every_query_with_an_example():
    text = readme_text()
    for name in NAMES:
        assert f"### {name}" in text
        assert get_query(name).example_command() in text


# --------------------------------------------------------------------------- the loader


def test_unknown_query_names_close_ones():
    with pytest.raises(UnknownQuery) as exc:
        get_query("partners_van_initiatieven")
    assert isinstance(exc.value, KeyError)
    assert "partners_van_initiatief" in str(exc.value)
    assert exc.value.close[0] == "partners_van_initiatief"
    with pytest.raises(UnknownQuery, match="bekende queries"):
        get_query("xyzzy")


def test_bind_fills_examples_and_converts_numbers():
    q = get_query("kortste_keten")
    assert q.bind({}) == {"org_a": "org:school:landstede-groep",
                          "org_b": "org:care_provider:interaktcontour", "max_paths": 10}
    b = q.bind({"org_a": "CZ", "max_paths": "3"})
    assert b == {"org_a": "CZ", "org_b": "org:care_provider:interaktcontour", "max_paths": 3}
    assert isinstance(b["max_paths"], int)
    assert q.bind({"max_paths": 4})["max_paths"] == 4
    # a numeric-looking value of a text parameter stays text
    assert q.bind({"org_a": "31"})["org_a"] == "31"


def test_bind_rejects_unknown_and_malformed_parameters():
    q = get_query("kortste_keten")
    with pytest.raises(ParameterError, match="org_c") as exc:
        q.bind({"org_c": "x"})
    assert "org_a" in str(exc.value)            # the known ones are listed
    with pytest.raises(ParameterError, match="geheel getal"):
        q.bind({"max_paths": "veel"})
    with pytest.raises(ParameterError, match="geheel getal"):
        q.bind({"max_paths": "2.5"})


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


HEAD = "// title: T\n// description: D\n//   verder\n// engines: neo4j, ladybug\n"


def test_float_parameters_and_continuation_lines(tmp_path):
    _write(tmp_path, "drempel.cypher",
           HEAD + "// param: min = 0.5\n// param: n = 3\n"
           "MATCH ()-[r]->() WHERE r.confidence >= $min RETURN count(*) AS c LIMIT $n\n")
    q = load_queries(tmp_path)["drempel"]
    assert q.description == "D verder"
    assert q.bind({}) == {"min": 0.5, "n": 3}
    assert q.bind({"min": "1"}) == {"min": 1.0, "n": 3}
    assert isinstance(q.bind({"min": "1"})["min"], float)
    with pytest.raises(ParameterError, match="getal"):
        q.bind({"min": "hoog"})


def test_variant_is_chosen_per_engine(tmp_path):
    _write(tmp_path, "soort.cypher", HEAD + "MATCH ()-[r]->() RETURN type(r) AS t ORDER BY t\n")
    _write(tmp_path, "soort.ladybug.cypher",
           "// uitleg mag\nMATCH ()-[r]->() RETURN label(r) AS t ORDER BY t\n")
    _write(tmp_path, "schema.cypher", "// title: Schema\nCREATE INDEX x IF NOT EXISTS FOR (n:A) ON (n.b);\n")
    qs = load_queries(tmp_path)
    assert list(qs) == ["soort"]                    # schema.cypher is not a query
    q = qs["soort"]
    assert "type(r)" in q.text_for("neo4j") and "label(r)" in q.text_for("ladybug")
    assert q.variants == {"ladybug": "MATCH ()-[r]->() RETURN label(r) AS t ORDER BY t\n"}
    assert not q.text.startswith("//")              # the header is not part of the text
    # the real folder: shortest paths are written differently per engine
    k = get_query("kortste_keten")
    assert "allShortestPaths" in k.text_for("neo4j")
    assert "ALL SHORTEST" in k.text_for("ladybug")
    p = get_query("partners_van_initiatief")
    assert "type(r)" in p.text_for("neo4j") and "label(r)" in p.text_for("ladybug")
    e = get_query("evenementen_per_regio_en_jaar")
    assert e.variants == {} and e.text_for("ladybug") == e.text_for("neo4j") == e.text


@pytest.mark.parametrize("files, message", [
    ({"a.cypher": HEAD + "MATCH (n) WHERE n.id = $id RETURN n.id AS id ORDER BY id\n"},
     "niet-gedeclareerde parameter"),
    ({"a.cypher": HEAD + "// param: id = x\nMATCH (n) RETURN n.id AS id ORDER BY id\n"},
     "niet gebruikt"),
    ({"a.cypher": "// description: D\n// engines: neo4j\nRETURN 1 AS x ORDER BY x\n"},
     "title"),
    ({"a.cypher": HEAD.replace("neo4j, ladybug", "neo4j, oracle") + "RETURN 1 AS x\n"},
     "onbekende engine"),
    ({"a.cypher": HEAD + "// param: id\nRETURN $id AS x\n"}, "naam = voorbeeldwaarde"),
    ({"a.cypher": HEAD + "// parameter: id = 1\nRETURN 1 AS x\n"}, "onbekende kopregel"),
    ({"Hoofd-Letters.cypher": HEAD + "RETURN 1 AS x\n"}, "snake_case"),
    ({"a.ladybug.cypher": "RETURN 1 AS x\n"}, "variant zonder a.cypher"),
    ({"a.cypher": HEAD + "RETURN 1 AS x\n", "a.ladybug.cypher": "RETURN $y AS x\n"},
     "niet-gedeclareerde parameter"),
    ({"a.cypher": HEAD + "RETURN 1 AS x\n", "a.ladybug.cypher": "// title: X\nRETURN 1 AS x\n"},
     "geen eigen kop"),
])
def test_bad_files_are_refused_at_load_time(tmp_path, files, message):
    for fname, text in files.items():
        _write(tmp_path, fname, text)
    with pytest.raises(QueryFileError, match=message):
        load_queries(tmp_path)


def test_load_queries_is_cached_and_returns_copies():
    a, b = load_queries(), load_queries()
    assert a == b and a is not b
    assert a["kortste_keten"] is b["kortste_keten"]
    assert isinstance(a["kortste_keten"], NamedQuery)
    with pytest.raises(Exception):
        a["kortste_keten"].name = "x"               # frozen


def test_return_columns_ignores_strings_comments_and_nesting():
    assert return_columns("MATCH (n) RETURN DISTINCT n.id AS id, f(a, b) AS y, "
                          "'a, b' AS z, n.name // x, y\nORDER BY id") == ["id", "y", "z", "n.name"]
    assert return_columns("MATCH (n) RETURN n") == ["n"]


def test_run_named_fills_in_examples_and_reports_columns_of_empty_results(demo_lb):
    cols, rows = run_named(demo_lb, "partners_van_initiatief", {})
    assert {r["organisatie"] for r in rows} == members("Zorgpact Flevoland")
    cols, rows = run_named(demo_lb, "partners_van_initiatief",
                           {"initiative": "bestaat niet"})
    assert rows == [] and cols == get_query("partners_van_initiatief").columns("ladybug")
    with pytest.raises(ParameterError):
        run_named(demo_lb, "partners_van_initiatief", {"initiatief": "x"})
    with pytest.raises(UnknownQuery):
        run_named(demo_lb, "partners", {})


# --------------------------------------------------------------------------- both engines

#: Extra parameter sets compared across the engines (besides the examples).
ALT_PARAMS = [
    ("partners_van_initiatief", {"initiative": "Kopgroep Zorgpact"}),
    ("initiatieven_van_organisatie", {"org": "landstede groep"}),
    ("banden_van_organisatie", {"org": "Windesheim Flevoland"}),
    ("regios_zonder_soort", {"kind": "care_provider"}),
    ("regios_zonder_soort", {"kind": "government"}),
    ("kortste_keten", {"org_a": "CZ", "org_b": "Utrechtzorg"}),
    ("kortste_keten", {"org_a": "Blokker", "org_b": "CZ"}),
    ("verbindende_personen", {"min_orgs": "5"}),
    ("nieuwste_documenten", {"limit": "2"}),
    ("beweringen_uit_document", {"doc": "Energieke Kopgroepbijeenkomst Zwolle"}),
    ("entiteiten_uit_document", {"doc": "zorgnet-demo#zorgpact-flevoland-2016-11"}),
    ("ontbrekende_verbindingen", {"min_shared": "2"}),
    ("ontbrekende_verbindingen", {"max_members": "3"}),
    ("gedeelde_partners", {"max_members": "4"}),
    ("eenmalig_genoemde_entiteiten", {"max_docs": "2"}),
    ("mogelijke_dubbelen", {"prefix": "10"}),
    ("ontbrekende_verbindingen", {"limit": "5"}),
    ("gedeelde_partners", {"limit": "5", "min_partners": "1"}),
]
CASES = [pytest.param(n, {}, id=n) for n in NAMES] + [
    pytest.param(n, p, id=f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items())}")
    for n, p in ALT_PARAMS]


@pytest.mark.neo4j
@pytest.mark.parametrize("name, params", CASES)
def test_both_engines_return_the_same_rows(name, params, demo_lb, neo4j_demo):
    cols_lb, rows_lb = run_named(demo_lb, name, params)
    cols_n4, rows_n4 = run_named(neo4j_demo, name, params)
    assert cols_lb == cols_n4 == get_query(name).columns("neo4j")
    drop = VOLATILE.get(name, set())
    a, b = _tuples(rows_lb, drop), _tuples(rows_n4, drop)
    assert sorted(a, key=repr) == sorted(b, key=repr)
    if not drop:
        assert a == b, "zelfde rijen, andere volgorde"


# --------------------------------------------------------------------------- demo facts

CHECKS = {}


def check(name):
    def deco(fn):
        CHECKS[name] = fn
        return fn
    return deco


@check("partners_van_initiatief")
def _partners(store):
    rows = run(store, "partners_van_initiatief")
    assert {r["organisatie"] for r in rows} == members("Zorgpact Flevoland") == {
        "InteraktContour", "Windesheim Flevoland", "Zowelwerk"}
    w = next(r for r in rows if r["organisatie"] == "Windesheim Flevoland")
    assert w["soort"] == "school" and w["organisatie_id"] == "org:school:windesheim-flevoland"
    assert sorted(w["relaties"]) == ["ORGANISED", "PARTNER_IN"]
    assert w["rollen"] == ["initiatiefnemer"] and w["bronnen"] == 1
    i = next(r for r in rows if r["organisatie"] == "InteraktContour")
    assert i["relaties"] == ["PARTNER_IN"] and i["rollen"] == ["partner"]
    # by name, case-insensitively; koplopers are part of the Kopgroep
    rows = run(store, "partners_van_initiatief", initiative="kopgroep zorgpact")
    assert {r["organisatie"] for r in rows} == members("Kopgroep Zorgpact") == {
        "Cordaan", "TOP College, academie voor Zorg en Welzijn"}
    assert all(r["relaties"] == ["PART_OF"] for r in rows)


@check("initiatieven_van_organisatie")
def _initiatives(store):
    rows = run(store, "initiatieven_van_organisatie")
    assert [(r["initiatief"], r["subsoort"], r["schaal"], r["sinds"]) for r in rows] == [
        ("Zorgpact Flevoland", "pact", "regional", sources()[
            "zorgpact-flevoland-2016-11"]["datum"])]
    rows = run(store, "initiatieven_van_organisatie", org="Landstede Groep")
    assert col(rows, "initiatief") == ["Zorgtrainingscentrum Zwolle"]
    rows = run(store, "initiatieven_van_organisatie", org=VWS)
    assert set(col(rows, "initiatief")) == {
        r["naar"] for r in relations() if r["van"] == VWS and r["type_naar"] == "initiative"
        and r["relatie"] in MEMBERSHIP} == {
        "Actie Leer Netwerk", "Actieprogramma Werken in de Zorg", "Ik Zorg", "Zorgpact",
        "Nieuw beleidsprogramma regionale werkgeversorganisaties en RegioPlus (vanaf 2020)",
        "Verkenning Platform31 samenwerking Zorgpact"}
    verkenning = next(r for r in rows if r["initiatief"].startswith("Verkenning"))
    assert verkenning["rollen"] == ["opdrachtgever"]


@check("banden_van_organisatie")
def _ties(store):
    rows = run(store, "banden_van_organisatie")
    expected = [r for r in relations() if VWS in (r["van"], r["naar"])]
    assert len(rows) == len(expected) == 17
    assert {(r["relatie"], r["ander"]) for r in rows} == {
        (r["relatie"], r["naar"] if r["van"] == VWS else r["van"]) for r in expected}
    blokhuis = next(r for r in rows if r["ander"] == "Paul Blokhuis")
    assert blokhuis["relatie"] == "AFFILIATED_WITH" and blokhuis["richting"] == "in"
    assert blokhuis["rol"] == "staatssecretaris" and blokhuis["zin"] == "staatssecretaris bij VWS"
    assert blokhuis["document"] == sources()[WERKDAG]["titel"]
    assert blokhuis["datum"] == sources()[WERKDAG]["datum"] == "2017-12-08"
    assert blokhuis["zekerheid"] == pytest.approx(1.0)
    themaweek = [r for r in rows if r["ander"].startswith("Themaweek")]
    assert [(r["richting"], r["rol"]) for r in themaweek] == [("uit", "gastlocatie")]
    assert all(r["richting"] == "uit" for r in rows if r["relatie"] == "PARTICIPATED_IN")


@check("organisaties_per_regio_en_soort")
def _per_region(store):
    rows = run(store, "organisaties_per_regio_en_soort")
    assert sum(col(rows, "aantal")) == len(org_names()) >= 800
    by_key = {(r["provincie"], r["soort"]): r for r in rows}
    zh = by_key[("Zuid-Holland", "government")]
    # kabinet and the ministries get their seat (Den Haag) from the gazetteer
    expected = sorted(e["naam"] for e in entities()
                      if e["type"] == "government" and e["provincie"] == "Zuid-Holland")
    assert zh["sector"] == "overheid" and zh["aantal"] == len(expected) >= 50
    assert zh["organisaties"] == expected and {"kabinet", VWS, OCW} <= set(expected)
    assert {p for p, _ in by_key} >= set(PROVINCES)                     # all twelve
    assert "Windesheim Flevoland" in by_key[("Flevoland", "school")]["organisaties"]
    assert "CZ" in by_key[("Noord-Brabant", "insurer")]["organisaties"]
    assert "Blokker" in by_key[("(onbekend)", "company")]["organisaties"]


@check("regios_zonder_soort")
def _without_kind(store):
    # every province has a school that takes part in an initiative or event
    assert run(store, "regios_zonder_soort") == []
    # Drenthe: five care providers are seated there, none is in an initiative
    rows = run(store, "regios_zonder_soort", kind="care_provider")
    assert [(r["provincie"], r["gevestigd_van_soort"], r["actieve_organisaties"])
            for r in rows] == [("Drenthe", 5, 4)]
    rows = run(store, "regios_zonder_soort", kind="employer_org")
    assert col(rows, "provincie") == ["Drenthe", "Gelderland", "Groningen", "Limburg",
                                      "Noord-Brabant", "Zeeland"]
    # Utrechtzorg (Utrecht) takes part in initiatives now: Utrecht is not listed
    assert next(r for r in rows if r["provincie"] == "Noord-Brabant")["gevestigd_van_soort"] == 1


@check("samenwerking_tussen_provincies")
def _cross_region(store):
    rows = run(store, "samenwerking_tussen_provincies")
    by_pair = {(r["provincie_a"], r["provincie_b"]): r for r in rows}
    assert len(rows) == 24 and all(a < b for a, b in by_pair)
    lnb = by_pair[("Limburg", "Noord-Brabant")]                   # most pairs first
    assert rows[0] == lnb and lnb["organisatieparen"] == 26
    assert (lnb["organisaties_a"], lnb["organisaties_b"]) == (2, 13)
    assert lnb["initiatieven_en_evenementen"] == [
        "Mini hackathon practoraat Tech@doptie (4 juni 2018)", "Sterk Zorg- en Welzijnsonderwijs"]
    fg = by_pair[("Flevoland", "Gelderland")]
    assert fg["organisatieparen"] == 11 and (fg["organisaties_a"], fg["organisaties_b"]) == (3, 10)
    assert "Zorgpact Flevoland" in fg["initiatieven_en_evenementen"]
    pairs = col(rows, "organisatieparen")
    assert pairs == sorted(pairs, reverse=True)


@check("provincieparen_zonder_banden")
def _pairs_without(store):
    rows = run(store, "provincieparen_zonder_banden")
    tied = {(r["provincie_a"], r["provincie_b"])
            for r in run(store, "samenwerking_tussen_provincies")}
    pairs = {(r["provincie_a"], r["provincie_b"]) for r in rows}
    assert all(a < b and {a, b} <= set(PROVINCES) for a, b in pairs)
    assert len(rows) == 66 - len(tied) == 42 and not pairs & tied   # 12 provinces: 66 pairs
    assert ("Flevoland", "Gelderland") not in pairs and ("Drenthe", "Zeeland") in pairs
    assert rows[0]["provincie_a"] == "Noord-Brabant" and rows[0]["organisaties_a"] == 128


@check("kortste_keten")
def _chain(store):
    rows = run(store, "kortste_keten")
    assert rows and len({r["stappen"] for r in rows}) == 1
    first = rows[0]
    assert first["stappen"] == 5
    assert first["keten"] == ("Landstede Groep > Kopgroepbijeenkomst Zwolle (27 maart) > Zorgpact"
                              " > Regionale Zorgpacten > Zorgpact Flevoland > InteraktContour")
    assert first["soorten_keten"].split(" > ")[0] == "school"
    assert first["id_keten"].startswith("org:school:landstede-groep > ")
    rows = run(store, "kortste_keten", org_a="CZ", org_b="utrechtzorg")
    assert sorted(r["keten"] for r in rows) == [
        "CZ > Inspiratiesessie ‘Regioplannen IZA x Innovatie en Arbeidsmarkt’ > " + VWS
        + " > Landelijke Werkdag Zorgpact 2017 > Utrechtzorg",
        "CZ > Inspiratiesessie ‘Regioplannen IZA x Innovatie en Arbeidsmarkt’ > Zorg aan Zet"
        " > Regionale Actieplannen Aanpak Tekorten > Utrechtzorg"]
    assert run(store, "kortste_keten", org_a="Blokker", org_b="CZ") == []   # Blokker: no ties
    assert run(store, "kortste_keten", org_a="CZ", org_b="CZ") == []


@check("verbindende_personen")
def _connectors(store):
    rows = run(store, "verbindende_personen")
    assert rows[0]["persoon"] == "Doekle Terpstra" and rows[0]["functie"] == "Zorgpactaanjager"
    assert {"kabinet", "Landstede Groep", VWS} <= set(rows[0]["organisaties"])
    blokhuis = next(r for r in rows if r["persoon"] == "Paul Blokhuis")
    assert blokhuis["eigen_organisaties"] == [VWS]
    assert blokhuis["organisaties"] == sorted([VWS, "Utrechtzorg", "WGV Zorg en Welzijn"])
    assert blokhuis["verbonden_organisaties"] == 3
    assert all(r["verbonden_organisaties"] >= 2 for r in rows)
    counts = col(rows, "verbonden_organisaties")
    assert counts == sorted(counts, reverse=True)
    rows = run(store, "verbindende_personen", min_orgs="5")
    assert "Paul Blokhuis" not in col(rows, "persoon") and min(col(rows, "verbonden_organisaties")) == 5


@check("evenementen_per_regio_en_jaar")
def _events(store):
    rows = run(store, "evenementen_per_regio_en_jaar")
    assert sum(col(rows, "aantal")) == sum(e["type"] == "event" for e in entities()) == 25
    by_key = {(r["provincie"], r["jaar"]): r["evenementen"] for r in rows}
    assert by_key[("Utrecht", "2017")] == ["Landelijke Werkdag Zorgpact 2017"]
    assert by_key[("Overijssel", "2018")] == ["Kopgroepbijeenkomst Zwolle (27 maart)"]
    assert by_key[("Zuid-Holland", "2018")] == [
        "Themaweek VWS en OCW ‘innovatieve samenwerkingen’ (19-23 maart)"]
    assert by_key[("Flevoland", "2017")] == [
        "Regionale themadag gemeenschappelijke taal (maart 2017)"]
    # the date in an event's name (corpus pages) is its date
    assert by_key[("Drenthe", "2023")] == [
        "Werkbezoek minister Dijkgraaf Emmen (11 september 2023)"]
    assert "Opening Future Care Labs (14 januari 2019)" in by_key[("Utrecht", "2019")]


@check("nieuwste_documenten")
def _documents(store):
    rows = run(store, "nieuwste_documenten", limit="100")
    titles = {s["titel"]: b for b, s in sources().items()}
    assert set(col(rows, "titel")) == set(titles)
    for r in rows:
        b = titles[r["titel"]]
        assert r["beweringen"] == sum(x["bron"] == b for x in relations())
        assert r["entiteiten"] == sum(b in bronnen(e) for e in entities())
        assert r["alleen_in_dit_document"] == sum(bronnen(e) == {b} for e in entities())
        assert r["datum"] == (sources()[b]["datum"] or None)
    werkdag = next(r for r in rows if titles[r["titel"]] == WERKDAG)
    assert (werkdag["beweringen"], werkdag["entiteiten"]) == (20, 14)
    assert len(run(store, "nieuwste_documenten", limit="2")) == 2


@check("beweringen_uit_document")
def _claims(store):
    rows = run(store, "beweringen_uit_document")
    expected = [r for r in relations() if r["bron"] == WERKDAG]
    assert len(rows) == len(expected) == 20
    # (region names may be canonicalised by the loader: 'Provincie Utrecht' -> 'Utrecht')
    assert {(r["van"], r["relatie"], "" if r["soort_naar"] == "region" else r["naar"], r["zin"])
            for r in rows} == {
        (r["van"], r["relatie"], "" if r["type_naar"] == "region" else r["naar"],
         r["toelichting"]) for r in expected}
    assert set(col(rows, "document")) == {sources()[WERKDAG]["titel"]}
    assert set(col(rows, "datum")) == {"2017-12-08"}
    rows = run(store, "beweringen_uit_document", doc="Energieke Kopgroepbijeenkomst Zwolle")
    assert len(rows) == sum(r["bron"] == "zorgpact-2018-03-kopgroep-zwolle" for r in relations())
    coloriet = [r for r in rows if r["van"] == "Coloriet" and r["relatie"] == "PARTNER_IN"]
    assert [(r["naar"], r["rol"], r["zekerheid"]) for r in coloriet] == [
        ("Zorgtrainingscentrum Zwolle", "nieuwe partner", 1.0)]


@check("entiteiten_uit_document")
def _entities_of_document(store):
    rows = run(store, "entiteiten_uit_document")
    named = [e for e in entities() if WERKDAG in bronnen(e)]
    assert len(rows) == len(named) == 14
    assert {r["naam"] for r in rows if r["soort"] != "region"} == {
        e["naam"] for e in named if e["type"] != "region"}
    by_name = {r["naam"]: r for r in rows}
    assert by_name["Erna Laclé"]["alleen_hier"] is True
    zp = by_name["Zorgpact"]
    zorgpact = next(e for e in entities() if e["naam"] == "Zorgpact")
    assert zp["alleen_hier"] is False
    assert zp["andere_documenten"] == len(bronnen(zorgpact)) - 1 >= 10   # a national programme
    assert "staatssecretaris Blokhuis" in by_name["Paul Blokhuis"]["schrijfwijzen"]
    rows = run(store, "entiteiten_uit_document", doc="zorgnet-demo#zorgpact-flevoland-2016-11")
    assert "InteraktContour" in col(rows, "naam")


@check("ontbrekende_verbindingen")
def _missing_links(store):
    rows = run(store, "ontbrekende_verbindingen")
    by_pair = {frozenset((r["organisatie_a"], r["organisatie_b"])): r for r in rows}
    vws_ocw = by_pair[frozenset((VWS, OCW))]
    assert vws_ocw["gedeeld"] == 3 and set(vws_ocw["gedeelde_activiteiten"]) >= {
        "Themaweek VWS en OCW ‘innovatieve samenwerkingen’ (19-23 maart)",
        "Verkenning Platform31 samenwerking Zorgpact"}
    assert rows[0]["organisatie_a"] == "Drenthe College" and rows[0]["gedeeld"] == 4
    # every pair shares something, per the CSV; no pair twice, no organisation with itself
    for r in rows:
        a, b = r["organisatie_a"], r["organisatie_b"]
        assert a != b and r["organisatie_a_id"] < r["organisatie_b_id"]
        for focus in r["gedeelde_activiteiten"]:
            assert {a, b} <= members(focus), (a, b, focus)
    assert len(by_pair) == len(rows)
    shared = col(rows, "gedeeld")
    assert shared == sorted(shared, reverse=True)
    assert run(store, "ontbrekende_verbindingen", limit="5") == rows[:5]
    two = run(store, "ontbrekende_verbindingen", min_shared="2")
    assert len(two) == 27 and all(r["gedeeld"] >= 2 for r in two)
    assert sum(r["gedeeld"] == 2 for r in two) == 25
    # the Themaweek has 6 organisations: with max_members 5 it no longer counts
    small = run(store, "ontbrekende_verbindingen", max_members="5")
    assert all("Themaweek" not in " ".join(r["gedeelde_activiteiten"]) for r in small)


@check("gedeelde_partners")
def _shared_partners(store):
    rows = run(store, "gedeelde_partners")
    by_pair = {frozenset((r["organisatie_a"], r["organisatie_b"])): r for r in rows}
    # CZ (Inspiratiesessie) and Utrechtzorg (Werkdag, RAAT) both meet VWS and Zorg aan Zet
    cz_uz = by_pair[frozenset(("CZ", "Utrechtzorg"))]
    assert cz_uz["gedeelde_partners"] == [VWS, "Zorg aan Zet"]
    assert cz_uz["aantal_gedeelde_partners"] == 2
    # pairs that already share an initiative or event are not candidates
    assert frozenset((VWS, OCW)) not in by_pair
    assert run(store, "gedeelde_partners", limit="3") == rows[:3]
    direct = {frozenset((r["organisatie_a"], r["organisatie_b"]))
              for r in run(store, "ontbrekende_verbindingen")}
    assert not direct & set(by_pair)


@check("eenmalig_genoemde_entiteiten")
def _thin_evidence(store):
    rows = run(store, "eenmalig_genoemde_entiteiten")
    rel_docs: dict[tuple, set] = {}
    for r in relations():
        rel_docs.setdefault((r["van"], r["type_van"]), set()).add(r["bron"])
        rel_docs.setdefault((r["naar"], r["type_naar"]), set()).add(r["bron"])
    expected = {e["naam"] for e in entities()
                if len(bronnen(e)) <= 1 and len(rel_docs.get((e["naam"], e["type"]), ())) <= 1}
    assert set(col(rows, "naam")) == expected
    assert {"Blokker", "Erna Laclé"} <= expected and "Zorgpact" not in expected
    blokker = next(r for r in rows if r["naam"] == "Blokker")        # mentioned, no relation
    assert blokker["beweringen"] == 0
    assert blokker["document"] == "Energieke Kopgroepbijeenkomst Zwolle"
    # the reference organisations are known from the reference list only, without relations
    ref = [r for r in rows if r["document"] == sources()["referentielijst"]["titel"]]
    assert len(ref) == sum(bronnen(e) == {"referentielijst"} for e in entities()) >= 500
    assert all(r["beweringen"] == 0 for r in ref)
    two = set(col(run(store, "eenmalig_genoemde_entiteiten", max_docs="2"), "naam"))
    assert "Doekle Terpstra" not in two and "Erna Laclé" in two and expected < two
    assert "Cordaan" in two - expected                      # two pages, one relation each


@check("mogelijke_dubbelen")
def _duplicates(store):
    rows = run(store, "mogelijke_dubbelen")
    pairs = {frozenset((r["entiteit_a"], r["entiteit_b"])) for r in rows}
    assert pairs >= {frozenset(("Zorgpact", other)) for other in
                     ("Zorgpact Flevoland", "Kopgroep Zorgpact",
                      "Verkenning Platform31 samenwerking Zorgpact")}
    assert {frozenset(("Pantein", "Maasziekenhuis Pantein")),
            frozenset(("Aeres", "Aeres Hogeschool"))} <= pairs and len(rows) == 20
    assert {(r["reden"], r["rang"]) for r in rows} == {("naam bevat de andere naam", 4),
                                                       ("zelfde begin", 5)}
    # whole words only: 'Regionale Zorgpacten' does not contain the word 'Zorgpact'
    assert all("Regionale Zorgpacten" not in (r["entiteit_a"], r["entiteit_b"]) for r in rows)
    # province and municipality Utrecht are two regions, not a duplicate
    assert all("Utrecht" not in (r["entiteit_a"], r["entiteit_b"]) for r in rows)
    rows = run(store, "mogelijke_dubbelen", prefix="10")
    same_start = [r for r in rows if r["reden"] == "zelfde begin"]
    assert same_start and all(r["rang"] == 5 for r in same_start)
    assert any(r["entiteit_a"] == "Gemeente Aa en Hunze" for r in same_start)


@check("relaties_zonder_bewijs")
def _without_evidence(store):
    assert all(r["toelichting"].strip() and r["bron"] for r in relations())
    assert run(store, "relaties_zonder_bewijs") == []


@check("beoordelingen")
def _verdicts(store):
    assert run(store, "beoordelingen") == []            # the demo holds no verdicts


def test_every_query_has_a_demo_check():
    assert sorted(CHECKS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_rows_match_the_demo_data(demo_store, name):
    CHECKS[name](demo_store)


# --------------------------------------------------------------------------- data quality


@pytest.fixture
def flawed_lb(tmp_path):
    """The demo plus a few flaws and a judgment, on a private LadybugDB."""
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches
    from loaders.rows import Batch, DocumentRow, EntityRow, RelationRow

    with LadybugStore(tmp_path / "flawed.lbug") as s:
        s.load(demo_batches())
        doc = DocumentRow(source="test#kwaliteit", title="Testbron", checksum="t1")
        coloriet = EntityRow("Coloriet", "care_provider")
        pact = EntityRow("Zorgpact Testregio", "initiative")
        s.load([Batch(
            documents=[doc],
            entities=[coloriet, pact,
                      EntityRow("Coloriet", "school"),            # same name, other kind
                      EntityRow("Landstede", "school")],          # an alias of Landstede Groep
            relations=[RelationRow(coloriet.id, "PARTNER_IN", pact.id, doc.id, sentence="")],
        )])
        # Data written outside Zorgnet's loaders (which refuse a relation without a
        # stored source): an initiative and a relation citing no Document.
        from graph.model import merge_node_cypher, merge_rel_cypher

        orphan = EntityRow("Testinitiatief zonder bron", "initiative")
        s._run_in_transaction([
            (merge_node_cypher("Initiative"), {"rows": [orphan.as_row()]}),
            (merge_rel_cypher("PARTNER_IN", "Organisation", "Initiative"), {"rows": [
                RelationRow(coloriet.id, "PARTNER_IN", orphan.id, "doc:bestaat-niet",
                            sentence="iets").as_row()]}),
        ])
        s.judge("org:government:ministerie-van-onderwijs-cultuur-en-wetenschap",
                "org:government:ministerie-van-volksgezondheid-welzijn-en-sport",
                "niet_relevant", by="test")
        yield s


def test_quality_queries_find_the_flaws(flawed_lb):
    rows = run(flawed_lb, "relaties_zonder_bewijs")
    assert [(r["van"], r["relatie"], r["naar"], r["probleem"]) for r in rows] == [
        ("Coloriet", "PARTNER_IN", "Testinitiatief zonder bron", "onbekend document"),
        ("Coloriet", "PARTNER_IN", "Zorgpact Testregio", "geen zin")]
    dup = {(r["reden"], frozenset((r["entiteit_a"], r["entiteit_b"])))
           for r in run(flawed_lb, "mogelijke_dubbelen")}
    assert ("zelfde naam, andere soort", frozenset(["Coloriet"])) in dup
    assert ("naam is alias van de ander", frozenset(["Landstede Groep", "Landstede"])) in dup
    once = set(col(run(flawed_lb, "eenmalig_genoemde_entiteiten"), "naam"))
    assert {"Zorgpact Testregio", "Landstede"} <= once


def test_judged_pairs_are_no_longer_suggested(flawed_lb, demo_lb):
    pair = frozenset((VWS, OCW))

    def pairs(store):
        return {frozenset((r["organisatie_a"], r["organisatie_b"]))
                for r in run(store, "ontbrekende_verbindingen")}

    assert pair in pairs(demo_lb) and pair not in pairs(flawed_lb)
    assert pairs(demo_lb) - pairs(flawed_lb) == {pair}
    verdicts = run(flawed_lb, "beoordelingen")
    assert [(r["source_name"], r["target_name"], r["verdict"], r["judged_by"])
            for r in verdicts] == [(OCW, VWS, "niet_relevant", "test")]


# --------------------------------------------------------------------------- CLI

runner = CliRunner()


@pytest.fixture
def cli_demo():
    from zorgnet.cli import app

    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 0, res.output
    return app


def test_cli_lists_the_queries():
    from zorgnet.cli import app

    res = runner.invoke(app, ["queries"])
    assert res.exit_code == 0, res.output
    for name in NAMES:
        assert name in res.stdout
    assert "initiative=ini:zorgpact-flevoland" in res.stdout
    res = runner.invoke(app, ["queries", "--json"])
    listed = json.loads(res.stdout)
    assert [q["name"] for q in listed] == NAMES
    assert next(q for q in listed if q["name"] == "kortste_keten")["variants"] == ["ladybug"]


def test_cli_query_formats(cli_demo):
    res = runner.invoke(cli_demo, ["query", "partners_van_initiatief", "--param",
                                   "initiative=Zorgpact Flevoland", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {r["organisatie"] for r in data} == members("Zorgpact Flevoland")
    res = runner.invoke(cli_demo, ["query", "samenwerking_tussen_provincies", "-f", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("provincie_a,provincie_b,organisatieparen")
    assert lines[1].startswith("Limburg,Noord-Brabant,26,")
    res = runner.invoke(cli_demo, ["query", "kortste_keten", "-p", "org_a=CZ",
                                   "-p", "org_b=Utrechtzorg"])
    assert res.exit_code == 0, res.output
    assert "stappen" in res.stdout.splitlines()[0] and "(2 rijen)" in res.stdout
    # examples fill in what is not given
    res = runner.invoke(cli_demo, ["query", "initiatieven_van_organisatie"])
    assert "Zorgpact Flevoland" in res.stdout and "(1 rij)" in res.stdout
    res = runner.invoke(cli_demo, ["query", "relaties_zonder_bewijs"])
    assert res.exit_code == 0 and "(0 rijen)" in res.stdout
    assert res.stdout.splitlines()[0].split()[:2] == ["van_id", "van"]


def test_cli_shows_the_cypher_per_engine(monkeypatch):
    from zorgnet.cli import app

    res = runner.invoke(app, ["query", "kortste_keten", "--cypher", "-p", "org_a=CZ"])
    assert res.exit_code == 0 and "ALL SHORTEST" in res.stdout and '"org_a": "CZ"' in res.stdout
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    res = runner.invoke(app, ["query", "kortste_keten", "--cypher"])
    assert res.exit_code == 0 and "allShortestPaths" in res.stdout


@pytest.mark.parametrize("args, message", [
    (["query", "partners"], "partners_van_initiatief"),
    (["query", "kortste_keten", "-p", "max_paths=veel"], "geheel getal"),
    (["query", "kortste_keten", "-p", "org_c=CZ"], "org_c"),
    (["query", "kortste_keten", "-p", "org_a"], "naam=waarde"),
    (["query", "kortste_keten", "-f", "xml"], "onbekend formaat"),
    (["query", "kortste_keten"], "geen database"),
])
def test_cli_errors_are_one_red_line_and_exit_2(args, message):
    from zorgnet.cli import app

    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert res.stdout == ""
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("fout: ") and message in err[0]


def test_cli_reports_an_unreachable_neo4j(monkeypatch):
    from zorgnet.cli import app

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    res = runner.invoke(app, ["query", "kortste_keten"])
    assert res.exit_code == 2 and res.stderr.startswith("fout: Neo4j niet bereikbaar")
