"""End to end: the real app in headless Chromium, driven over the DevTools protocol.

Starts ``streamlit run streamlit_app.py`` on a free port over a temporary LadybugDB
holding the demo plus an organisation named ``<img src=x onerror=alert(1)>``
(loaded from a tiny partner-list CSV through the store), opens the Netwerk page
centred on it and checks, in the browser:

* the graph rendered: the vis-network iframe exists, its page set
  ``data-drawn`` after drawing, its canvas has non-white pixels, and the
  screenshot of the iframe area is not blank;
* the name is shown as text (the page's DOM serialises it as ``&lt;img``) and ran
  nothing: no ``<img src="x">`` element in the page or the iframe, and no
  ``alert`` was called (``alert`` is replaced in every frame before any script
  runs, and JavaScript dialogs are watched).

It then opens the Profiel page of that organisation and of a second one named in
Markdown (``![x](https://example.invalid/p.png) **vet**``): both names are shown
literally as the page header, no ``<img>`` with ``src`` x or example.invalid is in
the DOM, nothing was requested from example.invalid and "vet" is not bold.

The screenshot is saved in the test's temp dir and copied to
``bench/out/explorer.png``. Chromium is Debian's ``chromium`` package: without it
the test is skipped locally and fails under ``CI=true``. The only dependency is
``websockets`` (required by Streamlit itself).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
XSS = "<img src=x onerror=alert(1)>"
HOSTILE_MD = "![x](https://example.invalid/p.png) **vet**"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

pytestmark = pytest.mark.browser


def chromium_path() -> str | None:
    for c in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES):
        if c and Path(c).exists():
            return c
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


class Browser:
    """Headless Chromium over the DevTools protocol (one page, synchronous)."""

    def __init__(self, binary: str, profile: Path, width: int = 1400, height: int = 1300):
        from websockets.sync.client import connect

        profile.mkdir(parents=True, exist_ok=True)
        (profile / "DevToolsActivePort").unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file = profile / "DevToolsActivePort"
        end = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > end or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
            pages = [p for p in json.load(r) if p.get("type") == "page"]
        self._conn = connect(pages[0]["webSocketDebuggerUrl"], max_size=64 * 2**20,
                             open_timeout=10)
        self.ws = self._conn.__enter__()
        self._id = 0
        self.events: list[dict] = []
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def send(self, method: str, **params):
        self._id += 1
        mid = self._id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=60))
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == "Page.javascriptDialogOpening":
                    self.ws.send(json.dumps({"id": 10**9 + len(self.events),
                                             "method": "Page.handleJavaScriptDialog",
                                             "params": {"accept": True}}))

    def eval(self, expr: str):
        res = self.send("Runtime.evaluate", expression=expr, returnByValue=True,
                        awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"JS error in {expr[:60]!r}: {res['exceptionDetails']}")
        return res.get("result", {}).get("value")

    def wait_for(self, expr: str, timeout: float = 60.0, what: str = ""):
        end = time.monotonic() + timeout
        last = None
        while time.monotonic() < end:
            try:
                last = self.eval(expr)
            except RuntimeError:
                last = None
            if last:
                return last
            time.sleep(0.25)
        raise TimeoutError(f"timed out waiting for {what or expr[:80]}")

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    def close(self):
        try:
            if hasattr(self, "_conn"):
                self._conn.__exit__(None, None, None)
        except Exception:
            pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


#: True once Streamlit finished the script run and drew the main area.
APP_READY = """(() => {
  const main = document.querySelector('[data-testid="stMain"], section.main');
  const running = document.querySelector('[data-testid="stStatusWidget"]');
  return !!main && main.innerText.trim().length > 0 && !running;
})()"""

#: The network iframe: drawn (data-drawn set) and painted (non-white canvas pixels).
GRAPH_STATE = """(() => {
  for (const f of document.querySelectorAll('iframe')) {
    let doc;
    try { doc = f.contentDocument; } catch (e) { continue; }
    if (!doc || !(doc.getElementById('net') || doc.getElementById('mynetwork'))) continue;
    const canvas = doc.querySelector('#net canvas, #mynetwork canvas');
    let painted = 0;
    if (canvas) {
      const ctx = canvas.getContext('2d');
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < px.length; i += 16) {
        if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235)) painted++;
      }
    }
    const r = f.getBoundingClientRect();
    // the tooltips (vis-network titles) are elements made from escaped HTML
    let titles = '', titleImgs = 0;
    const data = f.contentWindow.zorgnetNodes;
    for (const n of (data ? data.get() : [])) {
      if (n.title && n.title.innerHTML !== undefined) {
        titles += n.title.innerHTML;
        titleImgs += n.title.querySelectorAll('img').length;
      }
    }
    const escaped = '&lt;img src=x onerror=alert(1)&gt;';
    return {drawn: doc.body.getAttribute('data-drawn'), painted: painted,
            rect: [r.left, r.top, r.width, r.height],
            imgs: doc.querySelectorAll('img[src="x"]').length + titleImgs,
            html: doc.documentElement.outerHTML.length,
            hasEscaped: doc.documentElement.outerHTML.includes(escaped) || titles.includes(escaped),
            alerts: (f.contentWindow.__alerts || 0)};
  }
  return null;
})()"""

GRAPH_DRAWN = ("(() => { const s = " + GRAPH_STATE
               + "; return s && s.drawn && s.painted > 50 ? s : null; })()")

NO_ALERT = ("window.alert = function () { try { window.top.__alerts = "
            "(window.top.__alerts || 0) + 1; } catch (e) {} window.__alerts = "
            "(window.__alerts || 0) + 1; };")


@contextlib.contextmanager
def streamlit_server(db: Path, log_path: Path):
    """The app served by ``streamlit run`` on a free loopback port over ``db`` (no
    ambient Neo4j settings); yields its base URL and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "ZORGNET_DB": str(db)}
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        env.pop(var, None)
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
         "--server.headless", "true", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--global.developmentMode", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health", 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def chromium():
    path = chromium_path()
    if path is None:
        msg = "headless Chromium not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("browser test must run in CI: " + msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory):
    """Demo + the hostile organisation, loaded through the store and closed."""
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches
    from loaders.sources import read_source

    d = tmp_path_factory.mktemp("browser")
    csv = d / "partners.csv"
    csv.write_text("organisatie,soort,plaats,initiatief\n"
                   f"{XSS},zorgaanbieder,Zwolle,Zorgtrainingscentrum Zwolle\n"
                   f"\"{HOSTILE_MD}\",zorgaanbieder,Zwolle,Zorgtrainingscentrum Zwolle\n",
                   encoding="utf-8")
    db = d / "graph.lbug"
    ids = {}
    with LadybugStore(db) as s:
        s.load(demo_batches())
        s.load([read_source(str(csv))])
        for name in (XSS, HOSTILE_MD):
            found = [r["id"] for r in s.query("MATCH (o:Organisation) WHERE o.name = $n "
                                              "RETURN o.id AS id", {"n": name})]
            assert len(found) == 1, (name, found)
            ids[name] = found[0]
    return db, ids


