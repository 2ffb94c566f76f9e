"""Training the entity typer and the relation scorer on annotated documents.

    zorgnet train                      # ../shared/corpus + ../shared/seeds -> data/extract/model.npz
    python bench/cv_extract.py         # cross-validated figures (nothing tuned on the scored fold)

Annotated documents are folders with a ``gold.jsonl`` in the format of
``shared/gold/README.md`` (the texts themselves are read at run time and never stored).

Procedure (:func:`train`, deterministic for a given seed and document order):

1. every document is read by the rules and resolved once (:func:`prepare`); each resolved
   entity is a candidate, labelled with the kind of the gold entity it matches by the scoring
   rules (name or mention equals a gold name or alias after NFKC/casefold), else ``none``;
2. the typer (scikit-learn ``LogisticRegression``) is fitted on all candidates;
3. relation candidates need the *predicted* kinds, as at run time: an inner k-fold by document
   types each document with a typer fitted on the other documents; the candidate pairs of
   those kinds are labelled with the gold relation they match (both ends, REL, direction);
4. the scorer is fitted on those pairs; its decision threshold (best F1 with precision
   >= :data:`MIN_REL_PRECISION`) and the typer's keep threshold (best typed F1) are chosen
   on the inner folds' out-of-fold probabilities.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from loaders.evaluate import gold_keys, key, load_jsonl
from loaders.extract.features import ENTITY_CLASSES, REL_CLASSES, DocContext, entity_features
from loaders.extract.model import (
    MODEL_PATH, LinearModel, Model, context, decide, kinds_from, pairs_for, reference_kinds)
from loaders.documents import Extracted, extract_texts, to_gold_json
from loaders.extract.lexicon import load_lexicon
from loaders.readers import read_text_bytes
from graph.resources import code_root
from graph.settings import Settings

#: the annotated pages (../shared beside the checkout, or ZORGNET_SHARED)
SHARED = Settings.from_env().shared_dir or code_root().parent / "shared"
DEFAULT_SOURCES = (SHARED / "corpus" / "docs", SHARED / "seeds")
C_ENT, C_REL = 0.5, 0.3
#: the relation threshold is the best-F1 one among those with at least this precision on
#: the inner folds (a graph of wrong edges misleads more than a sparser one)
MIN_REL_PRECISION = 0.6
#: relation thresholds on each side (steps of 0.025) whose F1 is averaged when the best
#: one is chosen
REL_SMOOTH = 2
#: the same for the typer's keep threshold (steps of 0.025)
ENT_SMOOTH = 2


@dataclass
class Doc:
    name: str
    text: object
    gold: dict
    ctx: DocContext | None = None
    rule_entities: list = field(default_factory=list)
    ent_feats: list = field(default_factory=list)
    ent_labels: list = field(default_factory=list)
    ent_keys: list = field(default_factory=list)


def gold_path(folder: Path) -> Path:
    """``gold.jsonl`` beside the texts, or ``../gold/seeds.jsonl`` for the seeds."""
    for p in (folder / "gold.jsonl", folder.parent / "gold.jsonl",
              folder.parent / "gold" / "seeds.jsonl"):
        if p.is_file():
            return p
    raise FileNotFoundError(f"no gold.jsonl for {folder}")


def read_annotated(folder: str | Path, gold: str | Path | None = None) -> list[tuple]:
    """[(Text, gold dict)] of a folder of annotated texts; a corpus page's two header lines
    (``source:`` …) are skipped."""
    folder = Path(folder)
    out = []
    for g in load_jsonl(gold or gold_path(folder)):
        p = folder / g["doc"]
        raw = p.read_bytes()
        if raw.startswith(b"source:") and b"\n\n" in raw:
            raw = raw.split(b"\n\n", 1)[1]
        out.append((read_text_bytes(raw, str(p)), g))
    return out


def entity_label(keys: set[str], etype: str, gold: dict) -> str:
    hits = [g["type"] for g in gold.get("entities", []) if keys & gold_keys(g)]
    if not hits:
        return "none"
    return etype if etype in hits else hits[0]


def prepare(items: list[tuple]) -> list[Doc]:
    """Rules + resolution once per document, with typer features and labels."""
    lex = load_lexicon()
    docs = []
    for (text, gold), x in zip(items, extract_texts([t for t, _ in items], model=None)):
        d = Doc(gold["doc"], text, gold, rule_entities=x.entities)
        d.ctx = context(x.ext, x.entities, lex)
        for i, e in enumerate(d.ctx.entities):
            keys = {key(f) for f in [e.name, *e.forms] if key(f)}
            d.ent_keys.append(keys)
            d.ent_feats.append(entity_features(d.ctx, i))
            d.ent_labels.append(entity_label(keys, e.type, gold))
        docs.append(d)
    return docs


def fit_linear(rows: list[dict], labels: list[str], C: float, min_count: int = 2,
               classes=None) -> LinearModel:
    """A multinomial logistic regression (scikit-learn, lbfgs) over features seen at least
    ``min_count`` times."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    counts = Counter(k for r in rows for k in r)
    keep = {k for k, c in counts.items() if c >= min_count}
    rows = [{k: v for k, v in r.items() if k in keep} for r in rows]
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(rows)
    y = np.array(labels)
    clf = LogisticRegression(C=C, max_iter=2000, tol=1e-5)
    clf.fit(X, y)
    coef, icpt = clf.coef_, clf.intercept_
    cls = [str(c) for c in clf.classes_]
    if len(cls) == 2:   # binary: sklearn keeps one row; spell out both classes
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        icpt = np.array([-icpt[0] / 2, icpt[0] / 2])
    return LinearModel(vec.feature_names_, cls, coef, icpt)


