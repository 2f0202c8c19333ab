"""RIS: `write_ris(items)` and `read_ris(text)`, through rispy.

Writing maps each CSL-JSON item onto a record (see `ris_fields` for the mapping) and reads it
back; every field that does not come back exactly is stored as JSON in one extra note line,
`N1  - footcite-csl: {...}`, so that `read_ris(write_ris(items).text).items == items`. Values
with line breaks cannot stand in a RIS line and always go there. The CSL id is the `ID` tag
(made unique when items share an id; the overflow restores the shared id).

Reading splits the text into records itself, so that nothing is dropped silently: a record
cut off before its `ER` line is still read, text outside records is reported with its line,
repeated tags that hold one value keep the first and report the rest. Tags with no CSL
meaning are kept in `custom["ris-tags"]`, an unknown type in `custom["ris-type"]`. A record
without an ID gets a Better-BibTeX-like key as id. Text without any `TY  - ` line raises
`FormatError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

import rispy
from rispy.config import LIST_TYPE_TAGS

from footcite.diagnostics import Diagnostic, FormatError, error, info, warning
from footcite.formats.citekeys import base_key, unique
from footcite.formats.common import (
    Item,
    apply_overflow,
    dump_overflow,
    item_failed,
    item_name,
    load_overflow,
    overflow_fields,
    overflow_for,
    plain_items,
    same,
)
from footcite.formats.results import ReadResult, WriteResult
from footcite.formats.ris_fields import NAME_OF, item_to_record, one_line, record_to_item

MARKER = "footcite-csl: "
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]) {1,2}-(?: (.*))?")


class _Writer(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record."""

    DEFAULT_IGNORE: ClassVar[list[str]] = []

    def set_header(self, count: int) -> str:
        return ""


def _dumps(records: list[dict[str, Any]]) -> str:
    return rispy.dumps(records, implementation=_Writer, delimiter_tags_mapping={})


def write_ris(items: Iterable[Any]) -> WriteResult:
    """RIS for CSL-JSON items.

    Each item is written on its own: one that makes the mapping fail is left out with an
    error diagnostic naming it, and every other item is still written."""
    plain, diagnostics = plain_items(items)
    wanted = [_ris_id(item.get("id")) for item in plain]
    given = iter(unique([i for i in wanted if i is not None]))
    chunks = []
    for item, want in zip(plain, wanted, strict=True):
        ris_id = next(given) if want is not None else None
        try:
            text, found = _record_text(item, ris_id)
        except Exception as exc:  # one item's failure must not cost the others
            where = f"item {item_name(item)}"
            diagnostics.append(item_failed("ris-item-failed", exc, where, "records"))
            continue
        diagnostics.extend(found)
        chunks.append(text)
    return WriteResult("\n".join(chunks), tuple(diagnostics))


def _record_text(item: Item, ris_id: str | None) -> tuple[str, list[Diagnostic]]:
    """One item as a RIS record with ID `ris_id`, and what could not be written exactly."""
    diagnostics: list[Diagnostic] = []
    record = item_to_record(item, ris_id)
    back = _reread([record])
    payload = overflow_for(item, back) if back is not None else item
    if payload is not None:
        held = ", ".join(f for f in overflow_fields(payload) if f != "id")
        if held:
            where = f"item {ris_id or item.get('title', '')}"
            message = f"kept only in the footcite-csl note (other readers do not see them): {held}"
            diagnostics.append(info("ris-overflow", message, where))
        note = MARKER + dump_overflow(payload, brace_safe=False)
        record.setdefault(NAME_OF["N1"], []).append(note)
        back = _reread([record])
    if back is None or not same(back, item):
        where = f"item {ris_id or item.get('title', '')}"
        message = "the record does not read back exactly as the item"
        diagnostics.append(error("ris-lossy", message, where))
    return _dumps([record]), diagnostics


def _ris_id(value: Any) -> str | None:
    if isinstance(value, str) and value and value.strip() == value and one_line(value):
        return value
    return None


def _reread(records: list[dict[str, Any]]) -> Item | None:
    try:
        result = read_ris(_dumps(records))
    except Exception:  # the check must never break writing
        return None
    return result.items[0] if len(result.items) == 1 else None