@pytest.fixture(scope="module")
def app_server(xss_db, tmp_path_factory):
    db, _ = xss_db
    with streamlit_server(db, tmp_path_factory.mktemp("applog") / "streamlit.log") as url:
        yield url


def test_network_page_renders_and_escapes(chromium, app_server, xss_db, tmp_path):
    from PIL import Image, ImageStat

    _, ids = xss_db
    xss_id = ids[XSS]
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.addScriptToEvaluateOnNewDocument", source=NO_ALERT)
        from urllib.parse import quote

        url = f"{app_server}/netwerk?node={quote(xss_id, safe='')}&hops=2"
        b.send("Page.navigate", url=url)
        try:
            b.wait_for(APP_READY, 90, "the Netwerk page to finish its run")
            state = b.wait_for(GRAPH_DRAWN, 90, "the vis-network graph to be drawn")
        except TimeoutError as exc:
            fail = b.screenshot(tmp_path / "explorer-failed.png")
            text = b.eval("document.body.innerText")
            raw = b.send("Runtime.evaluate", expression=GRAPH_STATE, returnByValue=True)
            raise AssertionError(f"{exc}; screenshot {fail}; graph: {raw}; "
                                 f"page text: {text[:300]}") from exc
        time.sleep(0.5)
        shot = b.screenshot(tmp_path / "explorer.png")
        main_html = b.eval("document.documentElement.outerHTML")
        main_text = b.eval("document.body.innerText")
        main_imgs = b.eval("document.querySelectorAll('img[src=\"x\"]').length")
        alerts = b.eval("window.__alerts || 0")
        dialogs = [e for e in b.events if e.get("method") == "Page.javascriptDialogOpening"]
    finally:
        b.close()

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, out / "explorer.png")

    # the graph rendered
    assert int(state["drawn"]) >= 2, state
    assert state["painted"] > 50, state
    x, y, w, h = (int(v) for v in state["rect"])
    assert w > 300 and h > 300, state
    img = Image.open(shot).convert("L")
    crop = img.crop((max(0, x), max(0, y), min(img.width, x + w), min(img.height, y + h)))
    assert ImageStat.Stat(crop).stddev[0] > 5, "the graph area of the screenshot is blank"

    # the name is shown as text, escaped, and runs nothing
    assert XSS in main_text                        # rendered as visible text
    assert "&lt;img src=x onerror=alert(1)&gt;" in main_html
    assert state["hasEscaped"]                     # escaped in the tooltips of the graph
    assert main_imgs == 0 and state["imgs"] == 0
    assert '<img src="x"' not in main_html
    assert alerts == 0 and state["alerts"] == 0 and not dialogs


