"""Reason codes of gaps, suggestions and brokers render in Dutch and in English;
the real-data link evaluation splits by document date."""

from __future__ import annotations

import numpy as np
import pytest

from app.i18n import EN, NL
from app.reasons import reason_text, reasons_text
from graph.analysis import analyze
from graph.linkeval import rank_all_pairs, temporal_split


@pytest.fixture(scope="module")
def demo_result(demo_graph):
    return analyze(demo_graph, top=50)


def _all_reasons(res):
    out = []
    for g in res["gaps"]["gaps"]:
        out += g["reasons"]
    out += res["gaps"]["no_data"]
    for s in res["suggestions"]["organisations"] + res["suggestions"]["initiatives"]:
        out += s["reasons"]
    for key in ("betweenness", "constraint", "degree"):
        for b in res["brokers"][key]["top"]:
            out += b["why"]
    return out


def test_every_reason_code_renders_in_both_languages(demo_result):
    reasons = _all_reasons(demo_result)
    codes = {r["code"] for r in reasons}
    assert {"shared_partners", "partners_in", "triangle_missing", "betweenness"} <= codes
    for r in reasons:
        nl, en = reason_text(r, "nl"), reason_text(r, "en")
        assert nl and en and "{" not in nl and "{" not in en, r
        assert not nl.startswith("why.") and not en.startswith("why."), r
    tri = [g for g in demo_result["gaps"]["gaps"] if g["type"] == "driehoek"][0]
    nl, en = reasons_text(tri["reasons"], "nl"), reasons_text(tri["reasons"], "en")
    assert "actieve organisaties" in nl and "maar geen" in nl
    assert "active organisations" in en and "but no" in en and "maar" not in en
    # the numbers of the code are in the text, with a decimal comma in Dutch
    r = tri["reasons"][0]
    assert str(r["regions_tested"]) in en and str(r["regions_with_sector"]) in en
    assert reason_text({"code": "few_within", "region": "Utrecht", "observed": 4,
                        "expected": 19.94, "n_orgs": 63, "rate": 0.316, "ratio": 0.2,
                        "p_value": 0.0001}, "nl").count("19,9") == 1


def test_why_keys_exist_in_both_languages():
    nl = {k for k in NL if k.startswith("why.")}
    en = {k for k in EN if k.startswith("why.")}
    assert nl == en and len(nl) > 30


def test_temporal_split_hides_the_latest_documents(demo_graph):
    ts = temporal_split(demo_graph, latest=0.2)
    full, train = ts["full"], ts["train"]
    assert ts["positives"] and train.number_of_edges() < full.number_of_edges()
    assert all(full.has_edge(u, v) and not train.has_edge(u, v) for u, v in ts["positives"])
    assert all(train.has_edge(u, v) <= full.has_edge(u, v) for u, v in train.edges())
    tied = [n for n in full if full.degree(n) > 0]
    res = rank_all_pairs(train, ts["positives"], nodes=tied)
    assert res["n_positives"] == len(ts["positives"])
    for name, r in res["scores"].items():
        assert 0 <= r["auc"] <= 1 and 0 <= r["precision@10"] <= 1, name
    assert np.isclose(res["random_precision"], len(ts["positives"]) / res["n_pairs"], atol=1e-4)
