"""Every named query says what the demo CSVs of ``data/demo/`` say, on both engines."""

from __future__ import annotations

import pytest

from graph.regions import PROVINCES
from queries_common import (
    MEMBERSHIP, NAMES, OCW, VWS, WERKDAG, bronnen, col, entities, members,
    org_names, relations, run, sources,
)
from queries_common import demo_store, neo4j_demo  # noqa: F401  (fixtures)


# --------------------------------------------------------------------------- demo facts

CHECKS = {}


def check(name):
    def deco(fn):
        CHECKS[name] = fn
        return fn
    return deco


@check("partners_van_initiatief")
def _partners(store):
    rows = run(store, "partners_van_initiatief")
    assert {r["organisatie"] for r in rows} == members("Zorgpact Flevoland") == {
        "InteraktContour", "Windesheim Flevoland", "Zowelwerk"}
    w = next(r for r in rows if r["organisatie"] == "Windesheim Flevoland")
    assert w["soort"] == "school" and w["organisatie_id"] == "org:school:windesheim-flevoland"
    assert sorted(w["relaties"]) == ["ORGANISED", "PARTNER_IN"]
    assert w["rollen"] == ["initiatiefnemer"] and w["bronnen"] == 1
    i = next(r for r in rows if r["organisatie"] == "InteraktContour")
    assert i["relaties"] == ["PARTNER_IN"] and i["rollen"] == ["partner"]
    # by name, case-insensitively; koplopers are part of the Kopgroep
    rows = run(store, "partners_van_initiatief", initiative="kopgroep zorgpact")
    assert {r["organisatie"] for r in rows} == members("Kopgroep Zorgpact") == {
        "Cordaan", "TOP College, academie voor Zorg en Welzijn"}
    assert all(r["relaties"] == ["PART_OF"] for r in rows)


@check("initiatieven_van_organisatie")
def _initiatives(store):
    rows = run(store, "initiatieven_van_organisatie")
    assert [(r["initiatief"], r["subsoort"], r["schaal"], r["sinds"]) for r in rows] == [
        ("Zorgpact Flevoland", "pact", "regional", sources()[
            "zorgpact-flevoland-2016-11"]["datum"])]
    rows = run(store, "initiatieven_van_organisatie", org="Landstede Groep")
    assert col(rows, "initiatief") == ["Zorgtrainingscentrum Zwolle"]
    rows = run(store, "initiatieven_van_organisatie", org=VWS)
    assert set(col(rows, "initiatief")) == {
        r["naar"] for r in relations() if r["van"] == VWS and r["type_naar"] == "initiative"
        and r["relatie"] in MEMBERSHIP} == {
        "Actie Leer Netwerk", "Actieprogramma Werken in de Zorg", "Ik Zorg", "Zorgpact",
        "Nieuw beleidsprogramma regionale werkgeversorganisaties en RegioPlus (vanaf 2020)",
        "Verkenning Platform31 samenwerking Zorgpact"}
    verkenning = next(r for r in rows if r["initiatief"].startswith("Verkenning"))
    assert verkenning["rollen"] == ["opdrachtgever"]


@check("banden_van_organisatie")
def _ties(store):
    rows = run(store, "banden_van_organisatie")
    expected = [r for r in relations() if VWS in (r["van"], r["naar"])]
    assert len(rows) == len(expected) == 17
    assert {(r["relatie"], r["ander"]) for r in rows} == {
        (r["relatie"], r["naar"] if r["van"] == VWS else r["van"]) for r in expected}
    blokhuis = next(r for r in rows if r["ander"] == "Paul Blokhuis")
    assert blokhuis["relatie"] == "AFFILIATED_WITH" and blokhuis["richting"] == "in"
    assert blokhuis["rol"] == "staatssecretaris" and blokhuis["zin"] == "staatssecretaris bij VWS"
    assert blokhuis["document"] == sources()[WERKDAG]["titel"]
    assert blokhuis["datum"] == sources()[WERKDAG]["datum"] == "2017-12-08"
    assert blokhuis["zekerheid"] == pytest.approx(1.0)
    themaweek = [r for r in rows if r["ander"].startswith("Themaweek")]
    assert [(r["richting"], r["rol"]) for r in themaweek] == [("uit", "gastlocatie")]
    assert all(r["richting"] == "uit" for r in rows if r["relatie"] == "PARTICIPATED_IN")


