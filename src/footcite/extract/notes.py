"""Find the numbered notes of a plain-text paper and split them from the body.

A note starts with its number at the start of a line, the text following after spaces or glued
to it ("2Parallel with ..."). Page numbers, years and numbered lists also start lines, so the
notes are taken to be the longest run of such lines numbered n, n+1, n+2, ... in order; that
run is robust to a cut-off last note, stray page numbers and notes that wrap over many lines.
The text before the first note is the body (endnote layout); a file that is nothing but the
run is a notes-only file.
"""

from __future__ import annotations

import re

import attrs

from footcite import diagnostics as diag
from footcite.extract import lines as L
from footcite.model import Span

_NOTE_START = re.compile(
    r"^[ \t]*(?P<num>\d{1,3})(?!\d)"
    r"(?:[.)][ \t]+|[ \t]+|(?=[A-ZÀ-ÖØ-Þ“\"‘'„«(\[ŐŰČŠŽŘĽ]))(?P<rest>\S.*)$"
)
MAX_NOTES = 5000


@attrs.frozen
class RawNote:
    """A note's number, folded text, and the span of its lines in the cleaned source."""

    number: int
    text: str
    span: Span


@attrs.frozen
class Split:
    """The body and the raw notes of one text, with what was noticed on the way."""

    body_lines: tuple[str, ...]
    notes: tuple[RawNote, ...]
    layout: str
    diagnostics: tuple[diag.Diagnostic, ...]


def _candidates(lines: list[str]) -> list[tuple[int, int]]:
    found = []
    for i, line in enumerate(lines):
        m = _NOTE_START.match(line)
        if m:
            n = int(m.group("num"))
            if 0 < n <= MAX_NOTES:
                found.append((i, n))
    return found


def _longest_run(cands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of candidates numbered consecutively, in line order.

    For each candidate the best chain ending there extends the best chain ending at the latest
    earlier candidate numbered one less; ties prefer the chain that starts at 1 and then the
    later one (notes follow the body).
    """
    best_end: dict[int, tuple[int, int]] = {}  # number -> (length, index in cands)
    prev: dict[int, int | None] = {}
    length: dict[int, int] = {}
    for k, (_line, n) in enumerate(cands):
        before = best_end.get(n - 1)
        if before is not None:
            length[k] = before[0] + 1
            prev[k] = before[1]
        else:
            length[k] = 1
            prev[k] = None
        current = best_end.get(n)
        if current is None or length[k] >= current[0]:
            best_end[n] = (length[k], k)
    if not cands:
        return []

    def score(k: int) -> tuple[int, int, int]:
        start = k
        while prev[start] is not None:
            start = prev[start]  # type: ignore[assignment]
        return (length[k], 1 if cands[start][1] == 1 else 0, k)

    end = max(range(len(cands)), key=score)
    chain = [end]
    while prev[chain[-1]] is not None:
        chain.append(prev[chain[-1]])  # type: ignore[arg-type]
    return [cands[k] for k in reversed(chain)]


def split_notes(text: str, name: str = "<text>") -> Split:
    """Split a cleaned text into body lines and numbered notes."""
    problems: list[diag.Diagnostic] = []
    raw_lines = text.split("\n")
    lines, dropped = L.drop_cover(raw_lines)
    if dropped:
        problems.append(diag.info("extract-cover", f"dropped a {dropped}-line cover page", name))
    lines, cut = L.drop_comments(lines)
    if cut:
        problems.append(
            diag.info("extract-comments", f"dropped {cut} lines of reader comments", name)
        )
    lines = L.join_broken_superscripts(lines)
    run = _longest_run(_candidates(lines))
    if len(run) < 2 and not (len(run) == 1 and run[0][1] == 1):
        return Split(tuple(lines), (), "no-notes", tuple(problems))
    starts = [i for i, _ in run]
    numbers = [n for _, n in run]
    if numbers[0] != 1:
        problems.append(
            diag.warning("extract-first-note", f"notes start at {numbers[0]}, not 1", name)
        )
    notes: list[RawNote] = []
    offsets = _line_offsets(lines)
    for pos, (start, number) in enumerate(run):
        end = starts[pos + 1] if pos + 1 < len(starts) else len(lines)
        chunk = lines[start:end]
        first = _NOTE_START.match(chunk[0])
        assert first is not None
        chunk = [first.group("rest"), *chunk[1:]]
        kept = [line for line in chunk if not L.is_page_junk(line)]
        body = L.fold(kept)
        span = Span(offsets[start], offsets[end] if end < len(offsets) else offsets[-1])
        notes.append(RawNote(number=number, text=body, span=span))
    if notes and _looks_truncated(notes[-1].text):
        problems.append(
            diag.warning(
                "extract-note-truncated",
                f"note {notes[-1].number} seems cut off: it ends mid-sentence",
                name,
            )
        )
    body_lines = lines[: starts[0]]
    has_body = any(line.strip() and not L.is_page_junk(line) for line in body_lines)
    layout = "endnotes" if has_body else "notes-only"
    return Split(tuple(body_lines), tuple(notes), layout, tuple(problems))


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def _looks_truncated(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in ".!?)]”\"'’»" and not stripped[-1].isdigit()
