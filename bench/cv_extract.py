"""Cross-validated extraction figures on real pages: ../shared/corpus + ../shared/seeds.

k folds by document (default 5, seed 0). For each fold the typer and the relation scorer are
trained on the other folds only (thresholds chosen on inner folds of those, see
:mod:`loaders.extract.train`) and the fold is scored with the rules of
``shared/gold/README.md`` (:mod:`loaders.evaluate`). Printed: the rules alone first, then
the cross-validated model per entity type, per relation type and micro totals, then the seeds
scored by a model trained on the corpus only.

    PYTHONPATH=. python bench/cv_extract.py [--folds 5] [--seed 0] [--jobs 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from loaders.extract.train import SHARED  # noqa: E402


def table(title: str, preds: list[dict], golds: list[dict], per_type: bool = True) -> dict:
    from loaders.evaluate import score, score_by_type
    s = score(preds, golds)
    print(f"\n== {title}")
    print(f"{'':24} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}")

    def line(name, x):
        print(f"{name:24} {x.p:6.3f} {x.r:6.3f} {x.f1:6.3f} {x.tp:5d} {x.pred:5d} {x.gold:5d}")

    out = {"entities": s.entities.as_dict(), "typed": s.typed.as_dict(),
           "relations": s.relations.as_dict()}
    if per_type:
        ents, rels = score_by_type(preds, golds)
        for t, x in ents.items():
            line("  " + t, x)
        out["per_type"] = {t: x.as_dict() for t, x in ents.items()}
    line("entities (untyped)", s.entities)
    line("ENTITIES (typed)", s.typed)
    if per_type:
        for t, x in rels.items():
            line("  " + t, x)
        out["per_rel"] = {t: x.as_dict() for t, x in rels.items()}
    line("RELATIONS", s.relations)
    return out


_DOCS: list = []   # documents shared with forked fold workers


def _fold(args):
    train_idx, test_idx, seed = args
    from loaders.extract.train import predict, train
    model = train([_DOCS[i] for i in train_idx], seed=seed)
    return test_idx, predict(model, [_DOCS[i] for i in test_idx])


def cross_validate(docs, folds: int = 5, seed: int = 0, log=None, jobs: int = 1) -> list[dict]:
    """Predictions for every document by a model trained without its fold (``jobs`` folds
    at a time in forked processes; the result does not depend on it)."""
    from loaders.extract.train import _folds
    preds: list[dict | None] = [None] * len(docs)
    tasks = []
    for test in _folds(len(docs), folds, seed):
        ts = set(test)
        tasks.append(([i for i in range(len(docs)) if i not in ts], test, seed))
    _DOCS[:] = docs
    if jobs > 1:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_fold, tasks)
    else:
        results = map(_fold, tasks)
    for f, (test, ps) in enumerate(results):
        for i, p in zip(test, ps):
            preds[i] = p
        if log:
            log(f"fold {f + 1}/{folds}: {len(test)} documents")
    return preds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "docs"))
    ap.add_argument("--seeds", default=str(SHARED / "seeds"))
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--jobs", type=int, default=1, help="folds trained in parallel")
    args = ap.parse_args(argv)
    from loaders.documents import Extracted, to_gold_json
    from loaders.extract.train import predict, prepare, read_annotated, train

    log = None if args.quiet else (lambda m: print("  " + m, file=sys.stderr))
    t0 = time.perf_counter()
    corpus = prepare(read_annotated(args.corpus))
    seeds = prepare(read_annotated(args.seeds))
    docs = corpus + seeds
    golds = [d.gold for d in docs]
    print(f"{len(corpus)} corpus + {len(seeds)} seed documents; {args.folds} folds by document, "
          f"seed {args.seed}")
    rules = [to_gold_json(Extracted(d.text, d.ctx.ext, d.rule_entities, model=None))
             for d in docs]
    res = {"rules": table("rules alone (no model), all documents", rules, golds)}
    preds = cross_validate(docs, args.folds, args.seed, log, args.jobs)
    res["cv"] = table(f"model, {args.folds}-fold cross-validated (corpus + seeds)", preds, golds)
    model = train(corpus, seed=args.seed, log=log)
    sp = predict(model, seeds)
    res["seeds"] = table("seeds scored by a model trained on the corpus only", sp,
                         [d.gold for d in seeds], per_type=False)
    print(f"\n({time.perf_counter() - t0:.0f} s)")
    if args.json:
        print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
