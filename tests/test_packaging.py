"""The wheel: what it ships, and that it runs outside the repository.

``cypher/``, ``data/`` and ``.streamlit/`` stay top-level folders in the repository
and are shipped as the resource packages ``zorgnet_data.*`` (``pyproject.toml``);
the code finds them through :mod:`graph.resources` only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import setuptools

from graph.resources import cypher_dir, data_dir

ROOT = Path(__file__).resolve().parents[1]
CODE = ("app", "graph", "loaders", "zorgnet")
RESOURCES = {"zorgnet_data": "data", "zorgnet_data.cypher": "cypher",
             "zorgnet_data.streamlit": ".streamlit"}


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_package_list_matches_the_folders():
    """Every code package (folder with ``__init__.py``) and every resource folder is
    listed, and nothing else: a new subpackage or data folder cannot be left out."""
    cfg = _setuptools_config()
    listed = set(cfg["packages"])
    code = set(setuptools.find_packages(str(ROOT), include=[f"{c}*" for c in CODE]))
    # data folders with files are resource packages (app/pages has no __init__.py)
    code |= {"app.pages"}
    assert {p for p in listed if not p.startswith("zorgnet_data")} == code
    assert cfg["package-dir"] == RESOURCES
    resources = set()
    for pkg, folder in RESOURCES.items():
        base = ROOT / folder
        resources |= {".".join((pkg, *d.relative_to(base).parts)) for d in [base, *base.rglob("*")]
                      if d.is_dir() and any(f.is_file() for f in d.iterdir())}
    assert {p for p in listed if p.startswith("zorgnet_data")} == resources
    assert set(cfg["package-data"]) >= resources


def test_no_module_finds_files_through_its_own_path():
    """Only :mod:`graph.resources` locates ``cypher/`` and ``data/``; no ``__file__``
    parents elsewhere in the shipped code (``sys.path`` edits included)."""
    found = []
    for f in [ROOT / "streamlit_app.py", *(p for c in CODE for p in (ROOT / c).rglob("*.py"))]:
        if f == ROOT / "graph" / "resources.py":
            continue
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bPath\(__file__\)|os\.path\.dirname\(__file__\)", line):
                found.append(f"{f.relative_to(ROOT)}:{i}: {line.strip()}")
    assert found == []


def test_resources_are_the_repository_folders_in_a_checkout():
    assert (data_dir() / "gazetteer" / "provinces.csv").is_file()
    assert (cypher_dir() / "schema.cypher").is_file()


def _copy_sources(dst: Path) -> None:
    """What the wheel is built from (git-tracked files only would be stricter; the
    worktree may hold uncommitted files the tests also run on)."""
    skip = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                  ".pytest_cache", ".zorgnet-test", "tests", "bench", "docs")
    shutil.copytree(ROOT, dst, ignore=skip)


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_runs(tmp_path):
    """``python -m build`` -> wheel -> fresh venv outside the repo -> demo, analyze, app.

    The venv gets the wheel without dependencies; the dependencies come from this
    interpreter's site-packages through a plain path line in a ``.pth`` file (a plain
    line does not run the editable install's finder, so ``graph`` & co. can only come
    from the wheel). Commands run from an empty folder with ``PYTHONPATH`` unset.
    """
    src, dist, venv, cwd = (tmp_path / n for n in ("src", "dist", "venv", "cwd"))
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONPATH" and not k.startswith(("NEO4J_", "ZORGNET_"))}
    env["ZORGNET_DB"] = str(tmp_path / "graph.lbug")
    _copy_sources(src)
    cwd.mkdir()
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--outdir", str(dist), str(src)], check=True, capture_output=True, env=env)
    wheel = next(dist.glob("zorgnet-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)  # own pip
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['purelib'])"], check=True, capture_output=True,
                             text=True, env=env).stdout.strip()
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True, env=env, cwd=cwd)
    # after the install: pip would otherwise see the editable zorgnet there as installed
    Path(purelib, "zz_zorgnet_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    zorgnet = str(venv / "bin" / "zorgnet")

    def run(*args: str) -> str:
        p = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, f"{args}: {p.stderr[-2000:]}"
        return p.stdout

    where = json.loads(run(str(py), "-c", "import json, graph, graph.resources as r; "
                           "print(json.dumps([graph.__file__, str(r.data_dir()), "
                           "str(r.cypher_dir()), r.checkout_root()]))"))
    assert all(str(ROOT) not in str(w) for w in where[:3]) and where[3] is None, where
    assert all(w.startswith(purelib) for w in where[:3]), where

    assert re.search(r"\b[1-9]\d* entiteiten", run(zorgnet, "demo"))
    res = json.loads(run(zorgnet, "analyze", "--json"))
    assert res["clusters"] and res["brokers"]
    assert "--headless" in run(zorgnet, "app", "--help")
    assert "gedeelde_partners" in run(zorgnet, "queries")
    assert "organisatie_a" in run(zorgnet, "query", "gedeelde_partners", "--format", "csv")
