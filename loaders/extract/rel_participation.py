"""PARTICIPATED_IN candidates (speakers, attendees, hosts) and FUNDED_BY candidates (funding cues).
"""

from __future__ import annotations

from loaders.extract.base import ARTICLES, Mention, QUOTE_OPEN
from loaders.extract.relbase import (
    SentView, _rep, etype, is_event, is_orgish, is_person, is_region)


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

    # ------------------------------------------------------------ FUNDED_BY
    def _funded(self, v: SentView):
        s, C = v.s, self.cues
        for a, b in v.find(C.get("funded_by")):
            funders = self.list_after(v, b)
            T = self._subject_anaphor(v, a) or self.nearest(
                v, a, lambda m: etype(m) in ("initiative", "event") and
                "group" not in m.flags, True, funders) or self.main_ini
            for F in funders:
                self.add(T, "FUNDED_BY", F, s.idx, 0.75, None, "gefinancierd door")
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
            k = b
            funders = self.list_after(v, k)
            for X in subj:
                for F in funders:
                    self.add(X, "FUNDED_BY", F, s.idx, 0.75, None, "ontvangt subsidie van")

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
