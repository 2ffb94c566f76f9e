"""Timings of the full analysis (``graph.analysis.analyze``) per step.

    python bench/bench_analysis.py                     # 20,000 orgs, ~200,000 ties
    python bench/bench_analysis.py --orgs 5000 --edges 50000 --seed 3
    python bench/bench_analysis.py --repeat 3          # best of three

Generates a synthetic graph (:func:`graph.synthetic.synthetic_graph`; its time is
printed but not counted), then runs ``analyze`` on the MultiDiGraph — the
projection to the collaboration graph *is* included in the total — and prints
the time of every step, the total, the JSON size, and checks that a second run
with the same seed gives the same result.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.analysis import analyze  # noqa: E402
from graph.synthetic import synthetic_graph  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=20_000)
    ap.add_argument("--edges", type=int, default=200_000, help="target collaboration ties")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-check", action="store_true", help="skip the determinism re-run")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    G = synthetic_graph(args.orgs, target_edges=args.edges, seed=args.seed)
    t_gen = time.perf_counter() - t
    print(f"synthetic graph: {args.orgs} orgs, {G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} edges, generated in {t_gen:.2f} s (not counted)")
    try:
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load average {load:.2f}")
    except OSError:
        pass
    best = None
    cpu = None
    for r in range(args.repeat):
        c0 = time.process_time()
        res = analyze(G, seed=args.seed)
        c1 = time.process_time() - c0
        tm = res["meta"]["timings"]
        if best is None or tm["total"] < best["meta"]["timings"]["total"]:
            best, cpu = res, c1
    res = best
    tm = res["meta"]["timings"]
    c = res["collaboration"]
    print(f"collaboration graph: {c['n_organisations']} organisations, {c['n_ties']} ties, "
          f"{c['n_active']} active, {c['n_isolated']} isolated")
    print(f"clusters: {res['clusters']['n_clusters']} ({res['clusters']['method']}), "
          f"modularity {res['clusters']['modularity']:.3f}")
    b = res["brokers"]["betweenness"]
    print(f"betweenness: {'exact' if b['exact'] else 'sampled'}, k = {b['k']} of "
          f"{b['n_connected']} connected organisations")
    print(f"gaps: {res['gaps']['n_gaps']}; suggestions: "
          f"{len(res['suggestions']['organisations'])} pairs, "
          f"{len(res['suggestions']['initiatives'])} organisation-initiative")
    print()
    print(f"{'step':<26}{'seconds':>10}")
    for k, v in tm.items():
        if k in ("total", "total_with_json"):
            continue
        print(f"{k:<26}{v:>10.3f}")
    print(f"{'total (analyze)':<26}{tm['total']:>10.3f}")
    print(f"{'total incl. JSON-ready':<26}{tm['total_with_json']:>10.3f}")
    print(f"{'CPU time (all threads)':<26}{cpu:>10.3f}")
    t = time.perf_counter()
    text = json.dumps(res)
    print(f"{'json.dumps':<26}{time.perf_counter() - t:>10.3f}   ({len(text) / 1e6:.1f} MB)")
    if not args.no_check:
        again = analyze(G, seed=args.seed)
        for part in ("clusters", "brokers", "gaps", "suggestions"):
            same = json.dumps(again[part], sort_keys=True) == json.dumps(res[part], sort_keys=True)
            print(f"same seed, same {part}: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
