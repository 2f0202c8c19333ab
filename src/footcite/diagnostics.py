"""Problems footcite reports: errors that stop the work and diagnostics that do not.

A diagnostic is data, returned with the result, so that one bad note or entry never costs the
others (the bibtexparser-v2 and jgm/citeproc habit). Only a `FootciteError` stops a run; the CLI
turns it into one line on stderr and exit code 2.
"""

from __future__ import annotations

from enum import Enum

import attrs


class Severity(str, Enum):
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
