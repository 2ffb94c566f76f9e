"""Guard for the analysts' Cypher console: a lexer, an allow-list and size caps.

The check runs *before* a query reaches an engine, and it is only the first of
several defences (see the README, "Cypher console guarantees"):

* Neo4j runs the query in a read transaction after ``EXPLAIN`` showed the server
  itself classifies it as read-only (``query_type == 'r'``);
* LadybugDB runs it in a separate worker process that opens the database read-only,
  may not write a byte to any file (``RLIMIT_FSIZE=0``) and has time and memory caps
  (:mod:`graph.console_worker`).

The guard tokenises the query the way the engines do, and refuses it when the two
could disagree about where a comment or a string ends: a ``//`` comment holding a
line terminator other than ``\\n`` (``\\r``, ``\\u2028``, ``\\u2029``, ``\\x85``,
``\\x0b``, ``\\x0c``), an unterminated string, name or block comment, a backslash
outside a string, a ``\\u`` escape of an ASCII character, a number glued to a name
(``1LOAD``) or a character that is no Cypher. Outside strings, comments and
`quoted names` it then allows only read clauses (a query starts with ``MATCH``,
``OPTIONAL MATCH``, ``UNWIND``, ``WITH``, ``RETURN`` or ``CALL``), ``CALL`` only of an
allow-listed read procedure of the engine, and caps length, token count, bracket
and ``CASE`` nesting and the number of operators (the engines' parsers recurse:
a few thousand brackets or operators crash LadybugDB and overflow Neo4j's stack).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from graph.errors import Count, ReadOnlyViolation

__all__ = ["MAX_LENGTH", "MAX_TOKENS", "MAX_DEPTH", "MAX_CASE_DEPTH", "MAX_OPERATORS",
           "FORBIDDEN", "STARTS", "READ_PROCEDURES", "FUNCTION_NAMESPACES", "ENGINES",
           "Token", "tokens", "check_read_only"]

MAX_LENGTH = 10_000      # characters
MAX_TOKENS = 4_000
MAX_DEPTH = 32           # (), [], {} and CASE … END together
MAX_CASE_DEPTH = 8       # LadybugDB's parser is exponential in nested CASE
MAX_OPERATORS = 500      # + - * / % ^ = <> < > AND OR XOR NOT … in the whole query

#: Words that start or belong to clauses that write, change the schema, touch
#: files or URLs, call procedures, administer the server or change the session.
FORBIDDEN = frozenset("""
    CREATE MERGE DELETE DETACH SET REMOVE DROP ALTER RENAME FOREACH INSERT UPDATE
    TRUNCATE LOAD COPY FROM CSV IMPORT EXPORT ATTACH INSTALL UNINSTALL EXTENSION USE
    GRANT REVOKE DENY SHOW TERMINATE START STOP ENABLE DISABLE SUSPEND RESUME
    BEGIN COMMIT ROLLBACK CHECKPOINT TRANSACTION TRANSACTIONS PERIODIC FINISH
    MACRO PROJECT ANALYZE COMMENT DATABASE DATABASES EXPLAIN PROFILE CYPHER
""".split())

#: The words a console query may start with.
STARTS = frozenset({"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CALL"})

#: Read-only procedures ``CALL`` may name, per engine.
READ_PROCEDURES = {
    "neo4j": frozenset({
        "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
        "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    }),
    "ladybug": frozenset({"show_tables", "table_info", "db_version", "show_indexes"}),
}
#: Namespaces of functions a query may call as ``ns.name(…)`` (Neo4j; LadybugDB has none).
FUNCTION_NAMESPACES = {
    "neo4j": frozenset({"point", "date", "datetime", "localdatetime", "time", "localtime",
                        "duration", "vector", "db.nameFromElementId".lower()}),
    "ladybug": frozenset(),
}
ENGINES = tuple(READ_PROCEDURES)

_OPERATOR_WORDS = frozenset({"AND", "OR", "XOR", "NOT", "IN", "IS", "CONTAINS", "STARTS",
                             "ENDS"})
_OPERATORS = frozenset({"+", "-", "*", "/", "%", "^", "=", "<>", "<", ">", "<=", ">=",
                        "=~", "!=", "||", "+="})
_PUNCT2 = ("<>", "<=", ">=", "=~", "!=", "||", "+=", "..", "::")
_PUNCT1 = set("()[]{},.:;|$+-*/%^=<>!&~")
_OPEN, _CLOSE = "([{", ")]}"
_ODD_LINE_ENDS = {"\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}


@dataclass(frozen=True)
class Token:
    kind: str    # word, name (backticked), string, number, param, punct
    text: str    # for words: upper case; for names: the unquoted name
    pos: int


def _is(tok: Token, punct: str) -> bool:
    return tok.kind == "punct" and tok.text == punct


def _refuse(key: str, **params):
    """Refuse with the message ``err.ro_<key>`` of the locale files, after "alleen
    lezen: " ("read only: ")."""
    raise ReadOnlyViolation.of("err.read_only", why=ReadOnlyViolation.of(f"err.ro_{key}",
                                                                           **params))


