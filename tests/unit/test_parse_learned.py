"""The learned parse of a note, its CSL normalizers and its rule fallback."""

from __future__ import annotations

import pytest

from footcite.model import Note
from footcite.parse.learned import find_citations, predict
from footcite.parse.note import parse_note
from footcite.parse.overrule import collection_list, no_work
from footcite.parse.tagger import Tagged
from footcite.parse.tocsl import clean, parse_date, to_csl


def _note(text: str):
    return parse_note(Note(number=1, text=text))[0].citations


@pytest.mark.parametrize(
    ("text", "parts", "season"),
    [
        ("19 May 1952,", [1952, 5, 19], None),
        ("May 19, 1952", [1952, 5, 19], None),
        ("1956. június 30.", [1956, 6, 30], None),
        ("30. 10. 1956,", [1956, 10, 30], None),
        ("21 X 1956,", [1956, 10, 21], None),
        ("Fall, 1994.", [1994], "Fall"),
        ("1997.", [1997], None),
    ],
)
def test_parse_date(text, parts, season):
    got = parse_date(text)
    assert got is not None and got["date-parts"] == [parts]
    assert got.get("season") == season


def test_clean_drops_separators_only():
    assert clean("Kovrig,") == "Kovrig"
    assert clean("Washington D.C.") == "Washington D.C"
    assert clean(". CWIHP Bulletin,") == "CWIHP Bulletin"


def _spans(text: str, parts: list[tuple[str, str]]) -> list[Tagged]:
    out, at = [], 0
    for label, piece in parts:
        at = text.index(piece, at)
        out.append(Tagged(label, at, at + len(piece), 1.0))
        at += len(piece)
    return out


def test_to_csl_normalizes_names_roles_pages_and_translations():
    text = (
        "Kalmár Melinda (szerk.): A politika poetikája. [Poetics of Politics.] "
        "Holmi, No.5, 1993, 201-213. pp."
    )
    spans = _spans(
        text,
        [
            ("editor", "Kalmár Melinda (szerk.):"),
            ("title", "A politika poetikája. [Poetics of Politics.]"),
            ("container-title", "Holmi,"),
            ("issue", "No.5,"),
            ("date", "1993,"),
            ("pages", "201-213. pp."),
        ],
    )
    f = to_csl(text, 0, spans).fields
    assert f["editor"] == [{"family": "Kalmár", "given": "Melinda"}]
    assert f["title"] == "A politika poetikája"
    assert f["custom"]["translated-title"] == "Poetics of Politics"
    assert f["issue"] == "5"
    assert f["page"] == "201-213"
    assert f["issued"] == {"date-parts": [[1993]]}
    assert f["type"] == "article-journal"


def test_to_csl_archival_levels_are_kept_and_joined():
    text = "MNL OL XIX-J-1-j, Lengyelország, TÜK-iratok, 7. doboz, 00412/2/1956."
    spans = _spans(
        text,
        [
            ("archive", "MNL OL"),
            ("fonds", "XIX-J-1-j,"),
            ("series", "Lengyelország,"),
            ("classification", "TÜK-iratok,"),
            ("file", "7. doboz,"),
            ("item", "00412/2/1956."),
        ],
    )
    f = to_csl(text, 0, spans).fields
    assert f["type"] == "manuscript"
    assert f["archive"] == "MNL OL"
    assert f["archive_collection"] == "XIX-J-1-j, Lengyelország, TÜK-iratok"
    assert f["archive_location"] == "7. doboz, 00412/2/1956"
    assert f["custom"]["fonds"] == "XIX-J-1-j"
    assert f["custom"]["file"] == "7. doboz"


def test_backreferences_and_locators():
    (ibid,) = _note("Ibid., p. 57.")
    assert (ibid.kind, ibid.locator, ibid.label) == ("ibid", "57", "page")
    (opcit,) = _note("Gati, op. cit., 201.")
    assert opcit.kind == "op-cit"
    assert opcit.fields_json()["author"][0]["family"] == "Gati"


def test_chicago_note_with_two_citations_and_prefix():
    cites = _note(
        "See Bennett Kovrig, Of Walls and Bridges: The United States and Eastern Europe "
        "(New York: New York University Press, 1991), 55; and Charles Gati, Failed Illusions "
        "(Stanford, CA: Stanford University Press, 2006), 176–80."
    )
    assert len(cites) == 2
    first, second = (c.fields_json() for c in cites)
    assert cites[0].prefix == "See"
    assert first["author"] == [{"family": "Kovrig", "given": "Bennett"}]
    assert first["publisher"] == "New York University Press"
    assert first["issued"] == {"date-parts": [[1991]]}
    assert cites[0].locator == "55"
    assert second["title"] == "Failed Illusions"
    assert cites[1].locator == "176-80"


