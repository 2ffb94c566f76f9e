"""``zorgnet analyze``: clusters, brokers, regional gaps and suggested introductions.

::

    zorgnet analyze                      # korte samenvatting
    zorgnet analyze --json --out analyse.json
    zorgnet analyze --seed 3 --top 10 --van 2018-01-01 --tot 2019-12-31

The graph comes from the configured store (:func:`graph.store.open_store`),
projected with :func:`graph.projection.to_networkx`; the analysis is
:func:`graph.analysis.analyze`.
"""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from graph.exceptions import ZorgnetGraphError
from zorgnet.common import fail as _fail
from zorgnet.common import open_store_or_fail


def summary(res: dict, top: int = 5) -> str:
    """A short Dutch summary of an :func:`graph.analysis.analyze` result.

    >>> from graph.analysis import analyze
    >>> from graph.synthetic import synthetic_graph
    >>> text = summary(analyze(synthetic_graph(200, seed=1), top=3), top=3)
    >>> text.splitlines()[0].startswith("Samenwerking:")
    True
    """
    c = res["collaboration"]
    lines = [
        f"Samenwerking: {c['n_organisations']} organisaties, {c['n_ties']} banden, "
        f"{c['n_active']} actief, {c['n_isolated']} zonder banden.",
    ]
    cl = res["clusters"]
    if cl.get("n_clusters"):
        lines.append(f"Clusters ({cl['method']}, modulariteit {cl['modularity']:.3f}): "
                     f"{cl['n_clusters']}; de grootste:")
        for d in cl["clusters"][:top]:
            lines.append(f"  {d['id']:>3}. {d['label']} ({d['size']} organisaties)")
    br = res["brokers"]
    if "betweenness" in br:
        b = br["betweenness"]
        how = ("exact" if b["exact"] else f"geschat met k = {b['k']} bronnen" if b.get("k")
               else "geschat (KADABRA)")
        lines.append(f"Makelaars (betweenness, {how}):")
        for r in b["top"][:top]:
            lines.append(f"  {r['name']} ({r['sector']}, {r['province'] or '?'}): "
                         f"{r['betweenness']:.4f}, constraint {r['constraint']}")
        sb = br["sector_bridges"]["top"]
        if sb:
            lines.append("Sectorbruggen:")
            lines += [f"  {x['name']}: {x['reason']}" for x in sb[:top]]
        rb = br["region_bridges"]["top"]
        if rb:
            lines.append("Regiobruggen:")
            lines += [f"  {x['name']}: {x['reason']}" for x in rb[:top]]
    g = res["gaps"]
    counts = ", ".join(f"{v} {k}" for k, v in sorted(g["n_gaps"].items())) or "geen"
    lines.append(f"Regionale gaten ({counts}):")
    for kind in ("driehoek", "binnen", "tussen"):
        lines += [f"  {x['reason']}" for x in [y for y in g["gaps"] if y["type"] == kind][:top]]
    sug = res["suggestions"]
    if sug["organisations"]:
        lines.append("Voorgestelde kennismakingen:")
        lines += [f"  {x['reason']}" for x in sug["organisations"][:top]]
    if sug["initiatives"]:
        lines.append("Voorgestelde deelname aan initiatieven:")
        lines += [f"  {x['reason']}" for x in sug["initiatives"][:top]]
    if res["judged"]:
        lines.append(f"Al beoordeeld door het aanjagersteam: {len(res['judged'])} paren "
                     f"(niet opnieuw voorgesteld).")
    t = res["meta"]["timings"]
    lines.append(f"Rekentijd: {t['total']:.2f} s.")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add the ``analyze`` command to the ``zorgnet`` app."""

    @app.command()
    def analyze(
        as_json: bool = typer.Option(False, "--json/--no-json",
                                     help="Volledig resultaat als JSON in plaats van samenvatting."),
        seed: int = typer.Option(0, "--seed", help="Zaadwaarde voor clusters en steekproeven."),
        top: int = typer.Option(20, "--top", min=1, help="Lengte van de ranglijsten."),
        out: Optional[str] = typer.Option(None, "--out", help="Schrijf naar dit bestand."),
        start: Optional[str] = typer.Option(None, "--van", help="Begin van de periode (ISO)."),
        end: Optional[str] = typer.Option(None, "--tot", help="Einde van de periode (ISO)."),
        kinds: Optional[List[str]] = typer.Option(None, "--soort",
                                                  help="Alleen deze organisatiesoorten."),
        membership: bool = typer.Option(False, "--lidmaatschap",
                                        help="Neem per organisatie het clusternummer op."),
    ):
        """Analyseer het netwerk: clusters, makelaars, regionale gaten, voorstellen."""
        from graph.analysis import analyze as run  # lazy: igraph, scipy, leidenalg
        from graph.projection import to_networkx  # lazy: networkx

        with open_store_or_fail(read_only=True) as store:
            G = to_networkx(store)
        try:
            res = run(G, seed=seed, top=top, start=start, end=end, kinds=kinds or None,
                      include_membership=membership)
        except ZorgnetGraphError as exc:
            _fail(str(exc))
        text = (json.dumps(res, ensure_ascii=False, indent=1) if as_json
                else summary(res, top=min(top, 10)))
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            typer.echo(f"geschreven: {out}")
        else:
            typer.echo(text)
