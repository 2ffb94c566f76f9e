"""Capitalised name chunks: splitting, stripping and typing names (persons, organisations,
events) from the rules' evidence.
"""

from __future__ import annotations

import re

from loaders.extract.base import (
    ARTICLES, CONNECTORS, INTERFIX_SET, LIST_NO_RE, LOWER_PREFIX_HEADS, Mention, PERSON_CUES,
    SECTOR_WORDS, S_CONTEXT, S_DESCR, S_EVENT, S_INST, S_LEX, S_PERSON, Sent, TITLES,
    UNIT_HEADS, UNIT_PARENT_KINDS, _camel, after_truncated, cap_first, is_cap, is_word)
from loaders.extract.lexicon import norm
from loaders.extract.rules import _person_end

#: "(sensor)technologie" reads as "technologie" where sector words are compared
_BRACKET_PART = re.compile(r"\(\w+\)")


class NameChunker:
    """Capitalised name chunks of a sentence: split, stripped and typed (the part of
    :class:`loaders.extract.scanner.SentenceScanner` that reads names)."""

    # ---- chunk classification
    def _chunk(self, s: Sent, a: int, b: int, cands: list[Mention], covered, quotes):
        R, lex = self.R, self.lex
        toks, lows = s.toks, s.lows
        at_start = s.starts_sentence(a)
        descr_form = None
        descr_kind = None
        role_prefix = None
        # strip leading function words (only where the capital is positional)
        while a < b and covered[a] is None and (
                (lows[a] in lex.stopwords and (at_start or lows[a] in ARTICLES))
                or LIST_NO_RE.match(toks[a])):
            a += 1
            at_start = at_start or False
        while b > a + 1 and covered[b - 1] is None and lows[b - 1] in lex.stopwords \
                and lows[b - 1] not in INTERFIX_SET and lows[b - 2] not in CONNECTORS:
            b -= 1
        while b > a and lows[b - 1] in CONNECTORS and covered[b - 1] is None:
            b -= 1
        if a >= b:
            return
        # leading role word: "Dagvoorzitter Ron Axt", "Zorgpactaanjager Doekle Terpstra"
        if covered[a] is None and b - a >= 2:
            r = R.role_of(lows[a])
            if r and not (toks[a] in lex.first_names):
                role_prefix = (toks[a], r[1], a)
                a += 1
        # "Mevrouw Fatima El Amrani", "De heer Jansen"
        if covered[a] is None and b - a >= 2 and lows[a] in PERSON_CUES and role_prefix is None:
            role_prefix = ("", "", a)
            a += 1
        # leading descriptor: "Koploper Zorgtrainingscentrum", "Zorgverzekeraar Menzis"
        if covered[a] is None and b - a >= 2 and lows[a] in R.descr and (
                lows[a] not in R.prefix or (covered[a + 1] is not None
                                            and covered[a + 1][1] == b)):
            descr_kind = R.descr[lows[a]]
            descr_form = s.span(a, b)
            a += 1
        elif covered[a] is None and b - a == 1 and lows[a] in R.descr:
            return  # a bare descriptor ("Als Werkgeversvereniging")
        if a >= b:
            return
        # lowercase descriptor right before: "werkgeversvereniging Utrechtzorg"
        if descr_kind is None and a > 0:
            pl = lows[a - 1]
            last = pl.rsplit("-", 1)[-1]
            for w in (pl, last):
                if w in R.descr and not is_cap(toks[a - 1]):
                    descr_kind = R.descr[w]
                    descr_form = s.span(a - 1, b)
                    break
            if descr_kind is None and a > 1 and (lows[a - 2] + " " + pl) in R.descr:
                descr_kind = R.descr[lows[a - 2] + " " + pl]
        for pa, pb in self._split(s, a, b, covered):
            self._part(s, pa, pb, at_start and pa == a, role_prefix if pa == a else None,
                       descr_kind, descr_form if pa == a else None, cands, covered, quotes)

    def _split(self, s: Sent, a: int, b: int, covered) -> list[tuple[int, int]]:
        """Split a chunk at 'en'/'&' unless it is one name ("WGV Zorg en Welzijn",
        "Ministerie van A en B", an event name like "Themaweek VWS en OCW")."""
        lows, R = s.lows, self.R
        if covered[a] is not None and covered[a][1] == b:
            return [(a, b)]
        unit = self._unit_of_school(s, a, b, covered)
        if unit is not None:
            return unit
        if lows[a] in ("ministerie", "ministeries"):
            return [(a, b)]
        if any(R.event_head(lows[k]) for k in range(a, b) if covered[k] is None):
            return [(a, b)]
        # not at a hyphen coordination ("Noord- en Midden-Limburg")
        cuts = [k for k in range(a, b) if lows[k] in ("en", "&") and covered[k] is None
                and not (k > a and after_truncated(s.toks, k))]
        if not cuts:
            return [(a, b)]
        parts, start = [], a
        for k in cuts:
            right_end = k + 1
            while right_end < b and lows[right_end] not in ("en", "&"):
                right_end += 1
            right = [_BRACKET_PART.sub("", w) for w in lows[k + 1:right_end]]
            left_last = lows[k - 1] if k > a else ""
            keep = bool(right) and ((len(right) == 1 and right[0] in SECTOR_WORDS) or (
                left_last in SECTOR_WORDS and right[0] in SECTOR_WORDS))
            if keep:
                continue
            parts.append((start, k))
            start = k + 1
        parts.append((start, b))
        return [(x, y) for x, y in parts if y > x]

    @staticmethod
    def _listed(s: Sent, k: int) -> bool:
        """Token k stands in a list of names: a comma or "en" on one side with a capitalised
        word beyond it, and a comma, "en" or the sentence's edge on the other."""
        toks, lows, n = s.toks, s.lows, len(s.toks)

        def glue(j: int) -> bool:
            return 0 <= j < n and (toks[j] == "," or lows[j] == "en")

        def cap(j: int) -> bool:
            return 0 <= j < n and is_cap(toks[j])

        left = glue(k - 1) and (cap(k - 2) or cap(k - 3))
        right = glue(k + 1) and (cap(k + 2) or cap(k + 3))
        return (left and (right or glue(k + 1) or k + 1 >= n)) or (
            right and (glue(k - 1) or (k > 0 and lows[k - 1] in ARTICLES)))

    def _unit_of_school(self, s: Sent, a: int, b: int, covered):
        """"Academie voor Sociale Studies van Avans Hogeschool": the unit and the school
        (a gazetteer school ending the chunk) as two names; None when the chunk is not
        one."""
        lows = s.lows
        # "Docenten van de Academie voor …": the first capital is positional
        if lows[a] not in UNIT_HEADS and s.starts_sentence(a) and a + 1 < b and \
                lows[a + 1] in CONNECTORS:
            a += 1
        while a < b and lows[a] in CONNECTORS and covered[a] is None:
            a += 1
        if a >= b or lows[a] not in UNIT_HEADS or covered[a] is not None:
            return None
        for k in range(a + 2, b - 1):
            if lows[k] != "van" or covered[k] is not None:
                continue
            p = k + 1
            if lows[p] in ("de", "het") and covered[p] is None:
                p += 1
            c = covered[p] if p < b else None
            if c is not None and c[0] == p and c[1] == b and \
                    self.lex.entries[c[2]].type in UNIT_PARENT_KINDS:
                return [(a, k), (p, b)]
        return None

    def _part(self, s: Sent, a: int, b: int, at_start: bool, role_prefix, descr_kind,
              descr_form, cands: list[Mention], covered, quotes):
        R, lex = self.R, self.lex
        toks, lows = s.toks, s.lows
        names = lex.first_names
        n = len(toks)
        # drop a lone connector/stopword edge left by splitting
        while a < b and covered[a] is None and (
                (lows[a] in lex.stopwords and at_start) or lows[a] in ARTICLES):
            a += 1
        if a >= b:
            return
        text = s.span(a, b)
        # exact lexicon unit
        if covered[a] is not None and covered[a][1] == b:
            if role_prefix:
                e = lex.entries[covered[a][2]]
                if e.type == "region" and b - a == 1:
                    pass
            return  # the lexicon mention already exists (step 1)
        # ---- event names
        ev = None
        for k in range(a, b):
            if covered[k] is None:
                h = R.event_head(lows[k])
                if h:
                    ev = (k, h)
                    break
        if ev is not None:
            k, h = ev
            end = b
            # a quoted title right after: Inspiratiesessie ‘…’
            for qa, qb in quotes:
                if qa == b:
                    end = qb + 1
            txt = s.span(a, end)
            m = Mention(s.idx, a, end, txt, "event", S_EVENT, None, "event",
                        name=txt, prio=70)
            m.props["head"] = lows[k]
            if b - a == 1 and end == b:
                m.kind = "eventref"
                m.flags.add("capref")
            if at_start and k > a and covered[a] is None and (
                    lows[a].endswith("e") or lows[a] in lex.stopwords):
                alt = s.span(a + 1, end)
                m.add_form(alt)
                m.name = alt
                m.flags.add("adj")
            m.nested = self._nested(s, a, b, covered)
            cands.append(m)
            return
        # ---- persons
        pe = _person_end(s, a, b, R, names)
        rb = self._role_before(s, a) if role_prefix is None else role_prefix
        first_is_lex = covered[a] is not None and lex.entries[covered[a][2]].type != "region"
        if pe > a and not first_is_lex and not self._has_org_head(lows[a:b]):
            pa = a
            while pa < pe - 1 and lows[pa] in TITLES:
                pa += 1
            m = Mention(s.idx, pa, pe, s.span(pa, pe), "person", S_PERSON, None, "person",
                        prio=65)
            if pa > a:
                m.props["title"] = s.span(a, pa)
            if rb:
                m.role = rb[0]
                m.props["role_prefix"] = rb[1]
            cands.append(m)
            if pe < b:
                rest_a = pe
                while rest_a < b and lows[rest_a] in CONNECTORS:
                    rest_a += 1
                if rest_a < b:
                    self._part(s, rest_a, b, False, None, None, None, cands, covered, quotes)
            return
        n_tok = b - a
        all_name_like = all(is_cap(toks[k]) or lows[k] in INTERFIX_SET for k in range(a, b))
        if rb and n_tok == 1 and (
                (rb[2] > 0 and toks[rb[2] - 1] in (",", "(")) or _camel(toks[a])
                or toks[:rb[2]].count("(") > toks[:rb[2]].count(")")
                or norm(toks[a]) in lex.institutions):
            # "Jan van Kampen, bestuurder InteraktContour": the role belongs to someone
            # else, the name after it is the organisation
            rb = None
        if (rb or self._role_after(s, b)) and 1 <= n_tok <= 4 and all_name_like and \
                not any(covered[k] is not None for k in range(a, b)) and \
                not self._has_org_head(lows[a:b]) and not toks[a].isupper():
            kind = "person" if n_tok >= 2 else "surname"
            m = Mention(s.idx, a, b, text, "person", S_PERSON if n_tok >= 2 else S_CONTEXT,
                        None, kind, prio=64)
            if rb:
                m.role = rb[0]
                m.props["role_prefix"] = rb[1]
            cands.append(m)
            return
        # "Van Lieshout" — a capitalised interfix + surname mid-sentence
        if not at_start and lows[a] in ("van", "de", "ter", "ten", "den") and \
                is_cap(toks[a]) and n_tok in (2, 3) and covered[b - 1] is None and \
                all(is_cap(toks[k]) or lows[k] in INTERFIX_SET for k in range(a, b)):
            m = Mention(s.idx, a, b, text, "person", S_CONTEXT, None, "surname", prio=30)
            m.flags.add("weak_surname")
            cands.append(m)
            return
        # ---- organisation / initiative / region names
        listed_acronym = False
        if n_tok == 1:
            t = toks[a]
            low = lows[a]
            if t.endswith("-") or low in lex.stopwords or norm(t) in lex.generic or not is_word(t):
                return
            if t.isupper() and len(t) <= 6 and covered[a] is None:
                # unknown acronym: too often noise (BIG, JOU, ICT), unless it is listed
                # between names ("GGZ Oost-Brabant, ORO en Savant"); the typer decides
                if not self._listed(s, a):
                    return
                listed_acronym = True
            if t[:1].isdigit():
                return
        if norm(text) in lex.generic:
            return
        nested = self._nested(s, a, b, covered)
        typ, strength = None, 0
        if nested:
            first = nested[0]
            if first.start == a and first.type not in ("region", None) and all(
                    x.type == "region" for x in nested[1:]) and len(nested) >= 2 \
                    and nested[-1].end == b:
                typ, strength = first.type, S_LEX - 10   # "Windesheim Flevoland"
        if typ is None:
            typ, strength = R.head_kind(toks[a:b])
        if descr_kind and S_DESCR > strength:
            typ, strength = descr_kind, S_DESCR
        ap = self._apposition(s, b)
        extra_form = None
        if ap:
            ak, aform_end = ap
            if S_DESCR - 5 > strength:
                typ, strength = ak, S_DESCR - 5
            if aform_end:
                extra_form = s.span(a, aform_end)
        if typ is None or strength < S_INST:
            k = norm(text)
            if k in lex.institutions or (n_tok == 1 and lex.institution_heads.get(lows[a], 0) >= 3
                                         and len(lows[a]) > 4):
                typ, strength = "care_provider", S_INST
        if role_prefix and typ is None and n_tok >= 2 and all_name_like:
            typ, strength = "person", S_CONTEXT
        m = Mention(s.idx, a, b, text, typ, strength, None, "name", prio=65 if nested else 50)
        m.nested = nested
        if descr_form:
            m.add_form(descr_form)
        if extra_form:
            m.add_form(extra_form)
        abbr = self._abbreviation(s, a, b)
        if abbr and typ != "person":
            # "Leer- en Innovatienetwerk (LIN)": the abbreviation is a form of the name
            m.add_form(abbr)
            m.add_form(f"{text} ({abbr})")
        if at_start and n_tok == 1 and typ is None and toks[a] not in lex.first_names:
            m.flags.add("weak")
        if listed_acronym:
            m.flags.add("listed_acronym")
        if at_start and typ is None and n_tok > 1 and lows[a] in lex.stopwords:
            m.flags.add("weak")
        if lows[a] in LOWER_PREFIX_HEADS and not is_cap(toks[a]):
            m.name = cap_first(text)
        if role_prefix:
            m.props["role_word"] = role_prefix[0]
        cands.append(m)

    @staticmethod
    def _abbreviation(s: Sent, a: int, b: int) -> str | None:
        """The abbreviation defined right after a name of two or more words: "… (LIN)",
        when its first letter starts one of the name's words."""
        toks = s.toks
        if b - a < 2 or b + 2 >= len(toks) or toks[b] != "(" or toks[b + 2] != ")":
            return None
        ab = toks[b + 1]
        if not (2 <= len(ab) <= 8 and ab[0].isupper() and ab.isalnum()
                and sum(c.isupper() for c in ab) >= 2):
            return None
        heads = {w[:1].lower() for t in toks[a:b] for w in t.split("-") if w}
        return ab if ab[0].lower() in heads else None

    def _has_org_head(self, lows: list[str]) -> bool:
        R = self.R
        if lows[0] in R.prefix or lows[-1] in R.suffix:
            return True
        return any(R.event_head(w) for w in lows)

    def _nested(self, s: Sent, a: int, b: int, covered) -> list[Mention]:
        out = []
        k = a
        while k < b:
            c = covered[k]
            if c is not None and c[0] == k and c[1] <= b:
                e = self.lex.entries[c[2]]
                out.append(Mention(s.idx, c[0], c[1], s.span(c[0], c[1]), e.type, S_LEX, e.id,
                                   "name", props=dict(e.props), name=e.name))
                k = c[1]
            else:
                k += 1
        return out

    def _apposition(self, s: Sent, b: int):
        """', (een|de|het)? <noun>' after a name: (kind, end of extended form or None)."""
        n = len(s.toks)
        if b >= n or s.toks[b] != ",":
            return None
        k = b + 1
        if k < n and s.lows[k] in ("een", "de", "het"):
            k += 1
        if k >= n:
            return None
        w = s.lows[k]
        last = w.rsplit("-", 1)[-1]
        kind = self.R.appos.get(w) or self.R.appos.get(last)
        if not kind:
            return None
        end = None
        if k == b + 1 and k + 1 < n and s.lows[k + 1] in ("voor", "van") and k + 2 < n \
                and is_cap(s.toks[k + 2]):
            # "TOP College, academie voor Zorg en Welzijn" -> keep the full form too
            e = k + 2
            while e < n and (is_cap(s.toks[e]) or (s.lows[e] in ("en", "&", "van", "de")
                                                    and e + 1 < n and is_cap(s.toks[e + 1]))):
                e += 1
            end = e
        return kind, end

__all__ = ["NameChunker"]
