"""bib/ holds what `make run` produces from examples/; this fails when it is stale."""

from __future__ import annotations

import pytest

from footcite.cli import main
from tests.conftest import ROOT

BIB = ROOT / "bib"
EXAMPLE = ROOT / "examples" / "bekes-2002.txt"

CASES = [
    ("bekes-2002.json", ["parse", str(EXAMPLE), "--format", "csl-json"]),
    ("bekes-2002.bib", ["parse", str(EXAMPLE), "--format", "bibtex"]),
    ("bekes-2002.notes.txt", ["format", str(EXAMPLE), "--style", "chicago-notes-bibliography"]),
]


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_bib_file_is_current(tmp_path, name, args):
    committed = BIB / name
    assert committed.is_file(), f"bib/{name} is missing: run `make run`"
    fresh = tmp_path / name
    assert main([*args, "-o", str(fresh)]) in (0, 1)
    assert fresh.read_bytes() == committed.read_bytes(), f"bib/{name} is stale: run `make run`"