@check("organisaties_per_regio_en_soort")
def _per_region(store):
    rows = run(store, "organisaties_per_regio_en_soort")
    assert sum(col(rows, "aantal")) == len(org_names()) >= 800
    by_key = {(r["provincie"], r["soort"]): r for r in rows}
    zh = by_key[("Zuid-Holland", "government")]
    # kabinet and the ministries get their seat (Den Haag) from the gazetteer
    expected = sorted(e["naam"] for e in entities()
                      if e["type"] == "government" and e["provincie"] == "Zuid-Holland")
    assert zh["sector"] == "overheid" and zh["aantal"] == len(expected) >= 50
    assert zh["organisaties"] == expected and {"kabinet", VWS, OCW} <= set(expected)
    assert {p for p, _ in by_key} >= set(PROVINCES)                     # all twelve
    assert "Windesheim Flevoland" in by_key[("Flevoland", "school")]["organisaties"]
    assert "CZ" in by_key[("Noord-Brabant", "insurer")]["organisaties"]
    assert "Blokker" in by_key[("(onbekend)", "company")]["organisaties"]


@check("regios_zonder_soort")
def _without_kind(store):
    # every province has a school that takes part in an initiative or event
    assert run(store, "regios_zonder_soort") == []
    # Drenthe: five care providers are seated there, none is in an initiative
    rows = run(store, "regios_zonder_soort", kind="care_provider")
    assert [(r["provincie"], r["gevestigd_van_soort"], r["actieve_organisaties"])
            for r in rows] == [("Drenthe", 5, 4)]
    rows = run(store, "regios_zonder_soort", kind="employer_org")
    assert col(rows, "provincie") == ["Drenthe", "Gelderland", "Groningen", "Limburg",
                                      "Noord-Brabant", "Zeeland"]
    # Utrechtzorg (Utrecht) takes part in initiatives now: Utrecht is not listed
    assert next(r for r in rows if r["provincie"] == "Noord-Brabant")["gevestigd_van_soort"] == 1


@check("samenwerking_tussen_provincies")
def _cross_region(store):
    rows = run(store, "samenwerking_tussen_provincies")
    by_pair = {(r["provincie_a"], r["provincie_b"]): r for r in rows}
    assert len(rows) == 24 and all(a < b for a, b in by_pair)
    lnb = by_pair[("Limburg", "Noord-Brabant")]                   # most pairs first
    assert rows[0] == lnb and lnb["organisatieparen"] == 26
    assert (lnb["organisaties_a"], lnb["organisaties_b"]) == (2, 13)
    assert lnb["initiatieven_en_evenementen"] == [
        "Mini hackathon practoraat Tech@doptie (4 juni 2018)", "Sterk Zorg- en Welzijnsonderwijs"]
    fg = by_pair[("Flevoland", "Gelderland")]
    assert fg["organisatieparen"] == 11 and (fg["organisaties_a"], fg["organisaties_b"]) == (3, 10)
    assert "Zorgpact Flevoland" in fg["initiatieven_en_evenementen"]
    pairs = col(rows, "organisatieparen")
    assert pairs == sorted(pairs, reverse=True)


@check("provincieparen_zonder_banden")
def _pairs_without(store):
    rows = run(store, "provincieparen_zonder_banden")
    tied = {(r["provincie_a"], r["provincie_b"])
            for r in run(store, "samenwerking_tussen_provincies")}
    pairs = {(r["provincie_a"], r["provincie_b"]) for r in rows}
    assert all(a < b and {a, b} <= set(PROVINCES) for a, b in pairs)
    assert len(rows) == 66 - len(tied) == 42 and not pairs & tied   # 12 provinces: 66 pairs
    assert ("Flevoland", "Gelderland") not in pairs and ("Drenthe", "Zeeland") in pairs
    assert rows[0]["provincie_a"] == "Noord-Brabant" and rows[0]["organisaties_a"] == 128


