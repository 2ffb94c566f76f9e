"""Features for the learned entity typer and relation scorer (:mod:`loaders.extract.model`).

Both work on one document after the rules and entity resolution (:class:`DocContext` wraps
the rule output): the rule mention generators propose the entity candidates and the relation
rules fire as features, beside the name's tokens, its context, the document's main
initiative / event / region and the cue phrases of ``data/extract/cues.csv``.

Features are plain ``{name: value}`` dicts (mostly binary); the model files store the weights
per feature name, so no hashing and no pickled objects are involved.
"""

from __future__ import annotations

import re
from collections import Counter

from graph.model import ORG_KINDS
from loaders.extract.base import DocExtraction, is_cap
from loaders.extract.lexicon import Lexicon, norm

#: entity classes of the typer ("none" = not an entity)
ENTITY_CLASSES = ("none", "care_provider", "school", "government", "employer_org", "insurer",
                  "company", "knowledge_institute", "initiative", "event", "person", "region")
REL_CLASSES = ("none", "PARTNER_IN", "AFFILIATED_WITH", "ORGANISED", "PARTICIPATED_IN",
               "LOCATED_IN", "ACTIVE_IN", "FUNDED_BY", "PART_OF")

ORGS = frozenset(ORG_KINDS)
ORG_OR_INI = ORGS | {"initiative"}


def compatible(rel: str, ts: str, td: str) -> bool:
    """Type pairs the relation vocabulary allows (``shared/gold/README.md``)."""
    if rel == "PARTNER_IN":
        return ts in ORG_OR_INI and td == "initiative"
    if rel == "AFFILIATED_WITH":
        return ts == "person" and td in ORG_OR_INI
    if rel == "ORGANISED":
        return ts in ORG_OR_INI and td in ("event", "initiative")
    if rel == "PARTICIPATED_IN":
        return ts in ORG_OR_INI | {"person"} and td in ("event", "initiative")
    if rel == "LOCATED_IN":
        return ts in ORG_OR_INI | {"event"} and td == "region"
    if rel == "ACTIVE_IN":
        return ts == "initiative" and td == "region"
    if rel == "FUNDED_BY":
        return ts == "initiative" and td in ORG_OR_INI | {"region"}
    if rel == "PART_OF":
        return (ts in ORG_OR_INI and td in ORG_OR_INI) or (ts == td and ts in ("event", "region"))\
            or (ts == "initiative" and td == "event")
    return False


def any_compatible(ts: str, td: str) -> bool:
    return any(compatible(r, ts, td) for r in REL_CLASSES[1:])


_WORD = re.compile(r"\w")


def _shape(tok: str) -> str:
    if tok.isupper() and len(tok) > 1:
        return "A"
    if tok[:1].isupper():
        return "X" if not any(c.isupper() or c.isdigit() for c in tok[1:]) else "C"
    if tok[:1].isdigit():
        return "d"
    return "x" if _WORD.match(tok) else "p"


def _bucket(n: int) -> str:
    return str(n) if n < 3 else ("3-5" if n <= 5 else "6+")


