"""BibTeX and BibLaTeX: `write_bibtex(items, dialect=...)` and `read_bibtex(text)`.

Writing maps each CSL-JSON item onto an entry (see `bibtex_fields` for the mapping), gives it
a Better-BibTeX-like key (see `citekeys`), fits a BibLaTeX entry to biber's data model (see
`biblatex_model`: biber --validate-datamodel --dieondatamodel accepts every entry), and then
reads the entry back: whatever does not
come back exactly is added as compact JSON in the field `x-csl`, so that
`read_bibtex(write_bibtex(items).text).items == items`. Values are LaTeX with balanced braces
(see `latex`); `url` and `doi` are written verbatim.

Reading uses bibtexparser v2. Nothing is dropped silently: blocks bibtexparser cannot parse,
duplicate keys and duplicate fields become diagnostics naming the line and key, and the entry
is still returned with what could be read (a duplicate key gets the id `key-2`). Fields that
have no CSL meaning are kept in `custom["bibtex-fields"]`, an unknown entry type in
`custom["bibtex-type"]`. Input that holds no BibTeX at all raises `FormatError`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ExplicitComment,
    ImplicitComment,
    ParsingFailedBlock,
    Preamble,
)
from bibtexparser.model import Field as BibField

from footcite.diagnostics import Diagnostic, FormatError, error, info, warning
from footcite.formats import citekeys
from footcite.formats.biblatex_model import fit
from footcite.formats.bibtex_fields import MONTHS, fields_to_item, item_to_fields
from footcite.formats.citekeys import assign_keys
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

DIALECTS = ("bibtex", "biblatex")


def write_bibtex(items: Iterable[Any], *, dialect: str = "bibtex") -> WriteResult:
    """BibTeX (`dialect="bibtex"`) or BibLaTeX (`"biblatex"`) for CSL-JSON items.

    Each item is written on its own: one that makes the mapping fail is left out with an
    error diagnostic naming it, and every other item is still written."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r}; use 'bibtex' or 'biblatex'")
    plain, diagnostics = plain_items(items)
    plain, keys = _keys(plain, diagnostics)
    blocks = []
    for item, key in zip(plain, keys, strict=True):
        try:
            text, found = _entry(item, key, dialect)
        except Exception as exc:  # one item's failure must not cost the others
            where = f"entry {key} (item {item_name(item)})"
            diagnostics.append(item_failed("bibtex-item-failed", exc, where, "entries"))
            continue
        diagnostics.extend(found)
        blocks.append(text)
    return WriteResult("\n".join(blocks), tuple(diagnostics))


def _keys(plain: list[Item], diagnostics: list[Diagnostic]) -> tuple[list[Item], list[str]]:
    """The items that can have a citation key, and their keys: keys are assigned over all
    items together (collisions get suffixes), so an item whose key cannot be made is found
    and left out before the others get theirs."""
    try:
        return plain, assign_keys(plain)
    except Exception:
        kept = []
        for item in plain:
            try:
                citekeys.base_key(item)
            except Exception as exc:
                where = f"item {item_name(item)}"
                diagnostics.append(item_failed("bibtex-item-failed", exc, where, "entries"))
                continue
            kept.append(item)
        return kept, assign_keys(kept)


def _entry(item: Item, key: str, dialect: str) -> tuple[str, list[Diagnostic]]:
    """One item as an entry with key `key`, and what could not be written exactly."""
    diagnostics: list[Diagnostic] = []
    etype, fields = item_to_fields(item, key, dialect)
    if dialect == "biblatex":
        etype, fields, changes = fit(etype, fields, item)
        for change in changes:
            diagnostics.append(info("biblatex-datamodel", change, f"entry {key}"))
    text = _render(etype, key, fields)
    back = _reread(text)
    payload = overflow_for(item, back) if back is not None else item
    if payload is not None:
        fields.append(("x-csl", dump_overflow(payload), False))
        held = ", ".join(f for f in overflow_fields(payload) if f != "id")
        if held:
            message = f"kept only in x-csl (other readers do not see them): {held}"
            diagnostics.append(info("bibtex-x-csl", message, f"entry {key}"))
        text = _render(etype, key, fields)
        back = _reread(text)
    if back is None or not same(back, item):
        message = "the entry does not read back exactly as the item"
        diagnostics.append(error("bibtex-lossy", message, f"entry {key}"))
    return text, diagnostics


