"""Shared pieces of the relation rules: cue phrases (``data/extract/cues.csv``), the
sentence view, type predicates and :class:`PassBase` (adding candidates, lists, nearest
mentions).
"""

from __future__ import annotations

import bisect
import csv
from functools import lru_cache
import re

from graph.model import ORG_KINDS
from loaders.extract.base import ARTICLES, UNIT_HEADS, Mention, RelCand, Sent, is_cap
from loaders.extract.lexicon import EXTRACT_DATA


ORG_LIKE = frozenset(ORG_KINDS) | {"initiative"}
LIST_GLUE = frozenset({",", "en", "&", "de", "het", "een", "/", "of", "zowel", "als", "ook",
                       "'t", "o.a.", "onder", "andere", "waaronder", "zoals", ";"})
AFF_PREPS = frozenset({"van", "bij", "aan", "voor", "namens", "vanuit", "binnen", "op", "in"})
ROLE_MODS = frozenset({"algemeen", "senior", "interim", "landelijk", "landelijke", "regionaal",
                       "regionale", "nieuwe", "voormalig", "voormalige", "oud", "waarnemend",
                       "plaatsvervangend", "lid", "tevens", "strategisch", "strategische"})
BODIES = ("raad van bestuur", "raad van toezicht", "college van bestuur", "directie",
          "bestuur", "stuurgroep", "programmaraad", "kernteam", "projectgroep")


@lru_cache(maxsize=1)
def cues() -> dict[str, "Cue"]:
    """Cue phrase regexes per rule name from data/extract/cues.csv."""
    groups: dict[str, list[str]] = {}
    firsts: dict[str, set[str]] = {}
    with open(EXTRACT_DATA / "cues.csv", encoding="utf-8") as f:
        rows = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    for r in csv.DictReader(rows):
        phrase = r["phrase"].strip().lower()
        if not phrase:
            continue
        pat = r"\s+".join(re.escape(w) for w in phrase.split())
        groups.setdefault(r["rule"].strip(), []).append(pat)
        firsts.setdefault(r["rule"].strip(), set()).add(phrase.split()[0])
    return {k: Cue(re.compile(r"(?<![\w-])(?:" + "|".join(sorted(v, key=len, reverse=True))
                              + r")(?![\w-])"), frozenset(firsts[k]))
            for k, v in groups.items()}


class Cue:
    """A compiled cue regex with the set of words a match must start with (a cheap
    pre-check on the sentence's word set before the regex runs)."""

    __slots__ = ("rx", "firsts")

    def __init__(self, rx: re.Pattern, firsts: frozenset):
        self.rx, self.firsts = rx, firsts


class SentView:
    """Lowercase text of a sentence with a char-offset -> token index map."""

    __slots__ = ("s", "text", "offs", "ments", "words")

    def __init__(self, s: Sent, ments: list[Mention]):
        self.s = s
        self.words = set(s.lows)
        parts, offs, pos = [], [], 0
        for t in s.lows:
            offs.append(pos)
            parts.append(t)
            pos += len(t) + 1
        self.text = " ".join(parts)
        self.offs = offs
        self.ments = ments

    def find(self, cue: "Cue | None") -> list[tuple[int, int]]:
        out = []
        if cue is None or self.words.isdisjoint(cue.firsts):
            return out
        for m in cue.rx.finditer(self.text):
            a = bisect.bisect_right(self.offs, m.start()) - 1
            b = bisect.bisect_left(self.offs, m.end())
            out.append((a, b))
        return out

    def at(self, k: int) -> Mention | None:
        for m in self.ments:
            if m.start == k:
                return m
        return None

    def covering(self, k: int) -> Mention | None:
        for m in self.ments:
            if m.start <= k < m.end:
                return m
        return None


def _rep(m: Mention) -> Mention:
    return m.representative()


def etype(m: Mention) -> str | None:
    return _rep(m).type if m.type is None else m.type


def is_orgish(m: Mention) -> bool:
    t = etype(m)
    return (t in ORG_LIKE or t is None) and m.kind not in ("email",)


def is_person(m: Mention) -> bool:
    return etype(m) == "person"


def is_event(m: Mention) -> bool:
    return etype(m) == "event"


def is_region(m: Mention) -> bool:
    return etype(m) == "region"


def untyped_name(m: Mention) -> bool:
    """A name neither the gazetteer nor a head word typed (the default kind "company" or
    none): it may be the initiative a rule looks for, and the typer decides its kind
    ("het gezamenlijke practoraat Zorg en Technologie")."""
    return etype(m) in ("company", None) and m.entry is None


