"""One reference from the citations of one work: every value kept, the most complete chosen.

For each field the value chosen is, in order: stated by a full citation rather than a short
form or back-reference (rank), the longest in words (a title with its subtitle, a journal
written out rather than abbreviated), the most often seen, the one with diacritics (Békés over
Bekes), then the first in code-point order, so the choice never depends on input order. Name
lists are merged person by person: "J. L. Gaddis" becomes "John Lewis Gaddis" when another
citation writes the name out. Every other value seen is kept in `custom.variants`; fields
whose values disagree beyond spelling (two years, two page ranges) are listed in
`custom.conflicts`, so that a merge can always be checked and undone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from footcite.dedup.keys import fold
from footcite.dedup.names import DIFFERENT, compare, completeness, person_of
from footcite.formats.csljson import DATE_VARIABLES, NAME_VARIABLES

MAX_VARIANTS = 12
_WORD = re.compile(r"\w+")
_NUMERIC = frozenset(
    ["volume", "issue", "page", "number", "edition", "number-of-pages", "number-of-volumes"]
)


def _canon(value: Any) -> str:
    """A comparable text for any JSON value (strings stand for themselves).

    `repr` rather than `json.dumps`: five times faster, and as deterministic for values read
    the same way (it only tells apart dicts whose keys come in another order).
    """
    if isinstance(value, str):
        return value
    return "\x00" + repr(value)


def _words(value: Any) -> int:
    return len(_WORD.findall(value)) if isinstance(value, str) else 0


def _non_ascii(text: str) -> int:
    """How much of a text is not ASCII (extra UTF-8 bytes: Békés scores over Bekes)."""
    return len(text.encode()) - len(text)


def _distinct(values: Sequence[tuple[int, Any]]) -> dict[str, list[Any]]:
    """canonical text -> [value, count, best rank], in first-seen order."""
    out: dict[str, list[Any]] = {}
    for rank, value in values:
        c = _canon(value)
        entry = out.get(c)
        if entry is None:
            out[c] = [value, 1, rank]
        else:
            entry[1] += 1
            entry[2] = min(entry[2], rank)
    return out


def _pick(values: Sequence[tuple[int, Any]]) -> Any:
    """The preferred value of (rank, value) pairs; see the module docstring."""
    distinct = _distinct(values)
    if len(distinct) == 1:
        return next(iter(distinct.values()))[0]
    best = min(
        distinct.items(),
        key=lambda kv: (
            kv[1][2],
            -_words(kv[1][0]),
            -kv[1][1],
            -_non_ascii(kv[0]),
            -len(kv[0]),
            kv[0],
        ),
    )
    return best[1][0]


def _merge_names(lists: Sequence[tuple[int, Any]]) -> list[Any]:
    """The fullest name list, each name upgraded to its most complete compatible form."""
    base = list(_pick([(r, v) for r, v in lists if isinstance(v, (list, tuple))]) or [])
    out: list[Any] = []
    for pos, name in enumerate(base):
        person = person_of(name)
        if person is None:
            out.append(name)
            continue
        candidates = {_canon(name): name}
        for _, other in lists:
            if isinstance(other, (list, tuple)) and pos < len(other):
                candidates.setdefault(_canon(other[pos]), other[pos])
        best, best_key = name, completeness(person)
        for cand_name in candidates.values():
            cand = person_of(cand_name)
            if cand is None or cand is person or compare(person, cand) == DIFFERENT:
                continue
            key = completeness(cand)
            if key < best_key:
                best, best_key = cand_name, key
        out.append(best)
    return out


def _disagree(field: str, values: list[Any]) -> bool:
    """Whether values differ beyond spelling, case, abbreviation or a dropped subtitle."""
    if field in DATE_VARIABLES:
        years = {
            str((v.get("date-parts") or [[None]])[0][0]) for v in values if isinstance(v, Mapping)
        }
        return len(years - {"None"}) > 1
    if field in NAME_VARIABLES:
        return False
    texts = sorted({fold(str(v)) for v in values})
    if field in _NUMERIC:
        return len(texts) > 1
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = texts[i], texts[j]
            if a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= 80:
                continue
            if fuzz.token_set_ratio(a, b) >= 90:
                continue
            return True
    return False


def merge_fields(members: Sequence[tuple[int, Mapping[str, Any]]]) -> dict[str, Any]:
    """Merged CSL fields of (rank, fields) pairs; variants and conflicts under `custom`."""
    if len(members) == 1:
        return dict(members[0][1])
    seen: dict[str, list[tuple[int, Any]]] = {}
    customs: list[Mapping[str, Any]] = []
    for rank, fields in members:
        for key, value in fields.items():
            if key == "id":
                continue
            if key == "custom":
                if isinstance(value, Mapping):
                    customs.append(value)
                continue
            if value in (None, "", [], {}):
                continue
            seen.setdefault(key, []).append((rank, value))
    merged: dict[str, Any] = {}
    variants: dict[str, list[Any]] = {}
    conflicts: list[str] = []
    for key in sorted(seen):
        values = seen[key]
        distinct = _distinct(values)
        if len(distinct) == 1:
            merged[key] = next(iter(distinct.values()))[0]
            continue
        chosen = _merge_names(values) if key in NAME_VARIABLES else _pick(values)
        merged[key] = chosen
        others = sorted(set(distinct) - {_canon(chosen)})
        if others and key != "type":
            variants[key] = [distinct[o][0] for o in others[:MAX_VARIANTS]]
            if _disagree(key, [e[0] for e in distinct.values()]):
                conflicts.append(key)
    custom: dict[str, Any] = {}
    for c in customs:
        for k, v in c.items():
            custom.setdefault(k, v)
    if variants:
        custom["variants"] = variants
    if conflicts:
        custom["conflicts"] = conflicts
    if custom:
        merged["custom"] = custom
    return merged
