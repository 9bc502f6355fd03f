"""An article a curator sends (its text, media type and optional metadata) -> the loaders' ``Article``.

The id is the given one, else one made from the URL, else from the title and a hash of the text
(:func:`article_id`); only the metadata fields that are set reach the article.
"""

from __future__ import annotations

import datetime
import hashlib

from kg.namespaces import slugify
from loaders.article import Article, parse_article

TEXT_TYPES = ("text/plain", "text/html", "text/markdown")


def article_id(
    text: str, *, given_id: str | None = None, title: str | None = None, url: str | None = None
) -> str:
    """The article's id, so that two different articles never share one: the slug of ``given_id`` when
    the curator names the article (a new version of an existing one); else from its ``url``
    (``<slug of the URL>-<8 hex of its SHA-256>``); else from its content: ``<slug of the title>-`` (or
    ``article-``) and 12 hex digits of the text's SHA-256."""
    if given_id:
        return slugify(given_id)[:200]
    if url:
        readable = slugify(url.split("://", 1)[-1])[:80].strip("-")
        return f"{readable}-{hashlib.sha256(url.strip().encode()).hexdigest()[:8]}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"{slugify(title)[:80].strip('-')}-{digest}" if title else f"article-{digest}"


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
        article_id=article_id(text, given_id=given_id, title=title, url=url),
        media_type=media_type,
        metadata=metadata,
    )
