"""``zorgnet extract`` and ``zorgnet eval``: text extraction without writing anything.

    zorgnet extract PATH… [--json]       one JSON line per document (gold format) or a summary
    zorgnet eval GOLD.jsonl PATH… [--json]   precision/recall/F1 against gold annotations
    zorgnet train [--out FILE] [--seed 0]    retrain data/extract/model.npz on ../shared

Unreadable sources are reported on stderr, the others are still processed; the exit code is 1
when any source failed. Progress goes to stderr when it is a terminal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from loaders.errors import LoadError
from zorgnet.common import progress, settings
from loaders.extract.train import train_default


def _progress(total: int):
    return progress(transient=True, total=total)


def _error(src: str, exc: Exception) -> None:
    msg = getattr(exc, "message", None) or str(exc)
    typer.secho(f"fout: {src}: {msg}", fg=typer.colors.RED, err=True)


def run_extraction(paths: list[str], known_date: str | None = None,
                   min_confidence: float | None = None):
    """Yield ``(source, Extracted | None, error | None)`` for every source under ``paths``."""
    from loaders.documents import extract_texts, iter_sources  # lazy: spaCy
    from loaders.readers import read_source  # lazy: dateparser, trafilatura

    sources = list(iter_sources(paths))
    texts = []
    with _progress(len(sources)) as prog:
        task = prog.add_task("lezen", total=len(sources))
        for src in sources:
            try:
                texts.append(read_source(src, known_date=known_date, settings=settings()))
            except LoadError as exc:
                yield src, None, exc
            prog.advance(task)
        task2 = prog.add_task("extraheren", total=len(texts))
        for x in extract_texts(texts, min_confidence=min_confidence):
            prog.advance(task2)
            yield x.text.source, x, None


def register(app: typer.Typer) -> None:
    @app.command(name="extract")
    def extract_cmd(
        paths: List[str] = typer.Argument(..., help="Bestanden, mappen of URL's."),
        as_json: bool = typer.Option(False, "--json", help="Eén JSON-regel per document."),
        date: str = typer.Option(None, "--date",
                                 help="Bekende datum (ISO) voor relatieve datums."),
        relations: bool = typer.Option(False, "--relaties",
                                       help="Toon de voorgestelde relaties met kans en zin."),
        threshold: float = typer.Option(0.0, "--drempel", min=0.0, max=1.0,
                                        help="Met --relaties: onder deze kans 'nee'."),
        review: str = typer.Option(None, "--beoordeling",
                                   help="Schrijf de relaties als CSV om te beoordelen."),
        min_confidence: float = typer.Option(
            None, "--min-confidence", min=0.0, max=1.0,
            help="Alleen relaties met minstens deze kans (standaard: de drempel van het "
                 "model)."),
    ):
        """Haal entiteiten en relaties uit teksten en toon ze met hun zin en kans; schrijft
        niets weg."""
        from loaders.documents import to_gold_json  # lazy: spaCy

        if relations or review:
            from zorgnet.cli_review import show_relations  # lazy: loads spaCy (loaders.sources)

            raise typer.Exit(show_relations(paths, threshold, review))

        failed = 0
        n = 0
        for src, x, err in run_extraction(paths, date, min_confidence):
            if err is not None:
                failed += 1
                _error(src, err)
                continue
            n += 1
            d = to_gold_json(x)
            if as_json:
                typer.echo(json.dumps(d, ensure_ascii=False))
            else:
                typer.echo(f"# {d['doc']} — {d['title']} ({d['date'] or 'geen datum'}): "
                           f"{len(d['entities'])} entiteiten, {len(d['relations'])} relaties")
                for e in d["entities"]:
                    al = f"  [{', '.join(e['aliases'])}]" if e["aliases"] else ""
                    typer.echo(f"  {e['type']:<20} {e['name']}{al}")
                for r in d["relations"]:
                    role = f" ({r['role']})" if r["role"] else ""
                    typer.echo(f"  {r['src']} -{r['rel']}-> {r['dst']}{role}  "
                               f"[{r['locator']}, {r['confidence']:.2f}]")
                    typer.echo(f"      “{r['evidence']}”")
        if n == 0 and failed == 0:
            typer.secho("fout: geen ondersteunde bestanden gevonden", fg=typer.colors.RED,
                        err=True)
            raise typer.Exit(2)
        raise typer.Exit(1 if failed else 0)

    @app.command(name="train")
    def train_cmd(
        out: Path = typer.Option(None, "--out", "-o",
                                 help="Modelbestand (standaard data/extract/model.npz)."),
        seed: int = typer.Option(0, "--seed"),
    ):
        """Train de entiteittypering en relatiescore op ../shared/corpus + ../shared/seeds
        (of ZORGNET_SHARED) en schrijf het model weg (zelfde seed, zelfde model)."""

        try:
            train_default(out, seed=seed, log=lambda m: typer.echo(m, err=True))
        except FileNotFoundError as exc:
            typer.secho(f"fout: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2)

    @app.command(name="eval")
    def eval_cmd(
        gold: Path = typer.Argument(..., help="Gold-annotaties (JSONL, zoals shared/gold)."),
        paths: List[str] = typer.Argument(..., help="De geannoteerde bestanden of hun map."),
        as_json: bool = typer.Option(False, "--json", help="Cijfers als JSON."),
        per_doc: bool = typer.Option(False, "--per-doc", help="Ook scores per document."),
    ):
        """Meet extractie tegen gold-annotaties: P/R/F1 voor entiteiten en relaties."""
        from loaders.documents import to_gold_json  # lazy: spaCy
        from loaders.evaluate import format_table, load_jsonl, score  # lazy: with documents

        try:
            golds = load_jsonl(gold)
        except (OSError, ValueError) as exc:
            typer.secho(f"fout: {gold}: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2)
        preds, failed = [], 0
        for src, x, err in run_extraction(paths):
            if err is not None:
                failed += 1
                _error(src, err)
                continue
            preds.append(to_gold_json(x))
        s = score(preds, golds)
        if as_json:
            out = s.as_dict()
            if per_doc:
                out["per_document"] = [{"doc": d.doc, "entities": d.entities.as_dict(),
                                        "typed_entities": d.typed.as_dict(),
                                        "relations": d.relations.as_dict()} for d in s.docs]
            typer.echo(json.dumps(out, ensure_ascii=False))
        else:
            typer.echo(format_table(s))
            if per_doc:
                for d in s.docs:
                    typer.echo(f"{d.doc}: entiteiten F1 {d.entities.f1:.3f}, getypeerd "
                               f"{d.typed.f1:.3f}, relaties {d.relations.f1:.3f}")
        raise typer.Exit(1 if failed else 0)


def main() -> None:  # pragma: no cover - standalone use without zorgnet.cli
    app = typer.Typer(add_completion=False, no_args_is_help=True)
    register(app)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
