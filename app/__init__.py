"""The Streamlit explorer (rendering only; the logic is in :mod:`graph`).

``streamlit_app.py`` is the entry; :mod:`app.state` holds the store, the caches
and the URL helpers; :mod:`app.i18n` the Dutch and English strings;
``app/pages/`` one module per page.
"""
