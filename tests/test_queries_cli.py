"""``zorgnet queries`` and ``zorgnet query``: listing, formats, Cypher per engine,
one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from queries_common import NAMES, members


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
