"""The only place that composes the stages: read -> extract -> parse -> dedup.

Every public entry point (`footcite.parse_files`, `footcite.parse_text`, the CLI) goes through
`run`, so the stages stay pure functions of their input and the order of documents never
changes the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from footcite.dedup.simple import assign_references
from footcite.diagnostics import Diagnostic
from footcite.extract.document import extract
from footcite.model import Document, Result, SourceText
from footcite.parse.note import parse_note
from footcite.textio import normalise_text, read_text


def _doc_key(index: int, total: int) -> str:
    return "d" if total == 1 else f"d{index + 1}"


def parse_document(source: SourceText, key: str = "d") -> Document:
    """Extract the notes of one source and parse every note into citations."""
    doc = extract(source)
    notes = []
    problems: list[Diagnostic] = list(doc.diagnostics)
    for note in doc.notes:
        parsed, diags = parse_note(note, key)
        notes.append(parsed)
        problems.extend(diags)
    return attrs.evolve(doc, notes=tuple(notes), diagnostics=tuple(problems))


def run_sources(sources: Sequence[SourceText]) -> Result:
    # documents are keyed by their sorted position, so ids do not depend on argument order
    order = sorted(range(len(sources)), key=lambda i: (sources[i].name, sources[i].text))
    keyed = {i: _doc_key(rank, len(sources)) for rank, i in enumerate(order)}
    documents = tuple(parse_document(src, keyed[i]) for i, src in enumerate(sources))
    documents, references = assign_references(documents)
    problems = tuple(d for doc in documents for d in doc.diagnostics)
    return Result(documents=documents, references=references, diagnostics=problems)


def run(paths: Sequence[str | Path]) -> Result:
    """Parse files (plain text of papers or notes-only files) into notes and references."""
    return run_sources([read_text(p) for p in paths])


def parse_text(text: str, name: str = "<text>") -> Result:
    """Parse a text already in memory."""
    return run_sources([normalise_text(text, name)])