def _is_word_char(c: str) -> bool:
    if c.isascii():
        return c.isalnum() or c == "_"
    return unicodedata.category(c)[0] in "LN" or unicodedata.category(c) in ("Mn", "Mc", "Pc")


def _skip_string(text: str, i: int) -> int:
    """Index after the string literal starting at ``text[i]`` (a quote)."""
    quote, n = text[i], len(text)
    i += 1
    while i < n:
        c = text[i]
        if c == "\\":
            if i + 1 >= n:
                break
            esc = text[i + 1]
            if esc in "uU":
                width = 4 if esc == "u" else 8
                digits = text[i + 2:i + 2 + width]
                try:
                    cp = int(digits, 16) if len(digits) == width else -1
                except ValueError:
                    cp = -1
                if cp < 0x80 or cp in (0x85, 0x2028, 0x2029):
                    _refuse("escape", esc=repr(text[i:i + 2 + width]))
                i += 2 + width
                continue
            i += 2
            continue
        if c == quote:
            return i + 1
        i += 1
    _refuse("string_open")


def tokens(text: str) -> list[Token]:
    """Tokenise a console query; comments and white space are dropped.

    Raises :class:`ReadOnlyViolation` for everything the engines could read
    differently (see the module docstring).

    >>> [t.text for t in tokens("MATCH (n {x: 'a//b'}) // c\\nRETURN n.`y z`")]
    ['MATCH', '(', 'N', '{', 'X', ':', 'a//b', '}', ')', 'RETURN', 'N', '.', 'y z']
    >>> tokens("RETURN 1 // x\\rCREATE (n)")
    Traceback (most recent call last):
    ...
    graph.errors.ReadOnlyViolation: alleen lezen: commentaar met een ongewoon regeleinde (U+000D) is niet toegestaan
    """
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace() or c in "\u200b\u2060\ufeff\u180e":
            i += 1
        elif text.startswith("//", i):
            j = i + 2
            while j < n and text[j] != "\n":
                if text[j] in _ODD_LINE_ENDS and not (text[j] == "\r" and text[j + 1:j + 2]
                                                      == "\n"):
                    _refuse("comment_line_end", char=f"U+{ord(text[j]):04X}")
                j += 1
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                _refuse("comment_open")
            if "/*" in text[i + 2:j]:
                _refuse("comment_nested")
            i = j + 2
        elif c in "'\"":
            j = _skip_string(text, i)
            out.append(Token("string", text[i + 1:j - 1], i))
            i = j
        elif c == "`":
            j = i + 1
            while True:
                j = text.find("`", j)
                if j < 0:
                    _refuse("name_open")
                if text.startswith("``", j):
                    j += 2
                    continue
                break
            out.append(Token("name", text[i + 1:j].replace("``", "`"), i))
            i = j + 1
        elif c.isdigit():
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_."):
                if text[j] == "." and not text[j + 1:j + 2].isdigit():
                    break
                j += 1
            num = text[i:j]
            if not _is_number(num):
                _refuse("number_name", text=repr(num[:20]))
            out.append(Token("number", num, i))
            i = j
        elif _is_word_char(c):
            j = i
            while j < n and _is_word_char(text[j]):
                j += 1
            out.append(Token("word", text[i:j].upper(), i))
            i = j
        elif text[i:i + 2] in _PUNCT2:
            out.append(Token("punct", text[i:i + 2], i))
            i += 2
        elif c in _PUNCT1:
            out.append(Token("punct", c, i))
            i += 1
        elif c == "\\":
            _refuse("backslash")
        else:
            _refuse("char", char=f"U+{ord(c):04X}")
    return out


def _is_number(s: str) -> bool:
    """Decimal, float with exponent, hex (0x…) or octal (0o…) literal, '_' allowed."""
    t = s.replace("_", "").lower()
    if t.startswith(("0x", "0o")):
        digits = "0123456789abcdef" if t[1] == "x" else "01234567"
        return len(t) > 2 and all(ch in digits for ch in t[2:])
    mant, _, exp = t.partition("e")
    if exp:
        exp = exp[1:] if exp[0] in "+-" else exp
        if not exp.isdigit():
            return False
    whole, _, frac = mant.partition(".")
    return whole.isdigit() and (frac == "" or frac.isdigit()) and "e" not in frac


