"""LOCATED_IN / ACTIVE_IN candidates: places after names, gevestigd in, actief in.
"""

from __future__ import annotations

from loaders.extract.base import ARTICLES, Mention, PHYSICAL_INI_HEADS, is_word
from loaders.extract.relbase import (
    SentView, _rep, etype, is_event, is_orgish, is_person, is_region)


class LocationRules:
    """LOCATED_IN / ACTIVE_IN candidates: places after names, gevestigd in, actief in."""

    # ------------------------------------------------------------ LOCATED_IN / ACTIVE_IN
    def _loc_rel(self, m: Mention) -> str:
        if etype(m) == "initiative":
            words = (m.name + " " + m.text).lower().split()
            if any(w.endswith(h) for w in words for h in PHYSICAL_INI_HEADS):
                return "LOCATED_IN"
            return "ACTIVE_IN"
        return "LOCATED_IN"

    def _located(self, v: SentView):
        s, C = v.s, self.cues
        n = len(s.toks)
        regions_in = [m for m in v.ments if is_region(m) and m.start > 0 and
                      s.lows[m.start - 1] in ("in", "te")]
        events = [m for m in v.ments if is_event(m)]
        for R in regions_in:
            for E in events:
                if E.props.get("place_at") == R.start:
                    self.add(E, "LOCATED_IN", R, s.idx, 0.75, None, "een X in regio")
            # adjacent: "<Org> in <regio>"
            X = next((m for m in v.ments if m.end == R.start - 1), None)
            if X is not None and not is_event(X) and self._last_conjunct(v, X):
                X = None
                E = next((e for e in events if e.end <= R.start), None)
                if E is not None:
                    self.add(E, "LOCATED_IN", R, s.idx, 0.6, None, "event in regio")
                continue
            if X is not None and (is_orgish(X) or is_event(X)) and not is_region(X):
                self.add(X, self._loc_rel(X), R, s.idx, 0.7, None, "X in regio")
                continue
            E = next((e for e in events if e.end < R.start and self._only_dates(s, e.end,
                                                                               R.start - 1)),
                     None)
            if E is not None:
                self.add(E, "LOCATED_IN", R, s.idx, 0.7, None, "event op datum in regio")
                continue
            if events and any(w in v.text for w in ("plaats", "vond", "vindt", "was er",
                                                    "is er", "georganiseerd", "gehouden",
                                                    "bijeenkomst", "werkdag")):
                E = min(events, key=lambda e: abs(e.start - R.start))
                self.add(E, "LOCATED_IN", R, s.idx, 0.7, None, "event in regio")
        # "het Canisius Wilhelmina Ziekenhuis (CWZ, Nijmegen)", "ziekenhuis Rijnstate (Arnhem)"
        for R in v.ments:
            if not is_region(R) or R.end >= n or s.toks[R.end] != ")":
                continue
            k = R.start - 1
            if k >= 2 and s.toks[k] == "," and s.toks[k - 2] == "(":
                k -= 2          # an abbreviation before the place
            if k < 1 or s.toks[k] != "(":
                continue
            X = next((m for m in v.ments if m.end == k), None)
            if X is not None and (is_orgish(X) or is_event(X)) and not is_region(X) and \
                    not is_person(X):
                self.add(X, self._loc_rel(X), R, s.idx, 0.75, None, "X (plaats)")
        for a, b in v.find(C.get("located")):
            R = next((m for m in v.ments if m.start >= b and is_region(m)), None)
            subj = next((m for m in v.ments if m.end <= a and is_orgish(m)), None)
            if R is not None and subj is not None:
                self.add(subj, "LOCATED_IN", R, s.idx, 0.8, None, "gevestigd in")
        for a, b in v.find(C.get("active")):
            regions = self.list_after(v, b, is_region)
            X = self.nearest(v, a, lambda m: etype(m) == "initiative" and "group" not in m.flags,
                             True) or self.main_ini
            if X is not None:
                for R in regions:
                    self.add(X, "ACTIVE_IN", R, s.idx, 0.6, None, "actief in")

    def _last_conjunct(self, v: SentView, X: Mention) -> bool:
        """X closes a coordination of names: '<A>, <B> en <X>' / '<A> en <X>'."""
        s = v.s
        k = X.start - 1
        while k >= 0 and s.lows[k] in ARTICLES or (k >= 0 and s.lows[k] in self.R.descr):
            k -= 1
        if k < 1 or s.lows[k] not in ("en", "&"):
            return False
        return v.covering(k - 1) is not None

    def _anaphor(self, v: SentView, k: int) -> Mention | None:
        """'het pact', 'de alliantie' at token k: the last initiative whose name has that
        head word."""
        s = v.s
        if k + 1 >= len(s.toks) or s.lows[k] not in ("het", "de", "dit", "deze", "die"):
            return None
        noun = s.lows[k + 1]
        if not noun.isalpha() or len(noun) < 4 or v.at(k + 1) is not None:
            return None
        # "de leerwerkplaats De Zorgkamer … De leerwerkplaats": a name introduced by the noun
        best = None
        for m in self.mentions:
            if m.start < 1 or (m.s, m.start) >= (s.idx, k) or is_person(m) or is_region(m):
                continue
            ms = self.sents[m.s]
            j = m.start - 1
            if ms.lows[j] == noun or (j > 0 and ms.lows[j] in ARTICLES
                                      and ms.lows[j - 1] == noun):
                if best is None or (m.s, m.start) > (best.s, best.start):
                    best = m
        if best is not None:
            if best.type is None:
                kind = self.R.descr.get(noun) if isinstance(self.R.descr, dict) else None
                if kind:
                    best.type = kind if isinstance(kind, str) else best.type
            return _rep(best)
        # "de zorgacademie" / "die academie" -> the last name with a word ending in the noun
        if len(noun) >= 5:
            for m in self.mentions:
                if m.start < 0 or (m.s, m.start) >= (s.idx, k) or is_person(m) \
                        or is_region(m) or is_event(m):
                    continue
                if any(w.endswith(noun) for w in (m.name + " " + m.text).lower().split()):
                    if best is None or (m.s, m.start) > (best.s, best.start):
                        best = m
            if best is not None:
                return _rep(best)
        R = self._recent_initiative(s.idx, k)
        if R is None:
            return None
        words = [w for m in (R, *[x for x in self.mentions if _rep(x) is R])
                 for w in (m.name + " " + m.text + " " + " ".join(m.forms)).lower().split()]
        d = self.R.descr.get(noun) if isinstance(self.R.descr, dict) else None
        if any(w.endswith(noun) for w in words) or d == "initiative":
            return R
        return None

    def _subject_anaphor(self, v: SentView, a: int) -> Mention | None:
        """'De leerwerkplaats is opgezet door …', 'Die academie wordt gefinancierd door …':
        a definite subject noun before the cue at token a that refers to an initiative."""
        s = v.s
        k = 0
        while k < a - 1 and not is_word(s.toks[k]):
            k += 1
        if any(m.end <= a for m in v.ments):
            return None
        return self._anaphor(v, k)

__all__ = ["LocationRules"]
