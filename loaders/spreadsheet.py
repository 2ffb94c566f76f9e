"""Spreadsheets (CSV and XLSX) into rows.

Two layouts are understood (see ``docs/spreadsheets.md``):

**Partner list** — one row per organisation (and, optionally, its membership of
an initiative). Required columns: ``organisatie``, ``soort``. Optional:
``plaats``, ``provincie``, ``initiatief``, ``relatie`` (default PARTNER_IN),
``rol``, ``regio`` (where the initiative is active), ``datum``, ``bron``,
``website``. English headers (organisation, kind, place, province, initiative,
relation, role, region, date, source) are accepted too.

**Graph tables** — the layout of the bundled demo: ``entiteiten`` (naam, type,
aliassen, plaats, provincie, datum, niveau, subsoort, schaal, rol, bron),
``relaties`` (van, type_van, relatie, naar, type_naar, rol, bron, zekerheid,
toelichting) and optionally ``bronnen`` (bron, titel, datum, url, soort), as
three CSV files in one folder or three sheets of one workbook.

Every problem is reported with its row number and nothing is written
(:class:`loaders.rows.RowError`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from graph.errors import Message
from graph.locale import tr
from graph.geo import canonical_province, place_info
from graph.model import ORG_KINDS, SEMANTIC_RELS, TYPE_TO_LABEL, make_id, normalise_name
from loaders.enrich import enrich_from_gazetteer
from loaders.errors import LoadError
from loaders.rows import (MAX_NAME, Batch, DocumentRow, EntityRow, MentionRow, RelationRow,
                          RowError)
from loaders.readers import decode_text

__all__ = ["KIND_SYNONYMS", "TYPE_SYNONYMS", "REL_SYNONYMS", "PARTNER_COLUMNS",
           "ENTITY_COLUMNS", "YES", "RELATION_COLUMNS", "SOURCE_COLUMNS", "SUFFIXES",
           "read_table", "sheet_names", "is_graph_tables", "read_partner_list",
           "read_graph_tables", "read_spreadsheet"]

# ---------------------------------------------------------------- vocabularies

KIND_SYNONYMS: dict[str, str] = {
    **{k: k for k in ORG_KINDS},
    "zorgaanbieder": "care_provider", "zorg": "care_provider", "zorginstelling": "care_provider",
    "zorg en welzijn": "care_provider", "welzijn": "care_provider",
    "welzijnsorganisatie": "care_provider", "ziekenhuis": "care_provider",
    "zorg- en welzijnsorganisatie": "care_provider", "care": "care_provider",
    "onderwijs": "school", "onderwijsinstelling": "school", "roc": "school", "mbo": "school",
    "hbo": "school", "vmbo": "school", "hogeschool": "school", "education": "school",
    "overheid": "government", "gemeente": "government", "provincie": "government",
    "ministerie": "government", "rijksoverheid": "government",
    "werkgeversorganisatie": "employer_org", "werkgeversvereniging": "employer_org",
    "brancheorganisatie": "employer_org", "werkgevers": "employer_org",
    "zorgverzekeraar": "insurer", "verzekeraar": "insurer",
    "bedrijf": "company", "onderneming": "company", "bedrijfsleven": "company",
    "kennisinstituut": "knowledge_institute", "kennisinstelling": "knowledge_institute",
    "universiteit": "knowledge_institute", "onderzoeksinstituut": "knowledge_institute",
}
TYPE_SYNONYMS: dict[str, str] = {
    **KIND_SYNONYMS, **{t: t for t in TYPE_TO_LABEL},
    "initiatief": "initiative", "programma": "initiative", "pact": "initiative",
    "evenement": "event", "bijeenkomst": "event", "persoon": "person", "regio": "region",
}
REL_SYNONYMS: dict[str, str] = {
    **{r: r for r in SEMANTIC_RELS},
    "partner": "PARTNER_IN", "partner in": "PARTNER_IN", "lid": "PARTNER_IN",
    "deelnemer": "PARTICIPATED_IN", "neemt deel": "PARTICIPATED_IN",
    "organisator": "ORGANISED", "trekker": "ORGANISED", "initiatiefnemer": "ORGANISED",
    "financier": "FUNDED_BY", "gefinancierd door": "FUNDED_BY",
    "gevestigd in": "LOCATED_IN", "actief in": "ACTIVE_IN", "onderdeel van": "PART_OF",
    "werkt bij": "AFFILIATED_WITH",
}

PARTNER_COLUMNS = {
    "organisatie": ("organisatie", "organisation", "organization", "naam", "name"),
    "soort": ("soort", "kind", "type", "sector"),
    "plaats": ("plaats", "place", "gemeente", "municipality", "vestigingsplaats"),
    "provincie": ("provincie", "province"),
    "initiatief": ("initiatief", "initiative", "samenwerking", "programma"),
    "relatie": ("relatie", "relation"),
    "rol": ("rol", "role"),
    "regio": ("regio", "region"),
    "datum": ("datum", "date"),
    "bron": ("bron", "source"),
    "website": ("website", "url"),
}
ENTITY_COLUMNS = ("naam", "type", "aliassen", "plaats", "provincie", "datum", "niveau",
                  "subsoort", "schaal", "rol", "koepel", "bron")
#: ``koepel`` values that mark an umbrella body (property ``umbrella``).
YES = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
RELATION_COLUMNS = ("van", "type_van", "relatie", "naar", "type_naar", "rol", "bron",
                    "zekerheid", "toelichting")
SOURCE_COLUMNS = ("bron", "titel", "datum", "url", "soort")

SUFFIXES = (".csv", ".xlsx", ".xlsm")


# ---------------------------------------------------------------- reading tables


def _norm_header(h) -> str:
    return normalise_name(str(h or "")).replace(" ", "_")


def read_table(path: Path, sheet: str | None = None) -> list[dict[str, str]]:
    """Rows of a CSV file or a workbook sheet as dicts of stripped strings.

    Raises :class:`LoadError` for an unreadable or broken file.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), f"kan bestand niet lezen: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".csv":

        # UTF-8 (BOM or not), UTF-16 with BOM, Excel's cp1252, latin-1; binary refused
        text = decode_text(raw, str(path))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        rows = list(reader)
    else:
        try:
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:
            raise LoadError(str(path), f"geen geldig Excel-bestand ({type(exc).__name__}: {exc})"
                            ) from exc
        names = {normalise_name(n): n for n in wb.sheetnames}
        if sheet is not None:
            if normalise_name(sheet) not in names:
                raise LoadError(str(path), f"tabblad {sheet!r} ontbreekt")
            ws = wb[names[normalise_name(sheet)]]
        else:
            ws = wb[wb.sheetnames[0]]
        rows = [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        raise LoadError(str(path), "leeg werkblad: geen kopregel gevonden")
    header = [_norm_header(h) for h in rows[0]]
    out = []
    for r in rows[1:]:
        cells = [_cell(c) for c in r] + [""] * (len(header) - len(r))
        out.append(dict(zip(header, cells)))
    return out


def _cell(v) -> str:
    if hasattr(v, "date") and hasattr(v, "isoformat"):
        return v.date().isoformat() if hasattr(v, "hour") else v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def sheet_names(path: Path) -> list[str]:
    if path.suffix.lower() == ".csv":
        return []
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:
        raise LoadError(str(path), f"geen geldig Excel-bestand ({type(exc).__name__}: {exc})"
                        ) from exc
    names = list(wb.sheetnames)
    wb.close()
    return names


def is_graph_tables(path: Path) -> bool:
    """True for a folder with entiteiten.csv or a workbook with an 'entiteiten' sheet."""
    if path.is_dir():
        return (path / "entiteiten.csv").exists()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return "entiteiten" in {normalise_name(n) for n in sheet_names(path)}
    return path.name.lower() == "entiteiten.csv"


# ---------------------------------------------------------------- helpers


def _iso_date(text: str) -> str | None:
    """``YYYY-MM-DD`` for ``2024-03-01``, ``1-3-2024``, ``01/03/2024``, or a year;
    None for anything else, including dates that do not exist (``32-13-2024``,
    ``31-02-2024``).

    >>> _iso_date("1-3-2024"), _iso_date("2024"), _iso_date("31-02-2024"), _iso_date("2024-13-01")
    ('2024-03-01', '2024', None, None)
    """
    if not text:
        return None
    import datetime
    import re

    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
        if not m:
            return text if re.fullmatch(r"\d{4}", text) else None
        d, mo, y = (int(x) for x in m.groups())
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


class _At:
    """Where a row problem is, ``<file or table> rij <n>``: made for every row, so
    cheap; written out only in a problem's message, in that message's language."""

    __slots__ = ("file", "n")

    def __init__(self, file: str, n: int):
        self.file, self.n = file, n

    def in_language(self, lang: str = "nl") -> str:
        return tr(lang, "err.at_file_row", file=self.file, n=self.n)

    def __str__(self) -> str:
        return self.in_language()


def _date_problem(where: str, text: str) -> Message:
    """The row error for a date :func:`_iso_date` refused."""
    import re

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", text):
        return Message("err.row_date_impossible", where=where, text=repr(text))
    return Message("err.row_date_unknown", where=where, text=repr(text))


def _region_entities(place: str | None, province: str | None, where: str,
                     problems: list[str]) -> tuple[list[EntityRow], str | None, str | None]:
    """Region rows for a place (municipality) and its province; returns
    (entities, id of the most specific region, canonical province)."""
    out: list[EntityRow] = []
    prov = canonical_province(province) if province else None
    if province and not prov:
        problems.append(Message("err.row_unknown_province", where=where,
                                province=repr(province)))
    info = place_info(place) if place else None
    if info and not prov:
        prov = info.get("province")
    prov_id = None
    if prov:
        pe = EntityRow(prov, "region", props={"level": "province", "province": prov})
        out.append(pe)
        prov_id = pe.id
    if place:
        name = info["name"] if info and info.get("municipality") else place
        level = "municipality" if info and info.get("municipality") else "other"
        me = EntityRow(name, "region", props={"level": level, "province": prov})
        out.append(me)
        return out, me.id, prov
    return out, prov_id, prov


def _relation(text: str) -> str | None:
    """'partner' / 'PARTNER_IN' / 'gefinancierd door' -> the relationship type."""
    t = (text or "").strip()
    return REL_SYNONYMS.get(t.upper().replace(" ", "_")) or REL_SYNONYMS.get(normalise_name(t))


def _doc_for(payload, title: str, date: str | None, doctype: str, source: str) -> DocumentRow:
    """A Document whose checksum covers exactly the rows that cite it."""
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False)
                            .encode("utf-8")).hexdigest()
    return DocumentRow(source=source, title=title, checksum=digest, date=date, doctype=doctype)


