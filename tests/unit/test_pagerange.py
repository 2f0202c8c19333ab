"""Page-range widths, the fact the field CRF uses to tell an article's pages from a pinpoint."""

from __future__ import annotations

import pytest

from footcite.parse import features
from footcite.parse.pagerange import bucket, range_features, width
from footcite.parse.tokens import tokenize


@pytest.mark.parametrize(
    ("low", "high", "pages"),
    [
        ("123", "138", 15),
        ("55", "56", 1),
        ("112", "15", 3),  # Chicago's abbreviated end
        ("118", "36", 18),
        ("995", "1003", 8),
        ("41", "42ob", 1),  # a folio and its verso
        ("1956", "57", 1),
        ("300", "12", 12),  # "300-12" is 300-312
    ],
)
def test_width_expands_abbreviated_ends(low, high, pages):
    assert width(low, high) == pages


def test_width_of_a_descending_pair_is_unknown():
    assert width("250", "1200") == 950
    assert width("250", "120") is None
    assert bucket(None) == "rng=odd"


def test_range_features_mark_the_three_tokens_of_each_range():
    toks = tokenize("Századok, 1995. 3. sz. 45–67. o., here 52-53.")
    got = {toks[i].text: name for i, name in range_features(toks).items()}
    assert got == {
        "45": "rng=13+",
        "–": "rng=13+",
        "67": "rng=13+",
        "52": "rng=1",
        "-": "rng=1",
        "53": "rng=1",
    }


def test_a_dash_between_words_or_spaced_clauses_is_not_a_range():
    assert range_features(tokenize("Budapest – Wien, 1990 – 1991")) == {}
    assert range_features(tokenize("Kalmár–Urbán")) == {}


def test_cite_features_carry_the_width_only_with_the_range_group(monkeypatch):
    text = "Kramer, Soviet Union, pp. 163–214."
    monkeypatch.setattr(features, "EXTRAS", frozenset({"range"}))
    toks, feats = features.cite_features(text)
    at = {t.text: f for t, f in zip(toks, feats, strict=True)}
    assert "rng=13+" in at["163"] and "rng=13+" in at["214"]
    monkeypatch.setattr(features, "EXTRAS", frozenset({"chunk"}))
    toks, feats = features.cite_features(text)
    assert not any(x.startswith("rng=") for f in feats for x in f)