class DocContext:
    """Per-document facts shared by the entity and pair features."""

    def __init__(self, ext: DocExtraction, entities: list, lex: Lexicon, cue_hits):
        self.ext, self.entities, self.lex = ext, entities, lex
        n = len(entities)
        # entity -> {sentence: [(start, end)]}
        self.spans: list[dict[int, list[tuple[int, int]]]] = [dict() for _ in range(n)]
        for i, e in enumerate(entities):
            for m in e.mentions:
                if m.start >= 0 and 0 <= m.s < len(ext.sents):
                    self.spans[i].setdefault(m.s, []).append((m.start, m.end))
        #: sentence -> [(rule, a, b)] cue phrase matches
        self.cues = cue_hits
        self.freq = [len(e.mentions) for e in entities]
        self.rules: dict[tuple[int, int], list] = {}
        self.rule_src: list[Counter] = [Counter() for _ in range(n)]
        self.rule_dst: list[Counter] = [Counter() for _ in range(n)]
        for r in ext.relations:
            a, b = r.src.ent, r.dst.ent
            if a < 0 or b < 0 or a == b:
                continue
            self.rules.setdefault((a, b), []).append(r)
            self.rule_src[a][r.rel] += 1
            self.rule_dst[b][r.rel] += 1
        # candidates named in a list: neighbours separated by list glue only
        self.in_list = [0] * n
        by_sent: dict[int, list[tuple[int, int, int]]] = {}
        for i, sp in enumerate(self.spans):
            for si, lst in sp.items():
                for a, b in lst:
                    by_sent.setdefault(si, []).append((a, b, i))
        for si, lst in by_sent.items():
            lst.sort()
            lows = ext.sents[si].lows
            for (a1, b1, i1), (a2, b2, i2) in zip(lst, lst[1:]):
                if i1 != i2 and b1 <= a2 and a2 - b1 <= 3 and \
                        all(w in _GLUE for w in lows[b1:a2]):
                    self.in_list[i1] += 1
                    self.in_list[i2] += 1
        #: candidates per kind (set with the kinds, see pair_features)
        self.kind_counts: Counter = Counter()
        self.near: dict = {}
        ids = {id(m): i for i, e in enumerate(entities) for m in e.mentions}
        self.main_event = ids.get(id(ext.main_event), -1) if ext.main_event else -1
        self.main_ini = ids.get(id(ext.main_initiative), -1) if ext.main_initiative else -1

    def first_sentence(self, i: int) -> int:
        return min(self.spans[i]) if self.spans[i] else -1


def entity_features(ctx: DocContext, i: int) -> dict:
    e = ctx.entities[i]
    lex = ctx.lex
    sents = ctx.ext.sents
    f: dict[str, float] = {}
    toks = e.name.split() or [e.name]
    low = [t.lower() for t in toks]
    f["rt=" + e.type] = 1
    f[f"rs={e.type}:{min(e.strength, 100) // 10}"] = 1
    if e.entry is not None:
        f["lex"] = 1
        f["lext=" + lex.entries[e.entry].type] = 1
    for w in set(low):
        f["w=" + w] = 1
    f["first=" + low[0]] = 1
    f["last=" + low[-1]] = 1
    for w in (low[0], low[-1]):
        for k in (3, 4, 5):
            if len(w) > k:
                f[f"suf{k}=" + w[-k:]] = 1
        if len(w) > 5:
            f["pre4=" + w[:4]] = 1
    f["ntok=" + _bucket(len(toks))] = 1
    f["shape=" + "".join(_shape(t) for t in toks[:4])] = 1
    if toks[0] in lex.first_names:
        f["firstname"] = 1
    if norm(e.name) in lex.institutions:
        f["institution"] = 1
    kinds = Counter(m.kind for m in e.mentions)
    for k in kinds:
        f["mk=" + k] = 1
    for m in e.mentions:
        for fl in m.flags:
            f["fl=" + fl] = 1
        if m.props.get("ghead"):
            f["ghead=" + m.props["ghead"]] = 1
            if m.props.get("ghead_name"):
                f["ghead_name"] = 1
        for nm in m.nested:
            f["nest=" + (nm.type or "?")] = 1
    nm = ctx.freq[i]
    f["nment=" + _bucket(nm)] = 1
    f["nsent=" + _bucket(len(ctx.spans[i]))] = 1
    fs = ctx.first_sentence(i)
    f["title"] = 1 if 0 in ctx.spans[i] else 0
    f["firstsent=" + ("t" if fs == 0 else "early" if 0 < fs <= 3 else "late")] = 1
    if e.props.get("role"):
        f["role"] = 1
    if i == ctx.main_event:
        f["main_event"] = 1
    if i == ctx.main_ini:
        f["main_ini"] = 1
    for rel in ctx.rule_src[i]:
        f["rsrc=" + rel] = 1
    for rel in ctx.rule_dst[i]:
        f["rdst=" + rel] = 1
    # context words of the first few mentions
    n_ctx = 0
    for si in sorted(ctx.spans[i])[:4]:
        s = sents[si]
        for a, b in ctx.spans[i][si][:2]:
            n_ctx += 1
            f["L1=" + (s.lows[a - 1] if a > 0 else "<s>")] = 1
            if a > 1:
                f["L2=" + s.lows[a - 2]] = 1
            f["R1=" + (s.lows[b] if b < len(s.toks) else "</s>")] = 1
            if a == 0 or (a > 0 and not _WORD.match(s.toks[a - 1])):
                f["sent_start"] = 1
            elif is_cap(s.toks[a]):
                f["cap_mid"] = 1
            if len(s.toks) <= 12:
                f["short_sent"] = 1
    if n_ctx == 0:
        f["no_span"] = 1
    return f


