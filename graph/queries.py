"""Named queries: the ``cypher/*.cypher`` files, read by name.

Every file holds one read query that runs unchanged on Neo4j and LadybugDB,
preceded by a header of ``//`` comment lines::

    // title: Partners van een initiatief
    // description: Organisaties die partner zijn in een initiatief, …
    //   (a line starting with ``//`` plus indentation continues the previous key)
    // param: initiative = ini:zorgpact-flevoland
    // engines: neo4j, ladybug

``param`` lines declare the ``$parameters`` with an example value (used when a
caller gives none); the loader checks that the text uses exactly the declared
parameters. When an engine needs other Cypher (LadybugDB has ``label(r)`` instead
of ``type(r)``, ``* ALL SHORTEST`` instead of ``allShortestPaths``), the file
``NAME.ladybug.cypher`` beside ``NAME.cypher`` holds that engine's text; it may
start with ``//`` comment lines but declares nothing itself.

``schema.cypher`` (generated DDL, Neo4j only) is not a named query.

>>> q = get_query("partners_van_initiatief")
>>> q.bind({})
{'initiative': 'ini:zorgpact-flevoland'}
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import ZorgnetError
from graph.resources import cypher_dir
from graph.store.base import query_params

#: The folder with the named queries.
CYPHER_DIR = cypher_dir()
#: The engines a query can declare.
ENGINES: tuple[str, ...] = ("neo4j", "ladybug")
#: Files in the folder that are not named queries.
NOT_QUERIES: frozenset[str] = frozenset({"schema"})

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: ``// key: value``; a line indented further (``//   …``) continues the previous key.
_HEADER_RE = re.compile(r"^// ?([a-z_]+)\s*:\s*(.*)$")
_PARAM_DECL_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")
_INT_RE = re.compile(r"^[+-]?\d+$")
_FLOAT_RE = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
_KEYS = ("title", "description", "param", "engines")
#: String literals, quoted names and comments (as in :mod:`graph.store.base`).
_STRING_OR_COMMENT = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


class QueryFileError(ZorgnetError, ValueError):
    """A ``.cypher`` file has a bad header or uses undeclared parameters."""


class UnknownQuery(ZorgnetError, KeyError):
    """No named query has this name (the message lists close names)."""

    def __init__(self, name: str, known: list[str]):
        close = difflib.get_close_matches(name, known, n=5, cutoff=0.5)
        close += [k for k in known if name and name in k and k not in close][:5 - len(close)]
        if close:
            self.key, self.params = "err.query_unknown_close", {"name": repr(name),
                                                                "close": ", ".join(close)}
        else:
            self.key, self.params = "err.query_unknown", {"name": repr(name),
                                                          "known": ", ".join(known)}
        super().__init__(self.in_language("nl"))
        self.name = name
        self.close = close

    def __str__(self) -> str:  # KeyError would show the repr
        return str(self.args[0])


class ParameterError(ZorgnetError, ValueError):
    """A parameter is unknown to the query or has a value of the wrong type."""


def _is_int(text: str) -> bool:
    return bool(_INT_RE.match(text.strip()))


def _is_float(text: str) -> bool:
    return bool(_FLOAT_RE.match(text.strip()))


@dataclass(frozen=True)
class NamedQuery:
    """One ``cypher/NAME.cypher`` file.

    ``params`` maps each parameter to its example value as written in the header;
    ``text`` is the Cypher without the header; ``variants`` maps an engine to its
    own text (from ``NAME.<engine>.cypher``).
    """

    name: str
    title: str
    description: str
    params: dict[str, str]
    engines: tuple[str, ...]
    text: str
    variants: dict[str, str] = field(default_factory=dict)
    path: Path | None = field(default=None, compare=False, repr=False)

    def text_for(self, engine: str) -> str:
        """The Cypher to send to ``engine`` ("neo4j" or "ladybug")."""
        return self.variants.get(engine, self.text)

    def runs_on(self, engine: str) -> bool:
        return engine in self.engines

    def bind(self, given: dict[str, Any] | None = None) -> dict[str, Any]:
        """Parameters for a run: ``given`` plus the header's example for the rest.

        Values of parameters whose example is a number are converted ("12" -> 12
        when the example is an integer, "0.5" -> 0.5 when it is a decimal);
        other values are passed as text.

        Raises
        ------
        ParameterError
            For a parameter the query does not declare, or a numeric parameter
            whose value is not a number.
        """
        given = dict(given or {})
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise ParameterError.of("err.param_unknown", name=repr(self.name),
                                    unknown=", ".join(unknown),
                                    known=", ".join(self.params) or "–")
        out: dict[str, Any] = {}
        for p, example in self.params.items():
            value = given.get(p, example)
            if value is None:
                value = example
            out[p] = self._convert(p, value, example)
        return out

    def _convert(self, p: str, value: Any, example: str) -> Any:
        if _is_int(example):
            if isinstance(value, bool):
                raise ParameterError.of("err.param_int", name=repr(p), value=repr(value))
            if isinstance(value, int):
                return value
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, str) and _is_int(value):
                return int(value.strip())
            raise ParameterError.of("err.param_int_example", name=repr(p), example=example,
                                    value=repr(value))
        if _is_float(example):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            if isinstance(value, str) and _is_float(value):
                return float(value.strip())
            raise ParameterError.of("err.param_number", name=repr(p), example=example,
                                    value=repr(value))
        return value if isinstance(value, str) else str(value)

    def example_command(self) -> str:
        """A ``zorgnet query`` command line with the example parameters."""
        parts = ["zorgnet", "query", self.name]
        for p, v in self.params.items():
            arg = f"{p}={v}"
            if re.search(r"[\s'\"()&;|<>*?$`\\]", arg):
                arg = "'" + arg.replace("'", "'\\''") + "'"
            parts += ["--param", arg]
        return " ".join(parts)

    def columns(self, engine: str = "neo4j") -> list[str]:
        """The column names of the final ``RETURN`` (for empty results)."""
        return return_columns(self.text_for(engine))


# --------------------------------------------------------------------------- parsing


def _split_header(text: str) -> tuple[list[str], str]:
    """Leading ``//`` lines (blank lines among them skipped) and the rest."""
    lines = text.splitlines()
    i = 0
    head = []
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("//"):
            head.append(s)
        elif s:
            break
        i += 1
    return head, "\n".join(lines[i:]).strip() + "\n"


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``NAME.cypher`` file (without its variants)."""
    name = path.name[: -len(".cypher")]
    if not _NAME_RE.match(name):
        raise QueryFileError(f"{path.name}: naam moet snake_case zijn")
    head, body = _split_header(path.read_text(encoding="utf-8"))
    values: dict[str, list[str]] = {k: [] for k in _KEYS}
    last: str | None = None
    for line in head:
        m = _HEADER_RE.match(line)
        if m and m.group(1) in _KEYS:
            last = m.group(1)
            values[last].append(m.group(2).strip())
        elif m:
            raise QueryFileError(f"{path.name}: onbekende kopregel {line!r} "
                                 f"(bekend: {', '.join(_KEYS)})")
        elif last in ("title", "description") and line[2:].strip():
            values[last][-1] += " " + line[2:].strip()
        # other comment lines (e.g. an explanation) are allowed and ignored
    for key in ("title", "description", "engines"):
        if len(values[key]) != 1 or not values[key][0]:
            raise QueryFileError(f"{path.name}: kopregel '// {key}: …' ontbreekt "
                                 "of staat er meer dan eens")
    params: dict[str, str] = {}
    for decl in values["param"]:
        m = _PARAM_DECL_RE.match(decl)
        if not m:
            raise QueryFileError(f"{path.name}: '// param: {decl}' moet de vorm "
                                 "'naam = voorbeeldwaarde' hebben")
        if m.group(1) in params:
            raise QueryFileError(f"{path.name}: parameter {m.group(1)!r} staat er dubbel")
        if not m.group(2).strip():
            raise QueryFileError(f"{path.name}: parameter {m.group(1)!r} heeft geen "
                                 "voorbeeldwaarde")
        params[m.group(1)] = m.group(2).strip()
    engines = tuple(e.strip() for e in values["engines"][0].split(",") if e.strip())
    bad = [e for e in engines if e not in ENGINES]
    if bad or not engines:
        raise QueryFileError(f"{path.name}: onbekende engine(s) {', '.join(bad) or '-'} "
                             f"(kies uit {', '.join(ENGINES)})")
    q = NamedQuery(name=name, title=values["title"][0],
                   description=values["description"][0], params=params,
                   engines=engines, text=body, path=path)
    _check_params(path.name, body, params)
    return q


def _check_params(fname: str, text: str, declared: dict[str, str]) -> None:
    used = query_params(text)
    undeclared = sorted(used - set(declared))
    unused = sorted(set(declared) - used)
    if not text.strip():
        raise QueryFileError(f"{fname}: bevat geen query")
    if undeclared:
        raise QueryFileError(f"{fname}: gebruikt niet-gedeclareerde parameter(s) "
                             + ", ".join("$" + p for p in undeclared))
    if unused:
        raise QueryFileError(f"{fname}: gedeclareerde parameter(s) niet gebruikt: "
                             + ", ".join(unused))


def _load(folder: Path) -> dict[str, NamedQuery]:
    if not folder.is_dir():
        raise QueryFileError(f"map met queries niet gevonden: {folder}")
    queries: dict[str, NamedQuery] = {}
    variant_files: list[Path] = []
    for path in sorted(folder.glob("*.cypher")):
        stem = path.name[: -len(".cypher")]
        if "." in stem:
            variant_files.append(path)
        elif stem not in NOT_QUERIES:
            queries[stem] = parse_query_file(path)
    for path in variant_files:
        base, engine = path.name[: -len(".cypher")].rsplit(".", 1)
        if base not in queries:
            raise QueryFileError(f"{path.name}: variant zonder {base}.cypher")
        q = queries[base]
        if engine not in q.engines:
            raise QueryFileError(f"{path.name}: engine {engine!r} staat niet in "
                                 f"'// engines:' van {base}.cypher")
        head, body = _split_header(path.read_text(encoding="utf-8"))
        if any(_HEADER_RE.match(h) and _HEADER_RE.match(h).group(1) in _KEYS for h in head):
            raise QueryFileError(f"{path.name}: een variant heeft geen eigen kop; "
                                 f"die staat in {base}.cypher")
        _check_params(path.name, body, q.params)
        queries[base] = NamedQuery(q.name, q.title, q.description, q.params, q.engines,
                                   q.text, {**q.variants, engine: body}, q.path)
    return dict(sorted(queries.items()))


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str) -> dict[str, NamedQuery]:
    return _load(Path(folder))


def load_queries(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """All named queries of ``folder`` (default ``cypher/``), by name (cached).

    Raises
    ------
    QueryFileError
        When a file has a bad header or its parameters do not match the text.
    """
    folder = Path(folder) if folder is not None else CYPHER_DIR
    return dict(_load_cached(str(folder.resolve())))


load_queries.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]


def get_query(name: str, folder: str | Path | None = None) -> NamedQuery:
    """The named query ``name``; :class:`UnknownQuery` lists close names."""
    queries = load_queries(folder)
    try:
        return queries[name]
    except KeyError:
        raise UnknownQuery(name, list(queries)) from None


def run_named(store, name: str, params: dict[str, Any] | None = None, *,
              folder: str | Path | None = None) -> tuple[list[str], list[dict]]:
    """Run a named query on ``store``; returns ``(columns, rows)``.

    Missing parameters take the header's example value (see :meth:`NamedQuery.bind`).
    """
    q = get_query(name, folder)
    if not q.runs_on(store.engine):
        raise ParameterError.of("err.query_engine", name=repr(name), engine=store.engine,
                                engines=", ".join(q.engines))
    text = q.text_for(store.engine)
    rows = store.query(text, q.bind(params))
    columns = list(rows[0]) if rows else return_columns(text)
    return columns, rows


# --------------------------------------------------------------------------- columns

_CLAUSE_END = re.compile(r"\b(ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.I)
_RETURN = re.compile(r"\bRETURN\b", re.I)
_AS = re.compile(r"\s+AS\s+(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)\s*$", re.I)


def _blank(text: str) -> str:
    """Strings, quoted names and comments replaced by spaces of the same length."""
    return _STRING_OR_COMMENT.sub(
        lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def return_items(text: str) -> list[str]:
    """The items of the last ``RETURN`` clause, as written (commas inside strings,
    brackets and function calls do not split)."""
    text = _STRING_OR_COMMENT.sub(
        lambda m: " " * len(m.group(0)) if m.group(0).startswith("/") else m.group(0), text)
    clean = _blank(text)
    starts = [m.end() for m in _RETURN.finditer(clean)]
    if not starts:
        return []
    tail, clean_tail = text[starts[-1]:], clean[starts[-1]:]
    m = _CLAUSE_END.search(clean_tail)
    if m:
        tail, clean_tail = tail[: m.start()], clean_tail[: m.start()]
    items = [tail[a:b].strip() for a, b in _top_level_split_spans(clean_tail)]
    return [i for i in items if i]


def _top_level_split_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def return_columns(text: str) -> list[str]:
    """Column names of the last ``RETURN``: the alias, or the bare expression.

    >>> return_columns("MATCH (n) RETURN DISTINCT n.id AS id, count(*) AS c ORDER BY c")
    ['id', 'c']
    """
    out = []
    for item in return_items(text):
        item = re.sub(r"^\s*DISTINCT\s+", "", item, flags=re.I)
        m = _AS.search(item)
        out.append(m.group(1).strip("`") if m else item)
    return out


# --------------------------------------------------------------------------- README

README_HEAD = """\
# Benoemde queries

