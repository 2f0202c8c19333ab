"""Safe reading of input files into `SourceText`.

Everything footcite parses passes through here, so this is where hostile input stops: files
that are missing, empty, too large or binary raise `InputError` with a message a user can act
on; undecodable bytes and mojibake are repaired with a diagnostic instead of a silent change.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import ftfy

from footcite import diagnostics as diag
from footcite.diagnostics import InputError
from footcite.model import SourceText

MAX_BYTES = 20 * 1024 * 1024
"""Inputs above this are refused: a footnoted paper is kilobytes, a book a few megabytes."""

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first block mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and chr(b) not in _CONTROL_OK)
    return controls / len(head) > 0.05


def _decode(data: bytes, name: str) -> tuple[str, str, list[diag.Diagnostic]]:
    notes: list[diag.Diagnostic] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), codec, notes
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Central European texts are most often Windows-1250 or Latin-2; Windows-1250
    # decodes every byte but five, so prefer it when it yields no replacement characters.
    for codec in ("cp1250", "iso-8859-2", "cp1252"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        notes.append(
            diag.warning(
                "input-encoding",
                f"not valid UTF-8; read as {codec} (save the file as UTF-8 to be sure)",
                name,
            )
        )
        return text, codec, notes
    text = data.decode("utf-8", errors="replace")
    notes.append(diag.error("input-encoding", "undecodable bytes replaced by U+FFFD", name))
    return text, "utf-8", notes


def _repair(text: str, name: str) -> tuple[str, list[diag.Diagnostic]]:
    """Fix mojibake (UTF-8 read as Latin-1/Windows-125x) but keep the text's own quotes."""
    notes: list[diag.Diagnostic] = []
    fixed = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization="NFC",
        fix_latin_ligatures=False,
        fix_character_width=False,
        remove_terminal_escapes=True,
        remove_control_chars=False,
        explain=False,
    )
    if fixed != unicodedata.normalize("NFC", text):
        notes.append(diag.warning("input-mojibake", "repaired mis-decoded characters", name))
    # Hungarian texts typed with Latin-1 fonts show ô/û for ő/ű; that is the author's text,
    # not an encoding error, so it is kept and only reported.
    if any(ch in fixed for ch in "ôûÔÛ") and any(ch in fixed for ch in "áéíóöüÁÉ"):
        notes.append(
            diag.info(
                "input-hungarian-circumflex",
                "text uses ô/û where Hungarian has ő/ű (kept as written)",
                name,
            )
        )
    return fixed, notes


def normalise_text(text: str, name: str = "<text>") -> SourceText:
    """Normalise text already in memory (line ends, NFC, mojibake)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    repaired, notes = _repair(text, name)
    return SourceText(name=name, text=repaired, diagnostics=tuple(notes))


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read a text file for parsing, or raise `InputError` saying why it cannot be."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a folder, not a text file")
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    if size > max_bytes:
        raise InputError(
            f"{name}: {size / 1e6:.1f} MB is more than the {max_bytes / 1e6:.0f} MB limit "
            "for one document; split it"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from exc
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text (convert it to .txt first)")
    text, encoding, notes = _decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: the file holds no text")
    source = normalise_text(text, name)
    return SourceText(
        name=name,
        text=source.text,
        encoding=encoding,
        diagnostics=(*notes, *source.diagnostics),
    )
