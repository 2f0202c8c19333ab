"""Archival references: the repository authority, resolution, normalisation and the audit.

    from footcite.pipeline import run
    from footcite.archives import resolve, audit_json, render_html
    audit = resolve(run(["paper.txt"]))   # AuditResult, a pure function of the Result

`resolve` never changes the parse result; it adds what the authority knows. The names are
loaded on first use, because the parse stage imports `footcite.archives.authority` and must
not pull in the audit (which imports the parse stage) while it is being imported.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ArchivalEntry": "footcite.archives.audit",
    "AuditResult": "footcite.archives.audit",
    "RepositorySummary": "footcite.archives.audit",
    "resolve": "footcite.archives.audit",
    "audit_json": "footcite.archives.report",
    "dumps_json": "footcite.archives.report",
    "dumps_text": "footcite.archives.report",
    "render_html": "footcite.archives.report_html",
    "resolve_repository": "footcite.archives.match",
    "load_authority": "footcite.archives.authority",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'footcite.archives' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
