"""Readers: formats, metadata, clutter, encodings and clear errors per file."""

from __future__ import annotations

import http.server
import io
import socket
import threading
from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.extract.dates import is_date_line, parse_date
from loaders.readers import clean_lines, read_source

FIX = Path(__file__).parent / "fixtures" / "extract"


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A tiny valid one-page PDF with a text layer (Helvetica, ASCII)."""
    esc = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
    content = "BT /F1 11 Tf 72 740 Td " + " ".join(f"({ln}) Tj 0 -16 Td" for ln in esc) + " ET"
    info = f"<< /Title ({title}) >>" if title else "<< >>"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            info]
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offs)
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n"
            f"{xref}\n%%EOF\n").encode()
    return out


def test_txt_title_date_and_clutter(tmp_path):
    p = tmp_path / "bericht.txt"
    p.write_text("‹ Terug naar alle regionale pacten\n  • Home\n  • Agenda\n"
                 "Zorgpact Twente van start\n\n29 november 2016\n\n"
                 "Saxion en ROC van Twente tekenden het pact.\n\n"
                 "Schrijf je in voor onze update\nGerelateerd aan\n", encoding="utf-8")
    t = read_source(str(p))
    assert t.title == "Zorgpact Twente van start"
    assert t.date == "2016-11-29"
    assert t.doctype == "text" and len(t.checksum) == 64
    assert "Home" not in t.body and "Schrijf" not in t.body and "Terug" not in t.body
    assert "Gerelateerd" not in t.body
    assert t.body.splitlines()[0] == "Zorgpact Twente van start"
    assert t.source == str(p.resolve())


def test_html_main_text_without_menus_scripts_cookies():
    t = read_source(str(FIX / "nieuws.html"))
    assert t.doctype == "html"
    assert "Zorgpact Drenthe" in t.title
    assert t.date == "2019-03-14"
    body = t.body
    assert "Zorggroep Drenthe" in body and "Wethouder Anke Mulder" in body
    for junk in ("Trackingbureau", "Nergenshuizen", "Scriptnaam", "cookies", "Home",
                 "Schrijf je in", "Deel dit artikel", "Onzinnig"):
        assert junk not in body, junk


def test_html_without_text_is_a_load_error(tmp_path):
    p = tmp_path / "leeg.html"
    p.write_text("<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home"
                 "</a></nav><script>alert('x')</script></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="geen leesbare"):
        read_source(str(p))


def test_markdown(tmp_path):
    p = tmp_path / "notitie.md"
    p.write_text("# Regiodag Zorg Zeeland\n\nDe **Regiodag** wordt georganiseerd door "
                 "[Scalda](https://scalda.nl).\n", encoding="utf-8")
    t = read_source(str(p))
    assert t.title == "Regiodag Zorg Zeeland"
    assert "georganiseerd door Scalda." in t.body and "**" not in t.body


def test_cp1252_and_latin1_fallback(tmp_path):
    p = tmp_path / "oud.txt"
    p.write_bytes("Coöperatie Zorgvoorelkaar – “samen” café\n".encode("cp1252"))
    t = read_source(str(p))
    assert "Coöperatie" in t.body and "“samen”" in t.body
    p2 = tmp_path / "latin.txt"
    p2.write_bytes(b"Caf\xe9 \x81 de Bl\xe9\n")   # 0x81 is undefined in cp1252
    assert "Café" in read_source(str(p2)).body


def test_utf8_bom_and_utf16(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffHet Zorgpact Flevoland\n".encode("utf-8"))
    assert read_source(str(p)).body.startswith("Het Zorgpact")
    p2 = tmp_path / "u16.txt"
    p2.write_bytes("Het Zorgpact Flevoland\n".encode("utf-16"))
    assert "Zorgpact Flevoland" in read_source(str(p2)).body


@pytest.mark.parametrize("name,data,match", [
    ("leeg.txt", b"", "leeg bestand"),
    ("spaties.txt", b"  \n\n ", "leeg bestand"),
    ("plaatje.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binair"),
    ("kapot.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
    ("kapot.docx", b"PK\x03\x04 dit is geen zip", "DOCX"),
    ("onbekend.xyz", b"tekst", "niet ondersteund"),
])
def test_bad_files_raise_load_error(tmp_path, name, data, match):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(LoadError, match=match) as ei:
        read_source(str(p))
    assert ei.value.path == str(p.resolve())
    assert ei.value.message_en and ei.value.message_nl


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="bestaat niet"):
        read_source(str(tmp_path / "nergens.txt"))


def test_size_limit(tmp_path, monkeypatch):
    p = tmp_path / "groot.txt"
    with open(p, "wb") as f:        # sparse: 50 MB without writing 50 MB
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(LoadError, match="limiet"):
        read_source(str(p))
    monkeypatch.setenv("ZORGNET_MAX_BYTES", "100")
    small = tmp_path / "klein.txt"
    small.write_text("x" * 200)
    with pytest.raises(LoadError, match="limiet"):
        read_source(str(small))


def test_pdf(tmp_path):
    p = tmp_path / "verslag.pdf"
    p.write_bytes(make_pdf(["Verslag Werkconferentie Zorg Limburg",
                            "Op 12 mei 2023 sprak Ellen Jansen van Zuyd Hogeschool."],
                           title="Verslag werkconferentie"))
    t = read_source(str(p))
    assert t.doctype == "pdf" and t.title == "Verslag werkconferentie"
    assert "Ellen Jansen" in t.body


def test_pdf_without_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([]))
    with pytest.raises(LoadError, match="tekstlaag"):
        read_source(str(p))


def test_docx(tmp_path):
    import docx
    d = docx.Document()
    d.core_properties.title = "Notulen regio-overleg"
    d.add_paragraph("Notulen regio-overleg")
    d.add_paragraph("08-12-2017")
    d.add_paragraph("Jan de Boer, directeur van Zorggroep Noorderboog, opende het overleg.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Partner"
    table.rows[0].cells[1].text = "ROC Friese Poort"
    buf = io.BytesIO()
    d.save(buf)
    p = tmp_path / "notulen.docx"
    p.write_bytes(buf.getvalue())
    t = read_source(str(p))
    assert t.doctype == "docx" and t.title == "Notulen regio-overleg"
    assert t.date == "2017-12-08"
    assert "Zorggroep Noorderboog" in t.body and "ROC Friese Poort" in t.body


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def test_url_local_server_and_unreachable(tmp_path, monkeypatch):
    (tmp_path / "pagina.html").write_bytes((FIX / "nieuws.html").read_bytes())
    handler = lambda *a, **k: _Quiet(*a, directory=str(tmp_path), **k)  # noqa: E731
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    try:
        url = f"http://127.0.0.1:{srv.server_address[1]}/pagina.html"
        t = read_source(url)
        assert t.source == url and t.doctype == "html" and "Zorggroep Drenthe" in t.body
        with pytest.raises(LoadError, match="HTTP-fout 404"):
            read_source(f"http://127.0.0.1:{srv.server_address[1]}/weg.html")
    finally:
        srv.shutdown()
        srv.server_close()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    monkeypatch.setenv("ZORGNET_URL_TIMEOUT", "2")
    with pytest.raises(LoadError, match="niet bereikbaar"):
        read_source(f"http://127.0.0.1:{port}/x.html")


def test_clean_lines_drops_menus_and_repeats():
    lines = clean_lines("Titel\n• Home\n• Over ons\n• Contact\nTekst met inhoud.\nTitel\n"
                        "Deel dit artikel\nDeze website gebruikt cookies om te meten.\n")
    assert lines == ["Titel", "Tekst met inhoud."]


@pytest.mark.parametrize("text,base,iso", [
    ("29 november 2016", None, "2016-11-29"),
    ("08-12-2017", None, "2017-12-08"),
    ("woensdag 6 december 2017", None, "2017-12-06"),
    ("6 december", None, None),
    ("6 december", "2017-12-08", "2017-12-06"),
    ("17 april", "2018-03-27", "2018-04-17"),
    ("Gisteren", "2017-12-08", "2017-12-07"),
    ("gisteren", None, None),
    ("afgelopen woensdag", "2017-12-08", "2017-12-06"),
    ("komende maandag", "2017-12-08", "2017-12-11"),
    ("2019-03-14", None, "2019-03-14"),
])
def test_dates(text, base, iso):
    assert parse_date(text, base) == iso


def test_date_lines():
    assert is_date_line("29 november 2016") and is_date_line("08-12-2017")
    assert not is_date_line("Op 17 april vindt een bijeenkomst plaats over de plannen.")
