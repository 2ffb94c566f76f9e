"""The Netwerk explorer in headless Chromium: the demo and a synthetic national graph.

For each database a real ``streamlit run`` is started and driven over the DevTools
protocol (the ``Browser`` of ``tests/test_app_browser.py``):

* first stable drawing of the Netwerk page — cold (fresh server) and warm (the same
  page opened again in the same browser, server caches filled); for scale, a page
  without a drawing (Profiel, nothing chosen) opened the same way;
* a filter change: a click on the largest group bubble (which sets the region or
  cluster filter) until the new drawing is painted (``data-stable`` of the canvas)
  and the page run has finished, repeated down to organisations; the drawings
  behind the largest groups are computed ahead while the adviser looks
  (:func:`app.netstate.prefetch`), so a click on the largest province not
  computed ahead is measured too;
* a click on a node until its side panel shows;
* clicks from the overview to any organisation: the drill-down of
  :func:`graph.view.build_view` walked for *every* group on the synthetic graph
  (as the page does, same node limit), counting the clicks until each
  organisation is drawn, or listed in the panel of the bubble for the rest;
* screenshots in ``bench/out/`` (not committed).

The synthetic database is made once with ``zorgnet demo --synthetic N`` (what
:func:`loaders.synthetic.graph_batches` loads) and kept in ``bench/out/``.
Figures only, no assertions::

    python bench/bench_explorer.py [--orgs 20000] [--skip-demo] [--skip-walk]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_app_browser import (APP_READY, GRAPH_DRAWN, Browser, chromium_path,  # noqa: E402
                              free_port, wait_http)

from app.netstate import PREFETCH  # noqa: E402

#: The canvas iframe's state: drawn nodes, groups among them, the data signature.
CANVAS = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.zorgnetNodes) continue; } catch (e) { continue; }
  const nodes = w.zorgnetNodes.get();
  const r = f.getBoundingClientRect(), net = w.zorgnetNetwork;
  const pos = net.getPositions(nodes.map(n => n.id));
  const at = (id) => { const p = net.canvasToDOM(pos[id]); return [r.left + p.x, r.top + p.y]; };
  const groups = nodes.filter(n => n.grp && n.grp !== 'rest')
                      .sort((a, b) => b.size - a.size).map(n => [n.id, at(n.id)]);
  const real = nodes.filter(n => !n.grp).map(n => [n.id, at(n.id), n.more || 0, n.size]);
  return {sig: w.document.body.getAttribute('data-sig'), n: nodes.length,
          labels: Number(w.document.body.getAttribute('data-labels') || 0),
          groups: groups, real: real};
} return null; })()"""


