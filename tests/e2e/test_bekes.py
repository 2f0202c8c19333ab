"""The Békés paper end to end: notes found, citations and fields as written in each note."""

from __future__ import annotations

import pytest

from tests.e2e.bekes_expected import COMMENTARY_ONLY, EXPECTED, NOTE_COUNT


def _names(value):
    return [(n.get("family"), n.get("given")) for n in value or []]


def _check(expected: dict, citation) -> list[str]:
    fields = citation.fields_json()
    wrong = []
    for key, want in expected.items():
        if key == "prefix":
            got = citation.prefix
        elif key == "locator":
            got = citation.locator
        elif key == "year":
            got = (fields.get("issued") or {}).get("date-parts", [[None]])[0][0]
        elif key == "title_startswith":
            got = fields.get("title", "")
            if not got.startswith(want):
                wrong.append(f"title {got!r} does not start with {want!r}")
            continue
        elif key == "translated-title":
            got = (fields.get("custom") or {}).get("translated-title")
        elif key == "hierarchy":
            levels = (fields.get("custom") or {}).get("archive-hierarchy") or []
            got = [(lv["level"], lv["text"]) for lv in levels]
            want = [tuple(w) for w in want]
        elif key == "contributor_includes":
            if tuple(want) not in _names(fields.get("contributor")):
                wrong.append(f"contributors lack {want}")
            continue
        elif key in ("author", "editor", "translator"):
            got = _names(fields.get(key))
            want = [tuple(w) for w in want]
        else:
            got = fields.get(key)
        if got != want:
            wrong.append(f"{key}: got {got!r}, want {want!r}")
    return wrong


def test_note_count(bekes_result):
    numbers = [n.number for n in bekes_result.notes]
    assert numbers == list(range(1, NOTE_COUNT + 1))


def test_last_note_is_reported_cut_off(bekes_result):
    codes = {(d.code) for d in bekes_result.diagnostics}
    assert "extract-note-truncated" in codes


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_citations_of_note(bekes_result, number):
    note = bekes_result.notes[number - 1]
    expected = EXPECTED[number]
    got = [c for c in note.citations]
    assert len(got) == len(expected), [c.text for c in got]
    problems = {i: _check(e, c) for i, (e, c) in enumerate(zip(expected, got, strict=True))}
    assert not any(problems.values()), problems


@pytest.mark.parametrize("number", COMMENTARY_ONLY)
def test_commentary_notes_have_no_citation(bekes_result, number):
    assert bekes_result.notes[number - 1].citations == ()


def test_notes_11_and_21_cite_one_reference(bekes_result):
    n11 = bekes_result.notes[10].citations[0]
    n21 = bekes_result.notes[20].citations[0]
    assert n11.reference_id == n21.reference_id
    assert (n11.locator, n21.locator) == ("393", "389")
    ref = bekes_result.reference(n11.reference_id)
    assert {n for _, n in ref.cited_in} == {11, 21}


def test_each_note_is_linked_to_its_call(bekes_result):
    calls = {n.number: n.call for n in bekes_result.notes}
    assert calls[1].sentence == "Cold War, Détente and the 1956 Hungarian Revolution"
    assert "sixties" in calls[9].sentence and calls[9].marker == "9"
    assert calls[2].sentence.endswith("played in the political changes of the last few decades.")
    assert "Pravda in February 1951" in calls[3].sentence
    assert sum(1 for c in calls.values() if c is not None) == NOTE_COUNT


def test_references_are_one_per_work(bekes_result):
    ids = [r.id for r in bekes_result.references]
    assert len(ids) == len(set(ids))
    cited = {c.reference_id for n in bekes_result.notes for c in n.citations}
    assert cited == set(ids)
