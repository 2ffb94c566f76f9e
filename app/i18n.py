"""Interface strings: one table per language (Dutch first, English as an option).

``t(key, **kwargs)`` looks a key up in the current language (the sidebar switch,
kept in ``st.session_state["lang"]``), falls back to Dutch, then to the key, and
fills ``{placeholders}`` with ``str.format``. Values passed to ``t`` that end up
in HTML are escaped by the caller. The strings live in ``app/locales/{nl,en}.toml``
(``[section]`` + key gives ``section.key``; plurals as ``key.one`` / ``key.other``),
read once at import by :mod:`graph.locale` (which also holds ``tr``: the regional report
renders without Streamlit).
"""

from __future__ import annotations

from graph.errors import in_language
from graph.locale import EN, LANGS, NL, STRINGS, _flatten, load_locale, tr

__all__ = ["LANGS", "NL", "EN", "STRINGS", "load_locale", "current_lang", "tr", "t",
           "err", "_flatten"]


def current_lang() -> str:
    """The language of the current session ("nl" outside Streamlit)."""
    try:
        import streamlit as st

        lang = st.session_state.get("lang", "nl")
    except Exception:  # no script run context (unit tests, bench)
        return "nl"
    return lang if lang in STRINGS else "nl"


def t(key: str, **kwargs) -> str:
    """The string ``key`` in the current language."""
    return tr(current_lang(), key, **kwargs)


def err(exc) -> str:
    """An error (or an analysis part's failure) as one line in the current language
    (:meth:`graph.errors.ZorgnetError.in_language`); escape it before Markdown."""
    return in_language(exc, current_lang())
