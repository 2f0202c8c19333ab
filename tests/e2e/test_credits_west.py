"""Photo credits and "writes X" in a web article (the second seed) become citable sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from footcite.archives import resolve
from footcite.extract.credits import credit_citations, credit_fields, find_credits
from footcite.pipeline import parse_text, run

WEST = Path(__file__).resolve().parents[2] / "examples" / "west-1956-article.txt"


@pytest.fixture(scope="module")
def west():
    return run([WEST])


def _credit_notes(result):
    return [
        n
        for n in result.notes
        if n.call is not None and n.call.marker in ("Photo", "Source", "writes")
    ]


def test_credit_lines_become_notes_with_their_captions(west) -> None:
    notes = _credit_notes(west)
    assert [n.text for n in notes] == [
        "Photo: Wikimedia Commons/Fortepan/Hofbauer Róbert",
        "writes numizmatikamagyarorszag.hu",
        "Source: Wikimedia Commons/Fortepan/Nagy Gyula",
        "Photo: Wikimedia Commons/Fortepan/Nagy Gyula",
    ]
    assert notes[0].call.sentence == "The head of the Stalin statue in Budapest rolls away."
    assert notes[0].call.sentence in west.documents[0].body


def test_photo_credit_is_a_graphic_kept_by_fortepan(west) -> None:
    (cit,) = credit_citations(_credit_notes(west)[0])
    fields = cit.fields_json()
    assert fields["type"] == "graphic"
    assert fields["archive"] == "Fortepan"
    assert fields["source"] == "Wikimedia Commons"
    assert fields["custom"]["donor"] == "Hofbauer Róbert"
    assert fields["title"] == "The head of the Stalin statue in Budapest rolls away"


def test_writes_x_is_a_web_source(west) -> None:
    (cit,) = credit_citations(_credit_notes(west)[1])
    fields = cit.fields_json()
    assert fields["type"] == "webpage"
    assert fields["title"] == "numizmatikamagyarorszag.hu"


def test_audit_resolves_photo_archive(west) -> None:
    audit = resolve(west)
    photos = [e for e in audit.entries if e.kind == "photo"]
    assert len(photos) == 3
    assert {e.repository.id for e in photos} == {"hu-fortepan"}
    assert [e.location["donor"] for e in photos] == ["Hofbauer Róbert", "Nagy Gyula", "Nagy Gyula"]
    assert all(e.location["source"] == ["Wikimedia Commons"] for e in photos)


def test_text_without_notes_gets_credit_notes_and_no_warning() -> None:
    result = parse_text(
        "A title\n\nA tank in Budapest.\nA tank. Photo: Fortepan/Nagy Gyula\n", "web.txt"
    )
    assert [n.text for n in result.notes] == ["Photo: Fortepan/Nagy Gyula"]
    assert "extract-no-notes" not in {d.code for d in result.diagnostics}


def test_paper_without_credits_is_unchanged(bekes_result) -> None:
    assert [n.number for n in bekes_result.notes] == list(range(1, 24))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "A march. Photo: Fortepan / Kovács Péter",
            {"archive": "Fortepan", "donor": "Kovács Péter"},
        ),
        ("Ruins. Photo: John Smith", {"author": [{"family": "Smith", "given": "John"}]}),
        ("Tank. Source: Wikimedia Commons", {"archive": "Wikimedia Commons"}),
    ],
)
def test_credit_roles(line: str, expected: dict) -> None:
    (credit,) = find_credits(line)
    fields = credit_fields(credit)
    for key, want in expected.items():
        got = fields["custom"].get(key) if key == "donor" else fields.get(key)
        assert got == want, (key, fields)


def test_archival_and_credit_items_are_valid_csl_json(shared_data, west, bekes_result) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import json

    schema = json.loads((shared_data / "csl-schema" / "csl-data.json").read_text("utf-8"))
    items = [r.to_csl() for r in bekes_result.references if r.fields.get("archive")]
    for note in west.notes:
        items += [{"id": c.id, **c.fields_json()} for c in credit_citations(note)]
    assert len(items) >= 20
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(items))
    assert not errors, [e.message for e in errors[:3]]


def test_three_photographs_are_three_references():
    from footcite.pipeline import run
    from tests.conftest import EXAMPLES

    result = run([EXAMPLES / "west-1956-article.txt"])
    photos = [r for r in result.references if r.type == "graphic"]
    assert len(photos) == 3
    assert len({r.fields.get("title") for r in photos}) == 3
    assert all(r.fields.get("archive") == "Fortepan" for r in photos)
