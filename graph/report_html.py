"""The printable regional report: one self-contained HTML page per province.

:func:`report_html` renders :func:`graph.report.province_report` with the network
picture inlined as SVG (:func:`graph.picture.network_picture`) and print CSS
(A4, page breaks between sections, no interactive parts), so an adviser can print
it or save it as PDF from the browser. Every data value passes
:func:`html.escape`; strings (``app/locales``), numbers and dates come from
:mod:`graph.locale` in the chosen language. No front end is imported: the Regio's page
(download) and ``zorgnet report PROVINCIE -o FILE.html`` both use :func:`build`.
"""

from __future__ import annotations

import datetime as _dt
import html

import networkx as nx

from graph.locale import day, num, tn, tr
from graph.entities import ENTITY_TYPES, SECTOR_COLORS
from graph.picture import inline_svg, network_picture
from graph.report import province_graph, province_report

_CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2933; font-size: 10.5pt;
       line-height: 1.4; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
header { border-bottom: 3px solid #1f77b4; margin-bottom: 5mm; padding-bottom: 2mm; }
header h1 { font-size: 20pt; margin: 0; } header p { margin: 1mm 0 0; color: #52606d; }
h2 { font-size: 13pt; border-bottom: 1px solid #cbd2d9; padding-bottom: 1mm; margin: 6mm 0 2mm; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 0; }
.figure { border: 1px solid #cbd2d9; border-radius: 2mm; padding: 2mm 3mm; }
.figure b { display: block; font-size: 17pt; color: #1f77b4; }
.figure span { color: #52606d; font-size: 9pt; }
.picture svg { width: 100%; height: auto; border: 1px solid #e4e7eb; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm;
         border-bottom: 1px solid #e4e7eb; }
th { background: #f5f7fa; }
td.n, th.n { text-align: right; white-space: nowrap; }
.item { border-left: 3px solid #e7ba52; padding: 1mm 0 1mm 3mm; margin: 0 0 3mm;
        break-inside: avoid; }
.item .why { margin: 0.5mm 0; }
.src { color: #52606d; font-size: 8.5pt; margin: 0; padding-left: 4mm; }
.muted { color: #52606d; }
h2 { break-after: avoid; }
section.picture { break-after: page; }
footer { margin-top: 8mm; color: #7b8794; font-size: 8pt; border-top: 1px solid #e4e7eb; }
@media print { body { padding: 0; } a { color: inherit; text-decoration: none; } }
"""


def _e(x) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _sources(items: list[dict], lang: str) -> str:
    if not items:
        return ""
    lines = []
    for s in items:
        bits = [_e(s.get("name"))]
        if s.get("date"):
            bits.append(_e(day(s["date"], lang=lang)))
        if s.get("source") and s.get("source") != s.get("name"):
            bits.append(f"<span class=\"muted\">{_e(s['source'])}</span>")
        lines.append(" · ".join(bits))
    return (f"<p class=\"src\">{_e(tr(lang, 'rp.sources'))}: "
            + "; ".join(lines) + "</p>")


def report_html(rep: dict, *, lang: str = "nl", svg: str | None = None,
                type_names: dict | None = None, sector_names: dict | None = None,
                today: _dt.date | None = None) -> str:
    """The report page for ``rep`` (:func:`graph.report.province_report`); ``svg`` is
    the network picture (an inline ``<svg>`` element, see
    :func:`graph.picture.inline_svg`)."""
    def T(key, **kw):
        return _e(tr(lang, key, **kw))

    sn = sector_names or {}
    f = rep["figures"]
    prov = rep["province"]
    out = [f"<!DOCTYPE html>\n<html lang=\"{_e(lang)}\"><head><meta charset=\"utf-8\">",
           f"<title>{T('rp.title', province=prov)}</title><style>{_CSS}</style></head><body>",
           f"<header><h1>{T('rp.title', province=prov)}</h1>"
           f"<p>{T('rp.subtitle', date=day(today or _dt.date.today(), lang=lang))}</p></header>"]
    cards = [(f["organisations"], "rp.fig.organisations"), (f["active"], "rp.fig.active"),
             (f["initiatives"], "rp.fig.initiatives"), (f["documents"], "rp.fig.documents"),
             (f["ties_within"], "rp.fig.within"), (f["ties_across"], "rp.fig.across")]
    out.append(f"<section><h2>{T('rp.figures')}</h2><div class=\"figures\">")
    for value, key in cards:
        if value is not None:
            out.append(f"<div class=\"figure\"><b>{_e(num(value, 0, lang=lang))}</b>"
                       f"<span>{T(key)}</span></div>")
    out.append("</div>")
    if f["sectors"]:
        out.append("<p>" + T("rp.by_sector") + ": " + ", ".join(
            f"{_e(sn.get(s, s))} {_e(num(n, 0, lang=lang))}" for s, n in f["sectors"].items())
            + "</p>")
    out.append("</section>")
    if svg:
        out.append(f"<section class=\"picture\"><h2>{T('rp.picture')}</h2>{svg}"
                   f"<p class=\"muted\">{T('rp.picture_note')}</p></section>")

    out.append(f"<section><h2>{T('rp.clusters')}</h2>")
    if rep["clusters"]:
        out.append(f"<table><tr><th>{T('rp.col.cluster')}</th><th class=\"n\">"
                   f"{T('rp.col.here')}</th><th>{T('rp.col.members')}</th></tr>")
        for c in rep["clusters"]:
            out.append(f"<tr><td>{_e(c['label'])}</td><td class=\"n\">"
                       f"{_e(num(c['in_province'], 0, lang=lang))} / "
                       f"{_e(num(c['size'], 0, lang=lang))}</td>"
                       f"<td>{_e(', '.join(c['members']))}</td></tr>")
        out.append("</table>")
    else:
        out.append(f"<p class=\"muted\">{T('rp.none')}</p>")
    out.append(f"</section><section><h2>{T('rp.brokers')}</h2>")
    if rep["brokers"]:
        for b in rep["brokers"]:
            kind = (type_names or {}).get(b.get("kind"), b.get("kind") or "")
            out.append(f"<div class=\"item\"><b>{_e(b['name'])}</b> <span class=\"muted\">"
                       f"{_e(kind)} · {_e(tn('rp.partners', b.get('degree') or 0, lang=lang))}"
                       f" · {T('rp.betweenness')} "
                       f"{_e(num(b.get('betweenness') or 0, 3, lang=lang))}</span>"
                       + "".join(f"<p class=\"why\">{_e(r)}</p>" for r in b["reasons"])
                       + "</div>")
    else:
        out.append(f"<p class=\"muted\">{T('rp.none')}</p>")
    out.append(f"</section><section><h2>{T('rp.gaps')}</h2>")
    if rep["gaps"]:
        for g in rep["gaps"]:
            out.append(f"<div class=\"item\"><b>{_e(' — '.join(g.get('regions') or []))}</b> "
                       f"<span class=\"muted\">{T('gap.' + str(g.get('type')))}</span>"
                       f"<p class=\"why\">{_e(g.get('reason'))}</p></div>")
    else:
        out.append(f"<p class=\"muted\">{T('rp.no_gaps')}</p>")
    out.append(f"</section><section><h2>{T('rp.links')}</h2>")
    if rep["links"] or rep["joins"]:
        for s in rep["links"]:
            out.append(f"<div class=\"item\"><b>{_e(s['a_name'])}</b> ↔ <b>{_e(s['b_name'])}"
                       f"</b> <span class=\"muted\">{_e(sn.get(s.get('a_sector'), ''))} / "
                       f"{_e(sn.get(s.get('b_sector'), ''))} · {T('rp.score')} "
                       f"{_e(num(s.get('score') or 0, 3, lang=lang))}</span>"
                       f"<p class=\"why\">{_e(s.get('reason'))}</p>"
                       f"{_sources(s['sources'], lang)}</div>")
        for s in rep["joins"]:
            out.append(f"<div class=\"item\"><b>{_e(s['org_name'])}</b> → "
                       f"<b>{_e(s['initiative_name'])}</b> <span class=\"muted\">"
                       f"{T('rp.join')} · {T('rp.score')} "
                       f"{_e(num(s.get('score') or 0, 3, lang=lang))}</span>"
                       f"<p class=\"why\">{_e(s.get('reason'))}</p>"
                       f"{_sources(s['sources'], lang)}</div>")
    else:
        out.append(f"<p class=\"muted\">{T('rp.none')}</p>")
    out.append(f"</section><footer>{T('rp.footer')}</footer></body></html>\n")
    return "\n".join(out)


def build(E: nx.Graph, an: dict, province: str, C: nx.Graph | None = None, *,
          lang: str = "nl", top: int = 8, today: _dt.date | None = None) -> str:
    """The whole report of ``province``: data, picture and page."""

    tnames = {x: tr(lang, f"type.{x}") for x in ENTITY_TYPES}
    snames = {x: tr(lang, f"sector.{x}") for x in SECTOR_COLORS}
    rep = province_report(E, an, province, C, top=top)
    H = province_graph(E, province)
    svg = None
    if H.number_of_nodes():
        svg = inline_svg(network_picture(H, fmt="svg", type_names=tnames,
                                         sector_names=snames, width=8.0, height=5.6,
                                         max_labels=25))
    return report_html(rep, lang=lang, svg=svg, type_names=tnames, sector_names=snames,
                       today=today)


__all__ = ["report_html", "build"]
