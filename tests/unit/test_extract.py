"""Finding notes and their calls in texts laid out in different ways."""

from __future__ import annotations

from footcite.extract.calls import build_body, find_calls
from footcite.extract.notes import split_notes
from footcite.pipeline import parse_text

PAPER = """A Title of the Paper1

Some body text that goes on for a while and mentions 1956 and 1953 as years, which are
not calls.2 Another sentence that is long enough to be a typical line of the body text here,
ending with a call after a full stop.3 A page number follows.

2

The last paragraph of the body is here, with a glued call in the middle of it,4 and more text.

1 Bennett Kovrig: Of Walls and Bridges. New York, New York University Press, 1991.
2Parallel notes can be glued to their number, see John Lewis Gaddis: We Now Know.
New York, 1997.
3 This chronology is generally used.
4 Ibid., p. 5.
"""


def test_endnotes_and_glued_markers():
    split = split_notes(PAPER)
    assert split.layout == "endnotes"
    assert [n.number for n in split.notes] == [1, 2, 3, 4]
    assert split.notes[1].text.startswith("Parallel notes can be glued")
    assert split.notes[1].text.endswith("New York, 1997.")
    body = build_body(split.body_lines)
    calls = find_calls(body, [1, 2, 3, 4])
    assert calls[1].sentence == "A Title of the Paper"
    assert calls[2].sentence.endswith("which are not calls.")
    assert calls[3].sentence.startswith("Another sentence")
    assert "glued call in the middle of it, and more text" in calls[4].sentence


def test_notes_only_file():
    text = (
        "1 Bennett Kovrig: Of Walls and Bridges. New York, 1991.\n2 Ibid., p. 12.\n"
        "3 See also Hyland: The Cold War. Times Books, 1990.\n"
    )
    result = parse_text(text)
    doc = result.documents[0]
    assert doc.layout == "notes-only"
    assert [n.number for n in doc.notes] == [1, 2, 3]
    ibid = doc.notes[1].citations[0]
    assert ibid.kind == "ibid" and ibid.locator == "12"
    assert ibid.reference_id == doc.notes[0].citations[0].reference_id
    assert ibid.resolves_to == doc.notes[0].citations[0].id


def test_wrapped_hyphenated_lines_are_folded():
    text = (
        "1 A study of co-\noperation and of the mid-nineteen-\nsixties. "
        "London, Routledge, 1990.\n2 Second note.\n"
    )
    split = split_notes(text)
    assert (
        split.notes[0].text
        == "A study of co-operation and of the mid-nineteen-sixties. London, Routledge, 1990."
    )


def test_broken_superscript_is_rejoined():
    text = "1 In Hungary and the Superpowers in the 20\nth\n century. Budapest, 1995.\n2 Other.\n"
    split = split_notes(text)
    assert "the 20th century." in split.notes[0].text


def test_text_without_notes_is_reported():
    result = parse_text("Just a paragraph of prose without any notes at all.\n")
    assert result.notes == ()
    assert any(d.code == "extract-no-notes" for d in result.diagnostics)


def test_cover_page_is_dropped():
    text = (
        "See discussions, stats, and author profiles for this publication at: https://www.researchgate.net/x\n"
        "Title1\nCITATIONS\n\n1\nREADS\n\n501\nSEE PROFILE\n"
        "https://www.researchgate.net/profile/x\n\nTitle of the paper1\n\nBody text.\n\n"
        "1 A note. New York, 1990.\n2 Another.\n"
    )
    split = split_notes(text)
    assert any(d.code == "extract-cover" for d in split.diagnostics)
    assert [n.number for n in split.notes] == [1, 2]
    assert "SEE PROFILE" not in "\n".join(split.body_lines)
