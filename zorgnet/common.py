"""What every ``zorgnet`` subcommand shares: the settings, one-line failures, the store.

:mod:`zorgnet.cli` builds the :class:`~graph.settings.Settings` once per command (in
its Typer callback, stored on the Click context); the subcommand modules
(:mod:`zorgnet.cli_extract`, :mod:`zorgnet.cli_analyze`, :mod:`zorgnet.cli_query`)
import these helpers from here, so nothing imports :mod:`zorgnet.cli` back.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click
import typer

from graph.settings import Settings


def fail(msg: object, code: int = 2) -> NoReturn:
    """Print ``fout: <msg>`` (one line, red) on stderr and exit with ``code``."""
    typer.secho("fout: " + " ".join(str(msg).split()), fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def settings() -> Settings:
    """The settings of the running command (read once, in :func:`zorgnet.cli.main_callback`);
    outside a command: :meth:`Settings.from_env`."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, Settings):
            return ctx.obj
        ctx = ctx.parent
    return Settings.from_env()


def open_store_or_fail(read_only: bool = False):
    """The configured store; a store that cannot be opened ends the command (one line)."""
    import logging

    from graph.store import StoreUnavailable, open_store  # lazy: loads a database engine

    # the Neo4j driver logs each retry of a failing transaction as a multi-line
    # warning; the command reports the outcome in one line itself
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        return open_store(read_only=read_only, settings=settings())
    except StoreUnavailable as exc:
        fail(str(exc))


def progress(transient: bool = False, total: int | None = None):
    """A rich progress bar on stderr, shown on a terminal or with ``ZORGNET_PROGRESS``
    (and not for a single item when ``total`` is given)."""
    from rich.console import Console  # lazy: rich is only needed while loading
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)

    shown = sys.stderr.isatty() or settings().progress
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=transient, console=Console(stderr=True),
                    disable=not shown or (total is not None and total < 2))


__all__ = ["fail", "settings", "open_store_or_fail", "progress"]
