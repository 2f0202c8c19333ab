"""How `footcite evaluate` compares spans: punctuation and a field's enclosing quotes only."""

from __future__ import annotations

from footcite.parse.corpus import FieldSpan, GoldCite, GoldNote
from footcite.parse.evaluation import Predicted, score, trim, trim_field

TEXT = "Dulles, “A Policy of Boldness,” Life, 19 May 1952."


def _note() -> GoldNote:
    title = TEXT.index("“")
    life = TEXT.index("Life")
    return GoldNote(
        "en-x",
        "x.xml",
        TEXT,
        (
            GoldCite(
                0,
                len(TEXT),
                "article-magazine",
                (
                    FieldSpan("author", 0, 7),
                    FieldSpan("title", title, life - 1),
                    FieldSpan("container-title", life, life + 5),
                ),
            ),
        ),
        (),
    )


def test_field_loses_quotes_and_punctuation_but_citation_keeps_quotes():
    s, e = TEXT.index("“"), TEXT.index("Life") - 1
    assert TEXT[slice(*trim_field(TEXT, s, e))] == "A Policy of Boldness"
    assert TEXT[slice(*trim(TEXT, s, e))] == "“A Policy of Boldness,”"


def test_title_without_its_quotes_matches_and_a_shorter_title_does_not():
    bare = TEXT.index("A Policy")
    end = TEXT.index(",”")
    ok = Predicted(
        ((0, len(TEXT)),),
        (),
        (
            ("author", 0, 6),
            ("title", bare, end),
            ("container-title", TEXT.index("Life"), TEXT.index("Life") + 4),
        ),
    )
    assert score([_note()], lambda _t: ok).fields.f1 == 1.0
    short = Predicted(((0, len(TEXT)),), (), (("author", 0, 6), ("title", bare, end - 1)))
    got = score([_note()], lambda _t: short)
    assert got.fields.tp == 1 and got.fields.fp == 1 and got.fields.fn == 2
