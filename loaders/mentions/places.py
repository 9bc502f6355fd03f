"""Place mentions: gazetteer names and region names in text, disambiguated by the article's context
("Ningjin" in an article about Hebei is Ningjin County of Xingtai, not the one in Shandong)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.gazetteer import Gazetteer
from loaders.mentions import Mention
from loaders.mentions.terms import window_keys, word_prefixes
from loaders.mentions.tokens import Token, normalize, tokenize

LEVELS = ("province", "city", "county", "town")
_MIN_BARE = 4  # one-token names shorter than this ("Ci", "She") are English words more often than places
_NOT_PLACES = {"long", "ling", "yong", "dong", "tong", "hong", "guang", "china", "central", "new", "mall",
               "xinhua"}  # fmt: skip  # bare "Xinhua" in English news is the news agency


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    text: str
    candidates: tuple[str, ...]  # division codes, or "region/<slug>"


# Common Chinese surnames: "Yang Zhaohua, vice president of ..." is a person, not Zhaohua District.
_SURNAMES = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
             "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han",
             "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang",
             "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "jin", "fu", "cui",
             "qian", "kang", "liao", "wen", "fan", "shi", "bai", "tan", "zou", "xiong", "qin",
             "meng"}  # fmt: skip


def _personal_name(tokens: list[Token], i: int, n: int) -> bool:
    """A one-word place right after a capitalised surname and not followed by a place word."""
    if n != 1 or i == 0 or tokens[i - 1].key not in _SURNAMES or not tokens[i - 1].capitalized:
        return False
    following = tokens[i + 1].key if i + 1 < len(tokens) else ""
    return following not in {"county", "city", "district", "town", "province", "prefecture"}


class PlaceMatcher:
    """Longest-match lookup of every gazetteer and region name; built once per process."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._index: dict[str, list[str]] = {}
        for form, code in gazetteer.names():
            key = normalize(form)
            if not key or (" " not in key and (len(key) < _MIN_BARE or key in _NOT_PLACES)):
                continue
            codes = self._index.setdefault(key, [])
            if code not in codes:
                codes.append(code)
        self._longest = max((k.count(" ") + 1 for k in self._index), default=1)
        self._prefixes = word_prefixes(self._index)

    def hits(self, text: str, spans: Sequence[tuple[int, int]]) -> list[PlaceHit]:
        found: list[PlaceHit] = []
        for start, end in spans:
            found.extend(self._hits_in(text, tokenize(text[start:end], start)))
        return found

    def _hits_in(self, text: str, tokens: list[Token]) -> list[PlaceHit]:
        found: list[PlaceHit] = []
        keys = [t.key for t in tokens]
        i = 0
        while i < len(tokens):
            # the last window may still end in "'s" and match without it
            windows = window_keys(keys, i, self._longest, self._prefixes, skip_empty=False)
            for n in range(len(windows), 0, -1):
                window = tokens[i : i + n]
                key = windows[n - 1]
                codes = self._index.get(key)
                e = window[-1].end
                if not codes and key.endswith("'s"):  # "Yizhou's silkworm cocoon industry": the place
                    codes, e = self._index.get(key[:-2]), e - 2
                if codes and window[0].capitalized and not _personal_name(tokens, i, n):
                    s = window[0].start
                    found.append(PlaceHit(s, e, text[s:e], tuple(codes)))
                    i += n
                    break
            else:
                i += 1
        return found

    def ancestors(self, code: str) -> list[str]:
        if code.startswith("region/"):
            region = self.gazetteer.lookup_region(code.removeprefix("region/"))
            return [code, *(region.spans if region and len(region.spans) == 1 else ())]
        return [d.code for d in self.gazetteer.chain(code)]

    def level(self, code: str) -> str:
        if code.startswith("region/"):
            return "region"
        division = self.gazetteer.get(code)
        return division.level if division else "county"


def resolve_places(matcher: PlaceMatcher, hits: list[PlaceHit]) -> list[Mention]:
    """One mention per hit, the candidate whose ancestors the article mentions most winning."""
    context: Counter[str] = Counter()
    for hit in hits:
        if len(hit.candidates) == 1:
            context.update(matcher.ancestors(hit.candidates[0]))
    explicit = {h.candidates[0] for h in hits if len(h.candidates) == 1}
    hits = [_spelled_out(hit, explicit) for hit in hits]
    chosen: dict[int, str] = {}
    for _ in range(2):
        for i, hit in enumerate(hits):
            chosen[i] = _best(matcher, hit, hits, context)
        context = Counter(a for code in chosen.values() for a in matcher.ancestors(code))
    return [_mention(matcher, hit, chosen[i]) for i, hit in enumerate(hits)]


def _spelled_out(hit: PlaceHit, explicit: set[str]) -> PlaceHit:
    """ "Aksu" in an article that writes "Aksu Prefecture" elsewhere is that prefecture, not Aksu City."""
    named = [c for c in hit.candidates if c in explicit]
    if len(hit.candidates) > 1 and len(named) == 1:
        return PlaceHit(hit.start, hit.end, hit.text, (named[0],))
    return hit


def _best(matcher: PlaceMatcher, hit: PlaceHit, hits: list[PlaceHit], context: Counter[str]) -> str:
    if len(hit.candidates) == 1:
        return hit.candidates[0]
    key = normalize(hit.text)
    for code in hit.candidates:  # a bare province name is the province ("Hebei", not Hebei District)
        division = matcher.gazetteer.get(code)
        if division and division.level == "province" and normalize(division.name_en) == key:
            return code
    near = {
        c
        for other in hits
        if abs(other.start - hit.start) < 80 and other is not hit
        for c in other.candidates
    }

    def score(code: str) -> tuple[float, int, str]:
        chain = matcher.ancestors(code)
        support = sum(context[a] for a in chain) + sum(5 for a in chain[1:] if a in near)
        level = matcher.level(code)
        return (-support, LEVELS.index(level) if level in LEVELS else 0, code)

    return min(hit.candidates, key=score)


def _mention(matcher: PlaceMatcher, hit: PlaceHit, code: str) -> Mention:
    level = matcher.level(code)
    kind = "region" if level == "region" else "place"
    if kind == "region":
        region = matcher.gazetteer.lookup_region(code.removeprefix("region/"))
        name = region.name_en if region else hit.text
    else:
        division = matcher.gazetteer.get(code)
        name = division.name_en if division else hit.text
    return Mention(kind, hit.start, hit.end, hit.text, name, code, (("level", level),))
