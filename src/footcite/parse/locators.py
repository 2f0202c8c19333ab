"""Pinpoint locators at the end of a citation: "p. 389", "pp.55-56", "243-272 pp.", "S. 17".

The locator is what the note points at inside the work; it stays with the citation and never
enters the work's fields. Labels are CSL locator terms (page, folio, line, volume, ...).
"""

from __future__ import annotations

import re

import attrs

_NUM = (
    r"(?:\d+[a-z]?|[IVXLC]+|[ivxlc]+)(?:\s*[-–—]\s*(?:\d+[a-z]?|[IVXLC]+|[ivxlc]+))?"
    r"(?:\s*(?:,|and|és|und|et)\s*(?!1[5-9]\d\d\b|20\d\d\b)\d+(?:\s*[-–]\s*\d+)?)*"
)
_LABELS = [
    ("page", r"pp?\.|pages?|page|S\.|s\.|str\.|С\.|с\.|o\.|old\.|oldal"),
    ("folio", r"ff?\.|fol\.|fols\.|Bl\.|k\.|ll?\.|лл?\."),
    ("volume", r"vol\.|Vol\.|Bd\.|t\."),
    ("chapter", r"ch\.|chap\.|Kap\."),
    ("note", r"n\.|nn\.|Anm\.|note"),
    ("document", r"doc\.|Doc\.|Dok\.|dok\."),
]
# The look-ahead names the characters a match starts with (a separator, a space, a label's first
# letter): a search passes over other positions at one test (the matches are the same).
_PREFIX_FORM = re.compile(
    r"(?=[,.:;\sABDKSVcdfklnopstvСсл])(?P<sep>[,.:;]?\s*)(?<![\w])(?P<label>"
    + "|".join(f"(?P<{name}>{pat})" for name, pat in _LABELS)
    + r")\s*(?P<value>"
    + _NUM
    + r")\s*\.{0,2}\s*$"
)
# "243-272 pp.", searched for at the end of a citation. A search tries every position, and from
# each digit of a long number (each space of a long run) it would scan to the number's end
# again: quadratic. The guard in front lets a match start only where the leftmost one can:
# never on a digit after a digit, nor on a space or digit after a space or a punctuation mark,
# as a match from there is also one from the character before. So `search` finds the same
# match as without the guard, and in linear time. The look-ahead before the guard only names
# the characters a match starts with (a separator, a space, a digit), for speed.
_SUFFIX_FORM = re.compile(
    r"(?=[,.:;\s\d])(?:(?<![\d\s,.:;])|(?=[,.:;])|(?<=\d)(?=\s))"
    r"(?P<sep>[,.:;]?\s*)(?P<value>\d+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?)\.?\s*"
    r"(?P<label>pp\.|p\.|o\.|old\.)\s*\.{0,2}\s*$"
)
_BARE_PAGES = re.compile(r"(?P<sep>[,:]\s*)(?P<value>\d{1,4}(?:\s*[-–]\s*\d{1,4})?)\.?\s*$")


@attrs.frozen
class Locator:
    value: str
    label: str
    text: str
    start: int  # offset of the locator (with its separator) in the citation text


def split_locator(text: str) -> tuple[str, Locator | None]:
    """Split a trailing locator off a citation; returns (rest, locator or None)."""
    for pattern in (_PREFIX_FORM, _SUFFIX_FORM):
        m = pattern.search(text)
        if m:
            label = next(
                (name for name, _ in _LABELS if m.groupdict().get(name)),
                "page",
            )
            value = normalise_range(m.group("value"))
            start = m.start("label") if pattern is _PREFIX_FORM else m.start("value")
            rest = text[: m.start()].rstrip(" ,.;:")
            return rest, Locator(value, label, text[start:].strip(), m.start())
    return text, None


_YEARS = re.compile(r"(?:1[5-9]\d\d|20\d\d)(?:\s*[-–]\s*(?:1[5-9]\d\d|20\d\d))?")


def split_bare_pages(text: str) -> tuple[str, str | None]:
    """A final ", 117-154" without a label: the caller decides if it is pages or a locator."""
    m = _BARE_PAGES.search(text)
    if not m:
        return text, None
    value = m.group("value")
    if _YEARS.fullmatch(value):
        return text, None  # a year or a span of years ("1953-1959"), not pages
    return text[: m.start()].rstrip(" ,.;:"), normalise_range(value)


_DASH = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")


def normalise_range(value: str) -> str:
    """Unify dashes in a range ("55 — 56" -> "55-56"); CSL page fields use a hyphen."""
    value = _DASH.sub("-", value.strip())
    return _SPACES.sub(" ", value)
