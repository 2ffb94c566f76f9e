"""The app's shared state: the store, the caches, the language and the URL.

* The store is a ``st.cache_resource`` keyed by :func:`graph.store.describe_target`
  (so another ``ZORGNET_DB`` opens another store) and closed when released.
  Calls are serialised with a lock: Streamlit runs sessions in threads.
* The projection and the graphs derived from it are ``st.cache_resource`` (big,
  read-only, never copied); analysis results are ``st.cache_data``. Both are keyed
  on :func:`store_version` (the store's ``version()``: node and relationship counts
  plus the newest ``loaded_at``) so loading data refreshes every page.
* The app holds no Cypher: it calls store methods and named queries
  (``cypher/*.cypher`` via :func:`graph.queries.run_named`).
* Filters live in ``st.query_params`` so a view can be shared as a link.
"""

from __future__ import annotations

import gc
import threading

import streamlit as st

from app.i18n import LANGS, current_lang, err, t
from app.markup import md_escape
from graph.exceptions import EmptyGraphError
from graph.model import REL_TABLES
from graph.queries import run_named
from graph.store import StoreUnavailable, describe_target, open_store
from loaders.demo import demo_batches

#: How the graph is read from the store; the benchmark swaps it for a synthetic one.
def load_graph(store):
    from graph.projection import to_networkx  # lazy: loads networkx

    return to_networkx(store)


class LockedStore:
    """A store whose calls are serialised (one connection, many session threads).

    Console queries (``read``) bypass the lock: they never use the shared
    connection (a worker process on LadybugDB, an own session on Neo4j), so a slow
    console query cannot make the other sessions wait.
    """

    UNLOCKED = frozenset({"read"})

    def __init__(self, store):
        self._store = store
        self._lock = threading.RLock()

    def __getattr__(self, name):
        attr = getattr(self._store, name)
        if not callable(attr) or name in self.UNLOCKED:
            return attr
        lock = self._lock

        def call(*args, **kwargs):
            with lock:
                return attr(*args, **kwargs)

        return call

    def close(self):
        with self._lock:
            self._store.close()


def _release(store) -> None:
    try:
        store.close()
    except Exception:  # pragma: no cover - closing twice is harmless
        pass


@st.cache_resource(show_spinner=False, on_release=_release)
def _open(target: str) -> LockedStore:

    return LockedStore(open_store())


def target() -> str:

    return describe_target()


def store() -> LockedStore:
    """The configured store, opened once per process; stops the page on failure."""

    try:
        s = _open(target())
    except StoreUnavailable as exc:

        st.error(t("err.store", msg=md_escape(err(exc))))
        st.stop()
    backup = getattr(s, "recovered_from", None)  # LadybugDB recovered an interrupted load
    if backup and not st.session_state.get("_recovered_shown"):
        st.session_state["_recovered_shown"] = True
        st.warning(t("msg.recovered", backup=str(backup).replace("`", "")))
    return s


def close_store() -> None:
    """Close the store and drop every cache (tests; a new store is opened lazily)."""
    st.cache_resource.clear()
    st.cache_data.clear()


def store_version(s=None) -> str:
    """Changes whenever data is loaded or removed (not on a verdict): see
    :meth:`graph.store.base.Store.version`."""
    return (s or store()).version()


def judged_version(s=None) -> str:
    """Changes whenever a verdict is stored: :meth:`graph.store.base.Store.judged_version`."""
    return (s or store()).judged_version()


# --------------------------------------------------------------------------- graphs


_settled = {"version": None}


def settle(obj, version: str):
    """``obj`` (a cached graph of store ``version``) with every object alive now moved
    out of the garbage collector's generations (:func:`gc.freeze`): a full collection
    would otherwise walk the million objects of a national graph (about a second, on
    any rerun that triggers one). Objects that die later are still freed by their
    reference counts; graphs of an older version dropped from the caches may hold
    reference cycles, so the first graph of a new version unfreezes and collects
    once before freezing again."""
    if _settled["version"] not in (None, version):
        gc.unfreeze()
        gc.collect()
    _settled["version"] = version
    gc.freeze()
    return obj


@st.cache_resource(show_spinner=False, max_entries=2)
def _graph(target_: str, version: str, _store):
    return settle(load_graph(_store), version)


@st.cache_resource(show_spinner=False, max_entries=2)
def _entity(target_: str, version: str, _G):
    from graph.entities import entity_graph  # lazy: loads networkx

    return settle(entity_graph(_G), version)


@st.cache_resource(show_spinner=False, max_entries=2)
def _collab(target_: str, version: str, _G):
    from graph.collaboration import collaboration_graph  # lazy: loads networkx, numpy

    try:
        return settle(collaboration_graph(_G), version)
    except EmptyGraphError:
        return None


