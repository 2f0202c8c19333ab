"""Problems footcite reports: errors that stop the work and diagnostics that do not.

A diagnostic is data, returned with the result, so that one bad note or entry never costs the
others (the bibtexparser-v2 and jgm/citeproc habit). Only a `FootciteError` stops a run; the CLI
turns it into one line on stderr and exit code 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

import attrs


class Severity(StrEnum):
    """How much a diagnostic matters; `error` means data was lost or could not be read."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@attrs.frozen
class Diagnostic:
    """One finding about the input, with where it was found (file, note, entry)."""

    code: str
    severity: Severity
    message: str
    where: str | None = None

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.severity.value}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "where": self.where,
        }


def place(
    source: str | None = None,
    *,
    note: int | None = None,
    line: int | None = None,
    entry: str | None = None,
) -> str | None:
    """The `where` of a diagnostic, always in the same shape: `file: note 3`, `file: line 12`,
    `file: entry kovrig-1991`. Users grep for these, so every stage should build them here."""
    parts = [p for p in (source,) if p]
    if note is not None:
        parts.append(f"note {note}")
    if line is not None:
        parts.append(f"line {line}")
    if entry is not None:
        parts.append(f"entry {entry}")
    return ": ".join(parts) or None


def exit_code(diagnostics: Iterable[Diagnostic]) -> int:
    """The CLI's exit code for finished work: 1 when any diagnostic is an error, else 0."""
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE_CHARS = 1000


def for_terminal(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text` safe to print on one terminal line: messages quote hostile input, whose escape
    sequences could rewrite the screen and whose bidi controls could reorder what is shown."""
    text = text.replace("\n", "⏎").replace("\t", " ")
    text = _UNPRINTABLE.sub(
        lambda m: (
            f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 256 else f"\\u{ord(m.group(0)):04x}"
        ),
        text,
    )
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def info(code: str, message: str, where: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, where)


def warning(code: str, message: str, where: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, where)


def error(code: str, message: str, where: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, where)


class FootciteError(Exception):
    """Base of everything that stops footcite from doing the work it was asked for.

    The message is written for the user: it says what went wrong and, where it can, what to do.
    """

    code = "footcite-error"


class InputError(FootciteError):
    """The input cannot be read as text: missing, empty, binary, too large, undecodable."""

    code = "input"


class StyleError(FootciteError):
    """A CSL style cannot be found or is not safe or valid to use."""

    code = "style"


class FormatError(FootciteError):
    """A bibliography file (CSL-JSON, BibTeX, RIS) cannot be read at all."""

    code = "format"


class OutputError(FootciteError):
    """An output file cannot be written (exists without --overwrite, unwritable folder)."""

    code = "output"


class LimitError(FootciteError):
    """The input is within the size limit but would take longer than the time limit: such text
    is built to be slow (or is not a paper), and stopping says so instead of hanging."""

    code = "limit"
