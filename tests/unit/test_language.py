"""The language guessed from a title: named when plain, None for English or when in doubt."""

from __future__ import annotations

import pytest

from footcite.model import Note
from footcite.parse.language import add_language, guess_language
from footcite.parse.note import parse_note


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Ennivaló és hozomány. A kora kádárizmus ideológiája", "hu"),
        ("Történelmi utunk. A Munkabizottság állásfoglalása", "hu"),  # ö with á: Hungarian
        ("Die Berlinkrise 1958 bis 1963. Interessen und Handlungsspielräume der SED", "de"),
        ("La France et la crise hongroise de 1956", "fr"),
        ("Polska i Węgry w 1956 roku", "pl"),
        ("Přehled dějin a vztahů mezi státy", "cs"),
        ("Холодная война и СССР", "ru"),
        ("Of Walls and Bridges: The United States and Eastern Europe", None),
        ("A World Transformed", None),  # "a" alone is no evidence for Hungarian or Czech
        ("Hungary and the Superpowers in the 20th Century", None),
        ("Bulletin", None),
        ("", None),
    ],
)
def test_guess(title, language):
    assert guess_language(title) == language


def test_a_language_the_fields_have_is_kept():
    fields = {"title": "Ennivaló és hozomány", "language": "en"}
    add_language(fields)
    assert fields["language"] == "en"


def test_parsed_hungarian_citation_gets_its_language_and_an_english_one_none():
    text = (
        "Kalmár Melinda: Ennivaló és hozomány. A kora kádárizmus ideológiája. Budapest, "
        "Magvető, 1998. 55. o.; Bennett Kovrig: Of Walls and Bridges: The United States and "
        "Eastern Europe. New York, New York University Press, 1991."
    )
    note, _ = parse_note(Note(number=1, text=text))
    languages = [c.fields.get("language") for c in note.citations]
    assert languages == ["hu", None]
