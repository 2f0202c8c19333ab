"""The house style of the Békés paper renders the paper's own references as its notes do.

styles/footcite-central-european-notes.csl writes "Author: Title. Place, Publisher, Year." with
full page ranges. Here the references footcite parsed from the paper are rendered in it, cite by
cite, and compared with the original note text (spacing, dash and quote variants folded): the
paper itself is not consistent (p.59 / p. 393 / 163-204 pp.), so the comparison is a similarity,
with exact matches required where the paper follows its own pattern.
"""

from __future__ import annotations

import re
import statistics

import pytest
from rapidfuzz import fuzz

from footcite.formats.positions import Cite, CitingNote
from footcite.formats.render import citing_notes, render_items

STYLE = "footcite-central-european-notes"


def fold(text: str) -> str:
    text = re.sub(r"[–—-]", "-", text)
    text = re.sub(r"[“”\"]", "", text)
    text = re.sub(r"\b(pp?)\.\s*", r"\1. ", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(".").lower()


@pytest.fixture(scope="module")
def rendered_cites(bekes_result):
    items = [ref.to_csl() for ref in bekes_result.references]
    originals = {note.number: note.text for note in bekes_result.notes}
    out = []
    for note in citing_notes(bekes_result.notes):
        for cite in note.cites:
            alone = CitingNote(note.number, (Cite(cite.id, cite.locator, cite.label),))
            result = render_items(items, [alone], style=STYLE, bibliography=False)
            assert not result.diagnostics
            out.append((note.number, result.notes[0].text, originals[note.number]))
    return out


def test_cites_look_like_the_original_notes(rendered_cites):
    scores = [
        fuzz.partial_ratio(fold(ours), fold(original)) for _, ours, original in rendered_cites
    ]
    assert len(scores) >= 40
    assert statistics.median(scores) >= 88
    assert sum(s >= 90 for s in scores) >= len(scores) // 2


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (3, "William H. Hyland: The Cold War. Fifty Years of Conflict. Times Books, 1990, p. 59."),
        (
            15,
            "Bennett Kovrig: Of Walls and Bridges: The United States and Eastern Europe. New York, "
            "New York University Press, 1991.",
        ),
        (
            17,
            "Bence Kovrig: “Liberators: the superpowers and Hungary in 1956”. In Hungary and the "
            "Superpowers in the 20th century. Ed. Ignác Romsics. Budapest, László Teleki "
            "Foundation, 1995.",
        ),
        (
            2,
            "Vojtech Mastny: The Cold War and Soviet Insecurity: The Stalin Years. New York, 1996.",
        ),
    ],
)
def test_the_pattern_of_the_paper(rendered_cites, number, expected):
    ours = [text for n, text, _ in rendered_cites if n == number]
    assert expected in ours
    original = next(o for n, _, o in rendered_cites if n == number)
    core = fold(expected.split(", p")[0])
    assert core in fold(original)


def test_house_style_bibliography(bekes_result):
    result = render_items(
        [r.to_csl() for r in bekes_result.references], citing_notes(bekes_result.notes), style=STYLE
    )
    assert len(result.bibliography) == len(bekes_result.references)
    kovrig = [e for e in result.bibliography if e.startswith("Bennett Kovrig: Of Walls")]
    assert kovrig == [
        "Bennett Kovrig: Of Walls and Bridges: The United States and Eastern Europe. New York, "
        "New York University Press, 1991."
    ]
