"""Guard for the analysts' Cypher console: refuse writes, file access and procedures.

The check runs *before* a query is sent. Each engine also runs console queries
read-only (Neo4j read access mode, LadybugDB ``BEGIN TRANSACTION READ ONLY``),
which stops writes to the graph — but LadybugDB's read-only transaction still
lets ``LOAD FROM`` read and ``COPY … TO`` write files, so on that engine this
guard is what keeps the file system out of reach (see tests/test_console.py).
"""

from __future__ import annotations

import re

from graph.store.base import ReadOnlyViolation, strip_strings_and_comments

#: Clauses that write, change the schema, touch files, call procedures or show
#: server internals (users, settings, other sessions' transactions).
FORBIDDEN = (
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "ALTER",
    "CALL", "LOAD", "COPY", "FOREACH", "INSTALL", "ATTACH", "IMPORT",
    "EXPORT", "USE", "GRANT", "REVOKE", "DENY", "RENAME", "START", "STOP", "TERMINATE",
    "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK", "FINISH", "SHOW", "MACRO", "EXTENSION",
    "PROJECT", "INSERT", "UPDATE", "TRUNCATE", "ENABLE", "DISABLE", "SUSPEND", "RESUME",
)
# A keyword is a token: not preceded by a letter or underscore (a digit may precede
# it: LadybugDB reads "LIMIT 1LOAD FROM …" as "1" followed by "LOAD") and not
# followed by a letter, digit or underscore.
_WORD = re.compile(r"(?<![A-Za-z_])(" + "|".join(FORBIDDEN) + r")(?![A-Za-z0-9_])", re.I)
_MAX_LEN = 20_000


def check_read_only(text: str) -> str:
    """Return the query if it only reads; raise :class:`ReadOnlyViolation` otherwise.

    String literals, quoted names and comments are ignored, so
    ``MATCH (n {name: 'Delete'})`` is allowed.

    >>> check_read_only("MATCH (o:Organisation) RETURN o.name LIMIT 5")
    'MATCH (o:Organisation) RETURN o.name LIMIT 5'
    >>> check_read_only("MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    graph.store.base.ReadOnlyViolation: alleen lezen: 'DETACH' is niet toegestaan in de console
    """
    if not text or not text.strip():
        raise ReadOnlyViolation("lege query")
    if len(text) > _MAX_LEN:
        raise ReadOnlyViolation(f"query langer dan {_MAX_LEN} tekens")
    bare = strip_strings_and_comments(text)
    m = _WORD.search(bare)
    if m:
        raise ReadOnlyViolation(
            f"alleen lezen: {m.group(1).upper()!r} is niet toegestaan in de console")
    if ";" in bare.strip().rstrip(";"):
        raise ReadOnlyViolation("één query tegelijk (geen ';' tussen queries)")
    return text
