"""Spreadsheets in, rows out — and bad spreadsheets rejected with row numbers."""

from __future__ import annotations

import pytest

from loaders.errors import LoadError
from loaders.rows import RowError
from loaders.spreadsheet import read_spreadsheet


def _csv(tmp_path, text, name="p.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_partner_list_rows_become_entities_regions_and_evidence(tmp_path):
    p = _csv(tmp_path, "organisatie;soort;plaats;initiatief;rol\n"
                       "Zorggroep Almere;zorgaanbieder;Almere;Zorgpact Flevoland;trekker\n"
                       "Gemeente Lelystad;gemeente;Lelystad;Zorgpact Flevoland;\n")
    b = read_spreadsheet(p)
    names = {e.name: e for e in b.merged_entities()}
    assert names["Zorggroep Almere"].type == "care_provider"
    assert names["Gemeente Lelystad"].type == "government"
    assert names["Flevoland"].props["level"] == "province"
    partner = [r for r in b.relations if r.rel == "PARTNER_IN"]
    assert {r.locator for r in partner} == {"rij 2", "rij 3"}
    assert [r.role for r in partner if r.locator == "rij 2"] == ["trekker"]
    assert all("Zorgpact Flevoland" in r.sentence for r in partner)


def test_all_problems_are_listed_with_row_numbers(tmp_path):
    p = _csv(tmp_path, "organisatie,soort\n"
                       "ROC Flevoland,school\n"
                       ",school\n"
                       "Bakkerij Jansen,bakker\n"
                       "ROC Flevoland,school\n")
    with pytest.raises(RowError) as ei:
        read_spreadsheet(p)
    msgs = ei.value.problems
    assert any("rij 3" in m and "lege naam" in m for m in msgs)
    assert any("rij 4" in m and "onbekende soort 'bakker'" in m for m in msgs)
    assert any("rij 5" in m and "dubbele regel" in m and "rij 2" in m for m in msgs)


def test_missing_columns_are_named(tmp_path):
    p = _csv(tmp_path, "naam_organisatie,plaats\nX,Utrecht\n")
    with pytest.raises(RowError, match="kolom\\(men\\) ontbreken: organisatie, soort"):
        read_spreadsheet(p)


def test_cp1252_csv_is_read(tmp_path):
    p = _csv(tmp_path, "organisatie,soort\nCoöperatie Zorgkracht,zorgaanbieder\n",
             encoding="cp1252")
    names = [e.name for e in read_spreadsheet(p).entities]
    assert "Coöperatie Zorgkracht" in names


def test_broken_xlsx_is_a_load_error(tmp_path):
    p = tmp_path / "kapot.xlsx"
    p.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(LoadError, match="geen geldig Excel-bestand"):
        read_spreadsheet(p)


def test_xlsx_partner_list(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Organisatie", "Soort", "Plaats", "Initiatief"])
    ws.append(["Hogeschool Windesheim", "hbo", "Zwolle", "Zorgpact Overijssel"])
    ws.append(["Deltion College", "mbo", "Zwolle", "Zorgpact Overijssel"])
    p = tmp_path / "partners.xlsx"
    wb.save(p)
    b = read_spreadsheet(p)
    assert {e.name for e in b.entities if e.type == "school"} == {"Hogeschool Windesheim",
                                                                  "Deltion College"}
    zwolle = [e for e in b.entities if e.name == "Zwolle"][0]
    assert zwolle.props["province"] == "Overijssel"


def test_graph_tables_unknown_reference(tmp_path):
    (tmp_path / "entiteiten.csv").write_text("naam,type\nA,school\n", encoding="utf-8")
    (tmp_path / "relaties.csv").write_text("van,relatie,naar\nA,PARTNER_IN,B\n",
                                           encoding="utf-8")
    with pytest.raises(RowError, match="relaties rij 2: naar 'B' staat niet in entiteiten"):
        read_spreadsheet(tmp_path)


def test_missing_seat_is_filled_from_the_gazetteer_but_stated_values_win(tmp_path):
    p = _csv(tmp_path, "organisatie,soort,plaats\n"
                       "Transvorm,werkgeversorganisatie,\n"
                       "Baalderborg,zorgaanbieder,Zwolle\n")
    ents = {e.name: e for e in read_spreadsheet(p).entities}
    assert ents["Transvorm"].props["province"] == "Noord-Brabant"
    assert ents["Baalderborg"].props["place"] == "Zwolle"       # the sheet's own value
    assert ents["Baalderborg"].props["province"] == "Overijssel"


def test_csv_in_neither_utf8_nor_cp1252_still_reads(tmp_path):
    p = tmp_path / "vreemd.csv"
    p.write_bytes(b"organisatie,soort\nZorg\x81\xff,zorg\n")
    assert len([e for e in read_spreadsheet(p).entities if e.type == "care_provider"]) == 1


def test_binary_file_named_csv_is_refused(tmp_path):
    p = tmp_path / "foto.csv"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(LoadError, match="binair"):
        read_spreadsheet(p)


def test_graph_tables_umbrella_column_and_initiative_start(tmp_path):
    (tmp_path / "entiteiten.csv").write_text(
        "naam,type,datum,koepel\n"
        "Zorgpact Noord,initiative,2017,\n"
        "Landelijk Fonds X,initiative,,ja\n"
        "ROC X,school,,nee\n", encoding="utf-8")
    b = read_spreadsheet(tmp_path)
    by = {e.name: e for e in b.entities}
    assert by["Zorgpact Noord"].props["start_date"] == "2017"
    assert by["Zorgpact Noord"].as_row()["start_date"] == "2017"
    assert by["Landelijk Fonds X"].as_row()["umbrella"] == "true"
    assert by["ROC X"].as_row()["umbrella"] is None


def test_gazetteer_marks_umbrella_bodies(tmp_path):
    """Ministries and national programmes are umbrellas by their gazetteer subkind."""
    p = _csv(tmp_path, "organisatie,soort,initiatief\n"
                       "Ministerie van VWS,ministerie,Zorgpact\n"
                       "Gemeente Zwolle,gemeente,Zorgpact\n")
    b = read_spreadsheet(p)
    umbrella = {e.name for e in b.entities if e.props.get("umbrella") == "true"}
    assert umbrella == {"Ministerie van VWS", "Zorgpact"}        # not Gemeente Zwolle
