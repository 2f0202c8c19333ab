"""How wide a page range is: the fact that tells a work's own pages from a pinpoint.

"S. 123–138" after an article is its `pages`; "pp. 55–56" is the page the note points to
(`locator`). Words alone rarely decide it (both follow "S." or "pp.", both end the citation),
but widths do: a pinpoint spans a page or a few, an article or chapter a dozen or more. The
field CRF sees the width only as a bucket on the three tokens of the range ("123", "–", "138").
"""

from __future__ import annotations

from footcite.parse.tokens import Token

_DASHES = frozenset("-–—")
_BUCKETS = ((0, "rng=0"), (1, "rng=1"), (5, "rng=2-5"), (12, "rng=6-12"))
_WIDE = "rng=13+"
_BAD = "rng=odd"


def _number(word: str) -> int | None:
    """The leading digits of a page word ("42ob" -> 42, "803" -> 803), None if none."""
    k = 0
    while k < len(word) and word[k].isdigit():
        k += 1
    return int(word[:k]) if 0 < k <= 6 else None


def width(low: str, high: str) -> int | None:
    """Pages from `low` to `high`, the abbreviated end expanded ("112"-"15" -> 3); None when
    the second number does not follow the first (a date "1956–57" is still a range)."""
    lo, hi = _number(low), _number(high)
    if lo is None or hi is None:
        return None
    if hi < lo and len(high.rstrip("abcdefghijklmnopqrstuvwxyz")) < len(str(lo)):
        digits = len(str(hi))
        hi = lo // 10**digits * 10**digits + hi
        if hi < lo:
            hi += 10**digits
    return hi - lo if hi >= lo else None


def bucket(span: int | None) -> str:
    if span is None:
        return _BAD
    for limit, name in _BUCKETS:
        if span <= limit:
            return name
    return _WIDE


def range_features(tokens: list[Token]) -> dict[int, str]:
    """Token index -> width bucket, for the three tokens of every "number dash number"."""
    out: dict[int, str] = {}
    for i in range(1, len(tokens) - 1):
        if tokens[i].text not in _DASHES:
            continue
        a, b = tokens[i - 1], tokens[i + 1]
        if a.end != tokens[i].start and b.start != tokens[i].end:
            continue  # " – " between words or clauses, not a range
        if not (a.text[:1].isdigit() and b.text[:1].isdigit()):
            continue
        name = bucket(width(a.text, b.text))
        out[i - 1] = out[i] = out[i + 1] = name
    return out