def _folds(n: int, k: int, seed: int) -> list[list[int]]:
    rng = np.random.RandomState(seed)
    order = rng.permutation(n)
    return [sorted(int(x) for x in order[f::k]) for f in range(k)]


def fit_typer(docs: list[Doc]) -> LinearModel:
    rows = [f for d in docs for f in d.ent_feats]
    labels = [lab for d in docs for lab in d.ent_labels]
    return fit_linear(rows, labels, C_ENT)


def _gold_keys(d: Doc) -> dict[str, set[str]]:
    return {g["name"]: gold_keys(g) for g in d.gold.get("entities", [])}


def _gold_relation(d: Doc, gk: dict, i: int, j: int, rel: str | None = None) -> int | None:
    """Index of the first gold relation of ``d`` from candidate ``i`` to ``j`` (of type
    ``rel`` when given), by the scoring rules' name matching; None when there is none."""
    for k, r in enumerate(d.gold.get("relations", [])):
        if (rel is None or r["rel"] == rel) and \
                d.ent_keys[i] & gk.get(r["src"], {key(r["src"])}) and \
                d.ent_keys[j] & gk.get(r["dst"], {key(r["dst"])}):
            return k
    return None


def pair_data(d: Doc, types: list[str], conf: list[float], ent_threshold: float):
    """Candidate pairs of a document under the given kinds, their features and gold labels."""
    pairs, feats = pairs_for(d.ctx, types, conf, ent_threshold)
    gk = _gold_keys(d)
    rels = d.gold.get("relations", [])
    labels = []
    for i, j in pairs:
        k = _gold_relation(d, gk, i, j)
        labels.append("none" if k is None else rels[k]["rel"])
    return pairs, feats, labels


def _best_threshold(found: list[tuple[float, object]], total_gold: int, grid,
                    min_precision: float = 0.0, smooth: int = 0) -> float:
    """The threshold with the best F1 over ``found`` — (probability, the gold item a
    prediction matches or None) — keeping predictions with probability >= t and counting a
    gold item once, among the thresholds reaching ``min_precision``; the best F1 overall
    when none does."""
    rows = []
    for t in grid:
        sel = [h for p, h in found if p >= t]
        tp = len({h for h in sel if h is not None})
        pr = tp / len(sel) if sel else 0.0
        r = tp / total_gold if total_gold else 0.0
        rows.append((float(t), pr, 2 * pr * r / (pr + r) if pr + r else 0.0))
    # F1 averaged with the neighbouring thresholds: the curve is flat and noisy near its
    # top, and a single lucky point should not decide
    avg = [sum(x[2] for x in rows[max(0, k - smooth):k + smooth + 1]) /
           len(rows[max(0, k - smooth):k + smooth + 1]) for k in range(len(rows))]
    best, bt, best_any, bt_any = -1.0, None, -1.0, 0.5
    for (t, pr, _), f in zip(rows, avg):
        if f > best_any + 1e-9:
            best_any, bt_any = f, t
        if pr >= min_precision and f > best + 1e-9:
            best, bt = f, t
    return bt if bt is not None else bt_any


