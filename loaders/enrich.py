"""Fill what a source leaves out from the reference gazetteer.

A partner list or the demo often names an organisation without its seat. When the
gazetteer (``data/gazetteer/``) knows the organisation under that name or an alias,
and with the same type, its place and province are added. Values a source states
are never overwritten.
"""

from __future__ import annotations

from graph.geo import canonical_province
from graph.vocab import is_umbrella
from loaders.extract.lexicon import load_lexicon
from loaders.rows import Batch

__all__ = ["FIELDS", "enrich_from_gazetteer", "is_umbrella"]

FIELDS = ("place", "province")


def enrich_from_gazetteer(batch: Batch) -> int:
    """Add gazetteer place/province to organisations and initiatives of ``batch``, and
    the ``umbrella`` mark of umbrella bodies (:func:`is_umbrella`).

    Returns the number of entities that gained a value.
    """
    try:
        lex = load_lexicon()
    except Exception:  # pragma: no cover - gazetteer unreadable: enrichment is optional
        return 0
    changed = 0
    for e in batch.entities:
        if e.label not in ("Organisation", "Initiative"):
            continue
        entry = lex.entry_for(e.name)
        if entry is None or entry.type != e.type:
            continue
        gained = False
        if not e.props.get("umbrella") and is_umbrella(
                e.type, entry.props.get("subkind"), entry.props.get("scope")):
            e.props["umbrella"] = "true"
            gained = True
        for f in FIELDS:
            value = entry.props.get(f)
            if f == "province":
                value = canonical_province(value)
            if value and not e.props.get(f):
                e.props[f] = value
                gained = True
        changed += gained
    return changed
