"""footcite: footnotes of scholarly writing into a clean, deduplicated, archive-aware bibliography.

The public API, in pipeline order (names are imported on first use, so `import footcite` stays
cheap):

    result = footcite.parse_files(["paper.txt"])       # Result: documents, notes, references
    result = footcite.parse_text(text)                  # the same for a string
    audit = footcite.resolve_archives(result)           # archival citations against the authority
    footcite.write_csljson(result.references).text      # CSL-JSON, BibTeX/BibLaTeX, RIS writers
    footcite.write_bibtex([r.to_csl() for r in result.references], dialect="biblatex").text
    footcite.render(result.notes, result.references, style="chicago-notes-bibliography")
    footcite.to_markdown(result).markdown               # pandoc manuscript with live citations
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "parse_files": ("footcite.pipeline", "run"),
    "parse_text": ("footcite.pipeline", "parse_text"),
    "resolve_archives": ("footcite.archives.audit", "resolve"),
    "render": ("footcite.formats.render", "render"),
    "to_markdown": ("footcite.convert", "to_markdown"),
    "write_csljson": ("footcite.formats.csljson", "write_csljson"),
    "read_csljson": ("footcite.formats.csljson", "read_csljson"),
    "write_bibtex": ("footcite.formats.bibtex", "write_bibtex"),
    "read_bibtex": ("footcite.formats.bibtex", "read_bibtex"),
    "write_ris": ("footcite.formats.ris", "write_ris"),
    "read_ris": ("footcite.formats.ris", "read_ris"),
    "FootciteError": ("footcite.diagnostics", "FootciteError"),
    "Diagnostic": ("footcite.diagnostics", "Diagnostic"),
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'footcite' has no attribute {name!r}")
    module, attr = _EXPORTS[name]
    return getattr(importlib.import_module(module), attr)
