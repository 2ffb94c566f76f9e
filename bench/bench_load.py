"""Load timings on both engines, and Neo4j start times.

    python bench/bench_load.py                 # embedded LadybugDB only
    python bench/bench_load.py --neo4j         # also Neo4j: starts its own server on
                                               # port 37687 via scripts/neo4j.sh (cold, warm)

Prints: demo load, a 10,000-row partner spreadsheet (first load, unchanged re-load),
and Neo4j's time to Bolt from a fresh home (cold) and on restart (warm).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.store.ladybug import LadybugStore  # noqa: E402
from loaders.demo import demo_batches  # noqa: E402
from loaders.spreadsheet import read_spreadsheet  # noqa: E402

KINDS = ["zorgaanbieder"] * 5 + ["school"] * 2 + ["gemeente", "werkgeversorganisatie",
                                                  "bedrijf", "kennisinstituut"]
PLACES = ["Utrecht", "Amersfoort", "Zwolle", "Almere", "Groningen", "Leeuwarden", "Assen",
          "Arnhem", "Nijmegen", "Haarlem", "Alkmaar", "Rotterdam", "Leiden", "Middelburg",
          "Breda", "Tilburg", "Eindhoven", "Maastricht", "Venlo", "Enschede", "Deventer",
          "Lelystad", "Emmen", "Zeist", "Hilversum", "Dordrecht", "Delft", "Goes", "Roermond"]


def partner_sheet(path: Path, rows: int = 10_000, seed: int = 0) -> Path:
    rng = random.Random(seed)
    lines = ["organisatie,soort,plaats,initiatief,rol"]
    for i in range(rows):
        lines.append(f"Organisatie {i:05d},{rng.choice(KINDS)},{rng.choice(PLACES)},"
                     f"Samenwerking {rng.randrange(400):03d},{rng.choice(['partner', 'trekker', ''])}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def bench_store(name, make_store, sheet):
    with make_store() as s:
        s.clear()
        t_demo, _ = timed(lambda: s.load(demo_batches()))
        t_read, batch = timed(lambda: read_spreadsheet(sheet))
        t_load, rep = timed(lambda: s.load([batch]))
        t_again, rep2 = timed(lambda: s.load([read_spreadsheet(sheet)]))
        c = s.counts()
        print(f"{name:<8} demo {t_demo:6.2f} s | 10k rows: read {t_read:5.2f} s, "
              f"write {t_load:6.2f} s ({rep.entities} entities, {rep.relations} relations), "
              f"unchanged re-load {t_again:5.2f} s | nodes {sum(c['nodes'].values())}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--neo4j", action="store_true")
    ap.add_argument("--rows", type=int, default=10_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="zorgnet-bench-"))
    sheet = partner_sheet(tmp / "partners.csv", args.rows)
    bench_store("ladybug", lambda: LadybugStore(tmp / "bench.lbug"), sheet)
    if args.neo4j:
        env = {**os.environ, "NEO4J_BOLT_PORT": "37687", "NEO4J_HTTP_PORT": "37474",
               "ZORGNET_NEO4J_HOME": str(tmp / "neo4j-home"), "NEO4J_PASSWORD": "bench-1234"}
        script = ["bash", str(ROOT / "scripts" / "neo4j.sh")]
        subprocess.run([*script, "fetch"], env=env, check=True)
        t_cold, _ = timed(lambda: subprocess.run([*script, "start"], env=env, check=True))
        try:
            subprocess.run([*script, "stop"], env=env, check=True)
            t_warm, _ = timed(lambda: subprocess.run([*script, "start"], env=env, check=True))
            print(f"neo4j    start to Bolt: cold (fresh home, jars cached) {t_cold:5.1f} s, "
                  f"warm (restart) {t_warm:5.1f} s")
            from graph.store.neo4j import Neo4jStore

            bench_store("neo4j", lambda: Neo4jStore("bolt://127.0.0.1:37687", "neo4j",
                                                    "bench-1234"), sheet)
        finally:
            subprocess.run([*script, "stop"], env=env)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