def _lookalike(word: str) -> str:
    """The ASCII keyword a word could pass for under a case-insensitive match that
    folds Unicode (fullwidth letters, dotless/dotted i, long s, Kelvin sign, accents).

    >>> _lookalike("TERMİNATE"), _lookalike("ＳＨＯＷ"), _lookalike("ſet")
    ('TERMINATE', 'SHOW', 'SET')
    """
    if word.isascii():
        return word.upper()
    folded = unicodedata.normalize("NFKD", word.replace("ı", "i").replace("ſ", "s"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold().upper()


def _dotted(toks: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at ``toks[i]`` (words or `names`), lower case, and the
    index after it."""
    parts = []
    while i < len(toks) and toks[i].kind in ("word", "name"):
        parts.append(toks[i].text.lower())
        if i + 2 < len(toks) and _is(toks[i + 1], ".") and toks[i + 2].kind in ("word",
                                                                               "name"):
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def check_read_only(text: str, engine: str | None = None) -> str:
    """Return the query if the console may send it; raise :class:`ReadOnlyViolation`.

    ``engine`` is ``"neo4j"`` or ``"ladybug"`` (their procedure and function
    allow-lists); ``None`` applies the rules of both. String literals, `quoted names`
    and comments are not code, so ``MATCH (n {name: 'Delete'})`` is allowed.

    >>> check_read_only("MATCH (o:Organisation) RETURN o.name LIMIT 5")
    'MATCH (o:Organisation) RETURN o.name LIMIT 5'
    >>> check_read_only("MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    graph.errors.ReadOnlyViolation: alleen lezen: 'DETACH' is niet toegestaan in de console
    """
    engines = ENGINES if engine is None else (engine,)
    if not text or not text.strip():
        raise ReadOnlyViolation.of("err.ro_empty")
    if len(text) > MAX_LENGTH:
        _refuse("too_long", max=Count(MAX_LENGTH))
    toks = tokens(text)
    if not toks:
        raise ReadOnlyViolation.of("err.ro_empty")
    if len(toks) > MAX_TOKENS:
        _refuse("too_many_tokens", max=Count(MAX_TOKENS))
    while toks and _is(toks[-1], ";"):
        toks.pop()
    if any(_is(t, ";") for t in toks):
        _refuse("one_query")
    first = toks[0]
    if first.kind != "word" or first.text not in STARTS:
        _refuse("start")
    depth = case_depth = operators = 0
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else None
        # a property key (n.set) or a parameter name ($from) is no clause
        after_dot = (prev is not None and prev.kind == "punct" and (
            prev.text == "$" or prev.text == "." and i >= 2 and (
                toks[i - 2].kind in ("word", "name") or toks[i - 2].text in _CLOSE)))
        if tok.kind == "word" and not after_dot:
            if tok.text in FORBIDDEN or _lookalike(tok.text) in FORBIDDEN:
                _refuse("word", word=repr(tok.text))
            if tok.text == "CALL":
                _check_call(toks, i, engines)
            elif tok.text == "CASE":
                depth += 1
                case_depth += 1
            elif tok.text == "END":
                depth -= 1
                case_depth -= 1
            elif tok.text in _OPERATOR_WORDS:
                operators += 1
        if tok.kind in ("word", "name") and not after_dot:
            _check_function(toks, i, engines)
        if tok.kind == "punct":
            if tok.text in _OPEN:
                depth += 1
            elif tok.text in _CLOSE:
                depth -= 1
            elif tok.text in _OPERATORS:
                operators += 1
        if depth > MAX_DEPTH:
            _refuse("depth", max=MAX_DEPTH)
        if case_depth > MAX_CASE_DEPTH:
            _refuse("case_depth", max=MAX_CASE_DEPTH)
        if operators > MAX_OPERATORS:
            _refuse("operators", max=MAX_OPERATORS)
    return text


def _check_call(toks: list[Token], i: int, engines) -> None:
    name, j = _dotted(toks, i + 1)
    if not name or j >= len(toks) or not _is(toks[j], "("):
        _refuse("call_form")
    for engine in engines:
        if name not in READ_PROCEDURES[engine]:
            allowed = ", ".join(sorted(READ_PROCEDURES[engine]))
            _refuse("call", name=name, engine=engine, allowed=allowed)


def _check_function(toks: list[Token], i: int, engines) -> None:
    """``ns.name(…)`` outside CALL: only functions of allow-listed namespaces."""
    if i + 1 >= len(toks) or not _is(toks[i + 1], "."):
        return
    name, j = _dotted(toks, i)
    if j >= len(toks) or not _is(toks[j], "(") or "." not in name:
        return
    if i and toks[i - 1].kind == "word" and toks[i - 1].text == "CALL":
        return
    for engine in engines:
        spaces = FUNCTION_NAMESPACES[engine]
        if not any(name == s or name.startswith(s + ".") for s in spaces):
            _refuse("function", name=name, engine=engine)
