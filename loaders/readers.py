"""Readers: turn a file or URL into a :class:`Text` (title, date, clean body).

Supported: ``.txt``, ``.md`` (plain text), ``.html``/``.htm`` (main text via trafilatura, menus
and scripts dropped; title and date from the page metadata), ``.pdf`` (pypdf), ``.docx``
(python-docx) and ``http(s)://`` URLs (fetched with a timeout; the content type decides the
reader).

Every problem with one source raises :class:`loaders.errors.LoadError` with the path and a
Dutch + English message: missing/unreadable file, empty file, a binary file named ``.txt``,
a corrupt PDF or DOCX, a PDF without a text layer, HTML without readable text, an unreachable
URL, or a source larger than the size limit.

Size limit (decision)
---------------------
Sources larger than ``ZORGNET_MAX_BYTES`` (default 20 MB) are refused with a LoadError before
they are read into memory; the file size is checked with ``stat`` (URLs are read in chunks and
cut off at the limit). 20 MB of text is about 3 million words, i.e. about a minute of extraction
at the benchmarked speed; anything bigger is almost certainly a dump or a mistake and should be
split. Raise the limit with the environment variable when you really mean it.

Page clutter
------------
After reading, :func:`clean_lines` drops lines that are navigation, breadcrumbs, newsletter
boxes, share buttons, cookie notices, "Terug naar …", "Gerelateerd aan", "Lees meer …" etc.
(regexes in ``data/extract/clutter.txt``), short bullet menus, and exact repeats of an earlier
line (pages often repeat their title and intro).
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from graph.resources import data_dir
from graph.settings import DEFAULT_MAX_BYTES, DEFAULT_URL_TIMEOUT, Settings
from graph.vocab import DOCUMENT_SUFFIXES, is_url
from loaders.errors import LoadError
from loaders.extract.dates import is_date_line, parse_date, to_date

DATA_DIR = data_dir() / "extract"

#: file suffix -> reader kind (:data:`graph.vocab.DOCUMENT_SUFFIXES`)
SUFFIXES: dict[str, str] = DOCUMENT_SUFFIXES
URL_TIMEOUT = DEFAULT_URL_TIMEOUT
USER_AGENT = "Zorgnet/0.1 (+https://zorgpact.nl; extractor)"


@dataclass
class Text:
    source: str          # absolute path or URL
    title: str
    date: str | None     # ISO YYYY-MM-DD
    body: str            # cleaned text, one paragraph per line
    doctype: str         # text | html | pdf | docx
    checksum: str        # SHA-256 of the raw bytes


def max_bytes(settings: Settings | None = None) -> int:
    """The largest file or page read (:attr:`graph.settings.Settings.max_bytes`)."""
    return (settings or Settings.from_env()).max_bytes


def supported(path: str | Path) -> bool:
    return Path(str(path)).suffix.lower() in SUFFIXES


# --------------------------------------------------------------------------- clutter


@lru_cache(maxsize=1)
def _clutter_res() -> tuple[re.Pattern, ...]:
    out = []
    p = DATA_DIR / "clutter.txt"
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(re.compile(r"(?:" + line + r")\Z", re.I))
    return tuple(out)


_BULLET = re.compile(r"^\s*(?:[•·▪◦●*›»]|[-–—](?=\s)|\d+[.)](?=\s+\S+\s*$))\s*")
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def is_clutter(line: str) -> bool:
    s = _BULLET.sub("", line.strip()).strip()
    if not s:
        return True
    return any(rx.match(s) for rx in _clutter_res())


def clean_lines(text: str) -> list[str]:
    """Normalise whitespace, drop clutter lines, bullet menus and repeated lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    raw = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
    raw = [ln for ln in raw if ln and not all(not c.isalnum() for c in ln)]
    # bullet menus: a run of >= 2 bullet lines, most of them at most three words
    keep = [True] * len(raw)
    i = 0
    while i < len(raw):
        if _BULLET.match(raw[i]):
            j = i
            while j < len(raw) and _BULLET.match(raw[j]):
                j += 1
            run = raw[i:j]
            short = sum(1 for r in run if len(_BULLET.sub("", r).split()) <= 3)
            if len(run) >= 2 and short * 2 >= len(run):
                for k in range(i, j):
                    keep[k] = False
            i = j
        else:
            i += 1
    out, seen = [], set()
    for ln, k in zip(raw, keep):
        if not k or is_clutter(ln):
            continue
        key = _BULLET.sub("", ln).casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(_BULLET.sub("", ln) if _BULLET.match(ln) else ln)
    return out


