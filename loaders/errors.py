"""Errors raised while reading sources.

A :class:`LoadError` concerns exactly one source (file or URL). Callers that load many
sources catch it per source, report it and go on with the others.
"""

from __future__ import annotations

from graph.errors import ZorgnetError


class LoadError(ZorgnetError):
    """A source that cannot be read, with a Dutch and an English message.

    ``str()`` is one language: Dutch (the default UI language); the English text is
    :meth:`in_language` ``('en')``.

    >>> e = LoadError("/tmp/x.pdf", "PDF is beschadigd", "PDF is corrupt")
    >>> str(e), e.in_language("en")
    ('/tmp/x.pdf: PDF is beschadigd', '/tmp/x.pdf: PDF is corrupt')
    """

    def __init__(self, path: str, message_nl: str, message_en: str | None = None):
        self.path = str(path)
        self.message_nl = message_nl
        self.message_en = message_en or message_nl
        self.reason = self.message          # the name used by the spreadsheet loader
        super().__init__(f"{self.path}: {self.message}")

    @property
    def message(self) -> str:
        """The Dutch message (without the path)."""
        return self.message_nl

    def in_language(self, lang: str = "nl") -> str:
        """``'<path>: <message>'`` in ``lang`` (``'en'`` or Dutch for anything else)."""
        return f"{self.path}: {self.message_en if lang == 'en' else self.message_nl}"


__all__ = ["LoadError"]
