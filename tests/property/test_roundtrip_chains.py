"""Cross-format chains keep every field: CSL-JSON → BibLaTeX → RIS → CSL-JSON and the others.

The items are generated with arbitrary Unicode, LaTeX specials and unbalanced braces in every
text field (the strategy of tests/unit/test_bibtex.py). The number of examples comes from the
hypothesis profile (tests/conftest.py): "ci" 50, "dev" 200, "thorough" 1,000; run
`HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/property` for the issue's figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcite.diagnostics import Severity
from footcite.formats.bibtex import read_bibtex, write_bibtex
from footcite.formats.csljson import dumps, read_csljson
from footcite.formats.ris import read_ris, write_ris
from tests.unit.test_bibtex import CSL_ITEMS, canon

Items = list[dict[str, Any]]


def _checked(result: Any) -> None:
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert errors == [], errors


def via_bibtex(dialect: str) -> Callable[[Items], Items]:
    def step(items: Items) -> Items:
        written = write_bibtex(items, dialect=dialect)
        _checked(written)
        back = read_bibtex(written.text)
        _checked(back)
        return [dict(i) for i in back.items]

    step.__name__ = dialect
    return step


def via_ris(items: Items) -> Items:
    written = write_ris(items)
    _checked(written)
    back = read_ris(written.text)
    _checked(back)
    return [dict(i) for i in back.items]


def via_csljson(items: Items) -> Items:
    back = read_csljson(dumps(items), "chain.json")
    _checked(back)
    return [dict(i) for i in back.items]


BIBLATEX, BIBTEX = via_bibtex("biblatex"), via_bibtex("bibtex")
CHAINS = {
    "csljson-biblatex-ris-csljson": [BIBLATEX, via_ris, via_csljson],
    "csljson-ris-bibtex-csljson": [via_ris, BIBTEX, via_csljson],
    "csljson-bibtex-biblatex-ris-csljson": [BIBTEX, BIBLATEX, via_ris, via_csljson],
}
# CSL-JSON writes items in id order, the others in the order given: compare as sorted lists
# for chains that pass through CSL-JSON, with ids unique so that the order is defined.
UNIQUE_ITEMS = st.lists(CSL_ITEMS, max_size=4, unique_by=lambda item: item["id"])


def _key(item: dict[str, Any]) -> str:
    return str(item.get("id", ""))


@pytest.mark.parametrize("chain", CHAINS, ids=list(CHAINS))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(items=UNIQUE_ITEMS)
def test_chain_keeps_every_field(chain: str, items: Items) -> None:
    current = [dict(i) for i in items]
    for step in CHAINS[chain]:
        current = step(current)
    assert sorted((canon(i) for i in current), key=_key) == sorted(
        (canon(i) for i in items), key=_key
    )


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(items=st.lists(CSL_ITEMS, max_size=4))
def test_biblatex_then_ris_keeps_order_and_duplicates(items: Items) -> None:
    """Without CSL-JSON in the chain the order is kept, and repeated ids survive too."""
    assert [canon(i) for i in via_ris(BIBLATEX(items))] == [canon(i) for i in items]
