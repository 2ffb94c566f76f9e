"""Cypher: a read-only console with the named queries of ``cypher/``."""

from __future__ import annotations

import re
import time

import pandas as pd
import streamlit as st

from app import state
from app.fmt import num, tn
from app.i18n import err, t
from app.markup import md_escape
from graph import netpage, results, view
from graph.export import csv_safe
from graph.store.base import query_params

st.title(t("cy.title"))
st.caption(t("cy.intro"))

d = state.data()
engine = d.store.engine
st.caption(t("cy.engine", engine=engine))

try:
    from graph.queries import load_queries

    queries = {k: q for k, q in load_queries().items() if q.runs_on(engine)}
except Exception as exc:  # module missing or a bad query file: the console still works
    queries = {}
    st.warning(t("cy.no_queries", msg=md_escape(f"{type(exc).__name__}: {exc}")))

FREE = ""
names = [FREE] + list(queries)
#: Shown (greyed) in an empty editor: an example, not a value.
DEFAULT_TEXT = "MATCH (o:Organisation)\nRETURN o.id AS id, o.name AS naam, o.kind AS soort\nORDER BY naam\nLIMIT 25"
#: URL keys of the page itself (a query parameter of the same name is not mirrored).
OWN_KEYS = ("query", "q", "lang")


def _select_query() -> None:
    """Prefill the text and the parameters when a named query is chosen; the own
    query ("eigen query") starts empty."""
    name = st.session_state.get("cy_name") or FREE
    if name in queries:
        q = queries[name]
        st.session_state["cy_text"] = q.text_for(engine)
        for p, example in q.params.items():
            st.session_state[f"cy_p_{p}"] = example
    else:
        st.session_state["cy_text"] = ""
    st.session_state.pop("cy_result", None)


url_name = st.query_params.get("query")
url_text = st.query_params.get("q")
if "cy_name" not in st.session_state:
    if url_name in queries:
        first = url_name
    elif url_text or url_name == FREE:
        first = FREE
    else:
        first = names[1] if len(names) > 1 else FREE
    st.session_state["cy_name"] = first
    _select_query()
    if url_text:                                   # the text of the link wins
        st.session_state["cy_text"] = url_text
    for p in query_params(st.session_state["cy_text"] or ""):
        if p not in OWN_KEYS and st.query_params.get(p):
            st.session_state[f"cy_p_{p}"] = st.query_params.get(p)

st.selectbox(t("cy.named"), names, key="cy_name", on_change=_select_query,
             format_func=lambda n: f"{queries[n].title} ({n})" if n else t("cy.free"))
name = st.session_state["cy_name"]
if name in queries:
    st.caption(queries[name].description)

text = st.text_area(t("cy.query"), key="cy_text", height=220, placeholder=DEFAULT_TEXT)
params_needed = sorted(query_params(text or ""))
values: dict[str, str] = {}
if params_needed:
    st.markdown(f"**{t('cy.params')}**")
    cols = st.columns(min(3, len(params_needed)))
    for i, p in enumerate(params_needed):
        example = queries[name].params.get(p, "") if name in queries else ""
        state.url_default(f"cy_p_{p}", example)
        values[p] = cols[i % len(cols)].text_input(f"${p}", key=f"cy_p_{p}")
c1, c2, c3 = st.columns([2, 2, 6], vertical_alignment="bottom")
timeout = c1.number_input(t("cy.timeout"), 1, 60, 10, key="cy_timeout")
max_rows = c2.number_input(t("cy.max_rows"), 1, 10000, 1000, step=100, key="cy_rows")
run = c3.button(t("cy.run"), type="primary", key="cy_run", icon=":material/play_arrow:")

named_text = queries[name].text_for(engine).strip() if name in queries else None
own_text = (text or "").strip()
shown = [p for p in params_needed if p not in OWN_KEYS]
managed = ("query", "q", *shown,     # and every named query's parameters (none left behind)
           *(p for q in queries.values() for p in q.params if p not in OWN_KEYS))
state.set_url({"query": name or None,
               "q": own_text if own_text and own_text != named_text else None,
               **{p: values.get(p) for p in shown}}, tuple(dict.fromkeys(managed)))

_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")


def bind() -> dict:
    """Typed parameters: the named query's own binding when its text is unchanged."""
    if name in queries and text.strip() == queries[name].text_for(engine).strip():
        return queries[name].bind({p: values[p] for p in values if p in queries[name].params})
    out = {}
    for p, v in values.items():
        v = (v or "").strip()
        out[p] = int(v) if _INT.match(v) else float(v) if _FLOAT.match(v) else v
    return out


if run:
    try:
        t0 = time.perf_counter()
        cols_, rows, truncated = d.store.read(text, bind(), timeout_s=float(timeout),
                                              max_rows=int(max_rows))
        st.session_state["cy_result"] = {"columns": cols_, "rows": rows,
                                         "truncated": truncated,
                                         "ms": round((time.perf_counter() - t0) * 1000)}
    except Exception as exc:  # ReadOnlyViolation, QueryError, ParameterError, …
        st.session_state.pop("cy_result", None)
        st.error(t("cy.error", msg=md_escape(err(exc))))

res = st.session_state.get("cy_result")
if res:
    cols_, rows = res["columns"], res["rows"]
    st.caption(tn("cy.rows", len(rows), ms=num(res["ms"], 0)))
    if res["truncated"]:
        st.warning(t("cy.truncated", n=len(rows)))
    codes = {**state.type_names(), **state.rel_names()}   # kinds and relation types, translated

    def shown_value(v):
        v = results.display_value(v)
        if v is None:                                  # not the grid's grey "None"
            return "–"
        if isinstance(v, str) and v:
            parts = v.split(results.CHAIN_SEPARATOR)
            if all(x in codes for x in parts):
                return results.CHAIN_SEPARATOR.join(codes[x] for x in parts)
        return v

    df = pd.DataFrame([{c: shown_value(r.get(c)) for c in cols_} for r in rows],
                      columns=cols_)
    raw = pd.DataFrame([{c: results.display_value(r.get(c)) for c in cols_} for r in rows],
                       columns=cols_)
    tab_table, tab_graph = st.tabs([t("cy.table"), t("cy.graph")])
    with tab_table:
        st.dataframe(df, hide_index=True)
        st.download_button(t("cy.csv"), data=raw.map(csv_safe).to_csv(index=False).encode("utf-8"),
                           file_name="zorgnet-query.csv", mime="text/csv", key="cy_csv",
                           on_click="ignore")
    with tab_graph:
        R = results.result_graph(cols_, rows, d.G)
        if R.number_of_nodes() == 0:
            st.info(t("cy.no_graph"))
        else:
            if R.number_of_nodes() > view.NODE_LIMIT:
                R = R.subgraph(sorted(R, key=lambda n: -R.degree(n))[:view.NODE_LIMIT]).copy()
            page, info = netpage.network_html(R, height=520, words=state.words(),
                                           type_names=state.type_names(),
                                           rel_names=state.rel_names(),
                                           lang=state.current_lang_code())
            st.caption(t("net.caption", nodes=info["nodes"], edges=info["edges"],
                         total=R.number_of_nodes()))
            state.render_html(page, 530)
