"""HTML and Markdown to plain text with the paragraph breaks kept (stdlib html.parser, regex for Markdown)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "svg"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "pre", "dd", "dt", "figcaption", "title",
}  # fmt: skip
# Blocks whose class or id says they are page furniture: sidebars, related/recommended lists, share bars.
_FURNITURE_CLASS = re.compile(
    r"(?i)\b[\w-]*(sidebar|side-bar|related|recommend|share|breadcrumbs?|crumbs?|hot-?news|hot-?list|"
    r"top-?bar|toolbar|tools|comments?|advert|ads|banner|menu|navbar|popular|trending|footer|copyright)[\w-]*\b"
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.furniture: list[str] = []  # open tags of a furniture block (same-name nesting counted)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.furniture:
            if tag == self.furniture[0]:
                self.furniture.append(tag)
            return
        names = " ".join(v or "" for k, v in attrs if k in {"class", "id"})
        site = {"header", "site-header", "page-header", "masthead", "logo"} & set(names.lower().split())
        if (
            tag not in {"html", "body", "article", "main"}
            and names
            and (_FURNITURE_CLASS.search(names) or site)
        ):
            self.furniture.append(tag)
        elif tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if self.furniture:
            if tag == self.furniture[0]:
                self.furniture.pop()
            if not self.furniture:
                self.parts.append("\n\n")
            return
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth and not self.furniture:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(raw: str) -> str:
    """Visible text of an HTML page, one paragraph per block element; scripts, styles and nav dropped."""
    parser = _TextParser()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def markdown_to_text(raw: str) -> str:
    """Markdown without its markup: headings, emphasis, links and images become plain text."""
    text = raw.replace("\r\n", "\n")
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"^\s*([-*_]\s*){3,}$", "", text, flags=re.M)
