"""Article parsing: furniture, title, date and publisher detection, HTML and Markdown, sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.article import article_id_for, parse_article
from loaders.furniture import content_spans
from loaders.markup import html_to_text, markdown_to_text
from loaders.sentences import split_sentences

PAGE = (Path(__file__).resolve().parents[1] / "data" / "loaders" / "page.txt").read_text(encoding="utf-8")


def content(text: str) -> list[str]:
    return [text[s:e] for s, e in content_spans(text)]


def test_furniture_is_not_content() -> None:
    lines = content(PAGE)
    assert lines[0] == "Qinghe Cashmere Town In Xingtai Was Selected"
    assert len(lines) == 2
    assert not any("Shangshui" in line or "Home" in line or "source" in line for line in lines)


def test_metadata_is_detected() -> None:
    article = parse_article(PAGE, article_id="x")
    assert article.title == "Qinghe Cashmere Town In Xingtai Was Selected"
    assert article.date == "2022-11-24"
    assert article.publisher == "Hebei Daily"
    assert article.text == PAGE  # offsets index the text as given


def test_metadata_wins_over_detection() -> None:
    article = parse_article(PAGE, article_id="x", metadata={"title": "T", "date": "2023/7/11"})
    assert (article.title, article.date) == ("T", "2023-07-11")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Published July 11, 2023 by X", "2023-07-11", id="month-name"),
        pytest.param("2023-07-11 Beijing", "2023-07-11", id="iso"),
        pytest.param("no date here", None, id="none"),
        pytest.param("*Trade Review, industry notes, 2 September 2024*", "2024-09-02", id="day-month-year"),
        pytest.param("Updated 12th Jun 2024 | 3 min read", "2024-06-12", id="abbreviated-ordinal"),
        pytest.param("Sept. 3, 2023 (Xinhua)", "2023-09-03", id="abbreviated-month-first"),
        pytest.param("发布时间：2024年8月16日", "2024-08-16", id="chinese"),
    ],
)
def test_date_formats(text: str, expected: str | None) -> None:
    assert parse_article(f"Some headline of an article\n\n{text}\n", article_id="x").date == expected


def test_article_id_is_a_stable_slug() -> None:
    assert article_id_for("003_e3ad5b8cc8d86b93.txt") == "003-e3ad5b8cc8d86b93"
    assert article_id_for("dir/Some File.html") == "some-file"


def test_html_loses_scripts_and_navigation() -> None:
    html = "<html><nav>Home > News</nav><script>x=1</script><h1>Title here now</h1><p>Body text.</p></html>"
    text = html_to_text(html)
    assert "Home" not in text and "x=1" not in text
    assert "Title here now" in text and "Body text." in text


def test_markdown_loses_markup() -> None:
    assert markdown_to_text("## Head\n\nThe **Hengli Group** [site](http://x)").split("\n")[-1] == (
        "The Hengli Group site"
    )


def test_sentences_keep_offsets() -> None:
    text = "Hebei grows. In 2021, Co. Ltd. firms sold 5 parks. Next one"
    sentences = split_sentences(text, [(0, len(text))])
    assert [s.text for s in sentences] == [
        "Hebei grows.",
        "In 2021, Co. Ltd. firms sold 5 parks.",
        "Next one",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
