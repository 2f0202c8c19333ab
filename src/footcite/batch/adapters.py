"""What the batch needs from other modules that they do not offer as public functions (yet).

* `audit_entries`: the archival audit of one document, as the JSON entries of
  `footcite audit --format json`. A batch audits each document on its worker (the consistency
  findings of `archives.audit` compare notes, which only makes sense inside one paper) and
  fills in the reference ids once the corpus is deduplicated.
* `repository_summaries`: the per-repository summary of the audit, computed from the JSON
  entries of the whole corpus (the audit module computes it from its own objects).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from footcite.model import Document, Result


def audit_entries(doc: Document) -> list[dict[str, Any]]:
    """The audit entries (footcite-audit JSON, version 1) of one parsed document."""
    from footcite.archives.audit import resolve
    from footcite.archives.report import entry_json

    audit = resolve(Result(documents=(doc,), references=()))
    return [entry_json(e) for e in audit.entries]


def repository_summaries(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The "repositories" list of the audit JSON for these entries, as `archives.audit` has it."""
    groups: dict[tuple[str | None, str], dict[str, Any]] = {}
    for e in entries:
        repo = e["repository"]
        key = (repo["id"], repo["name_en"]) if repo else (None, e["cited"]["repository"])
        g = groups.setdefault(key, {"citations": 0, "notes": {}, "cited_as": {}, "findings": 0})
        g["citations"] += 1
        g["notes"][(e["document"], e["note"])] = None
        g["cited_as"][e["cited"]["repository"]] = None
        g["findings"] += len(e["findings"])
    out = [
        {
            "id": rid,
            "name": name,
            "citations": g["citations"],
            "notes": [{"document": d, "note": n} for d, n in g["notes"]],
            "cited_as": list(g["cited_as"]),
            "findings": g["findings"],
        }
        for (rid, name), g in groups.items()
    ]
    out.sort(key=lambda s: (s["id"] is None, -s["citations"], s["name"]))
    return out
