"""Zorgnet — the network explorer of the Zorgpact (entry point, rendering only).

Run with ``zorgnet app`` or ``streamlit run streamlit_app.py``. The pages are in
``app/pages/``; everything they compute is in :mod:`graph` (entities, view, tables,
netpage and the analysis modules).
"""

from __future__ import annotations

import streamlit as st

from app import dutch, state
from app.i18n import t
from graph.resources import code_root

# `streamlit run` puts this file's folder first on sys.path itself (the checkout, or
# site-packages for an installed wheel): the code packages import from there.
ROOT = code_root()

st.set_page_config(page_title="Zorgnet", page_icon=":material/hub:", layout="wide")
state.init_lang()

PAGES = [
    ("overzicht", "nav.overview", ":material/dashboard:"),
    ("netwerk", "nav.network", ":material/hub:"),
    ("clusters", "nav.clusters", ":material/bubble_chart:"),
    ("regios", "nav.regions", ":material/map:"),
    ("verbindingen", "nav.links", ":material/add_link:"),
    ("profiel", "nav.profile", ":material/badge:"),
    ("cypher", "nav.cypher", ":material/terminal:"),
    ("laden", "nav.load", ":material/upload_file:"),
    ("export", "nav.export", ":material/download:"),
]
pages = [st.Page(str(ROOT / "app" / "pages" / f"{name}.py"), title=t(key), icon=icon,
                 url_path=name, default=(name == "overzicht"))
         for name, key, icon in PAGES]
nav = st.navigation(pages)
state.language_switch()
dutch.install(state.current_lang_code())
nav.run()
