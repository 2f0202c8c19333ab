"""A writer's journey: references for Zotero and LaTeX, and the paper as a live manuscript.

    python examples/writer_export.py [PAPER] [OUT_DIR]

Writes OUT_DIR/zotero.json (import in Zotero: File > Import, CSL JSON), OUT_DIR/paper.bib
(BibLaTeX, for biber), OUT_DIR/paper.md + OUT_DIR/refs.json (pandoc --citeproc renders it in
any CSL style).
"""

from __future__ import annotations

import sys
from pathlib import Path

import footcite

paper = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("bekes-2002.txt")
out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out")
out.mkdir(parents=True, exist_ok=True)

result = footcite.parse_files([paper])
(out / "zotero.json").write_text(footcite.write_csljson(result.references).text, "utf-8")
items = [ref.to_csl() for ref in result.references]
(out / "paper.bib").write_text(footcite.write_bibtex(items, dialect="biblatex").text, "utf-8")
manuscript = footcite.to_markdown(result)
(out / "paper.md").write_text("---\nbibliography: refs.json\n---\n\n" + manuscript.markdown, "utf-8")
(out / "refs.json").write_text(footcite.write_csljson(manuscript.references).text, "utf-8")
print(f"wrote {len(items)} references and a manuscript with {len(result.notes)} footnotes to {out}")
