"""Extraction rules for lists, appositions and fronted collaborations, on new Dutch sentences
(written for these tests): the rules are candidate generators for the learned scorer, and
these are the constructions real pages use to name partners, parts and owners."""

from __future__ import annotations

from loaders.extract.core import extract
from loaders.extract.lexicon import norm
from loaders.resolve import resolve_document


def run(text: str):
    ext = extract(text)
    ents = resolve_document(ext)
    rels = {(norm(ents[r.src.ent].name), r.rel, norm(ents[r.dst.ent].name))
            for r in ext.relations if r.src.ent >= 0 and r.dst.ent >= 0}
    names = {norm(f): e for e in ents for f in [e.name, *e.forms]}
    return ext, ents, names, rels


def rel(names, rels, src, r, dst) -> bool:
    s, d = names.get(norm(src)), names.get(norm(dst))
    return s is not None and d is not None and (norm(s.name), r, norm(d.name)) in rels


def missing(names, rels, srcs, r, dst) -> list[str]:
    """The sources in ``srcs`` without relation ``r`` to ``dst``."""
    return [x for x in srcs if not rel(names, rels, x, r, dst)]


def test_a_sentence_does_not_end_on_a_comma():
    ext, _, names, rels = run("De gemeenten in de regio Twente zijn: Almelo, Borne (Ov.), "
                              "Hengelo, Oldenzaal en Tubbergen. Daarna volgt meer.")
    assert len(ext.sents) == 2, [s.text for s in ext.sents]
    srcs = ("Almelo", "Hengelo", "Oldenzaal", "Tubbergen")
    assert not missing(names, rels, srcs, "PART_OF", "Twente"), sorted(rels)


def test_a_list_runs_over_a_name_the_rules_do_not_know():
    _, _, names, rels = run("Het Zorgnetwerk Veluwe is opgericht door zorgorganisaties. "
                            "Deelnemende partijen zijn Saxion, ’t Zonnehuys Zorgkring, "
                            "Gelre ziekenhuizen en Pluryn.")
    srcs = ("Saxion", "Gelre ziekenhuizen", "Pluryn")
    assert not missing(names, rels, srcs, "PARTNER_IN", "Zorgnetwerk Veluwe"), sorted(rels)


def test_colon_list_in_a_sentence_about_working_together():
    _, _, names, rels = run("Het initiatief Leerhuis Achterhoek is gestart. De volgende "
                            "organisaties vormen samen dit initiatief: Graafschap College, "
                            "Sensire en Gelre ziekenhuizen.")
    srcs = ("Graafschap College", "Sensire", "Gelre ziekenhuizen")
    assert not missing(names, rels, srcs, "PARTNER_IN", "Leerhuis Achterhoek"), sorted(rels)
    # without a word about working together a colon list is no partner list
    _, _, names, rels = run("Het initiatief Leerhuis Achterhoek is gestart. Aanwezig waren "
                            "vooral: Graafschap College en Sensire.")
    assert not any(r == "PARTNER_IN" for _, r, _ in rels), sorted(rels)


def test_fronted_collaboration_named_by_its_abbreviation():
    _, _, names, rels = run(
        "Het Zorglab Noord Veluwe (ZNV) opent in mei. In het ZNV werken Zorgacademie Vecht, "
        "onderdeel van Deltion College, Hogeschool Windesheim en Isala samen aan nieuwe "
        "opleidingen.")
    srcs = ("Zorgacademie Vecht", "Hogeschool Windesheim", "Isala")
    assert not missing(names, rels, srcs, "PARTNER_IN", "Zorglab Noord Veluwe"), sorted(rels)
    # the parent named in the apposition is not a partner, the part is PART_OF it
    assert not rel(names, rels, "Deltion College", "PARTNER_IN", "Zorglab Noord Veluwe")
    assert rel(names, rels, "Zorgacademie Vecht", "PART_OF", "Deltion College"), sorted(rels)


