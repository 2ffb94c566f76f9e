"""Regio's & gaten: region × sector heatmap, region × region ties, the gaps."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from app import state
from app.dutch import plotly_config
from app.i18n import err, t
from app.markup import md_escape
from app.reasons import reasons_text
from graph import entities, tables

st.title(t("rg.title"))

d = state.data()
if state.no_data(d):
    st.stop()
an = d.analysis()
errors = an.get("errors") or {}

# ------------------------------------------------------------------ one click to a region
st.subheader(t("rg.goto"))
hm = tables.region_sector_matrix(d.E)
totals = hm.sum(axis=1)
cols = st.columns(6)
for i, prov in enumerate(p for p in hm.index if p != "onbekend"):
    cols[i % 6].page_link("app/pages/netwerk.py",
                          label=f"{md_escape(prov)} ({int(totals[prov])})",
                          icon=":material/hub:", query_params={"region": f"province:{prov}"},
                          disabled=int(totals[prov]) == 0)
others = [r for r in entities.region_options(d.E) if not r.startswith("province:")]
if others:
    c1, c2 = st.columns([3, 2])

    def region_label(key: str) -> str:
        level, _, name = key.partition(":")
        return t(f"region.{level}", name=name) if level in (
            "municipality", "labour_market_region") else name

    pick = c1.selectbox(t("rg.goto_pick"), others, key="rg_pick", format_func=region_label)
    c2.page_link("app/pages/netwerk.py",
                 label=t("rg.goto_btn", name=md_escape(region_label(pick))),
                 icon=":material/arrow_forward:", query_params={"region": pick})

# ------------------------------------------------------------------ regional report
@st.cache_data(show_spinner=False, max_entries=8)
def _report(target_: str, version: str, province: str, lang: str) -> str:
    from graph.report_html import build  # lazy: loads networkx

    return build(d.E, an, province, d.C, lang=lang)


with st.expander(t("rp.section"), icon=":material/print:"):
    from graph.report import provinces

    st.caption(t("rp.intro"))
    provs = provinces(d.E)
    if provs:
        r1, r2 = st.columns([3, 2], vertical_alignment="bottom")
        prov = r1.selectbox(t("rp.pick"), provs, key="rp_province")
        if r2.button(t("rp.make"), key="rp_make", icon=":material/description:"):
            st.session_state["rp_html"] = (prov, _report(d.target, d.version, prov,
                                                         state.current_lang_code()))
        made = st.session_state.get("rp_html")
        if made and made[0] == prov:
            slug = "".join(ch if ch.isalnum() else "-" for ch in prov.lower())
            st.download_button(t("rp.download"), data=made[1].encode("utf-8"),
                               file_name=f"zorgnet-regiorapport-{slug}.html",
                               mime="text/html", key="rp_download", on_click="ignore",
                               icon=":material/download:")
            state.render_html(made[1], 700)
    else:
        st.info(t("rp.none"))

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
    st.plotly_chart(fig, config=plotly_config(displaylogo=False))
    st.caption(t("rg.heat_note"))

with right:
    st.subheader(t("rg.ties"))
    gp = an.get("gaps") or {}
    M = gp.get("matrix")
    if M:
        names, ties = M["regions"], M["ties"]
    elif d.C is not None:
        tm = tables.region_tie_matrix(d.C)
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
        st.plotly_chart(fig, config=plotly_config(displaylogo=False))
        st.caption(t("rg.ties_note"))

# ------------------------------------------------------------------ gaps
st.subheader(t("rg.gaps"))
if not an.get("gaps"):
    st.info(t("rg.gaps_missing") + (f" ({md_escape(err(errors['gaps']))})"
                                    if errors.get("gaps") else ""))
    st.stop()
gaps = an["gaps"].get("gaps") or []
if not gaps:
    st.success(t("rg.gaps_none"))
    st.stop()
types = sorted({g["type"] for g in gaps})
lang = state.current_lang_code()


def gap_type(x: str) -> str:
    return t(f"gap.{x}") if x in ("driehoek", "binnen", "tussen") else x


chosen = st.multiselect(t("col.type"), types, default=types, key="rg_types",
                        format_func=gap_type)
shown = [g for g in gaps if g["type"] in chosen]
st.caption(t("rg.gaps_count", n=len(shown), k=min(len(shown), 100)))
for i, g in enumerate(shown[:100]):
    level = g.get("level", "province")
    with st.container(border=True):
        c1, c2 = st.columns([8, 2], vertical_alignment="center")
        c1.markdown(f"**{md_escape(' — '.join(g['regions']))}** · "
                    f"{gap_type(g['type'])}")
        c1.caption(md_escape(reasons_text(g.get("reasons"), lang) or g["reason"]))
        c2.page_link("app/pages/netwerk.py", label=t("rg.to_network"),
                     icon=":material/arrow_forward:",
                     query_params={"region": ",".join(f"{level}:{r}" for r in g["regions"])})
no_data = an["gaps"].get("no_data") or []
if no_data:
    with st.expander(t("why.no_data_title") + f" ({len(no_data)})"):
        st.markdown("  \n".join(md_escape(reasons_text([x], lang)) for x in no_data))
baseline = an["gaps"].get("baseline") or {}
if baseline:
    with st.expander(t("gap.baseline")):
        st.json(baseline, expanded=False)
