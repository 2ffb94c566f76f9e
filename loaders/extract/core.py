"""Rule-based extraction of entities and relations from Dutch text.

Pipeline per document
---------------------
1. Paragraphs (lines) are tokenized and split into sentences by spaCy (``spacy.blank("nl")`` +
   sentencizer); the PhraseMatcher finds every gazetteer/alias/domain/region surface form
   (case-insensitive, then checked: a capital in the reference form needs a capital in the
   text, so "op stap" is not the koploper "Op Stap").
2. **Mentions** per sentence (:func:`_sentence_mentions`):
   * capitalised name chunks (``Cap (connector* Cap)*`` with connectors van/de/der/en/voor/aan…),
     sentence-initial function words stripped, split at "en"/"&" unless the right part is a
     sector word ("Zorg en Welzijn"), a known name covers it or the chunk has an event head;
   * persons: a Dutch first name (+ tussenvoegsels + surname, hyphenated double names), or a
     capitalised name right after a role word ("staatssecretaris Blokhuis", "Dagvoorzitter
     Ron Axt"), or followed by ", <rol>" / "(<rol>";
   * events: names with an event head word (werkdag, bijeenkomst, themaweek, …sessie, congres…)
     also in compounds (Kopgroepbijeenkomst), with a quoted title ("de themaweek ‘…’"), with a
     topic ("themadag over …"), indefinite + date ("een vervolgbijeenkomst" … "Op 17 april"),
     and definite references ("deze sessie") that corefer with an event of the document;
   * quoted titles after initiative nouns (lespakket ‘…’, project ‘…’);
   * organisation names typed by the lexicon, descriptor nouns ("werkgeversvereniging X",
     "koploper X"), appositions ("X, academie voor …"), head words (Ministerie/Gemeente/ROC/
     Hogeschool/… College/…centrum/…platform), the deduce list of Dutch care institutions,
     role implications (projectleider → project) and context.
3. **Document level**: weak candidates (a lone capitalised word at the start of a sentence)
   survive only if the same word is capitalised mid-sentence elsewhere; bare surnames join the
   full name; event references join their event; the *main event* / *main initiative* is the
   one named in the title.
4. **Relations** per sentence with cue phrases (:mod:`loaders.extract.relations`).

The result (:class:`DocExtraction`) holds mentions and relation candidates; entity resolution
(:mod:`loaders.resolve`) turns them into entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from loaders.extract.dates import DAY_MONTH_RE, find_dates
from loaders.extract.lexicon import Lexicon, norm
from loaders.extract.pipeline import Pipeline, get_pipeline

QUOTE_OPEN = frozenset({"‘", "“", "„", "«", "'", '"', "‚", "‹"})
QUOTE_CLOSE = frozenset({"’", "”", "»", "'", '"', "›"})
SENT_START_PREV = frozenset({"(", "‘", "“", '"', "'", ":", "–", "—", "-", "•", "|", "„", "[",
                             "·", "*", "…"})
YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
LIST_NO_RE = re.compile(r"^\d{1,2}[.)]$")
INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,4}$")
EMAIL_RE = re.compile(r"^[\w.+-]+@([\w-]+(?:\.[\w-]+)+)$")
TITLES = frozenset({"prof.", "dr.", "mr.", "drs.", "ir.", "ing.", "dhr.", "mevr.", "mw.",
                    "prof", "dr", "mr", "drs", "ir", "ing", "dhr", "mevr", "mw"})
PERSON_CUES = frozenset({"heer", "mevrouw", "meneer"})
CONNECTORS = frozenset({"van", "de", "der", "den", "het", "voor", "en", "in", "aan", "op",
                        "'t", "&", "te", "ten", "ter", "x", "zonder", "met", "des", "of"})
#: a location after these is not part of the name ("Kopgroepbijeenkomst in Zwolle")
LOC_PREPS = frozenset({"in", "op", "te", "uit"})
#: connectors allowed only with capitals on both sides and no more than one in a row
WEAK_CONNECTORS = frozenset({"met", "zonder", "of", "bij", "x"})
INTERFIX = ("van", "de", "der", "den", "ter", "ten", "te", "'t", "in", "het", "op", "von",
            "du", "la", "le", "da", "dos", "del", "vd", "v.d.", "van't", "el", "al")
INTERFIX_SET = frozenset(INTERFIX)
SECTOR_WORDS = frozenset({"welzijn", "zorg", "sport", "werk", "wonen", "onderwijs", "techniek",
                          "gezondheid", "jeugd", "cultuur", "wetenschap", "werkgelegenheid",
                          "veiligheid", "zekerheid", "samenleving", "arbeidsmarkt", "innovatie",
                          "technologie", "welzijnswerk", "ondersteuning", "ouderen",
                          "koninkrijksrelaties", "klimaat", "waterstaat", "voedselkwaliteit",
                          "natuur", "migratie", "media", "samenwerking", "leven", "vitaliteit",
                          "wijkverpleging", "preventie", "opleiding", "scholing"})
SEASON_WORDS = frozenset({"najaar", "voorjaar", "zomer", "winter", "herfst", "lente"})
ARTICLES = frozenset({"de", "het", "een", "'t"})
DEFINITE = frozenset({"de", "het", "deze", "die", "dit", "dat", "onze", "ons", "hun", "die",
                      "diezelfde", "dezelfde", "zo'n", "elke", "iedere", "jaarlijkse"})
EVENT_QUALIFIERS = frozenset({"over", "rond", "rondom", "omtrent", "met", "voor"})
EVENT_QUAL_STOP = frozenset({"in", "op", "is", "was", "werd", "wordt", "worden", "en", "die",
                             "dat", "waar", "waarin", "waarbij", "bij", "te", "om", "door",
                             "vindt", "vond", "plaats", "van", "tijdens", "met", "heeft",
                             "hebben", "zijn", "gaat", "kan", "zal", "aan", "na", "voor"})
INI_QUOTE_HEADS = frozenset({"lespakket", "project", "programma", "campagne", "methode",
                             "toolkit", "handreiking", "app", "training", "leergang", "cursus",
                             "pilot", "proeftuin", "actieplan", "convenant", "module", "game",
                             "initiatief", "platform", "netwerk", "onderzoek", "project",
                             "leerlijn", "opleiding", "aanpak", "werkwijze", "lab", "prijs",
                             "regeling", "pact", "akkoord", "leerwerkplaats", "e-learning",
                             "serious", "tool", "website", "film", "podcast", "boek",
                             "magazine", "publicatie", "rapport", "visie", "manifest"})
PHYSICAL_INI_HEADS = ("centrum", "center", "centre", "lab", "labs", "huis", "academie",
                      "werkplaats", "leerplein", "school", "plein", "locatie", "hub")
LOWER_PREFIX_HEADS = frozenset({"gemeente", "provincie", "zorgpact", "stichting", "coöperatie",
                                "cooperatie", "hogeschool", "ministerie", "universiteit",
                                "vereniging", "regio", "werkgeversvereniging"})

# strengths of typing evidence (higher wins)
S_LEX, S_PERSON, S_EVENT, S_DESCR, S_HEAD, S_PART, S_INST, S_CONTEXT, S_ROLE = (
    100, 90, 90, 80, 70, 60, 50, 45, 40)


@dataclass(eq=False)
class Sent:
    idx: int                 # 0-based index in the document
    toks: list[str]
    lows: list[str]
    ws: list[str]
    lex: list[tuple[int, int, int, str]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    has_date: bool = False

    @property
    def text(self) -> str:
        return "".join(t + w for t, w in zip(self.toks, self.ws)).strip()

    def span(self, a: int, b: int) -> str:
        if a >= b:
            return ""
        return "".join(self.toks[i] + self.ws[i] for i in range(a, b - 1)) + self.toks[b - 1]

    def starts_sentence(self, i: int) -> bool:
        if i == 0:
            return True
        p = self.toks[i - 1]
        return p in SENT_START_PREV or bool(LIST_NO_RE.match(p)) or (
            i == 1 and bool(LIST_NO_RE.match(self.toks[0])))


@dataclass(eq=False)
class Mention:
    s: int
    start: int
    end: int
    text: str
    type: str | None
    strength: int = 0
    entry: int | None = None
    kind: str = "name"          # name | person | event | eventref | surname | lexgroup
    forms: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)
    nested: list["Mention"] = field(default_factory=list)
    role: str | None = None
    flags: set = field(default_factory=set)
    name: str = ""
    prio: int = 0
    ent: int = -1               # entity index after resolution
    link: "Mention | None" = None   # coreference: the mention this one refers to

    def __post_init__(self):
        if not self.forms:
            self.forms = [self.text]
        if not self.name:
            self.name = self.text

    def representative(self) -> "Mention":
        """The mention this one finally refers to (following ``link``, at most 10 steps)."""
        m, steps = self, 0
        while m.link is not None and steps < 10:
            m = m.link
            steps += 1
        return m

    def add_form(self, f: str):
        f = f.strip()
        if f and f not in self.forms:
            self.forms.append(f)


@dataclass(eq=False)
class RelCand:
    src: Mention
    rel: str
    dst: Mention
    s: int
    role: str | None = None
    conf: float = 0.5
    rule: str = ""


@dataclass
class DocExtraction:
    sents: list[Sent]
    mentions: list[Mention]
    relations: list[RelCand]
    title: str | None
    date: str | None
    main_event: Mention | None = None
    main_initiative: Mention | None = None


def is_cap(t: str) -> bool:
    return t[:1].isupper() or (t[:3] == "'s-" and len(t) > 3)


def is_word(t: str) -> bool:
    return any(ch.isalnum() for ch in t)


def _camel(t: str) -> bool:
    """InteraktContour, NetwerkZON, Platform31: capitals or digits inside the word."""
    return any(c.isupper() or c.isdigit() for c in t[1:]) and not t.isupper()


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


# --------------------------------------------------------------------------- helpers on lexicon


class Rules:
    """Lexicon-derived predicates, precomputed once per pipeline."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.roles = lex.roles
        self.role_suffixes = lex.role_suffixes
        self.event_heads = lex.event_heads
        self.prefix = lex.heads.get("prefix", {})
        self.suffix = lex.heads.get("suffix", {})
        self.part = sorted(lex.heads.get("part", {}).items(), key=lambda kv: -len(kv[0]))
        self.descr = lex.heads.get("descr", {})
        self.appos = lex.heads.get("appos", {})
        self._role_cache: dict[str, tuple | None] = {}
        self._event_cache: dict[str, str | None] = {}
        self.member_words: dict[str, int] = {}
        for e in lex.entries:
            for w in e.member_words:
                self.member_words.setdefault(w.lower(), e.id)

    def role_of(self, low: str) -> tuple[dict, str] | None:
        """(role info, compound prefix) for a role word, also in compounds
        (regio-adviseurs, Zorgpactaanjager -> prefix 'zorgpact')."""
        if low in self._role_cache:
            return self._role_cache[low]
        res = None
        info = self.roles.get(low)
        if info:
            res = (info, "")
        elif "-" in low:
            head, last = low.rsplit("-", 1)
            info = self.roles.get(last)
            if info and head not in ("ex", "oud", "vice", "co"):
                res = (info, head)
            elif info:
                res = (info, "")
        else:
            for suf in self.role_suffixes:
                if low.endswith(suf) and len(low) >= len(suf) + 3:
                    res = (self.roles[suf], low[: -len(suf)])
                    break
        self._role_cache[low] = res
        return res

    def event_head(self, low: str) -> str | None:
        """The event head word of a token (kopgroepbijeenkomst -> bijeenkomst)."""
        if low in self._event_cache:
            return self._event_cache[low]
        res = None
        if len(low) >= 3 and low not in self.lex.not_events:
            for h in self.event_heads:
                if low == h or (low.endswith(h) and len(low) > len(h) + 2
                                and low[-len(h) - 1] != "-" or low.endswith("-" + h)):
                    if low.endswith(h):
                        res = h
                        break
        self._event_cache[low] = res
        return res

    def head_kind(self, toks: list[str]) -> tuple[str | None, int]:
        """Kind from head words of a capitalised name."""
        lows = [t.lower() for t in toks]
        first, last = lows[0], lows[-1]
        if first in self.prefix and len(toks) > 1:
            return self.prefix[first], S_HEAD
        if last in self.suffix and len(toks) > 1:
            return self.suffix[last], S_HEAD
        # "Stichting Welzijn Lochem", "Stichting Zorgwerk Rijnmond": a care/welfare provider
        if first == "stichting" and len(toks) > 2 and any(
                w.startswith(("welzijn", "zorg", "thuiszorg", "wijkzorg")) for w in lows[1:]):
            return "care_provider", S_PART
        for w in lows:
            for h, kind in self.part:
                if h in w and len(w) > len(h):
                    return kind, S_PART
        if len(toks) == 1 and first in self.suffix:
            return None, 0
        return None, 0