@check("kortste_keten")
def _chain(store):
    rows = run(store, "kortste_keten")
    assert rows and len({r["stappen"] for r in rows}) == 1
    first = rows[0]
    assert first["stappen"] == 5
    assert first["keten"] == ("Landstede Groep > Kopgroepbijeenkomst Zwolle (27 maart) > Zorgpact"
                              " > Regionale Zorgpacten > Zorgpact Flevoland > InteraktContour")
    assert first["soorten_keten"].split(" > ")[0] == "school"
    assert first["id_keten"].startswith("org:school:landstede-groep > ")
    rows = run(store, "kortste_keten", org_a="CZ", org_b="utrechtzorg")
    assert sorted(r["keten"] for r in rows) == [
        "CZ > Inspiratiesessie ‘Regioplannen IZA x Innovatie en Arbeidsmarkt’ > " + VWS
        + " > Landelijke Werkdag Zorgpact 2017 > Utrechtzorg",
        "CZ > Inspiratiesessie ‘Regioplannen IZA x Innovatie en Arbeidsmarkt’ > Zorg aan Zet"
        " > Regionale Actieplannen Aanpak Tekorten > Utrechtzorg"]
    assert run(store, "kortste_keten", org_a="Blokker", org_b="CZ") == []   # Blokker: no ties
    assert run(store, "kortste_keten", org_a="CZ", org_b="CZ") == []


@check("verbindende_personen")
def _connectors(store):
    rows = run(store, "verbindende_personen")
    assert rows[0]["persoon"] == "Doekle Terpstra" and rows[0]["functie"] == "Zorgpactaanjager"
    assert {"kabinet", "Landstede Groep", VWS} <= set(rows[0]["organisaties"])
    blokhuis = next(r for r in rows if r["persoon"] == "Paul Blokhuis")
    assert blokhuis["eigen_organisaties"] == [VWS]
    assert blokhuis["organisaties"] == sorted([VWS, "Utrechtzorg", "WGV Zorg en Welzijn"])
    assert blokhuis["verbonden_organisaties"] == 3
    assert all(r["verbonden_organisaties"] >= 2 for r in rows)
    counts = col(rows, "verbonden_organisaties")
    assert counts == sorted(counts, reverse=True)
    rows = run(store, "verbindende_personen", min_orgs="5")
    assert "Paul Blokhuis" not in col(rows, "persoon") and min(col(rows, "verbonden_organisaties")) == 5


@check("evenementen_per_regio_en_jaar")
def _events(store):
    rows = run(store, "evenementen_per_regio_en_jaar")
    assert sum(col(rows, "aantal")) == sum(e["type"] == "event" for e in entities()) == 25
    by_key = {(r["provincie"], r["jaar"]): r["evenementen"] for r in rows}
    assert by_key[("Utrecht", "2017")] == ["Landelijke Werkdag Zorgpact 2017"]
    assert by_key[("Overijssel", "2018")] == ["Kopgroepbijeenkomst Zwolle (27 maart)"]
    assert by_key[("Zuid-Holland", "2018")] == [
        "Themaweek VWS en OCW ‘innovatieve samenwerkingen’ (19-23 maart)"]
    assert by_key[("Flevoland", "2017")] == [
        "Regionale themadag gemeenschappelijke taal (maart 2017)"]
    # the date in an event's name (corpus pages) is its date
    assert by_key[("Drenthe", "2023")] == [
        "Werkbezoek minister Dijkgraaf Emmen (11 september 2023)"]
    assert "Opening Future Care Labs (14 januari 2019)" in by_key[("Utrecht", "2019")]


@check("nieuwste_documenten")
def _documents(store):
    rows = run(store, "nieuwste_documenten", limit="100")
    titles = {s["titel"]: b for b, s in sources().items()}
    assert set(col(rows, "titel")) == set(titles)
    for r in rows:
        b = titles[r["titel"]]
        assert r["beweringen"] == sum(x["bron"] == b for x in relations())
        assert r["entiteiten"] == sum(b in bronnen(e) for e in entities())
        assert r["alleen_in_dit_document"] == sum(bronnen(e) == {b} for e in entities())
        assert r["datum"] == (sources()[b]["datum"] or None)
    werkdag = next(r for r in rows if titles[r["titel"]] == WERKDAG)
    assert (werkdag["beweringen"], werkdag["entiteiten"]) == (20, 14)
    assert len(run(store, "nieuwste_documenten", limit="2")) == 2


