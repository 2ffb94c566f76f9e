"""The Netwerk page's side panel: what a clicked node or group is, its evidence,
and the buttons that change the working set (expand, hide, ego centre, drill).

Buttons only queue an action (:func:`queue`); the page applies it at the top of
the next run, before its widgets exist (Streamlit does not allow changing a
widget's value after it is drawn).
"""

from __future__ import annotations

import streamlit as st

from app import state
from app.i18n import current_lang, t
from app.i18n_net import fmt_num
from app.markup import md_escape

PENDING = "_net_pending"
MAX_RELATIONS = 12


def queue(action: str, node: str) -> None:
    st.session_state[PENDING] = {"action": action, "node": node}


def _line(label: str, value) -> None:
    if value:
        st.markdown(f"**{md_escape(label)}:** {md_escape(value)}")


def node_panel(G, X, n: str, *, org_view: bool, cnames: dict, mem: dict) -> None:
    """Details of entity ``n`` (``X``: the graph drawn from, entity or organisation)."""
    d = X.nodes[n]
    st.markdown(f"#### {md_escape(d.get('name') or n)}")
    _line(t("np.kind"), state.type_name(d.get("type")))
    _line(t("np.place"), d.get("place") or d.get("municipality"))
    _line(t("np.province"), d.get("province"))
    _line(t("np.aliases"), ", ".join(str(a) for a in d.get("aliases") or []))
    c = mem.get(n)
    if c is not None:
        _line(t("np.cluster"), f"{c}: {cnames.get(str(c), c)}")
    st.button(t("np.expand"), key="np_expand", on_click=queue, args=("expand", n),
              icon=":material/unfold_more:", width="stretch", type="primary")
    b2, b3 = st.columns(2)
    b2.button(t("np.hide"), key="np_hide", on_click=queue, args=("hide", n),
              icon=":material/visibility_off:", width="stretch")
    b3.button(t("np.ego"), key="np_ego", on_click=queue, args=("ego", n),
              icon=":material/center_focus_strong:", width="stretch")
    if n in G:
        st.page_link("app/pages/profiel.py", label=t("np.profile"), icon=":material/badge:",
                     query_params={"id": n})
    if org_view:
        _ties(X, n)
    else:
        _relations(G, n)


def _relations(G, n: str) -> None:
    from graph.tables import relation_rows  # lazy: loads networkx

    st.markdown(f"**{t('np.relations')}**")
    rows = relation_rows(G, n) if n in G else []
    if not rows:
        st.caption(t("np.no_relations"))
        return
    for r in rows[:MAX_RELATIONS]:
        st.markdown(f"{r['direction']} *{md_escape(state.rel_name(r['relation']))}* "
                    f"**{md_escape(r['other_name'])}**")
        bits = []
        if r.get("sentence"):
            bits.append(f"“{md_escape(r['sentence'])}”")
        if r.get("document"):
            bits.append(t("np.doc", doc=md_escape(r["document"])))
        if bits:
            st.caption(" — ".join(bits))
    if len(rows) > MAX_RELATIONS:
        st.caption(t("np.more_relations", n=len(rows) - MAX_RELATIONS))


def _ties(X, n: str) -> None:

    st.markdown(f"**{t('np.ties')}**")
    ents = X.graph.get("entities") or {}
    ties = sorted(X._adj[n].items(), key=lambda kv: -float(kv[1].get("weight") or 0))
    if not ties:
        st.caption(t("np.no_relations"))
        return
    for m, e in ties[:MAX_RELATIONS]:
        via = [str((ents.get(x) or {}).get("name") or x)
               for x in [*(e.get("initiatives") or []), *(e.get("events") or [])]][:4]
        line = (f"**{md_escape(X.nodes[m].get('name') or m)}** · "
                f"{md_escape(fmt_num(float(e.get('weight') or 0), current_lang()))}")
        st.markdown(line)
        if via:
            st.caption(t("np.shared", what=md_escape(", ".join(via))))
    if len(ties) > MAX_RELATIONS:
        st.caption(t("np.more_relations", n=len(ties) - MAX_RELATIONS))


def group_panel(S, k: str, X, *, count_text) -> None:
    """A group (super-node) or the "rest" node of a capped drawing."""
    d = S.nodes[k]
    rest = d.get("level") == "rest"
    st.markdown(f"#### {md_escape(t('np.rest') if rest else d.get('name'))}")
    st.caption(md_escape(count_text(d.get("types") or {}, parts=5)))
    if not rest and not str(k).endswith(":?"):
        st.button(t("np.drill"), key="np_drill", on_click=queue, args=("drill", k),
                  icon=":material/zoom_in:", type="primary", width="stretch")
    members = list(d.get("members") or [])
    if not members:
        return
    st.markdown(f"**{t('np.top')}**")
    for i, m in enumerate(members[:8]):
        st.button(md_escape(str(X.nodes[m].get("name") or m)[:60]), key=f"np_top_{i}",
                  on_click=queue, args=("pick" if rest else "centre", m), width="stretch")
    pick = st.selectbox(t("np.pick"), [""] + members[:5000], key="np_pick",
                        format_func=lambda m: str(X.nodes[m].get("name") or m) if m else "—")
    if pick:
        queue("pick" if rest else "centre", pick)
        st.session_state.pop("np_pick", None)
        st.rerun()
