"""Writing output files so that an interrupted write never leaves a truncated bibliography."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from footcite.diagnostics import OutputError


def write_atomic(path: str | Path, text: str, *, overwrite: bool = False) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    target = Path(path)
    if target.exists() and not overwrite:
        raise OutputError(f"{target} exists; pass --overwrite to replace it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder for the output")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot be written ({exc.strerror})") from exc
