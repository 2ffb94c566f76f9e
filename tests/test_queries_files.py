"""The named queries' files and their loader: headers, parameters, variants, README
(see ``tests/queries_common.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.queries import CYPHER_DIR, NamedQuery, ParameterError, QueryFileError, UnknownQuery, get_query, load_queries, readme_text, return_columns, run_named
from graph.store.base import query_params
from queries_common import NAMES, members


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
