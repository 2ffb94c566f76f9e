"""Extraction speed: words per second over a large corpus, one core.

The corpus is the five seed texts (``../shared/seeds`` next to the repo, or ``--seeds``)
repeated to about ``--words`` words (default 1,000,000). Reading is not timed; the timed
part is what ``read_batch`` does after reading: tokenizing, sentence splitting, lexicon
matching, mention and relation rules, entity resolution and the learned typer and relation
scorer (``data/extract/model.npz``; ``ZORGNET_EXTRACT_MODEL=off`` for the rules alone).

    PYTHONPATH=. python bench/bench_extract.py [--words 1000000] [--profile]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default=str(Path(os.environ.get("ZORGNET_SHARED")
                                                or ROOT.parent / "shared") / "seeds"))
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--profile", action="store_true", help="print a cProfile top 25")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core
    except (AttributeError, OSError):
        pass
    from loaders.documents import extract_texts
    from loaders.extract.pipeline import get_pipeline
    from loaders.readers import read_source

    files = sorted(Path(args.seeds).glob("*.txt"))
    if not files:
        print(f"no seed texts in {args.seeds}", file=sys.stderr)
        return 2
    texts = [read_source(str(f)) for f in files]
    words_per_round = sum(len(t.body.split()) for t in texts)
    rounds = max(1, round(args.words / words_per_round))
    corpus = [t for _ in range(rounds) for t in texts]
    total_words = words_per_round * rounds
    from loaders.extract.model import get_model
    t0 = time.perf_counter()
    c0 = time.process_time()
    get_pipeline()
    model = get_model()
    startup = time.perf_counter() - t0
    startup_cpu = time.process_time() - c0

    def run():
        n_ent = n_rel = 0
        for x in extract_texts(corpus):
            n_ent += len(x.entities)
            n_rel += len(x.relations())
        return n_ent, n_rel

    t0 = time.perf_counter()
    c0 = time.process_time()
    if args.profile:
        import cProfile
        import pstats
        prof = cProfile.Profile()
        n_ent, n_rel = prof.runcall(run)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    else:
        n_ent, n_rel = run()
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(f"documents: {len(corpus)}  words: {total_words:,}  start-up: {startup:.2f} s wall, "
          f"{startup_cpu:.2f} s CPU (pipeline + {'model' if model else 'no model: rules only'})")
    print(f"extraction: {dt:.2f} s wall, {cpu:.2f} s CPU  ->  {total_words / dt:,.0f} words/s "
          f"(wall), {total_words / cpu:,.0f} words/s (CPU) "
          f"({n_ent:,} entities, {n_rel:,} relations)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
