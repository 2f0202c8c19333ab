"""What makes a batch resumable: one cache entry per parsed document, keyed by content hash.

A document's parse is saved (atomically) the moment it arrives from its worker, under the hash
of its name, its bytes and the footcite that parsed it (`plan.content_key`). An interrupted or
failed batch therefore loses only the documents that were being parsed; a rerun parses the
documents that are new or changed and reuses the others. Deduplication and the outputs are
always recomputed from the cache: they depend on every document at once.

A cache entry is two zlib-compressed sections: the dedup records (read for every document at
the start of dedup) and the notes, diagnostics and audit entries (read only when the outputs
are written), so the driver never holds the notes of the whole corpus.

A lock file keeps two batches from writing one output folder at the same time; the operating
system releases it when the process ends, however it ends.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from footcite.diagnostics import OutputError

MAGIC = b"FCB1"
STATE_DIR = ".footcite-batch"
_HEADER = struct.Struct(">4sQ")


def make_blob(records: list[str], body: dict[str, Any]) -> bytes:
    """One cache entry from a document's record lines and its notes/diagnostics/audit."""
    head = zlib.compress("\n".join(records).encode("utf-8"), 6)
    tail = zlib.compress(json.dumps(body, ensure_ascii=False).encode("utf-8"), 6)
    return _HEADER.pack(MAGIC, len(head)) + head + tail


def _split(blob: bytes) -> tuple[bytes, bytes]:
    magic, size = _HEADER.unpack_from(blob)
    if magic != MAGIC:
        raise ValueError("not a footcite batch cache entry")
    start = _HEADER.size
    return blob[start : start + size], blob[start + size :]


def blob_records(blob: bytes) -> list[str]:
    """The record lines of a cache entry (see `tasks._records`)."""
    text = zlib.decompress(_split(blob)[0]).decode("utf-8")
    return text.split("\n") if text else []


def blob_body(blob: bytes) -> dict[str, Any]:
    """The notes, diagnostics and audit entries of a cache entry."""
    return json.loads(zlib.decompress(_split(blob)[1]).decode("utf-8"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()
"""Outputs are shared files (an archive's bibliography): the mode of a file `open` makes."""


def temporary(path: Path) -> tuple[int, str]:
    """A temporary file beside `path` (same file system, so `os.replace` is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, FILE_MODE)
    return fd, tmp


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    fd, tmp = temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from exc


class Cache:
    """Parsed documents on disk, under OUT_DIR/.footcite-batch/cache/<2 hex>/<hash>."""

    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / STATE_DIR / "cache"

    def path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            blob = self.path(key).read_bytes()
        except OSError:
            return None
        return blob if blob[:4] == MAGIC else None

    def put(self, key: str, blob: bytes) -> None:
        write_bytes_atomic(self.path(key), blob)

    def prune(self, keep: Iterable[str]) -> int:
        """Remove the entries of documents that are no longer in the input; returns how many."""
        wanted = set(keep)
        removed = 0
        if not self.root.is_dir():
            return 0
        for path in self.root.glob("*/*"):
            if path.name not in wanted and not path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)
                removed += 1
        return removed


class Lock:
    """An exclusive lock on an output folder, held while the batch runs."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / STATE_DIR / "lock"
        self._handle: TextIO | None = None

    def __enter__(self) -> Lock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.path, "w")  # held until __exit__
        try:
            import fcntl
        except ImportError:  # pragma: no cover (not a POSIX system: no lock)
            return self
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._handle.close()
            raise OutputError(
                f"{self.path.parent.parent}: another footcite batch is writing here"
            ) from exc
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()


def previous_outputs(out_dir: Path) -> list[str]:
    """The per-document outputs the last batch wrote (relative paths), to remove stale ones."""
    try:
        data = json.loads((out_dir / STATE_DIR / "outputs.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(p) for p in data] if isinstance(data, list) else []


def save_outputs(out_dir: Path, outputs: list[str]) -> None:
    text = json.dumps(sorted(outputs), ensure_ascii=False, indent=0) + "\n"
    write_bytes_atomic(out_dir / STATE_DIR / "outputs.json", text.encode("utf-8"))
