"""Ontbrekende verbindingen: ranked suggestions, judged and stored in the graph."""

from __future__ import annotations

import hashlib

import streamlit as st

from app import state
from app.fmt import day, num
from app.i18n import err, t
from app.markup import md_escape
from app.reasons import reasons_text

st.title(t("lk.title"))
st.caption(t("lk.intro"))

d = state.data()
if state.no_data(d):
    st.stop()
an = d.analysis()
errors = an.get("errors") or {}

msg = st.session_state.pop("lk_msg", None)
if msg:
    st.success(msg)

verdicts = state.judged(d.store)
judged_set = {frozenset((j["source"], j["target"])) for j in verdicts}
links = [s for s in (an.get("links") or []) if frozenset((s["a"], s["b"])) not in judged_set]
inis = [s for s in (an.get("initiatives") or [])
        if frozenset((s["org"], s["initiative"])) not in judged_set]


def _key(a: str, b: str) -> str:
    return hashlib.sha1(f"{a}|{b}".encode("utf-8")).hexdigest()[:12]


def judge(a: str, b: str, verdict: str, a_name: str, b_name: str) -> None:
    try:
        d.store.judge(a, b, verdict)
    except Exception as exc:  # QueryError: not an organisation/initiative pair
        st.session_state["lk_msg"] = None
        st.error(md_escape(err(exc)))
        return
    st.session_state["lk_msg"] = t("lk.saved", a=md_escape(a_name),
                                   b=md_escape(b_name), v=t(f"verdict.{verdict}"))


def card(a: str, b: str, a_name: str, b_name: str, s: dict, sub: str) -> None:
    lang = state.current_lang_code()
    reason = reasons_text(s.get("reasons"), lang) or s.get("reason", "")
    with st.container(border=True):
        c1, c2, c3 = st.columns([6, 2, 2], vertical_alignment="center")
        # names and reasons are data: Markdown-escaped, never HTML
        c1.markdown(f"**{md_escape(a_name)}** ↔ **{md_escape(b_name)}**")
        c1.caption(f"{md_escape(sub)} · {t('col.score')} {s.get('score_100', '–')}/100",
                   help=t("why.score_meaning"))
        c1.caption(md_escape(reason))
        with c1.expander(t("why.details")):
            comps = dict(s.get("scores") or {"score": s.get("score")})
            st.markdown("  \n".join(f"{md_escape(k)}: {num(v, 4, lang=lang)}"
                                     for k, v in comps.items()))
        k = _key(a, b)
        c2.button(t("lk.interesting"), key=f"lk_yes_{k}", icon=":material/thumb_up:",
                  on_click=judge, args=(a, b, "interessant", a_name, b_name),
                  width="stretch")
        c3.button(t("lk.not_relevant"), key=f"lk_no_{k}", icon=":material/thumb_down:",
                  on_click=judge, args=(a, b, "niet_relevant", a_name, b_name),
                  width="stretch")


tab_open, tab_ini, tab_judged = st.tabs([t("lk.open", n=len(links)),
                                         f"{t('type.initiative')} ({len(inis)})",
                                         t("lk.judged", n=len(verdicts))])
with tab_open:
    if an.get("links") is None:
        st.info(t("lk.missing") + (f" ({md_escape(err(errors['links']))})"
                                   if errors.get("links") else ""))
    elif not links:
        st.info(t("lk.none"))
    else:
        k = st.columns([2, 8])[0].number_input(t("lk.show_n"), 5, 300, 20, step=5, key="lk_n")
        st.caption(t("lk.more", n=len(links), k=min(k, len(links))))
        for s in links[:k]:
            sub = (f"{state.sector_name(s.get('a_sector'))} / "
                   f"{state.sector_name(s.get('b_sector'))} · {s.get('proximity') or ''}")
            card(s["a"], s["b"], s["a_name"], s["b_name"], s, sub)
with tab_ini:
    if an.get("initiatives") is None:
        st.info(t("lk.missing"))
    elif not inis:
        st.info(t("lk.none"))
    else:
        for s in inis[:50]:
            sub = f"{state.sector_name(s.get('org_sector'))} → {t('type.initiative').lower()}"
            card(s["org"], s["initiative"], s["org_name"], s["initiative_name"], s, sub)
with tab_judged:
    if not verdicts:
        st.info(t("lk.none_judged"))
    else:
        st.dataframe([{t("col.name"): j["source_name"], t("col.other"): j["target_name"],
                       t("col.verdict"): t(f"verdict.{j['verdict']}"),
                       t("col.judged_at"): day(j["judged_at"])} for j in verdicts],
                     hide_index=True)
