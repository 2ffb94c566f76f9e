"""Interface strings: one table per language (Dutch first, English as an option).

``t(key, **kwargs)`` looks a key up in the current language (the sidebar switch,
kept in ``st.session_state["lang"]``), falls back to Dutch, then to the key, and
fills ``{placeholders}`` with ``str.format``. Values passed to ``t`` that end up
in HTML are escaped by the caller. The strings live in ``app/locales/{nl,en}.toml``
(``[section]`` + key gives ``section.key``; plurals as ``key.one`` / ``key.other``),
read once at import; the Netwerk page adds its own from :mod:`app.i18n_net`.
"""

from __future__ import annotations

from graph.resources import locales_dir

LANGS: tuple[str, ...] = ("nl", "en")


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


def current_lang() -> str:
    """The language of the current session ("nl" outside Streamlit)."""
    try:
        import streamlit as st

        lang = st.session_state.get("lang", "nl")
    except Exception:  # no script run context (unit tests, bench)
        return "nl"
    return lang if lang in STRINGS else "nl"


def tr(lang: str, key: str, **kwargs) -> str:
    """The string ``key`` in ``lang`` (Dutch, then the key itself, as fall-back)."""
    s = STRINGS.get(lang, NL).get(key) or NL.get(key) or key
    if kwargs:
        try:
            return s.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return s
    return s


def t(key: str, **kwargs) -> str:
    """The string ``key`` in the current language."""
    return tr(current_lang(), key, **kwargs)

from app.i18n_net import EN as _NET_EN, NL as _NET_NL  # noqa: E402  (the Netwerk page)
NL.update(_NET_NL), EN.update(_NET_EN)
