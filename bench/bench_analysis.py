"""Timings of the full analysis (``graph.analysis.analyze``) per step.

    python bench/bench_analysis.py                     # 20,000 orgs, ~200,000 ties
    python bench/bench_analysis.py --orgs 5000 --edges 50000 --seed 3
    python bench/bench_analysis.py --repeat 3          # best of three
    python bench/bench_analysis.py --orgs 100000 --edges 1000000 --no-check
    python bench/bench_analysis.py --betweenness-check  # top-100 Spearman vs exact (20,000)

Generates a synthetic graph (:func:`graph.synthetic.synthetic_graph`; its time is
printed but not counted), then runs ``analyze`` on the MultiDiGraph — the
projection to the collaboration graph *is* included in the total — and prints
the time of every step, the total, the JSON size, the process's peak memory
(resident set, with the graph), the machine load, and checks that a second run
with the same seed gives the same result. ``--betweenness-check`` compares the
betweenness the analysis uses with exact betweenness on the same graph: Spearman
rank correlation over the exact top 100 and overlap of the top 10.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.analysis import analyze  # noqa: E402
from graph.synthetic import synthetic_graph  # noqa: E402


def rss_gib() -> float:
    """Current resident set size (Linux /proc), GiB."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**30
    except OSError:
        return float("nan")


def peak_gib() -> float:
    """Peak resident set size of this process, GiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def betweenness_check(n_orgs: int, edges: int, seed: int) -> int:
    """Top-100 Spearman and top-10 overlap of the analysis' betweenness vs exact."""
    import numpy as np
    from scipy.stats import spearmanr

    from graph._compact import CompactGraph
    from graph.brokers import _betweenness
    from graph.collaboration import collaboration_graph

    G = synthetic_graph(n_orgs, target_edges=edges, seed=seed)
    cg = CompactGraph(collaboration_graph(G))
    t = time.perf_counter()
    exact, _ = _betweenness(cg, k=cg.n, seed=seed)
    t_exact = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    used, info = _betweenness(cg, seed=seed)
    t_used, c_used = time.perf_counter() - t, time.process_time() - c
    top = np.argsort(-exact, kind="stable")[:100]
    rho = spearmanr(exact[top], used[top]).statistic
    top10 = set(top[:10].tolist()) & set(np.argsort(-used, kind="stable")[:10].tolist())
    print(f"{cg.n} organisations, {cg.m} ties; exact betweenness {t_exact:.2f} s; "
          f"analysis: {info['method']} in {t_used:.2f} s ({c_used:.2f} s CPU)")
    print(f"top-100 (exact) Spearman: {rho:.3f}  (target >= 0.9); top-10 overlap: "
          f"{len(top10)}/10")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=20_000)
    ap.add_argument("--edges", type=int, default=200_000, help="target collaboration ties")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-check", action="store_true", help="skip the determinism re-run")
    ap.add_argument("--betweenness-check", action="store_true",
                    help="only compare the analysis' betweenness with exact betweenness")
    args = ap.parse_args(argv)
    if args.betweenness_check:
        return betweenness_check(args.orgs, args.edges, args.seed)

    t = time.perf_counter()
    G = synthetic_graph(args.orgs, target_edges=args.edges, seed=args.seed)
    t_gen = time.perf_counter() - t
    print(f"synthetic graph: {args.orgs} orgs, {G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} edges, generated in {t_gen:.2f} s (not counted); "
          f"resident memory with the graph {rss_gib():.2f} GiB")
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
    ct = res["meta"].get("cpu_timings", {})
    print(f"{'step':<26}{'seconds':>10}{'CPU s':>10}")
    for k, v in tm.items():
        if k in ("total", "total_with_json"):
            continue
        print(f"{k:<26}{v:>10.3f}{ct.get(k, float('nan')):>10.3f}")
    print(f"{'total (analyze)':<26}{tm['total']:>10.3f}")
    print(f"{'total incl. JSON-ready':<26}{tm['total_with_json']:>10.3f}")
    print(f"{'CPU time (all threads)':<26}{cpu:>10.3f}")
    print(f"{'peak memory (GiB)':<26}{peak_gib():>10.2f}   (process, graph included)")
    try:
        print(f"load average after the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    except OSError:
        pass
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
