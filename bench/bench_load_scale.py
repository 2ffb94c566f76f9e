"""Load time and peak memory of a partner list of 10k / 50k / 200k rows, per engine.

    python bench/bench_load_scale.py                     # LadybugDB, 10k 50k 200k
    python bench/bench_load_scale.py --rows 10000 50000  # other sizes
    python bench/bench_load_scale.py --neo4j             # also Neo4j at $ZORGNET_TEST_NEO4J_URI
                                                         # (or NEO4J_URI); its database is cleared

Each size runs in a fresh child process (so peak RSS is that load's alone): read the
CSV, load it into an empty database (LadybugDB in a temp folder; Neo4j cleared),
and print seconds (read, write, total), rows/s, and the child's peak RSS. The last
line per engine is the time per row at the largest size relative to the smallest
(1.0 = linear).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def child(engine: str, rows: int, tmp: str) -> None:
    # a bulk load needs no large query memory: the page cache is capped for the load
    # (graph/store/ladybug_open.py); set ZORGNET_LBUG_BUFFER_MB to measure another cap
    os.environ.setdefault("ZORGNET_LBUG_BUFFER_MB", "192")
    from bench_load import partner_sheet
    from loaders.spreadsheet import read_spreadsheet

    sheet = partner_sheet(Path(tmp) / f"partners-{rows}.csv", rows)
    if engine == "ladybug":
        from graph.store.ladybug import LadybugStore

        store = LadybugStore(Path(tmp) / f"scale-{rows}.lbug")
    else:
        from graph.store.neo4j import Neo4jStore

        uri = os.environ.get("ZORGNET_TEST_NEO4J_URI") or os.environ["NEO4J_URI"]
        store = Neo4jStore(uri, os.environ.get("ZORGNET_TEST_NEO4J_USER", "neo4j"),
                           os.environ.get("ZORGNET_TEST_NEO4J_PASSWORD")
                           or os.environ.get("NEO4J_PASSWORD", ""))
        store.clear()
    t0 = time.perf_counter()
    batch = read_spreadsheet(sheet)
    t1 = time.perf_counter()
    report = store.load([batch])
    t2 = time.perf_counter()
    nodes = sum(store.counts()["nodes"].values())
    if engine == "neo4j":
        store.clear()
    store.close()
    print(json.dumps({"read": t1 - t0, "write": t2 - t1, "entities": report.entities,
                      "relations": report.relations, "nodes": nodes,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="*", default=[10_000, 50_000, 200_000])
    ap.add_argument("--neo4j", action="store_true")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return
    engines = ["ladybug", *(["neo4j"] if args.neo4j else [])]
    for engine in engines:
        per_row = {}
        for rows in args.rows:
            with tempfile.TemporaryDirectory(prefix="zorgnet-scale-") as tmp:
                out = subprocess.run([sys.executable, __file__, "--child", engine, str(rows), tmp],
                                     capture_output=True, text=True)
            if out.returncode:
                print(f"{engine:<8} {rows:>7,} rows: FAILED {out.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            total = r["read"] + r["write"]
            per_row[rows] = total / rows
            print(f"{engine:<8} {rows:>7,} rows: read {r['read']:6.1f} s, write {r['write']:6.1f} s,"
                  f" total {total:6.1f} s, {rows / total:6,.0f} rows/s, peak RSS "
                  f"{r['rss_mb']:5.0f} MB ({r['nodes']:,} nodes, {r['relations']:,} relations)",
                  flush=True)
        if len(per_row) > 1:
            lo, hi = min(per_row), max(per_row)
            print(f"{engine:<8} time per row at {hi:,} vs {lo:,} rows: "
                  f"{per_row[hi] / per_row[lo]:.2f}x (1.0 = linear)")


if __name__ == "__main__":
    main()
