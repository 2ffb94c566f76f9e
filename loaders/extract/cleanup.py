"""Document-level clean-up before the relation rules: parenthetical organisations, shared
plural heads, weak candidates, surnames and event references, the main event/initiative.
"""

from __future__ import annotations

import re

from loaders.extract.base import ARTICLES, Mention, S_ROLE, Sent, is_cap, is_word
from loaders.extract.lexicon import norm
from loaders.extract.relbase import AFF_PREPS, ROLE_MODS, _rep


class CleanupMixin:
    """Document-level clean-up before the relation rules: parenthetical organisations, shared"""

    def _parenthetical_orgs(self):
        """'<Person> (Samenwerken in de wijk)' / '(projectleider Toptechniek in bedrijf X)':
        the capitalised tail of each clause is one name."""
        by_sent: dict[int, list[Mention]] = {}
        for m in self.mentions:
            by_sent.setdefault(m.s, []).append(m)
        new_mentions = list(self.mentions)
        for si, ments in by_sent.items():
            s = self.sents[si]
            for pm in ments:
                if pm.type != "person" or pm.end >= len(s.toks) or s.toks[pm.end] != "(":
                    continue
                close = None
                for k in range(pm.end + 1, min(len(s.toks), pm.end + 30)):
                    if s.toks[k] == ")":
                        close = k
                        break
                if close is None:
                    continue
                for ca, cb in self._clauses(s, pm.end + 1, close):
                    k = ca
                    while k < cb and (self.R.role_of(s.lows[k]) or s.lows[k] in ROLE_MODS):
                        k += 1
                    had_role = k > ca
                    if had_role and k < cb and s.lows[k] in AFF_PREPS:
                        k += 1
                    while k < cb and s.lows[k] in ARTICLES:
                        k += 1
                    if k >= cb or not is_cap(s.toks[k]) or not is_word(s.toks[k]):
                        continue
                    inside = [m for m in ments if m.start < cb and m.end > k]
                    if len(inside) == 1 and inside[0].start == k and inside[0].end == cb:
                        continue
                    if any(m.type == "person" for m in inside):
                        continue
                    if any(m.entry is not None and m.start == k and m.end == cb for m in inside):
                        continue
                    text = s.span(k, cb)
                    e = self.lex.entry_for(text)
                    if e is not None:
                        nm = Mention(si, k, cb, text, e.type, 100, e.id, "name",
                                     props=dict(e.props), name=e.name, prio=90)
                    else:
                        typ, st = self.R.head_kind(s.toks[k:cb])
                        nm = Mention(si, k, cb, text, typ, st, None, "name", prio=90)
                        if typ is None and had_role:
                            r = self.R.role_of(s.lows[ca])
                            if r and r[0].get("implies"):
                                nm.type, nm.strength = r[0]["implies"], S_ROLE
                    for m in inside:
                        if m in new_mentions:
                            new_mentions.remove(m)
                    new_mentions.append(nm)
                    ments = [m for m in ments if m not in inside] + [nm]
        self.mentions = new_mentions

    _PLURAL_HEADS = {"gemeenten": "Gemeente", "gemeentes": "Gemeente",
                     "provincies": "Provincie"}

    def _plural_heads(self):
        """A shared plural head before coordinated places: 'de gemeenten Doetinchem,
        Winterswijk en Oude IJsselstreek' -> three municipal governments."""
        by_sent: dict[int, list[Mention]] = {}
        for m in self.mentions:
            by_sent.setdefault(m.s, []).append(m)
        for si, ments in by_sent.items():
            s = self.sents[si]
            if not any(w in self._PLURAL_HEADS for w in s.lows):
                continue
            at = {m.start: m for m in ments}
            for k, w in enumerate(s.lows):
                head = self._PLURAL_HEADS.get(w)
                if head is None:
                    continue
                j = k + 1
                items: list[Mention] = []
                while j < len(s.toks):
                    m = at.get(j)
                    if m is not None and m.type == "region":
                        items.append(m)
                        j = m.end
                        if j < len(s.toks) and s.lows[j] in (",", "en", "&"):
                            # stop after the last conjunct: "…, Winterswijk en Oude IJsselstreek, X"
                            if s.lows[j] == "," and len(items) >= 2 and any(
                                    s.lows[x] in ("en", "&") for x in range(k, j)):
                                break
                            j += 1
                            continue
                    break
                for m in items:
                    if m.type != "region":
                        continue
                    name = head + " " + (m.name if m.entry is not None else m.text)
                    place = m.text
                    e = self.lex.entry_for(head + " " + place) or self.lex.entry_for(name)
                    m.type, m.kind, m.nested = "government", "name", []
                    m.text = head + " " + place
                    m.forms = [m.text]
                    m.props = dict(e.props) if e is not None else {}
                    m.entry = e.id if e is not None else None
                    m.name = e.name if e is not None else name
                    m.strength = 100

    def _clauses(self, s: Sent, a: int, b: int) -> list[tuple[int, int]]:
        """Split 'x en <rol> y, z' inside parentheses into clauses."""
        out, start = [], a
        for k in range(a, b):
            if s.toks[k] in (",", ";"):
                out.append((start, k))
                start = k + 1
            elif s.lows[k] == "en" and k + 1 < b and (self.R.role_of(s.lows[k + 1])
                                                      or s.lows[k + 1] in ROLE_MODS):
                out.append((start, k))
                start = k + 1
        out.append((start, b))
        return [(x, y) for x, y in out if y > x]

    def _filter_weak(self):
        strong = set()
        for m in self.mentions:
            if "weak" not in m.flags:
                strong.add(norm(m.text))
                for f in m.forms:
                    strong.add(norm(f))
        self.mentions = [m for m in self.mentions if "weak" not in m.flags
                         or norm(m.text) in strong]

    def _link_surnames(self):
        persons = [m for m in self.mentions if m.kind == "person" and m.type == "person"]
        keys: dict[str, Mention] = {}
        for m in persons:
            toks = m.text.split()
            # surname = after first names (and titles/initials)
            i = 0
            while i < len(toks) - 1 and (toks[i] in self.lex.first_names or
                                         toks[i].lower().rstrip(".") in ("prof", "dr", "mr",
                                                                         "drs", "ir", "ing")
                                         or re.match(r"^(?:[A-Z]\.)+$", toks[i])):
                i += 1
            sur = " ".join(toks[i:])
            for k in {norm(sur), norm(toks[-1]), norm(m.text)}:
                if k and k not in keys:
                    keys[k] = m
        keep = []
        for m in self.mentions:
            if m.kind in ("surname",) or "weak_surname" in m.flags or (
                    m.type is None and m.kind == "name" and len(m.text.split()) <= 3):
                target = keys.get(norm(m.text))
                if target is not None and target is not m:
                    m.link, m.type, m.kind = target, "person", "surname"
                    if m.role and not target.role:
                        target.role = m.role
                    keep.append(m)
                    continue
                if "weak_surname" in m.flags:
                    continue
                if m.kind == "surname":
                    m.kind = "person"
            keep.append(m)
        self.mentions = keep

    def _link_events(self):
        clusters: list[Mention] = []   # representatives
        keep = []
        for m in sorted(self.mentions, key=lambda x: (x.s, x.start)):
            if m.type != "event":
                keep.append(m)
                continue
            head = (m.props.get("head") or "").lower()
            if m.kind == "event" and "indef" not in m.flags:
                rep = next((c for c in clusters if c.props.get("head") == head), None)
                if rep is not None and not (rep.props.get("date") and m.props.get("date")
                                            and rep.props["date"] != m.props["date"]):
                    m.link = rep
                else:
                    clusters.append(m)
                keep.append(m)
                continue
            if "indef" in m.flags:
                rep = next((c for c in clusters if c.props.get("head") == head
                            and c.props.get("place") in (None, m.props.get("place"))), None)
                if rep is not None and m.props.get("place") and not rep.props.get("place") \
                        and rep.s != m.s:
                    rep = None   # "een bijeenkomst in Zwolle" later on: a second meeting
                if rep is not None:
                    m.link = rep
                    if m.props.get("date") and not rep.props.get("date"):
                        rep.props["date"] = m.props["date"]
                else:
                    m.kind = "event"
                    clusters.append(m)
                keep.append(m)
                continue
            # references: capitalised bare event words and definite lowercase ones
            rep = next((c for c in clusters if c.props.get("head") == head), None)
            if rep is None:
                rep = next((c for c in reversed(clusters)
                            if (c.props.get("head") or "").endswith(head)), None)
            if rep is None and "capref" in m.flags:
                m.kind = "event"
                clusters.append(m)
                keep.append(m)
                continue
            if rep is None and clusters and clusters[0].s == 0:
                rep = clusters[0]
            if rep is None and clusters and "capref" not in m.flags:
                rep = clusters[-1]   # "de bijeenkomst" after "de werkconferentie …"
            if rep is not None:
                m.link = rep
                keep.append(m)
        self.mentions = keep

    def _main(self):
        if not self.sents:
            return
        first = self.sents[0]
        if len(first.toks) > 30:
            return
        for m in self.mentions:
            if m.s == 0 and m.type == "event":
                self.main_event = _rep(m)
                break
        for m in self.mentions:
            if m.s == 0 and m.type == "initiative" and "group" not in m.flags:
                self.main_ini = _rep(m)
                break

__all__ = ["CleanupMixin"]
