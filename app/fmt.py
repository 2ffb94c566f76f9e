"""Numbers, dates and plurals in the interface language (Babel's CLDR data, offline).

The formats are :mod:`graph.locale`'s; here the language defaults to the session's
(:func:`app.i18n.current_lang`).

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

from app.i18n import current_lang
from graph import locale as _locale


def _lang(lang: str | None) -> str:
    return lang or current_lang()


def num(x, digits: int = 1, *, lang: str | None = None) -> str:
    """``x`` with the language's decimal and thousands separators; at most
    ``digits`` decimals (none shown for whole numbers). ``None`` gives ``–``."""
    return _locale.num(x, digits, lang=_lang(lang))


def pct(x, digits: int = 0, *, lang: str | None = None) -> str:
    """A share (0–1) as a percentage."""
    return _locale.pct(x, digits, lang=_lang(lang))


def day(value, *, lang: str | None = None) -> str:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or ``date``/``datetime``
    written out; anything else is returned as text."""
    return _locale.day(value, lang=_lang(lang))


def tn(key: str, n: int, *, lang: str | None = None, **kwargs) -> str:
    """The string ``key.one`` when ``n`` is 1, else ``key.other``, with ``n``
    formatted by :func:`num` (and ``kwargs``) filled in."""
    return _locale.tn(key, n, lang=_lang(lang), **kwargs)
