"""A source text into a `Document`: body, numbered notes, and each note's call in the body."""

from __future__ import annotations

from footcite import diagnostics as diag
from footcite.extract.calls import build_body, find_calls
from footcite.extract.credits import credit_notes
from footcite.extract.notes import split_notes
from footcite.model import Document, Note, SourceText


def extract(source: SourceText, name: str | None = None) -> Document:
    """Find the notes of a paper (endnotes or a notes-only file) and link them to the body."""
    doc_name = name or source.name
    split = split_notes(source.text, doc_name)
    problems = list(source.diagnostics) + list(split.diagnostics)
    body = build_body(split.body_lines) if split.layout != "notes-only" else ""
    calls = find_calls(body, [n.number for n in split.notes]) if body else {}
    if split.layout == "no-notes":
        problems.append(
            diag.warning(
                "extract-no-notes",
                "no numbered notes found (a note starts with its number at the start of a line)",
                doc_name,
            )
        )
    elif split.layout == "endnotes":
        missing = [n.number for n in split.notes if n.number not in calls]
        if missing:
            problems.append(
                diag.info(
                    "extract-call-missing",
                    "no call found in the body for note(s) " + ", ".join(map(str, missing)),
                    doc_name,
                )
            )
    notes = tuple(
        Note(
            number=raw.number,
            text=raw.text,
            call=calls.get(raw.number),
            document=doc_name,
            span=raw.span,
        )
        for raw in split.notes
    )
    # web articles cite in photo credits and "writes X": each becomes a note after the others
    first = max((n.number for n in notes), default=0) + 1
    credits = credit_notes(source.text, body, first, [n.text for n in notes], doc_name)
    if credits and split.layout == "no-notes":
        problems = [p for p in problems if p.code != "extract-no-notes"]
    notes += tuple(credits)
    return Document(
        name=doc_name,
        body=body,
        notes=notes,
        layout=split.layout,
        diagnostics=tuple(problems),
    )
