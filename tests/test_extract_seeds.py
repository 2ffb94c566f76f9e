"""End to end on the seed texts (read from ../shared/seeds, never copied into the repo),
read_batch rows, iter_sources, and the extract/eval CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from loaders.documents import iter_sources, read_batch
from loaders.errors import LoadError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("ZORGNET_SHARED") or ROOT.parent / "shared") / "seeds"
GOLD = SEEDS.parent / "gold" / "seeds.jsonl"

_MISSING = not SEEDS.is_dir() or not GOLD.exists()
if _MISSING and os.environ.get("CI", "").lower() == "true":
    # CI has shared/ beside the clone: the seed evaluation gate must run there.
    raise RuntimeError(f"CI=true but the seeds are missing at {SEEDS} / {GOLD}")
needs_seeds = pytest.mark.skipif(_MISSING,
                                 reason="../shared/seeds and ../shared/gold are not present")


@needs_seeds
def test_eval_targets_on_seeds():
    from loaders.documents import extract_texts, to_gold_json
    from loaders.evaluate import load_jsonl, score
    from loaders.readers import read_source

    texts = [read_source(str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    preds = [to_gold_json(x) for x in extract_texts(texts)]
    s = score(preds, load_jsonl(GOLD))
    assert s.typed.f1 >= 0.90, s.as_dict()
    assert s.relations.f1 >= 0.60, s.as_dict()


@needs_seeds
def test_read_batch_rows():
    src = sorted(SEEDS.glob("*.txt"))[0]
    b = read_batch(str(src))
    b.validate()
    d = b.documents[0]
    assert d.source == str(src.resolve()) and d.doctype == "text" and d.date == "2017-12-08"
    assert d.id == read_batch(str(src)).documents[0].id          # stable id
    assert all(r.doc == d.id and r.sentence and r.locator.startswith("zin ")
               and 0 < r.confidence <= 1 for r in b.relations)
    ids = {e.id for e in b.entities}
    assert {m.entity for m in b.mentions} == ids
    event = next(e for e in b.entities if e.type == "event")
    assert event.props.get("date") == "2017-12-06"       # "Afgelopen woensdag, 6 december"
    person = next(e for e in b.entities if e.name == "Paul Blokhuis")
    assert "Blokhuis" in person.aliases


def test_iter_sources(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG")
    (tmp_path / ".verborgen.txt").write_text("x")
    out = list(iter_sources([str(tmp_path), "https://example.org/x"]))
    assert [Path(p).name for p in out[:2]] == ["a.txt", "b.html"]
    assert out[2] == "https://example.org/x" and len(out) == 3


def test_read_batch_bad_input(tmp_path):
    p = tmp_path / "leeg.txt"
    p.write_text("")
    with pytest.raises(LoadError):
        read_batch(str(p))


def _app():
    from zorgnet.cli_extract import register
    app = typer.Typer()
    register(app)
    return app


def test_cli_extract_json_and_errors(tmp_path):
    good = tmp_path / "goed.txt"
    good.write_text("Regiodag Zorg Zeeland\nDe Regiodag Zorg Zeeland wordt georganiseerd door "
                    "Scalda in samenwerking met de gemeente Middelburg.\n", encoding="utf-8")
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"%PDF-1.4 kapot")
    r = CliRunner().invoke(_app(), ["extract", str(good), str(bad), "--json"])
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert len(lines) == 1 and lines[0]["doc"] == "goed.txt"
    rels = {(x["src"], x["rel"]) for x in lines[0]["relations"]}
    assert ("Scalda", "ORGANISED") in rels
    assert all("evidence" in x for x in lines[0]["relations"])
    assert all("mentions" in e for e in lines[0]["entities"])
    assert "kapot.pdf" in r.stderr


@needs_seeds
def test_cli_eval_json():
    r = CliRunner().invoke(_app(), ["eval", str(GOLD), str(SEEDS), "--json"])
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["typed_entities"]["f1"] >= 0.9 and d["relations"]["f1"] >= 0.6
    r2 = CliRunner().invoke(_app(), ["eval", str(GOLD), str(SEEDS)])
    assert "relations" in r2.stdout and "P" in r2.stdout
