"""CSL-JSON items made safe for citeproc-py: dates, names, numbers and variable names.

citeproc-py crashes on what CSL-JSON allows and citeproc-js accepts: a date given as a string
("1997") or as `{"raw": "Spring 1992"}`, date parts given as strings, names given as a string,
numbers as JSON numbers, the CSL 1.0.2 creator roles (chair, compiler, curator, ...). This
module turns every item into the plain form the engine reads, the way citeproc-js reads the
same input, so that both engines see the same data. Nothing here changes what an item means.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from footcite.formats import csljson

# The schema's name and date variables, plus what CSL-JSON in the wild also carries and
# citeproc-js reads: the "editor-translator" role and a "container" date.
NAME_VARIABLES = csljson.NAME_VARIABLES | {"editor-translator"}
DATE_VARIABLES = csljson.DATE_VARIABLES | {"container"}
NUMBER_VARIABLES = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part-number",
        "printing-number",
        "section",
        "supplement-number",
        "version",
        "volume",
    ]
)
# CSL-JSON keys that are not variables, or that the engine must not see
_SKIP = frozenset({"custom", "categories", "citation-key"})
_ALIASES = {
    "shortTitle": "title-short",
    "journalAbbreviation": "container-title-short",
    "event": "event-title",
    "part": "part-number",
    "printing": "printing-number",
    "supplement": "supplement-number",
}
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
    )
}
_ISO = re.compile(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RANGE = re.compile(r"\s*(?:/|--|–|—|-(?=\d{3,4}\b))\s*")


def engine_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item as both engines should read it (variables only, normalised values)."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = _ALIASES.get(key, key)
        if name in _SKIP or value in (None, "", [], {}):
            continue
        if name in ("id", "type"):
            out[name] = str(value)
        elif name in NAME_VARIABLES:
            names = normalise_names(value)
            if names:
                out[name] = names
        elif name in DATE_VARIABLES:
            date = normalise_date(value)
            if date is not None:
                out[name] = date
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int | float):
            out[name] = str(value)
        elif isinstance(value, str):
            out[name] = value
    out.setdefault("type", "document")
    return out


def normalise_names(value: Any) -> list[dict[str, str]]:
    """A list of CSL name objects; strings become literal names, empty names are dropped."""
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        return []
    names: list[dict[str, str]] = []
    for raw in value:
        if isinstance(raw, str) and raw.strip():
            names.append({"literal": raw.strip()})
            continue
        if not isinstance(raw, dict):
            continue
        literal = raw.get("literal")
        if isinstance(literal, str) and literal.strip():
            names.append({"literal": literal})
            continue
        name = {k: str(raw[k]) for k in _NAME_PARTS if isinstance(raw.get(k), str | int) and raw[k]}
        if name.keys() == {"given"}:
            name = {"literal": name["given"]}
        if name:
            names.append(name)
    return names


def normalise_date(value: Any) -> dict[str, Any] | None:
    """A CSL date with integer date-parts, or a literal; strings and `raw` are parsed."""
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, str):
        return parse_date_text(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    date: dict[str, Any] | None = None
    if isinstance(parts, list) and parts:
        clean = [_int_parts(p) for p in parts[:2]]
        if clean and all(clean):
            if len(clean) == 2 and clean[0] == clean[1]:
                clean = clean[:1]
            date = {"date-parts": clean}
    if date is None:
        text = value.get("raw") or value.get("literal")
        if isinstance(text, str) and text.strip():
            date = parse_date_text(text) if "raw" in value else {"literal": text.strip()}
    if date is None:
        return None
    season = value.get("season")
    if season not in (None, "") and "date-parts" in date:
        date["season"] = _season(season)
    if value.get("circa") not in (None, False, 0, "", "0", "false"):
        date["circa"] = 1
    return date


def _int_parts(parts: Any) -> list[int] | None:
    if not isinstance(parts, list) or not parts:
        return None
    out: list[int] = []
    for part in parts[:3]:
        try:
            number = int(str(part).strip())
        except ValueError:
            return None
        out.append(number)
    if out[0] == 0 and len(out) == 1:
        return None
    if len(out) > 1 and not 1 <= out[1] <= 16:  # 13-16: seasons as months (CSL-JSON)
        out = out[:1]
    if len(out) > 2 and not 1 <= out[2] <= 31:
        out = out[:2]
    return out


def _season(value: Any) -> int | str:
    text = str(value).strip().lower()
    if text.isdigit():
        return int(text)
    return _SEASONS.get(text, str(value))


def parse_date_text(text: str) -> dict[str, Any]:
    """A date from text the way citeproc-js reads `raw`: ISO/EDTF dates and ranges, "May
    1956", "Spring 1992", else a literal."""
    value = text.strip()
    pieces = [p for p in _RANGE.split(value) if p]
    parsed = [_one_date(p) for p in pieces] if 1 <= len(pieces) <= 2 else []
    if parsed and all(p is not None for p in parsed):
        dates = [p[0] for p in parsed if p is not None]
        season = parsed[0][1] if parsed[0] is not None else None
        if len(dates) == 2 and dates[0] == dates[1]:
            dates = dates[:1]
        result: dict[str, Any] = {"date-parts": dates}
        if season is not None:
            result["season"] = season
        return result
    return {"literal": value}


def _one_date(text: str) -> tuple[list[int], int | None] | None:
    text = text.strip().rstrip(".")
    match = _ISO.fullmatch(text)
    if match:
        parts = [int(g) for g in match.groups() if g is not None]
        if len(parts) > 1 and not 1 <= parts[1] <= 12:
            return None
        return parts, None
    words = text.replace(",", " ").split()
    if len(words) in (2, 3) and words[-1].isdigit() and len(words[-1]) <= 4:
        year = int(words[-1])
        head = words[0].lower()
        if head in _SEASONS and len(words) == 2:
            return [year], _SEASONS[head]
        month = _MONTHS.get(head[:3]) if head.isalpha() else None
        if month is not None:
            if len(words) == 3 and words[1].isdigit():
                return [year, month, int(words[1])], None
            if len(words) == 2:
                return [year, month], None
    return None
