"""Errors raised by loaders."""

from __future__ import annotations


class LoadError(Exception):
    """A source that cannot be read. ``path`` names it, ``reason`` says why (Dutch)."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
