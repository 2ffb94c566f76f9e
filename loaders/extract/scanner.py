"""Mentions per sentence (:class:`SentenceScanner`): lexicon matches, quoted titles,
capitalised chunks (:mod:`loaders.extract.names`), lowercase event nouns, e-mail domains.
"""

from __future__ import annotations

from loaders.extract.base import (
    ARTICLES, CONNECTORS, DEFINITE, EMAIL_RE, EVENT_QUAL_STOP, INITIAL_RE, INI_QUOTE_HEADS,
    LOC_PREPS, LOWER_PREFIX_HEADS, Mention, PERSON_CUES, QUOTE_OPEN, SEASON_WORDS, S_EVENT,
    S_HEAD, S_LEX, Sent, TITLES, WEAK_CONNECTORS, YEAR_RE, after_truncated, cap_first, is_cap,
    is_word)
from loaders.extract.names import NameChunker
from loaders.extract.pipeline import Pipeline
from loaders.extract.rules import Rules, _quote_spans


_NAME_ARTICLES = frozenset({"’s", "'s", "’t", "'t"})
#: English heads that take "of" inside a name
_OF_HEADS = frozenset({"university", "universities", "house", "school", "institute", "academy",
                       "college", "centre", "center", "board", "department", "faculty",
                       "master", "bachelor", "chamber", "council", "museum", "bank", "network",
                       "hall", "city", "internet", "state", "lab", "science", "sciences",
                       "friends", "society", "association", "federation", "alliance", "hub"})


