"""Dutch dates: "29 november 2016", "08-12-2017", "6 december", "gisteren", "afgelopen woensdag".

Rules
-----
* Explicit dates with a year are parsed on their own (day first: 08-12-2017 is 8 December).
* A date without a year ("6 december") and relative words ("gisteren", "afgelopen woensdag",
  "vorige week") are resolved **only against a known base date** (the document date). Without
  a base they give ``None`` — never today's date, so a re-run next year gives the same answer.
* The common forms are handled by precompiled regexes (fast, deterministic); anything else goes
  to :mod:`dateparser` with ``languages=["nl"]`` and the base date as ``RELATIVE_BASE`` — and only
  when there is a base date or the text carries a four-digit year.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD_ALT = "|".join(WEEKDAYS)

#: "woensdag 6 december 2017", "6 dec. 2017", "6 december"
DAY_MONTH_RE = re.compile(
    rf"\b(?:(?P<wd>{_WD_ALT})\s+)?(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH_ALT})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\b",
    re.I)
#: "08-12-2017", "8/12/2017", "08.12.2017"
NUMERIC_RE = re.compile(r"\b(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<y>(?:19|20)\d\d)\b")
ISO_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
#: "maart 2017" (month precision: kept as the 1st of the month only when asked)
MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MONTH_ALT})\s+(?P<y>(?:19|20)\d\d)\b", re.I)
RELATIVE_RE = re.compile(
    rf"\b(?:(?P<simple>eergisteren|gisteren|vandaag|vanochtend|vanmiddag|vanavond|morgen|overmorgen)"
    rf"|(?P<dir>afgelopen|vorige|jongstleden|komende|aanstaande|volgende)\s+(?P<wd>{_WD_ALT}|week|maand)"
    rf"|(?P<wd2>{_WD_ALT})\s+(?P<dir2>jongstleden|jl\.?|aanstaande|a\.s\.?))\b",
    re.I)
_SIMPLE_OFFSETS = {"eergisteren": -2, "gisteren": -1, "vandaag": 0, "vanochtend": 0,
                   "vanmiddag": 0, "vanavond": 0, "morgen": 1, "overmorgen": 2}
_PAST = {"afgelopen", "vorige", "jongstleden", "jl", "jl."}


def to_date(value) -> _dt.date | None:
    """ISO string / date / datetime -> date (or None)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    m = ISO_RE.search(str(value))
    if m:
        try:
            return _dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    return None


def _mk(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, base: _dt.date) -> _dt.date | None:
    """The date with that day/month nearest to the base date (within half a year)."""
    cand = _mk(base.year, month, day)
    if cand is None:
        return None
    delta = (cand - base).days
    if delta > 183:
        cand = _mk(base.year - 1, month, day)
    elif delta < -183:
        cand = _mk(base.year + 1, month, day)
    return cand


def _relative(m: re.Match, base: _dt.date) -> _dt.date | None:
    if m["simple"]:
        return base + _dt.timedelta(days=_SIMPLE_OFFSETS[m["simple"].lower()])
    direction = (m["dir"] or m["dir2"] or "").lower().rstrip(".")
    unit = (m["wd"] or m["wd2"] or "").lower()
    past = direction in _PAST or direction == "jl"
    if unit == "week":
        return base + _dt.timedelta(days=-7 if past else 7)
    if unit == "maand":
        return None  # month precision only; do not invent a day
    wd = WEEKDAYS[unit]
    if past:
        diff = (base.weekday() - wd) % 7 or 7
        return base - _dt.timedelta(days=diff)
    diff = (wd - base.weekday()) % 7 or 7
    return base + _dt.timedelta(days=diff)


def find_dates(text: str, base=None) -> list[tuple[int, int, str]]:
    """All dates in ``text`` as ``(start, end, iso)``; relative ones only with a base."""
    base_d = to_date(base)
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= s or a >= e for s, e in taken)

    for rx in (ISO_RE, NUMERIC_RE):
        for m in rx.finditer(text):
            d = _mk(int(m["y"]), int(m["m"]), int(m["d"]))
            if d and free(m.start(), m.end()):
                out.append((m.start(), m.end(), d.isoformat()))
                taken.append((m.start(), m.end()))
    for m in DAY_MONTH_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        month, day = MONTHS[m["m"].lower()], int(m["d"])
        if m["y"]:
            d = _mk(int(m["y"]), month, day)
        elif base_d is not None:
            d = _year_for(month, day, base_d)
        else:
            d = None
        if d:
            out.append((m.start(), m.end(), d.isoformat()))
        taken.append((m.start(), m.end()))
    if base_d is not None:
        for m in RELATIVE_RE.finditer(text):
            if free(m.start(), m.end()):
                d = _relative(m, base_d)
                if d:
                    out.append((m.start(), m.end(), d.isoformat()))
                    taken.append((m.start(), m.end()))
    out.sort()
    return out


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: _dt.date | None) -> str | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = _dt.datetime(base.year, base.month, base.day)
        settings["PREFER_DATES_FROM"] = "past"
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        d = dateparser.parse(text, languages=["nl"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return d.date().isoformat() if d else None


def parse_date(text: str, base=None) -> str | None:
    """Parse one Dutch date expression to ISO ``YYYY-MM-DD``.

    >>> parse_date("29 november 2016")
    '2016-11-29'
    >>> parse_date("08-12-2017")
    '2017-12-08'
    >>> parse_date("6 december") is None          # no year, no base: unknown
    True
    >>> parse_date("6 december", base="2017-12-08")
    '2017-12-06'
    >>> parse_date("Gisteren", base="2017-12-08")
    '2017-12-07'
    >>> parse_date("afgelopen woensdag", base="2017-12-08")
    '2017-12-06'
    >>> parse_date("gisteren") is None
    True
    """
    if not text or not text.strip():
        return None
    base_d = to_date(base)
    found = find_dates(text, base_d)
    if found:
        return found[0][2]
    has_year = re.search(r"\b(?:19|20)\d\d\b", text) is not None
    if base_d is None and not has_year:
        return None
    if len(text) > 60:  # dateparser is for short expressions only
        return None
    return _dateparser(text.strip(), base_d)


def is_date_line(line: str) -> bool:
    """True for a line that is only a date (publication-date lines of web pages)."""
    s = line.strip().strip("|·•-–— ").strip()
    if not s or len(s) > 40:
        return False
    s2 = re.sub(r"^(gepubliceerd|geplaatst|datum|publicatiedatum|nieuwsbericht)\s*(op)?[:\s]*", "",
                s, flags=re.I)
    for rx in (ISO_RE, NUMERIC_RE, DAY_MONTH_RE):
        m = rx.search(s2)
        if m and m.group(0).strip() and len(s2) - len(m.group(0)) <= 12 and (
                rx is not DAY_MONTH_RE or m["y"]):
            return True
    return False


__all__ = ["parse_date", "find_dates", "is_date_line", "to_date", "MONTHS", "WEEKDAYS"]
