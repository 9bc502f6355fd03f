"""Vocabulary terms in text (industries, policy measures, titles, kinds): longest token match against
the labels of a SKOS scheme, case-insensitive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from loaders.mentions.tokens import Token, tokenize
from loaders.vocabulary import normalize_label

# normalize_label works word by word (case, apostrophes, punctuation, plurals), so the key of a window of
# tokens is the join of its tokens' keys: each token is normalised once, not once per window
_token_key = lru_cache(maxsize=65536)(normalize_label)


def word_prefixes(keys: Mapping[str, object]) -> frozenset[str]:
    """Every key and every run of its first words ("cotton", "cotton spinning" of "cotton spinning
    mill"): a window whose key is none of these cannot grow into a key."""
    return frozenset(
        " ".join(words[:n]) for key in keys for words in [key.split()] for n in range(1, len(words) + 1)
    )


def window_keys(
    keys: list[str], i: int, longest: int, prefixes: frozenset[str], *, skip_empty: bool = True
) -> list[str]:
    """The keys of the windows starting at token ``i`` (of 1, 2 ... tokens), up to the first that is no
    prefix of any key, that one included (a caller may still match it in another way). A token whose
    key is empty adds nothing (``skip_empty``, as ``normalize_label`` of the joined text), or a space."""
    found: list[str] = []
    key = ""
    for part in keys[i : i + longest]:
        if skip_empty:
            key = f"{key} {part}" if key and part else key or part
        else:
            key = f"{key} {part}" if found else part
        found.append(key)
        if key and key not in prefixes:
            break
    return found


@dataclass(frozen=True)
class Term:
    start: int
    end: int
    text: str
    concept: URIRef


class TermMatcher:
    """Finds the labels of one scheme in text; built once per process from ``label -> concept``."""

    def __init__(self, labels: Mapping[str, URIRef]) -> None:
        self._index: dict[str, URIRef] = {}
        for label, concept in sorted(labels.items()):
            key = normalize_label(label)
            if key and key not in self._index:
                self._index[key] = concept
        self._longest = max((k.count(" ") + 1 for k in self._index), default=1)
        self._prefixes = word_prefixes(self._index)

    def lookup(self, phrase: str) -> URIRef | None:
        return self._index.get(normalize_label(phrase))

    def find(self, text: str, offset: int = 0) -> list[Term]:
        return self.find_in_tokens(text, tokenize(text, offset), offset)

    def find_in_tokens(self, text: str, tokens: list[Token], offset: int = 0) -> list[Term]:
        found: list[Term] = []
        keys = [_token_key(t.text) for t in tokens]
        i = 0
        while i < len(tokens):
            windows = window_keys(keys, i, self._longest, self._prefixes)
            for n in range(len(windows), 0, -1):
                window = tokens[i : i + n]
                if n > 1 and _verb(tokens, i):
                    continue  # "has woven fabrics for centuries": a verb, then the term
                concept = self._index.get(windows[n - 1])
                if concept is not None:
                    start, end = window[0].start, window[-1].end
                    shared = self._elided(tokens, i, window[-1]) if n > 1 else None
                    if shared is not None and (not found or found[-1].end <= tokens[i - 2].start):
                        a, b = tokens[i - 2].start, tokens[i - 2].end  # "chemical and specialty fibers"
                        found.append(Term(a, b, text[a - offset : b - offset], shared))
                    found.append(Term(start, end, text[start - offset : end - offset], concept))
                    i += n
                    break
            else:
                i += 1
        return found

    def _elided(self, tokens: list[Token], i: int, head: Token) -> URIRef | None:
        """The concept of "<word> <head>" when the text is "<word> and <term ending in head>": an
        adjective whose noun the coordination leaves out."""
        if i < 2 or tokens[i - 1].text.lower() not in {"and", "or", "&"}:
            return None
        return self._index.get(normalize_label(f"{tokens[i - 2].text} {head.text}"))


_PARTICIPLES = {"woven", "knitted", "printed", "dyed", "spun", "embroidered"}
_PERFECT = {"has", "have", "had", "having"}


def _verb(tokens: list[Token], i: int) -> bool:
    """A participle after has/have/had opens no term: the word is the verb."""
    return i > 0 and tokens[i].text.lower() in _PARTICIPLES and tokens[i - 1].text.lower() in _PERFECT
