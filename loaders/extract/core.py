"""Rule-based extraction of entities and relations from Dutch text.

Pipeline per document
---------------------
1. Paragraphs (lines) are tokenized and split into sentences by spaCy (``spacy.blank("nl")`` +
   sentencizer); the PhraseMatcher finds every gazetteer/alias/domain/region surface form
   (case-insensitive, then checked: a capital in the reference form needs a capital in the
   text, so "op stap" is not the koploper "Op Stap").
2. **Mentions** per sentence (:func:`_sentence_mentions`):
   * capitalised name chunks (``Cap (connector* Cap)*`` with connectors van/de/der/en/voor/aan…),
     sentence-initial function words stripped, split at "en"/"&" unless the right part is a
     sector word ("Zorg en Welzijn"), a known name covers it or the chunk has an event head;
   * persons: a Dutch first name (+ tussenvoegsels + surname, hyphenated double names), or a
     capitalised name right after a role word ("staatssecretaris Blokhuis", "Dagvoorzitter
     Ron Axt"), or followed by ", <rol>" / "(<rol>";
   * events: names with an event head word (werkdag, bijeenkomst, themaweek, …sessie, congres…)
     also in compounds (Kopgroepbijeenkomst), with a quoted title ("de themaweek ‘…’"), with a
     topic ("themadag over …"), indefinite + date ("een vervolgbijeenkomst" … "Op 17 april"),
     and definite references ("deze sessie") that corefer with an event of the document;
   * quoted titles after initiative nouns (lespakket ‘…’, project ‘…’);
   * organisation names typed by the lexicon, descriptor nouns ("werkgeversvereniging X",
     "koploper X"), appositions ("X, academie voor …"), head words (Ministerie/Gemeente/ROC/
     Hogeschool/… College/…centrum/…platform), the deduce list of Dutch care institutions,
     role implications (projectleider → project) and context.
3. **Document level**: weak candidates (a lone capitalised word at the start of a sentence)
   survive only if the same word is capitalised mid-sentence elsewhere; bare surnames join the
   full name; event references join their event; the *main event* / *main initiative* is the
   one named in the title.
4. **Relations** per sentence with cue phrases (:mod:`loaders.extract.relations`).

The result (:class:`DocExtraction`) holds mentions and relation candidates; entity resolution
(:mod:`loaders.resolve`) turns them into entities.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from loaders.extract.base import (
    ARTICLES, CONNECTORS, DEFINITE, DocExtraction, EMAIL_RE, EVENT_QUALIFIERS, EVENT_QUAL_STOP,
    INITIAL_RE, INI_QUOTE_HEADS, INTERFIX, INTERFIX_SET, LIST_NO_RE, LOC_PREPS,
    LOWER_PREFIX_HEADS, Mention, PERSON_CUES, PHYSICAL_INI_HEADS, QUOTE_CLOSE, QUOTE_OPEN,
    RelCand, SEASON_WORDS, SECTOR_WORDS, SENT_START_PREV, S_CONTEXT, S_DESCR, S_EVENT, S_HEAD,
    S_INST, S_LEX, S_PART, S_PERSON, S_ROLE, Sent, TITLES, WEAK_CONNECTORS, YEAR_RE, cap_first,
    is_cap, is_word)  # noqa: F401 (re-exported)
from loaders.extract.dates import DAY_MONTH_RE, find_dates
from loaders.extract.pipeline import Pipeline, get_pipeline
from loaders.extract.relations import document_pass
from loaders.extract.rules import Rules, _lex_matches, rules_for  # noqa: F401
from loaders.extract.scanner import SentenceScanner


# --------------------------------------------------------------------------- documents


def _sentences(p: Pipeline, paragraphs: list[str], docs) -> list[Sent]:
    from spacy.attrs import IDX, LENGTH, SENT_START
    sents: list[Sent] = []
    for para, doc in zip(paragraphs, docs):
        n = len(doc)
        if not n:
            continue
        text = para          # == doc.text, without iterating the tokens
        arr = doc.to_array([IDX, LENGTH, SENT_START]).tolist()
        texts, ws, bounds = [], [], []
        a = 0
        for i, (idx, ln, st) in enumerate(arr):
            texts.append(text[idx:idx + ln])
            nxt = arr[i + 1][0] if i + 1 < n else len(text)
            ws.append(text[idx + ln:nxt])
            # a sentence never ends on a comma: "Bergen (NH.), Den Helder" is one list
            if st == 1 and i > 0 and texts[i - 1] not in _NO_END:
                bounds.append((a, i))
                a = i
        bounds.append((a, n))
        lows = [t.lower() for t in texts]
        lexm = _lex_matches(p, doc, texts, lows, bounds)
        for (a, b), lm in zip(bounds, lexm):
            toks = texts[a:b]
            if not any(is_word(t) for t in toks):
                continue
            sents.append(Sent(len(sents), toks, lows[a:b], ws[a:b], lm))
    return sents


#: tokens a sentence does not end on (the sentencizer splits after "(NH.),")
_NO_END = frozenset({",", ";", ":"})


def _paragraphs(body: str) -> list[str]:
    return [ln.strip() for ln in body.split("\n") if ln.strip()]


def extract(body: str, *, title: str | None = None, date: str | None = None) -> DocExtraction:
    """Extract mentions and relation candidates from one document body."""
    return next(iter(extract_many([(body, title, date)])))


def extract_many(items: Iterable[tuple[str, str | None, str | None]], *,
                 batch_size: int = 256) -> Iterator[DocExtraction]:
    """Like :func:`extract` for many documents, with ``nlp.pipe`` over all paragraphs."""
    p = get_pipeline()
    R = rules_for(p)
    scanner = SentenceScanner(p, R)
    items = list(items)
    paras = [_paragraphs(b) for b, _, _ in items]
    flat = (para for ps in paras for para in ps)
    docs_iter = p.nlp.pipe(flat, batch_size=batch_size)
    for (body, title, date), ps in zip(items, paras):
        docs = [next(docs_iter) for _ in ps]
        sents = _sentences(p, ps, docs)
        for s in sents:
            if _has_digit_or_month(s):
                s.dates = [d for _, _, d in find_dates(s.text, date)]
                s.has_date = bool(s.dates) or DAY_MONTH_RE.search(s.text) is not None
        mentions: list[Mention] = []
        for s in sents:
            mentions.extend(scanner.scan(s))
        yield document_pass(p, R, sents, mentions, title, date)


_MONTH_WORDS = frozenset({"januari", "februari", "maart", "april", "mei", "juni", "juli",
                          "augustus", "september", "oktober", "november", "december",
                          "gisteren", "vandaag", "morgen", "eergisteren", "afgelopen",
                          "vorige", "komende", "aanstaande", "jl.", "a.s."})


def _has_digit_or_month(s: Sent) -> bool:
    for t in s.lows:
        if t[:1].isdigit() or t in _MONTH_WORDS:
            return True
    return False


__all__ = ["extract", "extract_many", "DocExtraction", "Mention", "RelCand", "Sent",
           "is_cap", "Rules", "rules_for"]
