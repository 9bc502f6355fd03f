"""Scoring the real loaders: extraction JSON of each gold article through the pipeline, then the scorer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.eval.gold import load_gold
from kg.eval.places import resolvers_for
from kg.eval.scorer import Extractor, evaluate
from kg.eval.scores import Scores
from kg.extraction.document import extraction_json
from kg.ingest.articles import read_article_file
from kg.namespaces import Ids
from loaders.pipeline import extract
from loaders.resources import Resources


def pipeline_extractor(resources: Resources, ids: Ids) -> Extractor:
    """``path -> extraction JSON`` with the project's loaders (no store)."""

    def extract_file(path: Path) -> Mapping[str, Any]:
        article = read_article_file(path)
        graph = extract(article, resources, ids)
        return extraction_json(
            graph, ids.article(article.id), resources.gazetteer, labels=resources.vocabulary
        )

    return extract_file


def run_eval(gold: Path, articles_dir: Path, resources: Resources, ids: Ids) -> Scores:
    """Score the loaders on the gold file's articles found in ``articles_dir``."""
    resolvers = resolvers_for(resources.gazetteer, resources.vocabulary)
    return evaluate(load_gold(gold), articles_dir, pipeline_extractor(resources, ids), resolvers)
