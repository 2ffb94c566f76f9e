"""Number formatting of the Netwerk page.

Its interface strings are data in ``app/locales/{nl,en}.toml`` (sections ``net``,
``np``, ``lg``, ``shape``, ``tip`` and ``cnt``; counted words as ``.one`` / ``.many``
pairs, see :func:`app.netstate.count`).
"""

from __future__ import annotations

__all__ = ["fmt_int", "fmt_num"]


def fmt_int(n: int, lang: str) -> str:
    """``1650`` -> ``1.650`` (Dutch) or ``1,650`` (English).

    >>> fmt_int(1650, "nl"), fmt_int(1650, "en"), fmt_int(7, "nl")
    ('1.650', '1,650', '7')
    """
    s = f"{int(n):,}"
    return s.replace(",", ".") if lang == "nl" else s


def fmt_num(x: float, lang: str, digits: int = 2) -> str:
    """A decimal number with the language's separator: ``1,5`` in Dutch."""
    s = f"{x:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:,.0f}"
    if lang == "nl":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s
