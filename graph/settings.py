"""One settings object, read once from the environment.

The CLI builds a :class:`Settings` with :meth:`Settings.from_env` when a command
starts, the app once per session; both pass it down (store factory, readers,
queries). Functions that take ``settings=None`` fall back to
:meth:`Settings.from_env` so library callers need not build one. No other module of
``graph/``, ``loaders/``, ``app/`` or ``zorgnet/`` reads the environment
(``tests/test_imports.py`` checks it).

================================  =======================================================
variable                          field
================================  =======================================================
``ZORGNET_DB``                    :attr:`~Settings.db_path` (embedded LadybugDB file)
``NEO4J_URI``                     :attr:`~Settings.neo4j_uri` (set: Neo4j is the store)
``NEO4J_USERNAME``                :attr:`~Settings.neo4j_user` (default ``neo4j``)
``NEO4J_PASSWORD``                :attr:`~Settings.neo4j_password`
``NEO4J_DATABASE``                :attr:`~Settings.neo4j_database`
``ZORGNET_MAX_BYTES``             :attr:`~Settings.max_bytes` (largest file or page read)
``ZORGNET_URL_TIMEOUT``           :attr:`~Settings.url_timeout` (seconds per URL)
``ZORGNET_ALIASES``               :attr:`~Settings.aliases_file` (extra alias CSV)
``ZORGNET_GAZETTEER_DIR``         :attr:`~Settings.gazetteer_dir` (other gazetteer)
``ZORGNET_PROGRESS``              :attr:`~Settings.progress` (progress bars off a terminal)
``ZORGNET_TX_ROWS``               :attr:`~Settings.tx_rows` (statement rows per transaction)
``ZORGNET_LBUG_BUFFER_MB``        :attr:`~Settings.lbug_buffer_mb` (LadybugDB buffer pool)
``ZORGNET_EXTRACT_MODEL``         :attr:`~Settings.extract_model` (``off``: rules only)
``ZORGNET_SHARED``                :attr:`~Settings.shared_dir` (annotated pages, training)
``CHROMIUM``                      :attr:`~Settings.chromium` (browser for PDF reports)
================================  =======================================================

>>> s = Settings.from_env({"NEO4J_URI": "bolt://h:7687", "ZORGNET_MAX_BYTES": "x"})
>>> s.engine, s.neo4j_user, s.max_bytes == DEFAULT_MAX_BYTES
('neo4j', 'neo4j', True)
>>> Settings.from_env({"ZORGNET_DB": "/tmp/g.lbug"}).describe()
'LadybugDB in /tmp/g.lbug'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_URL_TIMEOUT = 15.0


def _number(env: Mapping[str, str], key: str, default, kind=int):
    try:
        return kind(env[key]) if env.get(key) else default
    except ValueError:
        return default


def _path(env: Mapping[str, str], key: str) -> Path | None:
    return Path(env[key]).expanduser() if env.get(key) else None


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and the limits of reading (see the module docstring)."""

    db_path: Path | None = None
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    url_timeout: float = DEFAULT_URL_TIMEOUT
    aliases_file: Path | None = None
    gazetteer_dir: Path | None = None
    progress: bool = False
    tx_rows: int | None = None
    lbug_buffer_mb: int | None = None
    extract_model: Path | None = None
    shared_dir: Path | None = None
    chromium: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        """Read every setting from ``env`` (default: ``os.environ``), once."""
        env = os.environ if env is None else env
        return cls(
            db_path=_path(env, "ZORGNET_DB"),
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USERNAME") or "neo4j",
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE") or None,
            max_bytes=_number(env, "ZORGNET_MAX_BYTES", DEFAULT_MAX_BYTES),
            url_timeout=_number(env, "ZORGNET_URL_TIMEOUT", DEFAULT_URL_TIMEOUT, float),
            aliases_file=_path(env, "ZORGNET_ALIASES"),
            gazetteer_dir=_path(env, "ZORGNET_GAZETTEER_DIR"),
            progress=bool(env.get("ZORGNET_PROGRESS")),
            tx_rows=_number(env, "ZORGNET_TX_ROWS", None) or None,
            lbug_buffer_mb=_number(env, "ZORGNET_LBUG_BUFFER_MB", None) or None,
            extract_model=_path(env, "ZORGNET_EXTRACT_MODEL"),
            shared_dir=_path(env, "ZORGNET_SHARED"),
            chromium=env.get("CHROMIUM") or None,
        )

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (``settings.with_(max_bytes=100)``)."""
        return replace(self, **changes)

    @property
    def engine(self) -> str:
        """``'neo4j'`` when a Neo4j URI is set, else ``'ladybug'``."""
        return "neo4j" if self.neo4j_uri else "ladybug"

    def database_path(self) -> Path:
        """:attr:`db_path` or ``<user data dir>/zorgnet/graph.lbug``."""
        if self.db_path is not None:
            return self.db_path
        import platformdirs  # lazy: only needed when no path is configured

        return Path(platformdirs.user_data_dir("zorgnet", appauthor=False)) / "graph.lbug"

    def describe(self) -> str:
        """One line naming where commands read and write (Dutch, like the CLI)."""
        if self.neo4j_uri:
            return f"Neo4j op {self.neo4j_uri}"
        return f"LadybugDB in {self.database_path()}"


__all__ = ["Settings", "DEFAULT_MAX_BYTES", "DEFAULT_URL_TIMEOUT"]