@check("beweringen_uit_document")
def _claims(store):
    rows = run(store, "beweringen_uit_document")
    expected = [r for r in relations() if r["bron"] == WERKDAG]
    assert len(rows) == len(expected) == 20
    # (region names may be canonicalised by the loader: 'Provincie Utrecht' -> 'Utrecht')
    assert {(r["van"], r["relatie"], "" if r["soort_naar"] == "region" else r["naar"], r["zin"])
            for r in rows} == {
        (r["van"], r["relatie"], "" if r["type_naar"] == "region" else r["naar"],
         r["toelichting"]) for r in expected}
    assert set(col(rows, "document")) == {sources()[WERKDAG]["titel"]}
    assert set(col(rows, "datum")) == {"2017-12-08"}
    rows = run(store, "beweringen_uit_document", doc="Energieke Kopgroepbijeenkomst Zwolle")
    assert len(rows) == sum(r["bron"] == "zorgpact-2018-03-kopgroep-zwolle" for r in relations())
    coloriet = [r for r in rows if r["van"] == "Coloriet" and r["relatie"] == "PARTNER_IN"]
    assert [(r["naar"], r["rol"], r["zekerheid"]) for r in coloriet] == [
        ("Zorgtrainingscentrum Zwolle", "nieuwe partner", 1.0)]


@check("entiteiten_uit_document")
def _entities_of_document(store):
    rows = run(store, "entiteiten_uit_document")
    named = [e for e in entities() if WERKDAG in bronnen(e)]
    assert len(rows) == len(named) == 14
    assert {r["naam"] for r in rows if r["soort"] != "region"} == {
        e["naam"] for e in named if e["type"] != "region"}
    by_name = {r["naam"]: r for r in rows}
    assert by_name["Erna Laclé"]["alleen_hier"] is True
    zp = by_name["Zorgpact"]
    zorgpact = next(e for e in entities() if e["naam"] == "Zorgpact")
    assert zp["alleen_hier"] is False
    assert zp["andere_documenten"] == len(bronnen(zorgpact)) - 1 >= 10   # a national programme
    assert "staatssecretaris Blokhuis" in by_name["Paul Blokhuis"]["schrijfwijzen"]
    rows = run(store, "entiteiten_uit_document", doc="zorgnet-demo#zorgpact-flevoland-2016-11")
    assert "InteraktContour" in col(rows, "naam")


@check("ontbrekende_verbindingen")
def _missing_links(store):
    rows = run(store, "ontbrekende_verbindingen")
    by_pair = {frozenset((r["organisatie_a"], r["organisatie_b"])): r for r in rows}
    vws_ocw = by_pair[frozenset((VWS, OCW))]
    assert vws_ocw["gedeeld"] == 3 and set(vws_ocw["gedeelde_activiteiten"]) >= {
        "Themaweek VWS en OCW ‘innovatieve samenwerkingen’ (19-23 maart)",
        "Verkenning Platform31 samenwerking Zorgpact"}
    assert rows[0]["organisatie_a"] == "Drenthe College" and rows[0]["gedeeld"] == 4
    # every pair shares something, per the CSV; no pair twice, no organisation with itself
    for r in rows:
        a, b = r["organisatie_a"], r["organisatie_b"]
        assert a != b and r["organisatie_a_id"] < r["organisatie_b_id"]
        for focus in r["gedeelde_activiteiten"]:
            assert {a, b} <= members(focus), (a, b, focus)
    assert len(by_pair) == len(rows)
    shared = col(rows, "gedeeld")
    assert shared == sorted(shared, reverse=True)
    assert run(store, "ontbrekende_verbindingen", limit="5") == rows[:5]
    two = run(store, "ontbrekende_verbindingen", min_shared="2")
    # PART_OF is no membership here (as in the analysis): 26 pairs, 24 of them share two
    assert len(two) == 26 and all(r["gedeeld"] >= 2 for r in two)
    assert sum(r["gedeeld"] == 2 for r in two) == 24
    # the Themaweek has 6 organisations: with max_members 5 it no longer counts
    small = run(store, "ontbrekende_verbindingen", max_members="5")
    assert all("Themaweek" not in " ".join(r["gedeelde_activiteiten"]) for r in small)


