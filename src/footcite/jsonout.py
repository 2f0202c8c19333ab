"""The JSON shape of `footcite parse --format json`: a public contract, documented in the README.

    {"notes": [{"number", "text", "citations": [{"id", "prefix", "locator", "label", "text",
                "fields", ...}], ...}], "references": [CSL-JSON items, each with "id"]}

`id` of a citation is the id of the reference it cites; `fields` is the work exactly as that
note states it. Extra keys may be added; the listed ones keep their names and meaning.
"""

from __future__ import annotations

import json
from typing import Any

from footcite.model import Citation, Note, Result


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "id": c.reference_id,
        "prefix": c.prefix,
        "locator": c.locator,
        "label": c.label,
        "text": c.text,
        "fields": c.fields_json(),
        "suffix": c.suffix,
        "kind": c.kind,
        "citation_id": c.id,
        "resolves_to": c.resolves_to,
        "span": [c.span.start, c.span.end],
    }


def note_json(note: Note, with_document: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"number": note.number, "text": note.text}
    if with_document:
        out["document"] = note.document
    out["citations"] = [citation_json(c) for c in note.citations]
    out["call"] = (
        {"sentence": note.call.sentence, "offset": note.call.offset} if note.call else None
    )
    return out


def result_json(result: Result) -> dict[str, Any]:
    several = len(result.documents) > 1
    return {
        "notes": [note_json(n, several) for n in result.notes],
        "references": [r.to_csl() for r in result.references],
    }


def dumps(result: Result) -> str:
    return json.dumps(result_json(result), ensure_ascii=False, indent=2) + "\n"
