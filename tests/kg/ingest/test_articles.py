"""Article files at the edge: types by suffix, sidecar metadata, directories without sidecars or READMEs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.articles import find_article_files, read_article_file
from tests.paths import CORPUS


def test_read_corpus_article_with_sidecar() -> None:
    article = read_article_file(CORPUS / "003_e3ad5b8cc8d86b93.txt")
    assert article.date == "2022-11-24"
    assert article.publisher == "Hebei Daily"
    assert article.title is not None and article.title.startswith("Qinghe Cashmere Town")
    assert article.source == "003_e3ad5b8cc8d86b93.txt"
    assert article.text == (CORPUS / "003_e3ad5b8cc8d86b93.txt").read_text(encoding="utf-8")


def test_sidecar_wins_over_detection(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some headline\n\n2020/1/2 10:00:00\n\nBody.", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("title: Given title\ndate: 2021-03-04\nurl: https://example.org/a\n")
    article = read_article_file(tmp_path / "a.txt")
    assert (article.title, article.date, article.url) == (
        "Given title",
        "2021-03-04",
        "https://example.org/a",
    )


@pytest.mark.parametrize(
    ("name", "raw", "media_type"),
    [
        pytest.param("a.md", "# Title\n\nBody text.", "text/markdown", id="markdown"),
        pytest.param(
            "a.html", "<html><body><h1>Title</h1><p>Body text.</p></body></html>", "text/html", id="html"
        ),
        pytest.param("a.HTM", "<p>Body text.</p>", "text/html", id="htm-upper"),
    ],
)
def test_media_type_from_suffix(tmp_path: Path, name: str, raw: str, media_type: str) -> None:
    (tmp_path / name).write_text(raw, encoding="utf-8")
    article = read_article_file(tmp_path / name)
    assert article.media_type == media_type
    assert "Body text." in article.text and "<p>" not in article.text


def test_unknown_type(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"unknown article type '\.pdf'"):
        read_article_file(tmp_path / "a.pdf")


def test_unreadable_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(InputError, match="unreadable article file"):
        read_article_file(tmp_path / "a.txt")


def test_bad_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match="must be a mapping"):
        read_article_file(tmp_path / "a.txt")


def test_find_article_files_in_directory(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "a.yaml", "c.html", "README.md", "notes.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_article_files(tmp_path)] == ["a.md", "b.txt", "c.html"]


def test_find_article_files_corpus() -> None:
    found = find_article_files(CORPUS)
    assert len(found) == 5 and all(p.suffix == ".txt" for p in found)


def test_find_article_files_single_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert find_article_files(tmp_path / "a.txt") == [tmp_path / "a.txt"]
    with pytest.raises(InputError, match="no such article file or directory"):
        find_article_files(tmp_path / "missing")
