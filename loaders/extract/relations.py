"""Document-level clean-up and relation rules.

:func:`document_pass` takes the sentence mentions of one document and

1. drops weak candidates, links bare surnames to full names and event references to events,
   turns "(X)" after a person into one organisation mention, decides the main event and main
   initiative (the ones named in the title);
2. applies the relation rules below, each with a confidence that reflects how strong the cue is.

Relation rules (cue phrases are in ``data/extract/cues.csv``)
-----------------------------------------------------------------
AFFILIATED_WITH  "<Person>, <rol> van/bij/aan <Org>" (0.9), "<Person> (<rol> <Org>)" (0.85),
                 "<rol> <Person> (<Org>)", "<Org>aanjager <Person>" (compound role, 0.7),
                 "<Person> van <Org>" (0.6), "<Person>, <Org>" (0.6), e-mail domain (0.5)
ORGANISED        "georganiseerd door", "organiseert", "is een initiatief van", "op initiatief
                 van", "in het leven geroepen", "ontwikkeld door", "dat X mede-ontwikkeld
                 heeft", "in samenwerking met" (with an organising verb), event names that
                 contain an initiative ("Landelijke Werkdag Zorgpact")
PARTNER_IN       "partners van X: A, B en C", "A partner in X", "partners, waaronder A",
                 "ondertekend door", "ondertekenden", "sloten een pact", "aangesloten bij"
PARTICIPATED_IN  participation cues (namen deel, sprak, presenteerde, verzorgde een bijdrage,
                 gaf een toelichting, in gesprek met, overhandigd …) for the people (and the
                 subject organisation) of the sentence, towards the event of the sentence or
                 the main event of the text; event roles (dagvoorzitter, spreker); "<event>
                 bij <Org>" (host)
PART_OF          "in het kader van", "onderdeel van", "maakt deel uit van", koploper lists and
                 "Koploper X" (membership of a group from domain.csv), known programme
                 structure (domain.csv part_of), labs/stands of an event
LOCATED_IN       "<event> … in <regio>", "<Org> in/te/uit <regio>", "gevestigd in", a region at
                 the end of a name ("Windesheim Flevoland") when the region is also named alone
ACTIVE_IN        the same for initiatives that are no place (pacts, programmes), "actief in",
                 "in de regio"
FUNDED_BY        "gefinancierd door", "subsidie van", "met steun van", "financiert",
                 "met een bijdrage van/uit", "<Org> ondersteunt <X | de academie>"
Also: "de gemeenten A, B en C" -> three municipal governments (shared plural head);
"<P>, <rol> bij A en <rol> bij B" -> two affiliations; "lid van de raad van … van X";
"A werken (daarin) samen met (… als) B" and "<X>, een samenwerking tussen A en B" /
"uitgevoerd door" -> PARTNER_IN; "is trekker/penvoerder van", "trekt" -> ORGANISED;
"zijn betrokken bij" -> PARTNER_IN; attendees ("schoof aan", "aanwezig", "bezochten",
"werkbezoek gebracht") -> the event of the sentence, the title event or the first event.
"""

from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache

from graph.model import ORG_KINDS
from loaders.extract.core import (
    ARTICLES, INTERFIX_SET, PHYSICAL_INI_HEADS, QUOTE_CLOSE, QUOTE_OPEN, S_CONTEXT, S_ROLE,
    DocExtraction, Mention, RelCand, Rules, Sent, is_cap, is_word)
from loaders.extract.lexicon import EXTRACT_DATA, norm
from loaders.extract.pipeline import Pipeline

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


# --------------------------------------------------------------------------- document pass


