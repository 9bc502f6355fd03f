"""Page furniture: which lines of an article's text are content (menus, bylines, counters and
"Related reading" lists are not). Works on offsets, so the text itself stays intact."""

from __future__ import annotations

import re

# Everything from a line like these on is furniture (other headlines, disclaimers, credits).
_CUT = re.compile(
    r"^\W*(related( (reading|articles?|news|stories|links))?\s*[:：]?\s*$"
    r"|related (reading|articles?|news|stories)"
    r"|further reading|see also\s*[:：]?\s*$|read the next article|recommended (reading|articles?)"
    r"|more (news|articles)|disclaimer\b|copyright\b|this article is from the internet|you may also like"
    r"|previous article|next article)",
    re.I,
)
_DROP = re.compile(
    r"^\W*(home\s*[>»]|you are here|current location|location\s*:|author\s*[:：]|editor\s*[:：]"
    r"|responsible editor|by [A-Z][\w .]{0,40}$|\(?\s*source\s*[:：]|share\s*(to|on)?\s*:|tags?\s*[:：]"
    r"|views?\s*[:：]|clicks?\s*[:：]|a{1,3}$|print$|close$|top$|[|•·>\s]*$)",
    re.I,
)
# A heading like these opens a list of other headlines or links: its short lines are dropped until prose.
_LIST_HEAD = re.compile(
    r"^\W*(recommended|hot (news|topics|articles)|popular( (news|articles|posts))?|most (read|viewed|popular)"
    r"|latest (news|articles)|trending|editor['’]?s? (picks|choice)|related (links|topics)"
    r"|more (stories|reading)|read more|top stories|you might also like|links?)\W*$",
    re.I,
)
# Metadata keys of a byline line ("Date: ... Source: ... Visits: ..."): two of them make the line furniture.
_META_KEY = re.compile(
    r"(?i)\b(date|source|author|editor|views?|visits|clicks|hits|font\s+size|published|updated|release\s+time"
    r"|reads?)\s*[:：]"
)
# "2022/11/24 18:25:00 35": a timestamp (and a view counter) alone on a line.
_STAMP = re.compile(r"^\s*\d{4}[/-]\d{1,2}[/-]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+\d+)?\s*$")


def content_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every content line, in order; stripped of surrounding whitespace."""
    lines = _lines(text)
    kept: list[tuple[int, int]] = []
    after_stamp = in_list = False
    for start, end in lines:
        line = text[start:end]
        if _CUT.match(line):
            break
        if _LIST_HEAD.match(line):
            in_list = True
            continue
        if in_list and (is_heading(line) or len(line.split()) <= 16):
            continue
        in_list = False
        if _STAMP.match(line):
            after_stamp = True
            continue
        if after_stamp and _is_tag_line(line):
            after_stamp = False
            continue
        after_stamp = False
        if not _DROP.match(line) and len(_META_KEY.findall(line)) < 2:
            kept.append((start, end))
    return _drop_duplicates(text, kept)


def is_heading(line: str) -> bool:
    """A short line without closing punctuation: a title or section heading."""
    words = line.split()
    return 0 < len(words) <= 16 and not line.rstrip().endswith((".", "。", ";", ":", "…", "?", "!"))


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group(0)
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        if trail > lead:
            spans.append((match.start() + lead, match.start() + trail))
    return spans


def _is_tag_line(line: str) -> bool:
    return len(line.split()) <= 5 and not re.search(r"[.;:!?。]$", line.strip())


def _drop_duplicates(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated lines, teasers ("... from July 8th…") and banners that end with a later line."""
    lines = [text[s:e] for s, e in spans]
    result = []
    seen: set[str] = set()
    for i, (span, line) in enumerate(zip(spans, lines, strict=True)):
        later = lines[i + 1 : i + 6]
        if line in seen:
            continue
        teaser = line.rstrip("….").rstrip()
        if line.endswith(("…", "...")) and any(o.startswith(teaser) and o != line for o in later):
            continue
        if any(len(o) >= 20 and len(line) > len(o) and line.endswith(o) for o in later):
            continue
        seen.add(line)
        result.append(span)
    return result
