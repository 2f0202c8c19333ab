"""RIS: mapping, round trips CSL -> RIS -> CSL, and malformed input."""

from __future__ import annotations

import contextlib
import json

import pytest
import rispy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcite.diagnostics import FormatError
from footcite.formats import ris
from footcite.formats.ris import read_ris, write_ris
from tests.unit.test_bibtex import (
    ARCHIVAL,
    BEKES_CHAPTER,
    CSL_ITEMS,
    FOLDES_HU,
    ITEMS,
    KAPLAN_CZ,
    KOVRIG,
    LOS_PL,
    NEWSPAPER,
    OREKHOVA_RU,
    REPORT,
    THESIS,
    WEBPAGE,
    canon,
)


def tags(text):
    """RIS lines of the first record as (tag, value) pairs."""
    pairs = []
    for line in text.splitlines():
        if line[2:6] == "  - ":
            pairs.append((line[:2], line[6:]))
        if line.startswith("ER  -"):
            break
    return pairs


def only_overflow_notes(diagnostics) -> bool:
    """Fields RIS has no tag for are reported (kept in the footcite-csl note), as information."""
    return all(d.code == "ris-overflow" and d.severity.value == "info" for d in diagnostics)


def one_record(item):
    result = write_ris([item])
    assert result.diagnostics == ()
    return dict(tags(result.text))


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_round_trip(item):
    result = write_ris([item])
    assert only_overflow_notes(result.diagnostics)
    back = read_ris(result.text)
    assert back.diagnostics == ()
    assert [canon(i) for i in back.items] == [canon(item)]


def test_round_trip_of_all_items_together():
    back = read_ris(write_ris(ITEMS).text)
    assert [canon(i) for i in back.items] == [canon(i) for i in ITEMS]


def test_an_item_the_writer_fails_on_costs_only_itself(monkeypatch):
    original = ris.item_to_record

    def failing(item, *args, **kwargs):
        if item.get("id") == KAPLAN_CZ["id"]:
            raise KeyError("unforeseen")
        return original(item, *args, **kwargs)

    monkeypatch.setattr(ris, "item_to_record", failing)
    result = write_ris([KOVRIG, KAPLAN_CZ, FOLDES_HU])
    failed = [d for d in result.diagnostics if d.code == "ris-item-failed"]
    assert len(failed) == 1 and failed[0].severity.value == "error"
    assert "'kaplan-1997'" in failed[0].where and "KeyError" in failed[0].message
    back = read_ris(result.text)
    assert [canon(i) for i in back.items] == [canon(KOVRIG), canon(FOLDES_HU)]


def test_ids_of_records_without_id_avoid_the_real_ones():
    """A made-up key must not push aside the ID a later record carries (found by the property)."""
    text = "TY  - BOOK\nER  - \n\nTY  - BOOK\nID  - 0\nER  - \n"
    plain = read_ris(text.replace("ID  - 0", "")).items[0]["id"]
    text = text.replace("ID  - 0", f"ID  - {plain}")
    ids = [i["id"] for i in read_ris(text).items]
    assert ids[1] == plain and ids[0] != plain


NATURAL = [
    KOVRIG,
    BEKES_CHAPTER,
    KAPLAN_CZ,
    FOLDES_HU,
    OREKHOVA_RU,
    LOS_PL,
    NEWSPAPER,
    THESIS,
    WEBPAGE,
    {k: v for k, v in ARCHIVAL.items() if k != "author"},
]


@pytest.mark.parametrize("item", NATURAL, ids=[i["id"] for i in NATURAL])
def test_natural_items_need_no_json_overflow(item):
    assert "footcite-csl" not in write_ris([item]).text


def test_kovrig_book_as_ris():
    assert write_ris([KOVRIG]).text == (
        "TY  - BOOK\n"
        "ID  - kovrig-walls-1991\n"
        "AU  - Kovrig, Bennett\n"
        "TI  - Of Walls and Bridges: The United States and Eastern Europe\n"
        "PB  - New York University Press\n"
        "CY  - New York\n"
        "PY  - 1991\n"
        "ER  - \n"
    )


