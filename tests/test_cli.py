"""The zorgnet command line, run for real (in-process and as a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from typer.testing import CliRunner

from zorgnet.cli import app

runner = CliRunner()


def _stats():
    res = runner.invoke(app, ["stats", "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_demo_then_load_twice_gives_identical_counts(tmp_path):
    assert runner.invoke(app, ["demo"]).exit_code == 0
    p = tmp_path / "partners.csv"
    p.write_text("organisatie,soort,plaats,initiatief\n"
                 "Zorggroep Almere,zorgaanbieder,Almere,Zorgpact Flevoland\n"
                 "Aeres MBO Almere,mbo,Almere,Zorgpact Flevoland\n", encoding="utf-8")
    r1 = runner.invoke(app, ["load", str(p)])
    assert r1.exit_code == 0, r1.output
    first = _stats()
    r2 = runner.invoke(app, ["load", str(p)])
    assert "1 ongewijzigd overgeslagen" in r2.stdout
    assert _stats() == first
    from loaders.demo import DEMO_DIR

    sources = (DEMO_DIR / "bronnen.csv").read_text(encoding="utf-8").strip().count("\n")
    assert first["nodes"]["Document"] == sources + 1          # every demo source + the file
    assert first["nodes"]["Organisation"] >= 800


def test_one_bad_file_is_reported_and_the_others_load(tmp_path):
    good = tmp_path / "goed.csv"
    good.write_text("organisatie,soort\nZorggroep Drenthe,zorg\n", encoding="utf-8")
    bad = tmp_path / "slecht.csv"
    bad.write_text("organisatie,soort\nX,bakker\n", encoding="utf-8")
    res = runner.invoke(app, ["load", str(good), str(bad)])
    assert res.exit_code == 1
    assert "onbekende soort 'bakker'" in res.output
    assert _stats()["kinds"] == {"care_provider": 1}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cypher", "csv"])
def test_export_formats(tmp_path, fmt):
    runner.invoke(app, ["demo"])
    out = tmp_path / f"g.{fmt}"
    res = runner.invoke(app, ["export", "--format", fmt, "--out", str(out)])
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    n_nodes = _stats()["nodes"]
    total = sum(n_nodes.values())
    if fmt == "graphml":
        assert nx.read_graphml(out).number_of_nodes() == total
    elif fmt == "gexf":
        assert nx.read_gexf(out).number_of_nodes() == total
    elif fmt == "json":
        assert len(json.loads(data)["nodes"]) == total
    elif fmt == "cypher":
        assert data.decode().count("MERGE (n:") == total
    else:
        import io
        import zipfile

        z = zipfile.ZipFile(io.BytesIO(data))
        assert len(z.read("nodes.csv").decode().strip().splitlines()) == total + 1


def test_unreachable_neo4j_is_one_line_and_nonzero(tmp_path):
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}
    res = subprocess.run([sys.executable, "-m", "zorgnet.cli", "stats"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "bolt://127.0.0.1:1" in lines[0]


def test_schema_for_ladybug_is_ddl():
    res = runner.invoke(app, ["schema", "--engine", "ladybug"])
    assert "CREATE NODE TABLE IF NOT EXISTS Organisation(id STRING PRIMARY KEY" in res.stdout


def test_stats_on_a_fresh_machine_reports_an_empty_graph():
    res = runner.invoke(app, ["stats", "--json"])
    assert res.exit_code == 0, res.output
    assert sum(json.loads(res.stdout)["nodes"].values()) == 0
