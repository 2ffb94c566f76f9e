"""Render the analysis' structured reason codes (gaps, suggestions, brokers) in the
current language.

The analysis (:mod:`graph.gaps`, :mod:`graph.links`, :mod:`graph.brokers`) returns
reasons as ``{"code": ..., <numbers and names>}``; the strings are the ``why.*``
keys of :mod:`app.i18n`. Names are data: callers Markdown-escape the result.
"""

from __future__ import annotations

from app.fmt import num
from app.i18n import tr


def join(items, lang: str) -> str:
    """``a, b en c`` / ``a, b and c``.

    >>> join(["a", "b", "c"], "nl"), join(["a", "b"], "en"), join([], "en")
    ('a, b en c', 'a and b', '')
    """
    items = [str(x) for x in items if x is not None and x != ""]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {tr(lang, 'why.and')} " + items[-1]


def _sector(s, lang: str) -> str:
    return tr(lang, f"sector.{s}").lower() if s else "–"


def _level(level, lang: str, n: int = 1) -> str:
    return tr(lang, f"why.level.{level or 'other'}." + ("one" if n == 1 else "other"))


def reason_text(r: dict, lang: str) -> str:
    """One reason code as a phrase in ``lang``.

    >>> reason_text({"code": "shared_partners", "n": 2, "names": ["A", "B"]}, "en")
    '2 shared partners: A and B'
    >>> reason_text({"code": "triangle_missing", "level": "province", "region": "Friesland",
    ...              "sector": "overheid", "present": {"zorg": 14}, "n_active": 14,
    ...              "n_known_sector": 0, "regions_with_sector": 9, "regions_tested": 12}, "nl")
    'Friesland heeft 14 actieve organisaties in het netwerk (14 zorg), maar geen overheid — van de 12 getoetste provincies heeft 9 er minstens één'
    >>> reason_text({"code": "constraint", "value": 0.25}, "nl"), reason_text(
    ...     {"code": "constraint", "value": 3.0}, "en")
    ('constraint 0,25', 'constraint 3')
    """
    code = r.get("code")
    f = dict(r)
    for k in ("sector",):
        if k in f:
            f[k] = _sector(f[k], lang)
    if "sectors" in f and isinstance(f["sectors"], list):
        f["sectors"] = join([_sector(s, lang) for s in f["sectors"]], lang)
    for k in ("names", "provinces", "regions"):
        if isinstance(f.get(k), list):
            f[k] = join(f[k], lang)
    for k in ("expected", "rate", "ratio", "value"):
        if k in f:
            f[k] = num(f[k], 3 if k in ("value", "ratio", "rate") else 1, lang=lang)
    if "p_value" in f:
        f["p_value"] = num(f["p_value"], 4, lang=lang)
    if code == "triangle_missing":
        present = r.get("present") or {}
        f["present"] = join([f"{n} {_sector(s, lang)}" for s, n in present.items()], lang) or "–"
        f["levels"] = _level(r.get("level"), lang, 2)
        f["known"] = (tr(lang, "why.known_inactive", n=r.get("n_known_sector", 0))
                      if r.get("n_known_sector") else "")
    if code in ("no_data", "too_little_data"):
        f["level_name"] = _level(r.get("level"), lang)
    key = f"why.{code}"
    if code == "shared_partners" and r.get("n") == 1:
        key = "why.shared_partner"
    if code == "few_between":
        key += ".adjacent" if r.get("adjacent") else ".far"
    return tr(lang, key, **f)


def reasons_text(reasons, lang: str) -> str:
    """All reasons of one item, joined into one sentence."""
    parts = [reason_text(r, lang) for r in reasons or []]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    s = "; ".join(parts)
    return s[0].upper() + s[1:] + "."
