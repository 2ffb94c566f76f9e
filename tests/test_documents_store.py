"""Documents end to end: text -> extraction -> store, on both engines; incremental."""

from __future__ import annotations

import pytest

from loaders.documents import read_batch


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch):
    """These tests are about the store (evidence, incremental reloads), so they read with the
    rules alone: the trained scorer's choices are tested in tests/test_extract_model.py."""
    monkeypatch.setenv("ZORGNET_EXTRACT_MODEL", "off")

TEXT_V1 = """Zorgpact Achterhoek van start

12-03-2024

In Doetinchem ondertekenden Graafschap College, Sensire en de gemeente Doetinchem het
Zorgpact Achterhoek. Wethouder Lisa van den Berg van de gemeente Doetinchem sprak van een
belangrijke stap. Ook Stichting Welzijn Oost Achterhoek sloot zich aan als partner.
"""

TEXT_V2 = """Zorgpact Achterhoek van start

12-03-2024

In Doetinchem ondertekenden Graafschap College, Sensire en de gemeente Doetinchem het
Zorgpact Achterhoek. Wethouder Lisa van den Berg van de gemeente Doetinchem sprak van een
belangrijke stap.
"""


def _partners(store):
    return [r["name"] for r in store.query(
        "MATCH (o:Organisation)-[r:PARTNER_IN]->(i:Initiative) WHERE i.name = $i "
        "RETURN DISTINCT o.name AS name ORDER BY name", {"i": "Zorgpact Achterhoek"})]


def test_document_loads_with_evidence_and_reloads_incrementally(store, tmp_path):
    p = tmp_path / "achterhoek.txt"
    p.write_text(TEXT_V1, encoding="utf-8")
    store.load([read_batch(str(p))])
    partners = _partners(store)
    assert {"Graafschap College", "Sensire", "Gemeente Doetinchem"} <= set(partners)
    ev = store.query(
        "MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation) WHERE p.name = $p "
        "RETURN o.name AS org, r.role AS role, r.sentence AS sentence, r.locator AS loc",
        {"p": "Lisa van den Berg"})
    assert ev and ev[0]["org"] == "Gemeente Doetinchem" and ev[0]["role"] == "wethouder"
    assert "Wethouder Lisa van den Berg" in ev[0]["sentence"] and ev[0]["loc"].startswith("zin")
    doc = store.query("MATCH (d:Document) RETURN d.date AS date, d.doctype AS t")[0]
    assert doc["date"] == "2024-03-12"

    # same file again: skipped, nothing changes
    before = store.counts()
    report = store.load([read_batch(str(p))])
    assert report.skipped and not report.written and store.counts() == before

    # the file changes: its own evidence is replaced; the organisation it no longer
    # names (and nothing else names) disappears
    welzijn = "Stichting Welzijn Oost Achterhoek"
    assert welzijn in _partners(store)
    p.write_text(TEXT_V2, encoding="utf-8")
    report = store.load([read_batch(str(p))])
    assert len(report.replaced) == 1
    assert welzijn not in _partners(store)
    assert not store.query("MATCH (o:Organisation) WHERE o.name = $n RETURN o.id",
                           {"n": welzijn})
