"""Overzicht: key figures, growth over time and a map of the organisations."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from app import state
from app.dutch import plotly_config
from app.fmt import num
from app.i18n import t
from app.markup import md_escape
from graph import entities, tables
from graph.geo import PROVINCES

st.title(t("overview.title"))
st.caption(t("overview.intro"))

d = state.data()
if state.no_data(d):
    st.stop()

kf = tables.key_figures(d.G)
cols = st.columns(6)
cols[0].metric(t("overview.orgs"), num(kf["organisations"], 0))
cols[1].metric(t("overview.initiatives"), num(kf["initiatives"], 0))
cols[2].metric(t("overview.events"), num(kf["events"], 0))
cols[3].metric(t("overview.documents"), num(kf["documents"], 0))
cols[4].metric(t("overview.provinces"), f"{len(kf['provinces'])} / {len(PROVINCES)}",
               help=md_escape(", ".join(kf["provinces"])) or None)
cols[5].metric(t("overview.relations"), num(kf["relations"], 0))
st.caption(t("overview.persons_munis", persons=num(kf["persons"], 0),
             munis=num(kf["municipalities"], 0)))

left, right = st.columns([1, 1])
with left:
    st.subheader(t("overview.per_kind"))
    kinds = kf["kinds"]
    if kinds:
        names = [state.type_name(k) for k in kinds]
        fig = go.Figure(go.Bar(x=list(kinds.values()), y=names, orientation="h",
                               marker_color=[entities.SECTOR_COLORS.get(
                                   entities.sector_of_type(k), "#888") for k in kinds],
                               text=list(kinds.values()), textposition="auto"))
        fig.update_layout(height=320, margin=dict(l=10, r=10, t=10, b=10),
                          yaxis=dict(autorange="reversed"), xaxis_title=t("overview.count"))
        st.plotly_chart(fig, config=plotly_config(displaylogo=False, displayModeBar=False))

with right:
    st.subheader(t("overview.growth"))
    g = tables.growth_table(d.G)
    if len(g):
        fig = go.Figure()
        fig.add_bar(x=g["year"], y=g["new_organisations"], name=t("overview.new_orgs"),
                    marker_color="#0b6e75")
        fig.add_scatter(x=g["year"], y=g["organisations"], name=t("overview.cum_orgs"),
                        mode="lines+markers", line=dict(color="#d62728"))
        fig.add_scatter(x=g["year"], y=g["documents"], name=t("overview.docs_year"),
                        mode="lines+markers", line=dict(color="#7f7f7f", dash="dot"))
        fig.update_layout(height=320, margin=dict(l=10, r=10, t=10, b=10),
                          legend=dict(orientation="h", y=-0.2), xaxis_type="category")
        st.plotly_chart(fig, config=plotly_config(displaylogo=False, displayModeBar=False))
    else:
        st.info(t("overview.no_dates"))
    if g.attrs.get("undated"):
        st.caption(t("overview.undated", n=g.attrs["undated"]))

st.subheader(t("overview.map"))
pts = tables.map_points(d.G, words=state.words())
placed = [p for p in pts if p["lat"] is not None]
unplaced = sum(p["count"] for p in pts if p["lat"] is None)
fig = go.Figure()
# A coarse outline and the province names for orientation: no tiles, nothing fetched.
fig.add_scatter(x=[p[0] for p in tables.NL_OUTLINE], y=[p[1] for p in tables.NL_OUTLINE],
                mode="lines", fill="toself", fillcolor="#ffffff",
                line=dict(color="#c5d3da", width=1), hoverinfo="skip", showlegend=False)
fig.add_scatter(x=[v["lon"] for v in PROVINCES.values()],
                y=[v["lat"] - 0.09 for v in PROVINCES.values()],
                mode="text", text=list(PROVINCES), textfont=dict(color="#9aa7b0", size=11),
                hoverinfo="skip", showlegend=False)
for sector in sorted({p["sector"] for p in placed}):
    ps = [p for p in placed if p["sector"] == sector]
    fig.add_scatter(
        x=[p["lon"] for p in ps], y=[p["lat"] for p in ps], mode="markers",
        name=state.sector_name(sector),
        marker=dict(size=[8 + 5 * (p["count"] ** 0.5) for p in ps], opacity=0.8,
                    color=entities.SECTOR_COLORS.get(sector, "#888"),
                    line=dict(color="#ffffff", width=1)),
        hovertext=[p["hover"] for p in ps], hoverinfo="text")
fig.update_layout(
    height=560, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="#f4f8fa",
    xaxis=dict(range=[3.2, 7.3], showgrid=False, zeroline=False, title=None,
               showticklabels=False),
    yaxis=dict(range=[50.7, 53.6], showgrid=False, zeroline=False, title=None,
               showticklabels=False, scaleanchor="x", scaleratio=1.6),
    legend=dict(orientation="h", y=-0.05))
st.plotly_chart(fig, config=plotly_config(displaylogo=False))
st.caption(t("overview.map_note", placed=sum(p["count"] for p in placed), unplaced=unplaced))