#: cue rule names that mark a collaboration / funding / location context
def sentence_cues(ctx: DocContext, si: int) -> list:
    return ctx.cues.get(si, ())


#: words that mark collaboration, funding, place or organising in a source's sentences
CUE_WORDS = frozenset({
    "samenwerking", "samenwerken", "samen", "partners", "partner", "partijen", "betrokken",
    "ondertekend", "ondertekenden", "ondertekenen", "convenant", "intentieverklaring",
    "deelnemers", "deelnemen", "aangesloten", "aansluiten", "werken", "subsidie", "bijdrage",
    "gefinancierd", "financiering", "rif", "regiofonds", "gevestigd", "locatie", "vestiging",
    "organiseert", "organiseerde", "georganiseerd", "initiatief", "initiatiefnemers",
    "koploper", "koplopers", "onderdeel", "kader", "waaronder", "zoals", "namelijk",
    "tussen", "regio", "provincie", "gemeente", "directeur", "bestuurder", "wethouder",
    "voorzitter", "projectleider", "bezoek", "bijeenkomst", "ontwikkeld", "opgezet"})

_GLUE = frozenset({",", "en", "&", "de", "het", "een", "/", "of", "zowel", "als", "ook", "'t",
                   "o.a.", "onder", "andere", "waaronder", "zoals", ";", "(", ")", "-", "–"})


def nearest(ctx: DocContext, i: int, j: int):
    """(sentence, span i, span j, token distance) of the closest co-mention, or None."""
    k = (i, j) if i < j else (j, i)
    if k not in ctx.near:
        ctx.near[k] = _nearest(ctx, k[0], k[1])
    r = ctx.near[k]
    if r is None or i < j:
        return r
    return (r[0], r[2], r[1], r[3])


def _nearest(ctx: DocContext, i: int, j: int):
    best = None
    si_i, si_j = ctx.spans[i], ctx.spans[j]
    for si in (si_i.keys() & si_j.keys()):
        for a in si_i[si]:
            for b in si_j[si]:
                d = b[0] - a[1] if b[0] >= a[1] else a[0] - b[1]
                if d < 0:
                    continue
                if best is None or d < best[3]:
                    best = (si, a, b, d)
    return best


def _conf(p: float) -> str:
    return "lo" if p < 0.3 else "mid" if p < 0.5 else "hi" if p < 0.8 else "top"


