"""The data that flows through footcite, stage to stage, as frozen attrs classes.

    SourceText -> Document(notes) -> Note(citations) -> Citation(fields) -> Reference

CSL-JSON is the external form of a work: `Citation.fields` holds the work exactly as one note
states it, `Reference.fields` the work merged from every citation of it. Both are deeply frozen
(see `frozen.py`); `to_csl()` gives the plain JSON form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from footcite.diagnostics import Diagnostic
from footcite.frozen import FrozenDict, freeze, thaw


def _freeze_fields(value: Mapping[str, Any] | None) -> FrozenDict:
    frozen = freeze(value or {})
    assert isinstance(frozen, FrozenDict)
    return frozen


@attrs.frozen
class Span:
    """Half-open character offsets [start, end) into the text that holds the thing."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@attrs.frozen
class SourceText:
    """A decoded, NFC-normalised input text and what was done to make it readable."""

    name: str
    text: str
    encoding: str = "utf-8"
    diagnostics: tuple[Diagnostic, ...] = ()


@attrs.frozen
class NoteCall:
    """Where the body calls a note: the sentence (marker removed) and the marker's offset."""

    sentence: str
    offset: int
    marker: str


@attrs.frozen
class Citation:
    """One cited work inside a note, with what the note adds around it.

    `text` is the citation as written (prefix and locator excluded); `fields` are the CSL-JSON
    fields of the cited work as this note states them. `kind` tells a full citation from a
    back-reference ("ibid", "short", "op-cit"); a back-reference names the citation it resolves
    to in `resolves_to` once positions are resolved.
    """

    id: str
    text: str
    span: Span
    fields: FrozenDict = attrs.field(converter=_freeze_fields, factory=FrozenDict)
    prefix: str | None = None
    locator: str | None = None
    label: str | None = None
    suffix: str | None = None
    kind: str = "full"
    reference_id: str | None = None
    resolves_to: str | None = None

    def fields_json(self) -> dict[str, Any]:
        result = thaw(self.fields)
        assert isinstance(result, dict)
        return result


@attrs.frozen
class Note:
    """A numbered note: its folded text, the body sentence that calls it, its citations."""

    number: int
    text: str
    citations: tuple[Citation, ...] = ()
    call: NoteCall | None = None
    document: str | None = None
    span: Span | None = None


@attrs.frozen
class Document:
    """One input after extraction: the body text (notes removed) and its notes in order."""

    name: str
    body: str
    notes: tuple[Note, ...]
    layout: str = "endnotes"
    diagnostics: tuple[Diagnostic, ...] = ()


@attrs.frozen
class Reference:
    """One work, merged from all its citations; `cited_in` lists (document, note number)."""

    id: str
    fields: FrozenDict = attrs.field(converter=_freeze_fields)
    cited_in: tuple[tuple[str, int], ...] = ()

    @property
    def type(self) -> str:
        return str(self.fields.get("type", "document"))

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON item, `id` first."""
        body = thaw(self.fields)
        assert isinstance(body, dict)
        body.pop("id", None)
        return {"id": self.id, **body}


@attrs.frozen
class Result:
    """What a footcite run produced: documents with parsed notes, references, diagnostics."""

    documents: tuple[Document, ...]
    references: tuple[Reference, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(note for doc in self.documents for note in doc.notes)

    def reference(self, ref_id: str) -> Reference:
        for ref in self.references:
            if ref.id == ref_id:
                return ref
        raise KeyError(ref_id)
