"""ORGANISED candidates: organising cues, initiatives of, trekker/penvoerder.
"""

from __future__ import annotations

from loaders.extract.relbase import (
    SentView, etype, is_event, is_orgish, is_person, is_unit, untyped_name)


class OrganisedRules:
    """ORGANISED candidates: organising cues, initiatives of, trekker/penvoerder."""

    # ------------------------------------------------------------ ORGANISED
    def _organised(self, v: SentView):
        s, C = v.s, self.cues
        for a, b in v.find(C.get("organised_by")):
            agents = self.list_after(v, b)
            if not agents:
                A = self._anaphor(v, b)
                agents = [A] if A is not None else []
            T = self.nearest(v, a, lambda m: etype(m) in ("event", "initiative")
                             and "group" not in m.flags, True, agents) or self.main_event
            for A in agents:
                self.add(A, "ORGANISED", T, s.idx, 0.85, None, "georganiseerd door")
            if T is not None and agents:
                for a2, b2 in v.find(C.get("with")):
                    for A in self.list_after(v, b2):
                        self.add(A, "ORGANISED", T, s.idx, 0.7, "in samenwerking", "met")
        for a, b in v.find(C.get("organises")):
            before = self.list_before(v, a)
            before = [m for m in before if etype(m) not in ("event",)]
            if before:
                agents = before
                T = self.nearest(v, b, lambda m: etype(m) in ("event", "initiative"), False,
                                 agents)
            else:
                after = [m for m in v.ments if m.start >= b]
                agents = [m for m in after[:1] if is_orgish(m) and etype(m) != "event"]
                T = next((m for m in after[1:] if etype(m) in ("event", "initiative")), None)
            if T is None or not agents:
                continue
            for A in agents:
                self.add(A, "ORGANISED", T, s.idx, 0.8, None, "organiseert")
        for a, b in v.find(C.get("initiative_of")):
            agents = self.list_after(v, b)
            T = self.nearest(v, a, lambda m: etype(m) in ("initiative", "event"), True, agents)
            if T is None or T.start > a:
                T = self._subject_anaphor(v, a) or (self.main_ini if T is None else T)
            for A in agents:
                self.add(A, "ORGANISED", T, s.idx, 0.85, "initiatiefnemer", "initiatief van")
        for a, b in v.find(C.get("on_initiative_of")):
            agents = self.list_after(v, b)
            T = None
            if a >= 2 and s.lows[a - 1] in ("opgericht", "opgezet", "gestart", "ontstaan",
                                            "ontwikkeld", "opgesteld", "gelanceerd"):
                T = self.nearest(v, a, lambda m: etype(m) in ("initiative", "event") and
                                 "group" not in m.flags, True, agents)
                if T is not None and T.start > a:
                    T = None
                T = T or self._subject_anaphor(v, a)
            T = T or self.nearest(v, b, lambda m: etype(m) in ("initiative", "event") and
                                  "group" not in m.flags, False, agents) or self.main_ini \
                or self.main_event
            for A in agents:
                self.add(A, "ORGANISED", T, s.idx, 0.6, "initiatiefnemer", "op initiatief van")
        for a, b in v.find(C.get("founded_by")):
            agents = self.list_after(v, b)
            T = self.nearest(v, a, lambda m: etype(m) in ("initiative", "event"), True, agents)
            if T is None or T.start > a:
                T = self._subject_anaphor(v, a) or T
            role = "ontwikkelaar" if "ontwikkel" in v.text[v.offs[a]:] else "initiatiefnemer"
            for A in agents:
                self.add(A, "ORGANISED", T, s.idx, 0.8, role, "door")
        for a, b in v.find(C.get("founded_active")):
            phrase = " ".join(s.lows[a:b])
            before = [m for m in v.ments if m.end <= a]
            role = ("mede-ontwikkelaar" if "mede" in phrase else
                    "ontwikkelaar" if "ontwikkel" in phrase else "initiatiefnemer")
            # relative clause: "<X>, dat <Agent> mede-ontwikkeld heeft"
            rel_k = next((k for k in range(a - 1, -1, -1) if s.lows[k] in ("dat", "die")
                          and k > 0 and s.toks[k - 1] == ","), None)
            if rel_k is not None:
                agents = [m for m in before if m.start > rel_k and is_orgish(m)
                          and etype(m) != "initiative" or (m.start > rel_k and is_orgish(m))]
                T = self.nearest(v, rel_k, lambda m: etype(m) in ("initiative", "event"), True)
                for A in agents:
                    self.add(A, "ORGANISED", T, s.idx, 0.75, role, "dat … ontwikkeld")
                continue
            # the initiative, or a name the typer still has to type ("starten … het
            # Practoraat Zorg & (Sensor)technologie")
            after = [m for m in v.ments if m.start >= b and (
                etype(m) in ("initiative", "event") or (
                    untyped_name(m) and "group" not in m.flags and m.start - b <= 12))]
            if after:
                agents = [m for m in self.list_before(v, a) if etype(m) != "initiative"]
                if not agents:
                    agents = [m for m in before if is_orgish(m) and etype(m) != "initiative"][:1]
                for A in agents:
                    self.add(A, "ORGANISED", after[0], s.idx, 0.75, role, "ontwikkelde")
                continue
            orgs = [m for m in before if is_orgish(m) or is_person(m)]
            if len(orgs) >= 2:
                A = orgs[0]
                T = next((m for m in orgs[1:] if etype(m) in ("initiative", "event")), None)
                if T is not None and A is not T:
                    self.add(A, "ORGANISED", T, s.idx, 0.75, role, "heeft … opgericht")

    def _leads(self, v: SentView):
        """'A is trekker/penvoerder van X', 'A trekt X' -> A ORGANISED X."""
        s = v.s
        for a, b in v.find(self.cues.get("leads")):
            agents = [m for m in self.list_before(v, a) if etype(m) not in
                      ("initiative", "event", "region")]
            if not agents:
                continue
            T = self.mention_at(v, b) or self._anaphor(v, b)
            if T is None or not (is_orgish(T) or is_event(T)) or is_person(T):
                T = self._recent_initiative(s.idx, a)
            if T is None:
                continue
            role = next((w for w in s.lows[a:b] if w in ("trekker", "penvoerder",
                                                          "kartrekker")), "trekker")
            for A in agents:
                self.add(A, "ORGANISED", T, s.idx, 0.75, role, "trekker van")

    def _owned(self, v: SentView):
        """An initiative or event "of" an organisation: "het actieprogramma Werken in de Zorg
        van het kabinet", "Het HECS (…) van het ROC van Amsterdam", "Het RIF is een
        subsidieregeling van het ministerie van OCW"."""
        s = v.s
        n = len(s.toks)
        for m in v.ments:
            # an unknown name typed company by default may be the initiative ("het
            # Practoraat Waterstof van Drenthe College"); the typer decides its kind
            if "group" in m.flags or not (etype(m) in ("initiative", "event") or
                                          untyped_name(m)) or is_unit(m):   # a unit is PART_OF it
                continue
            k = m.end
            if k < n and s.toks[k] == "(":            # "(HECS)"
                k = next((j + 1 for j in range(k, min(n, k + 6)) if s.toks[j] == ")"), k)
            elif k + 2 < n and s.lows[k] in ("is", "was") and s.lows[k + 1] in ("een", "het") \
                    and m.start <= 2:                 # "Het RIF is een subsidieregeling van"
                k += 3
            if k + 1 >= n or s.lows[k] != "van":
                continue
            A = self.mention_at(v, k + 1)
            if A is None or not is_orgish(A) or etype(A) in ("initiative", "event") or \
                    A is m:
                continue
            self.add(A, "ORGANISED", m, s.idx, 0.6, None, "X van organisatie")

__all__ = ["OrganisedRules"]
