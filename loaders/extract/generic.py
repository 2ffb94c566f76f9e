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
from loaders.resolve import Entity

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
_SORTED = sorted(HEADS, key=len, reverse=True)
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


def add_generic(ext, entities: list) -> list:
    """The entities of a document with generic references attached or added (copies; the
    input entities are not changed)."""
    taken: dict[int, set[int]] = {}
    start_at: dict[tuple[int, int], int] = {}
    for i, e in enumerate(entities):
        for m in e.mentions:
            if m.start >= 0:
                taken.setdefault(m.s, set()).update(range(m.start, m.end))
                start_at[(m.s, m.start)] = i
    extra_forms: dict[int, list[str]] = {}
    extra_ments: dict[int, list[Mention]] = {}
    groups: dict[str, list[Mention]] = {}
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
            m = Mention(s.idx, a, k + 1, s.span(a, k + 1), "initiative", 30, None, "generic",
                        name=cap_first(s.span(a, k + 1)), prio=10)
            m.flags.add("generic")
            m.props["ghead"] = h
            if a < k:
                m.add_form(toks[k])
            if nxt is not None and is_cap(toks[k + 1]):
                # "practoraat Zorg en Technologie": a form of the name after it
                e = entities[nxt]
                form = s.span(k, k + 1) + " " + e.mentions[0].text if e.mentions else ""
                for mm in e.mentions:
                    if mm.s == s.idx and mm.start == k + 1:
                        form = s.span(k, mm.end)
                m.props["ghead_name"] = True
                extra_forms.setdefault(nxt, []).append(form)
                extra_ments.setdefault(nxt, []).append(m)
                continue
            if det not in DETS and a > 0:
                continue
            owner = next((i for i, nm in lowered if h in nm or w in nm), None)
            if owner is not None and entities[owner].type not in ("person", "region", "event"):
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
        out[i] = replace(e, forms=new_forms, mentions=list(e.mentions) + extra_ments[i])
    for fam, ms in groups.items():
        forms: list[str] = []
        for m in ms:
            for f in m.forms:
                if f not in forms:
                    forms.append(f)
        ent = Entity(cap_first(ms[0].text), "initiative", ms, forms, strength=30)
        ent.sentences = sorted({m.s for m in ms})
        out.append(ent)
    return out


__all__ = ["add_generic", "head_of", "HEADS"]
