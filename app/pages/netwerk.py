"""Netwerk: the filtered network drawn with vis-network (pyvis), ego networks, export."""

from __future__ import annotations

import streamlit as st

from app import state
from app.i18n import t
from app.markup import md_escape
from graph import entities, netpage, view
from graph.export import export_bytes
from graph.entities import ENTITY_TYPES
from graph.view import ViewFilter

st.title(t("net.title"))

d = state.data()
if state.no_data(d):
    st.stop()
E = d.E
an = d.analysis()
mem = state.membership(an)
cnames = state.cluster_names(an)

MANAGED = ("region", "kind", "initiative", "cluster", "start", "end", "undated",
           "min_degree", "node", "hops", "color", "size")
q = st.query_params
f0 = ViewFilter.from_params(q)

opts = state.network_options(d)
region_opts, ini_opts, year_opts = opts["regions"], opts["initiatives"], opts["years"]
cluster_opts = list(cnames)

state.url_default("net_region", [r for r in f0.regions if r in set(region_opts)])
state.url_default("net_kind", [k for k in f0.kinds if k in ENTITY_TYPES])
state.url_default("net_initiative", f0.initiative if f0.initiative in E else "")
state.url_default("net_cluster", [c for c in f0.clusters if c in cnames])
state.url_default("net_start", f0.start[:4] if f0.start and f0.start[:4] in year_opts else "")
state.url_default("net_end", f0.end[:4] if f0.end and f0.end[:4] in year_opts else "")
state.url_default("net_undated", f0.keep_undated)
state.url_default("net_min_degree", f0.min_degree)
state.url_default("net_focus", f0.focus if f0.focus in E else "")
state.url_default("net_hops", f0.hops)
state.url_default("net_color", q.get("color") if q.get("color") in ("sector", "cluster")
                  else "sector")
state.url_default("net_size", q.get("size") if q.get("size") in ("degree", "betweenness")
                  else "degree")


def region_label(key: str) -> str:
    level, _, name = key.partition(":")
    return t(f"region.{level}", name=name) if level in (
        "province", "municipality", "labour_market_region") else name


def node_label(n: str) -> str:
    if not n:
        return t("net.no_focus")
    nd = E.nodes[n] if n in E else {}
    return f"{nd.get('name') or n} ({state.type_name(nd.get('type'))})"


with st.container(border=True):
    c1, c2, c3, c4 = st.columns([3, 3, 3, 2])
    c1.multiselect(t("net.region"), region_opts, key="net_region", format_func=region_label,
                   placeholder=t("net.all"))
    c2.multiselect(t("net.kind"), list(ENTITY_TYPES), key="net_kind",
                   format_func=state.type_name, placeholder=t("net.kind_default"))
    c3.selectbox(t("net.initiative"), [""] + ini_opts, key="net_initiative",
                 format_func=lambda n: E.nodes[n].get("name") if n else t("net.all"))
    c4.multiselect(t("net.cluster"), cluster_opts, key="net_cluster",
                   format_func=lambda c: f"{c}: {cnames.get(c, c)}",
                   placeholder=t("net.all"), disabled=not cluster_opts)
    c1, c2, c3, c4 = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
    c1.selectbox(t("net.start"), [""] + year_opts, key="net_start",
                 format_func=lambda y: y or "–")
    c2.selectbox(t("net.end"), [""] + year_opts, key="net_end", format_func=lambda y: y or "–")
    c3.number_input(t("net.min_degree"), min_value=0, max_value=1000, step=1,
                    key="net_min_degree")
    c4.checkbox(t("net.undated"), key="net_undated", help=t("net.undated_help"))
    c1, c2, c3 = st.columns([3, 4, 2])
    search = c1.text_input(t("net.search"), key="net_search", placeholder=t("net.search_ph"))
    hits = [h[0] for h in entities.search_nodes(E, search, limit=30)] if search else []
    focus_now = st.session_state.get("net_focus") or ""
    opts = [""] + ([focus_now] if focus_now and focus_now not in hits else []) + hits
    if search and hits and search != st.session_state.get("_net_last_search") \
            and focus_now not in hits:
        st.session_state["net_focus"] = hits[0]      # a new search centres on the best hit
    st.session_state["_net_last_search"] = search
    c2.selectbox(t("net.focus"), opts, key="net_focus", format_func=node_label)
    c3.slider(t("net.hops"), 1, 3, key="net_hops")
    if search and not hits:
        st.caption(t("net.no_hits", q=md_escape(search)))

