"""One exception root: every exception class of graph/, loaders/ and zorgnet/ is a ZorgnetError."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from graph.errors import ZorgnetError
from loaders.errors import LoadError

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> list[str]:
    out = []
    for pkg in ("graph", "loaders", "zorgnet"):
        for f in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(f.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out.append(".".join(parts))
    return out


def test_every_exception_class_derives_from_the_root():
    found, bad = [], []
    for name in _modules():
        mod = importlib.import_module(name)
        for _, cls in inspect.getmembers(mod, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, BaseException):
                found.append(cls.__qualname__)
                if not issubclass(cls, ZorgnetError):
                    bad.append(f"{name}.{cls.__qualname__}")
    assert bad == []
    assert {"StoreError", "StoreUnavailable", "QueryError", "RowError", "LoadError",
            "ZorgnetGraphError", "UnknownQuery"} <= set(found)


def test_the_builtin_bases_still_catch_them():
    from graph.exceptions import EmptyGraphError
    from graph.queries import UnknownQuery
    from graph.rows import RowError
    from graph.store import StoreUnavailable

    assert issubclass(EmptyGraphError, ValueError) and issubclass(UnknownQuery, KeyError)
    assert issubclass(RowError, ValueError) and issubclass(StoreUnavailable, RuntimeError)


@pytest.mark.parametrize("lang,text", [("nl", "PDF is beschadigd"), ("en", "PDF is corrupt")])
def test_a_message_is_in_one_language(lang, text):
    e = LoadError("x.pdf", "PDF is beschadigd", "PDF is corrupt")
    assert e.in_language(lang) == f"x.pdf: {text}"
    assert str(e) == "x.pdf: PDF is beschadigd" and "corrupt" not in str(e)


# --------------------------------------------------------------------------- one language

#: words that give a message away as English resp. Dutch (placeholders, quoted names,
#: code such as ZORGNET_TX_ROWS and MATCH are left out before looking)
EN_MARKERS = set("the not must expected unknown use choose has have and be to for with from "
                 "cannot could was were too than more less allowed only without inside "
                 "outside string nothing stopped keeps running source sources loaded kept "
                 "written lost again another process exceeded memory number whole".split())
NL_MARKERS = set("de het een niet geen van voor met naar bij zijn wordt moet kies uit deze dit "
                 "dat op te en tussen ligt heeft kan alleen tekens bron bronnen laden "
                 "geschreven verbroken afgebroken tijdslimiet overschreden draait nog kreeg "
                 "verwacht onbekende onbekend waarde graaf".split())


def _words(text: str) -> list[str]:
    import re

    text = re.sub(r"\{[^}]*\}|'[^']*'|`[^`]*`|\([^)]*[_/=][^)]*\)", " ", text)
    return [w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+(?:[-_./][A-Za-z0-9]+)*", text)
            if w.isalpha() and not w.isupper()]


def mixed(text: str, lang: str) -> list[str]:
    """The words of ``text`` that belong to the other language."""
    other = EN_MARKERS if lang == "nl" else NL_MARKERS
    return [w for w in _words(text) if w in other]


def test_the_language_check_sees_a_mixed_message():
    assert mixed("Dit deel is niet beschikbaar: the graph has no edges", "nl") == ["the", "has"]
    assert mixed("source {name} is te groot", "en") == ["te"]
    assert mixed("query {name}: 'de' {x} ZORGNET_TX_ROWS", "en") == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_interface_string_is_in_its_own_language(lang):
    from graph.locale import STRINGS

    bad = {k: v for k, v in STRINGS[lang].items() if mixed(v, lang)}
    assert bad == {}


def _shown_errors(tmp_path):
    """Errors the app and the CLI show, made the way the code makes them."""
    import networkx as nx

    from graph.clusters import cluster_report
    from graph.console import check_read_only
    from graph.queries import get_query
    from graph.store.base import SourcesFailed, check_params
    from graph.store.ladybug import LadybugStore

    def caught(fn):
        try:
            fn()
        except ZorgnetError as exc:
            return exc
        raise AssertionError(f"{fn} raised nothing")

    C = nx.Graph()
    C.add_node("org:a")
    out = [
        caught(lambda: check_read_only("MATCH (n) DETACH DELETE n")),
        caught(lambda: check_read_only("RETURN 1; RETURN 2")),
        caught(lambda: check_params("MATCH (n {id: $id}) RETURN n", {})),
        caught(lambda: cluster_report(C)),
        caught(lambda: get_query("partners_van")),
        caught(lambda: get_query("partners_van_initiatief").bind({"x": 1})),
    ]
    with LadybugStore(tmp_path / "g.lbug") as store:
        out.append(caught(lambda: store.judge("org:a", "org:b", "goed")))
        out.append(caught(lambda: store.judge("org:a", "org:b", "interessant")))
    from loaders.spreadsheet import read_spreadsheet

    sheet = tmp_path / "partners.csv"
    sheet.write_text("organisatie,soort,provincie,datum\n,school,,\nA,bakker,,\n"
                     "B,school,Atlantis,\nC,school,,31-02-2024\n", encoding="utf-8")
    out.append(caught(lambda: read_spreadsheet(sheet)))
    inner = caught(lambda: check_read_only("CREATE (n)"))
    out.append(SourcesFailed(None, [("a.csv", str(inner)), ("b.csv", str(inner))],
                             [inner, inner]))
    return out


def test_the_errors_the_app_shows_follow_its_language(tmp_path):
    """Each message is Dutch by default and English when the UI is English — never both."""
    from graph.errors import in_language

    for exc in _shown_errors(tmp_path):
        nl, en = in_language(exc, "nl"), in_language(exc, "en")
        assert str(exc) == nl and nl != en, nl
        assert mixed(nl, "nl") == [] and mixed(en, "en") == [], (nl, en)


def test_no_literal_messages_in_graph_errors():
    """graph/ makes the errors the app shows from the locale files (``Error.of(key)``,
    a row problem ``Message(key)``), not from a text in one language; an engine's or a
    file's own text may be passed on. Exempt: the query-file checks (QueryFileError),
    written in Dutch for the people who write the query files."""
    import ast

    exempt = {"QueryFileError"}
    names = set()
    for name in _modules():
        mod = importlib.import_module(name)
        names |= {c.__name__ for _, c in inspect.getmembers(mod, inspect.isclass)
                  if issubclass(c, ZorgnetError)}
    bad = []
    files = [*sorted((ROOT / "graph").rglob("*.py")), ROOT / "loaders" / "spreadsheet.py"]
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            fn = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            arg = node.args[0].elts[0] if isinstance(node.args[0], ast.List) \
                and node.args[0].elts else node.args[0]
            literal = isinstance(arg, ast.JoinedStr) or (
                isinstance(arg, ast.Constant) and isinstance(arg.value, str))
            problem = fn == "append" and isinstance(node.func, ast.Attribute) \
                and getattr(node.func.value, "id", "") == "problems"
            if (fn in names - exempt or problem) and literal:
                bad.append(f"{f.relative_to(ROOT)}:{node.lineno}")
    assert bad == []