def _title_and_date(lines: list[str], base: str | None) -> tuple[str, str | None]:
    title = ""
    for ln in lines[:5]:
        if not is_date_line(ln) and len(ln.split()) <= 25:
            title = ln
            break
    date = None
    for ln in lines[:15]:
        if is_date_line(ln):
            date = parse_date(ln, base)
            if date:
                break
    return title, date


def _finish(source: str, checksum: str, doctype: str, body_text: str, title: str | None,
            date: str | None, known_date: str | None) -> Text:
    lines = clean_lines(body_text)
    if not lines:
        raise LoadError(source, "geen leesbare tekst gevonden", "no readable text found")
    base = date or (to_date(known_date).isoformat() if to_date(known_date) else None)
    t2, d2 = _title_and_date(lines, base)
    title = (title or "").strip() or t2 or Path(urlparse(source).path).name or source
    title = _WS.sub(" ", title)
    if not date:
        date = d2 or base
    # the title is the first line of the body (sentence 1), once
    if lines and lines[0].casefold() != title.casefold() and not is_url(title):
        lines.insert(0, title)
    # the publication-date line carries no entities
    lines = [ln for ln in lines if not is_date_line(ln)]
    return Text(source=source, title=title, date=date, body="\n".join(lines),
                doctype=doctype, checksum=checksum)


# --------------------------------------------------------------------------- decoding

_BINARY_CTRL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM, or UTF-16 with BOM); otherwise cp1252, then latin-1.

    Binary content (NUL bytes, many control characters) raises LoadError.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise LoadError(source, f"ongeldige UTF-16-tekst ({e.reason})",
                            f"invalid UTF-16 text ({e.reason})") from e
    head = data[:65536]
    if b"\x00" in head:
        raise LoadError(source, "binair bestand, geen tekst", "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = text[:65536]
    if sample and len(_BINARY_CTRL.findall(sample)) > max(8, len(sample) // 50):
        raise LoadError(source, "binair bestand, geen tekst", "binary file, not text")
    return text


# --------------------------------------------------------------------------- per type


def read_text_bytes(data: bytes, source: str, known_date: str | None = None,
                    doctype: str = "text") -> Text:
    text = decode_text(data, source)
    if not text.strip():
        raise LoadError(source, "leeg bestand", "empty file")
    if doctype == "md":
        text = _strip_markdown(text)
    return _finish(source, checksum(data), "text", text, None, None, known_date)


_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)"), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"^\s*([-*_])\s*(\1\s*){2,}$", re.M), ""),
]


def _strip_markdown(text: str) -> str:
    for rx, rep in _MD_RULES:
        text = rx.sub(rep, text)
    return text


