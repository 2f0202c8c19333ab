"""Parsing never raises on arbitrary text, and reading never raises anything but the documented
errors on arbitrary bytes. Example counts come from the hypothesis profile (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcite import limits
from footcite.diagnostics import FormatError, InputError, StyleError
from footcite.formats.bibtex import read_bibtex
from footcite.formats.csljson import read_csljson
from footcite.formats.ris import read_ris
from footcite.formats.styles import sanitise_style
from footcite.model import Note
from footcite.pipeline import parse_text
from footcite.textio import decode_bytes, normalise_text, prepare_for_parsing

FRAGMENTS = st.sampled_from(
    [
        "\n", "\n1 ", "\n2 ", "\n3. ", "12 ", " ", ", ", ". ", ": ", "; ", "Ibid.", "ibid., p. 4",
        "Op. cit.", "Cf. ", "See ", "pp. 12-14", "p. 3", "vol. 2", "(ed.)", "(szerk.)", "eds.",
        "Budapest", "London: ", "Oxford University Press", "1956", "1998.", "[", "]", "(", ")",
        "“", "”", "„", '"', "'", "{", "}", "\\", "$", "%", "#", "&", "_", "^", "~",
        "Kramer, Mark", "Békés Csaba", "Gaddis, John Lewis:", "The Cold War", "in: ",
        "MOL, XIX-J-1-j, 4. d.", "f. 89, op. 45, d. 12", "Photo: Fortepan/Hofbauer Róbert",
        "writes index.hu.", "http://example.org/a?b=c", "elsô", "ő", "\u202e", "\t", "—", "–",
        "A" * 30, "1" * 40,
    ]
)  # fmt: skip
NOTE_TEXT = st.lists(FRAGMENTS | st.text(max_size=8), max_size=40).map("".join)
SLOW = ("A" * 30, "1" * 40)
"""Fragments some parser regexes are super-linear on (see benchmarks/redos.py)."""
QUICK_NOTE_TEXT = st.lists(
    FRAGMENTS.filter(lambda f: f not in SLOW) | st.text(max_size=8), max_size=40
).map("".join)
SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.fixture(autouse=True, scope="module")
def _short_note_limit():
    """A note the parser is slow on is stopped after 0.2 s here (5 s in real runs): what is
    tested is that nothing raises, and slowness is benchmarks/redos.py's business."""
    old = os.environ.get(limits.ENV_NOTE_SECONDS)
    os.environ[limits.ENV_NOTE_SECONDS] = "0.2"
    yield
    if old is None:
        del os.environ[limits.ENV_NOTE_SECONDS]
    else:
        os.environ[limits.ENV_NOTE_SECONDS] = old


@SETTINGS
@given(st.text(max_size=400) | NOTE_TEXT)
def test_parse_text_never_raises(text: str) -> None:
    result = parse_text(text, "prop.txt")
    json.dumps([r.to_csl() for r in result.references])
    for note in result.notes:
        for citation in note.citations:
            assert 0 <= citation.span.start <= citation.span.end


@SETTINGS
@given(QUICK_NOTE_TEXT)
def test_parse_note_never_raises(text: str) -> None:
    """The rule and learned parsers themselves, without the pipeline's per-note guard (and
    without its time limit, so without the fragments some of their patterns are slow on)."""
    from footcite.parse.note import parse_note

    note, _ = parse_note(Note(number=1, text=" ".join(text.split()), document="p"), "d")
    for citation in note.citations:
        json.dumps(citation.fields_json())


@SETTINGS
@given(st.binary(max_size=2000))
def test_decoding_raises_only_input_error(data: bytes) -> None:
    try:
        source = decode_bytes(data, "prop.bin")
    except InputError:
        return
    assert "\x00" not in source.text
    prepared = prepare_for_parsing(source)
    assert all(len(line) <= 5000 for line in prepared.text.split("\n"))


@SETTINGS
@given(st.text(max_size=300))
def test_normalising_is_idempotent(text: str) -> None:
    once = normalise_text(text, "p").text
    assert normalise_text(once, "p").text == once


READER_TEXT = st.text(max_size=300) | st.lists(
    st.sampled_from(
        ["[", "]", "{", "}", '"id"', '"type"', ":", ",", '"author"', "null", "1e999",
         "@book{", "title = {", "TY  - BOOK", "ER  - ", "AU  - ", "\n", "\\u", "\\ud800"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@SETTINGS
@given(READER_TEXT)
def test_readers_raise_only_format_error(text: str) -> None:
    for reader in (lambda t: read_csljson(t, "p.json"), read_bibtex, read_ris):
        try:
            result = reader(text)
        except FormatError:
            continue
        assert isinstance(result.items, tuple)


@SETTINGS
@given(st.binary(max_size=600) | st.text(max_size=600).map(str.encode))
def test_style_loader_raises_only_style_error(data: bytes) -> None:
    with contextlib.suppress(StyleError):
        sanitise_style(data, "prop.csl")
