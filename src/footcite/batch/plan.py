"""What a batch will process: the documents of an input folder, and the code that processes them.

Documents are named by their path relative to the input folder, with forward slashes, so that
the output does not depend on where the folder sits or on the operating system; they are taken
in name order, never in the order the file system lists them. The name is also the document key
of its citation ids (`issue-3/kramer.txt-n12-c1`): unlike a rank among the inputs, it does not
change when another document is added, so a document's cached parse stays valid.

`fingerprint` identifies the footcite that parses (its code and packaged data, models and
repository authority included): a cached parse made by another footcite is never reused, and a
worker that runs another footcite than the driver refuses to work.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import attrs

from footcite.diagnostics import InputError


@attrs.frozen
class Source:
    """One input document: its name (relative, POSIX) and where it is on this machine."""

    name: str
    path: Path


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") for p in parts)


def discover(input_dir: Path, pattern: str = "*.txt", exclude: Path | None = None) -> list[Source]:
    """Every file under `input_dir` (recursively) whose name matches `pattern`, by name.

    Hidden files and folders are skipped, and so is `exclude` (the output folder, when it is
    inside the input folder).
    """
    root = input_dir.resolve()
    if not root.is_dir():
        raise InputError(f"{input_dir}: no such folder")
    skip = exclude.resolve() if exclude is not None else None
    found: list[Source] = []
    for path in root.rglob(pattern):
        rel = path.relative_to(root)
        if _hidden(rel.parts) or not path.is_file():
            continue
        if skip is not None and (path.resolve() == skip or skip in path.resolve().parents):
            continue
        found.append(Source(rel.as_posix(), path))
    found.sort(key=lambda s: s.name)
    return found


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of footcite's code and packaged data, as installed where this runs."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            continue
        digest.update(rel.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def content_key(code: str, name: str, data: bytes) -> str:
    """The cache key of one document: what is parsed (name and bytes) and what parses it."""
    digest = hashlib.sha256()
    for part in (code.encode(), name.encode("utf-8"), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()
