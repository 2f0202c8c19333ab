"""Output is byte-identical across runs (whatever the hash seed) and across input order where
order does not matter (the documents given, the items of a CSL-JSON file)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcite.formats.bibtex import write_bibtex
from footcite.formats.csljson import dumps, write_csljson
from footcite.pipeline import run_sources
from footcite.textio import normalise_text
from tests.conftest import ROOT
from tests.property.test_never_raises import QUICK_NOTE_TEXT
from tests.unit.test_bibtex import CSL_ITEMS

SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "examples/bekes-2002.txt", "--format", "csl-json"],
        ["parse", "examples/bekes-2002.txt", "--format", "biblatex"],
        ["parse", "examples/bekes-2002.txt", "examples/west-1956-article.txt"],
        ["format", "examples/bekes-2002.txt", "--style", "apa", "--bibliography"],
    ],
    ids=["csl-json", "biblatex", "json-two-papers", "apa"],
)
def test_same_bytes_whatever_the_hash_seed(argv: list[str]) -> None:
    outputs = set()
    for seed in ("0", "4242"):
        proc = subprocess.run(
            [sys.executable, "-m", "footcite.cli", *argv],
            capture_output=True,
            timeout=300,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode in (0, 1), proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1


PAPERS = st.lists(
    st.lists(QUICK_NOTE_TEXT, min_size=1, max_size=4).map(
        lambda notes: "".join(f"{k + 1} {' '.join(n.split())}\n" for k, n in enumerate(notes))
    ),
    min_size=2,
    max_size=3,
)


@SETTINGS
@given(PAPERS, st.randoms(use_true_random=False))
def test_same_bibliography_whatever_the_order_of_papers(papers: list[str], rnd) -> None:
    sources = [normalise_text(text, f"paper-{k}.txt") for k, text in enumerate(papers)]
    shuffled = list(sources)
    rnd.shuffle(shuffled)
    first, second = run_sources(sources), run_sources(shuffled)
    assert write_csljson(first.references).text == write_csljson(second.references).text
    items = sorted((r.to_csl() for r in first.references), key=lambda i: i["id"])
    again = sorted((r.to_csl() for r in second.references), key=lambda i: i["id"])
    assert write_bibtex(items).text == write_bibtex(again).text


@SETTINGS
@given(st.lists(CSL_ITEMS, max_size=5, unique_by=lambda i: i["id"]), st.randoms())
def test_csljson_is_the_same_whatever_the_item_order(items, rnd) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert dumps(items) == dumps(shuffled)