def test_collaboration_between_students_of_organisations():
    _, _, names, rels = run(
        "De Praktijkroute Wijkzorg Drenthe (PWD) is nieuw. De PWD is tot stand gekomen door "
        "samenwerking tussen studenten en docenten van Drenthe College en Hanzehogeschool "
        "Groningen.")
    srcs = ("Drenthe College", "Hanzehogeschool Groningen")
    assert not missing(names, rels, srcs, "PARTNER_IN", "Praktijkroute Wijkzorg Drenthe"), \
        sorted(rels)


def test_an_initiative_of_an_organisation_is_organised_by_it():
    _, _, names, rels = run("Het RIF is een subsidieregeling van het ministerie van OCW.")
    assert rel(names, rels, "Ministerie van Onderwijs, Cultuur en Wetenschap", "ORGANISED",
               "Regionaal Investeringsfonds mbo"), sorted(rels)


def test_affiliations_before_and_after_the_person():
    _, _, names, rels = run(
        "Zorgpact aanjager Petra Hoekstra sprak de zaal toe. Gedeputeerde van de provincie "
        "Drenthe, Henk Brink, opende de dag. Anna de Wit, voorzitter van zorgorganisaties "
        "Icare en Zorggroep Drenthe, was er ook.")
    assert rel(names, rels, "Petra Hoekstra", "AFFILIATED_WITH", "Zorgpact"), sorted(rels)
    assert rel(names, rels, "Henk Brink", "AFFILIATED_WITH", "Provincie Drenthe"), sorted(rels)
    assert rel(names, rels, "Anna de Wit", "AFFILIATED_WITH", "Icare"), sorted(rels)
    assert rel(names, rels, "Anna de Wit", "AFFILIATED_WITH", "Zorggroep Drenthe"), sorted(rels)


def test_koploper_sentence_and_part_of_cues():
    _, _, names, rels = run("Zorgleerlab Deventer is als koploper aanwezig op de werkdag. "
                            "Het Zorgleerlab Apeldoorn gaat deel uitmaken van het Zorgpact.")
    assert rel(names, rels, "Zorgleerlab Deventer", "PART_OF", "Kopgroep Zorgpact"), sorted(rels)
    assert rel(names, rels, "Zorgleerlab Apeldoorn", "PART_OF", "Zorgpact"), sorted(rels)


def test_dutch_of_is_or_and_lowercase_words_of_known_names():
    _, ents, names, _ = run("Een opleiding van Avans of Fontys past daar. Partners zijn ROC "
                            "Gilde opleidingen en het Koning Willem I college.")
    assert "avans of fontys" not in names
    assert names["avans"].type == "school" and names["fontys"].type == "school"
    assert names["roc gilde opleidingen"].name == "Gilde Opleidingen"
    assert names["koning willem i college"].name == "Koning Willem I College"
    # English names keep their "of"
    _, _, names, _ = run("Het House of Skills werkt met HZ University of Applied Sciences.")
    assert "house of skills" in names and "hz university of applied sciences" in names


def test_article_s_and_t_start_a_name():
    _, _, names, _ = run("Partners zijn Pluryn, ’s Heeren Loo en Icare.")
    assert names[norm("’s Heeren Loo")].type == "care_provider"


def test_regio_x_is_x_but_regio_as_a_name_stays_apart():
    _, ents, names, _ = run("In de regio Venlo werken ze samen. Venlo is een stad in Limburg.")
    assert names["regio venlo"] is names["venlo"]
    _, ents, names, _ = run("Zwolle ligt in Regio Zwolle.")
    assert names["regio zwolle"] is not names["zwolle"]


def test_programme_compound_joins_its_name():
    _, ents, names, _ = run("Het Zorgpact is gestart. De Zorgpactbeweging groeit en het "
                            "Zorgpactprogramma ook.")
    assert names["zorgpactbeweging"] is names["zorgpact"] is names["zorgpactprogramma"]