# ---------------------------------------------------------------- partner list


def read_partner_list(path: Path) -> Batch:
    """Read a partner list (CSV or the first sheet of an XLSX) into one Batch.

    The file is one Document; each row is evidence (locator ``rij N``, counting the
    header as row 1 as spreadsheet programs do).
    """
    rows = read_table(path)
    if not rows:
        raise RowError([Message("err.row_no_data", file=path.name)])
    cols: dict[str, str] = {}
    for key, names in PARTNER_COLUMNS.items():
        for n in names:
            if n in rows[0]:
                cols[key] = n
                break
    missing = [k for k in ("organisatie", "soort") if k not in cols]
    if missing:
        raise RowError([Message("err.row_missing_columns_found", file=path.name,
                                columns=", ".join(missing), found=", ".join(rows[0]))])
    raw = path.read_bytes()
    doc = DocumentRow(source=str(path.resolve()), title=path.name,
                      checksum=hashlib.sha256(raw).hexdigest(), doctype="spreadsheet")
    batch = Batch(documents=[doc])
    problems: list[str] = []
    seen: dict[str, int] = {}
    # a region or initiative named the same way on many rows is one row object
    # (merging identical rows changes nothing; a large list stays small in memory)
    shared: dict[tuple, EntityRow] = {}
    part_of: set[tuple[str, str]] = set()
    mentioned: set[tuple[str, str]] = set()

    def once(e: EntityRow) -> list[EntityRow]:
        key = (e.id, e.name, tuple(sorted((k, str(v)) for k, v in e.props.items())))
        if key in shared:
            return []
        shared[key] = e
        return [e]

    for i, row in enumerate(rows, start=2):
        where = _At(path.name, i)
        get = lambda k: row.get(cols.get(k, ""), "").strip()  # noqa: E731
        name, kind_raw = get("organisatie"), get("soort")
        if not name:
            problems.append(Message("err.row_empty_name", where=where))
            continue
        too_long = [v for v in (name, get("initiatief")) if len(v) > MAX_NAME]
        if too_long:
            problems.append(Message("err.row_name_too_long", where=where,
                                    n=len(too_long[0]), max=MAX_NAME))
            continue
        kind = KIND_SYNONYMS.get(normalise_name(kind_raw))
        if not kind:
            problems.append(Message("err.row_unknown_kind", where=where, kind=repr(kind_raw),
                                    allowed=", ".join(ORG_KINDS)))
            continue
        key = "\x1f".join(normalise_name(v) for v in row.values())  # one string: less memory
        if key in seen:
            problems.append(Message("err.row_duplicate", where=where, n=seen[key]))
            continue
        seen[key] = i
        regions, region_id, prov = _region_entities(get("plaats") or None,
                                                    get("provincie") or None, where, problems)
        org = EntityRow(name, kind, props={"place": get("plaats") or None, "province": prov,
                                           "website": get("website") or None})
        batch.entities += [x for e in (org, *regions) for x in once(e)]
        date = _iso_date(get("datum"))
        if get("datum") and not date:
            problems.append(_date_problem(where, get("datum")))
        rendering = "; ".join(f"{k}={v}" for k, v in row.items() if v)
        ev = dict(doc=doc.id, locator=f"rij {i}", sentence=rendering, date=date)
        batch.mentions.append(MentionRow(org.id, doc.id, [name], f"rij {i}"))
        if region_id:
            batch.relations.append(RelationRow(org.id, "LOCATED_IN", region_id, **ev))
        for r in regions:
            pid = make_id("Region", prov, "province") if prov else None
            if r.props.get("level") != "province" and prov and (r.id, pid) not in part_of:
                part_of.add((r.id, pid))  # stated once per file (the first row saying it)
                batch.relations.append(RelationRow(r.id, "PART_OF", pid, **ev))
        ini_name = get("initiatief")
        if ini_name:
            rel = _relation(get("relatie")) if get("relatie") else "PARTNER_IN"
            if not rel:
                problems.append(Message("err.row_unknown_rel", where=where,
                                        rel=repr(get("relatie"))))
                continue
            ini = EntityRow(ini_name, "initiative")
            batch.entities += once(ini)
            if (ini.id, ini_name) not in mentioned:  # one mention per surface form
                mentioned.add((ini.id, ini_name))
                batch.mentions.append(MentionRow(ini.id, doc.id, [ini_name], f"rij {i}"))
            batch.relations.append(RelationRow(org.id, rel, ini.id, role=get("rol") or None,
                                               **ev))
            if get("regio"):
                rregions, rid, _ = _region_entities(get("regio"), None, where, problems)
                batch.entities += [x for r in rregions for x in once(r)]
                if rid:
                    batch.relations.append(RelationRow(ini.id, "ACTIVE_IN", rid, **ev))
    if problems:
        raise RowError(problems)
    batch.validate()
    return batch


