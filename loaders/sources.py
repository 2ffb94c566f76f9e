"""Dispatch: which loader reads which path, with one error per bad source."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from graph.rows import Batch, RowError
from graph.vocab import ALL_SUFFIXES, DOCUMENT_SUFFIXES, SPREADSHEET_SUFFIXES, is_url
from loaders.errors import LoadError
from loaders.spreadsheet import is_graph_tables, read_spreadsheet


def expand(paths: list[str]) -> Iterator[str]:
    """Files and URLs to load: folders are walked (sorted); a folder holding
    ``entiteiten.csv`` is one graph-tables source."""
    for p in paths:
        if is_url(p):
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            if is_graph_tables(path):
                yield str(path)
                continue
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in ALL_SUFFIXES \
                        and not any(part.startswith(".") for part in f.parts):
                    if f.name.lower() in ("relaties.csv", "bronnen.csv") and \
                            (f.parent / "entiteiten.csv").exists():
                        continue
                    if f.name.lower() == "entiteiten.csv":
                        yield str(f.parent)
                        continue
                    yield str(f)
        else:
            yield p


def read_source(source: str) -> Batch:
    """Read one file, folder of graph tables, or URL into a Batch.

    Raises :class:`LoadError` (unreadable) or :class:`RowError` (bad rows).
    """
    if not is_url(source):
        path = Path(source)
        if not path.exists():
            raise LoadError(source, "bestand of map bestaat niet")
        if path.is_dir() or path.suffix.lower() in SPREADSHEET_SUFFIXES:
            return read_spreadsheet(path)
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise LoadError(source, f"onbekend bestandstype {path.suffix or '(geen)'}; "
                            f"ondersteund: {', '.join(ALL_SUFFIXES)}")
    from loaders.documents import read_batch  # lazy: spaCy loads only when a text is read

    return read_batch(source)


def read_all(paths: list[str]) -> Iterator[tuple[str, Batch | None, Exception | None]]:
    """Yield ``(source, batch, None)`` or ``(source, None, error)`` per source."""
    for src in expand(paths):
        try:
            yield src, read_source(src), None
        except (LoadError, RowError) as exc:
            yield src, None, exc


__all__ = ["expand", "read_source", "read_all"]
