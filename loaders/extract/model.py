"""The learned layer over the rules: an entity filter/typer and a relation scorer.

Both are multinomial logistic regressions (trained with scikit-learn by
:mod:`loaders.extract.train`, ``zorgnet train``) stored as plain weights in
``data/extract/model.npz``: feature names, class names, one weight row per class, the
intercepts and the relation decision threshold. Loading needs numpy only (no pickle, no
network); predicting is a sparse dot product and a softmax.

:func:`apply` takes one document after rules and resolution and returns

* the entities the typer keeps, each with the typer's kind (instead of a default kind), and
* the relations between them whose probability reaches the threshold, each with the scorer's
  probability as confidence and the sentence it rests on as evidence.

When the model file is missing, :func:`get_model` returns ``None`` and extraction falls back
to the rules alone.
"""

from __future__ import annotations

import bisect
from collections import Counter
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from graph.settings import Settings
from loaders.extract.features import (
    ORG_OR_INI, DocContext, candidate_pairs, compatible, entity_features, focal_entities,
    nearest, pair_features, relative_features)
from loaders.extract.lexicon import EXTRACT_DATA, norm
from loaders.extract.relbase import cues
from loaders.extract.generic import add_acronyms, add_articles, add_generic

MODEL_PATH = EXTRACT_DATA / "model.npz"


class LinearModel:
    """Softmax over ``coef @ x + intercept`` for dict features."""

    def __init__(self, features: list[str], classes: list[str], coef: np.ndarray,
                 intercept: np.ndarray):
        self.features = list(features)
        self.classes = list(classes)
        self.index = {f: k for k, f in enumerate(self.features)}
        self.coef_t = np.ascontiguousarray(np.asarray(coef, dtype=np.float64).T)
        self.intercept = np.asarray(intercept, dtype=np.float64)

    def scores(self, rows: list[dict]) -> np.ndarray:
        out = np.tile(self.intercept, (len(rows), 1))
        index, coef = self.index, self.coef_t
        for r, feats in enumerate(rows):
            idx, vals = [], []
            for k, v in feats.items():
                c = index.get(k)
                if c is not None and v:
                    idx.append(c)
                    vals.append(v)
            if idx:
                out[r] += np.asarray(vals) @ coef[idx]
        return out

    def predict_proba(self, rows: list[dict]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes)))
        z = self.scores(rows)
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def arrays(self, prefix: str) -> dict:
        return {f"{prefix}_features": np.array(self.features, dtype=str),
                f"{prefix}_classes": np.array(self.classes, dtype=str),
                f"{prefix}_coef": self.coef_t.T.astype(np.float32),
                f"{prefix}_intercept": self.intercept.astype(np.float32)}

    @classmethod
    def from_arrays(cls, z, prefix: str) -> "LinearModel":
        return cls([str(x) for x in z[f"{prefix}_features"]],
                   [str(x) for x in z[f"{prefix}_classes"]],
                   z[f"{prefix}_coef"], z[f"{prefix}_intercept"])


