"""What the bibliography format writers and readers return: text or items, plus diagnostics."""

from __future__ import annotations

from typing import Any

import attrs

from footcite.diagnostics import Diagnostic


@attrs.frozen
class WriteResult:
    """The written file and what could not be written exactly."""

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()


@attrs.frozen
class ReadResult:
    """The CSL-JSON items read, in file order, and what was wrong with the input."""

    items: tuple[dict[str, Any], ...]
    diagnostics: tuple[Diagnostic, ...] = ()
