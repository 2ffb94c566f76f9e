"""The ``zorgnet`` command line.

Every command works on the configured store: Neo4j when ``NEO4J_URI`` is set,
otherwise the embedded LadybugDB at ``ZORGNET_DB`` (default: the per-user data
folder). The environment is read once per command into a
:class:`graph.settings.Settings` (:func:`main_callback`). Errors are one line on
stderr with a non-zero exit code. Shared helpers live in :mod:`zorgnet.common`.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import typer

from graph.model import ladybug_ddl, schema_cypher_text
from graph.resources import checkout_root, cypher_dir, streamlit_config
from graph.settings import Settings
from graph.store import StoreError, StoreUnavailable, describe_target
from loaders.demo import demo_batches
from loaders.errors import LoadError
from loaders.rows import RowError
from loaders.sources import expand, read_source
from zorgnet import cli_analyze, cli_extract, cli_query, cli_report
from zorgnet.cli_review import reviewed
from zorgnet.common import fail, open_store_or_fail, progress, settings

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the app runs with Streamlit's default theme
    tomllib = None

app = typer.Typer(
    help="Zorgnet: het netwerk van het Zorgpact — laden, analyseren, verkennen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_callback(ctx: typer.Context) -> None:
    """Zorgnet: het netwerk van het Zorgpact — laden, analyseren, verkennen."""
    ctx.obj = Settings.from_env()          # the one read of the environment per command


_open = open_store_or_fail       # the names the commands below use
_progress = progress


def _write(store, batches, label: str, names=None):
    """Write each source in its own transaction; returns ``(report, failures)``."""
    with _progress() as prog:
        task = prog.add_task(f"schrijven naar {store.engine}", total=None)

        def tick(done, total):
            prog.update(task, completed=done, total=total)

        return store.load_each(batches, progress=tick, names=names)


def _print_report(report, engine: str) -> None:
    r = report.as_dict()
    typer.echo(f"{engine}: {len(r['written'])} nieuw, {len(r['replaced'])} vervangen, "
               f"{len(r['skipped'])} ongewijzigd overgeslagen; {r['entities']} entiteiten, "
               f"{r['relations']} relaties, {r['mentions']} vermeldingen geschreven"
               + (f", {r['removed_orphans']} verweesde entiteiten verwijderd"
                  if r["removed_orphans"] else ""))


@app.command()
def load(paths: List[str] = typer.Argument(..., help="Bestanden, mappen of http(s)-URL's."),
         dry_run: bool = typer.Option(False, "--dry-run", help="Alleen lezen en controleren."),
         threshold: Optional[float] = typer.Option(
             None, "--drempel", min=0.0, max=1.0,
             help="Schrijf geen relaties met een lagere kans (tenzij akkoord in --beoordeling)."),
         review: Optional[str] = typer.Option(
             None, "--beoordeling", help="CSV van zorgnet extract --beoordeling: akkoord ja/nee, "
             "relatie.")):
    """Laad documenten (.txt .md .html .pdf .docx, URL's) en spreadsheets (.csv .xlsx).

    Elke bron wordt in een eigen transactie geschreven: mislukt een bron, dan
    blijft er niets van over en worden de andere toch geladen. Onleesbare of
    mislukte bronnen worden bij naam gemeld (exitcode 1); opnieuw laden maakt af
    wat ontbreekt. Een bron met dezelfde
    checksum als eerder wordt overgeslagen; een gewijzigde vervangt haar eigen bewijs.
    """

    sources = list(expand(paths))
    if not sources:
        fail("geen bestanden gevonden in " + ", ".join(paths))
    batches, names, failed = [], [], 0
    with _progress() as prog:
        task = prog.add_task("lezen", total=len(sources))
        for src in sources:
            try:
                batches.append(read_source(src))
                names.append(src)
            except Exception as exc:  # one bad source must not stop the others
                failed += 1
                msg = str(exc) if isinstance(exc, (LoadError, RowError)) else \
                    f"onverwachte fout bij lezen ({type(exc).__name__}: {exc})"
                from rich.text import Text

                # rich Text, not markup: file names and messages may contain [brackets]
                prog.console.print(Text.assemble(("fout ", "red"), f"{src}: {msg}"),
                                   highlight=False, soft_wrap=True)
            prog.advance(task)
    if threshold is not None or review:

        try:
            batches = reviewed(batches, threshold, review)
        except (OSError, ValueError) as exc:
            fail(f"niets geschreven: {exc}")
    if dry_run:
        for b in batches:
            typer.echo(json.dumps({"source": b.documents[0].source if b.documents else None,
                                   **b.summary()}, ensure_ascii=False))
        raise typer.Exit(1 if failed else 0)
    if batches:
        store = _open()
        with store:
            try:
                report, failures = _write(store, batches, "laden", names)
            except StoreUnavailable as exc:  # connection lost mid-load
                fail(str(exc))
            for name, msg, _ in failures:
                typer.secho(f"fout {name}: niet geschreven: {msg}", fg=typer.colors.RED,
                            err=True)
            failed += len(failures)
            _print_report(report, store.engine)
    if failed:
        typer.secho(f"{failed} van {len(sources)} bron(nen) niet geladen", err=True,
                    fg=typer.colors.YELLOW)
        raise typer.Exit(1)


@app.command()
def demo(reset: bool = typer.Option(False, "--reset", help="Eerst alles wissen."),
         synthetic: Optional[int] = typer.Option(
             None, "--synthetic", min=50,
             help="In plaats van de demo: een synthetisch landelijk netwerk met zoveel "
                  "organisaties (bv. 20000), om de app op schaal te proberen."),
         seed: int = typer.Option(0, "--seed", help="Seed van het synthetische netwerk."),
         write: Optional[Path] = typer.Option(
             None, "--write", help="Met --synthetic: schrijf de tabellen (entiteiten, "
                                   "relaties, bronnen) naar deze map in plaats van te laden; "
                                   "'zorgnet load MAP' leest ze.")):
    """Laad de meegeleverde demo: het landelijke netwerk (65 webpagina's en de referentielijst)."""
    if synthetic is not None:
        from graph.synthetic import synthetic_graph  # lazy: loads networkx
        from loaders.synthetic import graph_batches, write_tables  # lazy: loads networkx

        G = synthetic_graph(synthetic, seed=seed)
        if write is not None:
            counts = write_tables(G, write)
            typer.echo(f"{write}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
            return
        batches = graph_batches(G)
    else:
        if write is not None:
            fail("--write hoort bij --synthetic")

        batches = demo_batches()

    store = _open()
    with store:
        try:
            if reset:
                store.clear()
            report, failures = _write(store, batches, "demo")
        except StoreError as exc:
            fail(str(exc))
        if failures:
            fail("; ".join(f"{name}: {msg}" for name, msg, _ in failures))
        _print_report(report, store.engine)


@app.command()
def stats(as_json: bool = typer.Option(False, "--json", help="Uitvoer als JSON.")):
    """Aantallen per label, per soort organisatie en per relatietype."""

    store = _open(read_only=True)
    with store:
        c = store.counts()
    if as_json:
        typer.echo(json.dumps({"store": describe_target(), **c}, ensure_ascii=False, indent=1))
        return
    typer.echo(describe_target())
    typer.echo("knopen:")
    for k, v in c["nodes"].items():
        typer.echo(f"  {k:<16}{v:>8}")
    typer.echo("organisaties per soort:")
    for k, v in c["kinds"].items():
        typer.echo(f"  {str(k):<22}{v:>8}")
    typer.echo("relaties (beweringen / paren):")
    for k, v in c["relationships"].items():
        typer.echo(f"  {k:<16}{v:>8}{c['pairs'][k]:>8}")


@app.command()
def export(fmt: str = typer.Option("graphml", "--format", "-f",
                                   help="graphml | gexf | csv (zip) | cypher | json"),
           out: Optional[Path] = typer.Option(None, "--out", "-o",
                                              help="Bestand (standaard: stdout).")):
    """Exporteer de hele graaf."""
    from graph.export import FORMATS, export_bytes  # lazy: networkx and the exporters
    from graph.projection import to_networkx  # lazy: networkx

    if fmt not in FORMATS:
        fail(f"onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}")
    store = _open(read_only=True)
    with store:
        data = export_bytes(to_networkx(store), fmt)
    if out:
        out.write_bytes(data)
        typer.echo(f"{out}: {len(data):,} bytes", err=True)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def schema(write: bool = typer.Option(False, "--write", help="Schrijf cypher/schema.cypher."),
           engine: str = typer.Option("neo4j", help="neo4j | ladybug")):
    """Toon het schema (Neo4j-constraints of LadybugDB-DDL), gegenereerd uit het model."""
    if engine == "ladybug":
        typer.echo("\n".join(s + ";" for s in ladybug_ddl()))
        return
    text = schema_cypher_text()
    if write:
        if checkout_root() is None:
            fail("--write werkt alleen in een checkout van de repository")
        (cypher_dir() / "schema.cypher").write_text(text, encoding="utf-8")
        typer.echo("cypher/schema.cypher bijgewerkt", err=True)
    else:
        typer.echo(text, nl=False)


@app.command(name="app")
def run_app(port: int = typer.Option(8501, help="Poort op 127.0.0.1."),
            no_demo: bool = typer.Option(False, "--no-demo",
                                         help="Laad de demo niet in een lege database."),
            headless: bool = typer.Option(False, "--headless", help="Geen browser openen.")):
    """Start de Streamlit-app (laadt de demo als de ingebouwde database leeg is)."""
    if not no_demo and settings().engine == "ladybug":
        from loaders.demo import demo_batches  # lazy: reads the demo tables

        store = _open()
        with store:
            if sum(store.counts()["nodes"].values()) == 0:
                _print_report(store.load(demo_batches()), store.engine)
    typer.echo(f"Zorgnet op http://127.0.0.1:{port} — {settings().describe()}", err=True)
    cmd = [sys.executable, "-m", "streamlit", "run", str(_app_script()), *_streamlit_flags(),
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--browser.gatherUsageStats", "false", "--server.headless",
           "true" if headless else "false", "--global.developmentMode", "false"]
    raise typer.Exit(subprocess.call(cmd, cwd=checkout_root()))


def _app_script() -> Path:
    """``streamlit_app.py``: in the checkout, else the installed top-level module."""
    root = checkout_root()
    if root is not None:
        return root / "streamlit_app.py"
    spec = importlib.util.find_spec("streamlit_app")
    if spec is None or not spec.origin:
        fail("streamlit_app.py niet gevonden; installeer zorgnet opnieuw")
    return Path(spec.origin)


def _streamlit_flags() -> list[str]:
    """The shipped ``.streamlit/config.toml`` as ``--section.key value`` flags (Streamlit
    reads a config file only from the working folder, which need not be ours)."""
    cfg = streamlit_config()
    if cfg is None or tomllib is None:
        return []
    out: list[str] = []
    for section, values in tomllib.loads(cfg.read_text(encoding="utf-8")).items():
        for key, value in values.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            out += [f"--{section}.{key}", text]
    return out


@app.command(name="neo4j")
def neo4j_cmd(action: str = typer.Argument(..., help="start | stop | status | fetch | env")):
    """Beheer de lokale Neo4j 5.26-server (Maven Central; alleen 127.0.0.1)."""
    if action not in ("start", "stop", "status", "fetch", "env"):
        fail("kies start, stop, status, fetch of env")
    root = checkout_root()
    if root is None:
        fail("zorgnet neo4j werkt alleen in een checkout van de repository (scripts/neo4j.sh)")
    raise typer.Exit(subprocess.call(["bash", str(root / "scripts" / "neo4j.sh"), action]))


for _sub in (cli_extract, cli_analyze, cli_query, cli_report):   # commands kept in their own modules
    _sub.register(app)


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
