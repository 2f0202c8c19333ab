"""Link each note to the body sentence that calls it.

In text extracted from a PDF the superscript note marker is glued to the word or punctuation
before it ("Revolution1", "sixties.9", "1962,8"). Markers are searched in note order, each after
the previous one, so that a year or a number in the text is not mistaken for a later call.
"""

from __future__ import annotations

import re
import statistics

from footcite.extract import lines as L
from footcite.model import NoteCall

_BEFORE = r"(?<=[A-Za-zÀ-ɏ.,;:!?)\]”\"’'»…—–])"
_ABBREV = re.compile(
    r"\b(?:[A-Z]|[Mm]rs?|Dr|St|Prof|vs|cf|Cf|i\.e|e\.g|etc|ca|cc|No|Nos|Vol|pp?|U\.S|D\.C|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)
_MAX_SENTENCE = 600
# What may follow a sentence's full stop before the next word: closing quotes or brackets and a
# note number ("sixties.”9 The"). Both are matched at the start of a slice only; the
# lookbehind (always true there) and the possessive run make a search with them linear too, as
# a search would otherwise rescan a long run of quotes from each of its characters.
_AFTER_STOP = re.compile(r"(?<![”\"’)])[”\"’)]*+\d{0,3}\s")
_LEADING_MARKER = re.compile(r"(?<![”\"’)])[”\"’)]*+\d{1,3}(?=\s)")


def build_body(body_lines: tuple[str, ...]) -> str:
    """Fold the body into running text, one block per line of a paragraph or heading.

    Lines much shorter than the typical line end a block (a heading, a paragraph's last line),
    so a title or heading never runs into the sentence after it.
    """
    kept = [line for line in body_lines if line.strip() and not L.is_page_junk(line)]
    if not kept:
        return ""
    widths = [len(line.rstrip()) for line in kept]
    typical = statistics.median(widths) if widths else 0
    blocks: list[list[str]] = [[]]
    for line in kept:
        starts_paragraph = (
            line[:1].isspace() and blocks[-1] and re.search(r"[.!?”\"’]\s*$|\d\s*$", blocks[-1][-1])
        )
        short = len(line.rstrip()) < 0.6 * typical
        after_sentence = blocks[-1] and re.search(r"[.!?”\"’]\d{0,3}\s*$", blocks[-1][-1])
        new_block = starts_paragraph or _is_heading(line) or (short and after_sentence)
        if new_block and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
        if len(line.rstrip()) < 0.6 * typical or _is_heading(line):
            blocks.append([])
    return "\n".join(L.fold(block) for block in blocks if block)


def _is_heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def _marker(number: int) -> re.Pattern[str]:
    return re.compile(_BEFORE + str(number) + r"(?![\d])(?=[\s\W]|$)")


def _sentence_around(body: str, start: int, end: int) -> str:
    """The sentence that holds [start, end), the marker itself removed."""
    left = start
    floor = max(0, start - _MAX_SENTENCE)
    i = start - 1
    # a marker right after a full stop ends that sentence; look before the stop
    while i > floor:
        ch = body[i]
        if ch == "\n":
            left = i + 1
            break
        ends = ch in ".!?" and i < start - 1 and _AFTER_STOP.match(body[i + 1 : i + 8])
        if ends and not _ABBREV.search(body[max(0, i - 6) : i + 1]):
            left = i + 1
            break
        i -= 1
    else:
        left = floor
    right = end
    j = end
    ceiling = min(len(body), end + _MAX_SENTENCE)
    while j < ceiling:
        ch = body[j]
        if ch == "\n":
            break
        ends = ch in ".!?" and (j + 1 >= len(body) or body[j + 1].isspace())
        if ends and not _ABBREV.search(body[max(0, j - 6) : j + 1]):
            j += 1
            break
        j += 1
    right = j
    if start > 0 and body[start - 1] in ".!?":
        right = start  # the sentence ended just before the marker
    skip = _LEADING_MARKER.match(body[left:start])
    if skip:
        left += skip.end()
    text = body[left:start] + body[end:right]
    return " ".join(text.split())


def find_calls(body: str, numbers: list[int]) -> dict[int, NoteCall]:
    """Find the call of each note number in the body, in order; unfound notes are left out."""
    calls: dict[int, NoteCall] = {}
    pos = 0
    for number in numbers:
        m = _marker(number).search(body, pos)
        if m is None:
            continue
        sentence = _sentence_around(body, m.start(), m.end())
        calls[number] = NoteCall(sentence=sentence, offset=m.start(), marker=m.group(0))
        pos = m.end()
    return calls
