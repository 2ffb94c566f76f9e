"""Export: the network page's current view (its filters) or the whole graph."""

from __future__ import annotations

import streamlit as st

from app import state
from app.i18n import t
from app.labels import labelled
from app.markup import md_escape
from graph import entities, view
from graph.export import export_bytes
from graph.view import ViewFilter

st.title(t("ex.title"))
st.caption(t("ex.intro"))

d = state.data()
if state.no_data(d):
    st.stop()

FORMATS = (("graphml", "graphml", "application/xml"), ("gexf", "gexf", "application/xml"),
           ("csv", "zip", "application/zip"))

# the filters of the network page in this session, else the ones in this page's URL
params = st.session_state.get("net_filter") or {k: v for k, v in st.query_params.items()}
f = ViewFilter.from_params(params)
an = d.analysis() if f.clusters else {}
V = view.build_view(d.E, f, state.membership(an) or None)
H = V.filtered if V.filtered is not None else V.graph

lang = state.current_lang_code()
tnames, snames = state.type_names(), {s: state.sector_name(s) for s in entities.SECTOR_COLORS}


def _picture(fmt: str) -> bytes:
    """The current view as a picture (same layout as the Netwerk page's, computed
    when the button is clicked)."""
    from graph.picture import network_picture  # lazy: loads networkx

    return network_picture(V.graph, fmt=fmt, type_names=tnames, sector_names=snames)


st.subheader(t("ex.current"))
shown = ", ".join(f"{k}={v}" for k, v in f.as_params().items())
st.caption(t("ex.filters", f=md_escape(shown) if shown else t("ex.no_filters")))
st.markdown(t("ex.size", nodes=H.number_of_nodes(), edges=H.number_of_edges()))
st.page_link("app/pages/netwerk.py", label=t("nav.network"), icon=":material/hub:",
             query_params=f.as_params())
cols = st.columns(len(FORMATS))
for col, (fmt, ext, mime) in zip(cols, FORMATS):
    col.download_button(t(f"export.{fmt}"),
                        data=lambda fmt=fmt: export_bytes(
                            labelled(entities.export_graph(H), lang), fmt),
                        file_name=f"zorgnet-weergave.{ext}", mime=mime, key=f"ex_view_{fmt}",
                        icon=":material/download:", on_click="ignore")

pcols = st.columns(len(FORMATS))
for col, fmt, mime in zip(pcols, ("svg", "png"), ("image/svg+xml", "image/png")):
    col.download_button(t(f"pic.{fmt}"), data=lambda fmt=fmt: _picture(fmt),
                        file_name=f"zorgnet-weergave.{fmt}", mime=mime, key=f"ex_pic_{fmt}",
                        icon=":material/image:", on_click="ignore")

st.subheader(t("ex.whole"))
st.caption(t("ex.whole_note"))
cols = st.columns(len(FORMATS))
for col, (fmt, ext, mime) in zip(cols, FORMATS):
    col.download_button(t(f"export.{fmt}"), data=lambda fmt=fmt: export_bytes(d.G, fmt),
                        file_name=f"zorgnet-graaf.{ext}", mime=mime, key=f"ex_all_{fmt}",
                        icon=":material/download:", on_click="ignore")
