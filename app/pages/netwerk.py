"""Netwerk: the canvas first, filters in the sidebar, a side panel for what is clicked.

Two views of the same selection: entities ("wie doet wat": organisations,
initiatives, events, persons) and organisations linked by their collaboration ties
("wie werkt met wie"). Too large a selection is drawn as groups (province ->
cluster -> municipality, then the best-connected members); a click on a group
zooms in. The working set (expanded, hidden, selected nodes) and every filter
live in the URL.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app import netpanel, netstate, netview, pictures, state
from app.i18n import current_lang, t
from app.i18n_net import fmt_int
from app.markup import md_escape
from graph import entities, view
from graph.entities import ENTITY_TYPES
from graph.export import export_bytes
from graph.model import ORG_KINDS
from graph.netpage import esc
from graph.view import ViewFilter
from graph.workset import WorkingSet

netstate.cancel_prefetch()          # this run comes first
d = state.data()
if state.no_data(d):
    st.stop()
G, E = d.G, d.E
mem, cnames = netstate.clusters(d)
ss = st.session_state

MANAGED = ("region", "kind", "initiative", "cluster", "start", "end", "undated",
           "min_degree", "node", "hops", "color", "size", "mode", "exp", "hide", "sel")
q = st.query_params
f0 = ViewFilter.from_params(q)

opts = netstate.options(d)
region_opts, ini_opts, year_opts = opts["regions"], opts["initiatives"], opts["years"]
cluster_opts = list(cnames)

state.url_default("net_mode", "orgs" if q.get("mode") == "orgs" else "entities")
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
if "net_ws" not in ss:
    ss["net_ws"] = WorkingSet.from_params(q, known=E)


# ------------------------------------------------------------------ a queued click
def _current_filter() -> ViewFilter:
    return ViewFilter(regions=tuple(ss.net_region), kinds=tuple(ss.net_kind),
                      initiative=ss.net_initiative or None, clusters=tuple(ss.net_cluster),
                      start=ss.net_start or None, end=ss.net_end or None,
                      keep_undated=bool(ss.net_undated), min_degree=int(ss.net_min_degree),
                      focus=ss.net_focus or None, hops=int(ss.net_hops))


def _drilled(f: ViewFilter, key: str) -> tuple[ViewFilter, str] | None:
    """The filter and colouring a click on group ``key`` leads to (None: no drill);
    the same for the click and for the drawings computed ahead of it."""
    g = view.drill_filter(f, key)
    if g is None:
        return None
    g = replace(g, regions=tuple(r for r in g.regions if r in set(region_opts)),
                clusters=tuple(c for c in g.clusters if c in cnames),
                kinds=tuple(k for k in g.kinds if k in ENTITY_TYPES))
    color = ss.net_color
    if g.clusters and color == "sector" and ss.net_mode == "entities":
        color = "cluster"
    return g, color


def _drawn_filter(f: ViewFilter) -> ViewFilter:
    """What the drawing is filtered by: in the organisation view the period picks the
    collaboration graph itself and only organisation kinds apply."""
    if ss.net_mode != "orgs":
        return f
    return replace(f, start=None, end=None, initiative=None,
                   kinds=tuple(k for k in f.kinds if k in ORG_KINDS))


pending = ss.pop(netpanel.PENDING, None)
if pending:
    act, node = pending["action"], pending["node"]
    ws: WorkingSet = ss.net_ws
    if act == "drill":
        drilled = _drilled(_current_filter(), node)
        if drilled is not None:
            g, ss.net_color = drilled
            ss.net_region, ss.net_cluster = list(g.regions), list(g.clusters)
            ss.net_kind = list(g.kinds)
            ss.net_ws = WorkingSet(hidden=ws.hidden)
    elif act == "select":
        ss.net_ws = ws.select(node)
    elif act in ("expand", "pick"):
        ss.net_ws = ws.expand(node).select(node)
    elif act == "hide":
        ss.net_ws = ws.hide(node)
    elif act in ("ego", "centre"):
        ss.net_focus = node
        ss.net_ws = WorkingSet(hidden=ws.hidden, selected=node)
    elif act == "up":
        ss.net_region, ss.net_cluster = list(node[0]), list(node[1])
        ss.net_ws = WorkingSet(hidden=ws.hidden)
    elif act == "reset":
        ss.net_ws = WorkingSet()


def region_label(key: str) -> str:
    level, _, name = key.partition(":")
    return t(f"region.{level}", name=name) if level in (
        "province", "municipality", "labour_market_region") else name


def node_label(n: str) -> str:
    if not n:
        return t("net.no_focus")
    nd = E.nodes[n] if n in E else {}
    return f"{nd.get('name') or n} ({state.type_name(nd.get('type'))})"


# ------------------------------------------------------------------ sidebar
sb = st.sidebar
sb.radio(t("net.mode"), ["entities", "orgs"], key="net_mode", help=t("net.mode_help"),
         format_func=lambda m: t(f"net.mode.{m}"))
org_view = ss.net_mode == "orgs"
with sb.expander(t("net.find"), expanded=True):
    search = st.text_input(t("net.search"), key="net_search", placeholder=t("net.search_ph"))
    hits = [h[0] for h in entities.search_nodes(
        E, search, limit=30, types=ORG_KINDS if org_view else None)] if search else []
    focus_now = ss.get("net_focus") or ""
    fopts = [""] + ([focus_now] if focus_now and focus_now not in hits else []) + hits
    if search and hits and search != ss.get("_net_last_search") and focus_now not in hits:
        ss["net_focus"] = hits[0]      # a new search centres on the best hit
    ss["_net_last_search"] = search
    st.selectbox(t("net.focus"), fopts, key="net_focus", format_func=node_label)
    st.slider(t("net.hops"), 1, 3, key="net_hops")
    if search and not hits:
        st.caption(t("net.no_hits", q=md_escape(search)))
with sb.expander(t("net.filters"), expanded=True):
    st.multiselect(t("net.region"), region_opts, key="net_region", format_func=region_label,
                   placeholder=t("net.all"))
    kind_opts = list(ORG_KINDS) if org_view else list(ENTITY_TYPES)
    ss.net_kind = [k for k in ss.net_kind if k in kind_opts]
    st.multiselect(t("net.kind"), kind_opts, key="net_kind", format_func=state.type_name,
                   placeholder=t("net.kind_orgs" if org_view else "net.kind_default"))
    st.selectbox(t("net.initiative"), [""] + ini_opts, key="net_initiative",
                 format_func=lambda n: E.nodes[n].get("name") if n else t("net.all"),
                 disabled=org_view)
    st.multiselect(t("net.cluster"), cluster_opts, key="net_cluster",
                   format_func=lambda c: f"{c}: {cnames.get(c, c)}",
                   placeholder=t("net.all"), disabled=not cluster_opts)
    c1, c2 = st.columns(2)
    c1.selectbox(t("net.start"), [""] + year_opts, key="net_start",
                 format_func=lambda y: y or "–")
    c2.selectbox(t("net.end"), [""] + year_opts, key="net_end", format_func=lambda y: y or "–")
    st.checkbox(t("net.undated"), key="net_undated", help=t("net.undated_help"))
    st.number_input(t("net.min_degree"), min_value=0, max_value=1000, step=1,
                    key="net_min_degree")
with sb.expander(t("net.drawing")):
    st.radio(t("net.color"), ["sector", "cluster"], key="net_color", horizontal=True,
             format_func=lambda x: t(f"net.color.{x}"))
    st.radio(t("net.size"), ["degree", "betweenness"], key="net_size", horizontal=True,
             format_func=lambda x: t(f"net.size.{x}"))

f = _current_filter()
ws: WorkingSet = ss.net_ws
params = f.as_params()
if org_view:
    params["mode"] = "orgs"
if ss.net_color != "sector":
    params["color"] = ss.net_color
if ss.net_size != "degree":
    params["size"] = ss.net_size
params.update(ws.as_params())
state.set_url(params, MANAGED)
ss["net_filter"] = {k: v for k, v in params.items() if k not in ("exp", "hide", "sel", "mode")}

# ------------------------------------------------------------------ what is drawn
X = netstate.org_graph(d, f.start, f.end) if org_view else E
fx = _drawn_filter(f)
if X is None or X.number_of_nodes() == 0:
    st.warning(t("net.empty"))
    st.stop()
res = netstate.drawing(d, X, ss.net_mode, fx, ws, ss.net_color, ss.net_size, mem, cnames)
V, data, H = res["view"], res["data"], res["graph"]
info = data["info"]

# what is above the canvas lives in one container that is always there: the canvas
# keeps its place in the page (a frame that moved would be loaded again)
head = st.container()
# breadcrumb: where this selection sits in province -> cluster, with a way back up
with head:
    crumbs = [(t("net.crumb"), ((), ()))]
    for r in f.regions[:1]:
        crumbs.append((region_label(r), ((r,), ())))
    if f.clusters[:1]:
        c = f.clusters[0]
        crumbs.append((f"{t('net.cluster')} {c}: {cnames.get(c, c)}", (f.regions, f.clusters)))
    if len(crumbs) > 1 and len(f.regions) <= 1 and len(f.clusters) <= 1:
        cols = st.columns(len(crumbs), vertical_alignment="center")
        for i, (label, target) in enumerate(crumbs):
            if i == len(crumbs) - 1:
                cols[i].markdown(f"**{md_escape(label[:60])}**")
            else:
                cols[i].button(f"‹ {md_escape(label[:40])}", key=f"net_up_{i}",
                               on_click=netpanel.queue, args=("up", target), width="stretch")
    if f.focus and f.focus in E:
        st.markdown(t("net.ego", name=md_escape(E.nodes[f.focus].get("name") or f.focus),
                      steps=netstate.count("step", f.hops)))
    if V.focus_missing:
        st.warning(t("net.focus_missing"))
    total = netstate.count("node", V.n_filtered)
    if V.aggregated:
        st.caption(t("net.grouped", n=total, by=t(f"net.by.{V.group_by}")))
    elif V.group_by == "capped":
        rest = H.graph.get("capped") or 0
        st.caption(t("net.capped", n=total, shown=fmt_int(V.n_filtered - rest, current_lang()),
                     rest=fmt_int(rest, current_lang())))

canvas_col, panel_col = st.columns([7, 3])
with canvas_col:
    ev = netview.canvas(data, height=720, scene=res["scene"], selected=ws.selected,
                        lang=current_lang(), sig=res["sig"], on_click=netpanel.queue)
    st.caption(t("net.drawn", nodes=netstate.count("node", info["nodes"]),
                 edges=netstate.count("edge", info["edges"]),
                 total=netstate.count("entity", E.number_of_nodes()))
               + " " + t("net.click_hint"))
    if info.get("sample"):
        st.caption(t("net.sample", k=info["sample"]))
clicked = netview.new_event(ev)     # normally handled by on_click before this run
if clicked:
    netview.act(clicked, "net_canvas", netpanel.queue)
    st.rerun()

with panel_col:
    st.markdown(f"**{t('np.title')}**")
    sel = ws.selected
    if sel and sel in H and H.nodes[sel].get("label") == "Supernode":
        netpanel.group_panel(H, sel, X, count_text=netstate.count_text)
    elif sel and sel in X:
        netpanel.node_panel(G, X, sel, org_view=org_view, cnames=cnames, mem=mem)
    else:
        st.caption(t("np.none"))
    if ws.expanded or ws.hidden:
        st.caption(t("net.ws", exp=netstate.count("expanded", len(ws.expanded)),
                     hide=netstate.count("expanded", len(ws.hidden))))
        st.button(t("net.ws_reset"), key="net_ws_reset", on_click=netpanel.queue,
                  args=("reset", ""), icon=":material/restart_alt:")


# ------------------------------------------------------------------ legend
def _dot(color: str, label: str, shape: str = "50%") -> str:
    return (f"<span style='display:inline-block;width:11px;height:11px;border-radius:{shape};"
            f"background:{esc(color)};margin:0 4px 0 12px;vertical-align:middle'></span>"
            f"{esc(label)}")


rows = []
if info["sectors"]:
    rows.append(f"<b>{esc(t('lg.sector'))}</b>" + "".join(
        _dot(c, state.sector_name(s)) for s, c in entities.SECTOR_COLORS.items()
        if s in info["sectors"]))
if info["clusters"]:
    items = sorted(info["clusters"].items(), key=lambda kv: (len(kv[0]), kv[0]))
    rows.append(f"<b>{esc(t('lg.cluster'))}</b>" + "".join(
        _dot(c, f"{k}: {cnames.get(k, k)}") for k, c in items[:24]))
shapes = []
if info["types"] & set(ORG_KINDS):
    shapes.append(t("shape.dot"))
for ty in ("person", "initiative", "event", "region"):
    if ty in info["types"]:
        shapes.append(t(f"shape.{ty}"))
if shapes:
    rows.append(f"<b>{esc(t('lg.shapes'))}</b> " + " &nbsp; ".join(esc(s) for s in shapes))
notes = []
if info["groups"]:
    notes.append(t("lg.groups"))
if V.group_by == "capped":
    notes.append(t("lg.rest"))
notes.append(t("lg.width_org" if org_view else "lg.width"))
notes.append(t("lg.labels"))
rows.append(esc(" ".join(notes)))
with canvas_col:
    st.html(f"<div style='font-size:0.85rem;color:#444;line-height:1.9'>"
            f"<b>{esc(t('lg.title'))}</b><br>" + "<br>".join(rows) + "</div>")

full = V.filtered if V.filtered is not None else V.graph
n_full = V.n_filtered if V.filtered is not None else V.graph.number_of_nodes()
if st.toggle(t("net.table", n=fmt_int(n_full, current_lang())), key="net_show_table"):
    st.dataframe([{"id": r["id"], t("col.name"): r["name"],
                   t("col.type"): state.type_name(r["type"]),
                   t("col.province"): r["province"], t("col.degree"): r["degree"]}
                  for r in netstate.table(d, res)], hide_index=True, column_config={"id": None})

st.subheader(t("net.export"))
cols = st.columns(5)
pictures.picture_buttons(cols[3:], H, data, key="net_pic", cluster_names=cnames,
                         type_names=state.type_names())
for col, (fmt, ext, mime) in zip(cols, (("graphml", "graphml", "application/xml"),
                                        ("gexf", "gexf", "application/xml"),
                                        ("csv", "zip", "application/zip"))):
    # computed only when clicked
    col.download_button(t(f"export.{fmt}"),
                        data=lambda fmt=fmt: export_bytes(entities.export_graph(full), fmt),
                        file_name=f"zorgnet-netwerk.{ext}", mime=mime, key=f"net_dl_{fmt}",
                        on_click="ignore")
st.caption(t("net.export_note"))

# ------------------------------------------------------------------ ahead of a click
jobs = []
if V.aggregated:
    for k in sorted(H, key=lambda k: (-int(H.nodes[k].get("size") or 0), str(k))):
        drilled = _drilled(f, k)
        if drilled is not None:
            jobs.append((_drawn_filter(drilled[0]), drilled[1]))
# the organisation view's graph too (built once per data version, seconds at national scale)
then = None if org_view else (lambda: netstate.org_graph(d, f.start, f.end))
netstate.prefetch(d, X, ss.net_mode, jobs, WorkingSet(hidden=ws.hidden), ss.net_size,
                  mem, cnames, then=then)
