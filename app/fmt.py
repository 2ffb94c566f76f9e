"""Numbers, dates and plurals in the interface language (Babel's CLDR data, offline).

One place for how a figure looks: ``num(1234.5)`` is ``1.234,5`` in Dutch and
``1,234.5`` in English; ``day("2026-12-02")`` is ``2 december 2026`` / ``December 2,
2026``; ``tn("cy.rows", 1, ...)`` picks the ``.one`` or ``.other`` variant of a
string (``1 rij``, ``2 rijen``).

>>> num(1234.5, lang="nl"), num(1234.5, lang="en"), num(0.25, 3, lang="nl")
('1.234,5', '1,234.5', '0,25')
>>> num(20000, lang="nl"), pct(0.5, lang="nl")
('20.000', '50%')
>>> day("2026-12-02", lang="nl"), day("2026-12", lang="nl"), day("2026", lang="nl")
('2 december 2026', 'december 2026', '2026')
>>> day("later", lang="nl")
'later'
"""

from __future__ import annotations

import datetime as _dt

from app.i18n import current_lang, tr

_LOCALE = {"nl": "nl_NL", "en": "en_GB"}


def _lang(lang: str | None) -> str:
    return lang or current_lang()


def num(x, digits: int = 1, *, lang: str | None = None) -> str:
    """``x`` with the language's decimal and thousands separators; at most
    ``digits`` decimals (none shown for whole numbers). ``None`` gives ``–``."""
    if x is None or x == "":
        return "–"
    from babel.numbers import format_decimal

    fmt = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(x, format=fmt, locale=_LOCALE.get(_lang(lang), "nl_NL"))


def pct(x, digits: int = 0, *, lang: str | None = None) -> str:
    """A share (0–1) as a percentage."""
    if x is None:
        return "–"
    from babel.numbers import format_percent

    fmt = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(x, format=fmt, locale=_LOCALE.get(_lang(lang), "nl_NL"))


def day(value, *, lang: str | None = None) -> str:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or ``date``/``datetime``
    written out; anything else is returned as text."""
    from babel.dates import format_date, format_skeleton

    loc = _LOCALE.get(_lang(lang), "nl_NL")
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return format_date(value, format="long", locale=loc)
    s = str(value or "").strip()
    try:
        if len(s) >= 10:
            return format_date(_dt.date.fromisoformat(s[:10]), format="long", locale=loc)
        if len(s) == 7:
            d = _dt.date(int(s[:4]), int(s[5:7]), 1)
            return format_skeleton("yMMMM", d, locale=loc)
    except ValueError:
        return s
    return s


def tn(key: str, n: int, *, lang: str | None = None, **kwargs) -> str:
    """The string ``key.one`` when ``n`` is 1, else ``key.other``, with ``n``
    formatted by :func:`num` (and ``kwargs``) filled in."""
    lang = _lang(lang)
    variant = "one" if n == 1 else "other"
    return tr(lang, f"{key}.{variant}", n=num(n, 0, lang=lang), **kwargs)