# ---------------------------------------------------------------- graph tables


def _graph_tables(path: Path) -> tuple[list[dict], list[dict], list[dict], Path]:
    if path.is_dir() or path.suffix.lower() == ".csv":
        folder = path if path.is_dir() else path.parent
        ents = read_table(folder / "entiteiten.csv")
        rels = read_table(folder / "relaties.csv") if (folder / "relaties.csv").exists() else []
        srcs = read_table(folder / "bronnen.csv") if (folder / "bronnen.csv").exists() else []
        return ents, rels, srcs, folder
    names = {normalise_name(n) for n in sheet_names(path)}
    ents = read_table(path, "entiteiten")
    rels = read_table(path, "relaties") if "relaties" in names else []
    srcs = read_table(path, "bronnen") if "bronnen" in names else []
    return ents, rels, srcs, path


def read_graph_tables(path: Path, *, source_prefix: str | None = None,
                      doctype: str = "spreadsheet") -> Batch:
    """Read entiteiten/relaties/bronnen tables into a Batch.

    Each ``bron`` becomes its own Document (checksum over the rows citing it), so
    editing the rows of one source later replaces only that source's evidence.
    Rows without ``bron`` belong to a Document for the file itself.
    """
    ents, rels, srcs, base = _graph_tables(path)
    problems: list[str] = []
    fname = {"e": "entiteiten", "r": "relaties", "b": "bronnen"}
    for rows, need, tag in ((ents, ("naam", "type"), "e"),
                            (rels, ("van", "relatie", "naar"), "r"),
                            (srcs, ("bron",), "b")):
        if rows:
            missing = [c for c in need if c not in rows[0]]
            if missing:
                problems.append(Message("err.row_missing_columns", where=fname[tag],
                                        columns=", ".join(missing)))
    if problems:
        raise RowError(problems)

    sources = {}
    for i, s in enumerate(srcs, start=2):
        if not s.get("bron"):
            problems.append(Message("err.row_empty_source", where=_At("bronnen", i)))
            continue
        if s.get("datum") and not _iso_date(s["datum"]):
            problems.append(_date_problem(_At("bronnen", i), s["datum"]))
        sources[s["bron"]] = s

    entities: list[EntityRow] = []
    by_name: dict[tuple[str, str], EntityRow] = {}
    by_plain: dict[str, list[EntityRow]] = {}
    cited: dict[str, list] = {}
    mentions: list[tuple[str, str, str, int]] = []
    seen: dict[tuple, int] = {}
    for i, row in enumerate(ents, start=2):
        where = _At("entiteiten", i)
        name = row.get("naam", "").strip()
        typ = TYPE_SYNONYMS.get(normalise_name(row.get("type", "")))
        if not name:
            problems.append(Message("err.row_empty_name", where=where))
            continue
        if len(name) > MAX_NAME:
            problems.append(Message("err.row_name_too_long", where=where, n=len(name),
                                    max=MAX_NAME))
            continue
        if not typ:
            problems.append(Message("err.row_unknown_type", where=where,
                                    type=repr(row.get("type")), allowed=", ".join(TYPE_TO_LABEL)))
            continue
        key = (normalise_name(name), typ)
        if key in seen:
            problems.append(Message("err.row_duplicate_entity", where=where, n=seen[key]))
            continue
        seen[key] = i
        level = row.get("niveau") or None
        prov = canonical_province(row.get("provincie")) if row.get("provincie") else None
        if row.get("provincie") and not prov:
            problems.append(Message("err.row_unknown_province", where=where,
                                    province=repr(row.get("provincie"))))
        if typ == "region" and not level:
            level = "province" if canonical_province(name) == name else (
                "municipality" if (place_info(name) or {}).get("municipality") else "other")
        if typ == "region" and level == "province" and canonical_province(name):
            # "Provincie Utrecht", "Utrecht (provincie)", "Fryslân" -> one canonical node
            if canonical_province(name) != name:
                row["aliassen"] = "|".join(filter(None, [row.get("aliassen", ""), name]))
            name = canonical_province(name)
            prov = prov or name
        date = _iso_date(row.get("datum", ""))
        if row.get("datum") and not date:
            problems.append(_date_problem(where, row["datum"]))
        props = {"place": row.get("plaats") or None, "province": prov, "date": date,
                 "level": level, "subkind": row.get("subsoort") or None,
                 "scope": row.get("schaal") or None, "role": row.get("rol") or None,
                 "_locator": where}
        if typ == "initiative":  # an initiative's datum is its start
            props["start_date"] = date
        if normalise_name(row.get("koepel") or row.get("umbrella") or "") in YES:
            props["umbrella"] = "true"
        aliases = [a.strip() for a in row.get("aliassen", "").split("|") if a.strip()]
        e = EntityRow(name, typ, aliases, props)
        entities.append(e)
        by_name[key] = e
        by_plain.setdefault(normalise_name(name), []).append(e)
        for b in [b.strip() for b in row.get("bron", "").split("|") if b.strip()] or [""]:
            if b and sources and b not in sources:
                problems.append(Message("err.row_unknown_source", where=where, source=repr(b)))
            cited.setdefault(b, []).append(("e", row))
            mentions.append((e.id, b, name, i))

    relations: list[tuple[dict, str, str, str, int]] = []
    rseen: dict[tuple, int] = {}
    for i, row in enumerate(rels, start=2):
        where = _At("relaties", i)
        rel = _relation(row.get("relatie", ""))
        if not rel:
            problems.append(Message("err.row_unknown_rel", where=where,
                                    rel=repr(row.get("relatie"))))
            continue
        ends = []
        for side in ("van", "naar"):
            nm = row.get(side, "").strip()
            t = TYPE_SYNONYMS.get(normalise_name(row.get(f"type_{side}", "")))
            cand = [by_name[(normalise_name(nm), t)]] if t and (normalise_name(nm), t) in by_name \
                else by_plain.get(normalise_name(nm), [])
            if len(cand) != 1:
                problems.append(Message("err.row_end_missing" if not cand
                                        else "err.row_end_ambiguous", where=where, side=side,
                                        name=repr(nm)))
                ends.append(None)
            else:
                ends.append(cand[0].id)
        b = row.get("bron", "").strip()
        if b and sources and b not in sources:
            problems.append(Message("err.row_unknown_source", where=where, source=repr(b)))
        key = (*ends, rel, b)
        if key in rseen:
            problems.append(Message("err.row_duplicate_rel", where=where, n=rseen[key]))
            continue
        rseen[key] = i
        try:
            conf = float(row.get("zekerheid") or 1.0)
        except ValueError:
            problems.append(Message("err.row_not_a_number", where=where,
                                    value=repr(row.get("zekerheid"))))
            continue
        if not 0.0 <= conf <= 1.0:
            problems.append(Message("err.row_certainty", where=where, value=conf))
            continue
        if None in ends:
            continue
        cited.setdefault(b, []).append(("r", row))
        relations.append((row, ends[0], rel, ends[1], i, conf))
    if problems:
        raise RowError(problems)

    label = str(base.resolve()) if not source_prefix else source_prefix
    docs: dict[str, DocumentRow] = {}
    for b, payload in cited.items():
        meta = sources.get(b, {})
        title = meta.get("titel") or (f"{base.name} — {b}" if b else base.name)
        src = meta.get("url") or (f"{label}#{b}" if b else label)
        docs[b] = _doc_for(payload, title, _iso_date(meta.get("datum", "")),
                           meta.get("soort") or doctype, src)
    batch = Batch(documents=list(docs.values()), entities=entities)
    ent_by_id = {e.id: e for e in entities}
    for eid, b, surface, i in mentions:
        batch.mentions.append(MentionRow(eid, docs[b].id,
                                         [surface, *ent_by_id[eid].aliases], f"entiteiten rij {i}"))
    for row, src, rel, dst, i, conf in relations:
        b = row.get("bron", "").strip()
        d = docs[b]
        batch.relations.append(RelationRow(
            src, rel, dst, d.id, sentence=row.get("toelichting") or "",
            locator=f"relaties rij {i}", role=row.get("rol") or None, date=d.date,
            confidence=conf))
    for e in entities:
        e.props.pop("_locator", None)
    batch.validate()
    return batch


def read_spreadsheet(path: str | Path) -> Batch:
    """Read a spreadsheet in either layout (see the module docstring)."""
    path = Path(path)
    if not path.exists():
        raise LoadError(str(path), "bestand bestaat niet")
    batch = read_graph_tables(path) if is_graph_tables(path) else read_partner_list(path)
    enrich_from_gazetteer(batch)
    return batch
