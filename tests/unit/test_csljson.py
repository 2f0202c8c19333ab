"""The CSL-JSON writer: one reference it cannot write costs only that reference."""

from __future__ import annotations

import json

from footcite.formats.csljson import write_csljson
from footcite.model import Reference

GOOD = Reference("kovrig-1991", {"type": "book", "title": "Of Walls and Bridges"})
LATER = Reference("malin-1996", {"type": "article-journal", "title": "The Malin Notes"})


def _failed(result):
    return [d for d in result.diagnostics if d.code == "csljson-item-failed"]


def test_a_value_json_cannot_write_costs_only_its_reference():
    bad = Reference("nan-1", {"type": "book", "title": "x", "number-of-pages": float("nan")})
    result = write_csljson([GOOD, bad, LATER])
    assert [i["id"] for i in json.loads(result.text)] == ["kovrig-1991", "malin-1996"]
    (failed,) = _failed(result)
    assert failed.severity.value == "error" and failed.where == "reference 'nan-1'"


def test_a_reference_whose_conversion_fails_costs_only_itself(monkeypatch):
    original = Reference.to_csl

    def to_csl(self):
        if self.id == "kovrig-1991":
            raise KeyError("unforeseen")
        return original(self)

    monkeypatch.setattr(Reference, "to_csl", to_csl)
    result = write_csljson([GOOD, LATER])
    assert [i["id"] for i in json.loads(result.text)] == ["malin-1996"]
    (failed,) = _failed(result)
    assert failed.where == "reference 'kovrig-1991'" and "KeyError" in failed.message
