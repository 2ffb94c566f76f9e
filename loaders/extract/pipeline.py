"""The compiled spaCy pipeline: Dutch tokenizer + rule-based sentencizer + a PhraseMatcher
(``attr="LOWER"``) over every surface form of the lexicon.

Compiled once per lexicon and cached at module level: the first call costs ~2 s (reading the
gazetteer and the name lists, tokenizing a few thousand patterns), later calls are free.
No other spaCy components are loaded: name patterns, roles, events and relations are matched
in :mod:`loaders.extract.core` on plain token lists, which is faster than the Matcher for the
way these rules combine.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from loaders.extract.lexicon import Lexicon, load_lexicon


@dataclass
class Pipeline:
    nlp: object
    matcher: object
    lex: Lexicon
    #: lowercase token tuple -> [(entry id, surface form)]
    surfaces: dict[tuple[str, ...], list[tuple[int, str]]]


_LOCK = threading.Lock()
_CACHE: dict[int, Pipeline] = {}


def make_nlp():
    import spacy
    nlp = spacy.blank("nl")
    # "Practoraat Zorg & (Sensor)technologie": a word with a bracketed part stays one token
    # (also before a full stop: the bracket is not split off as a prefix)
    match, prefix = nlp.tokenizer.token_match, nlp.tokenizer.prefix_search
    nlp.tokenizer.token_match = lambda t: _BRACKETED(t) or (match(t) if match else None)
    nlp.tokenizer.prefix_search = lambda t: None if _BRACKETED_START(t) else prefix(t)
    nlp.add_pipe("sentencizer")
    return nlp


_BRACKETED = re.compile(r"^\([^\W\d_]+\)[^\W\d_]+$").match
_BRACKETED_START = re.compile(r"^\([^\W\d_]+\)[^\W\d_]").match


def _compile(lex: Lexicon) -> Pipeline:
    from spacy.matcher import PhraseMatcher
    nlp = make_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    surfaces: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    forms: list[tuple[int, str]] = []
    for e in lex.entries:
        for s in e.surfaces():
            forms.append((e.id, s))
            # "het Zorgpact" -> also without its article
            low = s.lower()
            for art in ("het ", "de ", "'t "):
                if low.startswith(art) and len(s) > len(art) + 2:
                    forms.append((e.id, s[len(art):]))
    docs = []
    for (eid, s), doc in zip(forms, nlp.tokenizer.pipe(f for _, f in forms)):
        key = tuple(t.lower_ for t in doc)
        if not key:
            continue
        lst = surfaces.setdefault(key, [])
        if (eid, s) not in lst:
            if not lst:
                docs.append(doc)
            # all-lowercase forms first: they accept any capitalisation
            if s == s.lower():
                lst.insert(0, (eid, s))
            else:
                lst.append((eid, s))
    # one key for all: the match is mapped back through `surfaces`
    for i in range(0, len(docs), 1000):
        matcher.add("LEX", docs[i:i + 1000])
    return Pipeline(nlp, matcher, lex, surfaces)


_CHECK_EVERY = 5.0   # seconds between checks whether data files changed
_last = [0.0, None]


def get_pipeline() -> Pipeline:
    """The pipeline for the current lexicon (see :func:`load_lexicon` for reloading; the
    data files are checked for changes at most every few seconds)."""
    now = time.monotonic()
    if _last[1] is not None and now - _last[0] < _CHECK_EVERY:
        return _last[1]
    lex = load_lexicon()
    p = _CACHE.get(id(lex))
    if p is not None and p.lex is lex:
        return p
    with _LOCK:
        p = _CACHE.get(id(lex))
        if p is None or p.lex is not lex:
            p = _compile(lex)
            _CACHE.clear()
            _CACHE[id(lex)] = p
    _last[0], _last[1] = now, p
    return p


def reset() -> None:
    """Forget the cached pipeline (tests that change data files or environment)."""
    _last[0], _last[1] = 0.0, None


__all__ = ["Pipeline", "get_pipeline", "make_nlp"]