def pair_features(ctx: DocContext, i: int, j: int, types: list[str], focal: dict,
                  conf: list[float]) -> dict:
    """Features of the ordered pair (i, j); ``conf`` is the typer's probability that each
    candidate is an entity."""
    ts, td = types[i], types[j]
    f: dict[str, float] = {"tp=" + ts + ">" + td: 1, "ts=" + ts: 1, "td=" + td: 1,
                           "sconf=" + _conf(conf[i]): 1, "dconf=" + _conf(conf[j]): 1,
                           "conf=" + _conf(conf[i]) + _conf(conf[j]): 1}
    for r in ctx.rules.get((i, j), ()):
        f["rule=" + r.rel] = 1
        f["rulen=" + r.rule] = 1
        f["rule=" + r.rel + ":" + td] = 1
    for r in ctx.rules.get((j, i), ()):
        f["rev=" + r.rel] = 1
    near = nearest(ctx, i, j)
    shared = len(ctx.spans[i].keys() & ctx.spans[j].keys())
    f["co=" + _bucket(shared)] = 1
    sents = ctx.ext.sents
    if near is not None:
        si, a, b, d = near
        s = sents[si]
        f["dist=" + ("0" if d == 0 else "1-2" if d <= 2 else "3-6" if d <= 6 else
                     "7-15" if d <= 15 else "16+")] = 1
        before = a[0] < b[0]
        f["order=" + ("sd" if before else "ds")] = 1
        x, y = (a[1], b[0]) if before else (b[1], a[0])
        between = s.lows[x:y]
        if d <= 15:
            for w in set(between):
                if w in CUE_WORDS or w in _GLUE or w in (":", ","):
                    f["b=" + w] = 1
            if between and all(w in _GLUE for w in between):
                f["coord"] = 1
        other = 0
        for k, sp in enumerate(ctx.spans):
            if k != i and k != j:
                for (p, q) in sp.get(si, ()):
                    if x <= p and q <= y:
                        other += 1
        f["between_ents=" + _bucket(other)] = 1
        for rule, ca, cb in sentence_cues(ctx, si):
            f["scue=" + rule] = 1
            if x <= ca and cb <= y:
                f["bcue=" + rule] = 1
            elif cb <= min(a[0], b[0]):
                f["precue=" + rule] = 1
        if si == 0:
            f["co_title"] = 1
        f["dist:" + ts + ">" + td + "=" + ("near" if d <= 3 else "mid" if d <= 10 else "far")] = 1
        if "coord" in f:
            f["coord:" + ts + ">" + td] = 1
    else:
        f["noco"] = 1
        f["noco:" + ts + ">" + td] = 1
    # cue phrases and cue words in the sentences of the source
    seen = set()
    for si in ctx.spans[i]:
        for rule, _, _ in sentence_cues(ctx, si):
            seen.add("icue=" + rule)
        seen.update("iw=" + w for w in CUE_WORDS.intersection(sents[si].lows))
    for k in seen:
        f[k] = 1
    lst = ctx.in_list[i]
    if lst:
        f["slist=" + _bucket(lst)] = 1
        f["slist:" + td] = 1
    n_kind = ctx.kind_counts[td]
    f["nkind:" + td + "=" + _bucket(n_kind)] = 1
    for key, k in focal.items():
        if k == j:
            f["dfocal=" + key] = 1
            f["dfocal=" + key + ":" + ts] = 1
        if k == i:
            f["sfocal=" + key] = 1
    if 0 in ctx.spans[j]:
        f["dtitle"] = 1
    if 0 in ctx.spans[i]:
        f["stitle"] = 1
    f["sfreq=" + _bucket(ctx.freq[i])] = 1
    f["dfreq=" + _bucket(ctx.freq[j])] = 1
    es, ed = ctx.entities[i], ctx.entities[j]
    if td == "region":
        dn = norm(ed.name)
        if norm(es.props.get("place") or "") == dn:
            f["place_match"] = 1
            f["place_match:" + ts] = 1
        if norm(es.props.get("province") or "") == dn:
            f["prov_match"] = 1
            f["prov_match:" + ts] = 1
        if ts == "region":
            if norm(ed.props.get("province") or "") == norm(es.name) or \
                    norm(es.props.get("province") or "") == dn:
                f["reg_in_prov"] = 1
        if dn and any(dn in norm(x) for x in es.forms):
            f["dname_in_src"] = 1
            f["dname_in_src:" + ts] = 1
    elif ed.name and es.name and norm(ed.name) in norm(es.name):
        f["dname_in_src"] = 1
    return f


