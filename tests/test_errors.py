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
