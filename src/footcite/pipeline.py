"""The only place that composes the stages: read -> extract -> parse -> dedup.

Every public entry point (`footcite.parse_files`, `footcite.parse_text`, the CLI) goes through
`run`, so the stages stay pure functions of their input and the order of documents never
changes the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from footcite import limits
from footcite.dedup.documents import assign_references
from footcite.diagnostics import Diagnostic
from footcite.extract.credits import credit_citations
from footcite.extract.document import extract
from footcite.model import Document, Note, Result, SourceText
from footcite.parse.note import parse_note
from footcite.textio import normalise_text, prepare_for_parsing, read_text


def _doc_key(index: int, total: int) -> str:
    return "d" if total == 1 else f"d{index + 1}"


def _parse_one(note: Note, key: str) -> tuple[Note, list[Diagnostic]]:
    parsed, diags = parse_note(note, key)
    if not parsed.citations:
        # a photo credit or "writes X" line of a web article has its own reader
        parsed = attrs.evolve(parsed, citations=credit_citations(note, key))
    return parsed, diags


def parse_document(source: SourceText, key: str = "d") -> Document:
    """Extract the notes of one source and parse every note into citations.

    Extraction runs under a time limit and every note is parsed on its own (see
    `footcite.limits`), so one hostile or broken note costs only itself.
    """
    source = prepare_for_parsing(source)
    doc = limits.within_limit(
        limits.document_seconds(), f"{source.name}: finding the notes", lambda: extract(source)
    )
    notes, problems = limits.parse_notes(doc.notes, key, _parse_one)
    return attrs.evolve(doc, notes=tuple(notes), diagnostics=(*doc.diagnostics, *problems))


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
