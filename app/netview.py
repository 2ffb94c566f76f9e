"""The Netwerk canvas as a Streamlit component that answers clicks.

The frontend (``graph/static/netview/``: plain HTML and JavaScript using the
component protocol over ``postMessage``, vis-network vendored beside it) draws
the nodes and edges of :func:`graph.netpage.network_data`. A click returns
``{"action": "select" | "drill" | "expand", "node": id, "n": nonce}``; the page
acts on each nonce once (:func:`new_event`), in the component's ``on_change``
callback (:func:`handle_click`), so a click costs one script run, not two.
"""

from __future__ import annotations

import hashlib
import json
from functools import partial

import streamlit as st
import streamlit.components.v1 as components

from graph.netpage import VIS_DIR

_component = components.declare_component("zorgnet_network", path=str(VIS_DIR))


def signature(data: dict) -> str:
    """A short hash of what is drawn (the canvas redraws only when it changes)."""
    blob = json.dumps([data["nodes"], data["edges"]], sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _sent_key(key: str) -> str:
    return f"_{key}_sent"


def canvas(data: dict, *, height: int, scene: str, selected: str | None, lang: str,
           key: str = "net_canvas", sig: str | None = None, on_click=None):
    """Draw ``data`` and return the last click (or None). A new click is also given
    to ``on_click(action, node)`` before the next script run (:func:`handle_click`).

    The nodes and edges (up to a megabyte at 500 nodes) are sent only when the
    drawing differs from the one this session's canvas already holds; a rerun that
    changes nothing drawn (a click that opens the side panel) sends the signature
    alone. A canvas that lacks the drawing (reloaded) asks for it again
    (``"resend"``)."""
    sig = sig or signature(data)
    ss = st.session_state
    args = {"height": int(height), "sig": sig, "scene": scene, "selected": selected,
            "lang": lang}
    if ss.get(_sent_key(key)) != sig:
        args.update(nodes=data["nodes"], edges=data["edges"], options=data["options"])
    ev = _component(**args, key=key, default=None,
                    on_change=partial(handle_click, key, on_click) if on_click else None)
    ss[_sent_key(key)] = sig
    return ev


def handle_click(key: str, handle) -> None:
    """The canvas's ``on_change`` callback: a new click (``st.session_state[key]``)
    goes to ``handle(action, node)`` before the script runs, so the run that
    follows already draws its result; a ``"resend"`` makes it send the drawing."""
    ev = new_event(st.session_state.get(key))
    if ev:
        act(ev, key, handle)


def act(ev: dict, key: str, handle) -> None:
    """Carry out click ``ev`` of canvas ``key``: ``"resend"`` forgets what was sent,
    anything else goes to ``handle(action, node)``."""
    if ev["action"] == "resend":
        st.session_state.pop(_sent_key(key), None)
    elif handle is not None:
        handle(ev["action"], ev["node"])


def new_event(ev, seen_key: str = "_net_seen_event") -> dict | None:
    """``ev`` when it is a click not handled before, else None."""
    if not isinstance(ev, dict) or not ev.get("n") or not ev.get("node"):
        return None
    if st.session_state.get(seen_key) == ev["n"]:
        return None
    st.session_state[seen_key] = ev["n"]
    return ev
