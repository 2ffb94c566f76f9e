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

A message is in one language. An error made with :meth:`ZorgnetError.of` names a
string of ``app/locales/{nl,en}.toml`` (section ``err``) and its values: ``str()`` is
Dutch, the UI's and the CLI's default, and :meth:`ZorgnetError.in_language` gives it in
the UI's language (a value that is itself a :class:`ZorgnetError` is translated too;
text quoted from an engine or a file stays as it is). Errors that carry both texts
themselves (:class:`~loaders.errors.LoadError`) work the same way.

>>> issubclass(__import__("graph.exceptions").exceptions.EmptyGraphError, ZorgnetError)
True
>>> e = QueryError.of("err.verdict_unknown", verdict="'goed'", choices="interessant")
>>> str(e)
"onbekend oordeel 'goed' (kies uit interessant)"
>>> e.in_language("en")
"unknown verdict 'goed' (choose from interessant)"
"""

from __future__ import annotations

from graph.locale import tr


class ZorgnetError(Exception):
    """Base class of every error Zorgnet raises on purpose."""

    #: the locale key of the message and its values (set by :meth:`of`)
    key: str | None = None
    params: dict = {}

    @classmethod
    def of(cls, key: str, /, **params) -> "ZorgnetError":
        """The error with the message ``key`` of the locale files, filled with
        ``params``; ``str()`` is the Dutch text."""
        exc = cls(_fill("nl", key, params))
        exc.key, exc.params = key, params
        return exc

    def in_language(self, lang: str = "nl") -> str:
        """The message in ``lang`` (``'nl'`` or ``'en'``); ``str(self)`` for a message
        that has one language only."""
        if self.key is None:
            return str(self)
        return _fill(lang, self.key, self.params)


class Count(int):
    """A number in a message, written with the language's thousands separator."""


class Message(str):
    """A text made from a locale key, for messages that are not exceptions (the row
    problems of :class:`graph.rows.RowError`): the Dutch text as a ``str``,
    :meth:`in_language` for another language.

    >>> m = Message("err.row_empty_name", where=Message("err.at_row", n=3))
    >>> m, m.in_language("en")
    ('rij 3: lege naam', 'row 3: empty name')
    """

    key: str
    params: dict

    def __new__(cls, key: str, /, **params):
        self = super().__new__(cls, _fill("nl", key, params))
        self.key, self.params = key, params
        return self

    def __reduce__(self):
        return (_message, (self.key, self.params))

    def in_language(self, lang: str = "nl") -> str:
        return _fill(lang, self.key, self.params)


def _message(key: str, params: dict) -> Message:
    return Message(key, **params)


def _value(v, lang: str):
    if isinstance(v, (ZorgnetError, Message)) or hasattr(v, "in_language"):
        return v.in_language(lang)
    if isinstance(v, Count):
        from graph.locale import num  # lazy: babel, only for an error with a count

        return num(int(v), 0, lang=lang)
    return v


def _fill(lang: str, key: str, params: dict) -> str:
    return tr(lang, key, **{k: _value(v, lang) for k, v in params.items()})


def in_language(exc: BaseException | str, lang: str = "nl") -> str:
    """The message of any exception in ``lang`` (a :class:`ZorgnetError`'s or a
    :class:`Message`'s own translation; another exception's text, or a text, as it
    is), on one line."""
    text = exc.in_language(lang) if isinstance(exc, (ZorgnetError, Message)) else str(exc)
    return " ".join((text or type(exc).__name__).split())


class StoreError(ZorgnetError, RuntimeError):
    """Base class of store errors."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened (message names the URI or path)."""


class QueryError(StoreError):
    """A query was refused or failed (syntax error, missing parameter, timeout)."""


class ReadOnlyViolation(QueryError):
    """A console query tried to write or to call a procedure."""


__all__ = ["ZorgnetError", "Count", "Message", "in_language", "StoreError", "StoreUnavailable",
           "QueryError", "ReadOnlyViolation"]
