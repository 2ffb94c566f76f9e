"""Clusters & makelaars: clusters with description, members and modularity; brokers."""

from __future__ import annotations

import streamlit as st

from app import state
from app.fmt import num
from app.i18n import err, t
from app.markup import md_escape
from app.reasons import reasons_text

st.title(t("cl.title"))
st.caption(t("cl.intro"))

d = state.data()
if state.no_data(d):
    st.stop()
an = d.analysis()
errors = an.get("errors") or {}
E = d.E


def share_text(items, fmt=lambda x: x) -> str:
    return ", ".join(f"{fmt(x['name'])} ({round(100 * x['share'])}%)" for x in items or [])


def share_md(items, fmt=lambda x: x) -> str:
    """:func:`share_text` for Markdown (names escaped)."""
    return md_escape(share_text(items, fmt))


# ------------------------------------------------------------------ clusters
cl = an.get("clusters")
if not cl:
    st.info(t("cl.none") if "clusters" not in errors or "Empty" in errors.get("clusters", "")
            else t("err.analysis", msg=md_escape(err(errors["clusters"]))))
else:
    st.markdown(t("cl.summary", n=cl["n_clusters"], method=cl["method"],
                  q=num(cl["modularity"], 3), iso=num(cl["n_isolated"], 0)))
    rows = [{"id": c["id"], t("col.name"): c["label"], t("col.size"): c["size"],
             t("cl.where"): share_text(c["provinces"]),
             t("cl.sectors"): share_text(c["sectors"], state.sector_name),
             t("col.density"): c["density"]}
            for c in cl["clusters"]]
    st.dataframe(rows, hide_index=True, column_config={"id": st.column_config.NumberColumn(
        "#", width="small")})
    members = {}
    for n, c in (cl.get("membership") or {}).items():
        members.setdefault(c, []).append(n)
    for c in cl["clusters"][:30]:
        with st.expander(f"#{c['id']} · {md_escape(c['label'])} · {c['size']} "
                         f"{t('cl.members').lower()}"):
            a, b = st.columns([3, 2])
            with a:
                st.markdown(f"**{t('cl.central')}**")
                st.dataframe([{t("col.name"): m["name"], t("col.sector"):
                               state.sector_name(m["sector"]),
                               t("br.col.strength"): m["internal_strength"]}
                              for m in c["central"]], hide_index=True)
                if c["initiatives"]:
                    st.markdown(f"**{t('cl.initiatives')}**")
                    st.dataframe([{t("col.name"): i["name"],
                                   t("cl.members"): f"{i['members_in_cluster']} / {i['size']}"}
                                  for i in c["initiatives"]], hide_index=True)
            with b:
                st.markdown(f"**{t('cl.where')}**: {share_md(c['provinces'])}  \n"
                            f"**{t('cl.sectors')}**: "
                            f"{share_md(c['sectors'], state.sector_name)}  \n"
                            + t("cl.density", d=num(c["density"], 3)))
                ms = sorted((n for n in members.get(c["id"], []) if n in E),
                            key=lambda n: str(E.nodes[n].get("name") or n).casefold())
                st.markdown(f"**{t('cl.members')}** ({len(ms)})")
                st.dataframe([{t("col.name"): E.nodes[n].get("name") or n,
                               t("col.type"): state.type_name(E.nodes[n].get("type")),
                               t("col.province"): E.nodes[n].get("province") or ""}
                              for n in ms[:500]], hide_index=True, height=220)
                st.page_link("app/pages/netwerk.py", label=t("cl.show"), icon=":material/hub:",
                             query_params={"cluster": str(c["id"]), "color": "cluster"})

# ------------------------------------------------------------------ brokers
st.header(t("br.title"), anchor=False)
br = an.get("brokers")
if not br:
    if errors.get("brokers"):
        st.info(t("err.analysis", msg=md_escape(err(errors["brokers"]))))
    st.stop()


def broker_rows(items, extra=()):
    out = []
    for x in items:
        r = {"id": x.get("id"), t("col.name"): x.get("name"),
             t("col.type"): state.type_name(x.get("kind")),
             t("col.province"): x.get("province") or "",
             t("br.col.partners"): x.get("degree"),
             # figures as text with the language's decimal separator (fixed decimals)
             t("br.col.strength"): num(x.get("strength"), 2),
             t("br.col.betweenness"): num(x.get("betweenness"), 4),
             t("br.col.constraint"): num(x.get("constraint"), 3)}
        for k, label in extra:
            r[label] = x.get(k)
        r[t("why.col")] = reasons_text(x.get("why"), state.current_lang_code())
        out.append(r)
    return out


cfg = {"id": None}
tabs = st.tabs([t("br.degree"), t("br.betweenness"), t("br.constraint"), t("br.sector"),
                t("br.region")])
with tabs[0]:
    st.dataframe(broker_rows(br["degree"]["top"]), hide_index=True, column_config=cfg)
with tabs[1]:
    b = br["betweenness"]
    st.caption(t("br.exact", k=b["k"]) if b.get("exact")
               else t("br.sampled", k=b["k"], seed=b.get("seed", 0)) if b.get("k")
               else t("br.kadabra", seed=b.get("seed", 0)))
    st.dataframe(broker_rows(b["top"]), hide_index=True, column_config=cfg)
with tabs[2]:
    st.dataframe(broker_rows(br["constraint"]["top"]), hide_index=True, column_config=cfg)
for tab, key in ((tabs[3], "sector_bridges"), (tabs[4], "region_bridges")):
    with tab:
        sb = br[key]
        st.caption(t("br.candidates", n=sb.get("n", len(sb["top"])), top=len(sb["top"])))
        st.dataframe([{t("col.name"): x["name"],
                       t("col.sector") if key == "sector_bridges" else t("col.province"):
                       state.sector_name(x.get("sector")) if key == "sector_bridges"
                       else (x.get("province") or ""),
                       t("col.reason"): reasons_text(x.get("why"), state.current_lang_code())
                       or x["reason"]} for x in sb["top"]],
                     hide_index=True)
