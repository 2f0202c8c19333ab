"""The shipped CRFs: they load, tag fields and citation spans, and train reproducibly."""

from __future__ import annotations

import hashlib

from footcite.parse import tagger
from footcite.parse.corpus import corpus_files
from footcite.parse.training import FIELDS_MODEL, MANIFEST, SEGMENT_MODEL, models_dir


def _fields(text: str) -> dict[str, str]:
    return {s.label: text[s.start : s.end] for s in tagger.tag_cite(text)}


def test_models_ship_with_a_manifest():
    import json

    d = models_dir()
    manifest = json.loads((d / MANIFEST).read_text(encoding="utf-8"))
    for name in (SEGMENT_MODEL, FIELDS_MODEL):
        path = d / name
        assert path.stat().st_size < 5_000_000
        assert manifest["models"][name] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert {f["name"] for f in manifest["training_files"]} == {p.name for p in corpus_files()}
    assert manifest["counts"]["notes_heldout_excluded"] > 100


def test_chicago_book_fields():
    got = _fields(
        "Peter Grose, Operation Rollback: America's Secret War behind the Iron Curtain "
        "(Boston: Houghton Mifflin, 2000), 209–17."
    )
    assert got["author"].startswith("Peter Grose")
    assert got["title"].startswith("Operation Rollback")
    assert got["place"].startswith("Boston")
    assert got["publisher"].startswith("Houghton Mifflin")
    assert got["date"] == "2000"
    assert got["locator"].startswith("209–17")


def test_hungarian_book_fields():
    got = _fields(
        "Rainer M. János: Nagy Imre. Politikai életrajz. Budapest, 1956-os Intézet, 1996. 45. o."
    )
    assert got["author"] == "Rainer M. János:"
    assert got["title"].startswith("Nagy Imre")
    assert got["place"].startswith("Budapest")
    assert got["locator"].startswith("45")


def test_russian_archival_levels():
    got = _fields("RGANI, f. 89, op. 45, d. 12, l. 3.")
    assert got["archive"].startswith("RGANI")
    assert got["fonds"].startswith("f. 89")
    assert got["series"].startswith("op. 45")
    assert got["file"].startswith("d. 12")
    assert got["item"].startswith("l. 3")


def test_note_segmentation_finds_two_citations_and_a_prefix():
    text = (
        "See Bennett Kovrig, Of Walls and Bridges (New York: New York University Press, 1991), 55; "
        "and Charles Gati, Failed Illusions (Stanford, CA: Stanford University Press, 2006), 12."
    )
    spans = tagger.tag_note(text)
    cites = [text[s.start : s.end] for s in spans if s.label == "cite"]
    prefixes = [text[s.start : s.end] for s in spans if s.label == "prefix"]
    assert len(cites) == 2
    assert cites[0].startswith("Bennett Kovrig")
    assert cites[1].startswith("Charles Gati")
    assert prefixes == ["See"]


def test_commentary_is_not_a_citation():
    text = "The Legation's reporting was fragmentary, since the lines to Vienna were cut."
    assert [s for s in tagger.tag_note(text) if s.label == "cite"] == []


def test_training_is_reproducible(tmp_path):
    from footcite.parse.training import train_models

    files = [p for p in corpus_files() if p.name.startswith("cs-")]
    a = train_models(files, tmp_path / "a", generated=10)
    b = train_models(files, tmp_path / "b", generated=10)
    assert a["models"] == b["models"]
    for name in (SEGMENT_MODEL, FIELDS_MODEL):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert a["counts"]["notes_heldout_excluded"] > 0
