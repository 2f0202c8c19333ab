"""A note's text into its citations: segmentation, then fields for each segment.

This is the one entry point of the parse stage (`parse_note`); it keeps what the note adds
around a work (prefix, locator) on the citation and what it says about the work in `fields`.
A failure on one citation becomes a diagnostic, and the note keeps its other citations.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from footcite import diagnostics as diag
from footcite.model import Citation, Note, Span
from footcite.parse import lexicon as lx
from footcite.parse.archival import parse_archival
from footcite.parse.fields import parse_citation
from footcite.parse.names import parse_names
from footcite.parse.segment import Segment, segment_note

_ARTICLES = re.compile(
    r"(?:the\s+)?(?:articles?|essays?|studies|chapters?|contributions?)\s+(?:of|by)\s+"
    r"(?P<names>.+?)\s+in\s+(?P<rest>.+)$",
    re.S,
)
_PUBLISHED_BY = re.compile(r"^(?P<title>.*?)\s+(?:to be\s+)?published by\s+(?P<pub>.+?)\.?$")


def parse_note(note: Note, doc_key: str = "d") -> tuple[Note, list[diag.Diagnostic]]:
    problems: list[diag.Diagnostic] = []
    citations: list[Citation] = []
    previous_authors: list[dict[str, Any]] | None = None
    for k, seg in enumerate(segment_note(note.text)):
        try:
            made = _citations_of(note.text, seg, previous_authors)
        except Exception as exc:  # one bad citation must not cost the note
            problems.append(
                diag.error(
                    "parse-citation",
                    f"could not parse citation {k + 1}: {type(exc).__name__}: {exc}",
                    f"{note.document or doc_key}: note {note.number}",
                )
            )
            continue
        for fields, locator, label, kind, text in made:
            cid = f"{doc_key}-n{note.number}-c{len(citations) + 1}"
            citations.append(
                Citation(
                    id=cid,
                    text=text,
                    span=Span(seg.start, seg.end),
                    fields=fields,
                    prefix=seg.prefix,
                    locator=locator,
                    label=label,
                    kind=kind,
                )
            )
            names = fields.get("author") or fields.get("editor")
            if names:
                previous_authors = list(names)
    return attrs.evolve(note, citations=tuple(citations)), problems


Made = tuple[dict[str, Any], str | None, str | None, str, str]


def _citations_of(note: str, seg: Segment, previous: list[dict[str, Any]] | None) -> list[Made]:
    text = note[seg.start : seg.end].strip().rstrip(";").strip()
    if seg.kind_hint == "archival":
        return [(f, None, None, "full", text) for f in parse_archival(text)]
    if seg.kind_hint == "articles-of":
        return [_articles_of(text)]
    inherited = previous if seg.same_author else None
    parsed = parse_citation(text, inherited_authors=inherited)
    fields = dict(parsed.fields)
    if seg.narrative_title:
        fields["title"] = seg.narrative_title
        if seg.narrative_author and "author" not in fields:
            fields["author"] = parse_names(seg.narrative_author)
        if fields.get("type") == "book" and lx.GENRE_WORDS.search(text):
            fields["type"] = "thesis"
    body = text
    locator = parsed.locator
    if locator is not None:
        body = text[: text.rfind(locator.text)].rstrip(" ,.;:") if locator.text in text else text
        if not body.endswith((".", "”", ")")):
            body += "."
    return [
        (
            fields,
            locator.value if locator else None,
            locator.label if locator else None,
            parsed.kind,
            body,
        )
    ]


def _articles_of(text: str) -> Made:
    """"the articles of A, B and C in a forthcoming volume ... published by P": one volume."""
    m = _ARTICLES.search(text)
    fields: dict[str, Any] = {"type": "book"}
    if m:
        fields["contributor"] = parse_names(m.group("names"))
        rest = m.group("rest").strip().rstrip(".")
        pub = _PUBLISHED_BY.match(rest)
        if pub:
            fields["title"] = pub.group("title").strip()
            fields["publisher"] = pub.group("pub").strip()
        else:
            fields["title"] = rest
        if re.search(r"\bforthcoming\b", rest):
            fields["status"] = "forthcoming"
    return fields, None, None, "full", text