def test_commentary_note_has_no_citation():
    assert _note("This chronology is generally used in international historiography.") == ()


def test_predict_spans_match_the_citations_found():
    text = "Cf. Hermann Weber: Geschichte der DDR. München: dtv 1985, S. 245."
    found = find_citations(text)
    pred = predict(text)
    assert [(f.start, f.end) for f in found] == list(pred.cites)
    assert any(tag == "author" for tag, _, _ in pred.fields)
    assert pred.prefixes and text[slice(*pred.prefixes[0])] == "Cf."


def test_rules_read_a_journal_cited_whole_only_when_the_model_is_unsure():
    sure = (Tagged("container-title", 0, 15, 0.95), Tagged("issue", 17, 25, 0.9))
    unsure = (Tagged("container-title", 0, 15, 0.74), Tagged("issue", 17, 25, 0.41))
    journal = {"container-title": "CWIHP Bulletin", "issue": "1"}
    assert not no_work(journal, "full", sure, "")
    assert no_work(journal, "full", unsure, "")
    assert not no_work({**journal, "title": "Walls"}, "full", unsure, "")
    archival = (Tagged("archive", 0, 10, 0.2), *unsure)
    assert not no_work(journal, "full", archival, "")
    # a fonds the model is unsure of ("3 (Fall, 1993) and 5" read as levels) does not make
    # the journal an archival citation; a sure one does
    assert no_work(journal, "full", (*unsure, Tagged("fonds", 30, 35, 0.43)), "")
    assert not no_work(journal, "full", (*unsure, Tagged("fonds", 30, 35, 0.9)), "")
    assert not no_work(journal, "full", (*unsure, Tagged("backref", 30, 35, 0.9)), "")
    # a list of collections: the rules' reading only when the model is unsure of the segment
    two: list = [
        ({"archive_collection": "A"}, None, None, "full", "A"),
        ({}, None, None, "full", "B"),
    ]
    assert collection_list(two, unsure) and not collection_list(two, sure)
    assert not collection_list(two[:1], unsure)
    # ... and names collections, not documents: a box, file, item or date means one document
    boxed = (*unsure, Tagged("file", 27, 35, 0.99))
    assert not collection_list(two, boxed)
    located = [two[0], ({"archive_location": "box 3"}, None, None, "full", "B")]
    assert not collection_list(located, unsure)


def test_an_author_with_no_work_after_it_is_a_misreading_unless_untitled_by_nature():
    note = "Bulletin (Woodrow Wilson Center for Scholars Project), Washington D.C. Nos.1-12."
    misread = (
        Tagged("author", 0, 30, 0.54),
        Tagged("interviewer", 31, 53, 0.63),
        Tagged("place", 55, 70, 0.47),
    )
    fields = {"author": [{"literal": "Bulletin"}], "publisher-place": "Washington D.C."}
    assert no_work(fields, "short", misread, note)
    interview = "Béla Király, interview by András B. Hegedűs, 1985."
    asked = (Tagged("author", 0, 12, 0.9), Tagged("interviewer", 23, 44, 0.45))
    assert not no_work({"author": [{"family": "Király"}]}, "full", asked, interview)
    thesis = {"author": [{"family": "Kis"}], "genre": "PhD diss."}
    assert not no_work(thesis, "full", misread, note)
    elliptical = {"issue": "3", "page": "87-121"}
    assert not no_work(elliptical, "full", (Tagged("issue", 0, 5, 0.4),), "no. 3 (1996): 87–121")


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "Hoover Institution Archives, Radio Free Europe Records, Corporate Files, box 212, "
            "folder 4, “Hungarian Desk: Staff 1957,” n.d.",
            "box 212, folder 4",
        ),
        (
            "George Bush Presidential Library, NSC, Brent Scowcroft Files, Subject Files, OA/ID "
            "CF00812, Scowcroft to Bush, “Meeting with Gorbachev,” Nov. 30, 1989, SECRET.",
            "OA/ID CF00812",
        ),
    ],
)
def test_one_archival_document_is_not_read_as_a_list_of_collections(text, location):
    cites = _note(text)
    assert len(cites) == 1
    assert location in cites[0].fields["archive_location"]


def test_a_series_cited_as_a_whole_is_the_work():
    text = "CWIHP Working Papers"
    assert to_csl(text, 0, [Tagged("collection-title", 0, 20, 0.8)]).fields["title"] == text
    numbered = "RFE Background Report No. 178"
    spans = [Tagged("collection-title", 0, 21, 0.8), Tagged("number", 22, 29, 0.9)]
    fields = to_csl(numbered, 0, spans).fields
    assert fields["collection-title"] == "RFE Background Report" and "title" not in fields
