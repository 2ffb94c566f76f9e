"""Dutch mode in the browser: no English leftovers on any page.

Starts the real app (``streamlit run``) over a database holding the demo, opens
every page in headless Chromium and collects what a person sees or a screen
reader reads: every text node (icons drawn from the Material ligature font are
left out) and every ``placeholder``, ``aria-label`` and ``title``, plus the
plotly toolbar's button titles. On the Netwerk page it also opens a multiselect
and types a word that matches nothing (Streamlit's "Select all" / "No results").
None of :data:`LEFTOVERS` may appear, and ``<html lang>`` must be ``nl``; in
English mode the same page says ``lang="en"`` and is not translated.

Only structure is asserted (no facts of the demo). Skipped without Chromium,
fails under ``CI=true`` like the other browser tests.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from test_app_browser import APP_READY, Browser, chromium, streamlit_server  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("", "netwerk", "clusters", "regios", "verbindingen", "profiel", "cypher", "laden",
         "export")
pytestmark = pytest.mark.browser

#: Streamlit's and plotly's English strings. Short words must be a whole text or
#: attribute value; phrases may be part of one.
LEFTOVERS_WHOLE = ("Upload", "None", "Open", "Search", "Stop", "Close", "Remove", "Zoom",
                   "Pan", "Sidebar", "Delete", "Format")
LEFTOVERS = ("Select all", "Drag and drop", "per file", "Browse files", "No results",
             "Choose an option", "Choose options", "Press Enter", "Skip to main content",
             "Show/hide columns", "Download as CSV", "Fullscreen", "Running...",
             "Collapse sidebar", "Expand sidebar", "Help for", "Link to heading", "Decrement",
             "Increment", "Clear all", "Download plot", "Autoscale", "Reset axes", "Zoom in",
             "Zoom out", "Box Select", "Lasso Select", "Copy to clipboard", "App pages")

#: Every visible string: text nodes outside icons, and the attributes people meet.
COLLECT = """(() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const n = walk.currentNode, el = n.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], script, style, noscript')) continue;
    const v = n.nodeValue.trim();
    if (v) out.push(v);
  }
  const sel = '[placeholder], [aria-label], [title], [data-title]';
  for (const el of document.querySelectorAll(sel)) {
    for (const a of ['placeholder', 'aria-label', 'title', 'data-title']) {
      const v = (el.getAttribute(a) || '').trim();
      if (v) out.push(v);
    }
  }
  return {lang: document.documentElement.lang, texts: out};
})()"""


def leftovers(texts: list[str]) -> list[str]:
    """The English leftovers among ``texts``.

    >>> leftovers(["Upload documenten", "Upload", "Kies een optie", "200MB per file"])
    ['Upload', '200MB per file']
    """
    return [x for x in texts
            if x in LEFTOVERS_WHOLE or any(p in x for p in LEFTOVERS)]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    d = tmp_path_factory.mktemp("dutch")
    db = d / "graph.lbug"
    with LadybugStore(db) as s:
        s.load(demo_batches())
    with streamlit_server(db, d / "streamlit.log") as url:
        yield url


def _open(b: Browser, url: str) -> dict:
    """Load ``url`` and collect once the page has settled (same texts twice in a row)."""
    b.send("Page.navigate", url=url)
    time.sleep(1.0)
    b.wait_for(APP_READY, 120, what=url)
    last, res = None, None
    end = time.monotonic() + 90
    while time.monotonic() < end:
        time.sleep(0.75)
        res = b.eval(COLLECT)
        settled = not b.eval("document.querySelectorAll('[data-testid=stSkeleton]').length")
        if res["texts"] == last and len(res["texts"]) > 20 and settled and b.eval(APP_READY):
            break
        last = res["texts"]
    return res


def test_dutch_pages_have_no_english_leftovers(chromium, server, tmp_path):
    b = Browser(chromium, tmp_path / "profile")
    found: dict[str, list[str]] = {}
    try:
        for page in PAGES:
            res = _open(b, f"{server}/{page}")
            assert res["lang"] == "nl", (page, res["lang"])
            assert len(res["texts"]) > 20, (page, res["texts"])
            bad = leftovers(res["texts"])
            if bad:
                found[page or "overzicht"] = bad
            if page == "netwerk":       # open a multiselect and search for nothing
                b.wait_for('!!document.querySelector(\'[data-testid="stMultiSelect"] input\')',
                           30, what="a multiselect")
                b.eval("""(() => { const i = document.querySelector(
                    '[data-testid="stMultiSelect"] input'); i.focus(); i.click();
                    return true; })()""")
                time.sleep(1.0)
                opened = b.eval(COLLECT)["texts"]
                b.send("Input.insertText", text="qqqzzz")
                time.sleep(1.5)
                typed = b.eval(COLLECT)["texts"]
                assert "Geen resultaten" in typed, typed[-20:]
                bad = leftovers(opened + typed)
                if bad:
                    found["netwerk (keuzelijst)"] = bad
            if page == "cypher":        # typing shows Streamlit's "Press ⌘+Enter to apply"
                b.eval("(() => { const a = document.querySelector('textarea'); a.focus(); "
                       "return true; })()")
                b.send("Input.insertText", text=" ")
                time.sleep(1.5)
                typed = b.eval(COLLECT)["texts"]
                assert any(x.startswith("Druk op") for x in typed), typed[-15:]
                bad = leftovers(typed)
                if bad:
                    found["cypher (typen)"] = bad
        b.screenshot(tmp_path / "laatste.png")
    finally:
        b.close()
    assert not found, found


def test_english_mode_is_left_alone(chromium, server, tmp_path):
    b = Browser(chromium, tmp_path / "profile")
    try:
        res = _open(b, f"{server}/laden?lang=en")
    finally:
        b.close()
    assert res["lang"] == "en"
    assert "Load data" in res["texts"] or any("Load" in x for x in res["texts"])
    assert not any("Sleep" in x or "bestand uploaden" in x for x in res["texts"])