#: What the page shows of a hostile name: images, bold "vet", and whether it is visible.
PROFILE_STATE = """((name) => {
  const bad = [...document.querySelectorAll('img')].filter(
      (i) => i.getAttribute('src') === 'x' || (i.src || '').includes('example.invalid'));
  // md_escape puts invisible word joiners (U+2060) into URLs: drop them to compare
  const clean = (x) => x.replace(/\u2060/g, '');
  const heads = [...document.querySelectorAll('h1, h2, h3')].map(
      (h) => clean(h.innerText).trim());
  return {imgs: bad.length,
          bold: [...document.querySelectorAll('strong, b')].some(
              (e) => e.textContent.trim() === 'vet'),
          links: [...document.querySelectorAll('a')].filter(
              (a) => (a.getAttribute('href') || '').includes('example.invalid')).length,
          header: heads.includes(name),
          text: clean(document.body.innerText).includes(name),
          html: document.documentElement.outerHTML};
})"""


def test_profile_page_shows_hostile_names_as_text(chromium, app_server, xss_db, tmp_path):
    """The Profiel page of the hostile organisations: names as literal text, no
    image (local or remote), no request to example.invalid, no Markdown formatting."""
    from urllib.parse import quote

    _, ids = xss_db
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.addScriptToEvaluateOnNewDocument", source=NO_ALERT)
        b.send("Network.enable")
        for name, oid in ids.items():
            b.send("Page.navigate", url=f"{app_server}/profiel?id={quote(oid, safe='')}")
            probe = f"({PROFILE_STATE})({json.dumps(name)})"
            try:
                b.wait_for(APP_READY, 90, "the Profiel page to finish its run")
                ready = f"(() => {{ const s = {probe}; return s.header ? s : null; }})()"
                state = b.wait_for(ready, 60, f"the header {name!r}")
            except TimeoutError as exc:
                fail = b.screenshot(tmp_path / "profile-failed.png")
                seen = {k: v for k, v in (b.eval(probe) or {}).items() if k != "html"}
                text = b.eval("document.body.innerText")
                raise AssertionError(f"{exc}; screenshot {fail}; page: {seen}; "
                                     f"page text: {text[-600:]}") from exc
            time.sleep(0.5)                      # give a remote image the time to be asked for
            state = b.eval(probe)
            assert state["header"] and state["text"], name
            assert state["imgs"] == 0 and not state["bold"] and state["links"] == 0, name
            assert '<img src="x"' not in state["html"]
        alerts = b.eval("window.__alerts || 0")
        requested = [e["params"]["request"]["url"] for e in b.events
                     if e.get("method") == "Network.requestWillBeSent"]
        dialogs = [e for e in b.events if e.get("method") == "Page.javascriptDialogOpening"]
    finally:
        b.close()
    assert not [u for u in requested if "example.invalid" in u], requested
    assert alerts == 0 and not dialogs


