"""Lexicon-derived predicates (:class:`Rules`: roles, event heads, head words) and the
validated PhraseMatcher matches of a sentence; quote spans and person-name ends.
"""

from __future__ import annotations

from loaders.extract.base import (
    INITIAL_RE, INTERFIX_SET, LIST_NO_RE, QUOTE_CLOSE, QUOTE_OPEN, SENT_START_PREV, S_HEAD,
    S_PART, Sent, TITLES, is_cap, is_word)
from loaders.extract.lexicon import Lexicon
from loaders.extract.pipeline import Pipeline


# --------------------------------------------------------------------------- helpers on lexicon


class Rules:
    """Lexicon-derived predicates, precomputed once per pipeline."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.roles = lex.roles
        self.role_suffixes = lex.role_suffixes
        self.event_heads = lex.event_heads
        self.prefix = lex.heads.get("prefix", {})
        self.suffix = lex.heads.get("suffix", {})
        self.part = sorted(lex.heads.get("part", {}).items(), key=lambda kv: -len(kv[0]))
        self.descr = lex.heads.get("descr", {})
        self.appos = lex.heads.get("appos", {})
        self._role_cache: dict[str, tuple | None] = {}
        self._event_cache: dict[str, str | None] = {}
        self.member_words: dict[str, int] = {}
        for e in lex.entries:
            for w in e.member_words:
                self.member_words.setdefault(w.lower(), e.id)

    def role_of(self, low: str) -> tuple[dict, str] | None:
        """(role info, compound prefix) for a role word, also in compounds
        (regio-adviseurs, Zorgpactaanjager -> prefix 'zorgpact')."""
        if low in self._role_cache:
            return self._role_cache[low]
        res = None
        info = self.roles.get(low)
        if info:
            res = (info, "")
        elif "-" in low:
            head, last = low.rsplit("-", 1)
            info = self.roles.get(last)
            if info and head not in ("ex", "oud", "vice", "co"):
                res = (info, head)
            elif info:
                res = (info, "")
        else:
            for suf in self.role_suffixes:
                if low.endswith(suf) and len(low) >= len(suf) + 3:
                    res = (self.roles[suf], low[: -len(suf)])
                    break
        self._role_cache[low] = res
        return res

    def event_head(self, low: str) -> str | None:
        """The event head word of a token (kopgroepbijeenkomst -> bijeenkomst)."""
        if low in self._event_cache:
            return self._event_cache[low]
        res = None
        if len(low) >= 3 and low not in self.lex.not_events:
            for h in self.event_heads:
                if low == h or (low.endswith(h) and len(low) > len(h) + 2
                                and low[-len(h) - 1] != "-" or low.endswith("-" + h)):
                    if low.endswith(h):
                        res = h
                        break
        self._event_cache[low] = res
        return res

    def head_kind(self, toks: list[str]) -> tuple[str | None, int]:
        """Kind from head words of a capitalised name."""
        lows = [t.lower() for t in toks]
        first, last = lows[0], lows[-1]
        if first in self.prefix and len(toks) > 1:
            return self.prefix[first], S_HEAD
        if last in self.suffix and len(toks) > 1:
            return self.suffix[last], S_HEAD
        # "Stichting Welzijn Lochem", "Stichting Zorgwerk Rijnmond": a care/welfare provider
        if first == "stichting" and len(toks) > 2 and any(
                w.startswith(("welzijn", "zorg", "thuiszorg", "wijkzorg")) for w in lows[1:]):
            return "care_provider", S_PART
        for w in lows:
            for h, kind in self.part:
                if h in w and len(w) > len(h):
                    return kind, S_PART
        if len(toks) == 1 and first in self.suffix:
            return None, 0
        return None, 0


_RULES: dict[int, Rules] = {}


def rules_for(p: Pipeline) -> Rules:
    r = _RULES.get(id(p.lex))
    if r is None or r.lex is not p.lex:
        _RULES.clear()
        r = _RULES[id(p.lex)] = Rules(p.lex)
    return r


# --------------------------------------------------------------------------- lexicon matches


def _case_ok(surface_toks: list[str], text_toks: list[str], at_start: bool, lex: Lexicon,
             entry) -> bool:
    caps = 0
    for k, (s, t) in enumerate(zip(surface_toks, text_toks)):
        if s[:1].isupper():
            caps += 1
            if not t[:1].isupper():
                # a later word of a name written in lowercase ("ROC Gilde opleidingen",
                # "Koning Willem I college") once the name has begun with its capital
                if k == 0 or not text_toks[0][:1].isupper() or len(s) < 4 or s.isupper():
                    return False
                caps -= 1
        if s.isupper() and len(s) >= 2 and s.isalpha() and not t.isupper():
            # acronyms must be written as acronyms ("CZ", not "Cz"), except mixed forms
            if not (t[:1].isupper() and any(c.isupper() for c in t[1:])):
                return False
    if caps == 0:
        return True
    if at_start:
        low = text_toks[0].lower()
        if entry.type == "region" and low in lex.ambiguous_places and len(text_toks) == 1:
            return False
        if caps == 1 and len(text_toks) > 1 and surface_toks[0][:1].isupper():
            # "Samenwerken in de wijk" at the start of a sentence is just a phrase
            return False
    return True


def _lex_matches(p: Pipeline, doc, texts: list[str], lows: list[str],
                 sent_bounds: list[tuple[int, int]]) -> list[list]:
    """Validated, non-overlapping lexicon matches per sentence of a spaCy doc."""
    lex = p.lex
    out: list[list] = [[] for _ in sent_bounds]
    matches = p.matcher(doc)
    if not matches:
        return out
    cands = []
    for _, a, b in matches:
        opts = p.surfaces.get(tuple(lows[a:b]))
        if not opts:
            continue
        si = 0
        for j, (sa, sb) in enumerate(sent_bounds):
            if sa <= a < sb:
                si = j
                break
        sa, sb = sent_bounds[si]
        if b > sb:
            continue
        text_toks = texts[a:b]
        at_start = a == sa or texts[a - 1] in SENT_START_PREV or (
            LIST_NO_RE.match(texts[a - 1]) is not None)
        for eid, surface in opts:
            e = lex.entries[eid]
            stoks = surface.split()
            if len(stoks) != len(text_toks):
                stoks = _retok(p, surface)
            if len(stoks) == len(text_toks) and _case_ok(stoks, text_toks, at_start, lex, e):
                cands.append((si, a - sa, b - sa, eid, surface))
                break
    # longest first, then earliest
    cands.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
    taken: dict[int, list[tuple[int, int]]] = {}
    for si, a, b, eid, surface in cands:
        if b - a > 1 and lows[sent_bounds[si][0] + a] in ("het", "de", "'t"):
            a += 1
        spans = taken.setdefault(si, [])
        if any(not (b <= x or a >= y) for x, y in spans):
            continue
        spans.append((a, b))
        out[si].append((a, b, eid, surface))
    for lst in out:
        lst.sort()
    return out


_RETOK: dict[str, list[str]] = {}


def _retok(p: Pipeline, s: str) -> list[str]:
    r = _RETOK.get(s)
    if r is None:
        r = _RETOK[s] = [t.text for t in p.nlp.tokenizer(s)]
    return r


# --------------------------------------------------------------------------- sentence mentions


def _quote_spans(toks: list[str]) -> list[tuple[int, int]]:
    """(open, close) token indices of quotes (content is open+1..close-1)."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t in QUOTE_OPEN:
            for j in range(i + 1, min(n, i + 40)):
                if toks[j] in QUOTE_CLOSE and j > i + 1:
                    out.append((i, j))
                    i = j
                    break
                if toks[j] in QUOTE_OPEN and toks[j] not in QUOTE_CLOSE:
                    break
        i += 1
    return out


