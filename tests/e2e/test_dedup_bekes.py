"""Deduplication acceptance on the Békés paper, across documents, and from the command line.

The Békés checks run twice: on the notes as the parser reads them, and on documents built from
the fields a reader finds in the notes (`bekes_expected.py`), so that what deduplication
promises is tested even while the parser changes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from footcite.cli import main
from footcite.dedup.documents import assign_references
from footcite.dedup.persons import persons_of_items
from footcite.model import Citation, Document, Note, Result, Span
from footcite.pipeline import run_sources
from footcite.textio import normalise_text
from tests.e2e.bekes_expected import EXPECTED

WP_TITLE = "The 1956 Revolution and World Politics"
WP_SHORT = "The 1956 Hungarian Revolution in World Politics"


def _fields(expected: dict) -> dict:
    fields: dict = {"type": expected.get("type", "book")}
    for key, value in expected.items():
        if key in ("author", "editor", "translator"):
            fields[key] = [{"family": f, "given": g} for f, g in value]
        elif key == "contributor_includes":
            fields["contributor"] = [{"family": value[0], "given": value[1]}]
        elif key == "year":
            fields["issued"] = {"date-parts": [[value]]}
        elif key == "title_startswith":
            fields["title"] = value
        elif key == "translated-title":
            fields["custom"] = {"translated-title": value}
        elif key not in ("prefix", "locator", "type"):
            fields[key] = value
    return fields


def _expected_document() -> Document:
    notes = []
    for number in sorted(EXPECTED):
        cits = []
        for k, exp in enumerate(EXPECTED[number]):
            fields = _fields(exp)
            kind = "short" if fields.get("title") == WP_SHORT else "full"
            cits.append(
                Citation(
                    id=f"d-n{number}-c{k + 1}",
                    text="",
                    span=Span(0, 0),
                    fields=fields,
                    kind=kind,
                    locator=exp.get("locator"),
                )
            )
        notes.append(Note(number=number, text="", citations=tuple(cits), document="bekes"))
    return Document(name="bekes", body="", notes=tuple(notes))


@pytest.fixture(scope="module")
def expected_result() -> Result:
    docs, refs = assign_references((_expected_document(),))
    return Result(documents=docs, references=refs)


@pytest.fixture(scope="module", params=["parsed", "expected"])
def result(request, bekes_result, expected_result) -> Result:
    return bekes_result if request.param == "parsed" else expected_result


def _find(result: Result, note: int, **fields) -> Citation:
    for n in result.notes:
        if n.number == note:
            for c in n.citations:
                if all(c.fields.get(k) == v for k, v in fields.items()):
                    return c
    raise AssertionError(f"note {note} has no citation with {fields}")


def test_notes_11_and_21_are_one_reference(result):
    notes = {n.number: n for n in result.notes}
    n11, n21 = notes[11].citations[-1], notes[21].citations[0]
    assert n11.reference_id == n21.reference_id
    assert (n11.locator, n21.locator) == ("393", "389")


def test_working_paper_and_its_short_form_are_one_reference(result):
    full = _find(result, 15, title=WP_TITLE)
    short = _find(result, 17, title=WP_SHORT)
    assert full.reference_id == short.reference_id
    assert short.resolves_to == full.id
    ref = result.reference(full.reference_id)
    assert ref.fields["title"] == WP_TITLE  # the full citation's title wins
    assert WP_SHORT in ref.fields["custom"]["variants"]["title"]
    assert {n for _, n in ref.cited_in} == {15, 17}


def test_kovrig_book_and_chapter_are_two_references_by_one_person(result):
    book = _find(result, 15, title="Of Walls and Bridges: The United States and Eastern Europe")
    chapter = _find(result, 17, title="Liberators: the superpowers and Hungary in 1956")
    assert book.reference_id != chapter.reference_id
    groups = persons_of_items([r.to_csl() for r in result.references])
    kovrig = [g for g in groups if g.name.family == "Kovrig"]
    assert len(kovrig) == 1
    assert {v.given for v in kovrig[0].variants} == {"Bennett", "Bence"}
    assert {chapter.reference_id, book.reference_id} <= {o.ref for _, o in kovrig[0].occurrences}


@pytest.mark.parametrize(
    ("family", "givens"), [("Chen", {"Jian", "Chien"}), ("Dockrill", {"Sacki", "Saki"})]
)
def test_name_variants_are_one_person(result, family, givens):
    groups = [
        g
        for g in persons_of_items([r.to_csl() for r in result.references])
        if g.name.family == family
    ]
    assert len(groups) == 1
    assert {v.given for v in groups[0].variants} == givens


def test_no_other_references_are_merged(result):
    notes_of: dict[str, set[int]] = defaultdict(set)
    for note in result.notes:
        for c in note.citations:
            if c.resolves_to is None:
                notes_of[c.reference_id].add(note.number)
    shared = sorted(sorted(v) for v in notes_of.values() if len(v) > 1)
    assert shared == [[11, 21]]  # the working paper's note 17 is a resolved short form
    full = [c for n in result.notes for c in n.citations if c.resolves_to is None]
    by_ref = defaultdict(list)
    for c in full:
        by_ref[c.reference_id].append(c)
    merged = [cs for cs in by_ref.values() if len(cs) > 1]
    assert len(merged) == 1 and {c.id.split("-")[1] for c in merged[0]} == {"n11", "n21"}


def test_one_archival_record_cited_in_three_papers_in_three_languages():
    texts = {
        "en.txt": "1 National Archives, Washington, D.C., RG 59, Central Decimal Files, "
        "Box 2345, Folder 3.\n2 Ibid., p. 5.\n",
        "de.txt": "1 National Archives and Records Administration, College Park, "
        "Record Group 59, Kasten 2345, Mappe 3.\n",
        "hu.txt": "1 NARA, RG 59, 2345. doboz, 3. tétel.\n",
    }
    sources = [normalise_text(t, name) for name, t in texts.items()]
    one = run_sources(sources)
    two = run_sources(list(reversed(sources)))
    record = [r for r in one.references if {d for d, _ in r.cited_in} == set(texts)]
    assert len(record) == 1
    assert [r.to_csl() for r in one.references] == [r.to_csl() for r in two.references]


BIB = """@book{gaddis1997,
  author = {Gaddis, John Lewis},
  title = {We Now Know: Rethinking Cold War History},
  publisher = {Oxford University Press},
  year = {1997}
}
@book{kovrig1973,
  author = {Kovrig, Bennett},
  title = {The Myth of Liberation},
  year = {1973}
}
"""
RIS = """TY  - BOOK
ID  - wnk
AU  - Gaddis, J. L.
TI  - We now know
PY  - 1997
ER  -
"""
CSL = [
    {
        "id": "KovrigMyth",
        "type": "book",
        "title": "The Myth of Liberation",
        "author": [{"family": "Kovrig", "given": "Bence"}],
        "issued": {"date-parts": [[1973]]},
    }
]


def test_dedup_command_merges_mixed_formats(tmp_path, capsys):
    (tmp_path / "a.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "b.ris").write_text(RIS, encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(CSL), encoding="utf-8")
    out = tmp_path / "all.json"
    paths = [str(tmp_path / n) for n in ("a.bib", "b.ris", "c.json")]
    assert main(["dedup", *paths, "-o", str(out), "--explain"]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 2
    gaddis = next(i for i in items if i["title"].startswith("We Now Know"))
    assert gaddis["title"] == "We Now Know: Rethinking Cold War History"
    assert gaddis["author"][0]["given"] == "John Lewis"
    assert {m["source"] for m in gaddis["custom"]["merged-from"]} == {paths[0], paths[1]}
    report = capsys.readouterr().err
    assert "merged 2 records" in report and "same creator" in report
    out2 = tmp_path / "again.json"
    assert main(["dedup", *reversed(paths), "-o", str(out2)]) == 0
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_persons_command(bekes_path, capsys):
    assert main(["persons", str(bekes_path), "--format", "json", "--variants-only"]) == 0
    groups = json.loads(capsys.readouterr().out)
    forms = {frozenset(v["given"] for v in g["variants"]) for g in groups}
    assert frozenset({"Bennett", "Bence"}) in forms
    assert frozenset({"Jian", "Chien"}) in forms
    assert frozenset({"Sacki", "Saki"}) in forms


def test_merged_items_stay_valid_csl(tmp_path, shared_data, bekes_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_data / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    (tmp_path / "a.bib").write_text(BIB, encoding="utf-8")
    book = {
        "id": "respite",
        "type": "book",
        "title": "Cold War Respite: The Geneva Summit of 1955",
        "editor": [
            {"family": "Bischof", "given": "Günter"},
            {"family": "Dockrill", "given": "Saki"},
        ],
        "issued": {"date-parts": [[2000]]},
    }
    (tmp_path / "c.json").write_text(json.dumps([*CSL, book]), encoding="utf-8")
    out = tmp_path / "all.json"
    args = [str(tmp_path / "a.bib"), str(tmp_path / "c.json"), str(bekes_path)]
    assert main(["dedup", *args, "-o", str(out)]) in (0, 1)
    items = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)
    respite = next(i for i in items if i["id"] == "respite")
    assert [r["type"] for r in respite["custom"]["relations"]] == ["has-part"]  # The Eden Plan


def test_output_does_not_depend_on_hash_seed(tmp_path, bekes_path):
    (tmp_path / "a.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "b.ris").write_text(RIS, encoding="utf-8")
    outputs = set()
    for seed in ("1", "2"):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "footcite.cli",
                "dedup",
                str(tmp_path / "a.bib"),
                str(tmp_path / "b.ris"),
                str(bekes_path),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode in (0, 1), proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
