"""The Streamlit app, page by page, with ``streamlit.testing.v1.AppTest``.

Every test points ``ZORGNET_DB`` at a temporary LadybugDB holding the demo (the app
opens the store through :func:`graph.store.open_store`, which reads it). Tests that
write (a verdict, a load) get their own copy. Caches and the app's store are
released after each test so the next one opens the database afresh.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from queries_common import demo_counts

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PAGES = ("overzicht", "netwerk", "clusters", "regios", "verbindingen", "profiel", "cypher",
         "laden", "export")
XSS = "<img src=x onerror=alert(1)>"


def _make_db(path: Path) -> Path:
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    with LadybugStore(path) as s:
        s.load(demo_batches())
    return path


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A demo database the read-only tests share (the app never writes there)."""
    return _make_db(tmp_path_factory.mktemp("appdemo") / "demo.lbug")


def _release():
    import streamlit as st

    st.cache_resource.clear()      # closes the app's store (on_release)
    st.cache_data.clear()


@pytest.fixture
def use_db(monkeypatch):
    """Point the app at a database; release the app's store afterwards."""
    def use(path: Path) -> Path:
        monkeypatch.setenv("ZORGNET_DB", str(path))
        return path

    _release()
    yield use
    _release()


@pytest.fixture
def fresh_db(tmp_path, demo_db, use_db):
    """A private copy of the demo database (for tests that write)."""
    dst = tmp_path / "own.lbug"
    if demo_db.is_dir():
        shutil.copytree(demo_db, dst)
    else:
        shutil.copyfile(demo_db, dst)
        wal = demo_db.with_name(demo_db.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, dst.with_name(dst.name + ".wal"))
    return use_db(dst)


def open_page(page: str, *, params: dict | None = None, lang: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if lang:
        at.session_state["lang"] = lang
    if page != "overzicht":
        at.switch_page(f"app/pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def node_count(at) -> int:
    for c in at.caption:
        m = re.match(r"(\d+) (knopen|nodes) ", c.value)
        if m:
            return int(m.group(1))
    raise AssertionError("no node-count caption: " + repr([c.value for c in at.caption]))


# --------------------------------------------------------------------------- every page


def _demo_kinds() -> dict:
    import csv
    from collections import Counter

    from loaders.demo import DEMO_DIR

    with (DEMO_DIR / "entiteiten.csv").open(encoding="utf-8") as f:
        return Counter(r["type"] for r in csv.DictReader(f))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page, demo_db, use_db):
    use_db(demo_db)
    params = {"id": "org:school:landstede-groep"} if page == "profiel" else None
    at = open_page(page, params=params)
    assert not at.error, [e.value for e in at.error]
    texts = " ".join([x.value for x in at.title] + [x.value for x in at.markdown]
                     + [x.value for x in at.caption] + [x.value for x in at.subheader]
                     + [x.value for x in at.header])
    if page == "overzicht":
        metrics = {m.label: m.value for m in at.metric}
        n_orgs, n_sources = demo_counts()                # the demo, counted in the store
        assert metrics["Organisaties"] == f"{n_orgs}" and metrics["Documenten"] == f"{n_sources}"
        assert metrics["Provincies"] == "12 / 12"
    elif page == "netwerk":
        # the national demo has more than view.NODE_LIMIT entities: drawn as groups
        assert node_count(at) >= 12
        assert any("getekend als groepen per provincie" in c.value for c in at.caption)
        assert len(at.download_button) == 5            # GraphML, GEXF, CSV, SVG, PNG
    elif page == "clusters":
        assert "clusters gevonden" in texts and "modulariteit" in texts
        assert len(at.dataframe) >= 2                   # clusters and broker tables
        assert any("steekproef" in c.value or "Exact" in c.value for c in at.caption)
    elif page == "regios":
        assert any(p.label.startswith("Overijssel") for p in at.page_link)
        assert "Gaten in het netwerk" in texts
    elif page == "verbindingen":
        assert any(b.key and b.key.startswith("lk_yes_") for b in at.button)
    elif page == "profiel":
        assert any("Landstede Groep" in h.value for h in at.header)
        assert len(at.dataframe) == 2                   # relations and documents
    elif page == "cypher":
        assert at.selectbox(key="cy_name").value
    elif page == "laden":
        assert len(at.get("file_uploader")) == 1
    elif page == "export":
        assert len(at.download_button) == 8


def test_english_interface(demo_db, use_db):
    use_db(demo_db)
    at = open_page("overzicht", lang="en")
    assert at.title[0].value == "Overview of the Zorgpact network"
    assert {m.label for m in at.metric} >= {"Organisations", "Initiatives"}


def test_i18n_dicts_have_the_same_keys_and_cover_the_app():
    from app.i18n import EN, NL

    assert set(NL) == set(EN)
    used = set()
    for f in [ROOT / "streamlit_app.py", *(ROOT / "app").rglob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z_.]+)["']""", f.read_text()))
    missing = sorted(k for k in used if k not in NL)
    assert not missing, missing


