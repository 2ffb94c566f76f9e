"""The learned layer (loaders.extract.model / train): the shipped model loads offline and
filters non-entities, training is deterministic, the cross-validation bench runs."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

from loaders.extract.model import MODEL_PATH, Model, get_model

ROOT = Path(__file__).resolve().parents[1]

TEXT = """Persbericht

Maandag 12 maart 2024

Regionaal Zorgpact Noord-Holland Noord van start

Maandag tekenden Dijklander Ziekenhuis, ROC Horizon College en Hogeschool Inholland in Hoorn
het convenant van het Regionaal Zorgpact Noord-Holland Noord. De partners werken samen aan
meer stageplaatsen in de ouderenzorg. Het pact is een van de regionale zorgpacten in Nederland.
Wethouder Jan de Vries van de gemeente Hoorn sprak de deelnemers toe.
"""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise OSError("network disabled in this test")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_shipped_model_loads_offline(no_network):
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 5_000_000
    m = Model.load(MODEL_PATH)
    assert "none" in m.ent.classes and "initiative" in m.ent.classes
    assert "PARTNER_IN" in m.rel.classes and 0.0 < m.threshold < 1.0
    assert m.ent.coef_t.shape == (len(m.ent.features), len(m.ent.classes))


def _extract(tmp_path, text=TEXT):
    from loaders.documents import extract_texts, to_gold_json
    from loaders.readers import read_source
    p = tmp_path / "pact.txt"
    p.write_text(text, encoding="utf-8")
    return to_gold_json(next(extract_texts([read_source(str(p))])))


def test_typer_drops_non_entities(tmp_path):
    assert get_model() is not None
    d = _extract(tmp_path)
    names = {e["name"].casefold() for e in d["entities"]}
    for junk in ("maandag", "persbericht", "nederland"):
        assert junk not in names, d["entities"]
    kinds = {e["name"]: e["type"] for e in d["entities"]}
    assert kinds.get("Hogeschool Inholland") == "school"
    assert kinds.get("Hoorn") == "region"
    assert all(r["evidence"] and 0 < r["confidence"] <= 1 for r in d["relations"])


def test_rules_fallback_without_model(tmp_path, monkeypatch):
    from loaders.extract import model
    monkeypatch.setenv("ZORGNET_EXTRACT_MODEL", str(tmp_path / "missing.npz"))
    model.reset()
    try:
        assert get_model() is None
        d = _extract(tmp_path)
        assert any(e["name"] == "Hogeschool Inholland" for e in d["entities"])
    finally:
        model.reset()


def test_min_confidence_filters_relations(tmp_path):
    from loaders.documents import extract_texts
    from loaders.readers import read_source
    p = tmp_path / "pact.txt"
    p.write_text(TEXT, encoding="utf-8")
    t = read_source(str(p))
    every = next(extract_texts([t], min_confidence=0.0)).relations()
    strict = next(extract_texts([t], min_confidence=0.99)).relations()
    assert len(strict) < len(every)
    assert all(r["confidence"] >= 0.99 for r in strict)


def test_extract_cli_json_has_evidence(tmp_path):
    from typer.testing import CliRunner

    from zorgnet.cli import app
    p = tmp_path / "pact.txt"
    p.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(p), "--json", "--min-confidence", "0.2"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output.strip().splitlines()[-1])
    assert d["relations"]
    assert all(r["evidence"] and r["confidence"] >= 0.2 for r in d["relations"])


@pytest.fixture(scope="module")
def small_docs():
    from loaders.extract.train import SHARED, prepare, read_annotated
    corpus = SHARED / "corpus" / "docs"
    if not corpus.is_dir():
        import os
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the corpus is missing at {corpus}")
        pytest.skip(f"corpus not found at {corpus}")
    return prepare(read_annotated(corpus)[:8])


def test_training_is_deterministic(small_docs):
    from loaders.extract.train import predict, train
    a = train(small_docs, seed=3, inner_folds=2)
    b = train(small_docs, seed=3, inner_folds=2)
    assert a.ent.features == b.ent.features and a.rel.features == b.rel.features
    assert (a.ent.coef_t == b.ent.coef_t).all() and (a.rel.coef_t == b.rel.coef_t).all()
    assert a.threshold == b.threshold
    assert predict(a, small_docs[:3]) == predict(b, small_docs[:3])


def test_cross_validation_bench_runs(small_docs):
    sys.path.insert(0, str(ROOT / "bench"))
    from cv_extract import cross_validate
    from loaders.evaluate import score
    preds = cross_validate(small_docs[:6], folds=2, seed=0)
    s = score(preds, [d.gold for d in small_docs[:6]])
    assert len(preds) == 6 and not s.missing_docs
    assert s.typed.tp > 0 and s.typed.f1 > 0.3


def _context(text: str):
    from loaders.documents import extract_texts
    from loaders.extract.lexicon import load_lexicon
    from loaders.extract.model import context
    from loaders.readers import read_text_bytes
    x = next(extract_texts([read_text_bytes(text.encode(), "t.txt")], model=None))
    return context(x.ext, x.entities, load_lexicon())


def test_abbreviation_used_in_the_text_is_a_mention_of_its_name():
    """'In de ZLV werken A en B samen': the abbreviation puts the partners in one sentence
    with the collaboration they work in (the scorer's strongest evidence)."""
    ctx = _context("Nieuws\n\nIn Zeeland is de Zeeuwse Leerroute Verpleging gestart. In de ZLV "
                   "werken Scalda en het Admiraal De Ruyter Ziekenhuis samen.\n")
    zlv = next(i for i, e in enumerate(ctx.entities) if e.name == "Zeeuwse Leerroute Verpleging")
    scalda = next(i for i, e in enumerate(ctx.entities) if e.name == "Scalda")
    assert "ZLV" in ctx.entities[zlv].forms
    assert set(ctx.spans[zlv]) & set(ctx.spans[scalda])
    # two names with the same initials: the abbreviation is ambiguous and stays unlinked
    ctx = _context("Nieuws\n\nDe Zorg Leerroute Venlo en de Zorgacademie Limburg Vallei werken "
                   "samen. De ZLV groeit.\n")
    assert not any("ZLV" in e.forms for e in ctx.entities)
