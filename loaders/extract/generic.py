"""Candidate generator for collaborations named by a generic noun.

Real pages often name their main collaboration only by what it is: "de samenwerking",
"het samenwerkingsverband", "de intentieverklaring", "het nieuwe programma", "de zorgcampus",
"het practoraat Zorg en Technologie". Per document, after resolution:

* a generic noun right before a capitalised name ("practoraat Zorg en Technologie") becomes
  a surface form of that name's entity;
* a generic noun whose head occurs in a named entity of the text ("de zorgcampus" with
  "Zorgcampus Noorderboog") becomes a form of that entity (a reference, not a new entity);
* the others become one candidate initiative per head family ("de samenwerking", "de
  intentieverklaring" and "het convenant" are one family), named after the first form.

Whether such a candidate is an entity is left to the typer (:mod:`loaders.extract.model`);
the mentions carry ``flags={"generic"}`` and ``props["ghead"]``.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.extract.base import Mention, cap_first, is_cap
from loaders.extract.lexicon import norm
from loaders.resolve import Entity, acronym, is_acronym

#: generic head -> family (one candidate per family and document)
HEADS = {
    "samenwerking": "collab", "samenwerkingsverband": "collab",
    "samenwerkingsovereenkomst": "collab", "intentieverklaring": "collab",
    "intentieovereenkomst": "collab", "convenant": "collab", "akkoord": "collab",
    "pact": "pact", "coalitie": "collab", "alliantie": "collab",
    "programma": "programme", "project": "project", "pilot": "project", "proeftuin": "project",
    "campus": "campus", "leerafdeling": "learn", "leerwerkplaats": "learn",
    "werkplaats": "learn", "leerhuis": "learn", "leerroute": "learn", "praktijkroute": "learn",
    "traject": "learn", "leertraject": "learn", "ketenstages": "learn",
    "practoraat": "chair", "lectoraat": "chair", "onderzoeksgroep": "chair",
    "netwerk": "network", "platform": "network", "agenda": "agenda", "aanpak": "agenda",
    "initiatief": "project",
}
#: generic event nouns -> family; such a candidate is an event ("de opening", "tijdens de
#: kick-off", "het werkbezoek", "de mini hackathon") and never a form of the name after it
#: ("de opening van Future Care Labs" is not Future Care Labs)
EVENT_HEADS = {
    "opening": "opening", "ondertekening": "signing", "kick-off": "kickoff",
    "kickoff": "kickoff", "hackathon": "hackathon", "symposium": "conference",
    "congres": "conference", "conferentie": "conference", "bijeenkomst": "meeting",
    "werkbezoek": "visit", "bezoek": "visit", "werkdag": "day", "themadag": "day",
    "themaweek": "week", "inspiratiesessie": "session", "masterclass": "session",
    "webinar": "session", "lancering": "launch",
}
HEADS.update({h: "event:" + f for h, f in EVENT_HEADS.items()})
#: families whose head belongs to the name after it: "het practoraat Zorg en Technologie"
#: is the "Practoraat Zorg en Technologie", "de leerwerkplaats Thermion" the "Leerwerkplaats
#: Thermion" (while "het programma Sterk in je werk" is still "Sterk in je werk")
NAMING_FAMILIES = frozenset({"chair", "learn", "campus"})
_SORTED = sorted(HEADS, key=len, reverse=True)
#: an article written with a capital inside a sentence is part of the name after it
NAME_ARTICLES = ("De", "Het")
DETS = frozenset({"de", "het", "dit", "deze", "dat", "die", "een", "onze", "ons", "hun",
                  "zijn", "haar", "hét"})


def head_of(low: str) -> str | None:
    """The generic head of a lowercase token, also at the end of a compound
    (beleidsprogramma, zorgcampus, werk/leertraject)."""
    if low in HEADS:
        return low
    for h in _SORTED:
        if low.endswith(h) and len(low) >= len(h) + 3 and low[-len(h) - 1] not in "-":
            return h
    return None


def _occupied(entities: list) -> tuple[dict[int, set[int]], dict[tuple[int, int], int]]:
    """The tokens the entities' mentions cover, per sentence, and the entity whose mention
    starts at (sentence, token)."""
    taken: dict[int, set[int]] = {}
    start_at: dict[tuple[int, int], int] = {}
    for i, e in enumerate(entities):
        for m in e.mentions:
            if m.start >= 0:
                taken.setdefault(m.s, set()).update(range(m.start, m.end))
                start_at[(m.s, m.start)] = i
    return taken, start_at


def add_generic(ext, entities: list) -> list:
    """The entities of a document with generic references attached or added (copies; the
    input entities are not changed)."""
    taken, start_at = _occupied(entities)
    extra_forms: dict[int, list[str]] = {}
    extra_ments: dict[int, list[Mention]] = {}
    groups: dict[str, list[Mention]] = {}
    renamed: dict[int, str] = {}
    lowered = [(i, " ".join(e.name.lower().split())) for i, e in enumerate(entities)]
    for s in ext.sents:
        lows, toks = s.lows, s.toks
        used = taken.get(s.idx, set())
        for k, w in enumerate(lows):
            if k in used or is_cap(toks[k]) or len(w) < 4:
                continue
            h = head_of(w)
            if h is None:
                continue
            a = k
            if a > 0 and lows[a - 1].endswith("e") and lows[a - 1] not in DETS \
                    and lows[a - 1].isalpha() and not is_cap(toks[a - 1]):
                a -= 1   # "intensieve samenwerking", "nieuwe programma"
            det = lows[a - 1] if a > 0 else ""
            nxt = start_at.get((s.idx, k + 1))
            if nxt is None and k + 2 < len(toks) and toks[k + 1] in NAME_ARTICLES:
                nxt = start_at.get((s.idx, k + 2))   # "werkplaats De Mortel"
            event = HEADS[h].startswith("event:")
            kind = "event" if event else "initiative"
            m = Mention(s.idx, a, k + 1, s.span(a, k + 1), kind, 30, None, "generic",
                        name=cap_first(s.span(a, k + 1)), prio=10)
            m.flags.add("generic")
            m.props["ghead"] = h
            if a < k:
                m.add_form(toks[k])
            if not event and nxt is not None and is_cap(toks[k + 1]):
                # "practoraat Zorg en Technologie": a form of the name after it
                e = entities[nxt]
                form = s.span(k, k + 1) + " " + e.mentions[0].text if e.mentions else ""
                end = None
                for mm in e.mentions:
                    if mm.s == s.idx and mm.start in (k + 1, k + 2):
                        form, end = s.span(k, mm.end), mm.end
                m.props["ghead_name"] = True
                if HEADS[h] in NAMING_FAMILIES and form and \
                        h not in norm(entities[nxt].name) and nxt not in renamed:
                    renamed[nxt] = cap_first(form)
                extra_forms.setdefault(nxt, []).append(form)
                if a < k and end is not None:   # "professionele werkplaats De Mortel"
                    extra_forms[nxt].append(s.span(a, end))
                extra_ments.setdefault(nxt, []).append(m)
                continue
            if det not in DETS and a > 0 and not event:
                continue
            owner = next((i for i, nm in lowered if h in nm or w in nm), None)
            if owner is not None and entities[owner].type not in (
                    ("person", "region") if event else ("person", "region", "event")):
                extra_forms.setdefault(owner, []).extend(m.forms)
                extra_ments.setdefault(owner, []).append(m)
                continue
            groups.setdefault(HEADS[h], []).append(m)
    if not (extra_forms or groups):
        return entities
    out = list(entities)
    for i, forms in extra_forms.items():
        e = out[i]
        new_forms = list(e.forms) + [f for f in dict.fromkeys(forms) if f and f not in e.forms]
        out[i] = replace(e, name=renamed.get(i, e.name), forms=new_forms,
                         mentions=list(e.mentions) + extra_ments[i])
    for fam, ms in groups.items():
        forms: list[str] = []
        for m in ms:
            for f in m.forms:
                if f not in forms:
                    forms.append(f)
        ent = Entity(cap_first(ms[0].text), ms[0].type, ms, forms, strength=30)
        ent.sentences = sorted({m.s for m in ms})
        out.append(ent)
    return out


def add_articles(ext, entities: list) -> list:
    """The entities of a document with a capitalised article inside a sentence taken into
    the name: "in De Koperhorst", "met De Hoop" name "De Koperhorst" and "De Hoop" (Dutch
    writes the article with a capital only where it belongs to the name). People are left
    alone ("minister De Jonge"). Copies; the input entities are not changed."""
    out = None
    for i, e in enumerate(entities):
        if e.type in ("person", "region"):
            continue
        for m in e.mentions:
            if m.start < 2 or not 0 <= m.s < len(ext.sents):
                continue
            toks = ext.sents[m.s].toks
            art, before = toks[m.start - 1], toks[m.start - 2]
            if art in NAME_ARTICLES and (before[:1].isalpha() and before[:1].islower()
                                         or before == ","):
                form = art + " " + m.text
                if out is None:
                    out = list(entities)
                if form not in out[i].forms:
                    name = form if norm(e.name) == norm(m.text) else out[i].name
                    out[i] = replace(out[i], name=name, forms=[form, *out[i].forms])
                break
    return out if out is not None else entities


def add_acronyms(ext, entities: list) -> list:
    """The entities of a document with their abbreviations attached where the text uses
    them: "De ZPO is tot stand gekomen door …" is a mention of the "Zeeuwse Praktijkroute
    Ouderenzorg" of the same text, "In het HECS werken …" one of "Health Experience Center
    Slotervaart". An abbreviation counts when it is the initials of the capitalised words of
    one (and only one) multi-word name of the document, or a form the name already has
    ("Leer- en Innovatienetwerk (LIN)"); people are never abbreviated. Copies; the input
    entities are not changed."""
    owner: dict[str, int | None] = {}
    for i, e in enumerate(entities):
        if e.type == "person":
            continue
        abbrs = {f for f in e.forms if is_acronym(f)}
        abbrs |= {a for f in [e.name, *e.forms] if len(f.split()) >= 2
                  for a in [acronym(f)] if len(a) >= 3 and is_acronym(a)}
        for a in abbrs:
            owner[a] = i if owner.get(a, i) == i else None   # two owners: ambiguous
    owner = {a: i for a, i in owner.items() if i is not None}
    if not owner:
        return entities
    taken, _ = _occupied(entities)
    extra: dict[int, list[Mention]] = {}
    for s in ext.sents:
        used = taken.get(s.idx, set())
        for k, t in enumerate(s.toks):
            i = owner.get(t)
            if i is None or k in used:
                continue
            e = entities[i]
            m = Mention(s.idx, k, k + 1, t, e.type, 40, None, "name", name=t, prio=10)
            m.flags.add("acronym")
            extra.setdefault(i, []).append(m)
    if not extra:
        return entities
    out = list(entities)
    for i, ms in extra.items():
        e = out[i]
        forms = list(e.forms) + [t for t in dict.fromkeys(m.text for m in ms)
                                 if t not in e.forms]
        out[i] = replace(e, forms=forms, mentions=list(e.mentions) + ms,
                         sentences=sorted(set(e.sentences) | {m.s for m in ms}))
    return out


__all__ = ["add_generic", "add_acronyms", "add_articles", "head_of", "HEADS"]
