"""Initiative names: quoted titles ("“Pillar Industry Enhancement Plan”", "“Ten Billion Enterprises”
technological transformation projects"), capitalised plan names, plans an organization released
("released an action plan"), and official selections ("the second batch of ... demonstration parks")."""

from __future__ import annotations

import itertools
import re

from loaders.mentions import Mention
from loaders.mentions.context import ArticleContext
from loaders.mentions.tokens import Token, capitalized_runs, title_case, tokenize

HEADS = {
    "plan": "plan", "plans": "plan", "programme": "programme", "program": "programme", "project": "project",
    "projects": "project", "campaign": "campaign", "initiative": "programme", "tour": "campaign",
    "activity": "campaign", "activities": "campaign", "action": "campaign", "strategy": "programme",
    "scheme": "plan", "competition": "campaign", "opinions": "plan", "measures": "plan", "notice": "plan",
    "policy": "programme", "policies": "programme", "guidelines": "plan", "guideline": "plan",
    "outline": "plan",
}  # fmt: skip
# Small words a title keeps lower-case ("Several Opinions on Carrying out Special Actions for ...").
_SMALL = {"and", "of", "for", "the", "on", "in", "to", "out", "up", "a", "an", "with", "by", "at", "into"}
_LEADS = {"under", "in", "according", "to", "by", "with", "from", "after", "through", "per", "following"}
_QUOTED = re.compile(
    r"[“\"](?P<title>(?:[^“”\"]|“[^“”\"]{1,40}”){3,160}?)[”\"](?P<tail>(?:\s+[a-z][\w-]*){0,4})"
)
# "Notice ... on Issuing the List of Key ... Brand Enterprises (2020 Edition)": the notice issues the list.
_ISSUING = re.compile(
    r"\bon\s+(?:Issuing|Publishing|Releasing|Printing\s+and\s+Distributing)\s+(?:the\s+)?"
    r"(?P<name>(?P<head>List|Plan|Programme|Program|Measures|Opinions|Guidelines|Catalogue)\s+(?:of|for|on)\s+"
    r"(?:(?:[A-Z][\w'’-]*|and|of|for|the|in)\s+){0,14}[A-Z][\w'’-]*(?:\s*\((?:19|20)\d\d\s+\w+\))?)"
)
_ISSUED = re.compile(
    r"\b(?:released|issued|published|announced|unveiled|launched|printed and distributed|formulated)\s+"
    r"(?:an?|the)\s+(?P<name>(?:[a-z][\w-]*\s+){0,3}?(?P<head>action plan|implementation plan|work plan|plan|"
    r"programme|program|opinions|measures|scheme))\b"
)
_BATCH = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
    r"\s+batch\s+of\s+[“\"]?(?:[\w'’-]+\s+){1,10}?[\w'’-]+s\b[”\"]?(?:\s*\([^)]{2,30}\))?)",
    re.I,
)


def find_initiatives(ctx: ArticleContext) -> list[Mention]:
    found: list[Mention] = []
    for sentence in ctx.sentences:
        text, base = sentence.text, sentence.start
        found.extend(_quoted(text, base))
        found.extend(_capitalized(ctx, sentence))
        for m in _ISSUED.finditer(text):
            found.append(_described(ctx, m, base))
        for m in _ISSUING.finditer(text):
            kind = "official-selection" if m["head"] in {"List", "Catalogue"} else HEADS[m["head"].lower()]
            name = m.group("name")
            found.append(Mention("initiative", base + m.start("name"), base + m.end("name"), name, name,
                                 attrs=(("kind", kind),)))  # fmt: skip
        for m in _BATCH.finditer(text):
            name = title_case(re.sub(r"[“”\"]", "", m.group("name")).lower())
            found.append(
                Mention(
                    "initiative",
                    base + m.start("name"),
                    base + m.end("name"),
                    m.group("name"),
                    name,
                    attrs=(("kind", "official-selection"),),
                )
            )
    return found


def _quoted(text: str, base: int) -> list[Mention]:
    found = []
    for m in _QUOTED.finditer(text):
        title = m.group("title").strip()
        words = tokenize(title)
        if not words:
            continue
        if not all(w.capitalized for w in words if w.key not in _SMALL):
            lowered = _lowercase_title(title, words)
            if lowered:
                found.append(Mention("initiative", base + m.start("title"), base + m.end("title"),
                                     title, title, attrs=(("kind", lowered),)))  # fmt: skip
            continue
        keys = [w.key for w in words if not w.text[:1].isdigit()]
        tail = [w.key for w in tokenize(m.group("tail"))]
        head = next((k for k in reversed(keys) if k in HEADS), None)
        tail_head = next((k for k in tail if k in HEADS), None)
        if head and (keys[-1] == head or _followed_by_preposition(keys, head)):
            kind = "action-plan" if "action" in keys and head.startswith("plan") else HEADS[head]
        elif tail_head:
            kind = HEADS[tail_head]
        else:
            continue
        short = len(keys) <= 2 and all(k in HEADS or k in {"implementation", "action"} for k in keys)
        attrs = (("kind", kind),) + ((("alias_only", "yes"),) if short else ())
        end = m.end("tail") if tail_head and not head else m.end("title")
        found.append(
            Mention(
                "initiative",
                base + m.start("title"),
                base + end,
                text[m.start("title") : end],
                title_case(title),
                attrs=attrs,
            )
        )
    return found


