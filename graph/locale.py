"""Interface strings and number/date formats in a given language, without a front end.

The strings live in ``app/locales/{nl,en}.toml`` (``[section]`` + key gives
``section.key``; plurals as ``key.one`` / ``key.other``), found through
:func:`graph.resources.locales_dir` and read once at import. ``tr(lang, key, **kw)``
looks a key up in ``lang``, falls back to Dutch, then to the key, and fills
``{placeholders}`` with ``str.format``. Numbers, dates and plurals use Babel's CLDR
data (offline). The language is always passed in: the Streamlit app's session
language (``app.i18n.current_lang``) is the app's business, and :mod:`app.i18n` /
:mod:`app.fmt` wrap this module with it. Used by :mod:`graph.report_html` (the
regional report of the app and of ``zorgnet report``).

>>> num(1234.5, lang="nl"), num(1234.5, lang="en"), num(0.25, 3, lang="nl")
('1.234,5', '1,234.5', '0,25')
>>> day("2026-12-02", lang="nl"), day("2026-12", lang="en")
('2 december 2026', 'December 2026')
>>> tr("en", "rp.title", province="Zeeland") != tr("nl", "rp.title", province="Zeeland")
True
"""

from __future__ import annotations

import datetime as _dt

from graph.resources import locales_dir

LANGS: tuple[str, ...] = ("nl", "en")
_LOCALE = {"nl": "nl_NL", "en": "en_GB"}


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in table.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = str(v)
    return out


def load_locale(lang: str) -> dict[str, str]:
    """The strings of ``app/locales/{lang}.toml`` as flat ``section.key`` keys."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    path = locales_dir() / f"{lang}.toml"
    return _flatten(tomllib.loads(path.read_text(encoding="utf-8"))) if path.exists() else {}


NL: dict[str, str] = load_locale("nl")
EN: dict[str, str] = load_locale("en")
STRINGS: dict[str, dict[str, str]] = {"nl": NL, "en": EN}


def tr(lang: str, key: str, **kwargs) -> str:
    """The string ``key`` in ``lang`` (Dutch, then the key itself, as fall-back)."""
    s = STRINGS.get(lang, NL).get(key) or NL.get(key) or key
    if kwargs:
        try:
            return s.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return s
    return s


def num(x, digits: int = 1, *, lang: str = "nl") -> str:
    """``x`` with the language's decimal and thousands separators; at most
    ``digits`` decimals (none shown for whole numbers). ``None`` gives ``–``."""
    if x is None or x == "":
        return "–"
    from babel.numbers import format_decimal

    fmt = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(x, format=fmt, locale=_LOCALE.get(lang, "nl_NL"))


def pct(x, digits: int = 0, *, lang: str = "nl") -> str:
    """A share (0–1) as a percentage."""
    if x is None:
        return "–"
    from babel.numbers import format_percent

    fmt = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(x, format=fmt, locale=_LOCALE.get(lang, "nl_NL"))


def day(value, *, lang: str = "nl") -> str:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or ``date``/``datetime``
    written out; anything else is returned as text."""
    from babel.dates import format_date, format_skeleton

    loc = _LOCALE.get(lang, "nl_NL")
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


def tn(key: str, n: int, *, lang: str = "nl", **kwargs) -> str:
    """The string ``key.one`` when ``n`` is 1, else ``key.other``, with ``n``
    formatted by :func:`num` (and ``kwargs``) filled in."""
    variant = "one" if n == 1 else "other"
    return tr(lang, f"{key}.{variant}", n=num(n, 0, lang=lang), **kwargs)


__all__ = ["LANGS", "NL", "EN", "STRINGS", "load_locale", "tr", "num", "pct", "day", "tn"]
