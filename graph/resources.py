"""Where the shipped files are: ``cypher/`` and ``data/``, in a checkout or a wheel.

In the repository ``cypher/`` and ``data/`` are top-level folders; the wheel ships
them as the resource packages ``zorgnet_data.cypher`` and ``zorgnet_data``
(``pyproject.toml``, ``[tool.setuptools.package-dir]``). Every module finds them
through :func:`cypher_dir` and :func:`data_dir` (read with :mod:`importlib.resources`),
never through ``__file__`` parents of its own.

>>> (data_dir() / "gazetteer").is_dir(), (cypher_dir() / "schema.cypher").is_file()
(True, True)
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache
from pathlib import Path

#: the resource packages of an installed wheel
DATA_PACKAGE = "zorgnet_data"
CYPHER_PACKAGE = "zorgnet_data.cypher"
STREAMLIT_PACKAGE = "zorgnet_data.streamlit"
#: the repository checkout this module sits in (``graph/..``), used when the code
#: runs from the source tree (an editable install made before the resource packages)
_CHECKOUT = Path(__file__).resolve().parents[1]
#: the folder holding the code packages (``graph/``, ``app/`` …): the checkout, or
#: ``site-packages`` in an installed wheel
_CODE = _CHECKOUT


def _package_dir(package: str, folder: str, anchor: str) -> Path:
    """The folder of resource ``package`` (found through its file ``anchor``), else the
    checkout's ``folder``. The resource packages have no ``__init__.py`` (they are the
    repository's plain folders): :func:`importlib.resources.files` gives a
    ``MultiplexedPath`` for them, whose files are ordinary paths."""
    if (_CHECKOUT / folder / anchor).is_file():      # running from a checkout
        return _CHECKOUT / folder
    try:
        file = importlib.resources.files(package).joinpath(anchor)
    except (ModuleNotFoundError, NotADirectoryError):  # no such package / editable namespace
        file = None
    if isinstance(file, Path) and file.is_file():    # wheels install unpacked
        return file.parent
    return _CHECKOUT / folder


@lru_cache(maxsize=None)
def data_dir() -> Path:
    """The ``data/`` folder (gazetteer, extraction lists, places, demo tables)."""
    return _package_dir(DATA_PACKAGE, "data", "places_nl.csv")


@lru_cache(maxsize=None)
def cypher_dir() -> Path:
    """The ``cypher/`` folder (schema and named queries)."""
    return _package_dir(CYPHER_PACKAGE, "cypher", "schema.cypher")


def data_file(*parts: str) -> Path:
    """A file under :func:`data_dir` (``data_file("gazetteer", "provinces.csv")``)."""
    return data_dir().joinpath(*parts)


@lru_cache(maxsize=None)
def streamlit_config() -> Path | None:
    """The app's ``.streamlit/config.toml`` (theme, no telemetry), or None."""
    p = _package_dir(STREAMLIT_PACKAGE, ".streamlit", "config.toml") / "config.toml"
    return p if p.is_file() else None


def code_root() -> Path:
    """The folder holding the code packages (for a worker process's ``PYTHONPATH``)."""
    return _CODE


def static_dir() -> Path:
    """``graph/static/``: vendored browser files (package data of ``graph``)."""
    return _CODE / "graph" / "static"


def locales_dir() -> Path:
    """``app/locales/``: the interface strings (package data of ``app``; found here,
    not imported: :mod:`graph` never imports :mod:`app`)."""
    return _CODE / "app" / "locales"


def checkout_root() -> Path | None:
    """The repository checkout the code runs from, or None in an installed wheel."""
    return _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() else None


__all__ = ["data_dir", "cypher_dir", "data_file", "streamlit_config", "code_root", "static_dir",
           "locales_dir", "checkout_root"]