# --------------------------------------------------------------------------- the explorer

#: The Netwerk canvas: nodes (groups first, by size), where they are on the page,
#: the labels shown and the edge widths.
CANVAS = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.zorgnetNodes) continue; } catch (e) { continue; }
  const nodes = w.zorgnetNodes.get();
  const r = f.getBoundingClientRect(), net = w.zorgnetNetwork;
  const pos = net.getPositions(nodes.map(n => n.id));
  const at = (id) => { const p = net.canvasToDOM(pos[id]); return [r.left + p.x, r.top + p.y]; };
  return {sig: w.document.body.getAttribute('data-sig'), n: nodes.length,
          groups: nodes.filter(n => n.grp && n.grp !== 'rest').sort((a, b) => b.size - a.size)
                       .map(n => ({id: n.id, xy: at(n.id)})),
          real: nodes.filter(n => !n.grp).map(n => ({id: n.id, xy: at(n.id), more: n.more || 0,
                                                     shape: n.shape, size: n.size})),
          labels: nodes.filter(n => (n.label || '').trim()).map(n => n.id),
          boxes: w.zorgnetLabelBoxes || [],
          widths: [...new Set(net.body.data.edges.get().map(e => e.width))]};
} return null; })()"""


def _click(b: Browser, xy) -> None:
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        b.send("Input.dispatchMouseEvent", type=kind, x=xy[0], y=xy[1], button="left",
               clickCount=1)


def _canvas(b: Browser, timeout: float = 120) -> dict:
    return b.wait_for(f"(() => {{ const s = {CANVAS}; return s && s.n ? s : null; }})()",
                      timeout, "the Netwerk canvas")


def _redrawn(b: Browser, before: str, timeout: float = 120) -> dict:
    state = b.wait_for(f"(() => {{ const s = {CANVAS}; return s && s.n && s.sig !== "
                       f"{json.dumps(before)} ? s : null; }})()", timeout, "a new drawing")
    b.wait_for(APP_READY, timeout, "the page run")
    time.sleep(0.3)
    return b.eval(CANVAS)


def _has_button(text: str) -> str:
    return (f"[...document.querySelectorAll('button')].some(x => x.innerText.includes("
            f"{json.dumps(text)}))")


def _press(b: Browser, text: str) -> None:
    b.eval(f"[...document.querySelectorAll('button')].find(x => x.innerText.includes("
           f"{json.dumps(text)})).click()")


def test_click_opens_the_panel_and_expand_adds_neighbours(chromium, app_server, xss_db,
                                                          tmp_path):
    from urllib.parse import quote

    _, ids = xss_db
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.addScriptToEvaluateOnNewDocument", source=NO_ALERT)
        b.send("Page.navigate", url=f"{app_server}/netwerk?node={quote(ids[XSS], safe='')}"
                                    "&hops=1")
        b.wait_for(APP_READY, 90, "the Netwerk page")
        s = _canvas(b)
        # labels: some shown, and no two of them overlap at the default zoom
        assert s["labels"] and len(s["boxes"]) == len(s["labels"])
        for i, p in enumerate(s["boxes"]):
            for q in s["boxes"][i + 1:]:
                assert not (p["x1"] < q["x2"] and q["x1"] < p["x2"] and p["y1"] < q["y2"]
                            and q["y1"] < p["y2"]), (p, q)
        # the initiative the hostile organisation is in has members not drawn yet
        node = max(s["real"], key=lambda r: r["more"])
        assert node["more"] > 0, s["real"]
        _click(b, node["xy"])
        b.wait_for(_has_button("Buren uitklappen"), 60, "the side panel")
        assert "sel=" in b.eval("location.href")
        text = b.eval("document.body.innerText")
        assert "Relaties met bewijs" in text and "Profiel openen" in text
        before = s["sig"]
        _press(b, "Buren uitklappen")
        s2 = _redrawn(b, before)
        assert s2["n"] > s["n"]
        assert "exp=" in b.eval("location.href")
        assert b.eval("document.querySelectorAll('img[src=\"x\"]').length") == 0
        assert b.eval("window.__alerts || 0") == 0
    finally:
        b.close()


@pytest.fixture(scope="module")
def synthetic_server(tmp_path_factory):
    """The app over a synthetic national graph large enough to be drawn as groups."""
    from graph.store.ladybug import LadybugStore
    from graph.synthetic import synthetic_graph
    from loaders.synthetic import graph_batches

    d = tmp_path_factory.mktemp("synthbrowser")
    with LadybugStore(d / "graph.lbug") as s:
        s.load(graph_batches(synthetic_graph(1200, seed=1)))
    with streamlit_server(d / "graph.lbug", d / "streamlit.log") as url:
        yield url


def test_drill_down_to_a_single_organisation_on_a_synthetic_graph(chromium, synthetic_server,
                                                                  tmp_path):
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.navigate", url=f"{synthetic_server}/netwerk")
        b.wait_for(APP_READY, 300, "the Netwerk page")
        s = _canvas(b, 300)
        assert len(s["groups"]) == 12 and not s["real"]          # the provinces
        assert "groepen per provincie" in b.eval("document.body.innerText")
        clicks = 0
        while s["groups"] and not [r for r in s["real"] if r["shape"] == "dot"]:
            n_before = s["n"]
            _click(b, s["groups"][0]["xy"])
            s = _redrawn(b, s["sig"], 300)
            clicks += 1
            assert s["n"] > 0 and (s["groups"] or s["real"]), s
            assert clicks <= 3, "an organisation is more than three clicks away"
            assert "region=" in b.eval("location.href") or "cluster=" in b.eval("location.href")
            del n_before
        orgs = [r for r in s["real"] if r["id"].startswith("org:")]
        assert orgs, s
        big = max(orgs, key=lambda r: r["size"])          # the easiest to hit
        _click(b, big["xy"])
        b.wait_for(_has_button("Buren uitklappen"), 120, "the side panel")
        assert "sel=" in b.eval("location.href")
        b.screenshot(tmp_path / "drill.png")
    finally:
        b.close()


def test_organisation_view_in_the_browser(chromium, synthetic_server, tmp_path):
    b = Browser(chromium, tmp_path / "profile")
    try:
        b.send("Page.navigate", url=f"{synthetic_server}/netwerk?mode=orgs"
                                    "&region=province:Utrecht")
        b.wait_for(APP_READY, 300, "the Netwerk page")
        s = _canvas(b, 300)
        assert s["real"] and not s["groups"]
        assert {r["shape"] for r in s["real"]} == {"dot"}          # organisations only
        assert len(s["widths"]) > 3                                 # tie strength as width
        assert "sterkte van de samenwerking" in b.eval("document.body.innerText")
    finally:
        b.close()