def test_written_ris_is_read_by_plain_rispy():
    (record,) = rispy.loads(write_ris([BEKES_CHAPTER]).text)
    assert record["type_of_reference"] == "CHAP"
    assert record["authors"] == ["Békés, Csaba"]
    assert record["secondary_authors"] == ["Gaddis, John Lewis", "Rainer, János M."]
    assert record["secondary_title"].startswith("Reviewing the Cold War")
    assert (record["start_page"], record["end_page"]) == ("213", "233")


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (KAPLAN_CZ, {"TY": "JOUR", "T2": "Soudobé dějiny", "IS": "2", "DA": "1997/06//"}),
        (NEWSPAPER, {"TY": "NEWS", "T2": "Népszabadság", "DA": "1989/06/17/", "SP": "1"}),
        (THESIS, {"TY": "THES", "M3": "PhD dissertation", "PB": "Univerzita Karlova"}),
        (REPORT, {"TY": "RPRT", "T3": "CWIHP Working Paper", "IS": "16"}),
        (WEBPAGE, {"TY": "ELEC", "Y2": "2023/01/05"}),
        (OREKHOVA_RU, {"A2": "Середа, В. Т.", "CY": "Москва", "LA": "ru"}),
        (
            ARCHIVAL,
            {
                "TY": "MANSCPT",
                "DB": "Hungarian National Archives",
                "AN": "XIX-J-1-j, 00183/13/1953",
                "CY": "Budapest",
                "T3": "Foreign Ministry, Great Britain, Top Secret documents",
                "AU": "Hungarian Legation in London",
            },
        ),
    ],
)
def test_tags(item, expected):
    record = dict(tags(write_ris([item]).text))
    assert {tag: record.get(tag) for tag in expected} == expected