_RULES: dict[int, Rules] = {}


def rules_for(p: Pipeline) -> Rules:
    r = _RULES.get(id(p.lex))
    if r is None or r.lex is not p.lex:
        _RULES.clear()
        r = _RULES[id(p.lex)] = Rules(p.lex)
    return r


# --------------------------------------------------------------------------- lexicon matches


def _case_ok(surface_toks: list[str], text_toks: list[str], at_start: bool, lex: Lexicon,
             entry) -> bool:
    caps = 0
    for s, t in zip(surface_toks, text_toks):
        if s[:1].isupper():
            caps += 1
            if not t[:1].isupper():
                return False
        if s.isupper() and len(s) >= 2 and s.isalpha() and not t.isupper():
            # acronyms must be written as acronyms ("CZ", not "Cz"), except mixed forms
            if not (t[:1].isupper() and any(c.isupper() for c in t[1:])):
                return False
    if caps == 0:
        return True
    if at_start:
        low = text_toks[0].lower()
        if entry.type == "region" and low in lex.ambiguous_places and len(text_toks) == 1:
            return False
        if caps == 1 and len(text_toks) > 1 and surface_toks[0][:1].isupper():
            # "Samenwerken in de wijk" at the start of a sentence is just a phrase
            return False
    return True


def _lex_matches(p: Pipeline, doc, texts: list[str], lows: list[str],
                 sent_bounds: list[tuple[int, int]]) -> list[list]:
    """Validated, non-overlapping lexicon matches per sentence of a spaCy doc."""
    lex = p.lex
    out: list[list] = [[] for _ in sent_bounds]
    matches = p.matcher(doc)
    if not matches:
        return out
    cands = []
    for _, a, b in matches:
        opts = p.surfaces.get(tuple(lows[a:b]))
        if not opts:
            continue
        si = 0
        for j, (sa, sb) in enumerate(sent_bounds):
            if sa <= a < sb:
                si = j
                break
        sa, sb = sent_bounds[si]
        if b > sb:
            continue
        text_toks = texts[a:b]
        at_start = a == sa or texts[a - 1] in SENT_START_PREV or (
            LIST_NO_RE.match(texts[a - 1]) is not None)
        for eid, surface in opts:
            e = lex.entries[eid]
            stoks = surface.split()
            if len(stoks) != len(text_toks):
                stoks = _retok(p, surface)
            if len(stoks) == len(text_toks) and _case_ok(stoks, text_toks, at_start, lex, e):
                cands.append((si, a - sa, b - sa, eid, surface))
                break
    # longest first, then earliest
    cands.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
    taken: dict[int, list[tuple[int, int]]] = {}
    for si, a, b, eid, surface in cands:
        if b - a > 1 and lows[sent_bounds[si][0] + a] in ("het", "de", "'t"):
            a += 1
        spans = taken.setdefault(si, [])
        if any(not (b <= x or a >= y) for x, y in spans):
            continue
        spans.append((a, b))
        out[si].append((a, b, eid, surface))
    for lst in out:
        lst.sort()
    return out


