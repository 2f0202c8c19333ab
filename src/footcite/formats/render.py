"""Notes and bibliographies in a CSL style, through citeproc-py.

citeproc-py is the engine; this module is the layer footcite owns around it: it feeds only
deduplicated references, keeps per-note failures as diagnostics (one bad entry never costs the
others) and silences citeproc-py's warnings about fields it does not know.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from citeproc import (
    Citation as CpCitation,
)
from citeproc import (
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from footcite import diagnostics as diag
from footcite.formats.engine import engine_item
from footcite.formats.styles import load_style_bytes
from footcite.model import Note, Reference

DEFAULT_STYLE = "chicago-notes-bibliography"
_FORMATTERS = {"text": formatter.plain, "html": formatter.html}

# CSL locator labels citeproc-py knows
_LABELS = {"page", "folio", "line", "volume", "chapter", "note", "section", "paragraph", "book"}


@attrs.frozen
class RenderedNote:
    number: int
    text: str
    document: str | None = None


@attrs.frozen
class Rendered:
    notes: tuple[RenderedNote, ...]
    bibliography: tuple[str, ...]
    diagnostics: tuple[diag.Diagnostic, ...] = ()


def _engine_item(ref: Reference) -> dict[str, Any]:
    return engine_item(ref.to_csl())


def _cite_item(citation_ref: str, locator: str | None, label: str | None) -> CitationItem:
    if locator:
        return CitationItem(citation_ref, locator=Locator(label if label in _LABELS else "page", locator))
    return CitationItem(citation_ref)


def render(
    notes: Sequence[Note],
    references: Iterable[Reference],
    style: str = DEFAULT_STYLE,
    output: str = "text",
) -> Rendered:
    """Render the citing notes and the bibliography of the cited references."""
    refs = list(references)
    problems: list[diag.Diagnostic] = []
    style_obj = CitationStylesStyle(io.BytesIO(load_style_bytes(style)), validate=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([_engine_item(r) for r in refs])
        engine = CitationStylesBibliography(style_obj, source, _FORMATTERS[output])
        registered: list[tuple[Note, CpCitation]] = []
        for note in notes:
            items = [
                _cite_item(c.reference_id, c.locator, c.label)
                for c in note.citations
                if c.reference_id
            ]
            if not items:
                continue
            cp = CpCitation(items)
            engine.register(cp)
            registered.append((note, cp))
        rendered: list[RenderedNote] = []
        for note, cp in registered:
            where = f"{note.document}: note {note.number}" if note.document else f"note {note.number}"
            try:
                text = str(engine.cite(cp, lambda item: None))
            except Exception as exc:  # citeproc-py fails on some items; keep the others
                problems.append(
                    diag.error("render-note", f"could not render: {type(exc).__name__}: {exc}", where)
                )
                continue
            rendered.append(RenderedNote(note.number, text, note.document))
        entries: list[str] = []
        try:
            entries = [str(entry) for entry in engine.bibliography()]
        except Exception as exc:
            problems.append(
                diag.error("render-bibliography", f"could not render: {type(exc).__name__}: {exc}")
            )
    return Rendered(tuple(rendered), tuple(entries), tuple(problems))


def notes_text(rendered: Rendered) -> str:
    """Plain-text notes file: one "N. text" paragraph per citing note."""
    lines = []
    several = len({n.document for n in rendered.notes}) > 1
    for note in rendered.notes:
        prefix = f"[{note.document}] " if several and note.document else ""
        lines.append(f"{prefix}{note.number}. {note.text}")
    return "\n".join(lines) + ("\n" if lines else "")