def _render(etype: str, key: str, fields: list[tuple[str, str, bool]]) -> str:
    entry = Entry(etype, key, [_field(name, value, bare) for name, value, bare in fields])
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(bibtexparser.Library([entry]), bibtex_format=layout)


def _field(name: str, value: str, bare: bool) -> BibField:
    return BibField(name, value, enclosing="no-enclosing" if bare else None)


def _reread(text: str) -> Item | None:
    try:
        library = bibtexparser.parse_string(text)
    except Exception:  # the check must never break writing
        return None
    if library.failed_blocks or len(library.entries) != 1:
        return None
    item, _ = _entry_to_item(library.entries[0], {}, "check")
    return item


def read_bibtex(text: str) -> ReadResult:
    """CSL-JSON items from BibTeX or BibLaTeX text, with diagnostics for what was wrong."""
    if not isinstance(text, str):
        raise FormatError(f"BibTeX input must be text, not {type(text).__name__}")
    text = text.removeprefix("\ufeff")
    splitter_log = logging.getLogger("bibtexparser.splitter")
    was_disabled, splitter_log.disabled = splitter_log.disabled, True  # they become diagnostics
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:
        raise FormatError(f"cannot read the input as BibTeX: {exc}") from exc
    finally:
        splitter_log.disabled = was_disabled
    strings = {k.lower(): s.value for k, s in library.strings_dict.items()}
    items: list[Item] = []
    diagnostics: list[Diagnostic] = []
    renamed: list[tuple[Item, str]] = []
    for block in library.blocks:
        where = f"line {block.start_line + 1}" if block.start_line is not None else None
        if isinstance(block, Entry):
            entry: Entry | None = block
        elif isinstance(block, ParsingFailedBlock):
            entry = _failed(block, where, diagnostics)
        else:
            continue
        if entry is not None:
            if not entry.key.strip():
                entry = Entry(entry.entry_type, f"unkeyed-{len(items) + 1}", entry.fields)
                message = f"an entry has no key; it is read with the id {entry.key!r}"
                diagnostics.append(warning("bibtex-no-key", message, where))
            item, found = _entry_to_item(entry, strings, f"entry {entry.key} ({where})")
            items.append(item)
            diagnostics.extend(found)
            if isinstance(block, DuplicateBlockKeyBlock) and item.get("id") == entry.key:
                renamed.append((item, where or ""))
    if not items:
        _check_empty(library, text, diagnostics)
    taken = {item.get("id") for item in items}
    for item, where in renamed:
        number = 2
        while f"{item['id']}-{number}" in taken:
            number += 1
        new = f"{item['id']}-{number}"
        message = f"the repeated key {item['id']!r} is read with the id {new!r}"
        diagnostics.append(info("bibtex-renamed", message, where))
        item["id"] = new
        taken.add(new)
    return ReadResult(tuple(items), tuple(diagnostics))


def _check_empty(library: bibtexparser.Library, text: str, diagnostics: list) -> None:
    kept = (ExplicitComment, Preamble)
    if library.strings or any(isinstance(b, kept) for b in library.blocks):
        diagnostics.append(warning("bibtex-no-entries", "the input has no BibTeX entries"))
        return
    for block in library.blocks:
        if isinstance(block, ImplicitComment):
            lines = [ln for ln in block.comment.splitlines() if not ln.lstrip().startswith("%")]
            if "".join(lines).strip():
                raise FormatError(
                    "the input is not BibTeX: no @entry{...} was found "
                    f"(it starts with {text.strip()[:40]!r})"
                )
    diagnostics.append(warning("bibtex-empty", "the input holds no BibTeX entries"))


