"""Entity resolution: mentions -> entities, within a document and across documents.

Two mentions (or two entities) are the same entity when

* they point to the same reference entry (gazetteer, ``data/aliases.csv``, the user's alias
  file in ``ZORGNET_ALIASES``, domain and region lists) — this covers acronyms and known
  variants: ``VWS`` = ``ministerie van VWS`` = ``Ministerie van Volksgezondheid, Welzijn en
  Sport``, ``Universiteit van Utrecht`` = ``Universiteit Utrecht``;
* their names are equal after :func:`graph.model.normalise_name` (case, diacritics, a leading
  article: ``het Zorgpact`` = ``Zorgpact``; ``InteraktContour`` = ``Interaktcontour``), or equal
  after also dropping spaces/hyphens (``Stageplatform ZW`` = ``StageplatformZW``);
* one is an acronym of the other's capitalised words (``SZW`` = ``Sociale Zaken en
  Werkgelegenheid``);
* they are of the same type group and their normalised names have a rapidfuzz ``ratio`` of at
  least :data:`FUZZY_THRESHOLD` (92) — both names at least 6 characters long, and for people
  the surnames must agree;
* within one document, a bare surname ("Blokhuis", "Van Lieshout") follows the full name
  ("Paul Blokhuis") — done during extraction, see :mod:`loaders.extract.relations`.

A merged entity keeps every surface form: ``EntityRow.aliases`` and ``MentionRow.mentions``.

Type groups for merging: persons, events, regions, and everything organisation-like
(organisation kinds + initiatives) together, so an untyped mention can join a typed one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graph.model import ORG_KINDS, make_id, TYPE_TO_LABEL
from graph.rows import EntityRow
from loaders.extract.base import acronym, is_acronym  # noqa: F401 (re-exported)
from loaders.extract.core import DocExtraction, Mention
from loaders.extract.lexicon import Lexicon, load_lexicon, norm, squash

#: minimum rapidfuzz ``fuzz.ratio`` (0..100) of two normalised names to merge them
FUZZY_THRESHOLD = 92
#: default kind of an organisation about which nothing is known (see graph.model.entity_type)
DEFAULT_ORG_KIND = "company"
#: word endings that make a programme of a name ("Zorgpactprogramma")
_NAME_SUFFIXES = ("programma", "beweging", "thema", "netwerk")


def type_group(t: str | None) -> str:
    if t in ("person", "event", "region"):
        return t
    return "org"


@dataclass
class Entity:
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)
    entry: int | None = None
    strength: int = 0
    sentences: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        return make_id(TYPE_TO_LABEL[self.type], self.name, self.type)

    @property
    def aliases(self) -> list[str]:
        return [f for f in self.forms if f != self.name]


class _UF:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def _rep(m: Mention) -> Mention:
    return m.representative()


def _fuzzy_ok(a: str, b: str, group: str) -> bool:
    from rapidfuzz import fuzz
    na, nb = norm(a), norm(b)
    if len(na) < 6 or len(nb) < 6 or na[0] != nb[0]:
        return False
    if abs(len(na) - len(nb)) * 100 > (100 - FUZZY_THRESHOLD) * max(len(na), len(nb)) * 2:
        return False   # ratio cannot reach the threshold
    if group == "person":
        if na.split()[-1] != nb.split()[-1] and fuzz.ratio(na.split()[-1], nb.split()[-1]) < 90:
            return False
    if group == "event":
        return False   # events are merged by their head word during extraction
    # digits must agree ("Zorgpact 2017" vs "Zorgpact 2018")
    if re.findall(r"\d+", na) != re.findall(r"\d+", nb):
        return False
    return fuzz.ratio(na, nb) >= FUZZY_THRESHOLD


def resolve_document(ext: DocExtraction, lex: Lexicon | None = None) -> list[Entity]:
    """Group the mentions of one document into entities (sets ``Mention.ent``)."""
    lex = lex or load_lexicon()
    ms = [m for m in ext.mentions]
    idx = {id(m): i for i, m in enumerate(ms)}
    uf = _UF(len(ms))
    for i, m in enumerate(ms):
        r = _rep(m)
        if r is not m and id(r) in idx:
            uf.union(i, idx[id(r)])
    # keys
    by_entry: dict[int, int] = {}
    by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ms):
        r = _rep(m)
        g = type_group(r.type)
        if r.entry is not None:
            if r.entry in by_entry:
                uf.union(i, by_entry[r.entry])
            else:
                by_entry[r.entry] = i
        if m.kind == "eventref" or "ref" in m.flags:
            continue
        keys = {norm(m.name), norm(m.text), squash(m.name)} | {norm(f) for f in m.forms[:1]}
        for k in keys:
            if not k:
                continue
            kk = (g, k)
            if kk in by_key:
                uf.union(i, by_key[kk])
            else:
                by_key[kk] = i
    # "Zorgpactprogramma", "Zorgpactbeweging", "RAAT-netwerk": the programme of a name the
    # text also uses on its own is that name
    for i, m in enumerate(ms):
        low = norm(m.text)
        if " " in low or m.start < 0 or type_group(_rep(m).type) != "org":
            continue
        for suf in _NAME_SUFFIXES:
            if low.endswith(suf) and len(low) - len(suf) >= 4:
                j = by_key.get(("org", low[:-len(suf)].rstrip("-")))
                if j is not None:
                    uf.union(i, j)
                break
    # "de regio Venlo" is Venlo ("Regio Zwolle", a name of its own, is not)
    for i, m in enumerate(ms):
        if m.text.startswith("regio ") and len(m.text.split()) > 1 and \
                type_group(_rep(m).type) in ("region", "org"):
            j = by_key.get(("region", norm(m.text[len("regio "):])))
            if j is not None:
                uf.union(i, j)
    # untyped names join a typed organisation of the same name
    groups: dict[int, list[int]] = {}
    for i in range(len(ms)):
        groups.setdefault(uf.find(i), []).append(i)

    def gname(root: int) -> str:
        return _best_name([ms[i] for i in groups[root]], lex)

    def gtype(root: int) -> str | None:
        return _best_type([ms[i] for i in groups[root]])[0]

    roots = list(groups)
    # acronyms and fuzzy matches between groups of the same type group
    infos = []
    for r in roots:
        names = {ms[i].name for i in groups[r]} | {ms[i].text for i in groups[r]
                                                   if ms[i].kind != "eventref"}
        infos.append((r, type_group(gtype(r)), names))
    firsts = [{norm(n)[:1] for n in nx} for _, _, nx in infos]
    acros = [any(is_acronym(n) for n in nx) for _, _, nx in infos]
    for x in range(len(infos)):
        rx, gx, nx = infos[x]
        if gx not in ("org", "person"):
            continue
        for y in range(x + 1, len(infos)):
            ry, gy, ny = infos[y]
            if gx != gy or uf.find(rx) == uf.find(ry):
                continue
            if gx == "org" and (acros[x] or acros[y]) and _acronym_match(nx, ny):
                uf.union(rx, ry)
                continue
            if firsts[x].isdisjoint(firsts[y]):
                continue
            if any(_fuzzy_ok(a, b, gx) for a in nx for b in ny):
                ex = {ms[i].entry for i in groups[rx]} - {None}
                ey = {ms[i].entry for i in groups[ry]} - {None}
                if ex and ey and ex != ey:
                    continue   # two different reference entries
                uf.union(rx, ry)
    groups = {}
    for i in range(len(ms)):
        groups.setdefault(uf.find(i), []).append(i)

    entities: list[Entity] = []
    for root, members in sorted(groups.items(), key=lambda kv: min(ms[i].s for i in kv[1])):
        mm = [ms[i] for i in members]
        typ, strength = _best_type(mm)
        if typ is None:
            typ = _default_type(mm, ext)
        name = _best_name(mm, lex)
        entry = next((m.entry for m in mm if m.entry is not None), None)
        ent = Entity(name, typ, mm, entry=entry, strength=strength)
        if entry is not None:
            e = lex.entries[entry]
            if e.type == typ:
                ent.name = e.name
            for k, v in e.props.items():
                if k in ("place", "province", "level", "code", "subkind", "scope") and v:
                    ent.props.setdefault(k, v)
        forms: list[str] = []
        for m in sorted(mm, key=lambda m: (m.s, m.start)):
            for f in ([m.text] if m.start >= 0 else []) + m.forms:
                f = f.strip()
                if f and f not in forms and "email" not in m.flags:
                    forms.append(f)
            for k in ("date", "role"):
                if m.props.get(k) and not ent.props.get(k):
                    ent.props[k] = m.props[k]
            if m.role and typ == "person" and not ent.props.get("role"):
                ent.props["role"] = m.role
        ent.forms = forms
        if typ == "region" and "level" not in ent.props:
            ent.props["level"] = "other"
        ent.sentences = sorted({m.s for m in mm if m.start >= 0})
        for m in mm:
            m.ent = len(entities)
        entities.append(ent)
    # nested regions give a place to organisations ("Windesheim Flevoland")
    for ent in entities:
        if ent.type == "region" or ent.props.get("place"):
            continue
        for m in ent.mentions:
            for nm in m.nested:
                if nm.type == "region" and nm.end == m.end:
                    ent.props.setdefault("place", nm.name)
                    if nm.props.get("province"):
                        ent.props.setdefault("province", nm.props["province"])
    # an event's date from its sentence when it has none yet
    for ent in entities:
        if ent.type == "event" and not ent.props.get("date"):
            for m in sorted(ent.mentions, key=lambda m: (m.kind != "event", m.s)):
                s = ext.sents[m.s] if 0 <= m.s < len(ext.sents) else None
                if s is not None and s.dates:
                    ent.props["date"] = s.dates[0]
                    break
    return _drop_empty(entities)


def _drop_empty(entities: list[Entity]) -> list[Entity]:
    return [e for e in entities if e.name.strip()]


def _acronym_match(a: set[str], b: set[str]) -> bool:
    for x in a:
        if is_acronym(x):
            for y in b:
                if len(y.split()) >= 2 and acronym(y) == x:
                    return True
    for y in b:
        if is_acronym(y):
            for x in a:
                if len(x.split()) >= 2 and acronym(x) == y:
                    return True
    return False


def _best_type(mm: list[Mention]) -> tuple[str | None, int]:
    best, st = None, -1
    for m in mm:
        if m.type is not None and m.strength > st:
            best, st = m.type, m.strength
    return best, max(st, 0)


def _best_name(mm: list[Mention], lex: Lexicon) -> str:
    for m in mm:
        if m.entry is not None:
            return lex.entries[m.entry].name
    persons = [m for m in mm if m.type == "person" and m.kind == "person"]
    if persons:
        return max(persons, key=lambda m: (len(m.name.split()), -m.s)).name
    named = [m for m in mm if m.kind in ("event", "name", "person") and m.start >= 0
             and "ref" not in m.flags]
    if not named:
        named = mm
    # the first full mention with a capital, else the first
    cap = [m for m in named if m.name[:1].isupper()]
    pool = cap or named
    counts = Counter(m.name for m in pool)
    first = pool[0].name
    top = max(counts.values())
    if counts[first] == top:
        return first
    return next(m.name for m in pool if counts[m.name] == top)


def _default_type(mm: list[Mention], ext: DocExtraction) -> str:
    """An organisation about which nothing typed is known: hints from relation roles, else
    :data:`DEFAULT_ORG_KIND`."""
    hints = Counter()
    ids = {id(m) for m in mm}
    for r in ext.relations:
        if id(r.dst) in ids and r.rel == "AFFILIATED_WITH" and r.role:
            from loaders.extract.pipeline import get_pipeline  # lazy: loads spaCy
            lexroles = get_pipeline().lex.roles
            w = r.role.lower().split()[0]
            info = lexroles.get(w) or lexroles.get(w.rsplit("-", 1)[-1])
            if info and info.get("implies"):
                hints[info["implies"]] += 1
        if id(r.src) in ids and r.rel == "PART_OF" and (r.role or "").endswith("koploper"):
            hints["initiative"] += 1
        if id(r.src) in ids and r.rel == "ORGANISED":
            pass
    if hints:
        return hints.most_common(1)[0][0]
    return DEFAULT_ORG_KIND


# --------------------------------------------------------------------------- across documents


def canonical_map(entities: list[tuple[str, str]], lex: Lexicon | None = None
                  ) -> dict[tuple[str, str], tuple[str, str]]:
    """Map (name, type) pairs from many documents to one canonical (name, type) each.

    Uses the same rules as within a document except surnames: reference entries first, then
    normalised / squashed names, acronyms and fuzzy matches within a type group. The
    canonical name is the reference name, else the most frequent spelling.
    """
    lex = lex or load_lexicon()
    items = list(dict.fromkeys(entities))
    uf = _UF(len(items))
    by_key: dict[tuple[str, str], int] = {}
    entry_of = [lex.entry_for(name) for name, _ in items]   # the reference entry, or None
    for i, (name, typ) in enumerate(items):
        e = entry_of[i]
        keys = [(type_group(typ), norm(name)), (type_group(typ), squash(name))]
        if e is not None and type_group(e.type) == type_group(typ):
            keys.append(("entry", str(e.id)))
        for k in keys:
            if k in by_key:
                uf.union(i, by_key[k])
            else:
                by_key[k] = i
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            (a, ta), (b, tb) = items[i], items[j]
            g = type_group(ta)
            if g != type_group(tb) or uf.find(i) == uf.find(j):
                continue
            if None not in (entry_of[i], entry_of[j]) and entry_of[i] is not entry_of[j]:
                continue   # two different reference entries ("HZ …" and "HAN …")
            if g == "org" and _acronym_match({a}, {b}):
                uf.union(i, j)
            elif g in ("org", "person") and _fuzzy_ok(a, b, g):
                uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    freq = Counter(entities)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for members in groups.values():
        names = [items[i] for i in members]
        ref = None
        for i in members:
            e = entry_of[i]
            if e is not None and type_group(e.type) == type_group(items[i][1]):
                ref = (e.name, e.type)
                break
        if ref is None:
            typed = [x for x in names if x[1] != DEFAULT_ORG_KIND] or names
            best = max(typed, key=lambda x: (freq[x], not is_acronym(x[0]), len(x[0])))
            ref = best
        for x in names:
            out[x] = ref
    return out


def merge_batches(batches: list) -> list:
    """Resolve entities across the batches of many documents: entities that are the same
    (see :func:`canonical_map`) get one name, type and id; relation and mention rows are
    re-pointed; every surface form is kept as an alias."""
    pairs = [(e.name, e.type) for b in batches for e in b.entities]
    cmap = canonical_map(pairs)
    for b in batches:
        remap: dict[str, str] = {}
        new_entities: dict[str, EntityRow] = {}
        for e in b.entities:
            name, typ = cmap.get((e.name, e.type), (e.name, e.type))
            ne = EntityRow(name, typ, [], dict(e.props))
            remap[e.id] = ne.id
            if ne.id in new_entities:
                ne = new_entities[ne.id]
            else:
                new_entities[ne.id] = ne
            for a in [e.name, *e.aliases]:
                if a != ne.name and a not in ne.aliases:
                    ne.aliases.append(a)
            for k, v in e.props.items():
                if v and not ne.props.get(k):
                    ne.props[k] = v
        b.entities = list(new_entities.values())
        for r in b.relations:
            r.src, r.dst = remap.get(r.src, r.src), remap.get(r.dst, r.dst)
        merged: dict[str, object] = {}
        for m in b.mentions:
            m.entity = remap.get(m.entity, m.entity)
            if m.entity in merged:
                old = merged[m.entity]
                old.mentions = sorted(set(old.mentions) | set(m.mentions))
            else:
                merged[m.entity] = m
        b.mentions = list(merged.values())
        seen, rels = set(), []
        for r in b.relations:
            k = (r.src, r.rel, r.dst, r.doc)
            if k in seen or r.src == r.dst:
                continue
            seen.add(k)
            rels.append(r)
        b.relations = rels
    return batches


__all__ = ["Entity", "resolve_document", "canonical_map", "merge_batches", "FUZZY_THRESHOLD",
           "acronym", "DEFAULT_ORG_KIND", "ORG_KINDS"]