def test_a_schools_unit_is_its_own_name_and_part_of_the_school():
    _, _, names, rels = run("De nieuwe stagevorm van de Academie voor Verpleegkunde van de "
                            "Hanzehogeschool krijgt waardering. Docenten van de Academie voor "
                            "Sociale Studies van Avans Hogeschool doen mee.")
    for unit, school in (("Academie voor Verpleegkunde", "Hanzehogeschool"),
                         ("Academie voor Sociale Studies", "Avans Hogeschool")):
        assert norm(unit) in names, sorted(names)
        assert rel(names, rels, unit, "PART_OF", school), sorted(rels)
        assert not rel(names, rels, school, "ORGANISED", unit), sorted(rels)


def test_a_bracketed_part_of_a_word_stays_in_the_name():
    _, _, names, _ = run("Samen richten zij het Practoraat Zorg & (Sensor)technologie op. "
                         "Het gaat om de Innovatiewerkplaats Zorg en (sensor)Technologie in Emmen.")
    assert norm("Innovatiewerkplaats Zorg en (sensor)Technologie") in names, sorted(names)
    assert norm("Practoraat Zorg & (Sensor)technologie") in names, sorted(names)
    assert norm("Practoraat Zorg") not in names


def test_the_organisations_of_a_joint_initiative_are_its_partners():
    _, _, names, rels = run("Alfa-college, Noorderpoort en Drenthe College hebben een practor "
                            "aangesteld voor het gezamenlijke practoraat Zorg en Technologie.")
    dst = next(e.name for k, e in names.items() if "technologie" in k)
    assert not missing(names, rels, ["Alfa-college", "Noorderpoort", "Drenthe College"],
                       "PARTNER_IN", dst), sorted(rels)
    _, _, names, rels = run("Als extra vliegwiel zijn HAN, CWZ en Rijnstate samen een "
                            "Innovatiehub gestart.")
    assert not missing(names, rels, ["HAN", "CWZ", "Rijnstate"], "PARTNER_IN", "Innovatiehub"),\
        sorted(rels)
    # one organisation is no joint venture
    _, _, names, rels = run("Noorderpoort heeft een gezamenlijke aanpak Zorg Dichtbij.")
    assert not any(r == "PARTNER_IN" for _, r, _ in rels), sorted(rels)


def test_organisations_starting_an_initiative_organise_it():
    _, _, names, rels = run("Het Drenthe College, de Hanzehogeschool Groningen, de provincie "
                            "Drenthe en de gemeente Assen starten met onder meer "
                            "zorginstellingen het Practoraat Zorg & (Sensor)technologie.")
    dst = next(e.name for k, e in names.items() if "sensor" in k)
    assert norm(dst).endswith("(sensor)technologie"), dst   # not cut at the full stop
    assert not missing(names, rels, ["Drenthe College", "Hanzehogeschool Groningen",
                                     "Provincie Drenthe", "Gemeente Assen"],
                       "ORGANISED", dst), sorted(rels)


def test_an_unknown_acronym_is_a_candidate_only_in_a_list_of_names():
    _, _, names, _ = run("De Zorgboog, GGZ Oost-Brabant, het Elkerliek ziekenhuis, ORO en "
                         "Savant vormen samen een campus.")
    assert "oro" in names, sorted(names)
    _, _, names, _ = run("Het BIG-register en de ICT zijn belangrijk. Lees JOU en meer.")
    assert not {"ict", "jou"} & set(names), sorted(names)


def test_a_place_in_brackets_after_an_organisation_locates_it():
    _, _, names, rels = run("HAN University of Applied Sciences, het Canisius Wilhelmina "
                            "Ziekenhuis (CWZ, Nijmegen) en ziekenhuis Rijnstate (Arnhem) zien "
                            "grote uitdagingen. De gemeenten Borne (Ov.) en Hengelo doen mee.")
    assert rel(names, rels, "Canisius Wilhelmina Ziekenhuis", "LOCATED_IN", "Nijmegen"), rels
    assert rel(names, rels, "Rijnstate", "LOCATED_IN", "Arnhem"), sorted(rels)
    assert not any(r == "LOCATED_IN" and s == "hengelo" for s, r, _ in rels), sorted(rels)
