"""The review step before loading (the Laden page): what was extracted, the
reviewer's decisions applied, and uploads renamed to their stable source."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import networkx as nx

from graph.entities import type_of
from graph.model import make_id, normalise_name
from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow

__all__ = ["review_rows", "apply_review", "org_id", "rebase_source"]


def review_rows(batches: list, G: nx.Graph | None = None) -> list[dict]:
    """One row per extracted entity for the review table: ``accept``, ``name``,
    ``type``, ``merge_with`` (an existing entity suggested when the normalised name
    or an alias matches one in ``G``), ``place``, ``aliases``, ``relations``
    (statements it takes part in), ``source`` and ``id`` (the extracted id)."""
    index: dict[str, str] = {}
    if G is not None:
        for n, d in G.nodes(data=True):
            if d.get("label") in (None, "Document"):
                continue
            for nm in [d.get("name"), *(d.get("aliases") or [])]:
                if nm:
                    index.setdefault(normalise_name(str(nm)), n)
    out = []
    seen = set()
    for b in batches:
        src = b.documents[0].source if b.documents else ""
        rels = Counter()
        for r in b.relations:
            rels[r.src] += 1
            rels[r.dst] += 1
        for e in b.merged_entities():
            if e.id in seen:
                continue
            seen.add(e.id)
            hit = index.get(normalise_name(e.name))
            out.append({"accept": True, "name": e.name, "type": e.type,
                        "merge_with": hit if hit and hit != e.id else "",
                        "place": e.props.get("place") or "",
                        "aliases": " | ".join(e.aliases), "relations": rels.get(e.id, 0),
                        "source": src, "id": e.id})
    return out


def apply_review(batches: list, rows: list[dict], G: nx.Graph | None = None) -> list:
    """Apply the reviewer's decisions to the extracted batches.

    Per row (matched by ``id``): ``accept`` False drops the entity with its
    relations and mentions; a changed ``type`` or ``name`` re-keys it (relations
    follow); ``merge_with`` (an id already in ``G`` or in the batch) drops it in
    favour of that entity, keeping its name as an alias of the target. Returns
    new batches; the input is not changed.
    """
    by_id = {r["id"]: r for r in rows}
    new_batches = []
    for b in batches:
        remap: dict[str, str | None] = {}
        ents: list = []
        extra_aliases: dict[str, list[str]] = defaultdict(list)
        for e in b.merged_entities():
            r = by_id.get(e.id)
            if r is None:
                ents.append(e)
                remap[e.id] = e.id
                continue
            if not r.get("accept", True):
                remap[e.id] = None
                continue
            target = (r.get("merge_with") or "").strip()
            if target and target != e.id:
                remap[e.id] = target
                extra_aliases[target].append(e.name)
                continue
            name = (r.get("name") or e.name).strip() or e.name
            typ = r.get("type") or e.type
            props = dict(e.props)
            if r.get("place") is not None and str(r.get("place")).strip() != (
                    e.props.get("place") or ""):
                props["place"] = str(r["place"]).strip() or None
            aliases = list(e.aliases)
            if name != e.name and e.name not in aliases:
                aliases.append(e.name)
            ne = EntityRow(name, typ, aliases, props)
            remap[e.id] = ne.id
            ents.append(ne)
        # merged-into entities get the new aliases (existing aliases kept)
        in_batch = {e.id: e for e in ents}
        for target, names in extra_aliases.items():
            if target in in_batch:
                e = in_batch[target]
                e.aliases = list(dict.fromkeys([*e.aliases, *names]))
            elif G is not None and target in G:
                d = G.nodes[target]
                lab = d.get("label")
                typ = type_of(d)
                props = {k: None for k in ("place", "province")}
                aliases = list(dict.fromkeys([*(d.get("aliases") or []), *names]))
                ne = EntityRow(d.get("name") or target, typ, aliases, props, id=target)
                if lab:
                    ents.append(ne)
        rels = []
        for r in b.relations:
            s, t = remap.get(r.src, r.src), remap.get(r.dst, r.dst)
            if s is None or t is None or s == t:
                continue
            rels.append(RelationRow(s, r.rel, t, r.doc, r.sentence, r.locator, r.role,
                                    r.date, r.confidence))
        ments = []
        for m in b.mentions:
            x = remap.get(m.entity, m.entity)
            if x is None:
                continue
            ments.append(MentionRow(x, m.doc, list(m.mentions), m.locator, m.confidence))
        new_batches.append(Batch(documents=list(b.documents), entities=ents, relations=rels,
                                 mentions=ments))
    return new_batches


def org_id(name: str, kind: str) -> str:
    """The id an organisation of this name and kind gets (see :func:`graph.model.make_id`)."""
    return make_id("Organisation", name, kind)


def rebase_source(batch, source: str, title: str | None = None, *,
                  prefix: str | Iterable[str] | None = None):
    """The batch with its document(s) renamed to ``source`` (an uploaded file's
    stable name instead of its temporary path): document ids follow the source, so
    loading a changed version of the same upload replaces its evidence instead of
    adding a second document.

    ``prefix`` is the temporary path (or several spellings of it, e.g. as given and
    resolved) that the reader put in front of each document's source; it is
    replaced by ``source`` and what follows it is kept, so the documents of a
    multi-source spreadsheet (``<path>#<bron>``) become ``<source>#<bron>`` — the
    same document for the same ``bron`` whatever other sources the sheet has.
    Documents whose source does not start with the prefix (a source's own URL) are
    kept as they are. Without ``prefix`` a single document is renamed to ``source``
    and several are taken to share the part before their first ``#``.
    Relations and mentions are re-pointed to the new document ids.
    """
    if prefix is None:
        if len(batch.documents) == 1:
            prefixes = [batch.documents[0].source]
        else:
            prefixes = sorted({d.source.partition("#")[0] for d in batch.documents
                               if not d.source.startswith(("http://", "https://"))})
    else:
        prefixes = [prefix] if isinstance(prefix, str) else list(prefix)
    prefixes = sorted({p for p in prefixes if p}, key=len, reverse=True)   # longest first

    def rebased(src: str) -> str | None:
        for p in prefixes:
            if src == p or src.startswith(p + "#"):
                return source + src[len(p):]
        return None

    remap: dict[str, str] = {}
    docs = []
    for d in batch.documents:
        src = rebased(d.source)
        if src is None:
            docs.append(d)
            continue
        nd = DocumentRow(source=src, title=title or d.title, checksum=d.checksum, date=d.date,
                         doctype=d.doctype)
        remap[d.id] = nd.id
        docs.append(nd)
    rels = [RelationRow(r.src, r.rel, r.dst, remap.get(r.doc, r.doc), r.sentence, r.locator,
                        r.role, r.date, r.confidence) for r in batch.relations]
    ments = [MentionRow(m.entity, remap.get(m.doc, m.doc), list(m.mentions), m.locator,
                        m.confidence) for m in batch.mentions]
    return Batch(documents=docs, entities=list(batch.entities), relations=rels, mentions=ments)
