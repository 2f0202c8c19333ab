"""The body of a citation split into segments at ", ", ". ", ": " outside brackets and quotes.

The rule parser classifies segments ("New York" is a place, "1991" a year, "pp. 12-14" pages),
so where a segment ends decides almost everything after. A full stop after an abbreviation
("ed.", "Vol.", an initial) does not end one unless a place, a year or a list of names follows.

The scan is linear in the body: the abbreviation test looks only at the end of the text read so
far and the look-ahead only at the start of what follows, never at the whole note again (a note
of "H. H. H. ..." would otherwise cost quadratic time).
"""

from __future__ import annotations

import re

from footcite.parse import lexicon as lx
from footcite.parse.names import looks_like_names

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_ABBR_LOOKBACK = 16
"""The longest abbreviation `_ABBR_END` knows is 5 letters; 16 leaves room for the word start."""
_AHEAD = 400
"""A place name or a year is recognised in the first few dozen characters of what follows."""
_ROMAN_END = re.compile(r"(?<=\s)[IVXLC]$")
_ED_END = re.compile(r"\b(?:ed|eds|Ed|Eds)$")
_ABBR_END = re.compile(
    r"(?:\b(?:ed|eds|Ed|Eds|Vol|vol|No|Nos|no|Nr|St|Dr|Trans|trans|szerk|Hrsg|ford|sz|évf|köt|"
    r"H|t|s|Bd|Jr|Sr|Mass|Conn|Calif|Penn)|\b[A-ZÀ-ÞŐŰ]|D\.C|U\.S|N\.J|N\.Y|U\.K)$"
)


_IN_GLUED = re.compile(r"(?<=[\w”\"’])\.?\s+(?:In:?|in:)\s+(?=[A-ZÀ-ÞŐŰ“\"])")
_AFTER_BRACKET = re.compile(r"\]\s+(?=\S)")
_BRACKET_AFTER_WORD = re.compile(r"(?<=[^\s.,;:])\s+\[")
_BRACKET_AFTER_SEP = re.compile(r"(?<=[.,;:])\s+\[")


def _prepare(body: str) -> str:
    # "The Eden Plan In: Cold War Respite" -> a container marker glued to the title
    body = _IN_GLUED.sub(". In ", body)
    body = _AFTER_BRACKET.sub("]. ", body)
    body = _role_in_brackets(body)
    body = _BRACKET_AFTER_WORD.sub(". [", body)
    body = _BRACKET_AFTER_SEP.sub(" [", body)
    return body


_BRACKETED_ROLE = re.compile(r"\s(\((?:eds?|Eds?|szerk|Hrsg|red|dir)\.?\))\s+")


def _role_in_brackets(body: str) -> str:
    r""" "Gati, Charles (ed.) Hungary" -> "Gati, Charles. (ed.) Hungary": the role ends a segment.

    This is `re.sub(r"[\s,;]*\s(\(eds?\.?\))\s+", r". \1 ", body)` (with the other role words)
    done in linear time: the regular expression tries a run of spaces, commas and semicolons
    from each of its characters and scans it to its end every time, which is quadratic in the
    run. Here the bracketed role is found first and the run before it taken back from there,
    no further than the end of the previous replacement (where `re.sub` goes on searching).
    """
    out: list[str] = []
    done = 0
    for m in _BRACKETED_ROLE.finditer(body):
        start = m.start()
        while start > done and (body[start - 1].isspace() or body[start - 1] in ",;"):
            start -= 1
        out += [body[done:start], ". ", m.group(1), " "]
        done = m.end()
    out.append(body[done:])
    return "".join(out)


_MARK = re.compile(r"[(\[)\]“„«”»]|[,.:;](?= |\Z)")
"""What the split looks at: a bracket or quotation mark, or a separator before a space or the
end. The characters between them only go into the segment, so the scan jumps over them."""


def split_segments(body: str) -> list[tuple[str, str]]:
    """Split at ", " ". " ": " outside brackets/quotes: (separator before, segment)."""
    body = _prepare(body)
    out: list[tuple[str, str]] = []
    depth = 0
    quote = False
    start = 0  # where the segment being read starts
    sep = ""
    for m in _MARK.finditer(body):
        ch = m.group()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth:
                depth -= 1
        elif ch in "“„«":
            quote = True
        elif ch in "”»":
            quote = False
        elif not depth and not quote:
            i = m.start()
            buf = body[start:i]
            if (
                ch == "."
                and _ABBR_END.search(buf, max(0, len(buf) - _ABBR_LOOKBACK))
                and not _split_after_abbrev(buf, body[i + 1 : i + 1 + _AHEAD])
            ):
                continue
            _emit(out, sep, buf)
            sep = ch
            start = i + 1
    _emit(out, sep, body[start:].rstrip("."))
    return out


def _split_after_abbrev(buf: str, rest: str) -> bool:
    """After "I." or "ed." a segment still ends when a place, a year or a name list follows."""
    nxt = rest.strip()
    if _ED_END.search(buf, max(0, len(buf) - _ABBR_LOOKBACK)) and looks_like_names(
        re.sub(r"\s*\b[Ee]ds?$", "", buf)
    ):
        return True
    return bool(
        _ROMAN_END.search(buf, max(0, len(buf) - 2))
        and (lx.starts_with_place(nxt) or re.match(_YEAR, nxt))
    )


_PLACE_YEAR = re.compile(rf"^(?P<place>.+?),?\s+(?P<year>{_YEAR})$")
_NUMBER_PLACE = re.compile(r"^(?P<head>.+?\d)\s+(?P<place>[A-ZÀ-Þ][\w ]+)$")


def _emit(out: list[tuple[str, str]], sep: str, buf: str) -> None:
    seg = buf.strip()
    if not seg:
        return
    m = _PLACE_YEAR.match(seg)
    if m and lx.starts_with_place(m.group("place")) and not lx.PUBLISHER_WORDS.search(seg):
        out.append((sep, m.group("place")))
        out.append((",", m.group("year")))
        return
    tail = _NUMBER_PLACE.match(seg)
    if tail and lx.starts_with_place(tail.group("place")) and len(tail.group("place").split()) <= 3:
        out.append((sep, tail.group("head")))
        out.append((",", tail.group("place")))
        return
    out.append((sep, seg))
