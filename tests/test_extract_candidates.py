"""Candidates the learned layer sees beyond the rules' names (:mod:`loaders.extract.generic`),
on new Dutch sentences written for these tests: events named only by what they are ("de
opening", "tijdens de kick-off"), collaborations named by an adjective and a generic noun
before a name, and organisations whose name starts with a capitalised article."""

from __future__ import annotations

from loaders.extract.core import extract
from loaders.extract.generic import add_articles, add_generic
from loaders.extract.lexicon import norm
from loaders.resolve import resolve_document


def candidates(text: str):
    ext = extract(text)
    ents = add_generic(ext, add_articles(ext, resolve_document(ext)))
    return {norm(f): e for e in ents for f in [e.name, *e.forms]}, ents


def test_a_generic_event_word_is_an_event_candidate():
    by, ents = candidates("Tijdens de feestelijke opening knipte wethouder Jansen het lint "
                          "door. Na de opening volgde een rondleiding door het gebouw.")
    e = by.get("feestelijke opening") or by.get("opening")
    assert e is not None and e.type == "event", [(x.name, x.type) for x in ents]
    # one candidate per kind of event and document, both mentions on it
    assert len([x for x in ents if x.type == "event"]) == 1
    assert len(e.mentions) == 2


def test_an_event_word_before_a_name_is_not_that_name():
    by, ents = candidates("Op 3 maart was de opening van Zorglab Oosterhout, een nieuwe "
                          "leerplek voor studenten.")
    lab = by.get("zorglab oosterhout")
    assert lab is not None and "opening zorglab oosterhout" not in {norm(f) for f in lab.forms}
    ev = by.get("opening")
    assert ev is not None and ev.type == "event" and ev is not lab


def test_an_adjective_before_a_generic_noun_and_a_name_is_kept_as_a_form():
    by, _ = candidates("Studenten leren het vak in de professionele werkplaats De Linde in "
                       "Deurne.")
    e = by.get("professionele werkplaats de linde")
    assert e is not None and "werkplaats de linde" in {norm(f) for f in e.forms}


def test_a_capitalised_article_inside_a_sentence_belongs_to_the_name():
    by, ents = candidates("De opleiding is mogelijk in De Lindenhorst, waar zorg en onderwijs "
                          "samenkomen. Daarnaast doet ook Het Baken mee.")
    names = {e.name for e in ents}
    assert "De Lindenhorst" in names, names
    # at the start of a sentence the capital says nothing ("De opleiding")
    assert not any(n.startswith("De opleiding") for n in names), names
    assert "Het Baken" in names, names


def test_people_keep_their_name_without_the_article():
    _, ents = candidates("Minister Hugo de Jonge sprak de zaal toe. Volgens De Jonge is de "
                         "samenwerking een voorbeeld.")
    people = [e for e in ents if e.type == "person"]
    assert people and all(not e.name.startswith("De ") for e in people), \
        [(e.name, e.type) for e in ents]
