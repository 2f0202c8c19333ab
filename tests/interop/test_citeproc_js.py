"""footcite renders notes as citeproc-js (the reference CSL engine) renders them.

The reference set (tests/interop/data: the Békés paper's references and notes, and 82 works of
every kind cited in 215 notes) is rendered by both engines; the notes must agree for at least
98 % (`python -m tests.interop.compare` lists the differences). The position cases cover every
CSL 1.0.2 position rule and must agree exactly.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from footcite.formats.positions import Cite, CitingNote
from footcite.formats.render import render_items
from tests.interop import citeprocjs
from tests.interop.compare import STYLES, compare

TEST_STYLE = str(Path(__file__).resolve().parent / "data" / "positions-test.csl")
ITEMS = [
    {
        "id": "a",
        "type": "book",
        "title": "Of Walls and Bridges",
        "author": [{"family": "Kovrig", "given": "Bennett"}],
        "publisher": "NYU Press",
        "issued": {"date-parts": [[1991]]},
    },
    {
        "id": "b",
        "type": "article-journal",
        "title": "Germany and the Cold War",
        "author": [{"family": "Hershberg", "given": "James G."}],
        "container-title": "CWIHP Bulletin",
        "issue": "4",
        "page": "101-154",
        "issued": {"date-parts": [[1994]]},
    },
    {
        "id": "c",
        "type": "manuscript",
        "title": "Cabinet Conclusions",
        "archive": "Public Record Office",
        "archive-place": "London",
        "archive_location": "CAB 128/30",
        "issued": {"date-parts": [[1956, 11, 1]]},
    },
]


def _note(number: int, *cites: tuple) -> CitingNote:
    return CitingNote(number, tuple(Cite(*c) for c in cites))


POSITION_CASES = {
    "first": [_note(1, ("a",))],
    "subsequent": [_note(1, ("a",)), _note(2, ("b",)), _note(3, ("a", "5", "page"))],
    "ibid": [_note(1, ("a",)), _note(2, ("a",))],
    "ibid same locator": [_note(1, ("a", "12", "page")), _note(2, ("a", "12", "page"))],
    "ibid-with-locator": [_note(1, ("a",)), _note(2, ("a", "12", "page"))],
    "ibid other locator": [_note(1, ("a", "12", "page")), _note(2, ("a", "13", "page"))],
    "locator then none": [_note(1, ("a", "12", "page")), _note(2, ("a",))],
    "other label": [_note(1, ("c", "3", "folio")), _note(2, ("c", "3", "page"))],
    "near-note": [_note(1, ("a",)), _note(2, ("b",)), _note(4, ("a",))],
    "far-note": [_note(1, ("a",)), _note(2, ("b",)), _note(9, ("a",))],
    "near-note distance edge": [
        _note(1, ("a",)),
        _note(2, ("b",)),
        _note(4, ("a",)),
        _note(5, ("b",)),
    ],
    "first-reference-note-number": [
        _note(3, ("a",)),
        _note(4, ("b",)),
        _note(11, ("a", "2", "page")),
    ],
    "several cites in one note": [_note(1, ("a",), ("b", "110", "page")), _note(2, ("b",))],
    "same work twice in a note": [_note(1, ("b",), ("b", "102", "page"), ("a",)), _note(2, ("a",))],
    "ibid of the second cite": [_note(1, ("a",), ("b",)), _note(2, ("a",), ("b",))],
    "uncited notes in between": [_note(1, ("a", "4", "page")), _note(8, ("a", "4", "page"))],
    "one uncited note": [_note(1, ("a",)), _note(3, ("a",))],
    "prefixed ibid": [_note(1, ("a",)), _note(2, ("a", "9", "page", "See"))],
    "suffix": [_note(1, ("a", None, None, None, "and passim")), _note(2, ("a",))],
    "archival ibid": [
        _note(1, ("c",)),
        _note(2, ("c", "2", "folio")),
        _note(3, ("c", "2", "folio")),
    ],
}


def _all_cases() -> tuple[list[dict], list[CitingNote], dict[int, str]]:
    """Every case in one document: each with its own copies of the works and note numbers
    1000 apart, so no position reaches from one case into another."""
    items: list[dict] = []
    notes: list[CitingNote] = []
    owner: dict[int, str] = {}
    for k, case in enumerate(sorted(POSITION_CASES)):
        items += [{**item, "id": f"{k}-{item['id']}"} for item in ITEMS]
        for note in POSITION_CASES[case]:
            number = 1000 * (k + 1) + note.number
            cites = tuple(attrs.evolve(c, id=f"{k}-{c.id}") for c in note.cites)
            notes.append(CitingNote(number, cites))
            owner[number] = case
    return items, notes, owner


_RESULTS: dict[str, tuple[dict[str, list[str]], dict[str, list[str]]]] = {}


def _rendered(style: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    if style not in _RESULTS:
        items, notes, owner = _all_cases()
        ours: dict[str, list[str]] = {}
        theirs: dict[str, list[str]] = {}
        for note in render_items(items, notes, style=style, bibliography=False).notes:
            ours.setdefault(owner[note.number], []).append(note.text)
        for note in citeprocjs.run(items, notes, style, bibliography=False)["notes"]:
            theirs.setdefault(owner[note["number"]], []).append(note["text"])
        _RESULTS[style] = (ours, theirs)
    return _RESULTS[style]


@pytest.mark.parametrize("style", [TEST_STYLE, "chicago-notes-bibliography-subsequent-ibid"])
@pytest.mark.parametrize("case", sorted(POSITION_CASES))
def test_position_case_renders_as_citeproc_js(citeproc_js, case, style):
    ours, theirs = _rendered(style)
    assert ours[case] == theirs[case]
    assert len(ours[case]) == len(POSITION_CASES[case])


@pytest.mark.parametrize("style", STYLES)
def test_reference_set_agrees_with_citeproc_js(citeproc_js, style):
    result = compare(style)
    assert result.notes >= 200
    listed = "\n".join(
        f"{w}\n  footcite:    {p}\n  citeproc-js: {j}" for w, p, j in result.differences
    )
    assert result.note_agreement >= 0.98, listed
    assert result.same_entries / result.entries >= 0.98, listed
