"""Entity resolution within and across documents."""

from __future__ import annotations

from loaders.extract.core import extract
from loaders.extract.pipeline import reset
from loaders.resolve import acronym, canonical_map, merge_batches, resolve_document
from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow


def ents(text):
    return resolve_document(extract(text))


def by_form(es, form):
    return next((e for e in es if form in e.forms or e.name == form), None)


def test_acronym():
    assert acronym("Sociale Zaken en Werkgelegenheid") == "SZW"
    assert acronym("Ministerie van Onderwijs, Cultuur en Wetenschap") == "OCW"


def test_acronym_and_full_name_are_one_entity():
    es = ents("Het ministerie van VWS betaalt. Ook VWS zelf en het Ministerie van "
              "Volksgezondheid, Welzijn en Sport doen mee.")
    gov = [e for e in es if e.type == "government"]
    assert len(gov) == 1
    assert {"ministerie van VWS", "VWS"} <= set(gov[0].forms)


def test_case_and_diacritics_variants_merge():
    es = ents("InteraktContour doet mee. Ook Interaktcontour en Interakt Contour tekenden.")
    e = by_form(es, "Interaktcontour")
    assert e is not None and {"InteraktContour", "Interakt Contour"} <= set(e.forms)
    assert len([x for x in es if x.type != "region"]) == 1


def test_article_is_ignored():
    es = ents("Het Zorgpact groeit. Zorgpact is landelijk.")
    assert len([e for e in es if e.name == "Zorgpact"]) == 1


def test_bare_surname_joins_full_name():
    es = ents("Staatssecretaris Paul Blokhuis kwam langs. Daarna sprak staatssecretaris Blokhuis.")
    p = [e for e in es if e.type == "person"]
    assert len(p) == 1 and p[0].name == "Paul Blokhuis" and "Blokhuis" in p[0].forms


def test_fuzzy_merge_within_document():
    es = ents("Stichting Zorgkracht Oost-Veluwe opent. Later sprak Stichting Zorgkracht "
              "Oost Veluwe opnieuw.")
    orgs = [e for e in es if e.type != "region"]
    assert len(orgs) == 1


def test_user_alias_file(tmp_path, monkeypatch):
    f = tmp_path / "mijn_aliassen.csv"
    f.write_text("alias,name,type\nZWN,Zorgnetwerk West-Nederland,initiative\n",
                 encoding="utf-8")
    monkeypatch.setenv("ZORGNET_ALIASES", str(f))
    reset()
    try:
        es = ents("Het ZWN organiseert een congres. Het Zorgnetwerk West-Nederland groeit.")
        e = by_form(es, "ZWN")
        assert e is not None and e.name == "Zorgnetwerk West-Nederland"
        assert e.type == "initiative" and "ZWN" in e.aliases
    finally:
        monkeypatch.delenv("ZORGNET_ALIASES")
        reset()


def test_canonical_map_across_documents():
    m = canonical_map([("Interaktcontour", "care_provider"), ("InteraktContour", "care_provider"),
                       ("Universiteit van Utrecht", "knowledge_institute"),
                       ("Universiteit Utrecht", "knowledge_institute"),
                       ("VWS", "government")])
    assert m[("Interaktcontour", "care_provider")] == m[("InteraktContour", "care_provider")]
    assert m[("Universiteit van Utrecht", "knowledge_institute")][0] == "Universiteit Utrecht"
    assert m[("VWS", "government")][0] == "Ministerie van Volksgezondheid, Welzijn en Sport"


def test_merge_batches_repoints_rows():
    def batch(src, name):
        d = DocumentRow(src, "t", "c" * 64)
        e = EntityRow(name, "care_provider")
        p = EntityRow("Jan Smit", "person")
        return Batch([d], [e, p], [RelationRow(p.id, "AFFILIATED_WITH", e.id, d.id)],
                     [MentionRow(e.id, d.id, [name])])
    b1, b2 = batch("/a.txt", "Zorggroep Noorderbreedte"), batch("/b.txt", "Zorggroep Noorderbrede")
    merge_batches([b1, b2])
    ids = {e.id for e in b1.entities} & {e.id for e in b2.entities}
    assert len(ids) == 2       # the person and the (fuzzily) same care provider
    assert b2.relations[0].dst in {e.id for e in b1.entities}
    b1.validate()
    b2.validate()


def test_canonical_map_keeps_two_reference_entries_apart():
    """"HZ University of Applied Sciences" and "HAN University of Applied Sciences" are
    96 % alike as strings but two hogescholen of the gazetteer: never one."""
    m = canonical_map([("HZ University of Applied Sciences", "school"),
                       ("HAN University of Applied Sciences", "school"),
                       ("Hogeschool Zeeland", "school")])
    assert m[("HZ University of Applied Sciences", "school")][0] != \
        m[("HAN University of Applied Sciences", "school")][0]
    assert m[("Hogeschool Zeeland", "school")] == m[("HZ University of Applied Sciences", "school")]
