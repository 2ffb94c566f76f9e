"""``zorgnet query`` and ``zorgnet queries``: the named queries of ``cypher/``.

::

    zorgnet queries
    zorgnet query partners_van_initiatief --param initiative="Zorgpact Flevoland"
    zorgnet query kortste_keten -p org_a=CZ -p org_b=Utrechtzorg --format json

Parameters that are not given take the example value from the query's header.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, List

import typer

from graph.queries import ParameterError, QueryFileError, UnknownQuery, get_query, load_queries
from zorgnet.common import fail as _fail
from zorgnet.common import open_store_or_fail, settings

FORMATS = ("table", "csv", "json")
#: Table cells longer than this are cut (use --format csv/json for everything).
MAX_CELL = 60


def parse_params(items: list[str]) -> dict[str, str]:
    """``["k=v", …]`` -> ``{"k": "v"}``; a value may contain ``=``.

    >>> parse_params(["org=CZ", "x=a=b"])
    {'org': 'CZ', 'x': 'a=b'}
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"--param {item!r}: gebruik naam=waarde")
        if key in out:
            raise ValueError(f"--param {key} staat er twee keer")
        out[key] = value
    return out


def _cell(value: Any, *, for_csv: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("true" if value else "false") if for_csv else ("ja" if value else "nee")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v, for_csv=for_csv) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def format_table(columns: list[str], rows: list[dict]) -> str:
    """A plain aligned text table (cells cut at :data:`MAX_CELL` characters; control
    characters shown as escapes, so data cannot drive the terminal)."""
    from graph.export import terminal_safe  # lazy: loads networkx

    def cut(s: str) -> str:
        s = terminal_safe(" ".join(s.split()))
        return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"

    columns_shown = [cut(c) for c in columns]
    body = [[cut(_cell(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(b[i]) for b in body]) for i, c in enumerate(columns_shown)]
    numeric = [bool(rows) and all(isinstance(r.get(c), (int, float))
                                  and not isinstance(r.get(c), bool)
                                  for r in rows if r.get(c) is not None) for c in columns]

    def line(cells):
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(cells, widths, numeric)).rstrip()

    out = [line(columns_shown), "  ".join("-" * w for w in widths)]
    out += [line(b) for b in body]
    n = len(rows)
    out.append(f"({n} {'rij' if n == 1 else 'rijen'})")
    return "\n".join(out) + "\n"


def format_csv(columns: list[str], rows: list[dict]) -> str:
    """CSV; a cell a spreadsheet would run as a formula is prefixed with ``'``."""
    from graph.export import csv_safe  # lazy: loads networkx

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([csv_safe(c) for c in columns])
    for r in rows:
        w.writerow([_cell(v, for_csv=True) if isinstance(v, (int, float)) else
                    csv_safe(_cell(v, for_csv=True)) for v in (r.get(c) for c in columns)])
    return buf.getvalue()


def format_json(columns: list[str], rows: list[dict]) -> str:
    return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False,
                      indent=1, default=str) + "\n"


def render(columns: list[str], rows: list[dict], fmt: str) -> str:
    return {"table": format_table, "csv": format_csv, "json": format_json}[fmt](columns, rows)


def register(app: typer.Typer) -> None:
    """Add ``query`` and ``queries`` to the ``zorgnet`` app."""

    @app.command(name="query")
    def query_cmd(
        name: str = typer.Argument(..., help="Naam van de query (zie `zorgnet queries`)."),
        param: List[str] = typer.Option(
            [], "--param", "-p", help="Parameter als naam=waarde (herhaalbaar); wat u niet "
            "opgeeft krijgt de voorbeeldwaarde uit de query."),
        fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json"),
        show: bool = typer.Option(False, "--cypher",
                                  help="Toon de Cypher en de parameters, zonder uit te voeren."),
    ):
        """Voer een benoemde query uit cypher/ uit op de ingestelde database."""
        from graph.store import QueryError  # lazy: loads a database engine

        if fmt not in FORMATS:
            _fail(f"onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}")
        try:
            q = get_query(name)
            bound = q.bind(parse_params(param))
        except (UnknownQuery, ParameterError, QueryFileError, ValueError) as exc:
            _fail(str(exc))
        conf = settings()
        engine = conf.engine
        if show:
            typer.echo(f"// {q.name} ({engine}); parameters: "
                       + json.dumps(bound, ensure_ascii=False))
            typer.echo(q.text_for(engine), nl=False)
            return
        if engine == "ladybug" and not conf.database_path().exists():
            _fail(f"geen database in {conf.database_path()}; laad eerst gegevens "
                  "(zorgnet demo of zorgnet load)")
        store = open_store_or_fail(read_only=True)
        with store:
            if not q.runs_on(store.engine):
                _fail(f"query {q.name!r} draait niet op {store.engine} "
                      f"(wel op {', '.join(q.engines)})")
            text = q.text_for(store.engine)
            try:
                rows = store.query(text, bound)
            except QueryError as exc:
                _fail(f"query {q.name!r} mislukt op {store.engine}: {exc}")
        columns = list(rows[0]) if rows else q.columns(store.engine)
        typer.echo(render(columns, rows, fmt), nl=False)

    @app.command(name="queries")
    def queries_cmd(as_json: bool = typer.Option(False, "--json", help="Uitvoer als JSON.")):
        """Lijst van de benoemde queries: naam, titel en parameters (met voorbeeld)."""
        try:
            queries = load_queries()
        except QueryFileError as exc:
            _fail(str(exc))
        if as_json:
            typer.echo(json.dumps(
                [{"name": q.name, "title": q.title, "description": q.description,
                  "params": q.params, "engines": list(q.engines),
                  "variants": sorted(q.variants)} for q in queries.values()],
                ensure_ascii=False, indent=1))
            return
        rows = [{"naam": q.name, "titel": q.title,
                 "parameters": ", ".join(f"{p}={v}" for p, v in q.params.items())}
                for q in queries.values()]
        columns = ["naam", "titel", "parameters"]
        body = [[r[c] for c in columns] for r in rows]
        widths = [max([len(c)] + [len(b[i]) for b in body]) for i, c in enumerate(columns)]
        typer.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        typer.echo("  ".join("-" * w for w in widths))
        for b in body:
            typer.echo("  ".join(c.ljust(w) for c, w in zip(b, widths)).rstrip())
