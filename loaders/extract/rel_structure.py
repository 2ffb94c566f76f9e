"""PART_OF candidates: in het kader van, onderdeel van, koploper lists, programme structure.
"""

from __future__ import annotations

import re

from graph.model import ORG_KINDS
from loaders.extract.base import Mention, Sent
from loaders.extract.relbase import (
    SentView, _rep, etype, is_event, is_orgish, is_person, is_region, is_unit)


class StructureRules:
    """PART_OF candidates: in het kader van, onderdeel van, koploper lists, programme structure."""

    # ------------------------------------------------------------ PART_OF
    def _part_of(self, v: SentView):
        s, C = v.s, self.cues
        n = len(s.toks)
        for a, b in v.find(C.get("in_context_of")):
            P = self.mention_at(v, b)
            if P is None or etype(P) not in ("event", "initiative"):
                continue
            X = next((m for m in v.ments if m.end <= a and is_event(m) and m is not P), None)
            if X is None:
                X = self.nearest(v, a, lambda m: etype(m) in ("event", "initiative"), True, (P,))
            if X is not None and X.end <= a:
                self.add(X, "PART_OF", P, s.idx, 0.7, None, "in het kader van")
        for a, b in v.find(C.get("part_of")):
            P = self.mention_at(v, b)
            if P is None or etype(P) not in ("event", "initiative", *ORG_KINDS):
                continue
            subj = [m for m in self.list_before(v, a, lambda m: etype(m) != "person")]
            if not subj:
                first = next((m for m in v.ments if m.end <= a and etype(m) in
                              ("event", "initiative") or (m.end <= a and is_orgish(m))), None)
                subj = [first] if first else []
            for X in subj:
                self.add(X, "PART_OF", P, s.idx, 0.75, None, "onderdeel van")
        # apposition: "MBO College West, onderdeel van het ROC van Amsterdam"
        for a, b in v.find(C.get("part_of_appos")):
            P = self.mention_at(v, b)
            X = next((m for m in v.ments if m.end == a), None)
            if P is not None and X is not None and is_orgish(X) and not is_person(X) and \
                    etype(P) in ("initiative", None, *ORG_KINDS):
                self.add(X, "PART_OF", P, s.idx, 0.75, None, "X, onderdeel van Y")
        # a school's unit: "de Academie voor Verpleegkunde van de Hanzehogeschool"
        for X, P in zip(v.ments, v.ments[1:]):
            if is_unit(X) and etype(P) in ("school", "knowledge_institute", None) and \
                    s.lows[X.end:P.start] in (["van"], ["van", "de"], ["van", "het"]):
                self.add(X, "PART_OF", P, s.idx, 0.75, None, "eenheid van school")
        self._member_regions(v)
        # koploper descriptors: "Koploper Zorgtrainingscentrum", "koploper X"
        for m in v.ments:
            for f in [m.text] + m.forms:
                w = f.split()[0].lower() if len(f.split()) > 1 else ""
                gid = self.R.member_words.get(w)
                if gid is not None and _rep(m).entry != gid:
                    G = self._group_mention(gid, v.s.idx)
                    if G is not None:
                        e = self.lex.entries[gid]
                        self.add(m, "PART_OF", G, s.idx, 0.8, e.member_role or w, "koploper X")
                        break
        # labs, stands and sessions of the main event
        if self.main_event is not None and re.search(r"\b(deelnemers|bezoekers|aanwezigen)\b",
                                                     v.text):
            for m in v.ments:
                if etype(m) == "initiative" and any(
                        m.text.lower().endswith(h) for h in ("lab", "labs", "plein", "markt",
                                                               "stand", "café", "corner")):
                    self.add(m, "PART_OF", self.main_event, s.idx, 0.5, None, "lab van event")

    def _member_regions(self, v: SentView):
        """Municipalities listed as a region's parts: "De gemeenten in zorgkantoorregio X
        zijn: A, B en C", "X bestaat uit de gemeenten A, B en C"."""
        s = v.s
        if not {"gemeenten", "gemeentes"} & v.words:
            return
        for k, w in enumerate(s.lows):
            if w not in (":", "zijn", "uit", "omvat", "omvatten", "namelijk"):
                continue
            j = k + 1
            while j < len(s.toks) and s.lows[j] in ("de", "gemeenten", "gemeentes", ":"):
                j += 1
            regs = self.list_after(v, j, pred=is_region)
            if len(regs) < 2:
                continue
            R = self.nearest(v, k, lambda m: is_region(m) and m.end <= k, True, regs)
            if R is None:
                continue
            for X in regs:
                self.add(X, "PART_OF", R, s.idx, 0.75, None, "gemeenten van regio")
            return

    def _group_mention(self, gid: int, si: int) -> Mention | None:
        for m in self.mentions:
            if m.entry == gid:
                return _rep(m)
        e = self.lex.entries[gid]
        m = Mention(si, -1, -1, e.name, e.type, 100, e.id, "name", props=dict(e.props),
                    name=e.name)
        m.forms = []
        m.flags.add("synthetic")
        if e.group:
            m.flags.add("group")
        self.mentions.append(m)
        return m

    def _group_lists(self):
        """Koploper lists: 'koplopers …: A, B en C', 'o.a. X (A) en Y (B)',
        'Deze week zijn er drie nieuwe koplopers toegetreden. A, B en C.'"""
        words = self.R.member_words
        if not words:
            return
        for idx, s in enumerate(self.sents):
            hits = [(k, words[w]) for k, w in enumerate(s.lows) if w in words]
            if not hits:
                continue
            ments = self.by_sent.get(s.idx, [])
            v = SentView(s, ments)
            for k, gid in hits:
                e = self.lex.entries[gid]
                role = e.member_role or "lid"
                # "Zorgalliantie is als koploper aanwezig", "X is (sinds kort) koploper"
                if k >= 2 and s.lows[k - 1] in ("als", "is", "een", "nieuwe", "wordt"):
                    X = next((m for m in ments if m.end <= k - 1 and is_orgish(m) and
                              not is_person(m) and "group" not in m.flags and
                              _rep(m).entry != gid), None)
                    if X is not None and X.start <= 2:
                        self.add(X, "PART_OF", self._group_mention(gid, s.idx), s.idx, 0.65,
                                 role, "X is koploper")
                if any(s.lows[x] == "nieuwe" for x in range(max(0, k - 3), k)):
                    role = "nieuwe " + role
                members: list[Mention] = []
                # list after ':', 'o.a.', 'waaronder', 'zoals' following the member word
                for x in range(k + 1, len(s.toks)):
                    if s.toks[x] == ":" or s.lows[x] in ("o.a.", "waaronder", "zoals"):
                        members = self._members_after(v, x + 1)
                        break
                if not members and k >= len(s.toks) - 4 and idx + 1 < len(self.sents):
                    nxt = self.sents[idx + 1]
                    nm = self.by_sent.get(nxt.idx, [])
                    if nm and self._is_bare_list(nxt, nm):
                        for M in nm:
                            if is_orgish(M) and "group" not in M.flags:
                                self.add(M, "PART_OF", self._group_mention(gid, s.idx),
                                         nxt.idx, 0.65, role, "lijst na koplopers")
                        continue
                G = None
                for M in members:
                    if "group" in M.flags or _rep(M).entry == gid:
                        continue
                    G = G or self._group_mention(gid, s.idx)
                    self.add(M, "PART_OF", G, s.idx, 0.7, role, "koplopers: lijst")

    def _members_after(self, v: SentView, k: int) -> list[Mention]:
        out = []
        for m in v.ments:
            if m.start < k:
                continue
            if is_person(m):
                # "Monique Mensen (Samenwerken in de wijk)" -> the initiative in brackets
                nxt = v.at(m.end + 1) if m.end < len(v.s.toks) and v.s.toks[m.end] == "(" \
                    else None
                if nxt is not None and is_orgish(nxt):
                    out.append(nxt)
            elif is_orgish(m) and (not out or m.start - out[-1].end <= 3 or
                                   v.s.toks[m.start - 1] in (",", "en")):
                if m not in out:
                    out.append(m)
        return out

    def _is_bare_list(self, s: Sent, ments: list[Mention]) -> bool:
        covered = set()
        for m in ments:
            covered.update(range(m.start, m.end))
        for k, t in enumerate(s.toks):
            if k in covered:
                continue
            if s.lows[k] not in (",", "en", "&", ".", "!", ";", "o.a.", "zoals"):
                return False
        return len(ments) >= 1

    def _domain_structure(self):
        present: dict[int, Mention] = {}
        for m in self.mentions:
            r = _rep(m)
            if r.entry is not None and r.entry not in present:
                present[r.entry] = m
        for eid, m in list(present.items()):
            e = self.lex.entries[eid]
            if not e.part_of:
                continue
            pe = self.lex.entry_for(e.part_of)
            if pe is None or pe.id not in present:
                continue
            P = present[pe.id]
            both = next((x.s for x in self.mentions if x.entry == eid and any(
                y.entry == pe.id and y.s == x.s for y in self.mentions)), m.s)
            self.add(m, "PART_OF", P, both if both >= 0 else max(m.s, 0), 0.5, None,
                     "programmastructuur")

    def _name_internal(self):
        standalone = {_rep(m).entry for m in self.mentions if is_region(m) and m.start >= 0}
        for m in self.mentions:
            if not m.nested or m.link is not None:
                continue
            if is_event(m):
                for nm in m.nested:
                    if nm.type == "initiative":
                        O = next((x for x in self.mentions if x.entry == nm.entry
                                  and x.start >= 0), None)
                        if O is not None:
                            self.add(O, "ORGANISED", m, m.s, 0.5, None, "initiatief in naam")
            last = m.nested[-1]
            if last.type == "region" and last.end == m.end and last.entry in standalone:
                R = next((x for x in self.mentions if x.entry == last.entry and x.start >= 0),
                         None)
                if R is not None and (is_event(m) or etype(m) == "initiative"):
                    self.add(m, self._loc_rel(m) if not is_event(m) else "LOCATED_IN", R, m.s,
                             0.6, None, "regio in naam")

__all__ = ["StructureRules"]
