"""Dutch without English leftovers: Streamlit's own strings, the page language, plotly.

Streamlit has no locale setting: its widgets say "Drag and drop file here",
"Choose an option", "No results", "Show/hide columns" … and the page is
``<html lang="en">``. :func:`install` (called by ``streamlit_app.py`` on every run)
puts one small script in the page (``st.html(..., unsafe_allow_javascript=True)``,
no network) that sets ``<html lang>`` to the interface language and, in Dutch mode,
translates those strings — text nodes and ``placeholder`` / ``aria-label`` /
``title`` / ``data-title`` values — as Streamlit draws them (a ``MutationObserver``). The table is
``app/locales/streamlit_nl.toml``; text in Markdown, code and the data is never
touched. Switching to English turns it off.

:func:`plotly_config` gives charts plotly's Dutch locale (toolbar and number
format with a decimal comma), vendored as ``app/locales/plotly_nl.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache

from app.i18n import current_lang
from graph.resources import locales_dir

LOCALES = locales_dir()

#: Where no translation happens (user data, code, icons drawn from a ligature font).
SKIP = ('[data-testid="stMarkdownContainer"], code, pre, textarea, [contenteditable], '
        '[data-testid="stIconMaterial"], .stCode, .js-plotly-plot .main-svg')
#: Streamlit's own parts whose labels are Markdown but never data (the upload button).
CHROME = '[data-testid="stFileUploaderDropzone"], [data-testid="stFileUploaderFile"]'

_SCRIPT = """<script>
(function () {
  const lang = %(lang)s, T = %(text)s, P = %(patterns)s.map(p => [new RegExp(p[0]), p[1]]);
  const SKIP = %(skip)s, CHROME = %(chrome)s;
  const ATTRS = ["placeholder", "aria-label", "title", "data-title"];
  const root = window.parent && window.parent !== window ? window.parent : window;
  const doc = root.document;
  doc.documentElement.lang = lang;
  if (root.__zorgnetNl) { root.__zorgnetNl.disconnect(); root.__zorgnetNl = null; }
  if (lang !== "nl") return;
  function tr(s) {
    const k = s.trim();
    if (!k) return null;
    if (Object.prototype.hasOwnProperty.call(T, k)) return s.replace(k, T[k]);
    for (const [re, rep] of P) if (re.test(k)) return s.replace(k, k.replace(re, rep));
    return null;
  }
  function skip(el) {
    if (!el || !el.closest) return true;
    if (el.closest(CHROME)) return !!el.closest('[data-testid="stIconMaterial"]');
    return !!el.closest(SKIP);
  }
  function fix(node) {
    if (node.nodeType === 3) {
      if (skip(node.parentElement)) return;
      const v = tr(node.nodeValue);
      if (v !== null && v !== node.nodeValue) node.nodeValue = v;
      return;
    }
    if (node.nodeType !== 1 || skip(node)) return;
    const all = [node, ...node.querySelectorAll("*")];
    for (const el of all) {
      for (const a of ATTRS) {
        const v = el.getAttribute(a);
        if (v) { const w = tr(v); if (w !== null && w !== v) el.setAttribute(a, w); }
      }
    }
    const walk = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walk.nextNode()) texts.push(walk.currentNode);
    texts.forEach(fix);
  }
  const obs = new MutationObserver(ms => {
    for (const m of ms) {
      if (m.type === "characterData") fix(m.target);
      else if (m.type === "attributes") fix(m.target);
      else m.addedNodes.forEach(fix);
    }
  });
  obs.observe(doc.body, {subtree: true, childList: true, characterData: true,
                         attributes: true, attributeFilter: ATTRS});
  root.__zorgnetNl = obs;
  fix(doc.body);
})();
</script>"""


@lru_cache(maxsize=1)
def streamlit_strings() -> dict:
    """``{"text": {english: dutch}, "patterns": {regex: replacement}}``."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads((LOCALES / "streamlit_nl.toml").read_text(encoding="utf-8"))


def script(lang: str) -> str:
    """The page script for ``lang`` (``"nl"`` translates; others only set ``lang``)."""
    s = streamlit_strings()
    return _SCRIPT % {"lang": json.dumps(lang), "text": json.dumps(s["text"]),
                      "patterns": json.dumps(list(s["patterns"].items())),
                      "skip": json.dumps(SKIP), "chrome": json.dumps(CHROME)}


def install(lang: str) -> None:
    """Put the script in the page (in the sidebar, where it takes no room)."""
    import streamlit as st

    with st.sidebar:
        st.html(script(lang), unsafe_allow_javascript=True)


@lru_cache(maxsize=1)
def _plotly_nl() -> dict:
    data = json.loads((LOCALES / "plotly_nl.json").read_text(encoding="utf-8"))
    return {"dictionary": data["dictionary"], "format": data["format"]}


def plotly_config(lang: str | None = None, **extra) -> dict:
    """``config`` for ``st.plotly_chart``: the interface language's plotly locale
    (Dutch toolbar, decimal comma, thousands point) plus ``extra``.

    >>> c = plotly_config("nl", displaylogo=False)
    >>> c["locale"], c["locales"]["nl"]["format"]["decimal"], c["displaylogo"]
    ('nl', ',', False)
    >>> "locales" in plotly_config("en")
    False
    """
    if lang is None:

        lang = current_lang()
    if lang == "nl":
        return {"locale": "nl", "locales": {"nl": _plotly_nl()}, **extra}
    return {"locale": "en", **extra}
