"""Unit tests of what the explorer shows, without Streamlit: graph/entities.py,
view.py (filters, aggregation), layout.py, netpage.py, tables.py, results.py,
loaders/review.py and app/markup.py."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from queries_common import demo_counts

from app.markup import WORD_JOINER, md_escape
from graph import entities, layout, netpage, results, tables, view
from graph.view import ViewFilter
from loaders import review

XSS = "<img src=x onerror=alert(1)>"


# --------------------------------------------------------------------------- fixtures


def small_projection() -> nx.MultiDiGraph:
    """A hand-made projection: two schools, a care provider, a hostile name, an
    initiative, an event, a person, a region and two documents."""
    G = nx.MultiDiGraph()
    G.add_node("doc:1", label="Document", name="Nieuws <b>1</b>", kind="document",
               date="2017-05-01", source="x")
    G.add_node("doc:2", label="Document", name="Nieuws 2", kind="document", date="2019-02-01",
               source="y")
    G.add_node("org:school:a", label="Organisation", name="ROC Alfa", kind="school",
               place="Zwolle", province="Overijssel", aliases=["Alfa"])
    G.add_node("org:school:b", label="Organisation", name="Hogeschool Beta", kind="school",
               place="Utrecht", province="Utrecht", aliases=[])
    G.add_node("org:care_provider:c", label="Organisation", name="Zorg Gamma",
               kind="care_provider", place="Zwolle", province="Overijssel", aliases=[])
    G.add_node("org:care_provider:x", label="Organisation", name=XSS, kind="care_provider",
               place="Zwolle", province="Overijssel", aliases=[XSS + "2"])
    G.add_node("ini:lab", label="Initiative", name="Zorglab", kind="initiative",
               start_date="2017-01-01", aliases=[])
    G.add_node("event:dag", label="Event", name="Werkdag", kind="event", date="2019-01-15",
               aliases=[])
    G.add_node("person:p", label="Person", name="Piet", kind="person", aliases=[])
    G.add_node("region:zwolle", label="Region", name="Zwolle", kind="region",
               level="municipality", province="Overijssel", aliases=[])

    def rel(u, v, r, doc, sentence, date=None):
        G.add_edge(u, v, key=f"{r}|{doc}", rel=r, doc=doc, sentence=sentence,
                   locator="zin 1", date=date, confidence=1.0)

    rel("org:school:a", "ini:lab", "PARTNER_IN", "doc:1", "Alfa doet mee aan het lab.")
    rel("org:care_provider:c", "ini:lab", "PARTNER_IN", "doc:1", "Gamma ook.")
    rel("org:care_provider:x", "ini:lab", "PARTNER_IN", "doc:1",
        f"{XSS} tekent <script>alert(2)</script>.")
    rel("org:school:b", "event:dag", "PARTICIPATED_IN", "doc:2", "Beta was op de werkdag.")
    rel("org:school:a", "event:dag", "PARTICIPATED_IN", "doc:2", "Alfa ook.")
    rel("person:p", "org:school:a", "AFFILIATED_WITH", "doc:2", "Piet werkt bij Alfa.")
    rel("org:school:a", "region:zwolle", "LOCATED_IN", "doc:1", "Alfa zit in Zwolle.")
    G.add_edge("org:school:a", "doc:1", key="MENTIONED_IN|doc:1", rel="MENTIONED_IN",
               doc="doc:1", mentions=["Alfa"])
    G.add_edge("org:school:a", "org:school:b", key="JUDGED|team", rel="JUDGED", doc="team",
               verdict="interessant")
    return G


@pytest.fixture(scope="module")
def G():
    return small_projection()


@pytest.fixture(scope="module")
def E(G):
    return entities.entity_graph(G)


# --------------------------------------------------------------------------- entity graph


def test_entity_graph_keeps_evidence_and_drops_documents(E):
    assert "doc:1" not in E and "region:zwolle" in E
    assert E.nodes["org:school:a"]["type"] == "school"
    assert E.nodes["org:school:a"]["sector"] == "onderwijs"
    assert "province:Overijssel" in E.nodes["org:school:a"]["regions"]
    ev = E["org:school:a"]["ini:lab"]["evidence"]
    assert ev[0]["sentence"] == "Alfa doet mee aan het lab."
    assert ev[0]["date"] == "2017-05-01"          # the document's date
    assert not E.has_edge("org:school:a", "org:school:b")   # JUDGED is not evidence
    assert E.graph["documents"]["doc:1"]["name"] == "Nieuws <b>1</b>"


def test_entity_graph_of_the_demo(demo_graph):
    E = entities.entity_graph(demo_graph)
    orgs = [n for n, d in E.nodes(data=True) if d["label"] == "Organisation"]
    assert len(orgs) == demo_counts()[0] >= 300
    assert all(d["label"] != "Document" for _, d in E.nodes(data=True))
    assert all(e["evidence"] for *_, e in E.edges(data=True))


# --------------------------------------------------------------------------- filters


def test_kind_filter_reduces_nodes(E):
    all_ = view.filter_graph(E, ViewFilter())
    schools = view.filter_graph(E, ViewFilter(kinds=("school",)))
    assert set(schools) == {"org:school:a", "org:school:b"}
    assert schools.number_of_nodes() < all_.number_of_nodes()
    assert "region:zwolle" not in all_                # regions are not drawn by default


def test_region_filter_keeps_the_regions_network(E):
    H = view.filter_graph(E, ViewFilter(regions=("province:Utrecht",)))
    assert "org:school:b" in H and "event:dag" in H       # Beta and its event
    assert "org:school:a" not in H and "org:care_provider:c" not in H


def test_initiative_and_min_degree_filters(E):
    H = view.filter_graph(E, ViewFilter(initiative="ini:lab"))
    assert set(H) == {"ini:lab", "org:school:a", "org:care_provider:c", "org:care_provider:x"}
    H = view.filter_graph(E, ViewFilter(min_degree=3))
    assert set(H) == {"org:school:a", "ini:lab"}


def test_period_filter(E):
    early = view.filter_graph(E, ViewFilter(start="2016", end="2018"))
    assert "event:dag" not in early and "ini:lab" in early
    assert not early.has_edge("person:p", "org:school:a")    # stated in 2019
    late = view.filter_graph(E, ViewFilter(start="2019-01-01"))
    assert "event:dag" in late


def test_cluster_filter_spreads_membership(E):
    mem = {"org:school:a": 0, "org:care_provider:c": 0, "org:school:b": 1}
    H = view.filter_graph(E, ViewFilter(clusters=("1",)), mem)
    assert "org:school:b" in H and "org:school:a" not in H
    assert entities.spread_membership(E, mem)["ini:lab"] == 0


@pytest.mark.parametrize("hops,expected", [(1, 2), (2, 3), (3, 4), (7, 4)])
def test_ego_network_hop_counts(hops, expected):
    P = nx.path_graph(10)
    assert view.ego_network(P, 0, hops).number_of_nodes() == expected
    assert view.ego_network(P, 5, 1).number_of_nodes() == 3
    assert view.ego_network(P, "absent", 2).number_of_nodes() == 0


def test_build_view_ego_and_missing_focus(E):
    V = view.build_view(E, ViewFilter(focus="person:p", hops=1))
    assert set(V.graph) == {"person:p", "org:school:a"}
    V = view.build_view(E, ViewFilter(kinds=("school",), focus="person:p", hops=2))
    assert V.focus_missing and "person:p" in V.graph


def test_filter_params_round_trip():
    f = ViewFilter(regions=("province:Utrecht", "municipality:Zwolle"), kinds=("school",),
                   initiative="ini:lab", clusters=("2",), start="2017", end="2019-06-30",
                   keep_undated=False, min_degree=3, focus="org:school:a", hops=3)
    assert ViewFilter.from_params(f.as_params()) == f
    assert ViewFilter.from_params({"kind": "nonsense,school", "hops": "9", "min_degree": "x"}) \
        == ViewFilter(kinds=("school",), hops=3)


# --------------------------------------------------------------------------- aggregation


def big_entity_graph(n: int = 620) -> nx.Graph:
    E = nx.Graph(documents={})
    provinces = ["Utrecht", "Zeeland", "Limburg"]
    for i in range(n):
        p = provinces[i % 3]
        E.add_node(f"o{i}", label="Organisation", name=f"Org {i}", type="school",
                   sector="onderwijs", province=p, regions=[f"province:{p}"])
    for i in range(n - 1):
        E.add_edge(f"o{i}", f"o{i + 1}", rels=["PARTNER_IN"], evidence=[], weight=1)
    return E


def test_aggregation_kicks_in_above_the_limit():
    E = big_entity_graph(620)
    V = view.build_view(E, ViewFilter(), limit=500)
    assert V.aggregated and V.group_by == "province"
    assert V.n_filtered == 620
    assert set(V.graph) == {"province:Utrecht", "province:Zeeland", "province:Limburg"}
    assert sum(d["size"] for _, d in V.graph.nodes(data=True)) == 620
    assert V.graph["province:Utrecht"]["province:Zeeland"]["weight"] > 0
    assert V.filtered.number_of_nodes() == 620          # what the export gets
    small = view.build_view(E, ViewFilter(), limit=1000)
    assert not small.aggregated and small.graph.number_of_nodes() == 620


def test_aggregation_by_cluster_inside_a_province():
    E = big_entity_graph(600)
    mem = {f"o{i}": i // 200 for i in range(600)}
    # the province is fixed by the filter, so the next level (clusters) groups it
    V = view.build_view(E, ViewFilter(regions=("province:Utrecht",)), mem, limit=100,
                        names={"0": "Noord"})
    assert V.group_by == "cluster"
    assert {d["name"] for _, d in V.graph.nodes(data=True)} >= {"Noord"}
    html, info = netpage.network_html(V.graph)
    assert info["nodes"] == 3 and "Noord\\n67" in html      # the label says what is inside


# --------------------------------------------------------------------------- drawing


def test_network_html_escapes_every_name_and_sentence(E):
    H = view.filter_graph(E, ViewFilter())
    html, info = netpage.network_html(H)
    assert info["nodes"] == H.number_of_nodes() and info["edges"] == H.number_of_edges()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html           # escaped tooltip
    assert "<img src=x" not in html and "<img src=\"x\"" not in html  # no raw tag anywhere
    assert "<script>alert(2)" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "Nieuws &lt;b&gt;1&lt;/b&gt;" in html                    # document names too


def test_network_html_is_offline(E):
    html, _ = netpage.network_html(view.filter_graph(E, ViewFilter()))
    assert not re.search(r"<script[^>]+src=", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html, re.I)
    assert "@import" not in html
    assert "vis.Network" in html and '"physics": {"enabled": false}' in html


def test_network_html_positions_come_from_a_layout(E):
    H = view.filter_graph(E, ViewFilter())
    html, _ = netpage.network_html(H)
    nodes = re.search(r"var nodeData = (\[.*?\]);\n", html, re.S).group(1)
    assert nodes.count('"x":') == H.number_of_nodes()
    pos1, pos2 = layout.layout(H, seed=3), layout.layout(H, seed=3)
    assert pos1 == pos2 and set(pos1) == set(H)


def test_betweenness_sizes_state_the_sample():
    H = nx.path_graph(300)
    nx.set_node_attributes(H, "school", "type")
    _, info = netpage.network_html(H, size_by="betweenness")
    assert info["sample"] == 200


# --------------------------------------------------------------------------- overview etc.


def test_key_figures_and_growth(G, demo_graph):
    kf = tables.key_figures(demo_graph)
    n_orgs, n_sources = demo_counts()
    assert kf["organisations"] == n_orgs and kf["documents"] == n_sources
    assert sum(kf["kinds"].values()) == n_orgs
    g = tables.growth_table(G)
    assert list(g["year"]) == ["2017", "2018", "2019"]
    assert g["organisations"].iloc[-1] == 4 and g.attrs["undated"] == 0
    assert list(g["documents"]) == [1, 0, 1]


def test_map_points_are_placed_and_escaped(G):
    pts = tables.map_points(G)
    zw = [p for p in pts if p["place"] == "Zwolle"]
    assert zw and all(p["lat"] and 52 < p["lat"] < 53 for p in zw)
    assert all("<img" not in p["hover"] for p in pts)
    assert any("&lt;img" in p["hover"] for p in pts)


def test_region_matrices(E):
    hm = tables.region_sector_matrix(E)
    assert hm.loc["Overijssel", "onderwijs"] == 1 and hm.loc["Overijssel", "zorg"] == 2
    C = nx.Graph()
    C.add_node("a", province="Utrecht")
    C.add_node("b", province="Zeeland")
    C.add_edge("a", "b")
    tm = tables.region_tie_matrix(C)
    assert tm.loc["Utrecht", "Zeeland"] == tm.loc["Zeeland", "Utrecht"] == 1


def test_profile_relations_and_documents(G):
    p = tables.entity_profile(G, "org:school:a")
    assert p["name"] == "ROC Alfa" and p["aliases"] == ["Alfa"] and p["province"] == "Overijssel"
    rows = tables.relation_rows(G, "org:school:a")
    assert {r["relation"] for r in rows} == {"PARTNER_IN", "PARTICIPATED_IN",
                                              "AFFILIATED_WITH", "LOCATED_IN"}
    assert all(r["relation"] not in ("MENTIONED_IN", "JUDGED") for r in rows)
    aff = [r for r in rows if r["relation"] == "AFFILIATED_WITH"][0]
    assert aff["direction"] == "←" and aff["other_name"] == "Piet"
    assert aff["sentence"] == "Piet werkt bij Alfa." and aff["document"] == "Nieuws 2"
    docs = tables.document_rows(G, "org:school:a")
    assert [d["doc"] for d in docs] == ["doc:1", "doc:2"]
    assert docs[0]["mentions"] == ["Alfa"]


def test_search_nodes(E):
    assert entities.search_nodes(E, "alfa")[0][0] == "org:school:a"
    assert entities.search_nodes(E, "zzz") == []
    assert entities.search_nodes(E, "") == []


def test_export_graph_is_scalar(E):
    from graph.export import export_bytes

    X = entities.export_graph(view.filter_graph(E, ViewFilter()))
    data = export_bytes(X, "graphml").decode()
    assert "Alfa doet mee aan het lab." in data and "PARTNER_IN" in data
    assert export_bytes(X, "gexf") and export_bytes(X, "csv")[:2] == b"PK"


# --------------------------------------------------------------------------- console


def test_result_graph_from_a_console_query(demo_lb, demo_graph):
    cols, rows, _ = demo_lb.read(
        "MATCH (o:Organisation)-[r:PARTNER_IN]->(i:Initiative) RETURN o, r, i LIMIT 5")
    R = results.result_graph(cols, rows, demo_graph)
    assert R.number_of_edges() >= 1 and R.number_of_nodes() >= 2
    assert all(e["rels"] == ["PARTNER_IN"] for *_, e in R.edges(data=True))
    cols, rows, _ = demo_lb.read("MATCH (o:Organisation)-[:PARTNER_IN]->(i) "
                                 "RETURN o.id AS src, i.id AS dst LIMIT 3")
    assert results.result_graph(cols, rows, demo_graph).number_of_edges() >= 1
    cols, rows, _ = demo_lb.read("MATCH (o:Organisation) RETURN o.name AS n LIMIT 3")
    assert results.result_graph(cols, rows, demo_graph).number_of_nodes() == 0
    assert results.display_value({"_ID": 1, "_LABEL": "X", "name": "a"}) == '(X) {"name": "a"}'


# --------------------------------------------------------------------------- loading review


def _batch():
    from loaders.rows import Batch, DocumentRow, EntityRow, MentionRow, RelationRow

    doc = DocumentRow(source="/tmp/zorgnet-upload-123/partners.csv", title="partners.csv",
                      checksum="abc")
    a = EntityRow("ROC Alfa", "school", [], {"place": "Zwolle"})
    b = EntityRow("Nieuw Lab", "initiative")
    c = EntityRow("Foutje", "company")
    rels = [RelationRow(a.id, "PARTNER_IN", b.id, doc.id, "Alfa in lab"),
            RelationRow(c.id, "PARTNER_IN", b.id, doc.id, "Foutje in lab")]
    ments = [MentionRow(a.id, doc.id, ["Alfa"]), MentionRow(c.id, doc.id, ["Foutje"])]
    return Batch(documents=[doc], entities=[a, b, c], relations=rels, mentions=ments)


def test_review_rows_suggest_merges(G):
    rows = review.review_rows([_batch()], G)
    by = {r["name"]: r for r in rows}
    assert by["ROC Alfa"]["merge_with"] == "org:school:a"   # same name as a stored one
    assert by["Foutje"]["merge_with"] == ""
    assert by["Nieuw Lab"]["relations"] == 2 and all(r["accept"] for r in rows)


def test_apply_review_drop_change_and_merge(G):
    b = _batch()
    rows = review.review_rows([b], G)
    by = {r["name"]: r for r in rows}
    by["Foutje"]["accept"] = False
    by["Nieuw Lab"]["merge_with"] = "ini:lab"
    by["ROC Alfa"]["type"] = "knowledge_institute"
    by["ROC Alfa"]["merge_with"] = ""
    out = review.apply_review([b], list(by.values()), G)[0]
    ids = {e.id for e in out.entities}
    assert not any("foutje" in i for i in ids)
    assert "org:knowledge_institute:roc-alfa" in ids and "ini:lab" in ids
    lab = [e for e in out.entities if e.id == "ini:lab"][0]
    assert "Nieuw Lab" in lab.aliases and lab.name == "Zorglab"
    assert [(r.src, r.dst) for r in out.relations] == [("org:knowledge_institute:roc-alfa",
                                                        "ini:lab")]
    assert {m.entity for m in out.mentions} == {"org:knowledge_institute:roc-alfa"}
    out.validate()
    assert len(b.entities) == 3                           # input untouched


def test_rebase_source_gives_uploads_a_stable_document_id():
    b1 = review.rebase_source(_batch(), "upload:partners.csv")
    b2 = review.rebase_source(_batch(), "upload:partners.csv")
    assert b1.documents[0].id == b2.documents[0].id
    assert b1.documents[0].source == "upload:partners.csv"
    assert {r.doc for r in b1.relations} == {b1.documents[0].id}
    assert {m.doc for m in b1.mentions} == {b1.documents[0].id}


def _tables(folder, with_a: bool = True):
    """Graph tables citing sources A and B (or, without A, only B)."""
    folder.mkdir(parents=True, exist_ok=True)
    ents = ["naam,type,bron", "Beta College,school,B",
            f"Lab Noord,initiative,{'A|B' if with_a else 'B'}"]
    rels = ["van,relatie,naar,bron,toelichting",
            "Beta College,PARTNER_IN,Lab Noord,B,beta doet mee"]
    srcs = ["bron,titel,url", "B,Verslag B,"]
    if with_a:
        ents.insert(1, "Alfa ROC,school,A")
        rels.append("Alfa ROC,PARTNER_IN,Lab Noord,A,alfa doet mee")
        srcs.insert(1, "A,Verslag A,")
        srcs.append("C,Webpagina C,https://example.invalid/c")
        rels.append("Alfa ROC,FUNDED_BY,Beta College,C,")
    for name, lines in (("entiteiten.csv", ents), ("relaties.csv", rels),
                        ("bronnen.csv", srcs)):
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_rebase_source_replaces_the_temporary_prefix_per_source(tmp_path):
    from loaders.sources import read_source

    folder = _tables(tmp_path / "zorgnet-upload-1" / "graaftabellen")
    b = review.rebase_source(read_source(str(folder)), "upload:entiteiten.csv",
                           prefix={str(folder), str(folder.resolve())})
    by_source = {d.source: d for d in b.documents}
    assert set(by_source) == {"upload:entiteiten.csv#A", "upload:entiteiten.csv#B",
                              "https://example.invalid/c"}      # a source's own URL stays
    ids = {d.id for d in b.documents}
    assert {r.doc for r in b.relations} <= ids and {m.doc for m in b.mentions} <= ids
    from loaders.rows import DocumentRow

    for src, d in by_source.items():                   # ids follow the new source
        assert d.id == DocumentRow(source=src, title="", checksum="").id
    # without a prefix: the part before the first '#' of the documents' sources
    again = review.rebase_source(read_source(str(folder)), "upload:entiteiten.csv")
    assert {d.source for d in again.documents} == set(by_source)


def test_rebase_after_removing_a_source_keeps_evidence_on_its_own_document(tmp_path, lb_store):
    """Sheet with sources A and B, then the same sheet without A: B's evidence stays
    on B's document (no renumbering that moves it onto A's)."""
    from loaders.rows import DocumentRow
    from loaders.sources import read_source

    def upload(folder):
        b = read_source(str(folder))
        return review.rebase_source(b, "upload:tabellen.xlsx",
                                  prefix={str(folder), str(folder.resolve())})

    lb_store.load([upload(_tables(tmp_path / "v1"))])
    lb_store.load([upload(_tables(tmp_path / "v2", with_a=False))])
    doc = {x: DocumentRow(source=f"upload:tabellen.xlsx#{x}", title="", checksum="").id
           for x in "AB"}
    rows = lb_store.query("MATCH (a)-[r:PARTNER_IN]->(b) RETURN a.name AS a, r.doc AS doc")
    evidence: dict[str, set] = {}
    for r in rows:
        evidence.setdefault(r["a"], set()).add(r["doc"])
    assert evidence["Beta College"] == {doc["B"]}
    assert evidence["Alfa ROC"] == {doc["A"]}          # A's evidence was not overwritten
    docs = {r["id"] for r in lb_store.query("MATCH (d:Document) RETURN d.id AS id")}
    assert {doc["A"], doc["B"]} <= docs


def test_md_escape_neutralises_markdown():
    wj = WORD_JOINER
    hostile = "![x](https://example.invalid/p.png) **vet** [klik](javascript:alert(1))"
    out = md_escape(hostile)
    assert "![" not in out and "](" not in out and "**" not in out
    assert out.startswith(f"\\!\\[x\\]\\(https\\:{wj}//example\\.invalid/p\\.png\\)")
    # unescaping (and dropping the invisible joiners) gives the text back
    assert re.sub(r"\\(.)", r"\1", out).replace(wj, "") == hostile
    for ch in "\\`*_{}[]()#+-.!|<>~&$:":
        assert md_escape(ch) == "\\" + ch
    assert md_escape("Zorg & Co $5") == "Zorg \\& Co \\$5"
    # no block can start inside a value: headings, lists, quotes, code, new lines
    assert md_escape("# Kop") == "\\# Kop"
    assert md_escape("- item") == "\\- item"
    assert md_escape("1. item") == "1\\. item"
    assert md_escape("> quote") == "\\> quote"
    assert md_escape("    code") == "code"
    assert md_escape("a\n# b\r\nc") == "a \\# b c"
    # bare links and icons, which Streamlit finds after parsing, get a word joiner
    assert md_escape("www.zorg.nl") == f"www{wj}\\.zorg\\.nl"
    assert md_escape("info@zorg.nl") == f"info{wj}\\@zorg\\.nl"
    assert md_escape("http://zorg.nl") == f"http\\:{wj}//zorg\\.nl"
    assert md_escape(":material/home:") == f"\\:{wj}material/home\\:"
    assert md_escape(None) == "" and md_escape(["a*", "b"]) == "a\\*, b"
    assert md_escape("Landstede Groep") == "Landstede Groep"


def test_markup_doctests():
    import doctest

    import app.markup

    assert doctest.testmod(app.markup).failed == 0
