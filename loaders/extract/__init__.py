"""Extraction for Dutch text: rules propose, a trained model decides.

Rules (spaCy blank "nl" + PhraseMatcher + cue phrases), candidate generators and features:

* :mod:`loaders.extract.lexicon`   reference data (gazetteer, aliases, domain, word lists)
* :mod:`loaders.extract.pipeline`  the cached spaCy pipeline and PhraseMatcher
* :mod:`loaders.extract.base`      token classes and the Sent/Mention/RelCand records
* :mod:`loaders.extract.rules`     lexicon predicates and validated lexicon matches
* :mod:`loaders.extract.scanner`   mentions per sentence (:mod:`loaders.extract.names` for names)
* :mod:`loaders.extract.core`      documents: sentences, mentions, the document pass
* :mod:`loaders.extract.relations` the document pass (:mod:`~loaders.extract.cleanup` and one
  module per relation family: ``rel_affiliation``, ``rel_organised``, ``rel_partner``,
  ``rel_structure``, ``rel_location``, ``rel_participation``; shared :mod:`~.relbase`)
* :mod:`loaders.extract.generic`   candidates for collaborations named by a generic noun
* :mod:`loaders.extract.dates`     Dutch dates (explicit and relative to a known date)

Learned layer:

* :mod:`loaders.extract.features`  typer and pair features
* :mod:`loaders.extract.model`     the entity typer and relation scorer (data/extract/model.npz)
* :mod:`loaders.extract.train`     training with scikit-learn (``zorgnet train``)
"""

from loaders.extract.core import DocExtraction, Mention, RelCand, extract, extract_many

__all__ = ["extract", "extract_many", "DocExtraction", "Mention", "RelCand"]
