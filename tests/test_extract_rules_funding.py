"""FUNDED_BY candidates from the ways Dutch pages say who pays, on new sentences written for
these tests: a passive with the text's own initiative as subject, a fund and the ministry it
belongs to, a subsidy granted, amounts contributed, and a funder before a participle."""

from __future__ import annotations

from loaders.extract.core import extract
from loaders.extract.lexicon import norm
from loaders.resolve import resolve_document


def funded(text: str) -> set[tuple[str, str]]:
    ext = extract(text)
    ents = resolve_document(ext)
    return {(norm(ents[r.src.ent].name), norm(ents[r.dst.ent].name))
            for r in ext.relations if r.rel == "FUNDED_BY" and r.src.ent >= 0 and r.dst.ent >= 0}


def test_the_initiative_as_subject_and_the_owner_of_the_fund():
    got = funded("Leerhuis Westland opent in mei\n"
                 "Zorgorganisatie Vitis en het Lentiz College openen samen Leerhuis Westland. "
                 "Het initiatief wordt mede mogelijk gemaakt door het Investeringsfonds MBO van "
                 "het ministerie van OCW en met subsidie vanuit de gemeente Westland.")
    src = norm("Leerhuis Westland")
    assert (src, norm("Investeringsfonds MBO")) in got, got
    assert any(s == src and "onderwijs" in d for s, d in got), got   # the ministry
    assert (src, norm("Gemeente Westland")) in got, got


def test_a_subsidy_granted_and_amounts_contributed():
    got = funded("Voor de start van het Zorglab Drachten heeft het ministerie van "
                 "Onderwijs een subsidie toegekend van 500.000 euro. De gemeente Smallingerland "
                 "en de provincie Fryslân dragen daarnaast elk 100.000 euro bij.")
    src = norm("Zorglab Drachten")
    dsts = {d for s, d in got if s == src}
    assert any("onderwijs" in d for d in dsts), got
    assert {norm("Gemeente Smallingerland"), norm("Provincie Fryslân")} <= dsts, got


def test_a_funder_before_a_participle():
    got = funded("Studenten werken in het door de provincie Zeeland gefinancierde Zorglab "
                 "Middelburg aan nieuwe hulpmiddelen.")
    assert (norm("Zorglab Middelburg"), norm("Provincie Zeeland")) in got, got


def test_contributing_to_a_discussion_is_not_funding():
    got = funded("Zorglab Assen organiseert een debat. De gemeente Assen draagt met een "
                 "wethouder bij aan het gesprek.")
    assert not got, got