@dataclass
class Model:
    ent: LinearModel
    rel: LinearModel
    threshold: float = 0.5
    ent_threshold: float = 0.5

    def save(self, path: str | Path) -> None:
        arrays = {**self.ent.arrays("ent"), **self.rel.arrays("rel"),
                  "threshold": np.array([self.threshold, self.ent_threshold], np.float32)}
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            np.savez_compressed(f, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> "Model":
        with np.load(path, allow_pickle=False) as z:
            thr = z["threshold"]
            return cls(LinearModel.from_arrays(z, "ent"), LinearModel.from_arrays(z, "rel"),
                       float(thr[0]), float(thr[1]))


_LOCK = threading.Lock()
_CACHE: dict[str, object] = {}


def model_path(settings: Settings | None = None) -> Path:
    """``ZORGNET_EXTRACT_MODEL`` (:attr:`Settings.extract_model`) or :data:`MODEL_PATH`."""
    return (settings or Settings.from_env()).extract_model or MODEL_PATH


def get_model() -> Model | None:
    """The model of ``data/extract/model.npz`` (or ``ZORGNET_EXTRACT_MODEL``; ``none``/``off``
    switch it off), loaded once; ``None`` when there is none (rules only)."""
    p = model_path()
    if str(p).lower() in ("none", "off", "0"):
        return None
    key = str(p)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = Model.load(p) if p.is_file() else None
        return _CACHE[key]


def reset() -> None:
    _CACHE.clear()


# --------------------------------------------------------------------------- cues


def cue_hits(ext) -> dict[int, list[tuple[str, int, int]]]:
    """Per sentence: the cue phrase rules of ``data/extract/cues.csv`` that match, with the
    token span of the match."""
    cs = cues()
    out: dict[int, list] = {}
    for s in ext.sents:
        words = set(s.lows)
        hits = []
        text = offs = None
        for rule, cue in cs.items():
            if words.isdisjoint(cue.firsts):
                continue
            if text is None:
                offs, pos = [], 0
                for t in s.lows:
                    offs.append(pos)
                    pos += len(t) + 1
                text = " ".join(s.lows)
            for m in cue.rx.finditer(text):
                a = bisect.bisect_right(offs, m.start()) - 1
                b = bisect.bisect_left(offs, m.end())
                hits.append((rule, a, b))
        if hits:
            out[s.idx] = hits
    return out


def context(ext, entities, lex) -> DocContext:
    """Per-document facts for the features, over the resolved entities plus the candidates
    of :mod:`loaders.extract.generic`."""
    return DocContext(ext, add_acronyms(ext, add_generic(ext, add_articles(ext, entities))),
                      lex, cue_hits(ext))


# --------------------------------------------------------------------------- apply


#: names that are never an entity, whatever the typer says (``shared/gold/README.md``)
NOT_ENTITIES = frozenset({"nederland"})
#: candidates less likely than this to be an entity are not paired at all
PAIR_FLOOR = 0.1
#: candidates below this are not considered as the document's main initiative/event/region
#: (low: a page's own collaboration often has a descriptive name the typer doubts, and its
#: partners hang on it)
FOCAL_FLOOR = 0.15
#: a candidate the typer does not keep is still kept when it takes part in an accepted
#: relation, if it is at least this likely an entity (the relation is evidence too)
RESCUE_FLOOR = 0.12


def type_entities(model: Model, ctx: DocContext):
    """(kind per candidate, probability that it is an entity) from the typer; the kind is
    the most probable one other than "none"."""
    feats = [entity_features(ctx, i) for i in range(len(ctx.entities))]
    P = model.ent.predict_proba(feats)
    types, conf = kinds_from(model.ent.classes, P)
    return reference_kinds(ctx, types), conf


#: kinds too rare in the annotations for the typer to learn; a gazetteer entry of one of
#: these kinds (reference data: insurers, companies, universities and research bodies)
#: decides the kind of an organisation the typer keeps
REFERENCE_KINDS = frozenset({"insurer", "company", "knowledge_institute"})


def reference_kinds(ctx: DocContext, types: list[str]) -> list[str]:
    """``types`` with the gazetteer's kind for candidates that are a gazetteer entry of a
    :data:`REFERENCE_KINDS` kind and typed as some organisation or initiative."""
    out = list(types)
    for i, e in enumerate(ctx.entities):
        if e.entry is None or out[i] not in ORG_OR_INI:
            continue
        k = ctx.lex.entries[e.entry].type
        if k in REFERENCE_KINDS:
            out[i] = k
    return out


def kinds_from(classes: list[str], P: np.ndarray) -> tuple[list[str], list[float]]:
    none = classes.index("none")
    types, conf = [], []
    for row in P:
        best = max((c for c in range(len(classes)) if c != none), key=lambda c: row[c])
        types.append(classes[best])
        conf.append(float(1.0 - row[none]))
    return types, conf


def pairs_for(ctx: DocContext, types: list[str], conf: list[float], ent_threshold: float):
    """(pairs, features) of the relation candidates of a document."""
    focal = focal_entities(ctx, types, [c >= FOCAL_FLOOR for c in conf])
    pairable = [c >= PAIR_FLOOR for c in conf]
    pairs = candidate_pairs(ctx, types, pairable, focal)
    ctx.kind_counts = Counter(t for t, ok in zip(types, pairable) if ok)
    feats = [pair_features(ctx, i, j, types, focal, conf) for i, j in pairs]
    relative_features(ctx, pairs, feats, types, focal)
    return pairs, feats


def best_relations(classes: list[str], pairs, Q: np.ndarray, types: list[str]):
    """(src, dst, rel, probability) of the best compatible relation of each pair."""
    out = []
    for (i, j), row in zip(pairs, Q):
        best, bp = None, 0.0
        for c, rel in enumerate(classes):
            if rel != "none" and row[c] > bp and compatible(rel, types[i], types[j]):
                best, bp = rel, float(row[c])
        if best is not None:
            out.append((i, j, best, bp))
    return out


def decide(model: Model, ctx: DocContext, threshold: float | None = None):
    """(kinds, kept flags, accepted relations (src, dst, rel, p)) for a document: the
    scorer's relations at or above the threshold plus the relations the rules state; a
    candidate is kept when the typer says it is an entity or when it takes part in an
    accepted relation."""
    types, conf = type_entities(model, ctx)
    pairs, feats = pairs_for(ctx, types, conf, model.ent_threshold)
    Q = model.rel.predict_proba(feats)
    thr = model.threshold if threshold is None else threshold
    # the country as a whole is never an entity (the annotation rules say so); a relation
    # must not bring it back
    never = [norm(e.name) in NOT_ENTITIES for e in ctx.entities]
    keep = [c >= model.ent_threshold and not x for c, x in zip(conf, never)]

    def plausible(i: int) -> bool:
        return keep[i] or (conf[i] >= RESCUE_FLOOR and not never[i])

    def allowed(i: int, j: int, rel: str) -> bool:
        # a government is not "located in" the territory it governs (Gemeente Almere,
        # Almere); the annotations never say so, and the graph would only repeat the name
        return not (rel == "LOCATED_IN" and types[i] == "government" and
                    norm(ctx.entities[j].name) in norm(ctx.entities[i].name))

    rels = [r for r in best_relations(model.rel.classes, pairs, Q, types) if r[3] >= thr
            and plausible(r[0]) and plausible(r[1]) and allowed(*r[:3])]
    # a relation the cue-phrase rules state outright stays (they are precise on real pages,
    # bench/cv_extract.py); its confidence is the higher of the scorer's probability and
    # the rule's own confidence
    have = {(i, j, rel) for i, j, rel, _ in rels}
    row_of = {pair: k for k, pair in enumerate(pairs)}
    classes = model.rel.classes
    for (i, j), rs in ctx.rules.items():
        for r in rs:
            if (i, j, r.rel) in have or not compatible(r.rel, types[i], types[j]) or \
                    not (plausible(i) and plausible(j)) or not allowed(i, j, r.rel):
                continue
            k = row_of.get((i, j))
            p = float(Q[k][classes.index(r.rel)]) if k is not None and r.rel in classes \
                else 0.0
            if max(p, r.conf) >= thr:
                rels.append((i, j, r.rel, max(p, r.conf)))
                have.add((i, j, r.rel))
    for i, j, _, _ in rels:
        keep[i] = keep[j] = True
    return types, keep, rels


def evidence(ctx: DocContext, i: int, j: int) -> int:
    """The sentence a relation rests on: the closest co-mention, else the source's first."""
    near = nearest(ctx, i, j)
    if near is not None:
        return near[0]
    return ctx.first_sentence(i) if ctx.spans[i] else max(ctx.first_sentence(j), 0)


def apply(model: Model, ext, entities: list, lex, threshold: float | None = None):
    """(kept entities, relation dicts) for one resolved document; see the module docs."""
    ctx = context(ext, entities, lex)
    entities = ctx.entities
    types, keep, scored = decide(model, ctx, threshold)
    roles: dict[tuple[int, int, str], str] = {}
    for (a, b), rs in ctx.rules.items():
        for r in rs:
            if r.role:
                roles.setdefault((a, b, r.rel), r.role)
    new_index: dict[int, int] = {}
    kept = []
    for i, e in enumerate(entities):
        if keep[i]:
            new_index[i] = len(kept)
            kept.append(replace(e, type=types[i]))
    rels = []
    for i, j, rel, p in scored:
        si = evidence(ctx, i, j)
        sent = ext.sents[si] if 0 <= si < len(ext.sents) else None
        rels.append({"src": new_index[i], "rel": rel, "dst": new_index[j],
                     "role": roles.get((i, j, rel)), "sentence": sent.text if sent else "",
                     "locator": f"zin {si + 1}", "confidence": round(p, 3), "rule": "model"})
    return kept, rels


__all__ = ["Model", "LinearModel", "get_model", "apply", "context", "type_entities",
           "decide", "pairs_for", "best_relations", "kinds_from", "reference_kinds",
           "MODEL_PATH"]
