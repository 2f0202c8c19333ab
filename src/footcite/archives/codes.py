"""Normalise archival codes and say why: OCR slips, spacing, labels.

A code is only useful if it is the code the archive uses: "XIX-J-l-j" is not an MNL fonds, and
an archivist asked for it will not find it. Scanned papers turn "1" into "l" or "I" and "0"
into "O"; authors write "FO371" and "RG59". Each normalisation here is a `Finding` that names
what was changed and the rule that justified it, so a reader can check the change rather than
trust it. Rules only fire where the position must be a digit (the third part of an MNL code,
the number of a TNA series, the number after "RG" or "f."), so names are never "corrected".
"""

from __future__ import annotations

import re

import attrs

from footcite.archives.hierarchy import Level


@attrs.frozen
class Finding:
    """Something an archivist should know about one citation: a stable code and a message."""

    code: str
    message: str
    severity: str = "warning"  # "info" | "warning" | "error"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "severity": self.severity}


_DIGIT_FOR = {"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"}


def _digits(text: str) -> str:
    return "".join(_DIGIT_FOR.get(ch, ch) for ch in text)


def _slip_message(cited: str, fixed: str, why: str) -> str:
    swaps = sorted({f"'{a}' for '{b}'" for a, b in zip(cited, fixed, strict=False) if a != b})
    return f"{cited!r} read as {fixed!r}: {', '.join(swaps)} ({why})"


_MNL = re.compile(
    r"^(?P<main>[IVXLC]{1,5})-(?P<group>[A-Z])(?:-(?P<fonds>[0-9lIO|]{1,3})(?:-(?P<sub>[a-z]{1,2}))?)?$"
)
_DEPT = re.compile(r"^(?P<dept>[A-Z]{1,5})\s?(?P<num>[0-9lIO|][0-9lIO|]*)(?P<suffix>[A-Z]?)$")
_NUMBERISH = re.compile(r"^(?:R-)?[0-9lIO|]+(?:[-–/.][0-9lIO|]+)*[a-z]?$")


def normalise_mnl(code: str) -> tuple[str, list[Finding]]:
    """'XIX-J-l-j' -> 'XIX-J-1-j': the third part of an MNL fonds code is a number."""
    m = _MNL.match(code)
    if not m or m.group("fonds") is None:
        return code, []
    number = m.group("fonds")
    fixed_number = _digits(number)
    if fixed_number == number:
        return code, []
    fixed = f"{m.group('main')}-{m.group('group')}-{fixed_number}"
    if m.group("sub"):
        fixed += f"-{m.group('sub')}"
    why = (
        "in MNL reference codes the third part, the fonds, is a number "
        "(main group - fonds group - fonds - sub-fonds); 'l' and 'I' are OCR misreadings of '1'"
    )
    return fixed, [Finding("ocr-slip", _slip_message(code, fixed, why))]


def normalise_dept(code: str) -> tuple[str, list[Finding]]:
    """'FO371' -> 'FO 371', 'FO 37l' -> 'FO 371': a department letter code and a number."""
    m = _DEPT.match(code.strip())
    if not m:
        return code, []
    number = _digits(m.group("num"))
    fixed = f"{m.group('dept')} {number}{m.group('suffix')}"
    findings = []
    if number != m.group("num"):
        why = "the series number after the department code is all digits"
        findings.append(Finding("ocr-slip", _slip_message(code, fixed, why)))
    elif fixed != code:
        findings.append(
            Finding(
                "code-spacing", f"{code!r} written as {fixed!r} (code and number apart)", "info"
            )
        )
    return fixed, findings


def normalise_number(value: str, what: str) -> tuple[str, list[Finding]]:
    """A level number in which letters stand for digits ('l2' -> '12')."""
    if not _NUMBERISH.match(value) or not re.search(r"\d", value):
        return value, []
    fixed = _digits(value.replace("Р-", "R-"))
    if fixed == value:
        return value, []
    why = f"a {what} number is all digits"
    return fixed, [Finding("ocr-slip", _slip_message(value, fixed, why))]


_FONDS_LABELS = {"RG": "RG", "Record Group": "RG", "f.": "f.", "fond": "f.", "fonds": "f.",
                 "ф.": "f.", "фонд": "f.", "zesp.": "zesp.", "zespół": "zesp."}  # fmt: skip


def normalise_level(level: Level) -> tuple[str, list[Finding]]:
    """The code of a level as the archive writes it, with the findings that led there."""
    value = level.value.strip()
    if level.kind == "fonds":
        if level.label in _FONDS_LABELS:
            label = _FONDS_LABELS[level.label]
            number, findings = normalise_number(value, "fonds") if label != "zesp." else (value, [])
            if label == "f." and not _NUMBERISH.match(number):
                return number, findings  # "f. KSČ-ÚV-02/2": the code itself, no label
            joined = f"{label} {number}"
            if level.label != label:
                findings.append(
                    Finding("code-label", f"{level.text!r} written as {joined!r}", "info")
                )
            return joined, findings
        if _MNL.match(value):
            return normalise_mnl(value)
        if _DEPT.match(value):
            return normalise_dept(value)
        return value, []
    if level.label == "/":
        return normalise_number(value, "piece")
    if level.label and level.kind in ("file", "box", "folder", "volume", "item", "folio", "series"):
        number, findings = normalise_number(value, level.kind)
        if level.text.startswith(value):  # Hungarian: the number first, "287. ő. e."
            return f"{number}. {level.label}", findings
        return f"{level.label} {number}", findings
    return value, []


def code_candidates(code: str) -> list[str]:
    """A fonds code and its parents, longest first: 'DY 30/J IV 2/2/5' -> ..., 'DY 30'."""
    out = [code]
    while "/" in code:
        code = code.rsplit("/", 1)[0].strip()
        out.append(code)
    parts = code.split("-")
    while len(parts) > 2:
        parts = parts[:-1]
        out.append("-".join(parts))
    return list(dict.fromkeys(out))
