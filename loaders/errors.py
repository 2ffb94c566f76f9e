"""Errors raised while reading sources.

A :class:`LoadError` concerns exactly one source (file or URL). Callers that load many
sources catch it per source, report it and go on with the others.
"""

from __future__ import annotations


class LoadError(Exception):
    """A source that cannot be read, with a Dutch and an English message.

    >>> e = LoadError("/tmp/x.pdf", "PDF is beschadigd", "PDF is corrupt")
    >>> str(e)
    '/tmp/x.pdf: PDF is beschadigd (PDF is corrupt)'
    """

    def __init__(self, path: str, message_nl: str, message_en: str | None = None):
        self.path = str(path)
        self.message_nl = message_nl
        self.message_en = message_en or message_nl
        self.reason = self.message          # the name used by the spreadsheet loader
        super().__init__(f"{self.path}: {self.message}")

    @property
    def message(self) -> str:
        """'<Dutch> (<English>)', or just the Dutch message when there is no translation."""
        if self.message_en == self.message_nl:
            return self.message_nl
        return f"{self.message_nl} ({self.message_en})"


__all__ = ["LoadError"]