Deze map bevat de benoemde Cypher-queries van Zorgnet: één query per bestand, die
ongewijzigd draait op Neo4j (de hoofdopslag) en op de ingebouwde LadybugDB. Waar
LadybugDB andere Cypher nodig heeft, staat die in `NAAM.ladybug.cypher` naast
`NAAM.cypher`. Elk bestand begint met een kop van `//`-regels (`title`,
`description`, `param: naam = voorbeeldwaarde`, `engines`); de query zelf gebruikt
alleen `$parameters`. Parameters die u niet opgeeft krijgen de voorbeeldwaarde uit
de kop. Parameters die een organisatie, initiatief of document aanwijzen
accepteren de id en, waar vermeld, ook de naam.

```
zorgnet queries                                   # lijst
zorgnet query partners_van_initiatief --param initiative=ini:zorgpact-flevoland
zorgnet query kortste_keten --format json         # met de voorbeeldwaarden
```

`schema.cypher` is geen query maar het gegenereerde Neo4j-schema (`zorgnet schema --write`).

Dit bestand wordt gegenereerd door `python -m graph.queries --write`; een test
controleert dat het actueel is.
"""


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def readme_text(folder: str | Path | None = None) -> str:
    """The content of ``cypher/README.md``."""
    queries = load_queries(folder)
    out = [README_HEAD, "\n## Overzicht\n\n",
           "| naam | titel | parameters (voorbeeld) |\n|---|---|---|\n"]
    for q in queries.values():
        params = ", ".join(f"`{p}` = `{v}`" for p, v in q.params.items()) or "–"
        out.append(f"| [`{q.name}`](#{q.name}) | {_md(q.title)} | {_md(params)} |\n")
    out.append("\n## Queries\n")
    for q in queries.values():
        out.append(f"\n### {q.name}\n\n**{q.title}.** {q.description}\n\n")
        if q.params:
            out.append("Parameters: " + ", ".join(
                f"`{p}` (voorbeeld `{v}`)" for p, v in q.params.items()) + ".\n\n")
        engines = ", ".join(q.engines)
        if q.variants:
            engines += " (eigen tekst voor " + ", ".join(sorted(q.variants)) + \
                f": `{q.name}.{sorted(q.variants)[0]}.cypher`)"
        out.append(f"Engines: {engines}.\n\n")
        out.append(f"```\n{q.example_command()}\n```\n")
    return "".join(out)


def write_readme(folder: str | Path | None = None) -> Path:
    folder = Path(folder) if folder is not None else CYPHER_DIR
    path = folder / "README.md"
    path.write_text(readme_text(folder), encoding="utf-8")
    return path

__all__ = ["CYPHER_DIR", "ENGINES", "NOT_QUERIES", "QueryFileError", "UnknownQuery",
           "ParameterError", "NamedQuery", "parse_query_file", "load_queries", "get_query",
           "run_named", "return_items", "return_columns", "README_HEAD", "readme_text",
           "write_readme"]


if __name__ == "__main__":  # pragma: no cover
    import sys

    if "--write" in sys.argv[1:]:
        print(write_readme(), file=sys.stderr)
    else:
        sys.stdout.write(readme_text())
