"""The training setup of the learned parser: label schemes, field features, lexicon lists, the
rule regex made linear, and the cross-validation helpers of benchmarks/parse_cv.py."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from benchmarks.parse_cv import fold_of, parse_grid

from footcite.parse import features, ruleguess, tagger, tokens, training
from footcite.parse.corpus import FieldSpan, GoldCite, GoldNote
from footcite.parse.tokens import tokenize

TEXT = "Kovrig, Bennett. Walls. Bd. 2, Bd. 3."


def _note() -> GoldNote:
    """A citation with two adjacent volume fields, the case plain tags cannot keep apart."""
    spans = [("author", "Kovrig, Bennett."), ("title", "Walls."), ("volume", "Bd. 2,")]
    spans.append(("volume", "Bd. 3."))
    fields, at = [], 0
    for tag, piece in spans:
        at = TEXT.index(piece, at)
        fields.append(FieldSpan(tag, at, at + len(piece)))
        at += len(piece)
    return GoldNote("t-1", "test", TEXT, (GoldCite(0, len(TEXT), "book", tuple(fields)),), ())


def test_bio_labels_start_each_field_and_decode_to_two_spans():
    toks = tokenize(TEXT)
    bio = training.field_labels(_note(), 0, toks, bio=True)
    plain = training.field_labels(_note(), 0, toks, bio=False)
    assert bio[0] == "B-author" and bio[1] == "I-author"
    assert [lab for lab in bio if lab.startswith("B-")] == [
        "B-author",
        "B-title",
        "B-volume",
        "B-volume",
    ]
    assert plain[0] == "author" and "B-volume" not in plain
    runs = tagger.runs(toks, bio, [1.0] * len(toks))
    assert [TEXT[r.start : r.end] for r in runs if r.label == "volume"] == ["Bd. 2,", "Bd. 3."]
    merged = tagger.runs(toks, plain, [1.0] * len(toks))
    assert [TEXT[r.start : r.end] for r in merged if r.label == "volume"] == ["Bd. 2, Bd. 3."]


def test_chunk_features_describe_the_comma_delimited_stretch(monkeypatch):
    monkeypatch.setattr(features, "EXTRAS", frozenset({"chunk", "anchor"}))
    monkeypatch.setattr(tokens, "EXTENDED", True)
    tokens.word_features.cache_clear()
    try:
        toks, feats = features.cite_features("Kovrig: Walls. Budapest, Bd. 2, 1991, 55.")
    finally:
        tokens.word_features.cache_clear()
    at = {t.text: f for t, f in zip(toks, feats, strict=True)}
    assert "chfirst" in at["Bd"] and "ch+vol" in at["Bd"] and "ch+digit" in at["Bd"]
    assert "since=2" in at["2"] and "chlen=4" in at["2"] and "chlast" not in at["2"]
    assert "chfirst" in feats[2] and "chlast" in feats[3]  # "Walls ." ends at its full stop
    assert "ch0=budapest" in at["Budapest"] and "nch0=bd" in at["Budapest"]
    assert "year@0" in at["1991"] and "year@-1" in at["2"] and "colon@0" in at["Kovrig"]
    assert "ch+year" in at["1991"] and "ch+year" not in at["Bd"]


@pytest.mark.parametrize(
    ("word", "flag"),
    [("Bd", "vol"), ("évf", "vol"), ("roč", "vol"), ("Nr", "iss"), ("Bearb", "role")],
)
def test_extended_lexicon_flags_volume_issue_and_role_words(monkeypatch, word, flag):
    monkeypatch.setattr(tokens, "EXTENDED", True)
    tokens.word_features.cache_clear()
    try:
        assert flag in tokens.word_features(word)
        monkeypatch.setattr(tokens, "EXTENDED", False)
        tokens.word_features.cache_clear()
        assert flag not in tokens.word_features(word)
    finally:
        tokens.word_features.cache_clear()


def test_short_form_head_matches_as_before_and_scans_punctuation_in_linear_time():
    assert ruleguess._HEAD.match("Ibid., p. 5.").group(0) == "Ibid."
    assert ruleguess._HEAD.match("„Ebd. S. 12, hier").group(0) == "„Ebd. S. 12"
    assert ruleguess._HEAD.match("…") is None
    line = "." * 200_000 + "!"
    started = time.perf_counter()
    assert ruleguess._HEAD.findall(line) == []
    assert time.perf_counter() - started < 1.0  # quadratic: ~2e10 steps, minutes


def test_folds_are_fixed_and_unrelated_to_the_heldout_hash():
    ids = [f"en-{k:04d}" for k in range(500)]
    folds = [fold_of(i, 5) for i in ids]
    assert folds == [fold_of(i, 5) for i in ids]
    assert all(60 <= folds.count(k) <= 140 for k in range(5))


def test_grid_parses_floats_and_ints():
    assert parse_grid("c1=0.1,c2=0.01; max_iterations=100") == [
        {"c1": 0.1, "c2": 0.01},
        {"max_iterations": 100},
    ]
    assert parse_grid("") == [{}]


def test_every_generator_template_renders_into_clean_fields(monkeypatch):
    from footcite.parse import augment

    monkeypatch.setattr(augment, "TEMPLATED", 1.0)
    notes = augment.generated_notes(300, 7)
    seen = set()
    for note in notes:
        assert "⟦" not in note.text and "⟧" not in note.text and "{" not in note.text
        for cite in note.cites:
            for f in cite.fields:
                piece = note.text[f.start : f.end]
                assert piece == piece.strip() and piece
                seen.add(f.tag)
            between = [note.text[a.end : b.start] for a, b in pairwise(cite.fields)]
            assert all(len(gap) <= 5 for gap in between), between
    assert {"volume", "issue", "number", "collection-title", "genre", "doc-date"} <= seen
    monkeypatch.setattr(augment, "TEMPLATED", 0.0)
    assert augment.generated_notes(20, 7) != augment.generated_notes(20, 8)


def test_bio_flag_is_read_when_labels_are_made(monkeypatch):
    toks = tokenize(TEXT)
    monkeypatch.setattr(training, "BIO", True)
    assert training.field_labels(_note(), 0, toks)[0] == "B-author"
    assert training.field_items([_note()])[0][1][0] == "B-author"
    monkeypatch.setattr(training, "BIO", False)
    assert training.field_labels(_note(), 0, toks)[0] == "author"
    assert training.field_items([_note()])[0][1][0] == "author"


def test_plain_fields_keep_one_label_inside_bio_and_decode_alike(monkeypatch):
    toks = tokenize(TEXT)
    monkeypatch.setattr(training, "PLAIN", frozenset({"title", "author"}))
    labels = training.field_labels(_note(), 0, toks, bio=True)
    assert labels[0] == "author" and "B-author" not in labels and "B-title" not in labels
    assert labels.count("B-volume") == 2  # the other fields keep their B-/I- pairs
    runs = tagger.runs(toks, labels, [1.0] * len(toks))
    assert [(r.label, TEXT[r.start : r.end]) for r in runs] == [
        ("author", "Kovrig, Bennett."),
        ("title", "Walls."),
        ("volume", "Bd. 2,"),
        ("volume", "Bd. 3."),
    ]
    # without B-/I- labels the set is irrelevant: every field is plain
    assert training.field_labels(_note(), 0, toks, bio=False)[-1] == "volume"


def test_field_features_without_rule_fields_keep_the_habit_bias(monkeypatch):
    text = "Kovrig: Walls. Budapest, Magvető, 1991, 55."
    monkeypatch.setattr(features, "FIELD_RULES", True)
    _, with_rules = features.cite_features(text)
    monkeypatch.setattr(features, "FIELD_RULES", False)
    _, without = features.cite_features(text)
    assert len(with_rules) == len(without)
    assert any(a.startswith("r=") for a in with_rules[0])
    for f in without:
        assert not any(a.startswith(("r=", "r-1=", "r+1=")) for a in f)
        assert "S:colon|r=-" in f  # the habit's bias per label stays
    # every other feature is the same with or without the rules
    strip = ("r=", "r-1=", "r+1=", "S:colon|r=")
    assert [[a for a in f if not a.startswith(strip)] for f in with_rules] == [
        [a for a in f if not a.startswith(strip)] for f in without
    ]


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        (
            "Jan Němeček, Konfederace, Český časopis historický, roč. 99, 2001, č. 1, s. 112–135.",
            True,
        ),
        (
            "Csaba Békés, “Hungary,” Journal of Cold War Studies 18, no. 3 (Summer 2016): 95–138.",
            True,
        ),
        ("Jeffrey Simon, “Doctrine,” Slavic Review 46 (1987): 522–40.", True),
        ("Catherine Durandin, Histoire des Roumains, Paris, Fayard, 1995, p. 470-478.", False),
        (
            "Armin Mitter/Stefan Wolle: Untergang auf Raten. München: Bertelsmann 1993, S. 27–161.",
            False,
        ),
    ],
)
def test_serial_flag_marks_citations_that_name_a_journal_volume_or_issue(monkeypatch, text, serial):
    monkeypatch.setattr(features, "EXTRAS", frozenset({"serial"}))
    _, feats = features.cite_features(text)
    assert ("C:serial" in feats[0]) is serial
    monkeypatch.setattr(features, "EXTRAS", frozenset())
    assert not any("C:serial" in f for f in features.cite_features(text)[1])