class DocPass:
    def __init__(self, p: Pipeline, R: Rules, sents: list[Sent], mentions: list[Mention],
                 title: str | None, date: str | None):
        self.p, self.R, self.lex = p, R, p.lex
        self.sents, self.title, self.date = sents, title, date
        self.mentions = mentions
        self.rels: list[RelCand] = []
        self.cues = cues()
        self.main_event: Mention | None = None
        self.main_ini: Mention | None = None
        self.aff_targets: set[int] = set()   # id() of mentions used as affiliation targets
        self.role_spans: list[tuple[int, int, int]] = []   # (sentence, a, b) inside roles

    # ------------------------------------------------------------ clean-up
    def run(self) -> DocExtraction:
        self._plural_heads()
        self._parenthetical_orgs()
        self._filter_weak()
        self._link_surnames()
        self._link_events()
        self._main()
        self.by_sent: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sent.setdefault(m.s, []).append(m)
        for lst in self.by_sent.values():
            lst.sort(key=lambda m: m.start)
        self.views: dict[int, SentView] = {}
        for s in self.sents:
            ments = self.by_sent.get(s.idx, [])
            if not ments:
                continue
            v = self.views[s.idx] = SentView(s, ments)
            self._affiliations(v)
            self._on_behalf(v)
            self._organised(v)
            self._leads(v)
            self._partners(v)
            self._part_of(v)
            self._located(v)
            self._funded(v)
        for v in self.views.values():   # participation last: needs the affiliation targets
            self._participation(v)
        self._group_lists()
        self._domain_structure()
        self._name_internal()
        if self.role_spans:
            def in_role(m):
                return any(m.s == si and a <= m.start and m.end <= b
                           for si, a, b in self.role_spans)
            drop = {id(m) for m in self.mentions if in_role(m)}
            self.mentions = [m for m in self.mentions if id(m) not in drop]
            self.rels = [r for r in self.rels if id(r.src) not in drop and id(r.dst) not in drop]
        return DocExtraction(self.sents, self.mentions, self.rels, self.title, self.date,
                             self.main_event, self.main_ini)

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
        for q in (range(k, min(end, k + 4)) if k < end and s.lows[k] not in AFF_PREPS
                  else ()):
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
                    if k >= 1 and s.lows[k] in AFF_PREPS and self.R.role_of(s.lows[k - 1]):
                        self.add(P, "AFFILIATED_WITH", T, s.idx, 0.8,
                                 self._role_norm(s.toks[k - 1]), "role-van-org-person")
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
            after = [m for m in v.ments if m.start >= b and etype(m) in ("initiative", "event")]
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
        # "<initiatief>, een samenwerking tussen A, B en C" / "wordt uitgevoerd door A en B"
        for a, b in v.find(C.get("coop_of")):
            members = [m for m in self.list_after(v, b, stop_persons=True)
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
            T = T or self._subject_anaphor(v, a)
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

    # ------------------------------------------------------------ LOCATED_IN / ACTIVE_IN
    def _loc_rel(self, m: Mention) -> str:
        if etype(m) == "initiative":
            words = (m.name + " " + m.text).lower().split()
            if any(w.endswith(h) for w in words for h in PHYSICAL_INI_HEADS):
                return "LOCATED_IN"
            return "ACTIVE_IN"
        return "LOCATED_IN"

    def _located(self, v: SentView):
        s, C = v.s, self.cues
        n = len(s.toks)
        regions_in = [m for m in v.ments if is_region(m) and m.start > 0 and
                      s.lows[m.start - 1] in ("in", "te")]
        events = [m for m in v.ments if is_event(m)]
        for R in regions_in:
            for E in events:
                if E.props.get("place_at") == R.start:
                    self.add(E, "LOCATED_IN", R, s.idx, 0.75, None, "een X in regio")
            # adjacent: "<Org> in <regio>"
            X = next((m for m in v.ments if m.end == R.start - 1), None)
            if X is not None and not is_event(X) and self._last_conjunct(v, X):
                X = None
                E = next((e for e in events if e.end <= R.start), None)
                if E is not None:
                    self.add(E, "LOCATED_IN", R, s.idx, 0.6, None, "event in regio")
                continue
            if X is not None and (is_orgish(X) or is_event(X)) and not is_region(X):
                self.add(X, self._loc_rel(X), R, s.idx, 0.7, None, "X in regio")
                continue
            E = next((e for e in events if e.end < R.start and self._only_dates(s, e.end,
                                                                               R.start - 1)),
                     None)
            if E is not None:
                self.add(E, "LOCATED_IN", R, s.idx, 0.7, None, "event op datum in regio")
                continue
            if events and any(w in v.text for w in ("plaats", "vond", "vindt", "was er",
                                                    "is er", "georganiseerd", "gehouden",
                                                    "bijeenkomst", "werkdag")):
                E = min(events, key=lambda e: abs(e.start - R.start))
                self.add(E, "LOCATED_IN", R, s.idx, 0.7, None, "event in regio")
        for a, b in v.find(C.get("located")):
            R = next((m for m in v.ments if m.start >= b and is_region(m)), None)
            subj = next((m for m in v.ments if m.end <= a and is_orgish(m)), None)
            if R is not None and subj is not None:
                self.add(subj, "LOCATED_IN", R, s.idx, 0.8, None, "gevestigd in")
        for a, b in v.find(C.get("active")):
            regions = self.list_after(v, b, is_region)
            X = self.nearest(v, a, lambda m: etype(m) == "initiative" and "group" not in m.flags,
                             True) or self.main_ini
            if X is not None:
                for R in regions:
                    self.add(X, "ACTIVE_IN", R, s.idx, 0.6, None, "actief in")

    def _last_conjunct(self, v: SentView, X: Mention) -> bool:
        """X closes a coordination of names: '<A>, <B> en <X>' / '<A> en <X>'."""
        s = v.s
        k = X.start - 1
        while k >= 0 and s.lows[k] in ARTICLES or (k >= 0 and s.lows[k] in self.R.descr):
            k -= 1
        if k < 1 or s.lows[k] not in ("en", "&"):
            return False
        return v.covering(k - 1) is not None

    def _anaphor(self, v: SentView, k: int) -> Mention | None:
        """'het pact', 'de alliantie' at token k: the last initiative whose name has that
        head word."""
        s = v.s
        if k + 1 >= len(s.toks) or s.lows[k] not in ("het", "de", "dit", "deze", "die"):
            return None
        noun = s.lows[k + 1]
        if not noun.isalpha() or len(noun) < 4 or v.at(k + 1) is not None:
            return None
        # "de leerwerkplaats De Zorgkamer … De leerwerkplaats": a name introduced by the noun
        best = None
        for m in self.mentions:
            if m.start < 1 or (m.s, m.start) >= (s.idx, k) or is_person(m) or is_region(m):
                continue
            ms = self.sents[m.s]
            j = m.start - 1
            if ms.lows[j] == noun or (j > 0 and ms.lows[j] in ARTICLES
                                      and ms.lows[j - 1] == noun):
                if best is None or (m.s, m.start) > (best.s, best.start):
                    best = m
        if best is not None:
            if best.type is None:
                kind = self.R.descr.get(noun) if isinstance(self.R.descr, dict) else None
                if kind:
                    best.type = kind if isinstance(kind, str) else best.type
            return _rep(best)
        # "de zorgacademie" / "die academie" -> the last name with a word ending in the noun
        if len(noun) >= 5:
            for m in self.mentions:
                if m.start < 0 or (m.s, m.start) >= (s.idx, k) or is_person(m) \
                        or is_region(m) or is_event(m):
                    continue
                if any(w.endswith(noun) for w in (m.name + " " + m.text).lower().split()):
                    if best is None or (m.s, m.start) > (best.s, best.start):
                        best = m
            if best is not None:
                return _rep(best)
        R = self._recent_initiative(s.idx, k)
        if R is None:
            return None
        words = [w for m in (R, *[x for x in self.mentions if _rep(x) is R])
                 for w in (m.name + " " + m.text + " " + " ".join(m.forms)).lower().split()]
        d = self.R.descr.get(noun) if isinstance(self.R.descr, dict) else None
        if any(w.endswith(noun) for w in words) or d == "initiative":
            return R
        return None

    def _subject_anaphor(self, v: SentView, a: int) -> Mention | None:
        """'De leerwerkplaats is opgezet door …', 'Die academie wordt gefinancierd door …':
        a definite subject noun before the cue at token a that refers to an initiative."""
        s = v.s
        k = 0
        while k < a - 1 and not is_word(s.toks[k]):
            k += 1
        if any(m.end <= a for m in v.ments):
            return None
        return self._anaphor(v, k)

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


def document_pass(p: Pipeline, R: Rules, sents: list[Sent], mentions: list[Mention],
                  title: str | None, date: str | None) -> DocExtraction:
    return DocPass(p, R, sents, mentions, title, date).run()


__all__ = ["document_pass", "cues", "S_CONTEXT", "INTERFIX_SET"]
