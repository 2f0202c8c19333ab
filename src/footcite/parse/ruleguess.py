"""The rule parser's decisions, turned into per-character labels the taggers use as features.

The rule segmenter and field classifier are careful but brittle; the CRFs learn when to trust
them. Rules produce CSL values, not spans, so field guesses are found back in the text by
searching for each value: an approximate map, good enough for a feature and for the fallback.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from footcite.parse.archival import parse_archival
from footcite.parse.fields import Parsed, parse_citation
from footcite.parse.segment import Segment, _archival_start, segment_note


def segment_labels(note: str, segments: list[Segment] | None = None) -> list[str]:
    """Per character: "P" rule prefix, "B" first char of a rule citation, "I" inside, "O"."""
    labels = ["O"] * len(note)
    for seg in segments if segments is not None else segment_note(note):
        if seg.prefix:
            at = note.rfind(seg.prefix, 0, seg.start + 1)
            if at >= 0:
                labels[at : at + len(seg.prefix)] = ["P"] * len(seg.prefix)
        inside = "A" if seg.kind_hint == "archival" else "I"
        first = True
        for run in _NON_SPACE.finditer(note, seg.start, seg.end):  # white space keeps its label
            start, end = run.span()
            labels[start:end] = [inside] * (end - start)
            if first:
                labels[start] = "B"
                first = False
    return labels


_NON_SPACE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def is_archival(text: str) -> bool:
    """Whether a citation opens with a repository name, as the rule segmenter decides it.

    Remembered for the last citation only: the field features ask it right after the rule
    fields of the same citation did."""
    return _archival_start(text) is not None


def rule_fields(text: str) -> tuple[list[dict[str, Any]], Parsed | None]:
    """The rule parser's fields for one citation: archival (one or more) or bibliographic."""
    if is_archival(text):
        return parse_archival(text), None
    parsed = parse_citation(text)
    return [parsed.fields], parsed


@lru_cache(maxsize=2048)
def field_labels(text: str) -> tuple[str, ...]:
    """Per character, the rule parser's field for that stretch of the citation ("-" if none).

    Cached: the field features, the fallback and its scoring all ask for the same citation.
    """
    return tuple(_field_labels(text))


_HEAD = re.compile(r"(?<!\W)\W*+\w[\w.’' ]{0,30}")
"""The opening words of a short form ("Ibid.", "„Ebd."), marked as its back-reference. The
lookbehind guard lets a match start only where no non-word character precedes, and `*+` never
gives back: a scan over a long run of punctuation is then linear (it was quadratic when tried
at every position), while a match at the start of a citation is the same as before."""


def _field_labels(text: str) -> list[str]:
    labels = ["-"] * len(text)
    try:
        found, parsed = rule_fields(text)
    except Exception:  # a rule failure only costs the feature
        return labels
    if parsed is not None:
        if parsed.locator is not None and parsed.locator.text:
            _mark(labels, text, parsed.locator.text, "locator", from_end=True)
        if parsed.kind != "full":
            m = _HEAD.match(text)
            if parsed.kind == "ibid" and m:
                _mark(labels, text, m.group(0), "backref")
    for fields in found:
        _mark_fields(labels, text, fields)
    return labels


_PLAIN = (
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "volume",
    "issue",
    "number",
    "archive",
    "archive-place",
    "archive_location",
    "archive_collection",
)


def _mark_fields(labels: list[str], text: str, fields: dict[str, Any]) -> None:
    for key in _PLAIN:
        value = fields.get(key)
        if isinstance(value, str) and value:
            for part in value.split(", ") if key.startswith("archive_") else [value]:
                _mark(labels, text, part, key)
    custom = fields.get("custom") or {}
    if custom.get("translated-title"):
        _mark(labels, text, custom["translated-title"], "translated-title")
    if fields.get("page"):
        _mark(labels, text, fields["page"], "page", pattern=True)
    issued = fields.get("issued")
    if issued:
        year = str(issued["date-parts"][0][0])
        _mark(labels, text, year, "date", from_end=True)
    for role in ("author", "editor", "translator", "contributor"):
        for name in fields.get(role) or []:
            for part in ("family", "given", "literal"):
                if name.get(part):
                    _mark(labels, text, name[part], role)


def _mark(
    labels: list[str],
    text: str,
    value: str,
    label: str,
    *,
    from_end: bool = False,
    pattern: bool = False,
) -> None:
    """Label the first (or last) place where `value` occurs in `text` with no label yet."""
    if pattern:
        rx = _range_pattern(value)
        hits = [m.span() for m in rx.finditer(text)]
    else:
        hits = []
        at = text.find(value)
        while at >= 0:
            hits.append((at, at + len(value)))
            at = text.find(value, at + 1)
    for start, end in reversed(hits) if from_end else hits:
        if labels[start:end].count("-") == end - start:  # all free
            labels[start:end] = [label] * (end - start)
            return


RULE_TO_TAG = {
    "title": "title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "publisher": "publisher",
    "publisher-place": "place",
    "genre": "genre",
    "volume": "volume",
    "issue": "issue",
    "number": "number",
    "archive": "archive",
    "archive-place": "archive-place",
    "archive_collection": "fonds",
    "archive_location": "item",
    "translated-title": "translated-title",
    "page": "pages",
    "date": "date",
    "locator": "locator",
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "backref": "backref",
}


def rule_spans(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """The rule parser's reading as corpus-tag spans (note offsets), for scoring the fallback."""
    labels = field_labels(text)
    out: list[tuple[str, int, int]] = []
    prev = "-"
    for i, lab in enumerate(labels):
        tag = RULE_TO_TAG.get(lab)
        if tag is None:
            prev = "-"
            continue
        if prev == lab and out:
            out[-1] = (tag, out[-1][1], offset + i + 1)
        else:
            out.append((tag, offset + i, offset + i + 1))
        prev = lab
    return out


@lru_cache(maxsize=1024)
def _range_pattern(value: str) -> re.Pattern[str]:
    """ "55-56" as written in any dash and spacing."""
    return re.compile(r"\s*[-–—]\s*".join(re.escape(p) for p in value.split("-")))
