"""``zorgnet report PROVINCIE -o rapport.html``: the printable regional report.

::

    zorgnet report Overijssel -o overijssel.html        # HTML with print CSS
    zorgnet report overijssel -o overijssel.pdf         # PDF via headless Chromium
    zorgnet report Utrecht -o utrecht.html --lang en --plaat utrecht.svg

The same page as the app's Regio's page offers for download (``graph/report_html.py``):
key figures, the network picture, clusters, brokers, gaps and the top suggestions
with their reasons and sources. Nothing is fetched from the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from graph.exceptions import ZorgnetGraphError
from graph.store import StoreUnavailable, open_store
from zorgnet.common import fail, settings

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def _fail(msg: str) -> None:
    fail(msg)


def chromium() -> str | None:
    """Debian's headless Chromium (or ``$CHROMIUM``, :attr:`Settings.chromium`), if installed."""
    env = settings().chromium
    if env and Path(env).exists():
        return env
    return next((p for p in map(shutil.which, CHROMIUM) if p), None)


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 120) -> None:
    """Print an HTML file to PDF with headless Chromium (no network)."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("voor PDF is Chromium nodig (apt-get install chromium); "
                           "schrijf anders .html en druk af vanuit de browser")
    with tempfile.TemporaryDirectory(prefix="zorgnet-pdf-") as prof:
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run",
                        f"--user-data-dir={prof}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
                       check=True, timeout=timeout, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError("Chromium schreef geen PDF")


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the ``zorgnet`` app."""

    @app.command()
    def report(
        province: str = typer.Argument(..., help="Provincie (hoofdletters maken niet uit)."),
        out: str = typer.Option(..., "--out", "-o", help="Doelbestand: .html of .pdf."),
        lang: str = typer.Option("nl", "--lang", help="Taal: nl of en."),
        top: int = typer.Option(8, "--top", min=1, max=50, help="Lengte van de lijsten."),
        picture: Optional[str] = typer.Option(None, "--plaat",
                                              help="Schrijf ook de netwerkplaat (.svg/.png)."),
    ):
        """Maak het afdrukbare regiorapport van één provincie (HTML of PDF)."""
        from graph.report_html import build  # lazy: loads networkx, matplotlib, Babel
        from graph.analysis import analyze  # lazy: loads igraph, numpy, matplotlib
        from graph.collaboration import collaboration_graph  # lazy: loads networkx, numpy
        from graph.projection import to_networkx  # lazy: loads networkx
        from graph.report import from_analyze, province_graph, provinces  # lazy: loads networkx
        from graph.entities import entity_graph  # lazy: loads networkx

        if lang not in ("nl", "en"):
            _fail("--lang is nl of en")
        target = Path(out)
        if target.suffix.lower() not in (".html", ".htm", ".pdf"):
            _fail("het doelbestand moet op .html of .pdf eindigen")
        try:
            with open_store(read_only=True) as store:
                G = to_networkx(store)
        except StoreUnavailable as exc:
            _fail(str(exc))
        E = entity_graph(G)
        known = {p.casefold(): p for p in provinces(E)}
        name = known.get(province.strip().casefold())
        if name is None:
            _fail(f"geen organisaties in provincie {province!r}; bekend: "
                  + (", ".join(sorted(known.values())) or "geen"))
        try:
            an = from_analyze(analyze(G, top=300, include_membership=True,
                                      include_regions=False))
            C = collaboration_graph(G)
        except ZorgnetGraphError:
            an, C = {}, None
        page = build(E, an, name, C, lang=lang, top=top)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == ".pdf":
            with tempfile.TemporaryDirectory(prefix="zorgnet-report-") as tmp:
                src = Path(tmp) / "rapport.html"
                src.write_text(page, encoding="utf-8")
                try:
                    html_to_pdf(src, target)
                except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
                    _fail(str(exc))
        else:
            target.write_text(page, encoding="utf-8")
        typer.echo(f"geschreven: {target}")
        if picture:
            from graph.locale import tr  # lazy: reads the locale files
            from graph.picture import network_picture  # lazy: loads networkx
            from graph.entities import ENTITY_TYPES, SECTOR_COLORS  # lazy: loads networkx

            fmt = "png" if picture.lower().endswith(".png") else "svg"
            Path(picture).write_bytes(network_picture(
                province_graph(E, name), fmt=fmt, title=tr(lang, "rp.title", province=name),
                type_names={x: tr(lang, f"type.{x}") for x in ENTITY_TYPES},
                sector_names={x: tr(lang, f"sector.{x}") for x in SECTOR_COLORS}))
            typer.echo(f"geschreven: {picture}")
