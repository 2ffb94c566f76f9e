"""Shared by the tests of the named queries (``tests/test_queries_*.py``): the demo
CSVs of ``data/demo/`` as facts, small row helpers and the per-engine demo fixtures.

Each query runs on LadybugDB (``demo_lb``) and on the real Neo4j (``demo_neo4j``)
over the demo graph. The tests check that

* both engines return the same rows (sorted, floats to 6 decimals, lists sorted)
  and in the same order;
* the rows say what the demo CSVs in ``data/demo/`` say (at least one concrete
  fact per query, mostly derived from the CSVs themselves);
* every ``$parameter`` is declared in the header and vice versa.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest

from graph.model import ORG_KINDS
from graph.queries import load_queries, run_named

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
NAMES = sorted(load_queries())
#: Columns that legitimately differ between two stores (the load time).
VOLATILE = {"nieuwste_documenten": {"geladen_op"}}
#: Relations that make an organisation a member of an initiative or event.
MEMBERSHIP = {"PARTNER_IN", "ORGANISED", "PARTICIPATED_IN", "AFFILIATED_WITH", "FUNDED_BY",
              "PART_OF"}
VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"
OCW = "Ministerie van Onderwijs, Cultuur en Wetenschap"
WERKDAG = "zorgpact-2017-12-werkdag"


# --------------------------------------------------------------------------- demo CSVs


@functools.cache
def _csv(name: str) -> tuple[dict, ...]:
    with open(DEMO / name, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@functools.cache
def entities() -> tuple[dict, ...]:
    """The demo entities as loaded: the CSV rows, with the place and province the
    loader adds from the gazetteer where the CSV leaves them empty."""
    from loaders.demo import demo_batches

    loaded = {(e.name, e.type): e.props for e in demo_batches()[0].entities}
    out = []
    for e in _csv("entiteiten.csv"):
        props = loaded.get((e["naam"], e["type"]), {})
        out.append({**e, "plaats": e["plaats"] or props.get("place") or "",
                    "provincie": e["provincie"] or props.get("province") or ""})
    return tuple(out)


def relations() -> tuple[dict, ...]:
    return _csv("relaties.csv")


def sources() -> dict[str, dict]:
    return {s["bron"]: s for s in _csv("bronnen.csv")}


def demo_counts() -> tuple[int, int]:
    """(organisations, sources) of the demo CSVs."""
    return (sum(1 for r in _csv("entiteiten.csv") if r["type"] in ORG_KINDS),
            len(_csv("bronnen.csv")))


def bronnen(e: dict) -> set[str]:
    return {b.strip() for b in e["bron"].split("|") if b.strip()}


def org_names() -> set[str]:
    return {e["naam"] for e in entities() if e["type"] in ORG_KINDS}


def members(focus: str) -> set[str]:
    """Organisations tied to ``focus`` by a membership relation, per the CSV."""
    out = set()
    for r in relations():
        if r["relatie"] not in MEMBERSHIP:
            continue
        if r["naar"] == focus and r["type_van"] in ORG_KINDS:
            out.add(r["van"])
        if r["van"] == focus and r["type_naar"] in ORG_KINDS:
            out.add(r["naar"])
    return out


# --------------------------------------------------------------------------- helpers


def run(store, name: str, **params) -> list[dict]:
    return run_named(store, name, params)[1]


def col(rows: list[dict], column: str) -> list:
    return [r[column] for r in rows]


def _norm(v):
    if isinstance(v, float):
        return round(v, 6)
    if isinstance(v, (list, tuple)):
        return tuple(sorted((_norm(x) for x in v), key=repr))
    return v


def _tuples(rows: list[dict], drop=()) -> list[tuple]:
    return [tuple(_norm(v) for k, v in r.items() if k not in drop) for r in rows]




@pytest.fixture
def neo4j_demo(demo_neo4j):
    """The Neo4j store holding exactly the demo (conftest compares all counts)."""
    return demo_neo4j


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def demo_store(request):
    """The demo graph, once per engine."""
    if request.param == "ladybug":
        return request.getfixturevalue("demo_lb")
    return request.getfixturevalue("neo4j_demo")

