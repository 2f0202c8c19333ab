"""A developer's tour: parse a paper, walk its citations, export its references.

    python examples/developer_api.py [PAPER] [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import footcite

paper = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("bekes-2002.txt")
out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out")
out.mkdir(parents=True, exist_ok=True)

result = footcite.parse_files([paper])
for note in result.notes:
    for citation in note.citations:
        where = f"note {note.number}"
        locator = f", {citation.label} {citation.locator}" if citation.locator else ""
        print(f"{where}: {citation.reference_id}{locator}")

print(f"{len(result.notes)} notes, {len(result.references)} references")
(out / "references.json").write_text(footcite.write_csljson(result.references).text, "utf-8")
items = [ref.to_csl() for ref in result.references]
(out / "references.bib").write_text(footcite.write_bibtex(items, dialect="biblatex").text, "utf-8")
(out / "references.ris").write_text(footcite.write_ris(items).text, "utf-8")
rendered = footcite.render(result.notes, result.references, style="chicago-notes-bibliography")
print(rendered.notes[0].text)
