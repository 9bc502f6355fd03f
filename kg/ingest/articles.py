"""Article files at the edge: read a .txt/.md/.html file and its ``<stem>.yaml`` sidecar into an Article.

The parsing itself (markup -> plain text, title and date detection) is :func:`loaders.article.parse_article`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import yaml

from kg.errors import InputError
from loaders.article import Article, article_id_for, parse_article

ARTICLE_SUFFIXES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
SIDECAR_SUFFIXES = (".yaml", ".yml")
NOT_ARTICLES = frozenset({"readme", "license", "notice"})  # a corpus directory's own documentation


def media_type_for(path: Path) -> str:
    """The media type of an article file, from its suffix; InputError for anything else."""
    try:
        return ARTICLE_SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(f"{path}: unknown article type {path.suffix!r} (expected one of {known})") from None


def read_sidecar(path: Path) -> dict[str, object]:
    """The metadata of ``<stem>.yaml`` (or ``.yml``) beside an article file; empty if there is none."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file():
            return _load_sidecar(sidecar)
    return {}


def _load_sidecar(sidecar: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{sidecar}: unreadable metadata sidecar ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InputError(f"{sidecar}: metadata sidecar must be a mapping, not {type(data).__name__}")
    return {str(key): _plain(value) for key, value in data.items()}


def _plain(value: object) -> object:
    """YAML turns ``2022-11-24`` into a date; the Article wants ISO strings."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_article_file(path: Path) -> Article:
    """Read one article file (with its sidecar metadata, if any) into an :class:`Article`."""
    media_type = media_type_for(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such article file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: unreadable article file ({exc})") from exc
    return parse_article(
        raw,
        article_id=article_id_for(path.stem),
        media_type=media_type,
        metadata=read_sidecar(path),
        source=path.name,
    )


def find_article_files(path: Path) -> list[Path]:
    """The article files at ``path``: the file itself, or a directory's articles.

    A directory yields its .txt/.md/.html files, sorted by name, without sidecars and without README files.
    """
    if path.is_file():
        media_type_for(path)
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and _is_article_name(p))
    raise InputError(f"{path}: no such article file or directory")


def _is_article_name(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.stem.lower() not in NOT_ARTICLES
