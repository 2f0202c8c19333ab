"""The audit as JSON (stable, documented) and as plain text for a terminal.

JSON form, version 1 (keys are only ever added, never renamed or removed)::

    {
      "format": "footcite-audit", "version": 1,
      "archival": [{
        "document": str, "note": int, "kind": "archival" | "photo",
        "citation": str | null,      # citation id in `footcite parse` output, if one was made
        "reference": str | null,     # reference id of that citation
        "text": str,                 # what was cited (repository as written, then this collection)
        "cited": {"repository": str, "place": str | null},
        "repository": {              # null when unresolved or ambiguous
          "id", "name", "name_en", "city", "country", "part_of",
          "isil": {"value": str | null, "uncertain": bool},
          "wikidata": {"value": str | null, "uncertain": bool},
          "match": "exact" | "former" | "context" | "fuzzy",
          "matched_name": str, "score": num | null
        } | null,
        "candidates": [str],         # repository ids considered when none was chosen
        "location": {"place", "fonds", "collection", "series": [str], "file", "box", "folder",
                     "volume", "item", "document", "folio", "date", "classification",
                     "fonds_authority": {"code", "title", "uncertain"} | null,
                     "normalised": str | null, "levels": [{"level", "text", "label", "value",
                     "normalised"}]},   # photo credits add "source", "donor", "author"
        "findings": [{"code": str, "message": str, "severity": "info" | "warning" | "error"}]
      }],
      "repositories": [{"id": str | null, "name": str, "citations": int,
                        "notes": [{"document": str, "note": int}], "cited_as": [str],
                        "findings": int}],
      "summary": {"citations": int, "resolved": int, "unresolved": int, "rate": float}
    }

Identifiers are objects, not bare strings, because the authority marks many of them uncertain
and a consumer must not present a guessed ISIL or QID as established.
"""

from __future__ import annotations

import json
from typing import Any

from footcite.archives.audit import ArchivalEntry, AuditResult
from footcite.archives.authority import Identifier

FORMAT = "footcite-audit"
VERSION = 1


def _identifier(ident: Identifier) -> dict[str, Any]:
    return {"value": ident.value, "uncertain": ident.uncertain}


def entry_json(entry: ArchivalEntry) -> dict[str, Any]:
    res = entry.resolution
    repo = res.repository
    repository = None
    if repo is not None:
        repository = {
            "id": repo.id,
            "name": repo.name,
            "name_en": repo.name_en,
            "city": repo.city,
            "country": repo.country,
            "part_of": repo.part_of,
            "isil": _identifier(repo.isil),
            "wikidata": _identifier(repo.wikidata),
            "match": res.method,
            "matched_name": res.matched_name,
            "score": res.score,
        }
    return {
        "document": entry.document,
        "note": entry.note,
        "kind": entry.kind,
        "citation": entry.citation_id,
        "reference": entry.reference_id,
        "text": entry.text,
        "cited": {"repository": entry.cited_repository, "place": entry.place},
        "repository": repository,
        "candidates": list(res.candidates) if repo is None else [],
        "location": entry.location,
        "findings": [f.to_json() for f in entry.findings],
    }


def audit_json(audit: AuditResult) -> dict[str, Any]:
    """The audit as a JSON-ready dict in the documented, versioned shape."""
    total = len(audit.entries)
    return {
        "format": FORMAT,
        "version": VERSION,
        "archival": [entry_json(e) for e in audit.entries],
        "repositories": [
            {
                "id": s.id,
                "name": s.name,
                "citations": s.citations,
                "notes": [{"document": d, "note": n} for d, n in s.notes],
                "cited_as": list(s.cited_as),
                "findings": s.findings,
            }
            for s in audit.repositories
        ],
        "summary": {
            "citations": total,
            "resolved": audit.resolved,
            "unresolved": total - audit.resolved,
            "rate": round(audit.rate, 4),
        },
    }


def dumps_json(audit: AuditResult) -> str:
    return json.dumps(audit_json(audit), ensure_ascii=False, indent=2) + "\n"


def _ident_text(label: str, ident: Identifier) -> str:
    if ident.value is None:
        return f"{label} unknown"
    return f"{label} {ident.value}" + (" (uncertain)" if ident.uncertain else "")


def dumps_text(audit: AuditResult) -> str:
    """A report to read in a terminal: one block per citation, then the repositories."""
    lines: list[str] = []
    for e in audit.entries:
        repo = e.repository
        lines.append(f"note {e.note} ({e.document}) [{e.kind}]")
        lines.append(f"  cited:      {e.text}")
        if repo is not None:
            ids = ", ".join(
                (_ident_text("ISIL", repo.isil), _ident_text("Wikidata", repo.wikidata))
            )
            lines.append(f"  repository: {repo.name_en} [{repo.id}] ({e.resolution.method}; {ids})")
        else:
            cands = ", ".join(e.resolution.candidates) or "no candidate"
            lines.append(f"  repository: UNRESOLVED {e.cited_repository!r} ({cands})")
        if e.location.get("normalised"):
            lines.append(f"  location:   {e.location['normalised']}")
        if e.fonds is not None:
            doubt = " (uncertain)" if e.fonds.uncertain else ""
            lines.append(f"  fonds:      {e.fonds.code}: {e.fonds.title}{doubt}")
        for key in ("source", "donor", "author"):
            value = e.location.get(key)
            if value:
                shown = ", ".join(value) if isinstance(value, list) else value
                lines.append(f"  {key + ':':11} {shown}")
        for f in e.findings:
            lines.append(f"  {f.severity}: {f.code}: {f.message}")
        lines.append("")
    lines.append("repositories:")
    for s in audit.repositories:
        notes = ", ".join(str(n) for _, n in s.notes)
        lines.append(
            f"  {s.citations:3d} citation(s)  {s.name} [{s.id or 'unresolved'}]  notes {notes}"
            f"  findings {s.findings}"
        )
    lines.append(
        f"resolved {audit.resolved} of {len(audit.entries)} archival citation(s)"
        + (f" ({audit.rate:.0%})" if audit.entries else "")
    )
    return "\n".join(lines) + "\n"