def is_unit(m: Mention) -> bool:
    """A school's own unit: "Academie voor Verpleegkunde" (:data:`UNIT_HEADS`)."""
    return m.text.split()[0].lower() in UNIT_HEADS


#: words a name the rules did not recognise may hold inside a list ("’s Heeren Loo")
_HOLE_WORDS = frozenset({"’s", "'s", "van", "de", "der", "den", "het", "voor", "in", "op", "aan"})


def _list_hole(s: Sent, k: int) -> int:
    """Length of an unrecognised name inside a list at token k ("A, ’s Heeren Loo, B"): at
    most five capitalised words (or name particles) starting with a capital or ’s and
    followed by "," or "en"; 0 when there is none."""
    n = len(s.toks)
    if not (is_cap(s.toks[k]) or s.lows[k] in ("’s", "'s")):
        return 0
    j = k
    while j < n and j - k < 5 and (is_cap(s.toks[j]) or s.lows[j] in _HOLE_WORDS):
        j += 1
    if j < n and j > k and s.toks[j] in (",", "en", "&") and is_cap(s.toks[j - 1]):
        return j - k
    return 0


class PassBase:
    """What every relation family uses: adding a candidate, lists and nearest mentions."""

    # ------------------------------------------------------------ helpers
    def add(self, src: Mention, rel: str, dst: Mention, s: int, conf: float,
            role: str | None = None, rule: str = ""):
        if src is None or dst is None or _rep(src) is _rep(dst) or src is dst:
            return
        if "email" in src.flags and rel != "AFFILIATED_WITH":
            return
        self.rels.append(RelCand(src, rel, dst, s, role, conf, rule))

    def list_after(self, v: SentView, k: int, pred=is_orgish, stop_persons=False
                   ) -> list[Mention]:
        """Mentions from token k on, joined by ',', 'en', articles, 'o.a.' …"""
        s = v.s
        n = len(s.toks)
        out: list[Mention] = []
        while k < n:
            m = v.at(k)
            if m is None:
                if s.lows[k] in LIST_GLUE or s.toks[k] in (":",) or (
                        s.lows[k] in self.R.descr and not is_cap(s.toks[k])) or (
                        s.lows[k].rsplit("-", 1)[-1] in self.R.descr):
                    k += 1
                    continue
                if s.toks[k] == "(" and out:       # "Borne (Ov.), Hengelo"
                    close = next((j for j in range(k + 1, min(n, k + 6)) if s.toks[j] == ")"),
                                 None)
                    if close is not None:
                        k = close + 1
                        continue
                hole = _list_hole(s, k) if out else 0
                if hole:
                    k += hole
                    continue
                break
            if pred(m) or (is_person(m) and not stop_persons):
                out.append(m)
            k = m.end
        return [m for m in out if pred(m)]

    def list_before(self, v: SentView, k: int, pred=is_orgish) -> list[Mention]:
        s = v.s
        out: list[Mention] = []
        k -= 1
        while k >= 0:
            m = v.covering(k)
            if m is None:
                if s.lows[k] in LIST_GLUE:
                    k -= 1
                    continue
                break
            if pred(m):
                out.append(m)
            k = m.start - 1
        return list(reversed(out))

    def mention_at(self, v: SentView, k: int) -> Mention | None:
        """The mention at token k, skipping articles and descriptor nouns ("het programma
        Kansrijke Start", "de zorgverzekeraar Menzis")."""
        s = v.s
        n = len(s.toks)
        for _ in range(4):
            m = v.at(k)
            if m is not None or k >= n:
                return m
            lw = s.lows[k]
            if lw in ARTICLES or lw in self.R.descr or lw.rsplit("-", 1)[-1] in self.R.descr \
                    or lw in ("landelijke", "landelijk", "regionale", "regionaal", "nieuwe"):
                k += 1
                continue
            return None
        return None

    def nearest(self, v: SentView, k: int, pred, before=True, exclude=()) -> Mention | None:
        cands = [m for m in v.ments if pred(m) and m not in exclude]
        if before:
            bs = [m for m in cands if m.end <= k]
            if bs:
                return bs[-1]
        afs = [m for m in cands if m.start >= k]
        return afs[0] if afs else None

    def target_event_or_ini(self, v: SentView, k: int, exclude=()) -> Mention | None:
        t = self.nearest(v, k, lambda m: etype(m) in ("event", "initiative")
                         and "group" not in m.flags, True, exclude)
        return t or self.main_ini or self.main_event

__all__ = ["ORG_LIKE", "LIST_GLUE", "AFF_PREPS", "ROLE_MODS", "BODIES", "cues", "Cue",
           "SentView", "etype", "is_orgish", "is_person", "is_event", "is_region",
           "untyped_name", "is_unit", "PassBase"]
