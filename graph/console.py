"""Guard for the analysts' Cypher console: refuse writes and procedures.

The check runs *before* a query is sent; each engine also runs console queries in
a read-only transaction (Neo4j read access mode, LadybugDB ``BEGIN TRANSACTION
READ ONLY``), so the guard is a second, independent line of defence.
"""

from __future__ import annotations

import re

from graph.store.base import ReadOnlyViolation, strip_strings_and_comments

#: Clauses that write, change the schema, touch files or call procedures.
FORBIDDEN = (
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "ALTER",
    "CALL", "LOAD", "COPY", "FOREACH", "INSTALL", "ATTACH", "DETACH", "IMPORT",
    "EXPORT", "USE", "GRANT", "REVOKE", "DENY", "RENAME", "START", "STOP", "TERMINATE",
    "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK", "FINISH",
)
_WORD = re.compile(r"\b(" + "|".join(FORBIDDEN) + r")\b", re.I)
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
