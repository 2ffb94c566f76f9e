"""Laden: upload documents/spreadsheets or paste URLs, review, then write."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app import state
from app.fmt import num, tn
from app.i18n import err, t
from app.markup import md_escape
from loaders import review
from loaders.relation_review import REL_TYPES, apply_relation_review, relation_rows
from graph.model import TYPE_TO_LABEL, normalise_name
from loaders.sources import expand, read_source

st.title(t("ld.title"))
st.caption(t("ld.intro"))
st.caption(t("side.target", target=md_escape(state.target())))

d = state.data()
SUFFIXES = ["txt", "md", "html", "htm", "pdf", "docx", "csv", "xlsx", "xlsm"]

with st.form("ld_form", border=True):
    files = st.file_uploader(t("ld.files"), type=SUFFIXES, accept_multiple_files=True,
                             key="ld_files")
    urls = st.text_area(t("ld.urls"), key="ld_urls", height=90,
                        placeholder="https://www.zorgpact.nl/…")
    submitted = st.form_submit_button(t("ld.read"), type="primary",
                                      icon=":material/plagiarism:")


#: The files of the graph-tables layout: uploaded together they are one source.
GRAPH_TABLES = ("entiteiten.csv", "relaties.csv", "bronnen.csv")
TABLES_DIR = "graaftabellen"


def _stage(files, tmp: Path) -> dict[Path, tuple[str, bytes]]:
    """Write every upload into ``tmp`` before anything is read.

    With an ``entiteiten.csv`` among them, the graph-table files go together into
    one folder (one source, see :func:`loaders.sources.expand`); a name uploaded
    twice gets a folder of its own. Returns ``path -> (upload name, bytes)``.
    """
    named = [(Path(f.name).name or "upload", f.getvalue()) for f in files or []]
    tables = any(n.lower() == "entiteiten.csv" for n, _ in named)
    staged: dict[Path, tuple[str, bytes]] = {}
    for i, (name, raw) in enumerate(named):
        folder = tmp / TABLES_DIR if tables and name.lower() in GRAPH_TABLES else tmp
        path = folder / name
        if path.exists():                       # the same name twice in one upload
            path = tmp / f"upload-{i}" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        staged[path] = (name, raw)
    return staged


def _upload(name: str, raw: bytes) -> dict:
    """What the review step needs to know of an upload: its stable source and the
    first 8 hex of the SHA-256 of its bytes (the suffix of an "add as new" copy)."""
    import hashlib

    return {"name": name, "source": f"upload:{name}",
            "sha8": hashlib.sha256(raw).hexdigest()[:8], "status": "new"}


def _read_all(files, urls) -> tuple[list, list[dict | None], list[tuple[str, str]]]:
    """Read every upload (all written to a temp dir first) and URL.

    Returns the batches, per batch its upload (``None`` for a URL) and the
    ``(name, error)`` of what could not be read.
    """

    batches, uploads, errors = [], [], []
    bar = st.progress(0.0)
    with tempfile.TemporaryDirectory(prefix="zorgnet-upload-") as tmp_:
        tmp = Path(tmp_)
        staged = _stage(files, tmp)
        items: list[tuple[str, dict | None, list[Path]]] = []
        covered: set[Path] = set()
        for src in expand([str(tmp)]) if staged else []:
            path = Path(src)
            if path.is_dir():                   # graph tables: one source of 1-3 files
                parts = sorted(p for p in staged if p.parent == path)
                name = next((staged[p][0] for p in parts
                             if staged[p][0].lower() == "entiteiten.csv"), path.name)
                raw = b"".join(staged[p][0].lower().encode() + b"\0" + staged[p][1]
                               for p in parts)
            else:
                parts = [path]
                name, raw = staged.get(path, (path.name, path.read_bytes()))
            covered.update(parts)
            items.append((src, _upload(name, raw), [path]))
        for path, (name, _) in staged.items():
            if path not in covered:
                errors.append((name, t("ld.not_read")))
        items += [(u, None, []) for u in urls]
        for i, (src, upload, paths) in enumerate(items, 1):
            name = upload["name"] if upload else src
            bar.progress((i - 1) / len(items), text=t("ld.reading", name=md_escape(name)))
            try:
                b = read_source(src)
                if upload:                      # the temp path -> the upload's stable name
                    prefixes = {str(p) for p in paths} | {str(p.resolve()) for p in paths}
                    b = review.rebase_source(b, upload["source"], prefix=prefixes)
                batches.append(b)
                uploads.append(upload)
            except Exception as exc:  # LoadError, RowError, anything a reader throws
                errors.append((name, err(exc)))
        bar.progress(1.0, text="")
    bar.empty()
    return batches, uploads, errors


def _compare_with_store(batches: list, uploads: list) -> None:
    """Mark each upload ``changed`` (a document of the same name is stored with
    another checksum), ``same`` (all its documents are stored unchanged: the store
    skips them), ``partly`` (some are) or ``new``."""
    for b, u in zip(batches, uploads):
        if not u or not b.documents:
            continue
        stored = d.store.document_checksums([x.id for x in b.documents])
        same = [x for x in b.documents if stored.get(x.id) == x.checksum]
        changed = [x for x in b.documents if x.id in stored and stored[x.id] != x.checksum]
        u["n_docs"], u["n_same"] = len(b.documents), len(same)
        u["status"] = ("changed" if changed else "same" if len(same) == len(b.documents)
                       else "partly" if same else "new")


def _dup_key(i: int, u: dict) -> str:
    return f"ld_dup_{i}_{u['sha8']}"


def _as_chosen(batches: list, uploads: list) -> list:
    """The batches with the reviewer's choice for re-used upload names applied:
    "add as a new document" renames the upload's documents to
    ``upload:{name}#{sha8}``; "replace" keeps ``upload:{name}``."""
    out = []
    for i, (b, u) in enumerate(zip(batches, uploads)):
        if u and u.get("status") == "changed" and \
                st.session_state.get(_dup_key(i, u), "new") == "new":
            b = review.rebase_source(b, f"{u['source']}#{u['sha8']}", prefix=u["source"])
        out.append(b)
    return out


