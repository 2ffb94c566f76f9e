"""The model's shared words, in one place that ``loaders/``, ``graph/`` and ``app/`` import.

:mod:`graph.model` defines the tables; this module holds the vocabularies the
analysis, the loaders and the app must agree on: sectors (and the golden
triangle), membership relations, umbrella bodies, verdict property names, the
"unknown"/"other" placeholders, the twelve provinces, the file suffixes the loaders read and how a
URL is recognised. It imports only :mod:`graph.model` (no third-party packages),
so any layer can import it for free.

>>> sector_of("school"), sector_of(None)
('onderwijs', 'overig')
>>> TRIANGLE, canonical_province("provincie fryslân")
(('zorg', 'onderwijs', 'overheid'), 'Friesland')
>>> is_url("HTTPS://zorgpact.nl/x"), is_url("map/https.txt")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import ORG_KINDS, SECTOR_OF_KIND, VERDICTS, normalise_name

# --------------------------------------------------------------------------- placeholders

#: A value that is not known (province, place, date, …).
UNKNOWN = "onbekend"
#: The sector (or type) of anything outside the named sectors.
OTHER = "overig"

# --------------------------------------------------------------------------- sectors

#: Every sector an organisation kind maps to, in model order.
SECTORS: tuple[str, ...] = tuple(dict.fromkeys(SECTOR_OF_KIND.values()))
#: The "golden triangle" of the Zorgpact: care, education, government.
TRIANGLE: tuple[str, ...] = ("zorg", "onderwijs", "overheid")
#: The sectors the analysis scores bridges and missing links over (triangle + employers).
KEY_SECTORS: tuple[str, ...] = (*TRIANGLE, "werkgevers")


def sector_of(kind: str | None) -> str:
    """The sector of an organisation kind (:data:`OTHER` when unknown).

    >>> sector_of("school"), sector_of("government"), sector_of("alien")
    ('onderwijs', 'overheid', 'overig')
    """
    return SECTOR_OF_KIND.get(kind or "", OTHER)


# --------------------------------------------------------------------------- relations

#: Relations that make an organisation a member of an initiative or event.
MEMBERSHIP_RELS: frozenset[str] = frozenset(
    {"PARTNER_IN", "ORGANISED", "PARTICIPATED_IN", "AFFILIATED_WITH", "FUNDED_BY"})
#: Relations between two organisations that tie them directly (membership + hierarchy).
DIRECT_RELS: frozenset[str] = MEMBERSHIP_RELS | {"PART_OF"}
#: Relations that place a node in a region.
LOCATING_RELS: tuple[str, ...] = ("LOCATED_IN", "ACTIVE_IN")

# --------------------------------------------------------------------------- umbrella bodies

#: Subkinds (gazetteer ``subkind``) of umbrella bodies, per entity type; initiatives
#: only when their scope is national. The loaders mark these with ``umbrella``
#: (:func:`is_umbrella`); :mod:`graph.umbrella` applies the same sets at analysis time.
UMBRELLA_SUBKINDS: dict[str, frozenset[str]] = {
    "government": frozenset({"ministry", "cabinet", "central_government", "parliament"}),
    "initiative": frozenset({"pact", "programme", "fund"}),
}
#: The *koepels*: national associations of governments (VNG, IPO, UvW: subkind
#: ``association``) and the national network of regional employer organisations
#: (RegioPlus: ``network``) — members share them without working together.
KOEPEL_SUBKINDS: frozenset[str] = frozenset({"association", "network"})
#: Organisation subkinds that make an organisation an umbrella body in the analysis.
UMBRELLA_ORG_SUBKINDS: frozenset[str] = frozenset().union(
    *(v for k, v in UMBRELLA_SUBKINDS.items() if k != "initiative")) | KOEPEL_SUBKINDS
#: Initiative subkinds that, with scope national, make an initiative a national programme.
UMBRELLA_INITIATIVE_SUBKINDS: frozenset[str] = UMBRELLA_SUBKINDS["initiative"]
#: Generic designations of the Dutch state (not names of a particular organisation).
GENERIC_STATE_NAMES: frozenset[str] = frozenset(
    {"rijk", "het rijk", "kabinet", "rijksoverheid", "landelijke overheid", "overheid",
     "nederlandse staat", "staat"})


def is_umbrella(typ: str, subkind: str | None, scope: str | None) -> bool:
    """Umbrella body or national programme by its gazetteer subkind (and scope): the
    rule the loaders use to set the ``umbrella`` mark.

    >>> is_umbrella("government", "ministry", "national")
    True
    >>> is_umbrella("initiative", "pact", "regional"), is_umbrella("initiative", "pact", "national")
    (False, True)
    """
    if typ == "initiative" and scope != "national":
        return False
    return (subkind or "") in UMBRELLA_SUBKINDS.get(typ, ())


# --------------------------------------------------------------------------- verdicts

#: Relationship type of a user's verdict on a suggested link, and its properties.
JUDGED = "JUDGED"
VERDICT = "verdict"
JUDGED_BY = "judged_by"
JUDGED_AT = "judged_at"
VERDICT_PROPS: tuple[str, ...] = (VERDICT, JUDGED_BY, JUDGED_AT)

# --------------------------------------------------------------------------- provinces

#: The twelve provinces, north to south.
PROVINCES: tuple[str, ...] = (
    "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
    "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
)
_PROVINCE_KEYS = {normalise_name(p): p for p in PROVINCES}
_PROVINCE_ALIASES = {"fryslan": "Friesland", "fryslân": "Friesland", "brabant": "Noord-Brabant"}


@lru_cache(maxsize=8192)
def canonical_province(name: str | None) -> str | None:
    """``'noord-holland'`` -> ``'Noord-Holland'``; ``'Fryslân'`` -> ``'Friesland'``.

    >>> canonical_province("provincie fryslân"), canonical_province("Utrecht (provincie)")
    ('Friesland', 'Utrecht')
    >>> canonical_province("Atlantis") is None
    True
    """
    if not name:
        return None
    key = normalise_name(name).removeprefix("provincie ").removesuffix("(provincie)").strip()
    return (_PROVINCE_KEYS.get(key) or _PROVINCE_ALIASES.get(key)
            or _PROVINCE_ALIASES.get(normalise_name(key)))


# --------------------------------------------------------------------------- sources

#: Document file suffix -> reader kind.
DOCUMENT_SUFFIXES: dict[str, str] = {
    ".txt": "text", ".md": "text", ".text": "text", ".html": "html", ".htm": "html",
    ".pdf": "pdf", ".docx": "docx"}
#: Spreadsheet file suffixes (one sheet of rows, or graph tables).
SPREADSHEET_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".xlsm")
#: Every suffix a loader reads.
ALL_SUFFIXES: tuple[str, ...] = (*DOCUMENT_SUFFIXES, *SPREADSHEET_SUFFIXES)

_URL = re.compile(r"^https?://", re.I)


def is_url(source: object) -> bool:
    """True for an ``http(s)://`` address (any case), false for a path.

    >>> is_url("http://a.nl"), is_url("/tmp/http://x"), is_url("ftp://a.nl")
    (True, False, False)
    """
    return bool(_URL.match(str(source)))


__all__ = [
    "UNKNOWN", "OTHER", "SECTORS", "TRIANGLE", "KEY_SECTORS", "sector_of", "SECTOR_OF_KIND",
    "ORG_KINDS", "MEMBERSHIP_RELS", "DIRECT_RELS", "LOCATING_RELS", "JUDGED", "VERDICT",
    "JUDGED_BY", "JUDGED_AT", "VERDICT_PROPS", "VERDICTS", "PROVINCES", "canonical_province",
    "DOCUMENT_SUFFIXES", "SPREADSHEET_SUFFIXES", "ALL_SUFFIXES", "is_url",
    "UMBRELLA_SUBKINDS", "KOEPEL_SUBKINDS", "UMBRELLA_ORG_SUBKINDS",
    "UMBRELLA_INITIATIVE_SUBKINDS", "GENERIC_STATE_NAMES", "is_umbrella",
]
