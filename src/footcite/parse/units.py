"""Cut a note into units: sentences and semicolon-separated parts, with their offsets.

A citation never ends inside a bracket, a parenthesis or a quotation, and a full stop after an
initial ("H."), a role word ("ed.") or a locator word ("p.") is not a sentence end; everything
else that looks like ". Next" is. Units are the atoms the segmenter groups into citations.
"""

from __future__ import annotations

import re
from functools import lru_cache

import attrs

_NOT_END = re.compile(
    r"(?:\b[A-ZÀ-ÖØ-ÞŐŰČŠŽŘ]|\b(?:[Mm]rs?|Dr|St|Jr|Sr|Prof|vs|[Cc]f|ca|cc|[Nn]os?|[Vv]ols?|"
    r"pp?|[Ee]ds?|[Tt]rans|[Ff]ord|[Ss]zerk|[Hh]rsg|[Rr]ed|[Ii]ss|[Ss]er|Dept|Univ|Inc|Ltd|"
    r"Co|[Cc]h|[Ff]ig|[Rr]ev|[Ee]dn|[Aa]ufl|[Ss]|[Bb]d|[Hh]|[Tt]|[Ss]v|[Čč]|[Rr]oč|[Ss]ygn|"
    r"[Ff]|[Oo]p|[Dd]|[Ll]l?|[Kk]|[Ii]\.\s?e|[Ee]\.\s?g|[Ii]\.\s?m|U\.\s?S|D\.\s?C|N\.\s?J|"
    r"N\.\s?Y|U\.\s?K|[Ee]tc|[Ii]bid|[Ii]d|[Uu]o|[Ll]oc|[Cc]it|[Aa]rt|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sept?|Oct|Nov|Dec|évf|sz|[Nn]r|[Ii]d|[Kk]at|[Gg]en|[Ss]en|Rep|Gov|Gen|Col|Adm|Lt|"
    r"Capt|Maj|Sgt|Rt|Hon|[Aa]\.\s?a\.\s?O))\.$"
)
_OPEN = "([{“«„‘"
_CLOSE = ")]}”»“’"
_PAIR = {")": "(", "]": "[", "}": "{", "”": "“", "»": "«", "’": "‘"}


@attrs.frozen
class Unit:
    """A piece of a note between boundaries; `after` is the boundary that ends it."""

    start: int
    end: int
    text: str
    after: str  # "." sentence end, ";" semicolon, "" end of note


def split_units(note: str) -> list[Unit]:
    """Units of a note; cached, as the segmenter and the learned features both need them."""
    return list(_split_units(note))


@lru_cache(maxsize=1024)
def _split_units(note: str) -> tuple[Unit, ...]:
    return tuple(_scan(note))


_MARK = re.compile(r"[(\[{“«„‘)\]}”»’\";.!?]")
"""The characters `_scan` acts on (brackets, quotes, sentence and semicolon marks); it jumps
over the others, which neither open nor close anything nor end a unit."""


def _scan(note: str) -> list[Unit]:
    units: list[Unit] = []
    depth: list[str] = []
    start = 0
    i = 0
    n = len(note)
    while True:
        mark = _MARK.search(note, i)
        if mark is None:
            break
        i = mark.start()
        ch = note[i]
        if ch in _OPEN and not (ch == "“" and depth and depth[-1] == "„"):
            if ch == "“" and depth and depth[-1] == "“":
                depth.pop()
            else:
                depth.append(ch)
        elif ch in _CLOSE:
            want = _PAIR.get(ch)
            if (
                (ch == "“" and depth and depth[-1] == "„")
                or (want and depth and depth[-1] == want)
                or (ch == "”" and depth and depth[-1] == "„")
            ):
                depth.pop()
        elif ch == '"':
            if depth and depth[-1] == '"':
                depth.pop()
            else:
                depth.append('"')
        if len(depth) > 3:
            depth = depth[-3:]
        boundary = ""
        if not depth or all(d == '"' for d in depth):
            if ch == ";":
                boundary = ";"
            elif ch in ".!?" and _is_sentence_end(note, i):
                boundary = "."
        if boundary:
            j = i + 1
            while j < n and note[j] in '”"’»)':
                j += 1
            _push(units, note, start, j, boundary)
            start = j
            i = j
            depth = []
            continue
        i += 1
    _push(units, note, start, n, "")
    return units


def _push(units: list[Unit], note: str, start: int, end: int, after: str) -> None:
    chunk = note[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    e = start + len(chunk.rstrip())
    if e > s:
        units.append(Unit(s, e, note[s:e], after))


# The next word after a sentence mark: closing quotes and brackets, white space, its first
# character. Matched at the position after the mark (never a closing character, so the
# lookbehind holds there); the lookbehind and the possessive runs keep a search with it linear,
# where one would otherwise rescan a long run of quotes from each of its characters.
_NEXT_WORD = re.compile(r"(?<![”\"’»)])[”\"’»)]*+\s++(\S)")
_LOWER_NEXT = re.compile(r"(?<!\s)\s++[a-zöüóőúéáűí]")


_RU_LEVEL = re.compile(r"\s++(?:F|Ф|Op|Оп|D|Д|L|Ll|Л|Лл)\.\s*+(?:R-|Р-)?\d")
"""After a full stop, a Russian level label and its number: the full stop separates the levels
of one archival reference ("GARF. F. R-9401. Op. 2. D. 65. L. 1–3."), it ends no sentence."""


_PAGES_END = re.compile(r"\d\.?\s*(?:pp|o|old)\.$")
_ORDINAL_END = re.compile(r"\b\d{1,4}\.$")
_WORD_END = re.compile(r"[a-z]{3,}\.$")


def _is_sentence_end(note: str, i: int) -> bool:
    # matched in place, not on the slice after i: copying the rest of the note at every full
    # stop made cutting a note quadratic in its length
    m = _NEXT_WORD.match(note, i + 1)
    if not m:
        return False
    nxt = m.group(1)
    if not (nxt.isupper() or nxt in '“"„‘«[(' or nxt.isdigit()):
        return False
    if note[i] != ".":
        return True
    head = note[max(0, i - 12) : i + 1]
    if _PAGES_END.search(head) and nxt.isupper():
        return True  # "201-213. pp. This working paper ..." ends a citation
    if _NOT_END.search(head):
        return False
    if _RU_LEVEL.match(note, i + 1):
        return False  # "RGANI. F. 89. Op. 45. D. 12.": levels of one archival reference
    # "1956. október 28." and "3. sz." are Hungarian ordinals, not sentence ends
    if _ORDINAL_END.search(head) and _LOWER_NEXT.match(note, i + 1):
        return False
    return not nxt.isdigit() or bool(_WORD_END.search(head))
