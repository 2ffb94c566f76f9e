"""Link prediction on the real national network (``data/demo``): the project's scorer
against common neighbours, Adamic–Adar, resource allocation and preferential
attachment, on the same splits.

    python bench/eval_links_real.py                 # temporal split + random 10 % (5 seeds)
    python bench/eval_links_real.py --latest 0.25 --seeds 0 1 2 3 4 --markdown

Splits (:mod:`graph.linkeval`):

* **temporal** — the ties that first appear in the latest documents (the last
  ``--latest`` share of the dated documents, by document date) are hidden: every
  membership, relation and mention those documents state is removed, the
  collaboration graph rebuilt; positives are the ties that are then gone;
* **random** — 10 % of the ties hidden through their memberships
  (:func:`graph.linkeval.hide_links`), seeds 0–4, mean (and spread) reported.

Every untied pair of organisations that have a tie in the full graph is ranked (no
candidate bound: the network is small), so all scorers see the same pairs; an
organisation without ties before the test period scores 0 on every
neighbourhood measure — only the regional floor can rank its pairs.
Measures: precision@10, precision@50, recall@100 (tied scores at the cut counted
in expectation) and ROC AUC over all pairs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.linkeval import hide_links, rank_all_pairs, temporal_split  # noqa: E402

COLS = ("precision@10", "precision@50", "recall@100", "auc")
ORDER = ("combined", "ra_partners+region+floor", "ra_partners+floor", "ra_partners+region",
         "ra_partners+sector", "ra_partners",
         "resource_allocation", "adamic_adar", "common_neighbours", "preferential_attachment")


def demo_projection():
    from graph.projection import to_networkx
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    with tempfile.TemporaryDirectory() as d:
        with LadybugStore(os.path.join(d, "demo.lbug")) as s:
            s.load(demo_batches())
            return to_networkx(s)


def print_table(title: str, rows: dict, markdown: bool, spread: dict | None = None) -> None:
    print(f"\n{title}")
    if markdown:
        print("| scorer | " + " | ".join(COLS) + " |")
        print("|---|" + "---:|" * len(COLS))
    else:
        print(f"{'scorer':<26}" + "".join(f"{c:>14}" for c in COLS))
    for name in ORDER:
        r = rows[name]
        cells = []
        for c in COLS:
            v = f"{r[c]:.3f}"
            if spread is not None:
                v += f" ±{spread[name][c]:.3f}"
            cells.append(v)
        if markdown:
            print(f"| {name} | " + " | ".join(cells) + " |")
        else:
            print(f"{name:<26}" + "".join(f"{x:>14}" for x in cells))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--latest", type=float, default=0.2,
                    help="share of the dated documents that forms the test period")
    ap.add_argument("--fraction", type=float, default=0.1)
    ap.add_argument("--seeds", type=int, nargs="*", default=[0, 1, 2, 3, 4])
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    G = demo_projection()
    orgs = sum(1 for _, d in G.nodes(data=True) if d.get("label") == "Organisation")
    print(f"real network (data/demo): {orgs} organisations, {G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} relations")

    ts = temporal_split(G, latest=args.latest)
    tied = [n for n in ts["full"] if ts["full"].degree(n) > 0]
    res = rank_all_pairs(ts["train"], ts["positives"], nodes=tied)
    print(f"\ntemporal split: documents dated from {ts['cutoff']} on ({ts['n_docs_test']} of "
          f"{ts['n_docs_dated']} dated documents) hidden; {res['n_positives']} ties first "
          f"appear there ({ts['n_between_tied']} between organisations already tied before); "
          f"{res['n_pairs']} pairs of the {len(tied)} tied organisations ranked; random "
          f"precision {res['random_precision']:.4f}")
    print_table("temporal split", res["scores"], args.markdown)

    per_seed = []
    for seed in args.seeds:
        h = hide_links(G, fraction=args.fraction, seed=seed)
        r = rank_all_pairs(h["train"], h["positives"],
                           nodes=[n for n in h["full"] if h["full"].degree(n) > 0])
        per_seed.append(r)
        print(f"  random seed {seed}: {r['n_positives']} hidden ties, {r['n_pairs']} pairs")
    mean = {n: {c: float(np.mean([r["scores"][n][c] for r in per_seed])) for c in COLS}
            for n in ORDER}
    sd = {n: {c: float(np.std([r["scores"][n][c] for r in per_seed])) for c in COLS}
          for n in ORDER}
    print_table(f"random {args.fraction:.0%} of the ties, mean ± sd over seeds {args.seeds}",
                mean, args.markdown, sd)
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
