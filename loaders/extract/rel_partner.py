"""PARTNER_IN candidates: partner lists, signing, joining, working together.
"""

from __future__ import annotations

from loaders.extract.base import Mention, acronym, is_acronym, is_cap
from loaders.extract.relbase import (
    LIST_GLUE, SentView, etype, is_orgish, is_person, untyped_name)


#: "het gezamenlijke practoraat", "een gemeenschappelijk programma"
#: "A, B en C zijn samen een Innovatiehub gestart" (not "samen met")
JOINT = frozenset({"gezamenlijke", "gezamenlijk", "gemeenschappelijke", "gemeenschappelijk",
                   "samen"})


class PartnerRules:
    """PARTNER_IN candidates: partner lists, signing, joining, working together."""

    # ------------------------------------------------------------ PARTNER_IN
    def _partners(self, v: SentView):
        s, C = v.s, self.cues
        n = len(s.toks)
        for a, b in v.find(C.get("partners_of")):
            role = "nieuwe partner" if a > 0 and s.lows[a - 1] == "nieuwe" else "partner"
            T = self.mention_at(v, b)
            if T is not None and etype(T) in ("initiative", "event") or (
                    T is not None and is_orgish(T)):
                colon = next((x for x in range(T.end, min(n, T.end + 3))
                              if s.toks[x] in (":",)), None)
                if colon is not None:
                    members = self.list_after(v, colon + 1)
                    for M in members:
                        self.add(M, "PARTNER_IN", T, s.idx, 0.8, role, "partners van X:")
                    continue
                a0 = a
                while a0 > 0 and s.lows[a0 - 1] in ("zijn", "is", "waren", "was", "worden",
                                                    "werden", "blijven", "blijft", "nieuwe",
                                                    "vaste", "belangrijke", "de", "een"):
                    a0 -= 1
                subj = self.list_before(v, a0)
                if subj and s.lows[a] in ("partner", "partners"):
                    for M in subj:
                        if M is not T:
                            self.add(M, "PARTNER_IN", T, s.idx, 0.8, role, "X partner in Y")
        # "A en B werken (daarin) samen met (zorgaanbieders als) C en D"
        for a, b in v.find(C.get("coop_with")):
            subj = [m for m in self.list_before(v, a) if etype(m) not in ("initiative", "event")]
            k = b
            for q in range(b, min(n, b + 3)):
                if s.lows[q] in ("als", "zoals", "waaronder"):
                    k = q + 1
                    break
            objs = [m for m in self.list_after(v, k, stop_persons=True)
                    if etype(m) not in ("initiative", "event", "region")]
            if not subj or not objs:
                continue
            T = None
            if not {"daarin", "hierin", "daarbij", "er"} & set(s.lows[a:b]):
                T = self.nearest(v, a, lambda m: etype(m) == "initiative" and "group" not in
                                 m.flags, True, subj + objs)
            T = T or self._recent_initiative(s.idx, a)
            if T is None:
                continue
            for M in subj + objs:
                if M is not T:
                    self.add(M, "PARTNER_IN", T, s.idx, 0.65, "partner", "werken samen met")
        self._inverted_coop(v)
        self._colon_list(v)
        self._joint(v)
        # "<initiatief>, een samenwerking tussen A, B en C" / "wordt uitgevoerd door A en B"
        for a, b in v.find(C.get("coop_of")):
            members = [m for m in self.list_after(v, b, stop_persons=True)
                       if etype(m) not in ("initiative", "event", "region")]
            if not members:
                # "samenwerking tussen studenten en docenten van A en B": from the first name
                k = next((m.start for m in v.ments if b < m.start <= b + 6), None)
                if k is not None:
                    members = [m for m in self.list_after(v, k, stop_persons=True)
                               if etype(m) not in ("initiative", "event", "region")]
            if not members:
                continue
            T = None
            if a >= 2 and s.toks[a - 1] == ",":   # apposition: "<X>, een samenwerking tussen"
                X = next((m for m in v.ments if m.end == a - 1), None)
                if X is not None and is_orgish(X) and not is_person(X):
                    T = X
            T = T or self.nearest(v, a, lambda m: etype(m) == "initiative" and "group" not in
                                  m.flags, True, members)
            if T is not None and T.start > a:
                T = None
            T = T or self._subject_anaphor(v, a) or self._named_by_acronym(s, a)
            if T is None:
                continue
            for M in members:
                self.add(M, "PARTNER_IN", T, s.idx, 0.7, "partner", "samenwerking van")
        for a, b in v.find(C.get("partners_incl")):
            members = self.list_after(v, b)
            T = self.nearest(v, a, lambda m: etype(m) == "initiative" and "group" not in
                             m.flags, True, members) or self._recent_initiative(s.idx, a) \
                or self.main_ini
            for M in members:
                if M is not T:
                    self.add(M, "PARTNER_IN", T, s.idx, 0.7, "partner", "partners, waaronder")
        for a, b in v.find(C.get("signed_by")):
            members = self.list_after(v, b)
            T = self.nearest(v, a, lambda m: etype(m) in ("initiative",), True, members) \
                or self.main_ini
            for M in members:
                self.add(M, "PARTNER_IN", T, s.idx, 0.75, "ondertekenaar", "ondertekend door")
        for a, b in v.find(C.get("signed")):
            members = self.list_before(v, a)
            if not members:
                # inversion after a fronted adverbial: "Op 12 maart ondertekenden A, B en C …"
                members = [m for m in self.list_after(v, b, stop_persons=True)
                           if etype(m) != "initiative"]
                after = members[-1].end if members else b
                T = self.nearest(v, after, lambda m: etype(m) == "initiative", False, members) \
                    or self.main_ini
                for M in members:
                    self.add(M, "PARTNER_IN", T, s.idx, 0.75, "ondertekenaar", "ondertekenden")
                continue
            T = self.nearest(v, b, lambda m: etype(m) == "initiative", False, members) \
                or self.main_ini
            for M in members:
                if etype(M) != "initiative" or M is not T:
                    self.add(M, "PARTNER_IN", T, s.idx, 0.75, "ondertekenaar", "ondertekenden")
        for a, b in v.find(C.get("joins")):
            members = self.list_before(v, a)
            if not members:
                members = [m for m in self.list_after(v, b, stop_persons=True)
                           if etype(m) != "initiative"]
            T = self.mention_at(v, b)
            if T is None or etype(T) != "initiative":
                T = self.nearest(v, b, lambda m: etype(m) in ("initiative",), False, members)
            if T is None:
                T = self._recent_initiative(s.idx, a)
            if T is not None:
                for M in members:
                    self.add(M, "PARTNER_IN", T, s.idx, 0.7, "deelnemer", "sluit aan bij")

    def _joint(self, v: SentView):
        """"Alfa-college, Noorderpoort en Drenthe College hebben een practor aangesteld voor
        het gezamenlijke practoraat Zorg en Technologie", "… zijn HAN, CWZ en Rijnstate samen
        een Innovatiehub gestart": the organisations named first in the sentence (two or
        more) are PARTNER_IN the joint initiative."""
        s = v.s
        if JOINT.isdisjoint(s.lows):
            return
        for k, w in enumerate(s.lows):
            if w not in JOINT or (w == "samen" and s.lows[k + 1:k + 2] == ["met"]):
                continue
            # the initiative, or a name the typer still has to type ("het gezamenlijke
            # practoraat Zorg en Technologie")
            T = next((m for m in v.ments if k < m.start <= k + 3), None)
            if T is None or not (etype(T) == "initiative" or untyped_name(T)):
                continue
            first = next((m for m in v.ments if m.end <= k and is_orgish(m) and
                          etype(m) not in ("initiative", "event", "region")), None)
            if first is None:
                continue
            agents = [m for m in self.list_after(v, first.start) if m.end <= k and
                      etype(m) not in ("initiative", "event", "region") and m is not T]
            if len(agents) >= 2:
                for A in agents:
                    self.add(A, "PARTNER_IN", T, s.idx, 0.7, "partner", "gezamenlijke X")

    def _colon_list(self, v: SentView):
        """A list after a colon in a sentence about working together: "De volgende
        organisaties vormen samen dit initiatief: A, B, …", "Betrokken zijn: A en B"."""
        s = v.s
        if ":" not in s.toks or v.words.isdisjoint(_COLLAB_WORDS):
            return
        c = s.toks.index(":")
        if _COLLAB_WORDS.isdisjoint(s.lows[:c]) or any(
                r.s == s.idx and r.rel == "PARTNER_IN" for r in self.rels):
            return
        members = [m for m in self.list_after(v, c + 1, stop_persons=True)
                   if etype(m) not in ("initiative", "event", "region")]
        if len(members) < 2:
            return
        T = self.nearest(v, c, lambda m: etype(m) == "initiative" and "group" not in m.flags
                         and m.end <= c, True, members)
        if T is None:
            art = next((j for j in range(c) if s.lows[j] in ("dit", "deze", "het", "de")
                        and j + 1 < c and s.lows[j + 1] in self.R.descr), None)
            T = self._anaphor(v, art) if art is not None else None
        T = T or self._recent_initiative(s.idx, 0) or self.main_ini
        if T is None:
            return
        for M in members:
            if M is not T:
                self.add(M, "PARTNER_IN", T, s.idx, 0.65, "partner", "samen …: lijst")

    def _inverted_coop(self, v: SentView):
        """A fronted collaboration and its partners after the verb: "In het HECS werken A,
        B en C samen aan …", "Aan deze stages werkten A en de zorginstellingen B en C mee".
        An apposition (", onderdeel van X") inside the list is skipped."""
        if v.words.isdisjoint(_WORK_VERBS):
            return
        s = v.s
        n = len(s.toks)
        for k in range(1, n - 2):
            if s.lows[k] not in _WORK_VERBS:
                continue
            end = next((j for j in range(k + 2, min(n, k + 40)) if s.lows[j] in
                        ("samen", "mee")), None)
            if end is None:
                continue
            members, stray, j = [], 0, k + 1
            while j < end:
                m = v.at(j)
                if m is not None:
                    if etype(m) not in ("initiative", "event", "region", "person") and \
                            is_orgish(m):
                        members.append(m)
                    j = m.end
                    continue
                if s.lows[j] == "onderdeel" and j + 1 < end and s.lows[j + 1] == "van":
                    j += 2      # the parent of an apposition is not a partner here
                    while j < end and (s.lows[j] in ("het", "de") or v.at(j) is None and
                                       is_cap(s.toks[j])):
                        j += 1
                    m = v.at(j)
                    j = m.end if m is not None else j
                    continue
                if s.lows[j] not in LIST_GLUE and s.lows[j] not in self.R.descr:
                    stray += 1
                j += 1
            if not members or stray > 2:
                continue
            T = self.nearest(v, k, lambda m: etype(m) == "initiative" and "group" not in
                             m.flags and m.end <= k, True, members)
            if T is None:
                art = next((j for j in range(k) if s.lows[j] in
                            ("deze", "dit", "die", "het", "de")), None)
                T = self._anaphor(v, art) if art is not None else None
            T = T or self._named_by_acronym(s, k) or self._recent_initiative(s.idx, 0) or \
                self.main_ini
            if T is None:
                continue
            for M in members:
                if M is not T:
                    self.add(M, "PARTNER_IN", T, s.idx, 0.65, "partner", "in X werken A samen")
            return

    def _named_by_acronym(self, s, k: int) -> Mention | None:
        """The earlier name whose initials are an abbreviation among the first k tokens of
        sentence s ("In het HECS werken …" -> "Health Experience Center Slotervaart")."""
        abbrs = {t for t in s.toks[:k] if is_acronym(t)}
        if not abbrs:
            return None
        for m in self.mentions:
            if m.s < s.idx and m.start >= 0 and not is_person(m) and \
                    len(m.text.split()) >= 2 and acronym(m.text) in abbrs:
                return m
        return None


_COLLAB_WORDS = frozenset({"samen", "samenwerking", "samenwerkingspartners", "partners",
                           "partijen", "deelnemers", "deelnemende", "betrokken", "aangesloten",
                           "vormen", "initiatiefnemers", "kernteam", "consortium"})
_WORK_VERBS = frozenset({"werken", "werkten", "werkt", "werkte"})

__all__ = ["PartnerRules"]