class Data:
    """The graphs of the current store version (all cached)."""

    def __init__(self):
        self.store = store()
        self.target = target()
        self.version = store_version(self.store)
        with st.spinner(t("msg.loading_graph")):
            self.G = _graph(self.target, self.version, self.store)

    @property
    def E(self):
        return _entity(self.target, self.version, self.G)

    @property
    def C(self):
        return _collab(self.target, self.version, self.G)

    def analysis(self) -> dict:
        with st.spinner(t("msg.analysing")):
            return _analysis(self.target, self.version, self.G)

    @property
    def empty(self) -> bool:
        return not any(d.get("label") == "Organisation" for _, d in self.G.nodes(data=True))


def data() -> Data:
    return Data()


# --------------------------------------------------------------------------- analysis


#: At most this many verdicts are read for the Verbindingen page.
JUDGED_LIMIT = 100_000


def judged(s=None, limit: int = JUDGED_LIMIT) -> list[dict]:
    """The stored verdicts, newest first, live from the store (cheap; not cached):
    the named query ``beoordelingen`` (source, target, source_name, target_name,
    verdict, judged_at, judged_by, note)."""

    _, rows = run_named(s or store(), "beoordelingen", {"limit": int(limit)})
    return rows


@st.cache_data(show_spinner=False, max_entries=4)
def _analysis(target_: str, version: str, _G) -> dict:
    """:func:`graph.analysis.analyze_parts` (its fall-back part by part uses the cached
    collaboration graph), cached per store version."""
    from graph.analysis import analyze_parts  # lazy: loads igraph, numpy, matplotlib

    return analyze_parts(_G, lambda: _collab(target_, version, _G), seed=0, top=300)


def membership(an: dict) -> dict:
    cl = an.get("clusters") or {}
    return dict(cl.get("membership") or {})


def cluster_names(an: dict) -> dict[str, str]:
    cl = an.get("clusters") or {}
    return {str(c["id"]): c.get("label") or str(c["id"]) for c in cl.get("clusters") or []}


# --------------------------------------------------------------------------- language / URL


def init_lang() -> str:
    if "lang" not in st.session_state:
        q = st.query_params.get("lang")
        st.session_state["lang"] = q if q in LANGS else "nl"
    return st.session_state["lang"]


def language_switch() -> None:
    init_lang()
    st.sidebar.radio(t("lang.label"), LANGS, key="lang", horizontal=True,
                     format_func=lambda c: {"nl": "Nederlands", "en": "English"}[c])
    if current_lang() == "nl":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = current_lang()


def set_url(params: dict[str, str], managed: tuple[str, ...]) -> None:
    """Mirror ``params`` in the URL; managed keys that are absent are removed."""
    for k in managed:
        v = params.get(k)
        if v in (None, ""):
            if k in st.query_params:
                del st.query_params[k]
        elif st.query_params.get(k) != str(v):
            st.query_params[k] = str(v)


def url_default(key: str, value) -> None:
    """Seed a widget's state once (from the URL) before it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = value


def type_name(x: str | None) -> str:
    return t(f"type.{x}") if x else "–"


def sector_name(x: str | None) -> str:
    return t(f"sector.{x}") if x else "–"


def rel_name(x: str | None) -> str:
    return t(f"rel.{x}") if x else "–"


def rel_names() -> dict[str, str]:

    return {r: rel_name(r) for r in REL_TABLES}


def words() -> dict[str, str]:
    """Tooltip words for :mod:`graph.netpage` and :mod:`graph.view` in the current language."""
    return {k: t(f"tip.{k}") for k in ("type", "place", "province", "aliases", "degree",
                                      "evidence", "members", "more", "cluster", "group",
                                      "ties", "unknown", "date")}


def type_names() -> dict[str, str]:
    from graph.entities import ENTITY_TYPES  # lazy: loads networkx

    return {x: type_name(x) for x in ENTITY_TYPES}


def no_data(d: Data) -> bool:
    """Show the empty-database message (with a demo button); True when empty."""
    if not d.empty:
        return False
    st.info(t("msg.empty"))
    if st.button(t("btn.load_demo"), key="load_demo"):

        with st.spinner(t("msg.loading")):
            d.store.load(demo_batches())
        st.rerun()
    return True


# --------------------------------------------------------------------------- network view


def current_lang_code() -> str:

    return current_lang()


def render_html(page: str, height: int) -> None:
    """Show a self-contained HTML page (the network) in an iframe.

    ``page`` is built by :func:`graph.netpage.network_html` from escaped values only.
    ``st.iframe`` where available (Streamlit >= 1.52), else ``components.html``.
    """
    if hasattr(st, "iframe"):
        st.iframe(page, height=height)
    else:  # pragma: no cover - older Streamlit
        import streamlit.components.v1 as components

        components.html(page, height=height, scrolling=False)
