"""Running citeproc-js (npm `citeproc`, the reference CSL engine) beside footcite.

`tests/interop/js/render.js` is the driver; `run(items, notes, style)` feeds it the same
CSL-JSON and notes footcite renders and returns its notes and bibliography. `available()`
says why it cannot run (node or the npm package missing) so tests can skip with that reason;
`.ci/run` installs both (`npm ci --prefix tests/interop/js`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import citeproc

from footcite.formats.cslitems import engine_item
from footcite.formats.positions import CitingNote
from footcite.formats.styles import resolve_style

JS_DIR = Path(__file__).resolve().parent / "js"
DRIVER = JS_DIR / "render.js"
LOCALES = Path(citeproc.LOCALES_PATH)


def available() -> str | None:
    """None when citeproc-js can run here, else the reason it cannot."""
    if shutil.which("node") is None:
        return "node is not installed (apt-get install nodejs)"
    if not (JS_DIR / "node_modules" / "citeproc").is_dir():
        return "npm package citeproc is not installed (npm ci --prefix tests/interop/js)"
    return None


def request(
    items: Sequence[Mapping[str, Any]],
    notes: Sequence[CitingNote],
    style: str,
    output: str = "text",
    bibliography: bool = True,
) -> dict[str, Any]:
    """The driver's JSON request: the items as footcite's engine sees them (normalised the
    same way, so both engines get the same data), every note with its number."""
    return {
        "style": str(resolve_style(style)),
        "locales": str(LOCALES),
        "format": output,
        "bibliography": bibliography,
        "items": [engine_item(item) for item in items],
        "notes": [
            {
                "number": note.number,
                "cites": [
                    {
                        k: v
                        for k, v in (
                            ("id", c.id),
                            ("locator", c.locator),
                            ("label", (c.label or "page") if c.locator else None),
                            ("prefix", c.prefix),
                            ("suffix", c.suffix),
                        )
                        if v is not None
                    }
                    for c in note.cites
                ],
            }
            for note in notes
        ],
    }


def run(
    items: Sequence[Mapping[str, Any]],
    notes: Sequence[CitingNote],
    style: str,
    output: str = "text",
    bibliography: bool = True,
) -> dict[str, Any]:
    """citeproc-js's {"notes": [{"number", "text"}], "bibliography": [...]}."""
    payload = json.dumps(request(items, notes, style, output, bibliography), ensure_ascii=False)
    proc = subprocess.run(
        ["node", str(DRIVER)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"citeproc-js failed: {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)
