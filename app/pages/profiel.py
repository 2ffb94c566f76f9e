"""Profiel: one entity — kind, place, aliases, relations with evidence, documents."""

from __future__ import annotations

import streamlit as st

from app import state
from app.fmt import day, num
from app.i18n import t
from app.markup import md_escape
from graph import entities, tables

st.title(t("pr.title"))

d = state.data()
if state.no_data(d):
    st.stop()
G, E = d.G, d.E

qid = st.query_params.get("id")
state.url_default("pr_id", qid if qid in E else "")

c1, c2 = st.columns([2, 3])
search = c1.text_input(t("pr.search"), key="pr_search", placeholder=t("pr.search_ph"))
hits = [h[0] for h in entities.search_nodes(E, search, limit=40)] if search else []
cur = st.session_state.get("pr_id") or ""
if search and hits and search != st.session_state.get("_pr_last_search") and cur not in hits:
    st.session_state["pr_id"] = cur = hits[0]
st.session_state["_pr_last_search"] = search
if not search:
    # without a search: organisations and initiatives by name (bounded list)
    hits = sorted((n for n, x in E.nodes(data="label") if x in ("Organisation", "Initiative")),
                  key=lambda n: str(E.nodes[n].get("name") or n).casefold())[:2000]
opts = [""] + ([cur] if cur and cur not in hits else []) + hits
c2.selectbox(t("pr.pick"), opts, key="pr_id",
             format_func=lambda n: (f"{E.nodes[n].get('name') or n} · "
                                    f"{state.type_name(E.nodes[n].get('type'))}") if n else "—")
node = st.session_state.get("pr_id") or ""
state.set_url({"id": node}, ("id",))

if not node:
    st.info(t("pr.none"))
    st.stop()
if node not in G:
    st.warning(t("pr.not_found", id=md_escape(node)))
    st.stop()

p = tables.entity_profile(G, node)
st.header(md_escape(p["name"]), anchor=False)
props = p["properties"]
cols = st.columns(4)
cols[0].markdown(f"**{t('pr.kind')}**  \n{md_escape(state.type_name(p['type']))}")
place = props.get("place") or p.get("municipality")
cols[1].markdown(f"**{t('pr.place')}**  \n{md_escape(place or '–')}")
cols[2].markdown(f"**{t('pr.province')}**  \n"
                 f"{md_escape(p.get('province') or props.get('province') or '–')}")
cols[3].markdown(f"**{t('pr.aliases')}**  \n{md_escape(', '.join(p['aliases']) or '–')}")
if p.get("regions"):
    def _region(k: str) -> str:
        level, _, name = k.partition(":")
        return t(f"region.{level}", name=name) if level in (
            "province", "municipality", "labour_market_region") else name
    st.caption(f"{t('pr.regions')}: "
               + md_escape(", ".join(_region(k) for k in p["regions"])))
other = {k: v for k, v in props.items() if k not in ("place", "province")}
if other:
    with st.expander(t("pr.props")):
        st.table([{"": k, " ": ", ".join(map(str, v)) if isinstance(v, list) else str(v)}
                  for k, v in other.items()])
st.page_link("app/pages/netwerk.py", label=t("pr.in_network"), icon=":material/hub:",
             query_params={"node": node, "hops": "1"})

rels = tables.relation_rows(G, node)
st.subheader(t("pr.relations", n=len(rels)))
if rels:
    st.dataframe(
        [{t("col.direction"): r["direction"], t("col.relation"): state.rel_name(r["relation"]),
          t("col.other"): r["other_name"], t("col.type"): state.type_name(r["other_type"]),
          t("col.role"): r["role"] or "", t("col.sentence"): r["sentence"] or "",
          t("col.document"): r["document"] or "", t("col.locator"): r["locator"] or "",
          t("col.date"): day(r["date"]) if r["date"] else "",
          t("col.confidence"): num(r["confidence"], 2)}
         for r in rels],
        hide_index=True)
else:
    st.caption(t("pr.no_relations"))

docs = tables.document_rows(G, node)
st.subheader(t("pr.documents", n=len(docs)))
if docs:
    st.dataframe([{t("col.document"): x["name"],
                   t("col.date"): day(x["date"]) if x["date"] else "",
                   t("col.source"): x["source"] or "", t("col.statements"): x["statements"],
                   t("col.mentions"): ", ".join(x["mentions"])} for x in docs],
                 hide_index=True)
