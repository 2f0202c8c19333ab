"""Line-level clean-up of text extracted from PDFs: cover pages, page junk, wrapped lines.

Text pulled out of a PDF carries the platform's cover page (ResearchGate, JSTOR, Academia),
page numbers on lines of their own, superscripts broken onto their own lines ("20" / "th") and
words hyphenated across lines. These helpers remove or repair exactly that and nothing else.
"""

from __future__ import annotations

import re

_COVER_START = re.compile(
    r"^\s*(See discussions, stats, and author profiles|This content downloaded from|"
    r"Downloaded from|Academia\.edu)",
    re.IGNORECASE,
)
# Only ever asked whether it matches anywhere in a line, so the count of "12 PUBLICATIONS" is
# tried from the first digit of a number alone: from every digit of a long run of digits the
# scan would go to the run's end again, which is quadratic.
_COVER_LINE = re.compile(
    r"(researchgate\.net|SEE PROFILE|^\s*(CITATIONS?|READS)\s*$|author profiles for this|"
    r"All content following this page was uploaded|The user has requested enhancement|"
    r"are also working on these related projects|View project|"
    r"(?<!\d)\d+ PUBLICATIONS\s+\d+ CITATIONS|"
    r"JSTOR is a not-for-profit|Your use of the JSTOR archive|Terms and Conditions of Use)",
    re.IGNORECASE,
)
_URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(\d{1,4}|[ivxlc]{1,6}|-\s*\d{1,4}\s*-|page \d+( of \d+)?)\s*$", re.I
)
_ORDINAL = re.compile(r"^\s*(st|nd|rd|th|e|er|ème|\.)\s*$")
_HYPHEN_END = re.compile(r"[A-Za-zÀ-ɏ]-$")


def drop_cover(lines: list[str]) -> tuple[list[str], int]:
    """Remove a platform cover page at the start; returns the lines and how many were dropped.

    A cover is recognised only when the text starts with a known platform line; it then runs
    to the last platform line within the first 80 lines.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _COVER_START.search(lines[first]):
        return lines, 0
    last = first
    for i in range(first, min(len(lines), first + 80)):
        if _COVER_LINE.search(lines[i]) or _URL_ONLY.match(lines[i]):
            last = i
    return lines[last + 1 :], last + 1


_COMMENTS = re.compile(
    r"^\s*(?:\d+\s+(?:Comments?|Responses?|Replies)|Comments|Leave a (?:Reply|Comment)|"
    r"Hozzászólások|\d+\s+hozzászólás|Kommentare|Commentaires)\s*$",
    re.IGNORECASE,
)


def drop_comments(lines: list[str]) -> tuple[list[str], int]:
    """Cut a web page's reader comments: their numbered list is not the article's notes."""
    for i, line in enumerate(lines):
        if i > 5 and _COMMENTS.match(line):
            return lines[:i], len(lines) - i
    return lines, 0


def is_page_junk(line: str) -> bool:
    """A line that holds only a page number or a bare URL of the platform."""
    return bool(_PAGE_NUMBER.match(line)) or bool(_COVER_LINE.search(line))


def join_broken_superscripts(lines: list[str]) -> list[str]:
    """Glue "20" / "th" / " century" back into "20th century" before junk is dropped."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is not None
            and _ORDINAL.match(nxt)
            and re.search(r"\d\s*$", line)
            and nxt.strip() != "."
        ):
            merged = line.rstrip() + nxt.strip()
            # the text after the superscript continues on the next line
            if i + 2 < len(lines):
                merged = merged + " " + lines[i + 2].strip()
                i += 3
            else:
                i += 2
            out.append(merged)
            continue
        out.append(line)
        i += 1
    return out


def fold(lines: list[str]) -> str:
    """Join wrapped lines into running text: one space between lines, hyphens at line end kept
    and joined without a space when the next line goes on in lower case ("co-" / "operation")."""
    parts: list[str] = []
    tail = ""  # the last two characters of the text so far: all a hyphen at the end needs
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        # Looking at the whole text so far for its last hyphen made folding quadratic in the
        # length of the text; the folded text holds no line break, so the end is enough.
        glued = not parts or (_HYPHEN_END.search(tail) and line[:1].islower())
        piece = line if glued else " " + line
        parts.append(piece)
        tail = (tail + piece)[-2:]
    return "".join(parts)
