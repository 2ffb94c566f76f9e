"""Laden: upload documents/spreadsheets or paste URLs, review, then write."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app import state
from app.i18n import t
from graph import view
from graph.model import TYPE_TO_LABEL, normalise_name

st.title(t("ld.title"))
st.caption(t("ld.intro"))

d = state.data()
SUFFIXES = ["txt", "md", "html", "htm", "pdf", "docx", "csv", "xlsx", "xlsm"]

with st.form("ld_form", border=True):
    files = st.file_uploader(t("ld.files"), type=SUFFIXES, accept_multiple_files=True,
                             key="ld_files")
    urls = st.text_area(t("ld.urls"), key="ld_urls", height=90,
                        placeholder="https://www.zorgpact.nl/…")
    submitted = st.form_submit_button(t("ld.read"), type="primary",
                                      icon=":material/plagiarism:")


def _read_all(files, urls) -> tuple[list, list[tuple[str, str]]]:
    """Read every upload (via a temp dir) and URL; return batches and (name, error)."""
    from loaders.sources import read_source

    items = [("file", f) for f in files or []] + [("url", u) for u in urls]
    batches, errors = [], []
    bar = st.progress(0.0)
    with tempfile.TemporaryDirectory(prefix="zorgnet-upload-") as tmp:
        for i, (kind, item) in enumerate(items, 1):
            name = Path(item.name).name if kind == "file" else item
            bar.progress((i - 1) / len(items), text=t("ld.reading", name=name))
            try:
                if kind == "file":
                    path = Path(tmp) / (name or "upload")
                    path.write_bytes(item.getvalue())
                    b = read_source(str(path))
                    b = view.rebase_source(b, f"upload:{name}")
                else:
                    b = read_source(item)
                batches.append(b)
            except Exception as exc:  # LoadError, RowError, anything a reader throws
                errors.append((name, str(exc) or type(exc).__name__))
        bar.progress(1.0, text="")
    bar.empty()
    return batches, errors


if submitted:
    url_list = [u.strip() for u in (urls or "").splitlines() if u.strip()]
    if not files and not url_list:
        st.warning(t("ld.nothing"))
    else:
        batches, errors = _read_all(files, url_list)
        st.session_state["ld_errors"] = errors
        if batches:
            st.session_state["ld_batches"] = batches
            st.session_state["ld_rows"] = view.review_rows(batches, d.G)
        else:
            st.session_state.pop("ld_batches", None)

for name, msg in st.session_state.get("ld_errors", []):
    st.error(t("ld.bad", name=name, msg=msg))

done = st.session_state.pop("ld_done", None)
if done:
    st.success(done)

batches = st.session_state.get("ld_batches")
if batches:
    rows = st.session_state["ld_rows"]
    n_rel = sum(len(b.relations) for b in batches)
    st.subheader(t("ld.review", n=len(rows), r=n_rel, d=len(batches)))
    st.caption(t("ld.review_help"))
    # merge candidates: suggested matches plus existing entities sharing a word
    words = {w for r in rows for w in normalise_name(r["name"]).split() if len(w) > 3}
    cands = {r["merge_with"] for r in rows if r["merge_with"]}
    for n, x in d.G.nodes(data=True):
        if len(cands) >= 400:
            break
        if x.get("label") not in (None, "Document") and words & set(
                normalise_name(str(x.get("name") or "")).split()):
            cands.add(n)
    merge_opts = [""] + sorted(cands)
    df = pd.DataFrame(rows)
    edited = st.data_editor(
        df, key="ld_editor", hide_index=True, num_rows="fixed",
        column_order=["accept", "name", "type", "merge_with", "place", "aliases", "relations",
                      "source"],
        column_config={
            "accept": st.column_config.CheckboxColumn(t("ld.col.accept")),
            "name": st.column_config.TextColumn(t("col.name")),
            "type": st.column_config.SelectboxColumn(t("col.type"), options=list(TYPE_TO_LABEL),
                                                     required=True),
            "merge_with": st.column_config.SelectboxColumn(t("ld.col.merge"),
                                                           options=merge_opts),
            "place": st.column_config.TextColumn(t("col.place")),
            "aliases": st.column_config.TextColumn(t("ld.col.aliases")),
            "relations": st.column_config.NumberColumn(t("ld.col.relations")),
            "source": st.column_config.TextColumn(t("col.source")),
        },
        disabled=["aliases", "relations", "source"])
    c1, c2 = st.columns([3, 7])
    write = c1.button(t("ld.write"), type="primary", key="ld_write", icon=":material/save:")
    if c2.button(t("ld.cancel"), key="ld_cancel", type="tertiary"):
        for k in ("ld_batches", "ld_rows", "ld_errors"):
            st.session_state.pop(k, None)
        st.rerun()
    if write:
        decided = [{**r, "merge_with": r.get("merge_with") or ""}
                   for r in edited.fillna("").to_dict("records")]
        try:
            final = view.apply_review(batches, decided, d.G)
            bar = st.progress(0.0, text=t("ld.writing"))

            def tick(done_, total):
                bar.progress(min(1.0, done_ / max(1, total)), text=t("ld.writing"))

            rep = d.store.load(final, progress=tick).as_dict()
            bar.empty()
        except Exception as exc:  # RowError, QueryError: nothing was written
            st.error(t("ld.failed", msg=str(exc)))
        else:
            st.session_state["ld_done"] = t(
                "ld.done", w=len(rep["written"]), r=len(rep["replaced"]), s=len(rep["skipped"]),
                e=rep["entities"], rel=rep["relations"])
            for k in ("ld_batches", "ld_rows", "ld_errors"):
                st.session_state.pop(k, None)
            st.rerun()