def _person_end(s: Sent, i: int, end: int, R: Rules, names: frozenset) -> int:
    """End of a person name starting at token i (first name / initials / title), or -1."""
    toks, lows = s.toks, s.lows
    j = i
    while j < end and lows[j] in TITLES:
        j += 1
    k, nfirst = j, 0
    while k < end and nfirst < 3 and (toks[k] in names or INITIAL_RE.match(toks[k])):
        k += 1
        nfirst += 1
    if nfirst == 0:
        return -1
    m = k
    while m < end and lows[m] in INTERFIX_SET and m - k < 3:
        m += 1
    if m < end and is_cap(toks[m]) and is_word(toks[m]) and not (
            toks[m].isupper() and len(toks[m]) > 1):
        e = m + 1
        # hyphenated double name: "Oostendorp-van der Jagt"
        while e < end and "-" in toks[e - 1] and \
                toks[e - 1].rsplit("-", 1)[1].lower() in INTERFIX_SET:
            f = e
            while f < end and lows[f] in INTERFIX_SET:
                f += 1
            if f < end and is_cap(toks[f]):
                e = f + 1
            else:
                break
        return e
    if nfirst >= 2 and m == k:   # "Jan Kees": the second one is the surname
        return k
    return -1

__all__ = ["Rules", "rules_for"]
