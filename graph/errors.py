"""The one exception root of Zorgnet.

Every error Zorgnet raises on purpose derives from :class:`ZorgnetError`, so the CLI
and the app catch one class and show its message; each family also derives from
the builtin it refines (``ValueError``, ``KeyError``, ``RuntimeError`` …) so generic
handlers keep working:

* :class:`graph.exceptions.ZorgnetGraphError` — the analysis (bad graph, bad parameter);
* :class:`StoreError` — the database (unavailable, failed query,
  read-only violation);
* :class:`graph.rows.RowError` — rows that cannot be written;
* :class:`graph.queries.QueryFileError`, :class:`~graph.queries.UnknownQuery`,
  :class:`~graph.queries.ParameterError` — the named query library;
* :class:`loaders.errors.LoadError` — a source that cannot be read.

A message is in one language. Errors that carry both (:class:`~loaders.errors.LoadError`)
print Dutch, the UI's default, and give the other through :meth:`ZorgnetError.in_language`.

>>> issubclass(__import__("graph.exceptions").exceptions.EmptyGraphError, ZorgnetError)
True
"""

from __future__ import annotations


class ZorgnetError(Exception):
    """Base class of every error Zorgnet raises on purpose."""

    def in_language(self, lang: str = "nl") -> str:
        """The message in ``lang`` (``'nl'`` or ``'en'``); by default ``str(self)``."""
        return str(self)


class StoreError(ZorgnetError, RuntimeError):
    """Base class of store errors."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened (message names the URI or path)."""


class QueryError(StoreError):
    """A query was refused or failed (syntax error, missing parameter, timeout)."""


class ReadOnlyViolation(QueryError):
    """A console query tried to write or to call a procedure."""


__all__ = ["ZorgnetError", "StoreError", "StoreUnavailable", "QueryError", "ReadOnlyViolation"]
