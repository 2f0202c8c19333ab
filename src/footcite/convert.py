"""A paper with typed footnotes back into a manuscript with live citations (pandoc Markdown).

Every note call in the body becomes a pandoc footnote; inside it, each citation footcite found
becomes a pandoc citation (`[see @key, p. 389]`) and everything else in the note (commentary,
connecting words) stays as text. With the bibliography written as CSL-JSON, `pandoc --citeproc
--csl STYLE` then renders the whole paper in any CSL style.
"""

from __future__ import annotations

import re

import attrs

from footcite.model import Citation, Document, Note, Reference, Result

_ESCAPE = re.compile(r"([\\`*_{}\[\]<>#+!|@^~$])")
_PANDOC_LABEL = {
    "page": "p.",
    "folio": "fol.",
    "line": "l.",
    "volume": "vol.",
    "chapter": "chap.",
    "note": "n.",
    "document": "doc.",
    "section": "sec.",
    "paragraph": "para.",
}


@attrs.frozen
class Manuscript:
    """The Markdown text and the references it cites (CSL-JSON items)."""

    markdown: str
    references: tuple[Reference, ...]
    uncalled: tuple[int, ...] = ()
    misplaced: tuple[int, ...] = ()  # notes whose call marker is not at its offset in the body


def escape(text: str) -> str:
    """Make plain text inert in pandoc Markdown (no emphasis, links, citations, math)."""
    return _ESCAPE.sub(r"\\\1", text)


def _pandoc_cite(citation: Citation) -> str:
    parts = []
    if citation.prefix:
        parts.append(escape(citation.prefix) + " ")
    parts.append(f"@{{{citation.reference_id}}}")
    if citation.locator:
        label = _PANDOC_LABEL.get(citation.label or "page", "p.")
        parts.append(f", {label} {escape(citation.locator)}")
    if citation.suffix:
        parts.append(" " + escape(citation.suffix))
    return "[" + "".join(parts) + "]"


def note_markdown(note: Note) -> str:
    """The note with each citation span (prefix included) replaced by a pandoc citation."""
    spans: list[tuple[int, int, list[Citation]]] = []
    for c in note.citations:
        if not c.reference_id:
            continue
        start, end = c.span.start, c.span.end
        if c.prefix:
            found = note.text.rfind(c.prefix, 0, start + 1)
            if found != -1:
                start = found
        if spans and start < spans[-1][1]:
            # several works parsed from one span (archival lists): one bracket for all of them
            s, e, group = spans[-1]
            spans[-1] = (min(s, start), max(e, end), [*group, c])
            continue
        spans.append((start, end, [c]))
    out = []
    pos = 0
    for start, end, group in spans:
        out.append(escape(note.text[pos:start]))
        if len(group) == 1:
            out.append(_pandoc_cite(group[0]))
        else:
            inner = "; ".join(_pandoc_cite(c)[1:-1] for c in group)
            out.append(f"[{inner}]")
        trailing = note.text[start:end].rstrip()[-1:]
        if trailing in ".;" and not note.text[end : end + 1].strip():
            out.append(trailing)
        pos = end
    out.append(escape(note.text[pos:]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def document_markdown(doc: Document) -> tuple[str, tuple[int, ...]]:
    """Body paragraphs with `[^n]` at each call, then the footnote definitions."""
    text, uncalled, _ = _document_markdown(doc)
    return text, uncalled


def _document_markdown(doc: Document) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The Markdown, the notes without a call, and the notes whose marker was not found at
    the call's offset: the `[^n]` still goes there, but no body text is taken out for it (a
    call found in a caption or a web page's byline can point at a word, and removing
    "the marker" there would silently cut the body)."""
    calls = sorted(
        ((n.call.offset, n.call.marker, n) for n in doc.notes if n.call is not None),
        key=lambda t: t[0],
    )
    pieces = []
    misplaced = []
    pos = 0
    for offset, marker, note in calls:
        start = max(pos, min(offset, len(doc.body)))
        pieces.append(escape(doc.body[pos:start]))
        pieces.append(f"[^{note.number}]")
        if marker and doc.body.startswith(marker, start):
            pos = start + len(marker)
        else:
            pos = start
            misplaced.append(note.number)
    pieces.append(escape(doc.body[pos:]))
    body = "".join(pieces)
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    lines = ["\n\n".join(paragraphs), ""]
    called = {n.number for _, _, n in calls}
    uncalled = tuple(n.number for n in doc.notes if n.number not in called)
    for note in doc.notes:
        text = note_markdown(note)
        if note.number in called:
            lines.append(f"[^{note.number}]: {text}")
        else:
            # a note without a call in the body still keeps its citations, at the end
            lines.append(f"Note {note.number}: {text}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n", uncalled, tuple(misplaced)


def to_markdown(result: Result, document: int = 0) -> Manuscript:
    """The document at `document` of a parse result as pandoc Markdown with live citations."""
    doc = result.documents[document]
    text, uncalled, misplaced = _document_markdown(doc)
    cited = {c.reference_id for n in doc.notes for c in n.citations if c.reference_id}
    refs = tuple(r for r in result.references if r.id in cited)
    return Manuscript(text, refs, uncalled, misplaced)