c1, c2, _ = st.columns([3, 3, 5])
c1.radio(t("net.color"), ["sector", "cluster"], key="net_color", horizontal=True,
         format_func=lambda x: t(f"net.color.{x}"))
c2.radio(t("net.size"), ["degree", "betweenness"], key="net_size", horizontal=True,
         format_func=lambda x: t(f"net.size.{x}"))

ss = st.session_state
f = ViewFilter(regions=tuple(ss.net_region), kinds=tuple(ss.net_kind),
               initiative=ss.net_initiative or None, clusters=tuple(ss.net_cluster),
               start=ss.net_start or None, end=ss.net_end or None,
               keep_undated=bool(ss.net_undated), min_degree=int(ss.net_min_degree),
               focus=ss.net_focus or None, hops=int(ss.net_hops))
params = f.as_params()
if ss.net_color != "sector":
    params["color"] = ss.net_color
if ss.net_size != "degree":
    params["size"] = ss.net_size
state.set_url(params, MANAGED)
st.session_state["net_filter"] = dict(params)

res = state.network_view(d, f, ss.net_color, ss.net_size, mem, cnames)
V = res["view"]
if V.focus_missing:
    st.warning(t("net.focus_missing"))
if V.aggregated:
    st.info(t("net.aggregated", n=V.n_filtered, limit=view.NODE_LIMIT,
              groups=V.graph.number_of_nodes(), by=t(f"net.by.{V.group_by}")))

    def _drill(kind: str, val: str) -> None:
        if kind == "cluster":
            st.session_state["net_cluster"] = [val]
            st.session_state["net_color"] = "cluster"
        else:
            st.session_state["net_region"] = [f"province:{val}"]

    groups = sorted(((k, x) for k, x in V.graph.nodes(data=True)
                     if not k.endswith(":?") and (not k.startswith("cluster:")
                                                  or k.split(":", 1)[1] in cnames)),
                    key=lambda kv: -kv[1]["size"])[:12]
    if groups:
        st.caption(t("net.drill"))
        cols = st.columns(4)
        for i, (k, x) in enumerate(groups):
            kind, _, val = k.partition(":")
            cols[i % 4].button(f"{md_escape(x['name'][:40])} ({x['size']})",
                               key=f"net_drill_{k}",
                               on_click=_drill, args=(kind, val), width="stretch")
caption = t("net.caption", nodes=res["nodes"], edges=res["edges"], total=E.number_of_nodes())
if res.get("sample"):
    caption += " " + t("net.sample", k=res["sample"])
st.caption(caption)
if ss.net_color == "cluster" and not mem:
    st.caption(t("net.no_clusters"))

if res["nodes"] == 0:
    st.warning(t("net.empty"))
else:
    state.render_html(res["html"], res["height"] + 10)
    legend = " ".join(
        f"<span style='display:inline-block;width:10px;height:10px;border-radius:5px;"
        f"background:{c};margin:0 4px 0 10px'></span>{netpage.esc(state.sector_name(s))}"
        for s, c in entities.SECTOR_COLORS.items() if s in res["sectors"])
    if ss.net_color == "sector" and legend:
        st.html(f"<div style='font-size:0.85rem;color:#555'>{legend} &nbsp; "
                f"{netpage.esc(t('net.shapes'))}</div>")

if f.focus and f.focus in E:
    nd = E.nodes[f.focus]
    st.markdown(t("net.ego_of", name=md_escape(nd.get("name") or f.focus), hops=f.hops))
    st.page_link("app/pages/profiel.py", label=t("net.open_profile"), icon=":material/badge:",
                 query_params={"id": f.focus})

H = V.filtered if V.filtered is not None else V.graph
with st.expander(t("net.table", n=H.number_of_nodes())):
    st.dataframe([{"id": r["id"], t("col.name"): r["name"], t("col.type"): state.type_name(r["type"]),
                   t("col.province"): r["province"], t("col.degree"): r["degree"]}
                  for r in res["table"]], hide_index=True, column_config={"id": None})

st.subheader(t("net.export"))
cols = st.columns(3)
for col, (fmt, ext, mime) in zip(cols, (("graphml", "graphml", "application/xml"),
                                        ("gexf", "gexf", "application/xml"),
                                        ("csv", "zip", "application/zip"))):
    # computed only when clicked
    col.download_button(t(f"export.{fmt}"),
                        data=lambda fmt=fmt: export_bytes(entities.export_graph(H), fmt),
                        file_name=f"zorgnet-netwerk.{ext}", mime=mime, key=f"net_dl_{fmt}",
                        on_click="ignore")
st.caption(t("net.export_note"))