def read_ris(text: str) -> ReadResult:
    """CSL-JSON items from RIS text, with diagnostics for what was wrong."""
    if not isinstance(text, str):
        raise FormatError(f"RIS input must be text, not {type(text).__name__}")
    diagnostics: list[Diagnostic] = []
    records = _split(text.removeprefix("\ufeff"), diagnostics)
    if not records:
        if text.strip():
            raise FormatError(
                "the input is not RIS: no record starting with 'TY  - ' was found "
                f"(it starts with {text.strip()[:40]!r})"
            )
        diagnostics.append(warning("ris-empty", "the input holds no RIS records"))
        return ReadResult((), tuple(diagnostics))
    parsed = []
    for line_no, lines in records:
        where = f"record at line {line_no}"
        try:
            found = rispy.loads(
                "\n".join(lines), enforce_list_tags=False, delimiter_tags_mapping={}
            )
        except Exception as exc:  # rispy should not fail on split records; report if it does
            diagnostics.append(error("ris-unreadable", f"record could not be read: {exc}", where))
            continue
        for record in found:
            parsed.append((where, *_record(record, where, diagnostics)))
    ids = _read_ids([(ris_id, item) for _, item, ris_id, _ in parsed])
    items = []
    for (where, item, ris_id, overflow), csl_id in zip(parsed, ids, strict=True):
        if ris_id is not None and csl_id != ris_id:
            message = f"ID {ris_id!r} is used again; this record is read with the id {csl_id!r}"
            diagnostics.append(warning("ris-duplicate-id", message, where))
        item = {"id": csl_id, **item}
        if overflow is not None:
            try:
                item = apply_overflow(item, load_overflow(overflow))
            except ValueError as exc:
                item.setdefault("custom", {}).setdefault("ris-tags", {})["N1"] = MARKER + overflow
                message = f"footcite-csl note ignored: {exc}"
                diagnostics.append(warning("ris-bad-overflow", message, where))
        items.append(item)
    return ReadResult(tuple(items), tuple(diagnostics))


def _read_ids(records: list[tuple[str | None, Item]]) -> list[str]:
    """CSL ids: the records' own IDs first, then made-up keys for the rest that avoid them.

    A made-up key must never take an ID a later record really carries, or that record would
    be renamed and its id lost on the way back.
    """
    given = unique([ris_id for ris_id, _ in records if ris_id is not None])
    taken = set(given)
    real = iter(given)
    ids = []
    for ris_id, item in records:
        if ris_id is not None:
            ids.append(next(real))
            continue
        key = base = base_key(item)
        n = 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        taken.add(key)
        ids.append(key)
    return ids


def _split(text: str, diagnostics: list[Diagnostic]) -> list[tuple[int, list[str]]]:
    """The records as (first line number, lines in rispy's form), each ending in ER."""
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    stray: list[int] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        match = _TAG_LINE.fullmatch(line)
        tag = match.group(1) if match else None
        if match:
            line = f"{tag}  - {match.group(2) or ''}"
        if tag == "TY":
            if current is not None:
                _truncated(start, diagnostics)
                records.append((start, [*current, "ER  - "]))
            current, start = [line], number
        elif current is None or (tag is None and len(current) == 1):
            if line.strip():  # outside a record, or text with no tag to continue
                stray.append(number)
        elif tag == "ER":
            records.append((start, [*current, "ER  - "]))
            current = None
        elif line.strip():
            current.append(line)
    if current is not None:
        _truncated(start, diagnostics)
        records.append((start, [*current, "ER  - "]))
    if stray and records:
        shown = ", ".join(str(n) for n in stray[:10]) + (", ..." if len(stray) > 10 else "")
        message = f"text that belongs to no tag or record was skipped: lines {shown}"
        diagnostics.append(warning("ris-stray-text", message))
    return records


def _truncated(line: int, diagnostics: list[Diagnostic]) -> None:
    message = "record has no 'ER  - ' line; it is read up to where the next one starts"
    diagnostics.append(error("ris-truncated", message, f"record at line {line}"))


def _record(record: dict[str, Any], where: str, diagnostics: list) -> tuple:
    notes = record.pop(NAME_OF["N1"], [])
    notes = notes if isinstance(notes, list) else [notes]
    ris_id = record.get("id")
    ris_id = ris_id[0] if isinstance(ris_id, list) else ris_id
    item, rest = record_to_item(record)
    overflow = None
    plain_notes = []
    for note in notes:
        if isinstance(note, str) and note.startswith(MARKER) and overflow is None:
            overflow = note[len(MARKER) :]
        elif isinstance(note, str) and note:
            plain_notes.append(note)
    if plain_notes:
        item["note"] = "\n".join(plain_notes)
    unknown = rest.pop("unknown_tag", None) or rest.pop("UK", None) or {}
    rest.update({tag: values for tag, values in dict(unknown).items()})
    rest.pop("ER", None)
    for tag, value in rest.items():
        if isinstance(value, list) and tag in NAME_OF and tag not in LIST_TYPE_TAGS:
            message = (
                f"tag {tag} holds one value but appears {len(value) + 1} times; the first is "
                f"used, the others are kept in custom['ris-tags']"
            )
            diagnostics.append(warning("ris-repeated-tag", message, where))
    if rest:
        tags = dict(rest)
        item.setdefault("custom", {})["ris-tags"] = tags
        message = f"tags kept in custom['ris-tags']: {', '.join(sorted(tags))}"
        diagnostics.append(info("ris-extra-tags", message, where))
    return item, ris_id if isinstance(ris_id, str) and ris_id else None, overflow
