"""Writing output files so that an interrupted write never leaves a truncated bibliography.

The text is encoded first (so a character that cannot be written fails before any file is
touched), written to a temporary file in the target's folder, flushed to disk, and renamed over
the target in one step: a reader sees the old file or the new one, never half of one. Without
`overwrite` an existing file is never replaced, and the check is the rename itself (a hard
link, which fails if the name exists), so no other process can slip a file in between.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from footcite.diagnostics import OutputError


def _umask() -> int:
    """The process umask: from /proc where there is one (setting it to read it back would
    race with other threads), else by setting and restoring it."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _publish(tmp: str, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # atomic "create if absent"
    except FileExistsError as exc:
        raise OutputError(f"{target} exists; pass --overwrite to replace it") from exc
    except OSError:
        # file systems without hard links (FAT, some network shares): check, then rename
        if target.exists():
            raise OutputError(f"{target} exists; pass --overwrite to replace it") from None
        os.replace(tmp, target)
        return
    Path(tmp).unlink(missing_ok=True)


def write_atomic(path: str | Path, text: str | bytes, *, overwrite: bool = False) -> None:
    """Write `text` as UTF-8 (or bytes as they are, such as a .docx) to `path` through a
    temporary file and a rename.

    Raises `OutputError` when the file exists and `overwrite` is false, when `path` is a
    folder, when its folder does not exist or cannot be written, or when `text` holds
    characters UTF-8 cannot encode (lone surrogates); nothing is left behind in any case.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name for the output")
    if target.exists() and not overwrite:
        raise OutputError(f"{target} exists; pass --overwrite to replace it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder for the output")
    try:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"{target}: the output holds a character UTF-8 cannot encode at position "
            f"{exc.start} ({exc.reason}); nothing was written"
        ) from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); an output gets the mode any new file gets,
        # or keeps the mode of the file it replaces
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        _publish(tmp, target, overwrite)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    finally:  # on any failure, KeyboardInterrupt included, no temporary file is left
        Path(tmp).unlink(missing_ok=True)