# --------------------------------------------------------------------------- network


def test_kind_filter_reduces_the_drawn_network(demo_db, use_db):
    use_db(demo_db)
    at = open_page("netwerk")
    before = node_count(at)
    at.multiselect(key="net_kind").set_value(["school"]).run()
    assert not at.exception
    after = node_count(at)
    # every school of the demo (117, below the node limit) instead of the grouped overview
    assert before >= 12 and after == _demo_kinds()["school"] == 117
    assert at.query_params["kind"] in ("school", ["school"])   # the view is in the URL


def test_network_filters_come_from_the_url(demo_db, use_db):
    use_db(demo_db)
    at = open_page("netwerk", params={"kind": "school,government"})
    kinds = _demo_kinds()
    assert node_count(at) == kinds["school"] + kinds["government"] == 480
    at = open_page("netwerk", params={"region": "province:Overijssel"})
    assert 0 < node_count(at) < 480
    at = open_page("netwerk", params={"node": "org:school:landstede-groep", "hops": "1"})
    assert node_count(at) == 4
    assert any("Landstede Groep" in m.value for m in at.markdown)


# --------------------------------------------------------------------------- cypher


def test_cypher_runs_a_named_query(demo_db, use_db):
    use_db(demo_db)
    at = open_page("cypher")
    names = at.selectbox(key="cy_name").options
    assert any("partners_van_initiatief" in o for o in names)
    sb = at.selectbox(key="cy_name")
    target = [o for o in sb.options if "partners_van_initiatief" in o][0]
    sb.select(target).run()
    assert at.text_input(key="cy_p_initiative").value == "ini:zorgpact-flevoland"
    at.button(key="cy_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    df = at.dataframe[0].value
    assert len(df) == 3 and "organisatie" in df.columns
    assert any(re.match(r"3 rij", c.value) for c in at.caption)


def test_cypher_refuses_writes_with_an_error(demo_db, use_db):
    use_db(demo_db)
    at = open_page("cypher")
    at.text_area(key="cy_text").set_value("MATCH (n:Organisation) DETACH DELETE n").run()
    at.button(key="cy_run").click().run()
    assert not at.exception
    assert at.error and "alleen lezen" in at.error[0].value
    at.text_area(key="cy_text").set_value("MATCH (n:Organisation RETURN n").run()
    at.button(key="cy_run").click().run()
    assert not at.exception and at.error                 # a syntax error: message, no trace
    at = open_page("overzicht")
    assert {m.label: m.value for m in at.metric}["Organisaties"] == f"{demo_counts()[0]}"


# --------------------------------------------------------------------------- verdicts


def test_a_verdict_leaves_the_open_list_and_survives_a_restart(fresh_db):
    at = open_page("verbindingen")
    yes = [b for b in at.button if b.key and b.key.startswith("lk_yes_")]
    n_open = int(re.search(r"\((\d+)\)", at.tabs[0].label).group(1))
    key = yes[0].key
    yes[0].click().run()
    assert not at.exception
    assert any("Oordeel opgeslagen" in s.value for s in at.success)
    assert key not in {b.key for b in at.button}
    assert at.tabs[0].label == f"Open ({n_open - 1})"
    assert len(at.dataframe[0].value) == 1              # the judged tab

    _release()                                          # close the store: a restart
    at = open_page("verbindingen")
    assert key not in {b.key for b in at.button}
    assert len(at.dataframe[0].value) == 1

    _release()
    from graph.store.ladybug import LadybugStore

    with LadybugStore(fresh_db) as s:
        rows = s.query("MATCH ()-[r:JUDGED]->() RETURN r.verdict AS v")
    assert [r["v"] for r in rows] == ["interessant"]


# --------------------------------------------------------------------------- loading


def test_upload_review_and_write(fresh_db, tmp_path):
    good = ("organisatie,soort,plaats,initiatief\n"
            f"{XSS},zorgaanbieder,Zwolle,Zorgtrainingscentrum Zwolle\n"
            "Kennislab Test,kennisinstituut,Utrecht,Zorgtrainingscentrum Zwolle\n").encode()
    at = open_page("laden")
    up = at.get("file_uploader")[0]
    up.set_value([("partners.csv", good, "text/csv"),
                  ("kapot.xlsx", b"this is no workbook", "application/octet-stream")])
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("kapot\\.xlsx" in e.value for e in at.error)     # one error per bad file
    assert not any("partners" in e.value for e in at.error)
    editor = at.data_editor[0].value
    assert XSS in set(editor["name"]) and "Kennislab Test" in set(editor["name"])
    at.button(key="ld_write").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Geladen" in s.value for s in at.success), [e.value for e in at.error]

    at = open_page("overzicht")
    assert {m.label: m.value for m in at.metric}["Organisaties"] == f"{demo_counts()[0] + 2}"
    at = open_page("profiel", params={"id": "org:care_provider:img-src-x-onerror-alert-1"})
    assert at.header[0].value == "\\<img src=x onerror=alert\\(1\\)\\>"   # escaped markdown


# --------------------------------------------------------------------------- no Cypher in app/


def test_the_app_holds_no_cypher():
    """Hand-written Cypher lives in cypher/*.cypher; the app calls store methods and
    named queries. Only the console's editable default text may look like Cypher."""
    found = []
    for f in [ROOT / "streamlit_app.py", *(ROOT / "app").rglob("*.py")]:
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b(MATCH|RETURN)\b", line) and not line.startswith("DEFAULT_TEXT ="):
                found.append(f"{f.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not found, found


def test_state_uses_store_versions_and_the_named_verdict_query(tmp_path):
    from app import state
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches

    with LadybugStore(tmp_path / "v.lbug") as s:
        s.load(demo_batches())
        seen = []
        query = s.query
        s.query = lambda text, params=None: (seen.append(text), query(text, params))[1]
        v0, j0 = state.store_version(s), state.judged_version(s)
        assert v0 == s.version() and j0 == s.judged_version()
        assert state.judged(s) == []
        s.judge("org:school:landstede-groep", "org:care_provider:cordaan", "interessant",
                by="tester", note="bellen")
        assert state.store_version(s) == v0                # a verdict is no new data
        assert state.judged_version(s) != j0
        rows = state.judged(s)
        assert [(r["source"], r["target"], r["verdict"], r["judged_by"], r["note"])
                for r in rows] == [("org:school:landstede-groep", "org:care_provider:cordaan",
                                    "interessant", "tester", "bellen")]
        assert rows[0]["source_name"] == "Landstede Groep" and rows[0]["target_name"] == "Cordaan"
        from graph.queries import get_query

        named = get_query("beoordelingen").text_for(s.engine)
        assert seen and all(text == named for text in seen)    # only the named query


# --------------------------------------------------------------------------- uploads


def _upload(at, files):
    at.get("file_uploader")[0].set_value(files)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _write(at):
    at.button(key="ld_write").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Geladen" in s.value for s in at.success), [e.value for e in at.error]


def _upload_docs(db: Path, prefix: str) -> dict[str, tuple[str, int]]:
    """source -> (checksum, number of mentions) of the stored documents."""
    _release()
    from graph.store.ladybug import LadybugStore

    with LadybugStore(db) as s:
        docs = s.query("MATCH (d:Document) WHERE d.source STARTS WITH $p "
                       "RETURN d.id AS id, d.source AS source, d.checksum AS checksum",
                       {"p": prefix})
        out = {}
        for d in docs:
            n = s.query("MATCH (e)-[:MENTIONED_IN]->(d:Document {id: $id}) RETURN count(e) AS c",
                        {"id": d["id"]})[0]["c"]
            out[d["source"]] = (d["checksum"], n)
    return out


V1 = "Landstede Groep en Cordaan starten samen het Zorglab Zwolle in Zwolle.\n".encode()
V2 = "Deltion College en Isala werken samen in het Zorglab Zwolle.\n".encode()


def _sha(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def _dup_radio(at):
    return [r for r in at.radio if r.key and r.key.startswith("ld_dup_")]


@pytest.mark.parametrize("choice", ["new", "replace"])
def test_upload_with_a_used_name_asks_replace_or_add(fresh_db, choice):
    at = _upload(open_page("laden"), [("verslag.txt", V1, "text/plain")])
    assert not _dup_radio(at) and not at.warning                # a new name: no question
    _write(at)
    first = _upload_docs(fresh_db, "upload:verslag.txt")
    assert set(first) == {"upload:verslag.txt"} and first["upload:verslag.txt"][1] > 0

    # the same file again: skipped by the store, and the page says so
    at = _upload(open_page("laden"), [("verslag.txt", V1, "text/plain")])
    assert not _dup_radio(at) and not at.warning
    assert any("verslag\\.txt" in i.value and "ongewijzigd" in i.value for i in at.info)

    # another file with the same name: a warning naming it and a choice
    at = _upload(open_page("laden"), [("verslag.txt", V2, "text/plain")])
    assert any("verslag\\.txt" in w.value for w in at.warning), [w.value for w in at.warning]
    [radio] = _dup_radio(at)
    assert radio.value == "new"                                 # the default: keep both
    assert radio.options == ["voeg toe als nieuw document",
                             "vervang de eerdere versie (het bewijs daarvan wordt vervangen)"]
    if choice == "replace":
        radio.set_value("replace").run()
    _write(at)

    docs = _upload_docs(fresh_db, "upload:verslag.txt")
    if choice == "new":
        new_src = f"upload:verslag.txt#{_sha(V2)[:8]}"
        assert set(docs) == {"upload:verslag.txt", new_src}
        assert docs["upload:verslag.txt"] == first["upload:verslag.txt"]   # evidence kept
        assert docs[new_src][0] == _sha(V2) and docs[new_src][1] > 0
    else:
        assert set(docs) == {"upload:verslag.txt"}
        checksum, n = docs["upload:verslag.txt"]
        assert checksum == _sha(V2) and checksum != first["upload:verslag.txt"][0] and n > 0


def test_upload_graph_tables_as_three_csvs(fresh_db):
    ents = ("naam,type,plaats,bron\n"
            "Alfa Zorg,care_provider,Zwolle,A\n"
            "Beta College,school,Zwolle,B\n"
            "Lab Noord,initiative,,A|B\n").encode()
    rels = ("van,relatie,naar,bron,toelichting\n"
            "Alfa Zorg,PARTNER_IN,Lab Noord,A,alfa doet mee\n"
            "Beta College,PARTNER_IN,Lab Noord,B,beta doet mee\n").encode()
    srcs = "bron,titel,datum\nA,Verslag A,2023-05-01\nB,Verslag B,2024-02-01\n".encode()
    at = _upload(open_page("laden"), [("relaties.csv", rels, "text/csv"),
                                      ("entiteiten.csv", ents, "text/csv"),
                                      ("bronnen.csv", srcs, "text/csv")])
    assert not at.error, [e.value for e in at.error]
    assert any("2 relaties" in h.value for h in at.subheader), [h.value for h in at.subheader]
    assert {"Alfa Zorg", "Beta College", "Lab Noord"} <= set(at.data_editor[0].value["name"])
    _write(at)

    _release()
    from graph.store.ladybug import LadybugStore

    with LadybugStore(fresh_db) as s:
        rows = s.query("MATCH (a)-[r:PARTNER_IN]->(b:Initiative {name: 'Lab Noord'}) "
                       "MATCH (d:Document {id: r.doc}) "
                       "RETURN a.name AS a, r.sentence AS s, d.source AS src, d.date AS date")
    got = sorted((r["a"], r["s"], r["src"], r["date"]) for r in rows)
    assert got == [("Alfa Zorg", "alfa doet mee", "upload:entiteiten.csv#A", "2023-05-01"),
                   ("Beta College", "beta doet mee", "upload:entiteiten.csv#B", "2024-02-01")]


# --------------------------------------------------------------------------- Markdown injection

HOSTILE = "![x](https://example.invalid/p.png) **vet**"
HOSTILE_MD = ("\\!\\[x\\]\\(https\\:\u2060//example\\.invalid/p\\.png\\) "
              "\\*\\*vet\\*\\*")                        # see test_view: md_escape


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """The demo plus an organisation whose name is Markdown (an image and bold)."""
    from graph.store.ladybug import LadybugStore
    from loaders.demo import demo_batches
    from loaders.sources import read_source

    d = tmp_path_factory.mktemp("hostile")
    csv = d / "partners.csv"
    csv.write_text("organisatie,soort,plaats,initiatief\n"
                   f"\"{HOSTILE}\",zorgaanbieder,Zwolle,Zorgtrainingscentrum Zwolle\n",
                   encoding="utf-8")
    with LadybugStore(d / "graph.lbug") as s:
        s.load(demo_batches())
        s.load([read_source(str(csv))])
        [oid] = [r["id"] for r in s.query("MATCH (o:Organisation) WHERE o.name = $n "
                                           "RETURN o.id AS id", {"n": HOSTILE})]
    return d / "graph.lbug", oid


def _md_values(at) -> list[str]:
    """Every element value Streamlit renders as Markdown."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info",
                 "warning", "error"):
        out += [str(x.value) for x in getattr(at, kind)]
    out += [str(b.label) for b in at.button]
    return out


def _assert_escaped(at) -> list[str]:
    values = _md_values(at)
    assert not [v for v in values if "![x](" in v or "**vet**" in v], values
    shown = [v for v in values if HOSTILE_MD in v]
    assert shown, "the hostile name is not shown at all"
    return shown


def test_profile_escapes_markdown_in_names(hostile_db, use_db):
    db, oid = hostile_db
    use_db(db)
    at = open_page("profiel", params={"id": oid})
    assert at.header[0].value == HOSTILE_MD
    _assert_escaped(at)


def test_links_page_escapes_markdown_in_names_reasons_and_messages(hostile_db, use_db, tmp_path):
    db, oid = hostile_db
    own = tmp_path / "own.lbug"
    shutil.copytree(db, own) if db.is_dir() else shutil.copyfile(db, own)
    use_db(own)
    at = open_page("verbindingen")
    shown = _assert_escaped(at)
    assert any(v.startswith("**") and HOSTILE_MD in v for v in shown)   # the card's names
    assert any("gedeelde partner" in v for v in _md_values(at))        # the reason caption
    yes = [b for b in at.button if b.key and b.key.startswith("lk_yes_")]
    # the first card naming the hostile organisation
    cards = [m.value for m in at.markdown if "↔" in m.value]
    i = next(k for k, v in enumerate(cards) if HOSTILE_MD in v)
    yes[i].click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = [s.value for s in at.success if "Oordeel opgeslagen" in s.value]
    assert saved and HOSTILE_MD in saved[0], saved
    _assert_escaped(at)


def test_network_ego_caption_escapes_markdown(hostile_db, use_db):
    db, oid = hostile_db
    use_db(db)
    at = open_page("netwerk", params={"node": oid, "hops": "1"})
    shown = _assert_escaped(at)
    assert any(v.startswith("Ego-netwerk van **" + HOSTILE_MD) for v in shown), shown
