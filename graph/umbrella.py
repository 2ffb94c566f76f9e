"""Umbrella bodies and national programmes: who is *not* a collaboration partner.

The cabinet, "het Rijk", the ministries (which mostly appear as funder or
signatory), parliament, the koepels (VNG, IPO, RegioPlus) and the national
programmes themselves (the Zorgpact,
national accords, programmes and funds) sit above the organisations that
actually work together. Two organisations that both "work with the
kabinet" do not share a partner; a national programme that hundreds joined does
not make them collaborate. The analysis therefore marks them:

* an **Organisation** is an umbrella body when its stored ``umbrella`` property
  says so (the loaders set it from the gazetteer, :data:`graph.vocab.UMBRELLA_SUBKINDS`);
  else when the gazetteer (``data/gazetteer/*.csv``, reference data that exists
  independently of any corpus) lists its name or one of its aliases with a
  ``subkind`` in :data:`UMBRELLA_ORG_SUBKINDS`, or its name is one of the generic
  designations of the state in :data:`GENERIC_STATE_NAMES` ("het Rijk");
* an **Initiative** is a national programme when it (or its gazetteer entry) has
  ``scope`` national and a ``subkind`` in :data:`UMBRELLA_INITIATIVE_SUBKINDS`.

Effects (see :mod:`graph.collaboration`, :mod:`graph.links`, :mod:`graph.gaps`):
umbrella organisations are never a *shared partner* of a suggestion and are
never suggested themselves; national programmes are not expanded into ties
(like foci over ``max_group_size``) and are never suggested to join; umbrella
organisations are not counted as a region's own organisations in the gaps.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from graph.model import normalise_name
from graph.resources import data_dir
# The umbrella vocabulary (subkinds, koepels, generic state names) is defined once in
# graph.vocab, shared with the loaders' ``umbrella`` mark.
from graph.vocab import (GENERIC_STATE_NAMES, KOEPEL_SUBKINDS, UMBRELLA_INITIATIVE_SUBKINDS,
                         UMBRELLA_ORG_SUBKINDS)

__all__ = ["GAZETTEER", "gazetteer_entry", "is_umbrella_org", "is_national_programme",
           "GENERIC_STATE_NAMES", "KOEPEL_SUBKINDS", "UMBRELLA_INITIATIVE_SUBKINDS",
           "UMBRELLA_ORG_SUBKINDS"]

GAZETTEER = data_dir() / "gazetteer"


#: Organisation kinds that have umbrella subkinds (government, employer organisations).
_UMBRELLA_KINDS = frozenset({"government", "employer_org"})


@lru_cache(maxsize=1)
def _gazetteer() -> dict[tuple[str, str], tuple[str, str]]:
    """(normalised name or alias, type) -> (subkind, scope) of every gazetteer row."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if not GAZETTEER.is_dir():
        return out
    for path in sorted(GAZETTEER.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                typ = row.get("type") or ""
                info = ((row.get("subkind") or "").strip(), (row.get("scope") or "").strip())
                names = [row.get("name") or ""] + (row.get("aliases") or "").split("|")
                for n in names:
                    if n.strip():
                        out.setdefault((normalise_name(n), typ), info)
    return out


def gazetteer_entry(name: str | None, kind: str | None, aliases=()) -> tuple[str, str] | None:
    """``(subkind, scope)`` of the gazetteer row matching ``name`` (or an alias) and
    ``kind``, or None.

    >>> gazetteer_entry("Ministerie van VWS", "government")
    ('ministry', 'national')
    >>> gazetteer_entry("Nergens BV", "company") is None
    True
    """
    tab = _gazetteer()
    for n in [name, *(aliases or ())]:
        if n:
            hit = tab.get((normalise_name(str(n)), kind or ""))
            if hit is not None:
                return hit
    return None


def _flag(value) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip().casefold() in ("1", "true", "ja", "yes", "waar")
    return bool(value)


def is_umbrella_org(attrs: dict) -> bool:
    """Whether an Organisation (its node attributes) is an umbrella body.

    >>> is_umbrella_org({"name": "kabinet", "kind": "government"})
    True
    >>> is_umbrella_org({"name": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    ...                  "kind": "government"})
    True
    >>> is_umbrella_org({"name": "Gemeente Ede", "kind": "government"})
    False
    >>> is_umbrella_org({"name": "Gemeente Ede", "kind": "government", "umbrella": "true"})
    True
    >>> is_umbrella_org({"name": "RegioPlus", "kind": "employer_org"})
    True
    """
    if _flag(attrs.get("umbrella")):
        return True
    if attrs.get("kind") not in _UMBRELLA_KINDS:     # fast path: most organisations
        return False
    name = attrs.get("name") or ""
    if normalise_name(str(name)) in GENERIC_STATE_NAMES:
        return True
    sub = attrs.get("subkind")
    if sub:
        return sub in UMBRELLA_ORG_SUBKINDS
    hit = gazetteer_entry(name, attrs.get("kind"), attrs.get("aliases") or ())
    return hit is not None and hit[0] in UMBRELLA_ORG_SUBKINDS


def is_national_programme(attrs: dict) -> bool:
    """Whether an Initiative (its node attributes) is a national programme.

    >>> is_national_programme({"name": "Zorgpact", "kind": "initiative"})
    True
    >>> is_national_programme({"name": "Zorgpact Flevoland", "kind": "initiative",
    ...                        "subkind": "pact", "scope": "regional"})
    False
    """
    explicit = _flag(attrs.get("umbrella"))
    if explicit is not None:
        return explicit
    sub, scope = attrs.get("subkind"), attrs.get("scope")
    if not (sub and scope):
        hit = gazetteer_entry(attrs.get("name"), "initiative", attrs.get("aliases") or ())
        if hit is not None:
            sub, scope = sub or hit[0], scope or hit[1]
    return scope == "national" and sub in UMBRELLA_INITIATIVE_SUBKINDS
