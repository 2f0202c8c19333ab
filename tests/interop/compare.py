"""footcite against citeproc-js on the reference set: which notes and entries differ.

    .venv/bin/python -m tests.interop.compare [STYLE ...]

prints, for each style (default: chicago-notes-bibliography,
chicago-notes-bibliography-subsequent-ibid and the house style), the share of notes and entries
footcite renders exactly as citeproc-js, then every difference. The test
`tests/interop/test_citeproc_js.py` asserts the shares.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from footcite.formats.positions import Cite, CitingNote
from footcite.formats.render import render_items
from tests.interop import citeprocjs

DATA = Path(__file__).resolve().parent / "data"
DATASETS = ("bekes", "references")
STYLES = (
    "chicago-notes-bibliography",
    "chicago-notes-bibliography-subsequent-ibid",
    "footcite-central-european-notes",
)


def load(name: str) -> tuple[list[dict[str, Any]], list[CitingNote]]:
    """A dataset's items and its notes (as position input)."""
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    notes = [
        CitingNote(n["number"], tuple(Cite(**c) for c in n["cites"]), name) for n in data["notes"]
    ]
    return data["items"], notes


@attrs.frozen
class Comparison:
    style: str
    notes: int
    same_notes: int
    entries: int
    same_entries: int
    differences: tuple[tuple[str, str, str], ...]  # (where, footcite, citeproc-js)

    @property
    def note_agreement(self) -> float:
        return self.same_notes / self.notes if self.notes else 1.0


def compare(style: str, datasets: Sequence[str] = DATASETS) -> Comparison:
    """Render every dataset with both engines and compare note by note, entry by entry."""
    notes = same_notes = entries = same_entries = 0
    differences: list[tuple[str, str, str]] = []
    for name in datasets:
        items, citing = load(name)
        ours = render_items(items, citing, style=style)
        theirs = citeprocjs.run(items, citing, style)
        js_notes = {n["number"]: n["text"] for n in theirs["notes"]}
        py_notes = {n.number: n.text for n in ours.notes}
        for note in citing:
            notes += 1
            py, js = py_notes.get(note.number, ""), js_notes.get(note.number, "")
            if py == js:
                same_notes += 1
            else:
                differences.append((f"{name} note {note.number}", py, js))
        for k in range(max(len(ours.bibliography), len(theirs["bibliography"]))):
            entries += 1
            py = ours.bibliography[k] if k < len(ours.bibliography) else ""
            js = theirs["bibliography"][k] if k < len(theirs["bibliography"]) else ""
            if py == js:
                same_entries += 1
            else:
                differences.append((f"{name} bibliography entry {k + 1}", py, js))
    return Comparison(style, notes, same_notes, entries, same_entries, tuple(differences))


def main(argv: Sequence[str]) -> int:
    reason = citeprocjs.available()
    if reason:
        print(f"citeproc-js cannot run: {reason}")
        return 2
    for style in argv or STYLES:
        result = compare(style)
        print(
            f"{style}: notes {result.same_notes}/{result.notes} "
            f"({100 * result.note_agreement:.1f} %), bibliography "
            f"{result.same_entries}/{result.entries}"
        )
        for where, py, js in result.differences:
            print(f"  {where}\n    footcite:    {py}\n    citeproc-js: {js}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