def serve(db: Path):
    port = free_port()
    env = {**os.environ, "ZORGNET_DB": str(db), "PYTHONPATH": str(ROOT)}
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        env.pop(var, None)
    log = open(OUT / f"streamlit-{db.parent.name}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
         "--server.headless", "true", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--browser.gatherUsageStats", "false", "--global.developmentMode",
         "false"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    wait_http(f"http://127.0.0.1:{port}/_stcore/health", 120)
    return proc, f"http://127.0.0.1:{port}"


def stop(proc) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def open_timed(b: Browser, url: str, drawing: bool = True, timeout: float = 600) -> float:
    b.eval("document.body && document.body.setAttribute('data-old', '1')")
    t0 = time.perf_counter()
    b.send("Page.navigate", url=url)
    poll(b, "!(document.body && document.body.getAttribute('data-old'))", timeout, "the page")
    poll(b, APP_READY, timeout, "the page", step=0.05)
    if drawing:
        poll(b, GRAPH_DRAWN, timeout, "the drawing", step=0.05)
    return time.perf_counter() - t0


def click(b: Browser, xy) -> None:
    x, y = xy
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        b.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def poll(b: Browser, expr: str, timeout: float, what: str, step: float = 0.03):
    """``expr``'s value once truthy, checked every ``step`` seconds (finer than
    ``Browser.wait_for``: the figures measured here are fractions of a second)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            v = b.eval(expr)
        except RuntimeError:
            v = None
        if v:
            return v
        time.sleep(step)
    raise TimeoutError(f"timed out waiting for {what}")


#: The signature of the drawing vis-network has painted (``data-stable``).
STABLE = """(() => { for (const f of document.querySelectorAll('iframe')) {
  let w; try { w = f.contentWindow; if (!w || !w.zorgnetNodes) continue; } catch (e) { continue; }
  return w.document.body.getAttribute('data-stable'); } return null; })()"""


def click_and_redraw(b: Browser, xy, timeout: float = 300) -> tuple[float, dict]:
    """Seconds from a click to a new drawing painted and the page run finished."""
    before = b.eval(STABLE)
    t0 = time.perf_counter()
    click(b, xy)
    poll(b, f"(() => {{ const s = {STABLE}; return s && s !== {before!r}; }})()", timeout,
         "a new drawing")
    poll(b, APP_READY, timeout, "the page")
    dt = time.perf_counter() - t0
    return dt, b.eval(CANVAS)


def browse(db: Path, name: str, drill: bool) -> None:
    proc, base = serve(db)
    b = Browser(chromium_path(), Path(tempfile.mkdtemp()) / "profile", width=1500, height=1100)
    try:
        cold = open_timed(b, f"{base}/netwerk")
        plain = min(open_timed(b, f"{base}/profiel", drawing=False) for _ in range(2))
        warm = [open_timed(b, f"{base}/netwerk") for _ in range(2)]
        s = b.eval(CANVAS)
        print(f"{name}: Netwerk first stable drawing cold {cold:6.2f} s, warm "
              f"{min(warm):5.2f} s (a page without drawing: {plain:4.2f} s); "
              f"{s['n']} nodes, {s['labels']} labels shown")
        time.sleep(1.0)
        b.screenshot(OUT / f"explorer-{name}.png")
        if not drill:
            return
        clicks = 0
        while s["groups"] and clicks < 6:
            dt, s = click_and_redraw(b, s["groups"][0][1])
            clicks += 1
            time.sleep(0.5)
            s = b.eval(CANVAS)
            print(f"  click {clicks} on the largest group: new drawing in {dt:5.2f} s "
                  f"({s['n']} nodes, {len(s['groups'])} groups)")
            if clicks == 1:
                b.screenshot(OUT / f"explorer-{name}-drill.png")
        print(f"  organisations drawn after {clicks} click(s)")
        time.sleep(0.5)
        b.screenshot(OUT / f"explorer-{name}-members.png")
        if s["real"]:
            pick = max(s["real"], key=lambda r: (r[3], r[2]))      # the largest node
            t0 = time.perf_counter()
            click(b, pick[1])
            poll(b, "[...document.querySelectorAll('button')].some(x => "
                    "x.innerText.includes('Buren uitklappen'))", 300, "the side panel")
            print(f"  click on a node -> side panel in {time.perf_counter() - t0:5.2f} s")
            b.screenshot(OUT / f"explorer-{name}-panel.png")
        # a group whose drawing was not computed ahead: the largest province after the
        # PREFETCH the page computes ahead (app.netstate.prefetch)
        open_timed(b, f"{base}/netwerk")
        time.sleep(1.0)
        s = b.eval(CANVAS)
        if len(s["groups"]) > PREFETCH:
            dt, s = click_and_redraw(b, s["groups"][PREFETCH][1])
            print(f"  click on group {PREFETCH + 1} by size (not computed ahead): new drawing "
                  f"in {dt:5.2f} s ({s['n']} nodes)")
    finally:
        b.close()
        stop(proc)


def server_times(db: Path, name: str) -> None:
    """The Python side of the page (AppTest, no browser): a rerun without change,
    then filter changes one after the other (each new filter computed, not cached)."""
    import logging

    from streamlit.testing.v1 import AppTest

    logging.disable(logging.WARNING)
    os.environ["ZORGNET_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=900)
    at.switch_page("app/pages/netwerk.py")

    def run() -> float:
        t0 = time.perf_counter()
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        return time.perf_counter() - t0

    cold = run()
    base = min(run() for _ in range(2))
    print(f"{name}: server side (AppTest, each run includes AppTest's own ~1 s of "
          f"component discovery): first run {cold:.2f} s, rerun {base:.2f} s")
    steps = [("region = province:Utrecht", lambda: at.multiselect(key="net_region")
              .set_value(["province:Utrecht"])),
             ("kind = school", lambda: at.multiselect(key="net_kind").set_value(["school"])),
             ("kind = all again", lambda: at.multiselect(key="net_kind").set_value([])),
             ("minimum degree 3", lambda: at.number_input(key="net_min_degree").set_value(3)),
             ("organisation view", lambda: at.radio(key="net_mode").set_value("orgs")),
             ("region = all (orgs)", lambda: at.multiselect(key="net_region").set_value([]))]
    for label, act in steps:
        act()
        dt = run()
        cap = next((c.value for c in at.caption if " getekend (van " in c.value), "?")
        print(f"  filter change {label:<24} {dt:5.2f} s (over the rerun: {dt - base:+.2f} s)"
              f"  {cap.split(' getekend')[0]}")


def make_synthetic_db(n: int) -> Path:
    db = OUT / f"synthetic-{n}" / "graph.lbug"
    if db.exists():
        return db
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "zorgnet.cli", "demo", "--synthetic", str(n)],
                   check=True, cwd=ROOT, env={**os.environ, "ZORGNET_DB": str(db),
                                              "PYTHONPATH": str(ROOT)})
    print(f"synthetic graph of {n:,} organisations loaded in {time.perf_counter() - t0:.0f} s "
          f"({db})")
    return db


def walk(n: int) -> None:
    """Clicks from the overview to every organisation, with the page's own functions."""
    from graph.clusters import cluster_report
    from graph.collaboration import collaboration_graph
    from graph.entities import NODE_LIMIT, entity_graph, spread_membership
    from graph.synthetic import synthetic_graph
    from graph.view import REST_NODE, ViewFilter, build_view, drill_filter

    G = synthetic_graph(n, seed=0)
    E = entity_graph(G)
    mem = spread_membership(E, cluster_report(collaboration_graph(G), seed=0)["membership"])
    orgs = {x for x, d in E.nodes(data=True) if d.get("label") == "Organisation"}
    drawn_at: dict = {}
    listed_at: dict = {}
    times = []
    frontier = [(ViewFilter(), 0)]
    while frontier:
        f, clicks = frontier.pop()
        t0 = time.perf_counter()
        V = build_view(E, f, mem, limit=NODE_LIMIT)
        times.append(time.perf_counter() - t0)
        if not V.aggregated:
            for x in V.graph:
                if x == REST_NODE:
                    for m in V.graph.nodes[x]["members"]:
                        listed_at.setdefault(m, clicks + 1)
                else:
                    drawn_at[x] = min(drawn_at.get(x, 99), clicks)
            continue
        for k in V.graph:
            g = drill_filter(f, k)
            if g is None:
                for m in V.graph.nodes[k]["members"]:
                    listed_at.setdefault(m, clicks + 1)
            else:
                frontier.append((g, clicks + 1))
    drawn = orgs & set(drawn_at)
    only_listed = (orgs - drawn) & set(listed_at)
    worst = max(drawn_at[o] for o in drawn) if drawn else None
    print(f"Reachability on the {n:,}-organisation graph ({len(times)} views, "
          f"median {sorted(times)[len(times) // 2]:.2f} s, max {max(times):.2f} s to build):")
    print(f"  {len(drawn):,} of {len(orgs):,} organisations drawn within {worst} click(s) "
          f"of the overview; {len(only_listed):,} more listed in the panel of a rest/unknown "
          f"bubble (+1 click to pick); {len(orgs - drawn - only_listed):,} unreachable")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=20000)
    ap.add_argument("--skip-demo", action="store_true")
    ap.add_argument("--skip-walk", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if chromium_path() is None:
        sys.exit("headless Chromium not installed (apt-get install chromium)")
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    if not args.skip_demo:
        from graph.store.ladybug import LadybugStore
        from loaders.demo import demo_batches

        db = Path(tempfile.mkdtemp()) / "demo" / "graph.lbug"
        db.parent.mkdir(parents=True)
        with LadybugStore(db) as s:
            s.load(demo_batches())
        browse(db, "demo", drill=False)
    db = make_synthetic_db(args.orgs)
    browse(db, f"synthetic-{args.orgs}", drill=True)
    server_times(db, f"synthetic-{args.orgs}")
    if not args.skip_walk:
        walk(args.orgs)
    print(f"load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
