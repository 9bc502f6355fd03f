"""Evidence for synthetic mentions: Web Annotation nodes over a made-up article text, offsets consistent.

Each mention becomes one sentence ``prefix + exact + suffix`` appended to the article's text, so the
position selector's ``end - start`` always equals the length of the quote (as the shapes check).
"""

from __future__ import annotations

from rdflib.namespace import RDF, XSD

from kg.namespaces import OA, TKG, Ids
from kg.synth.nquads import QuadWriter, iri, text, typed

PREFIXES = ("According to the report, ", "Officials said that ", "In the latest survey, ", "As announced, ")
SUFFIXES = (" drew attention this year.", " keeps growing.", " was named in the plan.", " was highlighted.")


class Evidence:
    """Writes the annotations of one article, numbering them and tracking the text offset."""

    def __init__(self, writer: QuadWriter, ids: Ids, article_id: str) -> None:
        self._w = writer
        self._ids = ids
        self._article_id = article_id
        self._article = str(ids.article(article_id))
        self._n = 0
        self._offset = 0

    def mention(self, body: str, exact: str, confidence: str = "0.9") -> None:
        """One ``oa:Annotation`` whose body is ``body``, quoting ``exact`` in a sentence of its own."""
        self._n += 1
        prefix = PREFIXES[self._n % len(PREFIXES)]
        suffix = SUFFIXES[self._n % len(SUFFIXES)]
        start = self._offset + len(prefix)
        end = start + len(exact)
        self._offset = end + len(suffix) + 1
        node = str(self._ids.mint("annotation", f"{self._article_id}-{self._n}"))
        target, position, quote = f"{node}#target", f"{node}#position", f"{node}#quote"
        add = self._w.add
        add(node, RDF.type, iri(OA.Annotation))
        add(node, OA.motivatedBy, iri(OA.identifying))
        add(node, OA.hasBody, iri(body))
        add(node, TKG.confidence, typed(confidence, XSD.decimal))
        add(node, OA.hasTarget, iri(target))
        add(target, RDF.type, iri(OA.SpecificResource))
        add(target, OA.hasSource, iri(self._article))
        add(target, OA.hasSelector, iri(position))
        add(target, OA.hasSelector, iri(quote))
        add(position, RDF.type, iri(OA.TextPositionSelector))
        add(position, OA.start, typed(start, XSD.nonNegativeInteger))
        add(position, OA.end, typed(end, XSD.nonNegativeInteger))
        add(quote, RDF.type, iri(OA.TextQuoteSelector))
        add(quote, OA.exact, text(exact))
        add(quote, OA.prefix, text(prefix))
        add(quote, OA.suffix, text(suffix))
