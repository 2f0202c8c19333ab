"""A note's text into its citations: segmentation, then fields for each segment.

This is the one entry point of the parse stage (`parse_note`); it keeps what the note adds
around a work (prefix, locator) on the citation and what it says about the work in `fields`.
A failure on one citation becomes a diagnostic, and the note keeps its other citations.
"""

from __future__ import annotations

from typing import Any

import attrs

from footcite import diagnostics as diag
from footcite.model import Citation, Note, Span
from footcite.parse.fields import short_name
from footcite.parse.language import add_language
from footcite.parse.learned import Found, Made, find_citations, read_citation


def parse_note(note: Note, doc_key: str = "d") -> tuple[Note, list[diag.Diagnostic]]:
    """Citations of one note: learned segmentation and fields, rules where the model is unsure."""
    problems: list[diag.Diagnostic] = []
    citations: list[Citation] = []
    previous_authors: list[dict[str, Any]] | None = None
    for k, found in enumerate(find_citations(note.text)):
        prefix = _whole_prefix(note.text, found)
        try:
            made = _read(note.text, found, previous_authors)
        except Exception as exc:  # one bad citation must not cost the note
            problems.append(
                diag.error(
                    "parse-citation",
                    f"could not parse citation {k + 1}: {type(exc).__name__}: {exc}",
                    f"{note.document or doc_key}: note {note.number}",
                )
            )
            continue
        for j, (fields, locator, label, kind, text) in enumerate(made):
            short_name(fields)
            add_language(fields)
            cid = f"{doc_key}-n{note.number}-c{len(citations) + 1}"
            citations.append(
                Citation(
                    id=cid,
                    text=text,
                    span=Span(found.start, found.end),
                    fields=fields,
                    # the lead-in introduces only the first citation of a list read from one
                    # segment ("... in the following collections: A, B, C")
                    prefix=prefix if j == 0 else None,
                    locator=locator,
                    label=label,
                    kind=kind,
                )
            )
            names = fields.get("author") or fields.get("editor")
            if names:
                previous_authors = list(names)
    return attrs.evolve(note, citations=tuple(citations)), problems


def _whole_prefix(note: str, found: Found) -> str | None:
    """The prefix of a found citation, reaching back to where its sentence starts.

    The learned prefix can start inside a sentence: the tokens split "East-West" at the
    hyphen and the model may begin the prefix at "West". The rule segmenter's prefix for the
    same citation begins at a sentence start; when it ends with the model's prefix it is the
    same lead-in, only whole, and it wins. A model prefix that starts right after a letter or
    a hyphen (mid-word) and has no such rule prefix is extended back to the sentence start.
    """
    prefix = found.prefix
    if not prefix:
        return prefix
    rule = found.rule.prefix if found.rule is not None else None
    if rule and rule != prefix and rule.endswith(prefix):
        return rule
    at = note.rfind(prefix, 0, found.start + 1)
    if at <= 0 or not (note[at - 1].isalnum() or note[at - 1] in "-‐–"):
        return prefix
    start = max(note.rfind(". ", 0, at) + 2, note.rfind(": ", 0, at) + 2, 0)
    return " ".join(note[start : at + len(prefix)].split()) or prefix


def _read(note: str, found: Found, previous: list[dict[str, Any]] | None) -> list[Made]:
    return list(read_citation(note, found, previous).made)