def _failed(block: ParsingFailedBlock, where: str | None, diagnostics: list) -> Entry | None:
    """The entry inside a block bibtexparser could not parse, as far as it can be read."""
    inner = block.ignore_error_block
    if isinstance(block, DuplicateBlockKeyBlock) and isinstance(inner, Entry):
        message = f"the key {block.key!r} is used again; both entries are kept"
        diagnostics.append(warning("bibtex-duplicate-key", message, where))
        return _unwrapped(inner)
    if isinstance(block, DuplicateFieldKeyBlock) and isinstance(inner, Entry):
        seen: dict[str, BibField] = {}
        for field in inner.fields:
            if field.key.lower() in seen:
                message = (
                    f"entry {inner.key}: field {field.key!r} appears again; the first value is "
                    f"kept, this one is dropped: {field.value[:80]!r}"
                )
                diagnostics.append(warning("bibtex-duplicate-field", message, where))
            else:
                seen[field.key.lower()] = field
        return _unwrapped(Entry(inner.entry_type, inner.key, list(seen.values())))
    if isinstance(inner, Entry):
        reason = _reason(block.error)
        message = f"entry {inner.key}: {reason}; its fields are read as they are"
        diagnostics.append(warning("bibtex-middleware", message, where))
        return inner
    return _salvage(block.raw or "", _reason(block.error), where, diagnostics)


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "abort_reason", "") or exc or type(exc).__name__)
    return text.split("\n")[0].strip()


def _unwrapped(entry: Entry) -> Entry:
    fields = []
    for field in entry.fields:
        value, bare = _strip_enclosing(str(field.value))
        fields.append(_field(field.key, value, bare))
    return Entry(entry.entry_type, entry.key, fields)


