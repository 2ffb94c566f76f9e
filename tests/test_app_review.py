"""Laden: the adviser reviews the proposed relations (sentence, probability) before
anything is written — accept, reject, retype, or a probability threshold.

The text is our own (a made-up Zeeland pact), read by the real extractor into an
empty database of our own. Only structure is asserted: which relations the
extractor proposes and with what probability is the model's business (and
changes as it is trained), so the tests take whatever it proposes and check that
the reviewer's decisions — and nothing else — reach the store.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_app import _release, open_page

TEXT = """Zorgpact Zeeland gaat van start

Middelburg, 12 maart 2025 — Zorggroep Scheldeoever, ROC Scalda en de gemeente Vlissingen zijn \
partners in het Zorgpact Zeeland. Het Zorgpact Zeeland wordt gefinancierd door de provincie \
Zeeland. Studenten van Scalda lopen stage bij Zorggroep Scheldeoever.

HZ University of Applied Sciences organiseerde op 3 april 2025 de Zorgpact Zeeland Kennisdag in \
Goes. Ook CZ nam deel aan de Zorgpact Zeeland Kennisdag.
"""


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    from graph.store.ladybug import LadybugStore

    db = tmp_path / "leeg.lbug"
    LadybugStore(db).close()
    monkeypatch.setenv("ZORGNET_DB", str(db))
    _release()
    yield db
    _release()


def _read(lang: str | None = None):
    at = open_page("laden", lang=lang)
    at.get("file_uploader")[0].set_value([("zeeland.txt", TEXT.encode(), "text/plain")])
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _rel_editor(at):
    eds = [e for e in at.data_editor if str(e.key or "").startswith("ld_rel_editor_")]
    assert len(eds) == 1, [e.key for e in at.data_editor]
    return eds[0]


def _stored(db: Path) -> set[tuple[str, str, str]]:
    """(source name, relation, target name) of every stored semantic relation."""
    from graph.projection import to_networkx
    from graph.store.ladybug import LadybugStore

    _release()
    with LadybugStore(db, read_only=True) as s:
        G = to_networkx(s)
    return {(G.nodes[u].get("name"), d.get("rel"), G.nodes[v].get("name"))
            for u, v, d in G.edges(data=True)
            if d.get("rel") not in ("MENTIONED_IN", "JUDGED")}


def _write(at):
    at.button(key="ld_write").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_relations_are_shown_with_sentence_and_probability_in_dutch(empty_db):
    from app.i18n import NL
    from loaders.relation_review import REL_TYPES

    at = _read()
    df = _rel_editor(at).value
    assert len(df) >= 3
    flat = " ".join(TEXT.split())
    dutch_rels = {NL[f"rel.{r}"] for r in REL_TYPES}
    for _, r in df.iterrows():
        assert r["sentence"] and " ".join(r["sentence"].split()) in flat
        assert 0.0 <= r["confidence"] <= 1.0
        assert r["rel"] in dutch_rels                  # "partner in", not PARTNER_IN
        assert bool(r["accept"]) is True               # no threshold yet
    ents = at.data_editor[0].value
    assert all(isinstance(x, str) and x for x in ents["merge_with"])   # no empty "None" cell
    kinds = set(ents["type"])
    assert kinds and kinds <= {NL[f"type.{k}"] for k in
                               ("care_provider", "school", "government", "employer_org",
                                "insurer", "company", "knowledge_institute", "initiative",
                                "event", "person", "region")}
    assert any(re.search(r"\d+ van \d+ relaties worden geschreven", c.value)
               for c in at.caption)
    head = at.subheader[0].value                       # proper plurals: "uit 1 bron"
    assert re.search(r"\d+ entiteiten, \d+ relaties uit 1 bron\)", head), head
    from app.i18n import EN

    en = _read(lang="en")
    assert set(_rel_editor(en).value["rel"]) <= {EN[f"rel.{r}"] for r in REL_TYPES}


def test_rejected_and_retyped_relations_are_written_as_decided(empty_db):
    from app.i18n import NL
    from loaders.relation_review import REL_TYPES

    at = _read()
    ed = _rel_editor(at)
    df = ed.value
    code = {NL[f"rel.{r}"]: r for r in REL_TYPES}
    first, second = df.iloc[0], df.iloc[1]
    old2 = code[second["rel"]]
    new2 = "ACTIVE_IN" if old2 != "ACTIVE_IN" else "PART_OF"
    at.session_state[ed.key] = {"edited_rows": {0: {"accept": False},
                                                1: {"rel": NL[f"rel.{new2}"]}},
                                "added_rows": [], "deleted_rows": []}
    at.run()
    _write(at)
    stored = _stored(empty_db)
    rejected = (first["src_name"], code[first["rel"]], first["dst_name"])
    assert rejected not in stored
    assert (second["src_name"], new2, second["dst_name"]) in stored
    assert (second["src_name"], old2, second["dst_name"]) not in stored
    others = {(r["src_name"], code[r["rel"]], r["dst_name"]) for _, r in df.iloc[2:].iterrows()}
    assert others <= stored                            # the rest as proposed


def test_a_threshold_keeps_only_the_probable_relations(empty_db):
    from app.i18n import NL
    from loaders.relation_review import REL_TYPES

    at = _read()
    probs = sorted(_rel_editor(at).value["confidence"])
    cut = next((s for s in [round(i * 0.05, 2) for i in range(21)]
                if probs[0] < s <= probs[-1]), None)
    if cut is None:
        pytest.skip("the extractor gave every relation the same probability")
    at.select_slider(key="ld_rel_thr").set_value(cut).run()
    df = _rel_editor(at).value
    assert list(df["accept"]) == [p >= cut for p in df["confidence"]]
    kept = int(df["accept"].sum())
    assert 0 < kept < len(df)
    assert any(f"{kept} van {len(df)} relatie" in c.value for c in at.caption)
    _write(at)
    code = {NL[f"rel.{r}"]: r for r in REL_TYPES}
    wanted = {(r["src_name"], code[r["rel"]], r["dst_name"]) for _, r in df.iterrows()
              if r["accept"]}
    dropped = {(r["src_name"], code[r["rel"]], r["dst_name"]) for _, r in df.iterrows()
               if not r["accept"]} - wanted
    stored = _stored(empty_db)
    assert wanted <= stored and not (dropped & stored)