_RETOK: dict[str, list[str]] = {}


def _retok(p: Pipeline, s: str) -> list[str]:
    r = _RETOK.get(s)
    if r is None:
        r = _RETOK[s] = [t.text for t in p.nlp.tokenizer(s)]
    return r


# --------------------------------------------------------------------------- sentence mentions


def _quote_spans(toks: list[str]) -> list[tuple[int, int]]:
    """(open, close) token indices of quotes (content is open+1..close-1)."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t in QUOTE_OPEN:
            for j in range(i + 1, min(n, i + 40)):
                if toks[j] in QUOTE_CLOSE and j > i + 1:
                    out.append((i, j))
                    i = j
                    break
                if toks[j] in QUOTE_OPEN and toks[j] not in QUOTE_CLOSE:
                    break
        i += 1
    return out


def _person_end(s: Sent, i: int, end: int, R: Rules, names: frozenset) -> int:
    """End of a person name starting at token i (first name / initials / title), or -1."""
    toks, lows = s.toks, s.lows
    j = i
    while j < end and lows[j] in TITLES:
        j += 1
    k, nfirst = j, 0
    while k < end and nfirst < 3 and (toks[k] in names or INITIAL_RE.match(toks[k])):
        k += 1
        nfirst += 1
    if nfirst == 0:
        return -1
    m = k
    while m < end and lows[m] in INTERFIX_SET and m - k < 3:
        m += 1
    if m < end and is_cap(toks[m]) and is_word(toks[m]) and not (
            toks[m].isupper() and len(toks[m]) > 1):
        e = m + 1
        # hyphenated double name: "Oostendorp-van der Jagt"
        while e < end and "-" in toks[e - 1] and \
                toks[e - 1].rsplit("-", 1)[1].lower() in INTERFIX_SET:
            f = e
            while f < end and lows[f] in INTERFIX_SET:
                f += 1
            if f < end and is_cap(toks[f]):
                e = f + 1
            else:
                break
        return e
    if nfirst >= 2 and m == k:   # "Jan Kees": the second one is the surname
        return k
    return -1


class SentenceScanner:
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
        caps = [is_cap(t) for t in toks]
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
        if lows[a] in ("ministerie", "ministeries"):
            return [(a, b)]
        if any(R.event_head(lows[k]) for k in range(a, b) if covered[k] is None):
            return [(a, b)]
        cuts = [k for k in range(a, b) if lows[k] in ("en", "&") and covered[k] is None]
        if not cuts:
            return [(a, b)]
        parts, start = [], a
        for k in cuts:
            right_end = k + 1
            while right_end < b and lows[right_end] not in ("en", "&"):
                right_end += 1
            right = lows[k + 1:right_end]
            left_last = lows[k - 1] if k > a else ""
            keep = bool(right) and ((len(right) == 1 and right[0] in SECTOR_WORDS) or (
                left_last in SECTOR_WORDS and right[0] in SECTOR_WORDS))
            if keep:
                continue
            parts.append((start, k))
            start = k + 1
        parts.append((start, b))
        return [(x, y) for x, y in parts if y > x]

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
        if n_tok == 1:
            t = toks[a]
            low = lows[a]
            if t.endswith("-") or low in lex.stopwords or norm(t) in lex.generic or not is_word(t):
                return
            if t.isupper() and len(t) <= 6 and covered[a] is None:
                return  # unknown acronym: too often noise (BIG, JOU, ICT)
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
        if at_start and n_tok == 1 and typ is None and toks[a] not in lex.first_names:
            m.flags.add("weak")
        if at_start and typ is None and n_tok > 1 and lows[a] in lex.stopwords:
            m.flags.add("weak")
        if lows[a] in LOWER_PREFIX_HEADS and not is_cap(toks[a]):
            m.name = cap_first(text)
        if role_prefix:
            m.props["role_word"] = role_prefix[0]
        cands.append(m)

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


# --------------------------------------------------------------------------- documents


def _sentences(p: Pipeline, paragraphs: list[str], docs) -> list[Sent]:
    from spacy.attrs import IDX, LENGTH, SENT_START
    sents: list[Sent] = []
    for para, doc in zip(paragraphs, docs):
        n = len(doc)
        if not n:
            continue
        text = para          # == doc.text, without iterating the tokens
        arr = doc.to_array([IDX, LENGTH, SENT_START]).tolist()
        texts, ws, bounds = [], [], []
        a = 0
        for i, (idx, ln, st) in enumerate(arr):
            texts.append(text[idx:idx + ln])
            nxt = arr[i + 1][0] if i + 1 < n else len(text)
            ws.append(text[idx + ln:nxt])
            if st == 1 and i > 0:
                bounds.append((a, i))
                a = i
        bounds.append((a, n))
        lows = [t.lower() for t in texts]
        lexm = _lex_matches(p, doc, texts, lows, bounds)
        for (a, b), lm in zip(bounds, lexm):
            toks = texts[a:b]
            if not any(is_word(t) for t in toks):
                continue
            sents.append(Sent(len(sents), toks, lows[a:b], ws[a:b], lm))
    return sents


def _paragraphs(body: str) -> list[str]:
    return [ln.strip() for ln in body.split("\n") if ln.strip()]


def extract(body: str, *, title: str | None = None, date: str | None = None) -> DocExtraction:
    """Extract mentions and relation candidates from one document body."""
    return next(iter(extract_many([(body, title, date)])))


def extract_many(items: Iterable[tuple[str, str | None, str | None]], *,
                 batch_size: int = 256) -> Iterator[DocExtraction]:
    """Like :func:`extract` for many documents, with ``nlp.pipe`` over all paragraphs."""
    p = get_pipeline()
    R = rules_for(p)
    scanner = SentenceScanner(p, R)
    items = list(items)
    paras = [_paragraphs(b) for b, _, _ in items]
    flat = (para for ps in paras for para in ps)
    docs_iter = p.nlp.pipe(flat, batch_size=batch_size)
    from loaders.extract.relations import document_pass  # local: avoids an import cycle
    for (body, title, date), ps in zip(items, paras):
        docs = [next(docs_iter) for _ in ps]
        sents = _sentences(p, ps, docs)
        for s in sents:
            if _has_digit_or_month(s):
                s.dates = [d for _, _, d in find_dates(s.text, date)]
                s.has_date = bool(s.dates) or DAY_MONTH_RE.search(s.text) is not None
        mentions: list[Mention] = []
        for s in sents:
            mentions.extend(scanner.scan(s))
        yield document_pass(p, R, sents, mentions, title, date)


_MONTH_WORDS = frozenset({"januari", "februari", "maart", "april", "mei", "juni", "juli",
                          "augustus", "september", "oktober", "november", "december",
                          "gisteren", "vandaag", "morgen", "eergisteren", "afgelopen",
                          "vorige", "komende", "aanstaande", "jl.", "a.s."})


def _has_digit_or_month(s: Sent) -> bool:
    for t in s.lows:
        if t[:1].isdigit() or t in _MONTH_WORDS:
            return True
    return False


__all__ = ["extract", "extract_many", "DocExtraction", "Mention", "RelCand", "Sent",
           "is_cap", "Rules", "rules_for"]