def relative_features(ctx: DocContext, pairs: list[tuple[int, int]], feats: list[dict],
                      types: list[str], focal: dict) -> None:
    """Add features that compare a pair with the source's other candidate destinations of
    the same kind: the nearest one in the text, the most central one of the document."""
    rank = {k: r for r, k in enumerate(sorted(set(focal.values()),
                                              key=lambda k: -ctx.freq[k]))}
    best: dict[tuple[int, str], tuple] = {}
    central: dict[tuple[int, str], tuple] = {}
    co_kind: Counter = Counter()   # (source, kind): destinations named in a sentence with it
    dists = []
    for n, (i, j) in enumerate(pairs):
        near = nearest(ctx, i, j)
        d = near[3] if near is not None else 10_000
        dists.append(d)
        key = (i, types[j])
        if near is not None:
            co_kind[key] += 1
        if key not in best or d < best[key][0]:
            best[key] = (d, n)
        c = (rank.get(j, 99), -ctx.freq[j])
        if key not in central or c < central[key][0]:
            central[key] = (c, n)
    focal1 = {focal.get(k + "1") for k in ("initiative", "event")}
    for n, (i, j) in enumerate(pairs):
        if dists[n] == 10_000:
            # named apart: is the source tied to another destination of this kind in the text?
            alt = "noco_alt" if co_kind[(i, types[j])] else "noco_free"
            feats[n][alt + ":" + types[j]] = 1
            if j in focal1:
                feats[n][alt + ":focal"] = 1
    for (i, kind), (d, n) in best.items():
        if d < 10_000:
            feats[n]["dnearest"] = 1
            feats[n]["dnearest:" + kind] = 1
    for (i, kind), (c, n) in central.items():
        feats[n]["dcentral"] = 1
        feats[n]["dcentral:" + kind] = 1


def focal_entities(ctx: DocContext, types: list[str], keep: list[bool]) -> dict:
    """The document's main initiative(s), event and region: in the title, first named,
    most frequent."""
    out: dict[str, int] = {}

    def rank(kind: str) -> list[int]:
        idx = [k for k in range(len(types)) if keep[k] and types[k] == kind]
        return sorted(idx, key=lambda k: (-(0 in ctx.spans[k]) * 2 - ctx.freq[k],
                                          ctx.first_sentence(k)))

    for kind in ("initiative", "event", "region"):
        r = rank(kind)
        if r:
            out[kind + "1"] = r[0]
        if len(r) > 1:
            out[kind + "2"] = r[1]
        t = [k for k in r if 0 in ctx.spans[k]]
        if t:
            out[kind + "_title"] = t[0]
    if ctx.main_ini >= 0:
        out["main_ini"] = ctx.main_ini
    if ctx.main_event >= 0:
        out["main_event"] = ctx.main_event
    return out


#: destinations of document-level relations: every compatible pair is a candidate
DOC_LEVEL_DST = frozenset({"initiative", "event", "region"})


def candidate_pairs(ctx: DocContext, types: list[str], keep: list[bool], focal: dict
                    ) -> list[tuple[int, int]]:
    """Ordered pairs worth scoring: compatible types and a co-mention in a sentence, a rule
    that fired, or a destination that can take document-level relations (initiative, event,
    region) or is focal for the document."""
    focal_set = set(focal.values())
    n = len(types)
    out = []
    for i in range(n):
        if not keep[i]:
            continue
        si = ctx.spans[i]
        for j in range(n):
            if i == j or not keep[j] or not any_compatible(types[i], types[j]):
                continue
            if j in focal_set or types[j] in DOC_LEVEL_DST or (i, j) in ctx.rules or \
                    (j, i) in ctx.rules or not si.keys().isdisjoint(ctx.spans[j].keys()):
                out.append((i, j))
    return out


__all__ = ["ENTITY_CLASSES", "REL_CLASSES", "DocContext", "entity_features", "pair_features",
           "candidate_pairs", "focal_entities", "compatible", "nearest", "relative_features"]