def _clear() -> None:
    for k in [k for k in st.session_state if str(k).startswith("ld_dup_")]:
        del st.session_state[k]
    for k in ("ld_batches", "ld_uploads", "ld_rows", "ld_errors"):
        st.session_state.pop(k, None)


if submitted:
    url_list = [u.strip() for u in (urls or "").splitlines() if u.strip()]
    if not files and not url_list:
        st.warning(t("ld.nothing"))
    else:
        _clear()
        batches, uploads, errors = _read_all(files, url_list)
        st.session_state["ld_errors"] = errors
        if batches:
            _compare_with_store(batches, uploads)
            st.session_state["ld_batches"] = batches
            st.session_state["ld_uploads"] = uploads
            st.session_state["ld_rows"] = review.review_rows(batches, d.G)

for name, msg in st.session_state.get("ld_errors", []):
    st.error(t("ld.bad", name=md_escape(name), msg=md_escape(msg)))

done = st.session_state.pop("ld_done", None)
if done:
    st.success(done)

batches = st.session_state.get("ld_batches")
if batches:
    rows = st.session_state["ld_rows"]
    n_rel = sum(len(b.relations) for b in batches)
    st.subheader(t("ld.review", ents=tn("ld.n_ent", len(rows)), rels=tn("ld.n_rel", n_rel),
                   srcs=tn("ld.n_src", len(batches))))
    st.caption(t("ld.review_help"))
    uploads = st.session_state.get("ld_uploads") or [None] * len(batches)
    for i, u in enumerate(uploads):
        if not u:
            continue
        name = md_escape(u["name"])
        if u["status"] == "changed":
            with st.container(border=True):
                st.warning(t("ld.dup", name=name), icon=":material/content_copy:")
                st.radio(t("ld.dup.choice", name=name), ["new", "replace"],
                         key=_dup_key(i, u), index=0, horizontal=True,
                         format_func=lambda x: t(f"ld.dup.{x}"))
        elif u["status"] == "same":
            st.info(t("ld.unchanged", name=name))
        elif u["status"] == "partly":
            st.info(t("ld.partly_unchanged", name=name, n=u["n_same"], total=u["n_docs"]))
    # merge candidates: suggested matches plus existing entities sharing a word
    words = {w for r in rows for w in normalise_name(r["name"]).split() if len(w) > 3}
    cands = {r["merge_with"] for r in rows if r["merge_with"]}
    for n, x in d.G.nodes(data=True):
        if len(cands) >= 400:
            break
        if x.get("label") not in (None, "Document") and words & set(
                normalise_name(str(x.get("name") or "")).split()):
            cands.add(n)
    NO_MERGE = "–"                    # shown instead of an empty cell (the grid says "None")
    merge_opts = [NO_MERGE] + sorted(cands)
    type_label = {x: state.type_name(x) for x in TYPE_TO_LABEL}     # shown in Dutch
    df = pd.DataFrame(rows)
    if not df.empty:
        df["type"] = df["type"].map(lambda x: type_label.get(x, x))
        df["merge_with"] = df["merge_with"].map(lambda x: x or NO_MERGE)
    edited = st.data_editor(
        df, key="ld_editor", hide_index=True, num_rows="fixed",
        column_order=["accept", "name", "type", "merge_with", "place", "aliases", "relations",
                      "source"],
        column_config={
            "accept": st.column_config.CheckboxColumn(t("ld.col.accept")),
            "name": st.column_config.TextColumn(t("col.name")),
            "type": st.column_config.SelectboxColumn(t("col.type"),
                                                     options=list(type_label.values()),
                                                     required=True),
            "merge_with": st.column_config.SelectboxColumn(t("ld.col.merge"),
                                                           options=merge_opts),
            "place": st.column_config.TextColumn(t("col.place")),
            "aliases": st.column_config.TextColumn(t("ld.col.aliases")),
            "relations": st.column_config.NumberColumn(t("ld.col.relations")),
            "source": st.column_config.TextColumn(t("col.source")),
        },
        disabled=["aliases", "relations", "source"])

    # relations: sentence and probability; accept, reject, retype or set a threshold
    st.markdown(f"**{t('ld.rel.title')}**")
    st.caption(t("ld.rel.help"))
    steps = [round(i * 0.05, 2) for i in range(21)]
    thr = st.select_slider(t("ld.rel.threshold"), steps, value=0.0, key="ld_rel_thr",
                           format_func=lambda x: num(x, 2))
    rel_label = {x: state.rel_name(x) for x in REL_TYPES}
    rel_rows = relation_rows(batches, threshold=thr)
    rdf = pd.DataFrame(rel_rows, columns=["key", "accept", "src_name", "rel", "dst_name",
                                          "confidence", "sentence", "locator", "source"])
    rdf["rel"] = rdf["rel"].map(lambda x: rel_label.get(x, x))
    rel_edited = st.data_editor(
        rdf, key=f"ld_rel_editor_{thr}", hide_index=True, num_rows="fixed",
        column_order=["accept", "src_name", "rel", "dst_name", "confidence", "sentence",
                      "source"],
        column_config={
            "accept": st.column_config.CheckboxColumn(t("ld.col.accept")),
            "src_name": st.column_config.TextColumn(t("ld.rel.from")),
            "rel": st.column_config.SelectboxColumn(t("ld.rel.type"),
                                                    options=list(rel_label.values()),
                                                    required=True),
            "dst_name": st.column_config.TextColumn(t("ld.rel.to")),
            "confidence": st.column_config.ProgressColumn(t("ld.rel.p"), min_value=0.0,
                                                          max_value=1.0, format="percent"),
            "sentence": st.column_config.TextColumn(t("ld.rel.sentence"), width="large"),
            "source": st.column_config.TextColumn(t("col.source")),
        },
        disabled=["src_name", "dst_name", "confidence", "sentence", "source"])
    n_keep = int(rel_edited["accept"].sum()) if len(rel_edited) else 0
    st.caption(tn("ld.rel.keep", len(rel_edited), k=num(n_keep, 0)))
    c1, c2 = st.columns([3, 7])
    write = c1.button(t("ld.write"), type="primary", key="ld_write", icon=":material/save:")
    if c2.button(t("ld.cancel"), key="ld_cancel", type="tertiary"):
        _clear()
        st.rerun()
    if write:
        type_code = {v: k for k, v in type_label.items()}
        rel_code = {v: k for k, v in rel_label.items()}
        decided = [{**r, "merge_with": "" if r.get("merge_with") in (None, NO_MERGE)
                    else r["merge_with"],
                    "type": type_code.get(r.get("type"), r.get("type"))}
                   for r in edited.fillna("").to_dict("records")]
        rel_decided = [{"key": r["key"], "accept": bool(r["accept"]),
                        "rel": rel_code.get(r["rel"], r["rel"])}
                       for r in rel_edited.to_dict("records")]
        try:
            reviewed = apply_relation_review(batches, rel_decided)   # before ids change
            final = review.apply_review(_as_chosen(reviewed, uploads), decided, d.G)
            bar = st.progress(0.0, text=t("ld.writing"))

            def tick(done_, total):
                bar.progress(min(1.0, done_ / max(1, total)), text=t("ld.writing"))

            rep = d.store.load(final, progress=tick).as_dict()
            bar.empty()
        except Exception as exc:  # RowError, QueryError: nothing was written
            st.error(t("ld.failed", msg=md_escape(err(exc))))
        else:
            st.session_state["ld_done"] = t(
                "ld.done", w=len(rep["written"]), r=len(rep["replaced"]), s=len(rep["skipped"]),
                e=rep["entities"], rel=rep["relations"])
            _clear()
            st.rerun()
