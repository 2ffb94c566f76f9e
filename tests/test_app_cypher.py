"""The Cypher page: paths drawn in the graph tab, the own query kept in the URL,
"eigen query" starting empty, kinds and relation types shown in the interface
language. On our own Zeeland partner lists (see ``test_report``)."""

from __future__ import annotations

import re

import pytest

from test_app import _release, open_page
from test_report import own_db  # noqa: F401 (fixture)

A, B = "Gemeente Middelburg", "Welzijn Bevelanden Test"   # linked via the zorggroep


@pytest.fixture(scope="module")
def zeeland_db(own_db):
    """The database of our own Zeeland partner lists (built by ``test_report``)."""
    return own_db


@pytest.fixture
def use_zeeland(zeeland_db, monkeypatch):
    monkeypatch.setenv("ZORGNET_DB", str(zeeland_db))
    _release()
    yield zeeland_db
    _release()


def _drawn(at) -> tuple[int, int]:
    for c in at.caption:
        m = re.match(r"(\d+) knopen en (\d+) verbindingen getekend", c.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError([c.value for c in at.caption])


def test_shortest_chain_is_drawn_as_a_path(use_zeeland):
    from app.i18n import NL

    at = open_page("cypher", params={"query": "kortste_keten", "org_a": A, "org_b": B})
    assert at.session_state["cy_name"] == "kortste_keten"
    at.button(key="cy_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value
    assert len(table) >= 1
    chains = [c.split(" > ") for c in table["id_keten"]]
    steps = {int(s) for s in table["stappen"]}
    assert all(len(c) == s + 1 for c, s in zip(chains, table["stappen"]))
    assert steps == {4}           # gemeente > leerwerkplaats > zorggroep > zorgtafel > welzijn
    nodes, edges = _drawn(at)
    assert nodes == len({x for c in chains for x in c})
    assert edges >= max(steps)
    # the kinds in the chain are shown in Dutch, not as codes
    kinds = table["soorten_keten"].iloc[0].split(" > ")
    assert kinds[0] == NL["type.government"] and NL["type.initiative"] in kinds


def test_own_query_lives_in_the_url_and_starts_empty(use_zeeland):
    at = open_page("cypher")
    assert at.session_state["cy_name"] != ""           # a named query to begin with
    at.selectbox(key="cy_name").set_value("").run()
    assert at.text_area(key="cy_text").value == ""     # "eigen query" starts empty
    assert "q" not in at.query_params
    q = ("MATCH (o:Organisation) WHERE o.kind = $k "
         "RETURN o.name AS naam, o.kind AS soort, o.website AS website")
    at.text_area(key="cy_text").set_value(q).run()
    assert at.query_params["q"] == [q] or at.query_params["q"] == q
    assert "query" not in at.query_params
    at.text_input(key="cy_p_k").set_value("care_provider").run()
    at.button(key="cy_run").click().run()
    table = at.dataframe[0].value
    assert len(table) >= 3 and set(table["soort"]) == {"Zorg- en welzijnsaanbieder"}
    assert set(table["website"]) == {"–"}              # empty cells, not "None"
    # a fresh session from that link opens the same query
    _release()
    again = open_page("cypher", params={"q": q, "k": "school"})
    assert again.session_state["cy_name"] == ""
    assert again.text_area(key="cy_text").value == q
    assert again.text_input(key="cy_p_k").value == "school"


def test_result_graph_opens_paths_and_id_chains(zeeland_db):
    from graph.projection import to_networkx
    from graph.results import display_value, result_graph
    from graph.store.ladybug import LadybugStore

    with LadybugStore(zeeland_db, read_only=True) as s:
        G = to_networkx(s)
        cols, rows, _ = s.read(
            "MATCH p = (a:Organisation)-[:PARTNER_IN* 4..4]-(b:Organisation) "
            "WHERE a.name = $a AND b.name = $b RETURN p", {"a": A, "b": B},
            timeout_s=20, max_rows=5)
    assert rows
    R = result_graph(cols, rows, G)
    names = {R.nodes[n].get("name") for n in R}
    assert {A, B} <= names and R.number_of_edges() == 4
    assert all(R[u][v]["rels"] == ["PARTNER_IN"] for u, v in R.edges())
    assert display_value(rows[0]["p"]).split(" > ")[0] == A
    ids = [n for n in G if G.nodes[n].get("name") in (A, B)]
    chain = f"{ids[0]} > {next(iter(G[ids[0]]))}"
    C = result_graph(["id_keten"], [{"id_keten": chain}], G)
    assert C.number_of_nodes() == 2 and C.number_of_edges() == 1
    assert result_graph(["x"], [{"x": "geen > knopen"}], G).number_of_nodes() == 0