class SentenceScanner(NameChunker):
    def __init__(self, p: Pipeline, R: Rules):
        self.p, self.R, self.lex = p, R, p.lex

    # ---- helpers
    def _role_before(self, s: Sent, a: int) -> tuple[str, str, int] | None:
        """Role word right before token a (optionally 'de heer'): (role text, prefix, idx)."""
        if a == 0:
            return None
        k = a - 1
        if s.lows[k] in TITLES:
            k -= 1
            if k < 0:
                return None
        r = self.R.role_of(s.lows[k])
        if r:
            return s.toks[k], r[1], k
        if s.lows[k] in PERSON_CUES:
            return "", "", k
        return None

    def _role_after(self, s: Sent, b: int) -> bool:
        """', <role>' or '(<role>' right after token b."""
        n = len(s.toks)
        if b < n and s.toks[b] in (",", "("):
            k = b + 1
            while k < n and s.lows[k] in ("de", "het", "een", "onze", "algemeen", "senior",
                                          "interim", "nieuwe", "voormalig", "oud"):
                k += 1
            if k < n and self.R.role_of(s.lows[k]):
                return True
        return False

    def scan(self, s: Sent) -> list[Mention]:
        R, lex = self.R, self.lex
        toks, lows = s.toks, s.lows
        n = len(toks)
        cands: list[Mention] = []
        lexat = {a: (a, b, eid, surf) for a, b, eid, surf in s.lex}
        covered = [None] * n
        for a, b, eid, surf in s.lex:
            for i in range(a, b):
                covered[i] = (a, b, eid, surf)
        quotes = _quote_spans(toks)
        inquote = [False] * n
        short_quote = [False] * n
        for qa, qb in quotes:
            for i in range(qa + 1, qb):
                inquote[i] = True
                if qb - qa - 1 <= 10:
                    short_quote[i] = True

        # ---- 1. lexicon mentions (all of them; chunks may override by priority)
        for a, b, eid, surf in s.lex:
            e = lex.entries[eid]
            m = Mention(s.idx, a, b, s.span(a, b), e.type, S_LEX, eid, "name",
                        props=dict(e.props), name=e.name, prio=60)
            if e.group:
                m.flags.add("group")
            if b - a >= 2 and e.type != "region":
                for k in range(b - 1, max(a, b - 3), -1):
                    r = lex.entry_for(s.span(k, b))
                    if r is not None and r.type == "region":
                        m.nested = [Mention(s.idx, k, b, s.span(k, b), "region", S_LEX, r.id,
                                            "name", props=dict(r.props), name=r.name)]
                        break
            cands.append(m)

        # ---- 2. quoted titles after event / initiative heads
        quote_taken = set()
        for qa, qb in quotes:
            if qa == 0:
                continue
            prev = lows[qa - 1]
            inner = s.span(qa + 1, qb).strip()
            if not inner or len(inner) < 3:
                continue
            eh = R.event_head(prev)
            if eh and not is_cap(toks[qa - 1]):
                txt = s.span(qa - 1, qb + 1)
                m = Mention(s.idx, qa - 1, qb + 1, txt, "event", S_EVENT, None, "event",
                            name=cap_first(txt), prio=80)
                m.props["head"] = prev
                cands.append(m)
                quote_taken.add(qa)
            elif prev in INI_QUOTE_HEADS or (prev.rsplit("-", 1)[-1] in INI_QUOTE_HEADS):
                e = lex.entry_for(inner)
                txt = s.span(qa - 1, qb + 1)
                m = Mention(s.idx, qa + 1, qb, inner, "initiative", S_HEAD, None, "name",
                            name=inner, prio=75)
                if e is not None:
                    m.entry, m.type, m.strength, m.name = e.id, e.type, S_LEX, e.name
                m.add_form(txt)
                m.props["quoted_head"] = prev
                cands.append(m)
                quote_taken.add(qa)

        # ---- 3. capitalised chunks
        # "’s Heeren Loo", "'t Heerepoortje": the article belongs to the name
        caps = [is_cap(t) or (t.lower() in _NAME_ARTICLES and k + 1 < n and is_cap(toks[k + 1])
                              and (k == 0 or not is_cap(toks[k - 1])))
                for k, t in enumerate(toks)]
        if not any(caps):
            i = n
        else:
            i = 0
        while i < n:
            t = toks[i]
            if short_quote[i] and not covered[i]:
                i += 1
                continue
            lower_prefix = (lows[i] in LOWER_PREFIX_HEADS and not is_cap(t) and i + 1 < n
                            and (is_cap(toks[i + 1]) or (lows[i + 1] == "van" and i + 2 < n
                                                         and is_cap(toks[i + 2]))))
            unit_cap = caps[i] or lower_prefix
            if covered[i] is not None:
                a, b, eid, surf = covered[i]
                unit_cap = is_cap(toks[a])
                if not unit_cap:
                    i = b
                    continue
            if not unit_cap:
                i += 1
                continue
            a = i
            j = covered[i][1] if covered[i] else i + 1
            last = j
            while j < n:
                if short_quote[j] and not short_quote[a]:
                    break
                if covered[j] is not None and covered[j][0] == j and caps[j]:
                    j = covered[j][1]
                    last = j
                    continue
                tj = toks[j]
                if caps[j] and covered[j] is None:
                    j += 1
                    last = j
                    continue
                if YEAR_RE.match(tj) and j == last and last - a >= 1:
                    j += 1
                    last = j
                    break
                if lows[j] in LOC_PREPS and j + 1 < n and covered[j + 1] is not None and \
                        lex.entries[covered[j + 1][2]].type == "region":
                    break
                # "Youssef Bouzid van Maasstad Ziekenhuis": a person, then his organisation
                if lows[j] == "van" and j + 1 < n and covered[j + 1] is not None and \
                        lex.entries[covered[j + 1][2]].type not in ("region", "person") and \
                        2 <= j - a <= 3 and all(caps[x] and covered[x] is None
                                                for x in range(a, j)) and \
                        not self._has_org_head(lows[a:j]):
                    break
                # hyphen coordination: "Zorgpact Noord- en Midden-Limburg",
                # "Leer- en Innovatienetwerk" — one name
                if lows[j] in ("en", "of") and j == last and after_truncated(toks, j) and \
                        j + 1 < n and caps[j + 1]:
                    j += 1
                    continue
                # Dutch "of" is "or" ("Avans of Fontys"); English names keep it ("House of
                # Skills", "University of Applied Sciences")
                if lows[j] == "of" and lows[j - 1] not in _OF_HEADS:
                    break
                if (lows[j] in CONNECTORS or lows[j] in TITLES) and covered[j] is None:
                    k = j
                    while k < n and (lows[k] in CONNECTORS or lows[k] in TITLES) and \
                            k - j < 3 and covered[k] is None:
                        k += 1
                    if k < n and caps[k] and not (
                            k - j > 1 and any(lows[x] in WEAK_CONNECTORS for x in range(j, k))
                    ) and not (k - j == 1 and lows[j] in ("de", "het", "een", "der") and not (
                            toks[j - 1].lower().endswith(("-van", "-de", "-ter", "-den"))
                            or toks[j - 1] in lex.first_names
                            or INITIAL_RE.match(toks[j - 1]))
                    ) and not (covered[k] is not None and any(
                            lows[x] in ("aan", "bij", "voor", "op", "in") for x in range(j, k))
                            and lex.entries[covered[k][2]].type not in ("region",)):
                        j = k
                        continue
                break
            self._chunk(s, a, last, cands, covered, quotes)
            i = max(last, i + 1)

        # ---- 4. lowercase event nouns
        event_head = R.event_head
        for i in range(n):
            lw = lows[i]
            if len(lw) < 3 or caps[i] or inquote[i]:
                continue
            eh = event_head(lw)
            if not eh:
                continue
            if i + 1 < n and toks[i + 1] in QUOTE_OPEN:
                continue  # handled as quoted title
            self._event_noun(s, i, eh, cands)

        # ---- 5. e-mail addresses: domain -> organisation (minvws.nl)
        for i in (range(n) if "@" in "".join(toks) else ()):
            if "@" in toks[i]:
                m = EMAIL_RE.match(toks[i].rstrip("."))
                if m:
                    dom = m.group(1).lower()
                    parts = dom.split(".")
                    for k in range(len(parts) - 1):
                        e = lex.entry_for(".".join(parts[k:]))
                        if e is not None:
                            mm = Mention(s.idx, i, i + 1, toks[i], e.type, S_LEX, e.id,
                                         "email", name=e.name, prio=10)
                            mm.forms = []
                            mm.flags.add("email")
                            cands.append(mm)
                            break
        return _select(cands)

    def _place_after(self, s: Sent, k: int) -> tuple[int, int, str] | None:
        """'… in <Plaats>' within the same clause after token k: (start, end, name)."""
        toks, lows = s.toks, s.lows
        n = len(toks)
        lex = self.p.lex
        for j in range(k, min(n - 1, k + 10)):
            if toks[j] in (",", ";", ":", ".", "(", ")") or lows[j] in ("die", "dat", "waar"):
                return None
            if lows[j] != "in" or not is_cap(toks[j + 1]):
                continue
            for L in (3, 2, 1):
                if j + 1 + L > n or not all(t[:1].isalnum() or t[:2] == "'s"
                                            for t in toks[j + 1:j + 1 + L]):
                    continue
                txt = " ".join(toks[j + 1:j + 1 + L])
                e = lex.entry_for(txt)
                if e is not None and e.type == "region":
                    return j + 1, j + 1 + L, txt
            return None
        return None

    # ---- lowercase event nouns
    def _event_noun(self, s: Sent, i: int, head: str, cands: list[Mention]):
        toks, lows = s.toks, s.lows
        n = len(toks)
        lw = lows[i]
        # adjectives before: "regionale themadag", "eerste deelsessie"
        a = i
        while a > 0 and lows[a - 1].endswith("e") and lows[a - 1] not in ARTICLES and \
                lows[a - 1] not in DEFINITE and not is_cap(toks[a - 1]) and i - a < 2 and \
                lows[a - 1].isalpha() and lows[a - 1] not in ("de", "die", "deze"):
            a -= 1
        det = lows[a - 1] if a > 0 else ""
        det2 = lows[a - 2] if a > 1 else ""
        # topic: "themadag over gemeenschappelijke taal"
        if i + 1 < n and lows[i + 1] in ("over", "rond", "rondom") and det in ("de", "een", "het"):
            e = i + 2
            while e < n and e - i <= 6 and is_word(toks[e]) and lows[e] not in EVENT_QUAL_STOP:
                e += 1
            if e > i + 2:
                txt = s.span(a, e)
                m = Mention(s.idx, a, e, txt, "event", S_EVENT, None, "event",
                            name=cap_first(txt), prio=55)
                m.props["head"] = lw
                cands.append(m)
                return
        if det == "een" or det2 == "een":
            place = self._place_after(s, i + 1)
            if s.dates or s.has_date or place is not None or any(
                    w in SEASON_WORDS for w in lows):
                txt = s.span(i, i + 1)
                name = cap_first(txt)
                m = Mention(s.idx, i, i + 1, txt, "event", S_EVENT - 20, None, "event",
                            name=name, prio=40)
                m.props["head"] = lw
                if place is not None:
                    # unnamed event: named after its place ("Werkconferentie Almelo")
                    m.name = f"{name} {place[2]}"
                    m.props["place"] = place[2]
                    m.props["place_at"] = place[0]
                    m.add_form(m.name)
                if s.dates:
                    m.props["date"] = s.dates[0]
                m.flags.add("indef")
                cands.append(m)
            return
        if det in DEFINITE or det2 in DEFINITE or (a == 0) or (a > 0 and is_cap(toks[a - 1])
                                                                and lows[a - 1] in DEFINITE):
            m = Mention(s.idx, i, i + 1, toks[i], "event", S_EVENT - 30, None, "eventref",
                        prio=20)
            m.props["head"] = lw
            m.flags.add("ref")
            cands.append(m)


def _select(cands: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: higher priority first, then longer, then earlier."""
    cands.sort(key=lambda m: (-m.prio, -(m.end - m.start), m.start))
    taken: list[tuple[int, int]] = []
    out = []
    for m in cands:
        if any(not (m.end <= x or m.start >= y) for x, y in taken):
            continue
        taken.append((m.start, m.end))
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out

__all__ = ["SentenceScanner"]
