"""Shared vocabulary of the extractor: token classes, the :class:`Sent`, :class:`Mention`,
:class:`RelCand` and :class:`DocExtraction` records and small token predicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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
#: heads of a school's (or university's) own unit: "Academie voor Verpleegkunde van de
#: Hanzehogeschool" names the unit and, after "van", the school it is part of
UNIT_HEADS = frozenset({"academie", "faculteit", "instituut"})
UNIT_PARENT_KINDS = frozenset({"school", "knowledge_institute"})
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
    if t[:1] == "(" and ")" in t[2:-1]:     # "(Sensor)technologie", "(sensor)Technologie"
        return t[1].isupper() or t[t.index(")", 2) + 1].isupper()
    return t[:1].isupper() or (t[:3] == "'s-" and len(t) > 3)


def is_word(t: str) -> bool:
    return any(ch.isalnum() for ch in t)


def _camel(t: str) -> bool:
    """InteraktContour, NetwerkZON, Platform31: capitals or digits inside the word."""
    return any(c.isupper() or c.isdigit() for c in t[1:]) and not t.isupper()


def after_truncated(toks: list[str], k: int) -> bool:
    """Token ``k`` follows a truncated word ("Noord-", "Leer-"), so a coordination at
    ``k`` is inside one name: "Noord- en Midden-Limburg", "Leer- en Innovatienetwerk"."""
    return k > 0 and len(toks[k - 1]) > 2 and toks[k - 1].endswith("-")


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s

__all__ = ["QUOTE_OPEN", "QUOTE_CLOSE", "SENT_START_PREV", "YEAR_RE", "LIST_NO_RE",
           "INITIAL_RE", "EMAIL_RE", "TITLES", "PERSON_CUES", "CONNECTORS", "LOC_PREPS",
           "WEAK_CONNECTORS", "INTERFIX", "INTERFIX_SET", "SECTOR_WORDS", "SEASON_WORDS",
           "ARTICLES", "DEFINITE", "EVENT_QUALIFIERS", "EVENT_QUAL_STOP", "INI_QUOTE_HEADS",
           "PHYSICAL_INI_HEADS", "LOWER_PREFIX_HEADS", "Sent", "Mention", "RelCand",
           "DocExtraction", "is_cap", "is_word", "cap_first", "after_truncated", "acronym",
           "is_acronym"]


_ACRO_SKIP = frozenset({"van", "de", "het", "en", "voor", "der", "den", "in", "op", "aan",
                        "ministerie", "&", "of", "the", "and"})


def acronym(name: str) -> str:
    """Initials of the capitalised content words: 'Sociale Zaken en Werkgelegenheid' -> 'SZW'."""
    words = re.findall(r"[\wÀ-ÿ]+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRO_SKIP and w[:1].isupper())


def is_acronym(s: str) -> bool:
    return 2 <= len(s) <= 6 and s.isalpha() and s.isupper()