def read_html_bytes(data: bytes, source: str, known_date: str | None = None) -> Text:
    if not data.strip():
        raise LoadError(source, "leeg bestand", "empty file")
    try:
        import trafilatura
    except ImportError as e:  # pragma: no cover
        raise LoadError(source, "trafilatura ontbreekt", "trafilatura is not installed") from e
    html = _decode_html(data, source)
    try:
        doc = trafilatura.bare_extraction(
            html, url=source if is_url(source) else None, with_metadata=True,
            include_comments=False, include_tables=True, include_links=False,
            include_images=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d"})
    except Exception as e:  # trafilatura raises assorted lxml errors on broken input
        raise LoadError(source, f"HTML kon niet worden gelezen ({type(e).__name__})",
                        f"HTML could not be parsed ({type(e).__name__})") from e
    body = title = date = None
    if doc is not None:
        d = doc if isinstance(doc, dict) else doc.as_dict()
        body, title, date = d.get("text"), d.get("title"), d.get("date")
    if not body or not body.strip():
        raise LoadError(source, "geen leesbare hoofdtekst in HTML (alleen menu's/scripts?)",
                        "no readable main text in HTML (only menus/scripts?)")
    if not title:
        m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
        title = re.sub(r"\s+", " ", m.group(1)).strip() if m else None
    if date:
        date = parse_date(str(date)) or None
    return _finish(source, checksum(data), "html", body, title, date, known_date)


def _decode_html(data: bytes, source: str) -> str:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode_text(data, source)


def read_pdf_bytes(data: bytes, source: str, known_date: str | None = None) -> Text:
    if not data:
        raise LoadError(source, "leeg bestand", "empty file")
    try:
        from pypdf import PdfReader
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as e:
                raise LoadError(source, "PDF is versleuteld", "PDF is encrypted") from e
        pages = [(p.extract_text() or "") for p in reader.pages]
        meta = reader.metadata
    except LoadError:
        raise
    except Exception as e:  # pypdf raises many error types for broken files
        raise LoadError(source, f"PDF is beschadigd of onleesbaar ({type(e).__name__})",
                        f"PDF is corrupt or unreadable ({type(e).__name__})") from e
    text = reflow("\n\n".join(pages))
    if not text.strip():
        raise LoadError(source, "PDF bevat geen tekstlaag (gescand? OCR nodig)",
                        "PDF has no text layer (scanned? needs OCR)")
    title = date = None
    if meta is not None:
        try:
            title = (meta.title or "").strip() or None
            cd = meta.creation_date
            date = cd.date().isoformat() if cd else None
        except Exception:
            title = title or None
    return _finish(source, checksum(data), "pdf", text, title, None, known_date or date)


def reflow(text: str) -> str:
    """Join hard-wrapped lines of PDF text into paragraphs (blank line = paragraph break)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        buf = ""
        for ln in lines:
            if not buf:
                buf = ln
            elif buf.endswith("-") and ln[:1].islower():
                buf = buf[:-1] + ln
            elif (buf[-1:] in ".!?:;" and ln[:1].isupper()) or _BULLET.match(ln) \
                    or (len(buf.split()) <= 8 and not buf[-1:] in ",;" and ln[:1].isupper()
                        and buf[-1:] not in ".!?"):
                out.append(buf)
                buf = ln
            else:
                buf += " " + ln
        if buf:
            out.append(buf)
    return "\n".join(out)


def read_docx_bytes(data: bytes, source: str, known_date: str | None = None) -> Text:
    if not data:
        raise LoadError(source, "leeg bestand", "empty file")
    try:
        import docx
        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                cells = []
                for c in row.cells:
                    t = c.text.strip()
                    if t and t not in cells:
                        cells.append(t)
                if cells:
                    parts.append(" | ".join(cells))
        cp = d.core_properties
        title = (cp.title or "").strip() or None
    except Exception as e:  # zipfile.BadZipFile, KeyError, lxml errors …
        raise LoadError(source, f"DOCX is beschadigd of onleesbaar ({type(e).__name__})",
                        f"DOCX is corrupt or unreadable ({type(e).__name__})") from e
    text = "\n".join(parts)
    if not text.strip():
        raise LoadError(source, "DOCX bevat geen tekst", "DOCX contains no text")
    # core_properties.created is the file's creation time (python-docx even stamps its own
    # template date), not a publication date: only a date line in the text counts.
    return _finish(source, checksum(data), "docx", text, title, None, known_date)


# --------------------------------------------------------------------------- entry points


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_file_bytes(path: Path, source: str, settings: Settings | None = None) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError as e:
        raise LoadError(source, "bestand bestaat niet", "file does not exist") from e
    except OSError as e:
        raise LoadError(source, f"bestand niet leesbaar ({e.strerror})",
                        f"file not readable ({e.strerror})") from e
    if path.is_dir():
        raise LoadError(source, "dit is een map, geen bestand", "this is a folder, not a file")
    limit = max_bytes(settings)
    if st.st_size > limit:
        mb = st.st_size / 1e6
        raise LoadError(source, f"bestand is {mb:.1f} MB, groter dan de limiet van "
                        f"{limit / 1e6:.0f} MB (splits het of zet ZORGNET_MAX_BYTES)",
                        f"file is {mb:.1f} MB, above the {limit / 1e6:.0f} MB limit "
                        f"(split it or set ZORGNET_MAX_BYTES)")
    try:
        return path.read_bytes()
    except OSError as e:
        raise LoadError(source, f"bestand niet leesbaar ({e.strerror})",
                        f"file not readable ({e.strerror})") from e


def fetch_url(url: str, timeout: float | None = None, settings: Settings | None = None
              ) -> tuple[bytes, str]:
    """GET a URL; returns (bytes, content type). Raises LoadError when unreachable.

    ``timeout`` defaults to :attr:`graph.settings.Settings.url_timeout`."""
    settings = settings or Settings.from_env()
    timeout = float(timeout or settings.url_timeout)
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                               "Accept-Language": "nl,en;q=0.5"})
    limit = settings.max_bytes
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "") or ""
            chunks, size = [], 0
            while True:
                chunk = resp.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise LoadError(url, f"pagina groter dan {limit / 1e6:.0f} MB",
                                    f"page larger than {limit / 1e6:.0f} MB")
                chunks.append(chunk)
    except LoadError:
        raise
    except urllib.error.HTTPError as e:
        raise LoadError(url, f"URL gaf HTTP-fout {e.code} ({e.reason})",
                        f"URL returned HTTP error {e.code} ({e.reason})") from e
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise LoadError(url, f"URL niet bereikbaar ({reason})",
                        f"URL unreachable ({reason})") from e
    return b"".join(chunks), ctype


def _kind_for_url(url: str, ctype: str, data: bytes) -> str:
    c = ctype.lower()
    if "pdf" in c or data[:5] == b"%PDF-":
        return "pdf"
    if "officedocument.wordprocessingml" in c:
        return "docx"
    if "html" in c or "xml" in c:
        return "html"
    suffix = Path(unquote(urlparse(url).path)).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if c.startswith("text/"):
        return "text"
    return "html" if re.search(rb"<html|<body|<p[ >]", data[:4096], re.I) else "text"


def read_source(source: str, *, known_date: str | None = None,
                settings: Settings | None = None) -> Text:
    """Read one file or URL into a :class:`Text` (limits from ``settings``, default
    :meth:`Settings.from_env`). Raises LoadError."""
    settings = settings or Settings.from_env()
    if is_url(source):
        data, ctype = fetch_url(source, settings=settings)
        kind = _kind_for_url(source, ctype, data)
        src = source
    else:
        path = Path(source).expanduser()
        src = str(path.resolve())
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            raise LoadError(src, f"bestandstype {path.suffix or '(geen)'} wordt niet ondersteund "
                            f"(wel: {', '.join(sorted(SUFFIXES))})",
                            f"file type {path.suffix or '(none)'} is not supported")
        data = _read_file_bytes(path, src, settings)
        if path.suffix.lower() == ".md":
            kind = "md"
    if kind in ("text", "md"):
        if not data.strip():
            raise LoadError(src, "leeg bestand", "empty file")
        return read_text_bytes(data, src, known_date, doctype=kind)
    if kind == "html":
        return read_html_bytes(data, src, known_date)
    if kind == "pdf":
        return read_pdf_bytes(data, src, known_date)
    if kind == "docx":
        return read_docx_bytes(data, src, known_date)
    raise LoadError(src, f"onbekend type {kind}", f"unknown type {kind}")  # pragma: no cover


__all__ = ["Text", "read_source", "clean_lines", "is_clutter", "decode_text", "fetch_url",
           "is_url", "supported", "SUFFIXES", "reflow", "max_bytes", "DEFAULT_MAX_BYTES"]