def _decided(model: Model, d: Doc, doc_id: int) -> list[tuple[float, object]]:
    """(effective probability, matched gold relation id or None) of every relation the
    run-time step would write for ``d`` at the lowest threshold; a relation the rules state
    counts with the higher of the scorer's and the rule's confidence (as in ``decide``)."""
    _, _, rels = decide(model, d.ctx, threshold=0.0)
    gk = _gold_keys(d)
    out = []
    for a, b, rel, p in rels:
        for r in d.ctx.rules.get((a, b), ()):
            if r.rel == rel:
                p = max(p, r.conf)
        k = _gold_relation(d, gk, a, b, rel)
        out.append((p, None if k is None else (doc_id, k)))
    return out


def train(docs: list[Doc], seed: int = 0, inner_folds: int = 5, log=None) -> Model:
    """Fit typer and scorer on ``docs`` (see the module docs)."""
    log = log or (lambda *a: None)
    typer = fit_typer(docs)
    folds = _folds(len(docs), min(inner_folds, len(docs)), seed)
    oof: dict[int, tuple] = {}
    typers: dict[int, LinearModel] = {}
    ent_found: list[tuple[float, object]] = []   # (p, a unique id when the kind is right)
    for test in folds:
        ts = set(test)
        t = typers[len(typers)] = fit_typer([docs[i] for i in range(len(docs))
                                             if i not in ts])
        for i in test:
            types, conf = kinds_from(t.classes, t.predict_proba(docs[i].ent_feats))
            types = reference_kinds(docs[i].ctx, types)
            oof[i] = (types, conf)
            for c, lab, typ in zip(conf, docs[i].ent_labels, types):
                ent_found.append((c, len(ent_found) if lab == typ else None))
    n_gold_ent = sum(len(d.gold.get("entities", [])) for d in docs)
    ent_thr = _best_threshold(ent_found, n_gold_ent, np.arange(0.3, 0.71, 0.025),
                              smooth=ENT_SMOOTH)
    log(f"typer: entity when p >= {ent_thr:.2f}")
    pair_rows = [pair_data(d, *oof[i], ent_thr) for i, d in enumerate(docs)]
    # the threshold from out-of-fold decisions of the whole run-time step (typer, scorer and
    # the relations the rules state), so that it holds for what is finally written
    found: list[tuple[float, object]] = []
    for f, test in enumerate(folds):
        ts = set(test)
        m = fit_linear([x for i, r in enumerate(pair_rows) if i not in ts for x in r[1]],
                       [lab for i, r in enumerate(pair_rows) if i not in ts for lab in r[2]],
                       C_REL)
        inner = Model(typers[f], m, 0.0, ent_thr)
        for i in test:
            found.extend(_decided(inner, docs[i], i))
    n_gold_rel = sum(len(d.gold.get("relations", [])) for d in docs)
    thr = _best_threshold(found, n_gold_rel, np.arange(0.1, 0.81, 0.025), MIN_REL_PRECISION,
                          REL_SMOOTH)
    log(f"scorer: relation when p >= {thr:.3f} ({sum(len(r[0]) for r in pair_rows)} pairs)")
    scorer = fit_linear([f for r in pair_rows for f in r[1]],
                        [lab for r in pair_rows for lab in r[2]], C_REL)
    return Model(typer, scorer, thr, ent_thr)


def predict(model: Model, docs: list[Doc]) -> list[dict]:
    """Gold-format predictions of ``model`` for prepared documents (the run-time path)."""
    out = []
    for d in docs:
        x = Extracted(d.text, d.ctx.ext, d.rule_entities, model=model)
        out.append(to_gold_json(x))
    return out


def default_items() -> list[tuple]:
    items = []
    for folder in DEFAULT_SOURCES:
        items.extend(read_annotated(folder))
    return items


def train_default(out: str | Path | None = None, seed: int = 0, log=print) -> Path:
    """Train on ../shared/corpus + ../shared/seeds and write the model file."""
    docs = prepare(default_items())
    model = train(docs, seed=seed, log=log)
    out = Path(out or MODEL_PATH)
    model.save(out)
    log(f"{out}: {out.stat().st_size / 1024:.0f} KB, {len(docs)} documents; "
        + json.dumps({"typer_features": len(model.ent.features),
                      "scorer_features": len(model.rel.features)}))
    return out


__all__ = ["prepare", "train", "predict", "read_annotated", "train_default", "fit_linear",
           "ENTITY_CLASSES", "REL_CLASSES"]
