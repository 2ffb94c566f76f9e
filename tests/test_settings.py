"""One Settings object: read once from the environment, then passed down.

What a :class:`graph.settings.Settings` says wins over the environment for the store
factory, the readers and the lexicon; the CLI reads the environment once per command.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.settings import DEFAULT_MAX_BYTES, Settings
from graph.store import describe_target, open_store
from loaders.errors import LoadError
from loaders.extract.lexicon import load_lexicon
from loaders.readers import read_source
from zorgnet.cli import app


def test_from_env_reads_every_setting(tmp_path):
    s = Settings.from_env({"ZORGNET_DB": str(tmp_path / "g.lbug"), "NEO4J_URI": "bolt://x:1",
                           "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "p",
                           "NEO4J_DATABASE": "d", "ZORGNET_MAX_BYTES": "123",
                           "ZORGNET_URL_TIMEOUT": "2.5", "ZORGNET_ALIASES": "/a.csv",
                           "ZORGNET_GAZETTEER_DIR": "/gaz", "ZORGNET_PROGRESS": "1"})
    assert (s.db_path, s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database,
            s.max_bytes, s.url_timeout, str(s.aliases_file), str(s.gazetteer_dir),
            s.progress) == (tmp_path / "g.lbug", "bolt://x:1", "u", "p", "d", 123, 2.5,
                            "/a.csv", "/gaz", True)
    assert s.engine == "neo4j" and s.describe() == "Neo4j op bolt://x:1"
    empty = Settings.from_env({})
    assert (empty.engine, empty.max_bytes, empty.neo4j_user) == ("ladybug", DEFAULT_MAX_BYTES,
                                                                 "neo4j")
    assert empty.database_path().name == "graph.lbug"


def test_settings_win_over_the_environment_in_the_store_factory(tmp_path, monkeypatch):
    monkeypatch.setenv("ZORGNET_DB", str(tmp_path / "env.lbug"))
    mine = Settings(db_path=tmp_path / "mine.lbug")
    with open_store(settings=mine) as store:
        assert store.engine == "ladybug"
    assert (tmp_path / "mine.lbug").exists() and not (tmp_path / "env.lbug").exists()
    assert describe_target(mine) == f"LadybugDB in {tmp_path / 'mine.lbug'}"


def test_readers_take_their_limit_from_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZORGNET_MAX_BYTES", raising=False)
    p = tmp_path / "klein.txt"
    p.write_text("Het Zorgpact Flevoland opent een lab.\n" * 10, encoding="utf-8")
    assert "Zorgpact" in read_source(str(p)).body
    with pytest.raises(LoadError, match="limiet"):
        read_source(str(p), settings=Settings(max_bytes=100))


def test_lexicon_takes_the_alias_file_from_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZORGNET_ALIASES", raising=False)
    f = tmp_path / "aliassen.csv"
    f.write_text("alias,name,type\nZWNX,Zorgnetwerk West-Nederland X,initiative\n",
                 encoding="utf-8")
    assert load_lexicon().entry_for("ZWNX") is None
    entry = load_lexicon(settings=Settings(aliases_file=f)).entry_for("ZWNX")
    assert entry is not None and entry.name == "Zorgnetwerk West-Nederland X"


def test_the_cli_reads_the_environment_per_command(tmp_path, monkeypatch):
    runner = CliRunner()
    for name in ("een.lbug", "twee.lbug"):
        monkeypatch.setenv("ZORGNET_DB", str(tmp_path / name))
        res = runner.invoke(app, ["stats", "--json"])
        assert res.exit_code == 0, res.output
        assert json.loads(res.output)["store"] == f"LadybugDB in {tmp_path / name}"


def test_store_limits_model_and_tools_come_from_settings(tmp_path, monkeypatch):
    """ZORGNET_TX_ROWS, ZORGNET_LBUG_BUFFER_MB, ZORGNET_EXTRACT_MODEL, ZORGNET_SHARED and
    CHROMIUM are Settings fields; the store takes its transaction bound from the
    Settings it is given, not from the environment."""
    from loaders.extract.model import MODEL_PATH, model_path

    s = Settings.from_env({"ZORGNET_TX_ROWS": "1234", "ZORGNET_LBUG_BUFFER_MB": "96",
                           "ZORGNET_EXTRACT_MODEL": "off", "ZORGNET_SHARED": "/sh",
                           "CHROMIUM": "/usr/bin/chr"})
    assert (s.tx_rows, s.lbug_buffer_mb, str(s.extract_model), str(s.shared_dir),
            s.chromium) == (1234, 96, "off", "/sh", "/usr/bin/chr")
    assert Settings.from_env({"ZORGNET_TX_ROWS": "many"}).tx_rows is None
    assert model_path(s).name == "off" and model_path(Settings()) == MODEL_PATH
    monkeypatch.setenv("ZORGNET_TX_ROWS", "99")   # ignored: the given settings win
    with open_store(settings=s.with_(db_path=tmp_path / "g.lbug", neo4j_uri=None)) as store:
        assert store.max_tx_rows == 1234
    with open_store(settings=Settings(db_path=tmp_path / "g.lbug")) as store:
        assert store.max_tx_rows == 25_000
