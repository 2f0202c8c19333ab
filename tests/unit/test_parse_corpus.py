"""The annotated corpus: well-formed, unique ids, known tags, a stable held-out split."""

from __future__ import annotations

import collections
import re

import pytest

from footcite.parse.corpus import (
    FIELD_TAGS,
    CorpusError,
    corpus_dir,
    corpus_files,
    is_heldout,
    read_all,
    read_corpus,
    split,
)

README_TAGS = set(re.findall(r"^\| `([a-z-]+)` \|", (corpus_dir() / "README.md").read_text(), re.M))


@pytest.fixture(scope="module")
def notes():
    return read_all(corpus_files())


def test_every_file_reads_and_ids_are_unique(notes):
    ids = [n.id for n in notes]
    assert len(ids) == len(set(ids))
    assert len(notes) >= 850
    assert sum(len(n.cites) for n in notes) >= 850


def test_no_citation_is_written_twice(notes):
    """A citation repeated verbatim in two notes would let a held-out note be learned by heart
    (and weigh twice in training): every citation longer than a short back-reference occurs
    in one note only."""
    where = collections.defaultdict(set)
    for n in notes:
        for c in n.cites:
            text = n.text[c.start : c.end].strip(" .;,")
            if len(text) > 20:
                where[text].add(n.id)
    assert {t: sorted(ids) for t, ids in where.items() if len(ids) > 1} == {}


def test_ids_carry_their_file_prefix(notes):
    for note in notes:
        lang = note.source.split("-")[0]
        assert note.id.startswith(lang + "-"), (note.source, note.id)


def test_field_tags_are_the_documented_ones(notes):
    used = {f.tag for n in notes for c in n.cites for f in c.fields}
    assert used <= README_TAGS, used - README_TAGS
    assert README_TAGS == FIELD_TAGS  # the reader's list is the README's table


def test_an_unknown_field_tag_is_refused(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text(
        '<notes><note id="en-9"><cite><author>A,</author> <bogus>B</bogus></cite></note></notes>',
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match=r"en-9: unknown field tag <bogus>"):
        read_corpus(path)


def test_spans_lie_inside_their_citation(notes):
    for note in notes:
        for cite in note.cites:
            assert 0 <= cite.start <= cite.end <= len(note.text)
            for f in cite.fields:
                assert cite.start <= f.start < f.end <= cite.end
                assert note.text[f.start : f.end].strip(), (note.id, f.tag)


def test_spans_reproduce_the_annotated_text():
    from lxml import etree

    path = corpus_files()[0]
    notes = read_corpus(path)
    els = etree.parse(str(path)).getroot().findall("note")
    for note, el in zip(notes, els, strict=True):
        for cite, cel in zip(note.cites, el.findall("cite"), strict=True):
            assert note.text[cite.start : cite.end] == "".join(cel.itertext())


def test_heldout_split_is_stable_and_about_a_fifth_per_file(notes):
    train, held = split(notes)
    assert {n.id for n in held}.isdisjoint({n.id for n in train})
    assert [n.id for n in split(notes)[1]] == [n.id for n in held]
    per_file = collections.Counter(n.source for n in notes)
    held_file = collections.Counter(n.source for n in held)
    for source, total in per_file.items():
        assert 0.1 <= held_file[source] / total <= 0.3, source
    # a property of the id alone: adding notes never moves an existing one
    assert is_heldout("en-0005") == is_heldout("en-0005")


def test_malformed_file_is_a_corpus_error(tmp_path):
    bad = tmp_path / "xx-bad.xml"
    bad.write_text("<notes><note id='x'><cite>unclosed</note></notes>", encoding="utf-8")
    with pytest.raises(CorpusError):
        read_corpus(bad)


def test_duplicate_ids_across_files_are_refused(tmp_path):
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_text(
            '<notes><note id="dup-1"><cite type="book"><title>T.</title></cite></note></notes>',
            encoding="utf-8",
        )
    with pytest.raises(CorpusError, match="duplicate"):
        read_all(sorted(tmp_path.glob("*.xml")))
