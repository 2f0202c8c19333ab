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
from footcite.parse.learned import Found, Made, find_citations, read_citation


def parse_note(note: Note, doc_key: str = "d") -> tuple[Note, list[diag.Diagnostic]]:
    """Citations of one note: learned segmentation and fields, rules where the model is unsure."""
    problems: list[diag.Diagnostic] = []
    citations: list[Citation] = []
    previous_authors: list[dict[str, Any]] | None = None
    for k, found in enumerate(find_citations(note.text)):
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
        for fields, locator, label, kind, text in made:
            cid = f"{doc_key}-n{note.number}-c{len(citations) + 1}"
            citations.append(
                Citation(
                    id=cid,
                    text=text,
                    span=Span(found.start, found.end),
                    fields=fields,
                    prefix=found.prefix,
                    locator=locator,
                    label=label,
                    kind=kind,
                )
            )
            names = fields.get("author") or fields.get("editor")
            if names:
                previous_authors = list(names)
    return attrs.evolve(note, citations=tuple(citations)), problems


def _read(note: str, found: Found, previous: list[dict[str, Any]] | None) -> list[Made]:
    return list(read_citation(note, found, previous).made)
