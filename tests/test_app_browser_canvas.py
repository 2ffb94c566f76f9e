"""The Netwerk canvas in headless Chromium: what a click sends, a canvas that lost
its drawing, and a canvas that stays where it is.

* a click on a node opens the side panel in one page run and sends the canvas no
  new drawing (only its signature: the nodes and edges go out only when the drawing
  changes, :func:`app.netview.canvas`);
* a canvas whose frame is loaded again (its drawing lost) asks for the drawing
  (``"resend"``) and draws the same one again, painted (``data-stable``);
* the canvas keeps its frame when a breadcrumb or the ego line appears above it
  (a frame that moved would be loaded again, vis-network with it).

Uses the servers and databases of ``tests/test_app_browser.py`` (the demo plus a
hostile organisation name; a synthetic national graph).
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from test_app_browser import (APP_READY, CANVAS, XSS, Browser, _canvas, _click,  # noqa: F401
                              _has_button, _press, _redrawn, app_server, chromium,
                              synthetic_server, xss_db)

pytestmark = pytest.mark.browser

#: Counts, inside the canvas frame, the render messages with and without a drawing.
COUNT_RENDERS = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.zorgnetNodes) continue; } catch (e) { continue; }
  w.__renders = {full: 0, light: 0};
  w.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'streamlit:render') {
      w.__renders[(e.data.args || {}).nodes ? 'full' : 'light'] += 1; } });
  return true; } return false; })()"""
RENDERS = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.zorgnetNodes) continue; } catch (e) { continue; }
  return w.__renders || null; } return null; })()"""
#: The canvas frame's painted drawing (its signature) and node count, once painted.
PAINTED = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.document.getElementById('net')) continue; }
  catch (e) { continue; }
  const s = w.document.body.getAttribute('data-stable');
  return s && w.zorgnetNodes ? {sig: s, n: w.zorgnetNodes.length} : null; } return null; })()"""
RELOAD = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.zorgnetNodes) continue; } catch (e) { continue; }
  w.location.reload(); return true; } return false; })()"""


def test_a_click_sends_no_drawing_and_a_reloaded_canvas_asks_for_it(chromium, app_server,
                                                                    xss_db, tmp_path):
    _, ids = xss_db
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.navigate", url=f"{app_server}/netwerk?node={quote(ids[XSS], safe='')}"
                                    "&hops=1")
        b.wait_for(APP_READY, 90, "the Netwerk page")
        s = _canvas(b)
        painted = b.wait_for(PAINTED, 60, "the painted drawing")
        assert painted == {"sig": s["sig"], "n": s["n"]}
        assert b.eval(COUNT_RENDERS)
        node = max(s["real"], key=lambda r: r["more"])
        _click(b, node["xy"])
        b.wait_for(_has_button("Buren uitklappen"), 60, "the side panel")
        b.wait_for(APP_READY, 60, "the page run")
        renders = b.eval(RENDERS)
        assert renders["light"] >= 1 and renders["full"] == 0, renders
        assert b.eval(CANVAS)["sig"] == s["sig"]
        # the frame loads again: it has no drawing, gets only the signature, asks for
        # the drawing and paints the same one
        assert b.eval(RELOAD)
        again = b.wait_for(f"(() => {{ const p = {PAINTED}; return p && p.sig === "
                           f"{json.dumps(s['sig'])} ? p : null; }})()", 60,
                           "the drawing sent again")
        assert again["n"] == s["n"]
        assert "sel=" in b.eval("location.href")
        assert b.eval("document.querySelectorAll('img[src=\"x\"]').length") == 0
    finally:
        b.close()


#: Marks the canvas frame's window; returns the mark it had (None: a new window).
MARK = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.document.getElementById('net')) continue; }
  catch (e) { continue; }
  const had = w.__mark || null; w.__mark = 'kept'; return had; } return 'no canvas'; })()"""


def test_the_canvas_frame_stays_when_text_appears_above_it(chromium, synthetic_server,
                                                           tmp_path):
    """Drill into a province (a breadcrumb appears), then make a node the ego centre
    (a line about the ego network appears too): the canvas keeps its frame."""
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.navigate", url=f"{synthetic_server}/netwerk")
        b.wait_for(APP_READY, 300, "the Netwerk page")
        s = _canvas(b, 300)
        assert len(s["groups"]) == 12
        assert b.eval(MARK) is None
        _click(b, s["groups"][0]["xy"])
        s = _redrawn(b, s["sig"], 300)
        assert s["real"] and "region=" in b.eval("location.href")
        assert "‹" in b.eval("document.body.innerText")          # the breadcrumb
        assert b.eval(MARK) == "kept"
        big = max((r for r in s["real"] if r["id"].startswith("org:")), key=lambda r: r["size"])
        _click(b, big["xy"])
        b.wait_for(_has_button("Als centrum"), 120, "the side panel")
        _press(b, "Als centrum")
        s2 = _redrawn(b, s["sig"], 300)
        assert "Ego-netwerk van" in b.eval("document.body.innerText")
        assert "node=" in b.eval("location.href")
        assert b.eval(MARK) == "kept"                             # the same frame
        painted = b.wait_for(PAINTED, 60, "the painted drawing")
        assert painted["sig"] == s2["sig"]
    finally:
        b.close()
