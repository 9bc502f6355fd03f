"""The article's RDF: entities, figures, the tkg:Article node and one Web Annotation per mention and
figure (offsets, the evidence sentence as prefix/exact/suffix, a confidence)."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO

from kg.namespaces import KIND, OA, TKG, Ids, slugify
from loaders.article import Article
from loaders.figures import FigureMention
from loaders.linking import Entity, place_iri
from loaders.mentions import Mention
from loaders.sentences import Sentence

CLASSES = {
    "cluster": TKG.IndustrialCluster, "park": TKG.IndustrialPark, "enterprise": TKG.Enterprise,
    "org": TKG.Organization, "initiative": TKG.Initiative,
}  # fmt: skip
KIND_PROPERTY = {"park": TKG.parkKind, "org": TKG.organizationKind, "initiative": TKG.initiativeKind}
FIGURE_CLASSES = {"target": TKG.Target, "observation": TKG.Observation, "event": TKG.Event}
CONFIDENCE = {"place": 0.95, "region": 0.9, "designation": 0.85, "cluster": 0.8, "park": 0.8,
              "enterprise": 0.75, "org": 0.85, "initiative": 0.8, "figure": 0.8}  # fmt: skip


class GraphBuilder:
    """Accumulates one article's triples; annotation IRIs are numbered in a deterministic order."""

    def __init__(self, article: Article, ids: Ids) -> None:
        self.graph = Graph()
        self.article = article
        self.ids = ids
        self.article_iri = ids.article(article.id)
        self._count = 0
        self._article_node()

    def _article_node(self) -> None:
        g, a, art = self.graph, self.article_iri, self.article
        g.add((a, RDF.type, TKG.Article))
        g.add((a, DCTERMS.language, Literal("en")))
        for prop, value in (
            (DCTERMS.title, art.title),
            (DCTERMS.publisher, art.publisher),
            (DCTERMS.source, art.source),
        ):
            if value:
                g.add((a, prop, Literal(value)))
        if art.date:
            g.add((a, DCTERMS.date, Literal(art.date, datatype=XSD.date)))
        if art.url:
            g.add((a, SDO.url, Literal(art.url, datatype=XSD.anyURI)))

    def add_entity(self, entity: Entity) -> None:
        g, node = self.graph, entity.iri
        g.add((node, RDF.type, CLASSES[entity.kind]))
        g.add((node, RDFS.label, Literal(entity.name, lang="en")))
        g.add((node, SKOS.prefLabel, Literal(entity.name, lang="en")))
        if entity.name_zh:
            g.add((node, SKOS.prefLabel, Literal(entity.name_zh, lang="zh")))
        g.add((node, TKG.sourceArticle, self.article_iri))
        for alias in entity.aliases:
            g.add((node, SKOS.altLabel, Literal(alias, lang="en")))
        for code in entity.places:
            g.add((node, TKG.locatedIn, place_iri(self.ids, code)))
        for concept in entity.industries:  # an initiative's are the industries it concerns
            g.add((node, TKG.concernsIndustry if entity.kind == "initiative" else TKG.specializesIn, concept))
        if entity.sub and entity.kind in KIND_PROPERTY:
            g.add((node, KIND_PROPERTY[entity.kind], KIND[entity.sub]))
        for title in entity.designations:
            self._designation(entity, title)
        self._initiative(entity)
        for whole in entity.part_of:
            g.add((node, TKG.partOf, whole.iri))

    def add_place_industries(self, code: str, concepts: list[URIRef]) -> None:
        """A hub place's industries (tkg:specializesIn is defined for administrative areas too). The
        place stays the gazetteer's: validation fetches the description of subjects the data does not
        type (``kg.validation.shacl.referenced_iris``)."""
        node = self.ids.place(code)
        for concept in concepts:
            self.graph.add((node, TKG.specializesIn, concept))

    def add_written_title(self, holder: URIRef, text: str, body: Entity | None, year: int | None) -> None:
        """A title outside the designation scheme, labelled as the article writes it (no tkg:title)."""
        node = self.ids.mint("designation", f"{str(holder).rsplit('/', 1)[-1]}-{slugify(text)[:80]}")
        self.graph.add((node, RDF.type, TKG.Designation))
        self.graph.add((node, RDFS.label, Literal(text, lang="en")))
        self.graph.add((node, TKG.sourceArticle, self.article_iri))
        self.graph.add((holder, TKG.designatedAs, node))
        if body is not None:
            self.graph.add((node, TKG.conferredBy, body.iri))
        if year:
            self.graph.add((node, TKG.year, Literal(str(year), datatype=XSD.gYear)))

    def _designation(self, entity: Entity, title: URIRef) -> None:
        slug = str(title).rstrip("/").rsplit("/", 1)[-1]
        node = self.ids.mint("designation", f"{str(entity.iri).rsplit('/', 1)[-1]}-{slug}")
        self.graph.add((node, RDF.type, TKG.Designation))
        self.graph.add((node, TKG.title, title))
        self.graph.add((node, TKG.sourceArticle, self.article_iri))
        self.graph.add((entity.iri, TKG.designatedAs, node))
        body, year = entity.conferrals.get(title, (None, None))
        if body is not None:
            self.graph.add((node, TKG.conferredBy, body.iri))
        if year:
            self.graph.add((node, TKG.year, Literal(str(year), datatype=XSD.gYear)))

    def _initiative(self, entity: Entity) -> None:
        g, node = self.graph, entity.iri
        if entity.issuer is not None:
            g.add((node, TKG.issuedBy, entity.issuer.iri))
        for code in entity.scope:
            g.add((node, TKG.appliesTo, place_iri(self.ids, code)))
        for concept in entity.measures:
            g.add((node, TKG.promotes, concept))
        for aim in entity.aims:
            g.add((node, TKG.aim, Literal(aim, lang="en")))
        if entity.year:
            g.add((node, TKG.year, Literal(str(entity.year), datatype=XSD.gYear)))
        if entity.period:
            g.add((node, TKG.startYear, Literal(str(entity.period[0]), datatype=XSD.gYear)))
            g.add((node, TKG.endYear, Literal(str(entity.period[1]), datatype=XSD.gYear)))

    def add_figure(self, subject: URIRef, figure: FigureMention, index: int) -> URIRef:
        g = self.graph
        node = self.ids.mint("figure", f"{self.article.id}-{index}")
        g.add((node, RDF.type, FIGURE_CLASSES[figure.kind]))
        g.add((node, TKG.figureOf, subject))
        g.add((node, TKG.measure, Literal(figure.measure)))
        if figure.text is not None:  # an event's date
            g.add((node, TKG.valueText, Literal(figure.text)))
        else:
            value = figure.value
            exact = Decimal(value).normalize().quantize(Decimal(1)) if value == int(value) else value
            g.add((node, TKG.value, Literal(exact, datatype=XSD.decimal)))
        g.add((node, TKG.unit, Literal(figure.unit)))
        g.add((node, TKG.sourceArticle, self.article_iri))
        if figure.comparator:
            g.add((node, TKG.comparator, TKG[figure.comparator]))
        if figure.start_year and figure.end_year and not figure.year:
            g.add((node, TKG.startYear, Literal(str(figure.start_year), datatype=XSD.gYear)))
            g.add((node, TKG.endYear, Literal(str(figure.end_year), datatype=XSD.gYear)))
        elif figure.year:
            g.add((node, TKG.year, Literal(str(figure.year), datatype=XSD.gYear)))
        self.annotate(
            node,
            figure.start,
            figure.end,
            figure.sentence,
            CONFIDENCE["figure"] * (0.8 if figure.uncertain else 1),
        )
        return node

    def annotate_mention(self, body: URIRef, mention: Mention, sentence: Sentence) -> None:
        self.annotate(body, mention.start, mention.end, sentence, CONFIDENCE.get(mention.kind, 0.8))

    def annotate(self, body: URIRef, start: int, end: int, sentence: Sentence, confidence: float) -> None:
        self._count += 1
        g, text = self.graph, self.article.text
        node = self.ids.mint("annotation", f"{self.article.id}-{self._count}")
        target, position, quote = (URIRef(f"{node}#{part}") for part in ("target", "position", "quote"))
        g.add((node, RDF.type, OA.Annotation))
        g.add((node, OA.motivatedBy, OA.identifying))
        g.add((node, OA.hasBody, body))
        g.add((node, TKG.confidence, Literal(Decimal(str(round(confidence, 2))), datatype=XSD.decimal)))
        g.add((node, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, self.article_iri))
        g.add((target, OA.hasSelector, position))
        g.add((target, OA.hasSelector, quote))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        s0, s1 = min(sentence.start, start), max(sentence.end, end)
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(text[start:end])))
        g.add((quote, OA.prefix, Literal(text[s0:start])))
        g.add((quote, OA.suffix, Literal(text[end:s1])))