def test_names():
    item = {
        "id": "n",
        "type": "book",
        "author": [
            {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
            {"literal": "Hungarian National Archive"},
            {"family": "Plato"},
        ],
    }
    text = write_ris([item]).text
    assert [v for t, v in tags(text) if t == "AU"] == [
        "van Gogh, Vincent",
        "King, Martin Luther, Jr.",
        "Hungarian National Archive",
        "Plato,",
    ]
    assert "footcite-csl" not in text
    assert canon(read_ris(text).items[0]) == canon(item)


def test_values_with_line_breaks_go_to_the_overflow_note():
    item = {**KOVRIG, "note": "line one\nline two\nER  - ", "title": "Title\r\nTY  - JOUR"}
    text = write_ris([item]).text
    starts = [line[:6] for line in text.splitlines()]
    assert starts.count("TY  - ") == 1 and starts.count("ER  - ") == 1
    assert "N1  - footcite-csl: " in text
    assert canon(read_ris(text).items[0]) == canon(item)


def test_shared_ids_are_written_unique_and_read_back_shared():
    first, second = {**KOVRIG, "id": "same"}, {**BEKES_CHAPTER, "id": "same"}
    text = write_ris([first, second]).text
    assert [v for t, v in tags(text.split("\n\n")[1]) if t == "ID"] == ["same-2"]
    assert [i["id"] for i in read_ris(text).items] == ["same", "same"]


def test_records_without_id_get_a_key_as_id():
    result = read_ris(
        "TY  - BOOK\nAU  - Kovrig, Bennett\nTI  - Of Walls and Bridges\nPY  - 1991\nER  - \n"
    )
    assert result.items[0]["id"] == "kovrigWallsBridges1991"


def test_reading_foreign_ris():
    text = (
        "TY  - JOUR\r\n"
        "AU  - Borhi, László\r\n"
        "T1  - Rollback, Liberation, Containment, or Inaction?\r\n"
        "JO  - Journal of Cold War Studies\r\n"
        "VL  - 1\r\nIS  - 3\r\nSP  - 67\r\nEP  - 110\r\n"
        "PY  - 1999///\r\n"
        "SN  - 1520-3972\r\n"
        "KW  - Cold War\r\nKW  - Hungary\r\n"
        "N1  - first note\r\n"
        "M1  - something\r\n"
        "ER  - \r\n"
    )
    result = read_ris(text)
    (item,) = result.items
    assert item["title"] == "Rollback, Liberation, Containment, or Inaction?"
    assert item["container-title"] == "Journal of Cold War Studies"
    assert item["issued"] == {"date-parts": [[1999]]}
    assert item["page"] == "67-110"
    assert item["ISSN"] == "1520-3972"
    assert item["keyword"] == "Cold War, Hungary"
    assert item["note"] == "first note"
    assert item["custom"] == {"ris-tags": {"M1": "something"}}
    assert [d.code for d in result.diagnostics] == ["ris-extra-tags"]


MALFORMED = [
    ("truncated", "TY  - BOOK\nAU  - Kovrig, Bennett\nTI  - Of Walls", 1, "ris-truncated"),
    ("two-truncated", "TY  - BOOK\nTI  - A\nTY  - JOUR\nTI  - B\nER  - \n", 2, "ris-truncated"),
    ("stray-text", "junk\nTY  - BOOK\nTI  - A\nER  - \nmore junk\n", 1, "ris-stray-text"),
    ("repeated-tag", "TY  - BOOK\nTI  - A\nTI  - B\nER  - \n", 1, "ris-repeated-tag"),
    (
        "duplicate-id",
        "TY  - BOOK\nID  - a\nER  - \nTY  - BOOK\nID  - a\nER  - \n",
        2,
        "ris-duplicate-id",
    ),
    ("bad-overflow", "TY  - BOOK\nN1  - footcite-csl: {oops\nER  - \n", 1, "ris-bad-overflow"),
    ("deep-overflow", "TY  - BOOK\nN1  - footcite-csl: " + "[" * 99999, 1, "ris-bad-overflow"),
    ("unknown-tags", "TY  - XXXX\nZZ  - what\nER  - \n", 1, "ris-extra-tags"),
    ("empty", "", 0, "ris-empty"),
]


@pytest.mark.parametrize(
    ("text", "count", "code"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_malformed_input_gives_diagnostics_and_keeps_records(text, count, code):
    result = read_ris(text)
    assert len(result.items) == count
    assert code in [d.code for d in result.diagnostics]


def test_truncated_record_keeps_what_was_read():
    result = read_ris("TY  - BOOK\nAU  - Kovrig, Bennett\nTI  - Of Walls")
    assert result.items[0]["title"] == "Of Walls"
    assert result.diagnostics[0].where == "record at line 1"


@pytest.mark.parametrize("text", ["hello world", "ER  - \n", "AU  - Kovrig, Bennett\n"])
def test_unreadable_input_raises_format_error(text):
    with pytest.raises(FormatError, match="not RIS"):
        read_ris(text)


def test_every_cut_of_a_written_file_reads_or_raises_format_error():
    text = write_ris([BEKES_CHAPTER, ARCHIVAL]).text
    for cut in range(len(text)):
        for piece in (text[:cut], text[cut:]):
            with contextlib.suppress(FormatError):
                read_ris(piece)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CSL_ITEMS, max_size=4))
def test_any_items_round_trip(items):
    result = write_ris(items)
    assert only_overflow_notes(result.diagnostics)
    back = read_ris(result.text)
    assert [canon(i) for i in back.items] == [canon(i) for i in items]


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(["TY  - BOOK", "TY  - ", "ER  - ", "AU  - ", "N1  - footcite-csl: {"])
        | st.text(max_size=12),
        max_size=12,
    ).map("\n".join)
)
def test_malformed_text_never_raises_anything_but_format_error(text):
    try:
        result = read_ris(text)
    except FormatError:
        return
    json.dumps(result.items)
