"""Fuzz harness: the CSL-JSON, BibTeX and RIS readers, and writing back what they read.

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=600 -print_final_stats=1 CORPUS_DIR

The first byte picks the reader, the rest is the file (decoded as UTF-8, undecodable bytes
replaced). Documented: `FormatError` when the text is not that format at all. Anything else,
and any exception from writing the items back as BibTeX, BibLaTeX and RIS, is a crash.
"""

from __future__ import annotations

import json
import sys

from _common import fuzz

INSTRUMENT = ("footcite.formats",)

if __name__ == "__main__":  # coverage feedback for libFuzzer; plain imports for the tests
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is not None:
        with atheris.instrument_imports(include=list(INSTRUMENT)):
            import footcite.formats.bibtex
            import footcite.formats.csljson
            import footcite.formats.ris  # noqa: F401

from footcite.diagnostics import FormatError  # noqa: E402
from footcite.formats.bibtex import read_bibtex, write_bibtex  # noqa: E402
from footcite.formats.csljson import dumps, read_csljson  # noqa: E402
from footcite.formats.ris import read_ris, write_ris  # noqa: E402

READERS = (
    lambda text: read_csljson(text, "fuzz.json"),
    read_bibtex,
    read_ris,
)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    reader = READERS[data[0] % len(READERS)]
    text = data[1:].decode("utf-8", errors="replace")
    try:
        result = reader(text)
    except FormatError:
        return
    items = [dict(i) for i in result.items]
    json.dumps(items)
    write_bibtex(items, dialect="bibtex")
    write_bibtex(items, dialect="biblatex")
    write_ris(items)
    dumps(items)


if __name__ == "__main__":
    fuzz(test_one_input, INSTRUMENT)
    sys.exit(0)
