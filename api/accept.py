"""HTTP content negotiation: pick the best offered media type for an ``Accept`` header (RFC 9110 q-values)."""

from __future__ import annotations

from collections.abc import Mapping


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``"text/csv;q=0.5, */*;q=0.1"`` -> ``[("text/csv", 0.5), ("*/*", 0.1)]``; no header means ``*/*``."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range that matches ``offer`` (exact, then ``type/*``, then ``*/*``)."""
    kind = offer.split("/", 1)[0]
    best: tuple[int, float] | None = None
    for media, q in ranges:
        specificity = 2 if media == offer else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if specificity >= 0 and (best is None or specificity > best[0]):
            best = (specificity, q)
    return best[1] if best else 0.0


def choose(header: str | None, offers: Mapping[str, str]) -> str | None:
    """The canonical media type of the best offer (``offers`` maps what a client may ask for to what we send,
    in our order of preference), or None when the client accepts none of them."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for offer, canonical in offers.items():
        q = _quality(offer, ranges)
        if q > best_q:
            best, best_q = canonical, q
    return best
