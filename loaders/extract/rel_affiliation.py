"""AFFILIATED_WITH candidates: a person, a role phrase and the organisation it belongs to.
"""

from __future__ import annotations

from loaders.extract.base import ARTICLES, Mention, QUOTE_CLOSE, QUOTE_OPEN, Sent, is_word
from loaders.extract.lexicon import norm
from loaders.extract.relbase import (
    AFF_PREPS, BODIES, ROLE_MODS, SentView, _rep, is_orgish, is_person)


class AffiliationRules:
    """AFFILIATED_WITH candidates: a person, a role phrase and the organisation it belongs to."""

    # ------------------------------------------------------------ AFFILIATED_WITH
    def _role_phrase(self, s: Sent, k: int, end: int) -> tuple[str | None, int]:
        """Role words from token k: ('hoogleraar ‘Theorie van de Zorg’', next index)."""
        start = k
        found = False
        # "lid van de raad van bestuur van X": membership of a board is a role
        while k < end and s.lows[k] in ROLE_MODS and s.lows[k] != "lid":
            k += 1
        if k + 2 < end and s.lows[k] == "lid" and s.lows[k + 1] == "van":
            j2 = k + 2
            while j2 < end and s.lows[j2] in ARTICLES:
                j2 += 1
            rest = " ".join(s.lows[j2:j2 + 3])
            body = next((b for b in BODIES if rest.startswith(b)), None)
            if body is not None:
                k = j2 + len(body.split())
                return s.span(start, k), k
        k = start
        while k < end:
            lw = s.lows[k]
            if self.R.role_of(lw):
                found = True
                k += 1
                if k < end and s.toks[k] in QUOTE_OPEN:
                    for q in range(k + 1, min(end, k + 12)):
                        if s.toks[q] in QUOTE_CLOSE:
                            k = q + 1
                            break
                continue
            if lw in ROLE_MODS and not found:
                k += 1
                continue
            if found and lw == "en" and k + 1 < end and self.R.role_of(s.lows[k + 1]):
                k += 1
                continue
            break
        if not found:
            return None, start
        # "hoogleraar Verplegingswetenschap aan de Universiteit …": a field before the prep
        org_next = k < end and any(
            m.start == k and not is_person(m) and is_orgish(m) and
            (m.end - m.start >= 2 or m.type is not None) for m in self.by_sent.get(s.idx, ()))
        for q in (range(k, min(end, k + 4)) if k < end and s.lows[k] not in AFF_PREPS
                  and not org_next else ()):
            if s.lows[q] in ("aan", "bij") or (s.lows[q] in ("van", "voor") and q > k):
                if all(is_word(s.toks[x]) and s.lows[x] not in ("en", "de", "het")
                       for x in range(k, q)):
                    if q > k:
                        self.role_spans.append((s.idx, k, q))
                    k = q
                break
            if not is_word(s.toks[q]):
                break
        # "voorzitter van de raad van bestuur van X"
        txt = s.span(start, k)
        j = k
        if j < end and s.lows[j] in ("van", "bij"):
            j2 = j + 1
            while j2 < end and s.lows[j2] in ARTICLES:
                j2 += 1
            rest = " ".join(s.lows[j2:j2 + 3])
            for body in BODIES:
                if rest.startswith(body):
                    blen = len(body.split())
                    txt = txt + " " + s.span(j2, j2 + blen)
                    k = j2 + blen
                    break
        return txt, k

    def _role_norm(self, txt: str | None) -> str | None:
        if not txt:
            return None
        words = txt.split()
        r = self.R.role_of(words[0].lower())
        if r and len(words) == 1:
            # plural/capitalised -> the canonical role word; keep compounds as written
            # ("Zorgpactaanjager", "VWS-woordvoerder")
            return r[0]["role"] if not r[1] else words[0]
        if r and not r[1]:
            return words[0].lower() + txt[len(words[0]):]
        return txt

    def _aff_target(self, v: SentView, k: int) -> Mention | None:
        m = self.mention_at(v, k)
        if m is not None and is_orgish(m) and not is_person(m):
            return m
        return None

    def _affiliations(self, v: SentView):
        s = v.s
        n = len(s.toks)
        persons = [m for m in v.ments if is_person(m) and m.kind in ("person", "surname")]
        for P in persons:
            j = P.end
            done = False
            group = [P]
            # "A en B (regio-adviseurs VWS)"
            if P.start >= 2 and s.lows[P.start - 1] == "en":
                Q = next((m for m in v.ments if m.end == P.start - 1 and is_person(m)), None)
                if Q is not None:
                    group.append(Q)
            if j < n and s.toks[j] == ",":
                role, k = self._role_phrase(s, j + 1, n)
                if role:
                    kk = k
                    if kk < n and s.lows[kk] in AFF_PREPS:
                        kk += 1
                    T = self._aff_target(v, kk)
                    rn = self._role_norm(role)
                    if T is not None:
                        for X in group:
                            self.add(X, "AFFILIATED_WITH", T, s.idx, 0.9, rn, "appos")
                        self.aff_targets.add(id(T))
                        # "voorzitter van zorgorganisaties A en B"
                        if T.end + 1 < n and s.lows[T.end] == "en":
                            T3 = self._aff_target(v, T.end + 1)
                            if T3 is not None:
                                for X in group:
                                    self.add(X, "AFFILIATED_WITH", T3, s.idx, 0.8, rn,
                                             "appos-lijst")
                        done = True
                        # a second role: "…, docent bij A en (tevens) verpleegkundige bij B"
                        T2 = T
                        for _ in range(3):
                            q = T2.end
                            if q < n and s.toks[q] == ",":
                                q += 1
                            if q >= n or s.lows[q] not in ("en", "tevens"):
                                break
                            while q < n and s.lows[q] in ("en", "tevens", "ook", "daarnaast"):
                                q += 1
                            role2, k2 = self._role_phrase(s, q, n)
                            if not role2 or k2 >= n or s.lows[k2] not in AFF_PREPS:
                                break
                            T2 = self._aff_target(v, k2 + 1)
                            if T2 is None:
                                break
                            for X in group:
                                self.add(X, "AFFILIATED_WITH", T2, s.idx, 0.85,
                                         self._role_norm(role2), "appos-2")
                            self.aff_targets.add(id(T2))
                    if not P.role:
                        P.role = rn
                else:
                    T = v.at(j + 1)
                    if T is not None and is_orgish(T) and not is_person(T) and (
                            T.end >= n or s.toks[T.end] in (",", ":", ")", ".", ";", "–", "-")):
                        self.add(P, "AFFILIATED_WITH", T, s.idx, 0.6, None, "comma-org")
                        self.aff_targets.add(id(T))
                        done = True
            elif j < n and s.toks[j] == "(":
                close = next((k for k in range(j + 1, min(n, j + 30)) if s.toks[k] == ")"),
                             None)
                if close is not None:
                    for ca, cb in self._clauses(s, j + 1, close):
                        role, k = self._role_phrase(s, ca, cb)
                        kk = k
                        if kk < cb and s.lows[kk] in AFF_PREPS:
                            kk += 1
                        T = self._aff_target(v, kk)
                        if T is not None and T.end <= cb and (role or T.start == ca):
                            rn = self._role_norm(role)
                            for X in group:
                                self.add(X, "AFFILIATED_WITH", T, s.idx,
                                         0.85 if role else 0.6, rn, "paren")
                            self.aff_targets.add(id(T))
                            done = True
                        elif role and not P.role:
                            P.role = self._role_norm(role)
            if not done and j + 1 < n and s.lows[j] in ("van", "bij", "namens", "vanuit"):
                T = self._aff_target(v, j + 1)
                if T is not None:
                    self.add(P, "AFFILIATED_WITH", T, s.idx, 0.6 if not P.role else 0.75,
                             self._role_norm(P.role), "van-org")
                    self.aff_targets.add(id(T))
                    done = True
            # "<rol> van <Org>, <Person>"
            if not done and P.start >= 3 and s.toks[P.start - 1] == ",":
                T = next((m for m in v.ments if m.end == P.start - 1 and is_orgish(m)), None)
                if T is not None:
                    k = T.start - 1
                    while k >= 0 and s.lows[k] in ARTICLES:
                        k -= 1
                    # "Commissaris van de Koning in de provincie Fryslân, Arno Brok"
                    M = v.covering(k - 1) if k >= 1 else None
                    rw = s.toks[k - 1] if k >= 1 else ""
                    if M is not None and not is_person(M):
                        rw = next((x for x in (M.text, s.toks[M.start])
                                   if self.R.role_of(x.lower())), rw)
                    if k >= 1 and s.lows[k] in AFF_PREPS and self.R.role_of(rw.lower()):
                        self.add(P, "AFFILIATED_WITH", T, s.idx, 0.8,
                                 self._role_norm(rw), "role-van-org-person")
                        self.aff_targets.add(id(T))
                        done = True
            # "Zorgpact aanjager Doekle Terpstra": organisation, role word, person
            if not done and P.start >= 2 and self.R.role_of(s.lows[P.start - 1]):
                T = next((m for m in v.ments if m.end == P.start - 1 and is_orgish(m)
                          and not is_person(m)), None)
                if T is not None:
                    self.add(P, "AFFILIATED_WITH", T, s.idx, 0.75,
                             self._role_norm(s.toks[P.start - 1]), "org-rol-persoon")
                    self.aff_targets.add(id(T))
            # compound role prefix: "Zorgpactaanjager", "VWS-woordvoerder"
            pref = P.props.get("role_prefix")
            if pref and P.role:
                T = self._find_entity(pref)
                if T is not None:
                    self.add(P, "AFFILIATED_WITH", T, s.idx, 0.7, P.role, "compound-role")
            # e-mail address of the person
            for k in range(j, min(n, j + 4)):
                E = v.at(k)
                if E is not None and "email" in E.flags:
                    self.add(P, "AFFILIATED_WITH", E, s.idx, 0.5, "contactpersoon", "email")
                    break

    _DATE_WORDS = frozenset({"op", "van", "tot", "en", "t/m", "om", "uur", ",", "vanaf",
                             "tussen", "januari", "februari", "maart", "april", "mei", "juni",
                             "juli", "augustus", "september", "oktober", "november",
                             "december", "maandag", "dinsdag", "woensdag", "donderdag",
                             "vrijdag", "zaterdag", "zondag", "-", "–"})

    def _only_dates(self, s: Sent, a: int, b: int) -> bool:
        """Tokens a..b are only a date expression ("op 12 mei 2023")."""
        if b - a > 10:
            return False
        return all(s.lows[k] in self._DATE_WORDS or s.lows[k][:1].isdigit()
                   for k in range(a, b))

    def _only_apposition(self, v: SentView, a: int, b: int) -> bool:
        """Tokens a..b are only an apposition: role words, prepositions, names."""
        s = v.s
        for k in range(a, b):
            if v.covering(k) is not None or not is_word(s.toks[k]):
                continue
            lw = s.lows[k]
            if self.R.role_of(lw) or lw in ROLE_MODS or lw in AFF_PREPS or lw in ARTICLES \
                    or lw in self.R.descr or lw == "en":
                continue
            return False
        return True

    def _on_behalf(self, v: SentView):
        s = v.s
        for k, lw in enumerate(s.lows):
            if lw != "namens":
                continue
            O = self.mention_at(v, k + 1)
            if O is None:
                O = self._anaphor_org(v, k + 1)
            if O is None or not is_orgish(O) or is_person(O):
                continue
            P = next((m for m in v.ments if is_person(m) and m.start > k), None)
            if P is None:
                P = next((m for m in reversed(v.ments) if is_person(m) and m.end <= k), None)
            if P is not None:
                self.add(P, "AFFILIATED_WITH", O, s.idx, 0.7, self._role_norm(P.role),
                         "namens")
                self.aff_targets.add(id(O))

    def _anaphor_org(self, v: SentView, k: int) -> Mention | None:
        """'namens het ministerie': the last organisation whose name starts with that noun."""
        s = v.s
        if k + 1 >= len(s.toks) or s.lows[k] not in ("het", "de"):
            return None
        noun = s.lows[k + 1]
        best = None
        for m in self.mentions:
            if m.start < 0 or not is_orgish(m) or (m.s, m.start) >= (s.idx, k):
                continue
            words = " ".join([m.name, m.text, *m.forms]).lower().split()
            if noun in words and (best is None or (m.s, m.start) > (best.s, best.start)):
                best = m
        return _rep(best) if best is not None else None

    def _find_entity(self, text: str) -> Mention | None:
        key = norm(text)
        for m in self.mentions:
            if norm(m.text) == key or norm(m.name) == key:
                return _rep(m)
        e = self.lex.entry_for(text)
        if e is not None:
            for m in self.mentions:
                if m.entry == e.id:
                    return _rep(m)
        return None

__all__ = ["AffiliationRules"]
