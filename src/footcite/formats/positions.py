"""CSL cite positions, computed by footcite from note numbers.

citeproc-py decides positions from the order in which citations were rendered and ignores note
numbers: the same page cited twice gave "ibid-with-locator", an Ibid. followed seven uncited
notes, `near-note` crashed and `first-reference-note-number` was never set. footcite computes
every position here, the way citeproc-js (the reference CSL engine) does, and the engine layer
(`footcite.formats.engine`) makes citeproc-py use them.

The rules (CSL 1.0.2, "Position", as citeproc-js applies them to notes):

* first: the item was not cited before in this document.
* ibid / ibid-with-locator: the cite refers to the same item as (a) the cite just before it in
  the same note, or (b) the previous citing note, when this cite opens its note, that note is
  this one's predecessor (numbers n-1 and n; a note in between that cites nothing breaks the
  chain) and it cites that item and nothing else. Then locators decide: neither has one, or
  both have the same (with the same label): ibid; the current one has a locator the previous
  lacked, or a different one: ibid-with-locator; the previous had one and this has none:
  subsequent.
* subsequent: every other repeated cite.
* near-note: a repeated cite whose item was last cited at most `distance` notes before
  (default 5, the style's `near-note-distance`); true for ibid cites too.
* first-reference-note-number: for a repeated cite, the number of the note that first cited
  the item (unset when that is the current note).

Positions restart with every document.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

FIRST = "first"
SUBSEQUENT = "subsequent"
IBID = "ibid"
IBID_WITH_LOCATOR = "ibid-with-locator"
# which position tests a position satisfies (ibid-with-locator is also ibid and subsequent)
SATISFIES = {
    FIRST: frozenset({FIRST}),
    SUBSEQUENT: frozenset({SUBSEQUENT}),
    IBID: frozenset({IBID, SUBSEQUENT}),
    IBID_WITH_LOCATOR: frozenset({IBID_WITH_LOCATOR, IBID, SUBSEQUENT}),
}
DEFAULT_NEAR_NOTE_DISTANCE = 5


@attrs.frozen
class Cite:
    """One cite in a note: the item it refers to and what the note adds around it."""

    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def pinpoint(self) -> tuple[str, str] | None:
        """The locator as citeproc-js compares it: value and label ("page" when unset)."""
        if not self.locator:
            return None
        return (self.locator, self.label or "page")


@attrs.frozen
class CitingNote:
    """A note that cites something, with its number in the document."""

    number: int
    cites: tuple[Cite, ...]
    document: str | None = None


@attrs.frozen
class Position:
    """Where a cite stands: its position, near-note and first-reference-note-number."""

    position: str
    near_note: bool = False
    first_note: int | None = None

    def matches(self, test: str) -> bool:
        """Whether a cs:if `position` test (one word) is true for this cite."""
        if test == "near-note":
            return self.position != FIRST and self.near_note
        if test == "far-note":
            return self.position == SUBSEQUENT and not self.near_note
        return test in SATISFIES[self.position]


def compute_positions(
    notes: Sequence[CitingNote], near_note_distance: int = DEFAULT_NEAR_NOTE_DISTANCE
) -> list[tuple[Position, ...]]:
    """The position of every cite of `notes` (in document order, one document per call)."""
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    result: list[tuple[Position, ...]] = []
    previous: CitingNote | None = None
    for note in notes:
        positions: list[Position] = []
        for index, cite in enumerate(note.cites):
            position = _position(note, index, previous, cite.id in first_note)
            near = False
            first = None
            if position != FIRST:
                near = note.number - last_note[cite.id] <= near_note_distance
                if first_note[cite.id] != note.number:
                    first = first_note[cite.id]
            else:
                first_note[cite.id] = note.number
            last_note[cite.id] = note.number
            positions.append(Position(position, near, first))
        result.append(tuple(positions))
        if note.cites:
            previous = note
    return result


def _position(note: CitingNote, index: int, previous: CitingNote | None, cited: bool) -> str:
    if not cited:
        return FIRST
    cite = note.cites[index]
    if index > 0:
        before = note.cites[index - 1]
        same = before.id == cite.id
    else:
        before = previous.cites[0] if previous is not None and previous.cites else None
        same = (
            before is not None
            and previous is not None
            and len(previous.cites) == 1
            and before.id == cite.id
            and previous.number >= note.number - 1
        )
    if not same or before is None:
        return SUBSEQUENT
    had, has = before.pinpoint(), cite.pinpoint()
    if had is None:
        return IBID_WITH_LOCATOR if has is not None else IBID
    if has is None:
        return SUBSEQUENT
    return IBID if has == had else IBID_WITH_LOCATOR
