"""Cite positions computed from note numbers (CSL 1.0.2 rules, as citeproc-js applies them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from footcite.formats.positions import (
    FIRST,
    IBID,
    IBID_WITH_LOCATOR,
    SUBSEQUENT,
    Cite,
    CitingNote,
    Position,
    compute_positions,
)
from footcite.formats.render import render_items

TEST_STYLE = str(Path(__file__).resolve().parent.parent / "interop" / "data" / "positions-test.csl")
ITEMS = [
    {"id": "a", "type": "book", "title": "A"},
    {"id": "b", "type": "book", "title": "B"},
    {"id": "c", "type": "book", "title": "C"},
]


def note(number: int, *cites: tuple) -> CitingNote:
    return CitingNote(number, tuple(Cite(c[0], *c[1:]) for c in cites))


def kinds(notes: list[CitingNote], distance: int = 5) -> list[list[str]]:
    return [[p.position for p in ps] for ps in compute_positions(notes, distance)]


def test_first_then_subsequent():
    assert kinds([note(1, ("a",)), note(2, ("b",)), note(3, ("a",))]) == [
        [FIRST],
        [FIRST],
        [SUBSEQUENT],
    ]


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        (None, None, IBID),
        (None, "12", IBID_WITH_LOCATOR),
        ("12", "12", IBID),  # the same page twice is ibid (citeproc-py said ibid-with-locator)
        ("12", "13", IBID_WITH_LOCATOR),
        ("12", None, SUBSEQUENT),
    ],
)
def test_ibid_and_locators(before, now, expected):
    got = kinds([note(1, ("a", before, "page")), note(2, ("a", now, "page"))])
    assert got == [[FIRST], [expected]]


def test_same_locator_with_another_label_is_ibid_with_locator():
    got = kinds([note(1, ("a", "3", "page")), note(2, ("a", "3", "folio"))])
    assert got[1] == [IBID_WITH_LOCATOR]


def test_uncited_notes_in_between_break_ibid():
    """Note 2 cites nothing: note 3's cite of the same work is subsequent, not ibid."""
    assert kinds([note(1, ("a",)), note(3, ("a",))])[1] == [SUBSEQUENT]
    assert kinds([note(1, ("a",)), note(9, ("a",))])[1] == [SUBSEQUENT]


def test_several_cites_in_one_note():
    got = kinds(
        [
            note(1, ("a",), ("b",)),
            note(2, ("b",)),  # the previous note cites two works: no ibid
            note(3, ("c",), ("c", "4"), ("a",)),  # same work twice in a row inside a note
            note(4, ("a",)),
        ]
    )
    assert got == [
        [FIRST, FIRST],
        [SUBSEQUENT],
        [FIRST, IBID_WITH_LOCATOR, SUBSEQUENT],
        [SUBSEQUENT],
    ]


def test_ibid_only_for_the_first_cite_of_a_note():
    got = kinds([note(1, ("a",)), note(2, ("b",), ("a",))])
    assert got[1] == [FIRST, SUBSEQUENT]


def test_near_note_and_first_reference_note_number():
    notes = [note(1, ("a",)), note(2, ("b",)), note(4, ("a",)), note(20, ("a",))]
    got = compute_positions(notes, near_note_distance=5)
    assert got[2][0] == Position(SUBSEQUENT, near_note=True, first_note=1)
    assert got[3][0] == Position(SUBSEQUENT, near_note=False, first_note=1)
    assert compute_positions(notes, near_note_distance=2)[2][0].near_note is False


def test_repeat_in_the_same_note_has_no_first_reference_number():
    got = compute_positions([note(5, ("a",), ("a", "2"))])
    assert got[0][1] == Position(IBID_WITH_LOCATOR, near_note=True, first_note=None)


@pytest.mark.parametrize(
    ("position", "tests"),
    [
        (Position(FIRST), {"first"}),
        (Position(SUBSEQUENT), {"subsequent", "far-note"}),
        (Position(SUBSEQUENT, near_note=True), {"subsequent", "near-note"}),
        (Position(IBID, near_note=True), {"ibid", "subsequent", "near-note"}),
        (
            Position(IBID_WITH_LOCATOR, True),
            {"ibid-with-locator", "ibid", "subsequent", "near-note"},
        ),
    ],
)
def test_which_tests_a_position_passes(position, tests):
    every = {"first", "subsequent", "ibid", "ibid-with-locator", "near-note", "far-note"}
    assert {t for t in every if position.matches(t)} == tests


def test_positions_restart_per_document():
    notes = [
        CitingNote(1, (Cite("a"),), "one.txt"),
        CitingNote(1, (Cite("a"),), "two.txt"),
    ]
    rendered = render_items(ITEMS, notes, style=TEST_STYLE)
    assert [n.text for n in rendered.notes] == ["A first.", "A first."]


def test_the_engine_prints_what_footcite_computed():
    notes = [
        note(1, ("a", "12", "page")),
        note(2, ("a", "12", "page")),
        note(3, ("a", "13", "page")),
        note(7, ("a",)),
        note(8, ("b",), ("a", "2", "folio")),
    ]
    rendered = render_items(ITEMS, notes, style=TEST_STYLE)
    assert [n.text for n in rendered.notes] == [
        "A first p. 12.",
        "A ibid near (n. 1) p. 12.",
        "A ibid-with-locator near (n. 1) p. 13.",
        "A subsequent far (n. 1).",
        "B first; A subsequent near (n. 1) fol. 2.",
    ]