def _lowercase_title(title: str, words: list[Token]) -> str | None:
    """A quoted title translated word for word ("Zhejiang Province, the overall transformation of the
    traditional manufacturing to enhance the action plan (2017 ~ 2020)"): capitalised at the start, a plan
    head at the end; its kind, or None."""
    keys = [w.key for w in words if not w.text[:1].isdigit()]
    if len(keys) < 4 or not words[0].capitalized or keys[-1] not in HEADS or keys[-1] in {"notice", "action"}:
        return None
    return "action-plan" if keys[-2:] == ["action", "plan"] else HEADS[keys[-1]]


def _followed_by_preposition(keys: list[str], head: str) -> bool:
    i = keys.index(head)
    return i + 1 < len(keys) and keys[i + 1] in {"for", "on", "of", "to"}


def _capitalized(ctx: ArticleContext, sentence_obj: object) -> list[Mention]:
    from loaders.sentences import Sentence

    assert isinstance(sentence_obj, Sentence)
    found = []
    for run in capitalized_runs(ctx.tokens(sentence_obj), ctx.text):
        keys = [t.key for t in run]
        heads = [i for i, k in enumerate(keys) if k in HEADS and run[i].capitalized]
        if not heads or len(run) < 2:
            continue
        if any(a == "on" and b in _ISSUING_VERBS for a, b in itertools.pairwise(keys)):
            continue  # "Notice ... on Issuing the List of ...": the list is named by _ISSUING
        notice = _notice_prefix(keys, heads)
        heads = [h for h in heads if h >= notice]
        i = next((h for h in heads if h + 1 >= len(run) or keys[h + 1] not in HEADS), heads[-1])
        if i != len(run) - 1 and keys[i + 1] not in {"for", "on", "of", "to"}:
            continue
        lead = notice
        while lead < i and (keys[lead] in _LEADS or keys[lead] in {"the", "a", "an"}):
            lead += 1
        owner = [j for j in range(lead, i) if keys[j].endswith("'s") and keys[j][:-2] in _BODIES]
        lead = owner[-1] + 1 if owner and owner[-1] + 1 < i else lead  # "Central Government's X Policy"
        if sentence_obj.heading and i == len(run) - 1:
            continue
        run = run[lead:]
        end = run[-1].end
        period = re.match(r"\s*\((?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\)", ctx.text[end : end + 16])
        end += period.end() if period else 0
        text = ctx.text[run[0].start : end]
        kind = "action-plan" if "action" in keys or "implementation" in keys else HEADS[keys[i]]
        short = len(run) <= 2
        attrs = (("kind", kind),) + ((("alias_only", "yes"),) if short else ())
        found.append(Mention("initiative", run[0].start, end, text, title_case(text), attrs=attrs))
    return found


_ISSUING_VERBS = {"issuing", "publishing", "releasing", "printing"}
_BODIES = {"government", "ministry", "council", "commission", "committee", "department", "bureau", "office"}


def _notice_prefix(keys: list[str], heads: list[int]) -> int:
    """ "Notice on the X Programme": the notice announces the programme; the initiative is X."""
    notice = len(keys) > 3 and keys[0] in {"notice", "circular"} and keys[1] in {"on", "of", "regarding"}
    return 2 if notice and any(h > 2 for h in heads) else 0


def _described(ctx: ArticleContext, m: re.Match[str], base: int) -> Mention:
    """An unnamed plan: "<issuer's place> <industry> <head>" ("Hebei garment industry action plan")."""
    sentence = ctx.sentence_of(base + m.start())
    head = m.group("head")
    prefix = []
    places = [p for p in ctx.places_in(sentence.start, base + m.start()) if p.kind == "place"]
    if places:
        prefix.append(re.sub(r"\s+(Province|City|County)$", "", places[0].name))
    industries = ctx.resources.industries.find(sentence.text, sentence.start)
    if industries:
        prefix.append(industries[0].text.lower())
    name = " ".join([*prefix, head]) if prefix else head
    kind = "action-plan" if "action" in head or "implementation" in head else "plan"
    start = base + m.start("name")
    return Mention(
        "initiative",
        start,
        base + m.end("name"),
        m.group("name"),
        name,
        attrs=(("kind", kind), ("described", "yes")),
    )
