"""Fuzz harness: bytes → textio → note splitter → rule/learned parser of each note.

    .venv/bin/python fuzz/fuzz_notes.py -max_total_time=600 -print_final_stats=1 CORPUS_DIR

Documented: `InputError` from reading (not text, empty, too large). Anything else raised by
reading, splitting (`split_notes`, `extract`) or parsing a note (`parse_note`, without the
pipeline's per-note guard, so that a parser bug shows here) is a crash.
"""

from __future__ import annotations

import sys

from _common import fuzz

INSTRUMENT = ("footcite.textio", "footcite.extract")
"""Coverage feedback from the reading and splitting code (instrumenting the parser too would
slow every execution several times over; it still runs on every input)."""

if __name__ == "__main__":  # coverage feedback for libFuzzer; plain imports for the tests
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is not None:
        with atheris.instrument_imports(include=list(INSTRUMENT)):
            import footcite.extract.document
            import footcite.parse.note
            import footcite.textio  # noqa: F401

from footcite.diagnostics import InputError  # noqa: E402
from footcite.extract.document import extract  # noqa: E402
from footcite.limits import MAX_NOTE_CHARS  # noqa: E402
from footcite.parse.note import parse_note  # noqa: E402
from footcite.textio import decode_bytes, prepare_for_parsing  # noqa: E402


def test_one_input(data: bytes) -> None:
    try:
        source = decode_bytes(data, "fuzz.txt")
    except InputError:
        return
    doc = extract(prepare_for_parsing(source))
    for note in doc.notes:
        if len(note.text) <= MAX_NOTE_CHARS:
            parse_note(note, "d")


if __name__ == "__main__":
    fuzz(test_one_input, INSTRUMENT)
    sys.exit(0)
