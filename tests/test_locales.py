"""The interface strings: both languages have every key, every key the code uses
exists (plurals with both forms), numbers/dates/plurals come out right, and the
Dutch tables for Streamlit and plotly are complete where they must be."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = [ROOT / "streamlit_app.py", *(ROOT / "app").rglob("*.py"),
        ROOT / "zorgnet" / "cli_report.py", ROOT / "graph" / "report_html.py"]


def _toml(name: str) -> dict:
    import tomllib

    from app.i18n import _flatten

    return _flatten(tomllib.loads((ROOT / "app" / "locales" / name).read_text("utf-8")))


def test_locale_files_have_the_same_keys_and_placeholders():
    nl, en = _toml("nl.toml"), _toml("en.toml")
    assert set(nl) == set(en), sorted(set(nl) ^ set(en))
    for k in nl:
        assert set(re.findall(r"\{(\w+)", nl[k])) == set(re.findall(r"\{(\w+)", en[k])), k


def test_every_key_the_code_uses_exists_in_both_languages():
    from app.i18n import EN, NL

    used, plural = set(), set()
    for f in CODE:
        text = f.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b[tT]\(\s*["']([a-z_]+\.[A-Za-z_.]+)["']""", text))
        used |= set(re.findall(r"""\btr\(\s*\w+,\s*["']([a-z_]+\.[A-Za-z_.]+)["']""", text))
        plural |= set(re.findall(r"""\btn\(\s*["']([a-z_]+\.[A-Za-z_.]+)["']""", text))
    assert len(used) > 100 and plural
    missing = sorted(k for k in used if k not in NL or k not in EN)
    missing += sorted(f"{k}.{v}" for k in plural for v in ("one", "other")
                      if f"{k}.{v}" not in NL or f"{k}.{v}" not in EN)
    assert not missing, missing


def test_every_f_string_key_prefix_exists_in_both_languages():
    """``t(f"sector.{s}")`` and the like: the literal part before the first ``{`` is a
    prefix that at least one key of each language must start with."""
    from app.i18n import EN, NL

    prefixes = set()
    for f in CODE:
        text = f.read_text(encoding="utf-8")
        prefixes |= set(re.findall(
            r"""\b(?:[tT]|tn|tr\(\s*\w+,)\(?\s*f["']([a-z_]+\.[A-Za-z_.]*)\{""", text))
    assert {"sector.", "type.", "why.level.", "verdict."} <= prefixes
    missing = sorted(p for p in prefixes
                     if not any(k.startswith(p) for k in NL)
                     or not any(k.startswith(p) for k in EN))
    assert not missing, missing


def test_every_value_of_the_f_string_keys_exists_in_both_languages():
    """The closed vocabularies rendered by f-string keys have a string in each language."""
    from app.i18n import EN, NL
    from graph.vocab import SECTORS

    keys = [f"sector.{s}" for s in SECTORS]
    keys += [f"why.level.{lv}.{v}" for lv in ("province", "municipality",
                                             "labour_market_region", "other")
             for v in ("one", "other")]
    keys += ["verdict.interessant", "verdict.niet_relevant"]
    keys += [f"cnt.{what}.{v}" for what in ("node", "step", "edge", "organisation",
                                            "initiative", "event", "person", "region",
                                            "entity", "expanded")
             for v in ("one", "many")]   # app.netstate.count
    missing = [k for k in keys if k not in NL or k not in EN]
    assert not missing, missing


def test_i18n_module_stays_small():
    assert len((ROOT / "app" / "i18n.py").read_text().splitlines()) <= 600


def test_interface_strings_are_data_not_python():
    """The strings live in app/locales/*.toml only: no module of app/ holds a table of
    them (a dict literal with more than a few ``section.key`` string keys)."""
    import ast

    tables = []
    for f in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)
                        and isinstance(k.value, str)
                        and re.fullmatch(r"[a-z_]+\.[\w.]+", k.value)]
                if len(keys) > 5:
                    tables.append(f"{f.relative_to(ROOT)}:{node.lineno}")
    assert not tables, tables


@pytest.mark.parametrize("module", ["app.fmt", "app.dutch", "graph.locale"])
def test_doctests(module):
    import importlib

    res = doctest.testmod(importlib.import_module(module),
                          optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.attempted > 0 and res.failed == 0


def test_plurals_and_numbers():
    from app.fmt import day, num, tn

    assert tn("cy.rows", 1, lang="nl", ms="3") == "1 rij in 3 ms."
    assert tn("cy.rows", 2, lang="nl", ms="3") == "2 rijen in 3 ms."
    assert tn("cy.rows", 1234, lang="nl", ms="3") == "1.234 rijen in 3 ms."
    assert tn("cy.rows", 1234, lang="en", ms="3") == "1,234 rows in 3 ms."
    assert num(0.617, 3, lang="nl") == "0,617" and num(None) == "–"
    assert day("2026-12-02", lang="en") == "2 December 2026"


def test_plotly_dutch_covers_the_toolbar():
    data = json.loads((ROOT / "app" / "locales" / "plotly_nl.json").read_text("utf-8"))
    toolbar = ("Zoom", "Pan", "Box Select", "Lasso Select", "Zoom in", "Zoom out",
               "Autoscale", "Reset axes", "Download plot as a PNG", "Toggle Spike Lines",
               "Show closest data on hover", "Compare data on hover")
    assert all(data["dictionary"].get(k) for k in toolbar)
    assert data["format"]["decimal"] == "," and data["format"]["thousands"] == "."


def test_streamlit_table_translates_and_leaves_data_alone():
    from app.dutch import SKIP, script, streamlit_strings

    s = streamlit_strings()
    assert {"Drag and drop file here", "Choose an option", "No results", "Select all",
            "Press Enter to apply", "Show/hide columns"} <= set(s["text"])
    for pattern in s["patterns"]:
        re.compile(pattern)                      # JavaScript and Python agree on these
    page = script("nl")
    assert page.startswith("<script>") and "stMarkdownContainer" in SKIP
    assert '"lang": "nl"' not in page and 'const lang = "nl"' in page
    assert 'const lang = "en"' in script("en")
