"""Records from input files of any kind: CSL-JSON, BibTeX, RIS bibliographies or papers.

`footcite dedup` and `footcite persons` take a mix of files. The kind of each file is told by
its extension, or, when that says nothing, by its first characters (a JSON array, an "@type{"
entry, a "TY  - " line); anything else is a paper whose notes are parsed. Every record keeps
the file it came from and its id there, so that the merged bibliography can say where each of
its entries came from. Readers that are not installed yet are reported, not fatal.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from footcite.dedup.engine import Record
from footcite.diagnostics import Diagnostic, FormatError
from footcite.frozen import thaw
from footcite.textio import read_text

_BY_SUFFIX = {
    ".json": "csl-json", ".csljson": "csl-json", ".bib": "bibtex", ".bibtex": "bibtex",
    ".biblatex": "bibtex", ".ris": "ris",
}  # fmt: skip
_READERS = {
    "csl-json": ("footcite.formats.csljson", "read_csljson"),
    "bibtex": ("footcite.formats.bibtex", "read_bibtex"),
    "ris": ("footcite.formats.ris", "read_ris"),
}


def kind_of(path: str, text: str) -> str:
    """ "csl-json", "bibtex", "ris" or "text" (a paper)."""
    kind = _BY_SUFFIX.get(Path(path).suffix.lower())
    if kind:
        return kind
    head = text.lstrip()[:2000]
    if head[:1] in "[{":
        return "csl-json"
    if re.search(r"(?m)^\s*@\w+\s*[{(]", head):
        return "bibtex"
    if re.search(r"(?m)^TY  - ", head):
        return "ris"
    return "text"


def _read_items(kind: str, text: str, name: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    module, func = _READERS[kind]
    try:
        reader = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as exc:
        raise FormatError(f"{name}: footcite cannot read {kind} in this version ({exc})") from exc
    result = reader(text, name) if kind == "csl-json" else reader(text)
    return [dict(i) for i in result.items], list(result.diagnostics)


def load_records(paths: Sequence[str]) -> tuple[list[Record], list[Diagnostic]]:
    """One record per bibliography entry, or per reference of a parsed paper."""
    records: list[Record] = []
    problems: list[Diagnostic] = []
    for path in dict.fromkeys(paths):  # a file named twice is read once
        source = read_text(path)
        kind = kind_of(path, source.text)
        if kind == "text":
            from footcite.pipeline import run_sources

            result = run_sources([source])
            problems.extend(result.diagnostics)
            items = []
            for ref in result.references:
                item = thaw(ref.fields)
                assert isinstance(item, dict)
                items.append({"id": ref.id, **item})
        else:
            items, found = _read_items(kind, source.text, path)
            problems.extend(found)
        seen: dict[str, int] = {}
        for k, item in enumerate(items):
            original = str(item.get("id") or f"item-{k + 1}")
            seen[original] = seen.get(original, 0) + 1
            suffix = "" if seen[original] == 1 else f"#{seen[original]}"
            fields = {key: value for key, value in item.items() if key != "id"}
            records.append(
                Record(
                    key=f"{path}#{original}{suffix}",
                    fields=fields,
                    source=path,
                    original_id=original,
                )
            )
    return records, problems
