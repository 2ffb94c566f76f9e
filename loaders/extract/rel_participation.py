"""PARTICIPATED_IN candidates (speakers, attendees, hosts) and FUNDED_BY candidates (funding cues).
"""

from __future__ import annotations

from loaders.extract.base import ARTICLES, Mention, QUOTE_OPEN
from loaders.extract.relbase import (
    SentView, _rep, etype, is_event, is_orgish, is_person, is_region)


#: 'het initiatief', 'dit project': the text's own initiative as a subject
_OWN_NOUNS = frozenset({"initiatief", "project", "programma", "samenwerkingsverband",
                        "pilot", "plan", "traject", "practoraat", "lectoraat", "lab"})
_FUNDED_ADJ = frozenset({"gefinancierde", "gesubsidieerde", "gefinancierd", "gesubsidieerd",
                         "bekostigde"})
_GRANT = frozenset({"toegekend", "verleend", "toegezegd", "kent", "verleent", "kende",
                    "ontvangt", "ontving", "kreeg", "krijgt"})
_CONTRIBUTE = frozenset({"dragen", "draagt", "droeg", "droegen"})


class ParticipationRules:
    """PARTICIPATED_IN candidates (speakers, attendees, hosts) and FUNDED_BY candidates (funding cues)."""

    def _first_event(self) -> Mention | None:
        """The event a text without an event in its title is about: its first event."""
        if not hasattr(self, "_first_ev"):
            evs = [m for m in self.mentions if m.start >= 0 and is_event(m)]
            ev = min(evs, key=lambda x: (x.s, x.start)) if evs else None
            self._first_ev = _rep(ev) if ev is not None else None
        return self._first_ev

    def _recent_initiative(self, si: int, k: int) -> Mention | None:
        """The initiative mentioned last before token k of sentence si (this or an earlier
        sentence): the antecedent of 'het pact', 'sloten zich aan als partner'."""
        best = None
        for m in self.mentions:
            if m.start < 0 or etype(m) != "initiative" or "group" in m.flags:
                continue
            if m.s < si or (m.s == si and m.end <= k):
                if best is None or (m.s, m.start) > (best.s, best.start):
                    best = m
        return _rep(best) if best is not None else None

    def _title_subject(self) -> Mention | None:
        """What a text is about when its title names no initiative: the first organisation
        or initiative of the title that is not a government, school or care provider
        ("Zorgcampus Nissewaard wordt …")."""
        for m in self.mentions:
            if m.s <= 1 and m.start >= 0 and is_orgish(m) and "group" not in m.flags and \
                    etype(m) in ("initiative", "company", None):
                return _rep(m)
        return None

    def _funded_subject(self, v: SentView, a: int) -> Mention | None:
        """'Het initiatief wordt … mogelijk gemaakt door …': the text's own initiative."""
        s = v.s
        if a >= 2 and s.lows[0] in ("het", "dit", "de", "deze") and s.lows[1] in _OWN_NOUNS \
                and v.at(1) is None:
            return self.main_ini or self._title_subject()
        return None

    # ------------------------------------------------------------ FUNDED_BY
    def _funded(self, v: SentView):
        s, C = v.s, self.cues
        prev = None   # "… mogelijk gemaakt door X en met subsidie vanuit Y": one subject
        for a, b in v.find(C.get("funded_by")):
            funders = self.list_after(v, b)
            T = prev or self._subject_anaphor(v, a) or self.nearest(
                v, a, lambda m: etype(m) in ("initiative", "event") and
                "group" not in m.flags, True, funders) or self._funded_subject(v, a) \
                or self.main_ini
            prev = T
            for F in funders:
                self.add(T, "FUNDED_BY", F, s.idx, 0.75, None, "gefinancierd door")
                # "het Investeringsfonds MBO van het ministerie van OCW": the owner funds too
                k = F.end
                if k + 1 < len(s.toks) and s.lows[k] == "van":
                    k += 1 + (s.lows[k + 1] in ARTICLES)
                    G = v.at(k)
                    if G is not None and etype(G) == "government":
                        self.add(T, "FUNDED_BY", G, s.idx, 0.7, None, "fonds van")
        for a, b in v.find(C.get("funds")):
            funders = self.list_before(v, a)
            T = self.mention_at(v, b) or self._anaphor(v, b) or self.nearest(
                v, b, lambda m: (is_orgish(m) or is_event(m)) and m.start >= b,
                False, funders) or self.main_ini
            if T is not None and (is_person(T) or is_region(T)):
                continue
            for F in funders:
                self.add(T, "FUNDED_BY", F, s.idx, 0.75, None, "financiert")
        for a, b in v.find(C.get("receives_funding")):
            subj = self.list_before(v, a) or ([self.main_ini] if self.main_ini else [])
            funders = self.list_after(v, b)
            for X in subj:
                for F in funders:
                    self.add(X, "FUNDED_BY", F, s.idx, 0.75, None, "ontvangt subsidie van")
        lows = s.lows
        for k, w in enumerate(lows):
            # "het door een RIF gesubsidieerde practoraat …", "de door OCW gefinancierde pilot"
            if w in _FUNDED_ADJ and k + 1 < len(lows):
                d = next((x for x in range(k - 1, max(-1, k - 7), -1) if lows[x] == "door"),
                         None)
                T = self.mention_at(v, k + 1)
                if d is None or T is None or not is_orgish(T) or is_person(T):
                    continue
                for F in [m for m in v.ments if d < m.start and m.end <= k and is_orgish(m)]:
                    self.add(T, "FUNDED_BY", F, s.idx, 0.7, None, "door X gefinancierde")
        # "heeft het ministerie van Onderwijs een subsidie toegekend", "de gemeente Assen en
        # de provincie Drenthe dragen beide 200.000 euro bij"
        money = any(w == "euro" or w.startswith("€") for w in lows)
        if "subsidie" in lows and any(w in _GRANT for w in lows):
            funders = [m for m in v.ments if etype(m) == "government" or
                       "fonds" in m.text.lower()]
            T = next((m for m in v.ments if m not in funders and is_orgish(m) and
                      etype(m) in ("initiative", "company", None) and
                      "group" not in m.flags), None) or self.main_ini or self._title_subject()
            self._grant(T, funders, s.idx, "subsidie toegekend")
        elif money and len(lows) > 2 and "bij" in lows[-3:]:
            k = next((x for x, w in enumerate(lows) if w in _CONTRIBUTE), None)
            if k is not None:
                T = self.main_ini or self._title_subject() or (
                    self.last_funded[0] if self.last_funded and
                    s.idx - self.last_funded[1] <= 2 else None)
                self._grant(T, self.list_before(v, k), s.idx, "draagt bij")

    def _grant(self, T: Mention | None, funders: list[Mention], si: int, rule: str) -> None:
        if T is None or etype(T) in ("government", "person", "region"):
            return
        for F in funders:
            if _rep(F) is not _rep(T) and not is_person(F) and not is_region(F):
                self.add(T, "FUNDED_BY", F, si, 0.6, None, rule)
                self.last_funded = (T, si)

    # ------------------------------------------------------------ PARTICIPATED_IN
    def _participation(self, v: SentView):
        s, C = v.s, self.cues
        hits = v.find(C.get("participates"))
        ev_in_sent = [m for m in v.ments if is_event(m)]
        persons = [m for m in v.ments if is_person(m)]
        ev_roles = [m for m in persons if m.role and self.R.role_of(m.role.lower().split()[0])
                    and self.R.role_of(m.role.lower().split()[0])[0].get("event")]
        target = None
        if hits or ev_roles:
            target = (ev_in_sent[0] if ev_in_sent else None) or self.main_event \
                or self._first_event()
            if target is None:
                return
        for P in ev_roles:
            self.add(P, "PARTICIPATED_IN", target, s.idx, 0.7, self._role_norm(P.role),
                     "event-rol")
        if hits:
            for P in persons:
                self.add(P, "PARTICIPATED_IN", target, s.idx, 0.6, None, "deelname")
            first = v.ments[0]
            if is_orgish(first) and first.start <= 2 and id(first) not in self.aff_targets \
                    and "group" not in first.flags and not is_event(first) and \
                    etype(first) != "initiative" or (
                    is_orgish(first) and first.start <= 1 and etype(first) == "initiative"
                    and "group" not in first.flags and not is_event(first)
                    and id(first) not in self.aff_targets):
                self.add(first, "PARTICIPATED_IN", target, s.idx, 0.6, None, "deelname")
            # "…aanwezig zijn: TOP College, …"
            for a, b in hits:
                colon = next((x for x in range(b, min(len(s.toks), b + 4))
                              if s.toks[x] == ":"), None)
                if colon is not None:
                    for M in self.list_after(v, colon + 1):
                        if "group" not in M.flags:
                            self.add(M, "PARTICIPATED_IN", target, s.idx, 0.6, None,
                                     "aanwezig:")
        # quoted speakers in an event report: "<Person>, <rol> van <Org>: “…”"
        if self.main_event is not None and target is None:
            for P in persons:
                k = P.end
                depth = 0
                while k < len(s.toks) and k - P.end < 15 and s.toks[k] != ":":
                    k += 1
                if k + 1 < len(s.toks) and s.toks[k] == ":" and s.toks[k + 1] in QUOTE_OPEN \
                        and (P.end == k or s.toks[P.end] in (",", "(")) \
                        and self._only_apposition(v, P.end, k):
                    self.add(P, "PARTICIPATED_IN", self.main_event, s.idx, 0.5, None, "citaat")
        # host: "<event> bij <Org>"
        for E in ev_in_sent:
            k = E.end
            while k < len(s.toks) and k - E.end < 4 and s.lows[k] in (
                    "vond", "vindt", "plaats", "was", "is", "wordt", "werd", "gehouden",
                    "georganiseerd", "plaatsgevonden", "heeft", "plaatsvinden", "zal"):
                k += 1
            if k < len(s.toks) and s.lows[k] == "bij":
                k += 1
                H = v.at(k)
                while H is None and k < len(s.toks) and (s.lows[k] in ARTICLES or
                                                         s.lows[k] in self.R.descr):
                    k += 1
                    H = v.at(k)
                if H is not None and is_orgish(H) and not is_person(H):
                    self.add(H, "PARTICIPATED_IN", E, s.idx, 0.6, "gastheer", "bij")

__all__ = ["ParticipationRules"]
