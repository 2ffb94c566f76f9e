"""Pictures to take away: the network exactly as the Netwerk page draws it, as SVG
or PNG (:func:`graph.picture.network_picture` with the page's positions, colours,
labels and legend), offered as download buttons that compute only when clicked."""

from __future__ import annotations

import networkx as nx

from app.i18n import t
from graph.entities import SECTOR_COLORS
from graph.picture import network_picture


def drawing_picture(H: nx.Graph, data: dict, fmt: str, *, cluster_names: dict | None = None,
                    type_names: dict | None = None, title: str | None = None) -> bytes:
    """``H`` drawn with the vis-network ``data`` of the page (positions, colours,
    labels; :func:`graph.netpage.network_data`) as ``fmt`` (``"svg"``/``"png"``)."""

    by_id = {n["id"]: n for n in data.get("nodes") or []}
    keys = {n: str(n) for n in H if str(n) in by_id}
    pos = {n: (by_id[k]["x"], by_id[k]["y"]) for n, k in keys.items()}
    colors = {n: (by_id[k].get("color") or {}).get("background", "#7f7f7f")
              for n, k in keys.items()}
    labels = {n: by_id[k].get("label") for n, k in keys.items()}
    info = data.get("info") or {}
    legend = {t(f"sector.{s}"): SECTOR_COLORS[s] for s in sorted(info.get("sectors") or ())
              if s in SECTOR_COLORS}
    for c, col in sorted((info.get("clusters") or {}).items(), key=lambda kv: str(kv[0])):
        name = (cluster_names or {}).get(str(c))
        legend[f"{t('tip.cluster')} {c}" + (f": {name}" if name else "")] = col
    return network_picture(H.subgraph(keys), fmt=fmt, pos=pos, colors=colors, labels=labels,
                           legend=legend, type_names=type_names, title=title)


def picture_buttons(cols, H: nx.Graph, data: dict, *, key: str, name: str = "zorgnet-netwerk",
                    **kwargs) -> None:
    """An SVG and a PNG download button in the two columns ``cols``."""
    for col, fmt, mime in zip(cols, ("svg", "png"), ("image/svg+xml", "image/png")):
        col.download_button(t(f"pic.{fmt}"),
                            data=lambda fmt=fmt: drawing_picture(H, data, fmt, **kwargs),
                            file_name=f"{name}.{fmt}", mime=mime, key=f"{key}_{fmt}",
                            on_click="ignore", icon=":material/image:")
