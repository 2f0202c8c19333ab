"""The annotated footnote corpus (data/corpus/*.xml) as plain offsets, and its held-out split.

A corpus note becomes its text plus character spans: the citations (`<cite>`), the prefixes
(`<prefix>`) and, inside each citation, the field tags. Both learned stages train on these
spans and `footcite evaluate` scores against them, so reading them lives in one place.

The held-out split is a property of a note's id alone (a hash, ~20%), so it never changes when
notes are added, reordered or moved between files, and `train` can never see a held-out note.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import attrs
from lxml import etree

HELDOUT_PERCENT = 20
"""Share of notes (by hash of the id) kept out of training for evaluation."""

FIELD_TAGS = frozenset(
    [
        "author",
        "editor",
        "translator",
        "title",
        "translated-title",
        "container-title",
        "collection-title",
        "number",
        "volume",
        "issue",
        "edition",
        "genre",
        "place",
        "publisher",
        "date",
        "pages",
        "locator",
        "url",
        "accessed",
        "backref",
        "interviewer",
        "note",
        "archive",
        "archive-place",
        "fonds",
        "series",
        "file",
        "item",
        "doc-date",
        "classification",
        "collection",
    ]
)
"""The field tags of data/corpus/README.md's table. A gold file (ours or a user's, `footcite
evaluate GOLD`) with any other tag is refused: a misspelt tag would otherwise be scored as a
field the parser can never produce, and silently lower every figure."""


@attrs.frozen
class FieldSpan:
    """A field tag inside a citation: its tag and [start, end) offsets in the note text."""

    tag: str
    start: int
    end: int


@attrs.frozen
class GoldCite:
    """One `<cite>`: its span in the note, its CSL type, its field spans (note offsets)."""

    start: int
    end: int
    type: str
    fields: tuple[FieldSpan, ...]


@attrs.frozen
class GoldNote:
    """One annotated footnote."""

    id: str
    source: str
    text: str
    cites: tuple[GoldCite, ...]
    prefixes: tuple[tuple[int, int], ...]


class CorpusError(ValueError):
    """A corpus file that does not follow data/corpus/README.md."""


def corpus_dir() -> Path:
    return Path(str(resources.files("footcite") / "data" / "corpus"))


def corpus_files(directory: Path | None = None) -> list[Path]:
    """The project's corpus files, sorted so that training order never depends on the disk."""
    return sorted((directory or corpus_dir()).glob("*.xml"))


def is_heldout(note_id: str) -> bool:
    """Whether a note belongs to the held-out split (a stable hash of its id alone)."""
    digest = hashlib.sha256(note_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELDOUT_PERCENT


def _parser() -> etree.XMLParser:
    # the corpus may come from a user (`footcite evaluate GOLD`): no entities, no network
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def read_corpus(path: Path) -> list[GoldNote]:
    """Every note of one corpus file, with its spans; raises CorpusError on a malformed file."""
    try:
        root = etree.parse(str(path), _parser()).getroot()
    except etree.XMLSyntaxError as exc:
        raise CorpusError(f"{path}: {exc}") from exc
    notes = []
    for k, el in enumerate(root.findall("note")):
        note_id = el.get("id") or f"{path.stem}-{k + 1:04d}"
        notes.append(_note(el, note_id, path.name))
    return notes


def read_all(paths: Iterable[Path]) -> list[GoldNote]:
    notes: list[GoldNote] = []
    seen: set[str] = set()
    for path in paths:
        for note in read_corpus(path):
            if note.id in seen:
                raise CorpusError(f"{path}: duplicate note id {note.id}")
            seen.add(note.id)
            notes.append(note)
    return notes


def split(notes: Iterable[GoldNote]) -> tuple[list[GoldNote], list[GoldNote]]:
    """(training notes, held-out notes)."""
    train, held = [], []
    for note in notes:
        (held if is_heldout(note.id) else train).append(note)
    return train, held


def _note(el: etree._Element, note_id: str, source: str) -> GoldNote:
    parts: list[str] = [el.text or ""]
    pos = len(parts[0])
    cites: list[GoldCite] = []
    prefixes: list[tuple[int, int]] = []
    for child in el:
        start = pos
        if child.tag == "cite":
            fields: list[FieldSpan] = []
            inner = [child.text or ""]
            pos += len(inner[0])
            for field in child:
                if field.tag not in FIELD_TAGS:
                    raise CorpusError(
                        f"{note_id}: unknown field tag <{field.tag}> "
                        "(the tags are listed in the corpus README)"
                    )
                text = "".join(field.itertext())
                fields.append(FieldSpan(str(field.tag), pos, pos + len(text)))
                inner.append(text)
                pos += len(text)
                inner.append(field.tail or "")
                pos += len(field.tail or "")
            parts.append("".join(inner))
            cites.append(GoldCite(start, pos, child.get("type") or "document", tuple(fields)))
        elif child.tag == "prefix":
            text = "".join(child.itertext())
            parts.append(text)
            pos += len(text)
            prefixes.append((start, pos))
        else:
            raise CorpusError(f"{note_id}: unexpected <{child.tag}> in a note")
        parts.append(child.tail or "")
        pos += len(child.tail or "")
    return GoldNote(note_id, source, "".join(parts), tuple(cites), tuple(prefixes))


def iter_fields(note: GoldNote) -> Iterator[tuple[GoldCite, FieldSpan]]:
    for cite in note.cites:
        for field in cite.fields:
            yield cite, field
