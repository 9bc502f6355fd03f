"""An article a curator sends (its text, media type and optional metadata) -> the loaders' ``Article``.

The id is the slug of the given id or title, or a hash of the text when neither is given; only the
metadata fields that are set reach the article.
"""

from __future__ import annotations

import datetime
import hashlib

from kg.namespaces import slugify
from loaders.article import Article, parse_article

TEXT_TYPES = ("text/plain", "text/html", "text/markdown")


def article_id(text: str, *, given_id: str | None = None, title: str | None = None) -> str:
    """The slug of ``given_id`` or ``title``, or ``article-`` and 12 hex digits of the text's SHA-256."""
    if given_id or title:
        return slugify(given_id or title or "")
    return "article-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def curated_article(
    text: str,
    *,
    media_type: str,
    given_id: str | None = None,
    title: str | None = None,
    date: datetime.date | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Article:
    """The article of ``text`` (plain, HTML or Markdown) with the metadata that is set."""
    fields: dict[str, object | None] = {"title": title, "date": date, "publisher": publisher, "url": url}
    metadata = {k: v for k, v in fields.items() if v}
    return parse_article(
        text,
        article_id=article_id(text, given_id=given_id, title=title),
        media_type=media_type,
        metadata=metadata,
    )
