"""Regio's & gaten: region × sector heatmap, region × region ties, the gaps."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from app import state
from app.i18n import t
from app.reasons import reasons_text
from graph import view

st.title(t("rg.title"))

d = state.data()
if state.no_data(d):
    st.stop()
an = d.analysis()
errors = an.get("errors") or {}

# ------------------------------------------------------------------ one click to a region
st.subheader(t("rg.goto"))
hm = view.region_sector_matrix(d.E)
totals = hm.sum(axis=1)
cols = st.columns(6)
for i, prov in enumerate(p for p in hm.index if p != "onbekend"):
    cols[i % 6].page_link("app/pages/netwerk.py",
                          label=f"{view.md_escape(prov)} ({int(totals[prov])})",
                          icon=":material/hub:", query_params={"region": f"province:{prov}"},
                          disabled=int(totals[prov]) == 0)
others = [r for r in view.region_options(d.E) if not r.startswith("province:")]
if others:
    c1, c2 = st.columns([3, 2])

    def region_label(key: str) -> str:
        level, _, name = key.partition(":")
        return t(f"region.{level}", name=name) if level in (
            "municipality", "labour_market_region") else name

    pick = c1.selectbox(t("rg.goto_pick"), others, key="rg_pick", format_func=region_label)
    c2.page_link("app/pages/netwerk.py",
                 label=t("rg.goto_btn", name=view.md_escape(region_label(pick))),
                 icon=":material/arrow_forward:", query_params={"region": pick})

# ------------------------------------------------------------------ heatmap
left, right = st.columns(2)
with left:
    st.subheader(t("rg.heat"))
    z = hm.values
    fig = go.Figure(go.Heatmap(
        z=z, x=[state.sector_name(s) for s in hm.columns],
        y=[p if p != "onbekend" else t("tip.unknown") for p in hm.index],
        text=z, texttemplate="%{text}", colorscale="Teal", showscale=False,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>"))
    fig.update_layout(height=460, margin=dict(l=10, r=10, t=10, b=10),
                      yaxis=dict(autorange="reversed"))
    st.plotly_chart(fig, config={"displaylogo": False})
    st.caption(t("rg.heat_note"))

with right:
    st.subheader(t("rg.ties"))
    gp = an.get("gaps") or {}
    M = gp.get("matrix")
    if M:
        names, ties = M["regions"], M["ties"]
    elif d.C is not None:
        tm = view.region_tie_matrix(d.C)
        names, ties = list(tm.index), tm.values.tolist()
    else:
        names, ties = [], []
    if names:
        fig = go.Figure(go.Heatmap(
            z=ties, x=names, y=names, text=ties, texttemplate="%{text}",
            colorscale="Oranges", showscale=False,
            hovertemplate="%{y} — %{x}: %{z}<extra></extra>"))
        fig.update_layout(height=460, margin=dict(l=10, r=10, t=10, b=10),
                          yaxis=dict(autorange="reversed"), xaxis=dict(tickangle=-45))
        st.plotly_chart(fig, config={"displaylogo": False})
        st.caption(t("rg.ties_note"))

# ------------------------------------------------------------------ gaps
st.subheader(t("rg.gaps"))
if not an.get("gaps"):
    st.info(t("rg.gaps_missing") + (f" ({view.md_escape(errors['gaps'])})"
                                    if errors.get("gaps") else ""))
    st.stop()
gaps = an["gaps"].get("gaps") or []
if not gaps:
    st.success(t("rg.gaps_none"))
    st.stop()
TYPE = {"driehoek": {"nl": "gouden driehoek", "en": "golden triangle"},
        "binnen": {"nl": "weinig banden binnen", "en": "few ties within"},
        "tussen": {"nl": "weinig banden tussen", "en": "few ties between"}}
lang = state.current_lang_code()
types = sorted({g["type"] for g in gaps})
chosen = st.multiselect(t("col.type"), types, default=types, key="rg_types",
                        format_func=lambda x: TYPE.get(x, {}).get(lang, x))
shown = [g for g in gaps if g["type"] in chosen]
st.caption(t("rg.gaps_count", n=len(shown), k=min(len(shown), 100)))
for i, g in enumerate(shown[:100]):
    level = g.get("level", "province")
    with st.container(border=True):
        c1, c2 = st.columns([8, 2], vertical_alignment="center")
        c1.markdown(f"**{view.md_escape(' — '.join(g['regions']))}** · "
                    f"{TYPE.get(g['type'], {}).get(lang, g['type'])}")
        c1.caption(view.md_escape(reasons_text(g.get("reasons"), lang) or g["reason"]))
        c2.page_link("app/pages/netwerk.py", label=t("rg.to_network"),
                     icon=":material/arrow_forward:",
                     query_params={"region": ",".join(f"{level}:{r}" for r in g["regions"])})
no_data = an["gaps"].get("no_data") or []
if no_data:
    with st.expander(t("why.no_data_title") + f" ({len(no_data)})"):
        st.markdown("  \n".join(view.md_escape(reasons_text([x], lang)) for x in no_data))
baseline = an["gaps"].get("baseline") or {}
if baseline:
    with st.expander("Baseline"):
        st.json(baseline, expanded=False)
