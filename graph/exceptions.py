"""Exceptions raised by the analysis functions of :mod:`graph`.

All derive from :class:`ZorgnetGraphError` (itself a :class:`graph.errors.ZorgnetError`), so a caller (the CLI, the app) can
catch one class; each also derives from the builtin it refines (``ValueError``,
``TypeError``, ``KeyError``) so generic handlers keep working.
"""

from __future__ import annotations

from graph.errors import ZorgnetError


class ZorgnetGraphError(ZorgnetError):
    """Base class of the errors of the graph analysis."""


class InvalidGraphError(ZorgnetGraphError, TypeError):
    """The input is not a networkx graph of the expected form."""


class EmptyGraphError(ZorgnetGraphError, ValueError):
    """The graph has no organisations (or no collaboration ties) to analyse."""


class NotAnOrganisation(ZorgnetGraphError, KeyError):
    """A node id that is not in the graph, or not an Organisation."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable
        return str(self.args[0]) if self.args else "not an organisation"


class InvalidParameterError(ZorgnetGraphError, ValueError):
    """A parameter outside its domain (unknown kind, method, scorer, bad date …)."""


__all__ = ["ZorgnetGraphError", "InvalidGraphError", "EmptyGraphError", "NotAnOrganisation",
           "InvalidParameterError"]
