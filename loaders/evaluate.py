"""Scoring against gold annotations, exactly as ``shared/gold/README.md`` describes.

Per document, then summed (micro-average):

* a predicted entity matches a gold entity when its name, or one of its mentions, equals the
  gold name or one of the gold aliases after Unicode NFKC, case folding and collapsing
  whitespace; each gold entity is matched at most once (and each prediction matches at most
  one gold entity). The typed score also requires the same type.
* a predicted relation matches a gold relation when both ends match (as above: the name/mention
  keys of the predicted end entity meet the name/alias keys of the gold end entity) and REL is
  equal; direction counts. Each gold relation is matched at most once.

Matching is a maximum bipartite matching (augmenting paths), so the counts do not depend on
the order of the predictions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


def key(s: str) -> str:
    """NFKC + casefold + collapsed whitespace."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "")).strip().casefold()


@dataclass
class PRF:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, o: "PRF") -> "PRF":
        self.tp += o.tp
        self.pred += o.pred
        self.gold += o.gold
        return self

    def as_dict(self) -> dict:
        return {"tp": self.tp, "pred": self.pred, "gold": self.gold,
                "precision": round(self.p, 4), "recall": round(self.r, 4),
                "f1": round(self.f1, 4)}


@dataclass
class DocScore:
    doc: str
    entities: PRF = field(default_factory=PRF)
    typed: PRF = field(default_factory=PRF)
    relations: PRF = field(default_factory=PRF)
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)


def gold_keys(e: dict) -> set[str]:
    return {key(x) for x in [e.get("name", ""), *(e.get("aliases") or [])] if key(x)}


def pred_keys(e: dict) -> set[str]:
    return {key(x) for x in [e.get("name", ""), *(e.get("mentions") or []),
                             *(e.get("aliases") or [])] if key(x)}


def _max_matching(n_left: int, adj: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching; returns right -> left."""
    match_r: dict[int, int] = {}

    def try_(u: int, seen: set[int]) -> bool:
        for v in adj[u]:
            if v in seen:
                continue
            seen.add(v)
            if v not in match_r or try_(match_r[v], seen):
                match_r[v] = u
                return True
        return False

    for u in range(n_left):
        try_(u, set())
    return match_r


def match_entities(pred: list[dict], gold: list[dict], typed: bool = False) -> dict[int, int]:
    """gold index -> pred index."""
    gk = [gold_keys(g) for g in gold]
    adj = []
    for p in pred:
        pk = pred_keys(p)
        adj.append([j for j, g in enumerate(gold) if pk & gk[j]
                    and (not typed or p.get("type") == g.get("type"))])
    return _max_matching(len(pred), adj)


def score_document(pred: dict, gold: dict) -> DocScore:
    ds = DocScore(gold.get("doc") or pred.get("doc") or "")
    pe, ge = pred.get("entities") or [], gold.get("entities") or []
    m = match_entities(pe, ge)
    mt = match_entities(pe, ge, typed=True)
    ds.entities = PRF(len(m), len(pe), len(ge))
    ds.typed = PRF(len(mt), len(pe), len(ge))
    ds.missed = [ge[j]["name"] for j in range(len(ge)) if j not in m]
    matched_pred = set(m.values())
    ds.spurious = [pe[i]["name"] for i in range(len(pe)) if i not in matched_pred]
    # relations
    pk_by_name: dict[str, set[str]] = {}
    for p in pe:
        pk_by_name.setdefault(key(p.get("name", "")), set()).update(pred_keys(p))
    gk_by_name: dict[str, set[str]] = {}
    for g in ge:
        gk_by_name.setdefault(key(g.get("name", "")), set()).update(gold_keys(g))

    def pkeys(name: str) -> set[str]:
        return pk_by_name.get(key(name)) or {key(name)}

    def gkeys(name: str) -> set[str]:
        return gk_by_name.get(key(name)) or {key(name)}

    pr, gr = pred.get("relations") or [], gold.get("relations") or []
    adj = []
    for r in pr:
        s, d = pkeys(r.get("src", "")), pkeys(r.get("dst", ""))
        adj.append([j for j, g in enumerate(gr) if g.get("rel") == r.get("rel")
                    and s & gkeys(g.get("src", "")) and d & gkeys(g.get("dst", ""))])
    mr = _max_matching(len(pr), adj)
    ds.relations = PRF(len(mr), len(pr), len(gr))
    return ds


@dataclass
class Score:
    docs: list[DocScore]
    entities: PRF
    typed: PRF
    relations: PRF
    missing_docs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"entities": self.entities.as_dict(), "typed_entities": self.typed.as_dict(),
                "relations": self.relations.as_dict(),
                "documents": len(self.docs), "missing_documents": self.missing_docs}


def score(preds: list[dict], golds: list[dict]) -> Score:
    """Micro-averaged scores; documents are paired by their ``doc`` file name.

    A gold document without prediction counts all its gold items as missed; a predicted
    document without gold is ignored."""
    by_doc = {Path(p.get("doc", "")).name: p for p in preds}
    docs, missing = [], []
    tot_e, tot_t, tot_r = PRF(), PRF(), PRF()
    for g in golds:
        name = Path(g.get("doc", "")).name
        p = by_doc.get(name)
        if p is None:
            missing.append(name)
            p = {"doc": name, "entities": [], "relations": []}
        ds = score_document(p, g)
        docs.append(ds)
        tot_e.add(ds.entities)
        tot_t.add(ds.typed)
        tot_r.add(ds.relations)
    return Score(docs, tot_e, tot_t, tot_r, missing)


def score_by_type(preds: list[dict], golds: list[dict]) -> tuple[dict, dict]:
    """Typed entity scores per entity type and relation scores per REL (``{type: PRF}``).

    The typed match and the relation match both require the same type/REL, so scoring the
    predictions and the gold of one type at a time gives exactly the per-type share of the
    micro-averaged totals of :func:`score`."""
    etypes = sorted({e.get("type") for d in [*preds, *golds] for e in d.get("entities") or []}
                    - {None})
    rels = sorted({r.get("rel") for d in [*preds, *golds] for r in d.get("relations") or []}
                  - {None})
    ents: dict[str, PRF] = {}
    for t in etypes:
        def only(d, t=t):
            return {**d, "entities": [e for e in d.get("entities") or [] if e.get("type") == t],
                    "relations": []}
        ents[t] = score([only(p) for p in preds], [only(g) for g in golds]).typed
    out_r: dict[str, PRF] = {}
    for rel in rels:
        def only_r(d, rel=rel):
            return {**d, "relations": [r for r in d.get("relations") or []
                                       if r.get("rel") == rel]}
        out_r[rel] = score([only_r(p) for p in preds], [only_r(g) for g in golds]).relations
    return ents, out_r


def load_jsonl(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for ln in f:
            ln = ln.strip()
            if ln:
                out.append(json.loads(ln))
    return out


def format_table(s: Score) -> str:
    rows = [("entities (untyped)", s.entities), ("entities (typed)", s.typed),
            ("relations", s.relations)]
    out = [f"{'':20} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}"]
    for name, x in rows:
        out.append(f"{name:20} {x.p:6.3f} {x.r:6.3f} {x.f1:6.3f} {x.tp:5d} {x.pred:5d} "
                   f"{x.gold:5d}")
    if s.missing_docs:
        out.append(f"no prediction for: {', '.join(s.missing_docs)}")
    return "\n".join(out)


__all__ = ["key", "PRF", "Score", "DocScore", "score", "score_document", "match_entities",
           "score_by_type",
           "load_jsonl", "format_table"]
