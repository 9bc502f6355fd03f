"""The term matcher's windows: keys built token by token and cut at the first that no label starts with
find exactly what normalising every window of the text finds (the longest label at each token)."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from loaders.mentions.terms import TermMatcher, window_keys, word_prefixes
from loaders.mentions.tokens import tokenize
from loaders.vocabulary import normalize_label

IND = "https://w3id.org/textile-kg/industry/"
LABELS = {
    "cotton": URIRef(IND + "cotton"),
    "cotton spinning": URIRef(IND + "cotton-spinning"),
    "printing & dyeing": URIRef(IND + "printing-and-dyeing"),
    "non-woven fabrics": URIRef(IND + "nonwovens"),
    "children's wear": URIRef(IND + "childrens-wear"),
    "high-end silk products": URIRef(IND + "silk-products"),
    "silk": URIRef(IND + "silk"),
}


def every_window(matcher: TermMatcher, text: str) -> list[tuple[int, int, URIRef]]:
    """The longest match at each token, every window normalised as a whole (the matcher's definition)."""
    tokens = tokenize(text)
    longest = max(k.count(" ") + 1 for k in map(normalize_label, LABELS))
    found, i = [], 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            concept = matcher.lookup(" ".join(t.text for t in tokens[i : i + n]))
            if concept is not None:
                found.append((tokens[i].start, tokens[i + n - 1].end, concept))
                i += n
                break
        else:
            i += 1
    return found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The county's cotton spinning mills and cotton farms.", id="longest-first"),
        pytest.param("Printing & Dyeing plants, Non-woven fabric lines + silk.", id="ampersand-plus-hyphen"),
        pytest.param(
            "Children’s wear, high-end silk products and high-end silk.", id="apostrophe-prefix-only"
        ),
        pytest.param("cotton + spinning; Cotton Spinning", id="empty-token-between"),
    ],
)
def test_windows_find_what_every_window_finds(text: str) -> None:
    matcher = TermMatcher(LABELS)
    assert [(t.start, t.end, t.concept) for t in matcher.find(text)] == every_window(matcher, text)


def test_a_window_that_no_label_starts_with_ends_the_windows() -> None:
    prefixes = word_prefixes({"cotton spinning mill": 1})
    assert prefixes == {"cotton", "cotton spinning", "cotton spinning mill"}
    keys = ["cotton", "weaving", "mill"]
    assert window_keys(keys, 0, 3, prefixes) == [
        "cotton",
        "cotton weaving",
    ]  # "cotton weaving mill": not tried
    assert window_keys(["", "cotton"], 0, 3, prefixes) == ["", "cotton"]  # an empty key adds nothing
    assert window_keys(["a", "", "b"], 0, 3, prefixes, skip_empty=False) == ["a"]
