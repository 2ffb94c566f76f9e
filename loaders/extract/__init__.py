"""Rule-based extraction for Dutch text (spaCy blank "nl" + PhraseMatcher + rules).

* :mod:`loaders.extract.lexicon`   reference data (gazetteer, aliases, domain, word lists)
* :mod:`loaders.extract.pipeline`  the cached spaCy pipeline and PhraseMatcher
* :mod:`loaders.extract.core`      sentences and mentions (names, persons, events, roles)
* :mod:`loaders.extract.relations` document-level clean-up and relation rules
* :mod:`loaders.extract.dates`     Dutch dates (explicit and relative to a known date)
"""

from loaders.extract.core import DocExtraction, Mention, RelCand, extract, extract_many

__all__ = ["extract", "extract_many", "DocExtraction", "Mention", "RelCand"]
