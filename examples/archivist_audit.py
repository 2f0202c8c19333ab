"""An archivist's audit: how a paper cites archival holdings, as text and as an HTML page.

    python examples/archivist_audit.py [PAPER] [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import footcite
from footcite.archives import dumps_text, render_html

paper = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("bekes-2002.txt")
out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out")
out.mkdir(parents=True, exist_ok=True)

audit = footcite.resolve_archives(footcite.parse_files([paper]))
print(dumps_text(audit))
(out / "audit.html").write_text(render_html(audit), "utf-8")
print(f"report written to {out / 'audit.html'}")