def _strip_enclosing(value: str) -> tuple[str, bool]:
    """The value without its `{...}` or `"..."`, and whether it had none (a macro)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == "{" and _group_close(value) == len(value) - 1:
        return value[1:-1], False
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1], False
    return value, not value.isdigit()


def _group_close(value: str) -> int | None:
    """Index of the brace that closes the one at index 0 (escaped braces do not count)."""
    depth = 0
    for i, char in enumerate(value):
        if char in "{}" and (i == 0 or value[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            if depth == 0:
                return i
    return None


_HEAD = re.compile(r"@\s*([A-Za-z][\w-]*)\s*[{(]\s*([^,\s{}()]*)\s*,?")
_FIELD_START = re.compile(r"^\s*([A-Za-z][\w:.+-]*)\s*=\s*(.*)$")


def _salvage(raw: str, reason: str, where: str | None, diagnostics: list) -> Entry | None:
    head = _HEAD.search(raw)
    if head is None:
        message = f"text bibtexparser could not read was skipped ({reason}): {raw[:60]!r}"
        diagnostics.append(error("bibtex-unreadable", message, where))
        return None
    fields: list[BibField] = []
    current: list[str] = []
    name = None
    for line in (raw[head.end() :] + "\n").splitlines():
        match = _FIELD_START.match(line)
        ended = bool(current) and current[-1].rstrip().endswith(",")
        if match and (name is None or ended or _balanced_enough("\n".join(current))):
            if name is not None:
                fields.append(_salvaged_field(name, current))
            name, current = match.group(1), [match.group(2)]
        elif name is not None:
            current.append(line)
    if name is not None:
        fields.append(_salvaged_field(name, current))
    key = head.group(2) or "unkeyed"
    message = (
        f"entry {key} is broken ({reason}); {len(fields)} field(s) were recovered, "
        "check them against the source"
    )
    diagnostics.append(error("bibtex-broken-entry", message, where))
    seen = {}
    for field in fields:
        seen.setdefault(field.key.lower(), field)
    return Entry(head.group(1), key, list(seen.values()))


def _balanced_enough(text: str) -> bool:
    return text.count("{") <= text.count("}")


def _salvaged_field(name: str, lines: list[str]) -> BibField:
    """A field from the text after `name =`, up to the next field (or the end of the block)."""
    text = "\n".join(lines).strip()
    if text.startswith("{"):
        close = _group_close(text)
        value = text[1:close] if close is not None else text[1:].rstrip().rstrip("},").rstrip()
    elif text.startswith('"'):
        close = text.find('"', 1)
        value = text[1:close] if close > 0 else text[1:].rstrip().rstrip("},").rstrip()
    else:
        value = re.split(r"[,}\n]", text, maxsplit=1)[0].strip()
        return _field(name, value, not value.isdigit())
    return _field(name, value, False)


def _entry_to_item(entry: Entry, strings: dict[str, str], where: str) -> tuple[Item, list]:
    diagnostics: list[Diagnostic] = []
    fields: dict[str, str] = {}
    for field in entry.fields:
        name = field.key.lower()
        value = field.value if isinstance(field.value, str) else str(field.value)
        month = name == "month" and value.lower() in MONTHS
        if field.enclosing == "no-enclosing" and not value.isdigit() and not month:
            value = _resolve(value, strings, where, diagnostics)
        fields.setdefault(name, value)
    overflow = fields.pop("x-csl", None)
    item = fields_to_item(entry.entry_type, entry.key, fields)
    if entry.entry_type.lower() not in _KNOWN_TYPES:
        item.setdefault("custom", {})["bibtex-type"] = entry.entry_type
        message = f"entry type @{entry.entry_type} is unknown; read as {item['type']!r}"
        diagnostics.append(info("bibtex-unknown-type", message, where))
    if fields:
        item.setdefault("custom", {})["bibtex-fields"] = fields
        message = f"fields kept in custom['bibtex-fields']: {', '.join(sorted(fields))}"
        diagnostics.append(info("bibtex-extra-fields", message, where))
    if overflow is not None:
        try:
            item = apply_overflow(item, load_overflow(overflow))
        except ValueError as exc:
            item.setdefault("custom", {}).setdefault("bibtex-fields", {})["x-csl"] = overflow
            diagnostics.append(warning("bibtex-bad-x-csl", f"x-csl field ignored: {exc}", where))
    return item, diagnostics


_KNOWN_TYPES = frozenset(
    """article book mvbook inbook bookinbook suppbook booklet collection mvcollection
    incollection suppcollection dataset manual misc online patent periodical
    suppperiodical proceedings mvproceedings inproceedings reference mvreference
    inreference report set software thesis unpublished conference electronic
    mastersthesis phdthesis techreport www""".split()  # noqa: SIM905
)


def _resolve(value: str, strings: dict[str, str], where: str, diagnostics: list) -> str:
    """The text of an unbraced value: a `#` concatenation or an undefined macro."""
    parts = []
    for piece in _split_concat(value):
        piece = piece.strip()
        inner, bare = _strip_enclosing(piece)
        if not bare or piece.isdigit():
            parts.append(inner)
        elif piece.lower() in strings:
            parts.append(strings[piece.lower()])
        elif piece.lower() in MONTHS:
            parts.append(_MONTH_NAMES[MONTHS.index(piece.lower())])
        else:
            message = f"@string {piece!r} is not defined; its name is kept as the text"
            diagnostics.append(warning("bibtex-undefined-string", message, where))
            parts.append(piece)
    return "".join(parts)


_MONTH_NAMES = """January February March April May June July August September October November
    December""".split()  # noqa: SIM905


def _split_concat(value: str) -> list[str]:
    pieces, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(value[start:i])
            start = i + 1
    pieces.append(value[start:])
    return pieces