@check("gedeelde_partners")
def _shared_partners(store):
    rows = run(store, "gedeelde_partners")
    by_pair = {frozenset((r["organisatie_a"], r["organisatie_b"])): r for r in rows}
    # CZ (Inspiratiesessie) and Utrechtzorg (Werkdag, RAAT) both meet VWS and Zorg aan Zet
    cz_uz = by_pair[frozenset(("CZ", "Utrechtzorg"))]
    assert cz_uz["gedeelde_partners"] == [VWS, "Zorg aan Zet"]
    assert cz_uz["aantal_gedeelde_partners"] == 2
    # pairs that already share an initiative or event are not candidates
    assert frozenset((VWS, OCW)) not in by_pair
    assert run(store, "gedeelde_partners", limit="3") == rows[:3]
    direct = {frozenset((r["organisatie_a"], r["organisatie_b"]))
              for r in run(store, "ontbrekende_verbindingen")}
    assert not direct & set(by_pair)


@check("eenmalig_genoemde_entiteiten")
def _thin_evidence(store):
    rows = run(store, "eenmalig_genoemde_entiteiten")
    rel_docs: dict[tuple, set] = {}
    for r in relations():
        rel_docs.setdefault((r["van"], r["type_van"]), set()).add(r["bron"])
        rel_docs.setdefault((r["naar"], r["type_naar"]), set()).add(r["bron"])
    expected = {e["naam"] for e in entities()
                if len(bronnen(e)) <= 1 and len(rel_docs.get((e["naam"], e["type"]), ())) <= 1}
    assert set(col(rows, "naam")) == expected
    assert {"Blokker", "Erna Laclé"} <= expected and "Zorgpact" not in expected
    blokker = next(r for r in rows if r["naam"] == "Blokker")        # mentioned, no relation
    assert blokker["beweringen"] == 0
    assert blokker["document"] == "Energieke Kopgroepbijeenkomst Zwolle"
    # the reference organisations are known from the reference list only, without relations
    ref = [r for r in rows if r["document"] == sources()["referentielijst"]["titel"]]
    assert len(ref) == sum(bronnen(e) == {"referentielijst"} for e in entities()) >= 500
    assert all(r["beweringen"] == 0 for r in ref)
    two = set(col(run(store, "eenmalig_genoemde_entiteiten", max_docs="2"), "naam"))
    assert "Doekle Terpstra" not in two and "Erna Laclé" in two and expected < two
    assert "Cordaan" in two - expected                      # two pages, one relation each


@check("mogelijke_dubbelen")
def _duplicates(store):
    rows = run(store, "mogelijke_dubbelen")
    pairs = {frozenset((r["entiteit_a"], r["entiteit_b"])) for r in rows}
    assert pairs >= {frozenset(("Zorgpact", other)) for other in
                     ("Zorgpact Flevoland", "Kopgroep Zorgpact",
                      "Verkenning Platform31 samenwerking Zorgpact")}
    assert {frozenset(("Pantein", "Maasziekenhuis Pantein")),
            frozenset(("Aeres", "Aeres Hogeschool"))} <= pairs and len(rows) == 20
    assert {(r["reden"], r["rang"]) for r in rows} == {("naam bevat de andere naam", 4),
                                                       ("zelfde begin", 5)}
    # whole words only: 'Regionale Zorgpacten' does not contain the word 'Zorgpact'
    assert all("Regionale Zorgpacten" not in (r["entiteit_a"], r["entiteit_b"]) for r in rows)
    # province and municipality Utrecht are two regions, not a duplicate
    assert all("Utrecht" not in (r["entiteit_a"], r["entiteit_b"]) for r in rows)
    rows = run(store, "mogelijke_dubbelen", prefix="10")
    same_start = [r for r in rows if r["reden"] == "zelfde begin"]
    assert same_start and all(r["rang"] == 5 for r in same_start)
    assert any(r["entiteit_a"] == "Gemeente Aa en Hunze" for r in same_start)


@check("relaties_zonder_bewijs")
def _without_evidence(store):
    assert all(r["toelichting"].strip() and r["bron"] for r in relations())
    assert run(store, "relaties_zonder_bewijs") == []


@check("beoordelingen")
def _verdicts(store):
    assert run(store, "beoordelingen") == []            # the demo holds no verdicts


def test_every_query_has_a_demo_check():
    assert sorted(CHECKS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_rows_match_the_demo_data(demo_store, name):
    CHECKS[name](demo_store)
