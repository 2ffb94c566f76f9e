"""The bundled demo: the national network in ``data/demo/`` (facts of 65 web pages plus the
gazetteer's known organisations; rebuilt by ``scripts/build_demo.py``)."""

from __future__ import annotations

from pathlib import Path

from loaders.enrich import enrich_from_gazetteer
from loaders.rows import Batch
from loaders.spreadsheet import read_graph_tables

DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"


def demo_batches() -> list[Batch]:
    """The demo as one Batch (a Document per page it states facts from, and one for the
    reference list).

    Organisations whose seat the pages do not give get it from the gazetteer.
    """
    batch = read_graph_tables(DEMO_DIR, source_prefix="zorgnet-demo", doctype="nieuwsbericht")
    enrich_from_gazetteer(batch)
    return [batch]
