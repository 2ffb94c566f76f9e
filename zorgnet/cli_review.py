"""Reviewing proposed relations on the command line (see :mod:`loaders.relation_review`).

::

    zorgnet extract verslagen/ --relaties                 # each relation: p, sentence
    zorgnet extract verslagen/ --relaties --drempel 0.6   # mark those below 0.6 "nee"
    zorgnet extract verslagen/ --beoordeling rel.csv      # CSV to edit (akkoord, relatie)
    zorgnet load verslagen/ --beoordeling rel.csv         # write as decided
    zorgnet load verslagen/ --drempel 0.6                 # or just drop the improbable

The sources are read exactly as ``zorgnet load`` reads them, so the keys in the
CSV match the relations ``load`` will see for unchanged sources.
"""

from __future__ import annotations

import typer

from loaders.relation_review import (apply_relation_review, read_review_csv, relation_rows,
                                     write_review_csv)
from loaders.sources import expand, read_source


def _read(paths: list[str]):

    batches, failed = [], 0
    for src in expand(paths):
        try:
            batches.append(read_source(src))
        except Exception as exc:  # one bad source must not stop the others
            failed += 1
            typer.secho(f"fout: {src}: {getattr(exc, 'message', None) or exc}",
                        fg=typer.colors.RED, err=True)
    return batches, failed


def show_relations(paths: list[str], threshold: float = 0.0, csv_path: str | None = None,
                   ) -> int:
    """Print every proposed relation (probability, ends, type, sentence, source) and
    optionally write the review CSV. Returns the exit code."""

    batches, failed = _read(paths)
    if not batches and not failed:
        typer.secho("fout: geen ondersteunde bestanden gevonden", fg=typer.colors.RED,
                    err=True)
        return 2
    rows = relation_rows(batches, threshold=threshold)
    for r in rows:
        mark = "ja " if r["accept"] else "nee"
        typer.echo(f"{mark} {r['confidence']:.2f}  {r['src_name']} -{r['rel']}-> "
                   f"{r['dst_name']}  [{r['source']}, {r['locator']}]  {r['key']}")
        if r["sentence"]:
            typer.echo(f"         “{' '.join(r['sentence'].split())}”")
    n_yes = sum(1 for r in rows if r["accept"])
    typer.echo(f"{n_yes} van {len(rows)} relaties boven de drempel {threshold:.2f}.")
    if csv_path:
        write_review_csv(rows, csv_path)
        typer.echo(f"geschreven: {csv_path} (zet 'akkoord' op ja/nee of kies een andere "
                   f"'relatie'; daarna zorgnet load … --beoordeling {csv_path})")
    return 1 if failed else 0


def reviewed(batches: list, threshold: float | None, csv_path: str | None) -> list:
    """``batches`` with a review CSV's decisions and a threshold applied (for ``load``)."""

    if threshold is None and not csv_path:
        return batches
    rows = read_review_csv(csv_path) if csv_path else None
    return apply_relation_review(batches, rows, threshold)
