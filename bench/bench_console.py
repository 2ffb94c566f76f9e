"""What the console's defences cost: the guard, the LadybugDB worker, Neo4j's EXPLAIN.

1. The guard (:func:`graph.console.check_read_only`) on the longest named query and
   on a query at the 10,000-character cap.
2. LadybugDB: a console query through the read-only worker process (``Store.read``)
   against the same query in the app's process (``Store.query``), on the demo, with
   the load still in the WAL and after a ``CHECKPOINT``.
3. With ``--neo4j`` (``NEO4J_URI``/``NEO4J_USERNAME``/``NEO4J_PASSWORD`` set): the
   console (EXPLAIN + read transaction + deadline thread) against ``Store.query``.
4. How the limits end the bombs: seconds until the one-line error.

Figures only, no assertions::

    python bench/bench_console.py [--repeat 10] [--neo4j]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERY = "MATCH (o:Organisation) RETURN o.name AS naam, o.kind AS soort ORDER BY naam LIMIT 25"
BOMBS = {
    "1,000-deep list (guard)": "RETURN " + "[" * 1000 + "1" + "]" * 1000,
    "range(1, 200000000)": "WITH range(1, 200000000) AS r RETURN size(r)",
    "30,000 x 30,000 cartesian": "UNWIND range(1, 30000) AS a UNWIND range(1, 30000) AS b "
                                 "WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*)",
}


def _ms(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def _store_figures(name: str, store, repeat: int) -> None:
    med, worst = _ms(lambda: store.query(QUERY), repeat)
    print(f"{name}: Store.query (app process)     median {med:7.1f} ms, max {worst:7.1f} ms")
    med, worst = _ms(lambda: store.read(QUERY), repeat)
    print(f"{name}: Store.read (console)          median {med:7.1f} ms, max {worst:7.1f} ms")
    for label, text in BOMBS.items():
        t0 = time.perf_counter()
        try:
            store.read(text, timeout_s=3)
            outcome = "ran"
        except Exception as exc:  # the one-line error the page shows
            outcome = str(exc)[:70]
        print(f"{name}: {label:28s} {time.perf_counter() - t0:5.2f} s  {outcome}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--neo4j", action="store_true")
    args = ap.parse_args()

    from graph.console import MAX_LENGTH, check_read_only
    from graph.queries import load_queries
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    longest = max((q.text_for("neo4j") for q in load_queries().values()), key=len)
    med, _ = _ms(lambda: check_read_only(longest), 200)
    print(f"guard: longest named query ({len(longest)} chars)   median {med:.3f} ms")
    at_cap = ("MATCH (o:Organisation) WHERE o.name IN ["
              + ", ".join(["'abcdefgh'"] * 800) + "] RETURN o.name")
    assert len(at_cap) <= MAX_LENGTH
    med, _ = _ms(lambda: check_read_only(at_cap), 50)
    print(f"guard: query of {len(at_cap)} chars             median {med:.3f} ms")

    with tempfile.TemporaryDirectory() as d:
        s = LadybugStore(Path(d) / "bench.lbug")
        s.load(demo_batches())
        med, worst = _ms(lambda: s.read(QUERY), args.repeat)
        print(f"ladybug: Store.read, load still in the WAL median {med:7.1f} ms, max {worst:7.1f} ms"
              " (each worker replays the WAL)")
        s._conn.execute("CHECKPOINT")
        _store_figures("ladybug", s, args.repeat)
        s.close()
    if args.neo4j:
        from graph.store.neo4j import Neo4jStore

        s = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"),
                       os.environ.get("NEO4J_PASSWORD", ""))
        if not s.counts()["nodes"].get("Organisation"):
            s.load(demo_batches())
        _store_figures("neo4j", s, args.repeat)
        s.close()


if __name__ == "__main__":
    main()
