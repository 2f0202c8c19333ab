"""Split one note into citations, prefixes and commentary.

The note is cut into units (sentences and semicolon parts, see `units.py`). A citation starts
at an "Author:" group, after a prefix ("Cf.", "see:", "published as:"), after a semicolon, or at
a unit that reads like a reference; it goes on over the following units until it is closed (a
date of publication or a locator has been seen) and the next unit is prose or another start.
Units that join no citation are commentary. A citation that never shows bibliographic evidence
(a year, a publisher, a place, a container, a locator, a genre) is dropped back to commentary,
which is what keeps quotations and narrative out of the bibliography.
"""

from __future__ import annotations

import re
from functools import lru_cache

import attrs

from footcite.parse import lexicon as lx
from footcite.parse.archival import REPOSITORY, split_repositories
from footcite.parse.names import looks_like_names
from footcite.parse.units import Unit, split_units

# A look-ahead in front ("(?=[12])") names the characters a match can start with: a search skips
# other positions at one test (the same matches, faster; `evidence` runs these on every unit).
_YEAR = re.compile(r"(?=[12])(?<![\d/])(?:1[5-9]\d\d|20\d\d)(?![\d])")
# Only ever asked whether a text ends with a locator. "12 pp." is tried from the first digit of
# the number alone: a match from a later digit implies one from the first, and trying every
# digit of a long number would scan to its end from each of them (quadratic).
_LOCATOR_END = re.compile(
    r"(?=[\dBSfops])(?:\b(?:pp?|S|s|o|Bl|ff?)\.\s*\d+(?:\s*[-–]\s*\d+)?\.?"
    r"|(?<!\d)\d+(?:\s*[-–]\s*\d+)?\.?\s*(?:pp|o)\.\.?)\s*$"
)
_NAME_COLON = re.compile(
    r"(?=[A-ZÀ-ÖØ-ÞŐŰČŠŽŘŁ])"
    r"(?<![\w’'\-])(?P<names>(?:[A-ZÀ-ÖØ-ÞŐŰČŠŽŘŁ][\w’'\-]*+\.?(?:\s*\((?:eds?|szerk|Hrsg|red)\.?\))?[\s,—–-]*+"
    r"(?:and\s+|és\s+|und\s+|&\s+)?){2,8}?)\s*:\s*(?=\S)"
)
_ARTICLES_OF = re.compile(
    r"(?=[acest])\b(?:the\s+)?(?:articles?|essays?|studies|chapters?|contributions?)\s+(?:of|by)\s+"
    r"(?P<names>[A-ZÀ-Þ][^;]*?)\s+in\s+(?P<rest>an?\s.*|the\s.*|[A-Z].*)$"
)
_NARRATIVE = re.compile(
    r"\bby\s+(?P<names>(?:[A-ZÀ-Þ][\w’'\-]*\.?\s+){1,3}[A-ZÀ-Þ][\w’'\-]*)\b.*?\bin\s+"
    r"(?P<title>[A-Z“\"].{8,})$"
)

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_VOLUME_WORD = re.compile(r"(?=[INV])\b(?:Issue|Vol\.|Volume|No\.|Nos\.)\s*\d")
_LONG_BRACKET = re.compile(r"\[[^\]]{8,}\]")
_SEPARATOR = re.compile(r"[,.:;]\s+")
_YEAR_END = re.compile(r"(?:1[5-9]\d\d|20\d\d)(?:\s*,\s*(?:manuscript|kézirat|special issue))?$")
_CONTAINER_MARK = re.compile(
    r"(?:^|[.,:]\s+)(?:In|in)\s+[A-ZÀ-Þ]|\b(?:Issue|No\.|Volume|Bulletin|Journal|Szemle)\b"
)
_MANUSCRIPT_END = re.compile(r"\b(?:manuscript|kézirat)\.?$")
_LOWER_START = re.compile(r"[a-zà-ž]")
_AND_NAME = re.compile(r"(?:and|és|und|et|i)\s+[A-ZÀ-Þ“\"]")
_FIRST_SEPARATOR = re.compile(r"[,.]\s")
_YEAR_START = re.compile(r"(?:1[5-9]\d\d|20\d\d)\b")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


@attrs.frozen
class Segment:
    """A citation's place in its note, with the words that introduce it."""

    start: int
    end: int
    prefix: str | None
    same_author: bool = False
    narrative_title: str | None = None
    narrative_author: str | None = None
    kind_hint: str | None = None


@lru_cache(maxsize=8192)
def evidence(text: str) -> int:
    """How strongly a piece of text reads as bibliographic data rather than prose."""
    score = 0
    bare = _BRACKETED.sub(" ", text)
    if _YEAR.search(bare):
        score += 2
    if _LOCATOR_END.search(text):
        score += 2
    if lx.PUBLISHER_WORDS.search(text):
        score += 2
    if lx.CONTAINER_WORDS.search(text) or _VOLUME_WORD.search(text):
        score += 1
    if lx.EDITOR_ROLE.search(text) or lx.TRANSLATOR_ROLE.search(text):
        score += 1
    if lx.GENRE_WORDS.search(text):
        score += 1
    if _LONG_BRACKET.search(text):
        score += 1
    segs = _SEPARATOR.split(text)
    if any(lx.starts_with_place(s) for s in segs[1:]):
        score += 1
    return score


@lru_cache(maxsize=8192)
def is_prose(text: str) -> bool:
    words = text.split()
    prose = lx.prose_count(text)
    return prose >= 3 or (prose >= 2 and len(words) > 12) or (len(words) > 30 and prose >= 1)


def _closes(text: str, so_far: str) -> bool:
    """Whether this unit ends the citation it belongs to."""
    if _LOCATOR_END.search(text):
        return True
    bare = _BRACKETED.sub(" ", text)
    tail = bare.strip().rstrip(".;, ")
    if _YEAR_END.search(tail):
        whole = so_far + " " + text
        pub = (
            lx.PUBLISHER_WORDS.search(whole)
            or any(lx.starts_with_place(s) for s in _SEPARATOR.split(whole))
            or _CONTAINER_MARK.search(whole)
            or lx.GENRE_WORDS.search(whole)
        )
        return bool(pub)
    return bool(_MANUSCRIPT_END.search(tail))


def _find_start(text: str) -> tuple[int, str | None, bool] | None:
    """Where in a unit a citation starts: (offset, prefix text, same-author flag)."""
    m = lx.PREFIX_AT_START.match(text)
    if m:
        rest = text[m.end() :]
        same = bool(lx.SAME_AUTHOR.match(rest))
        return m.end(), text[: m.end()].strip(), same
    best: tuple[int, str | None, bool] | None = None
    for m in lx.PREFIX_INSIDE.finditer(text):
        rest = text[m.end() :]
        if not rest or not (rest[0].isupper() or rest[0] in '“"„['):
            continue
        if evidence(rest) >= 1 or _NAME_COLON.match(rest):
            same = bool(lx.SAME_AUTHOR.search(m.group(0)))
            best = (m.end(), text[: m.end()].strip(), same)
            break
    if best:
        return best
    for m in _NAME_COLON.finditer(text):
        names = m.group("names").strip()
        if m.start() > 0 and text[m.start() - 1] not in " (":
            continue
        if not looks_like_names(names) or lx.starts_with_place(names):
            continue
        if lx.ARCHIVE_WORDS.search(names):
            continue
        after = text[m.end() :]
        if lx.ARCHIVE_WORDS.match(after) or lx.REPOSITORY_NAME.match(after):
            continue
        if re.match(r"[“\"„«]", after) and evidence(after) == 0 and len(names.split()) < 2:
            continue
        pre = text[: m.start()].strip()
        return m.start(), (pre or None), False
    return None


def _archival_start(text: str) -> tuple[int, str | None] | None:
    """A repository name at the start of a unit, or right after a colon that ends a lead-in."""
    candidates = [0]
    pre = lx.PREFIX_AT_START.match(text)
    if pre:
        candidates.append(pre.end())
    candidates += [m.end() for m in _COLON.finditer(text)]
    for offset in candidates:
        m = REPOSITORY.match(text, offset)
        if m and m.group(0).strip() and _LEVELS_FOLLOW.match(text[m.end() :]):
            return offset, (text[:offset].strip() or None)
    return None


_LEVEL_NUMBER = r"(?:F|Ф|f|ф|Fond|Фонд|fond|фонд|Op|Оп|op|оп|RG|Box|Nr|sygn|Bd)\.?\s*+(?:R-|Р-)?\d"
"""A level label and its number: "RGANI. F. 89. Op. 45." cites a repository with full stops
between its levels instead of commas, as Russian style writes it; the full stop after the
repository then starts its levels, not a new sentence."""
_LEVELS_FOLLOW = re.compile(r"\s*[,(]|\.\s++" + _LEVEL_NUMBER)
_COLON = re.compile(r":\s+")


def _archival_block(note: str, units: list[Unit]) -> tuple[int, int, str | None] | None:
    for k, unit in enumerate(units):
        found = _archival_start(unit.text)
        if found is None:
            continue
        offset, prefix = found
        end = unit.end
        for later in units[k + 1 :]:
            if is_prose(later.text) and not REPOSITORY.search(later.text):
                break
            end = later.end
        return unit.start + offset, end, prefix
    return None


def segment_note(note: str) -> list[Segment]:
    """Citation segments of a note, in order; commentary is what they leave uncovered."""
    all_units = split_units(note)
    block = _archival_block(note, all_units)
    archival: list[Segment] = []
    units = all_units
    if block is not None:
        b_start, b_end, b_prefix = block
        for k, (s, e) in enumerate(split_repositories(note[b_start:b_end])):
            archival.append(
                Segment(
                    b_start + s, b_start + e, b_prefix if k == 0 else None, kind_hint="archival"
                )
            )
        units = [u for u in all_units if u.end <= b_start or u.start >= b_end]
        # a unit cut by the block keeps its part before the block as commentary
    plain = [part for seg in _segment_units(note, units) for part in _split_and(note, seg)]
    return sorted(plain + archival, key=lambda g: g.start)


_AND_NEXT = re.compile(r"\.\s+and\s+(?=[A-ZÀ-Þ])")


def _split_and(note: str, seg: Segment) -> list[Segment]:
    """ "..., Nos.1-12/13. and CWIHP Working Papers": a second work joined by "and"."""
    text = note[seg.start : seg.end]
    m = _AND_NEXT.search(text)
    if not m or ("(" in text[m.start() :] and ")" not in text[m.start() :]):
        return [seg]
    second = text[m.end() :]
    if evidence(second) < 1 and not lx.CONTAINER_WORDS.search(second):
        return [seg]
    return [
        attrs.evolve(seg, end=seg.start + m.start() + 1),
        Segment(seg.start + m.end(), seg.end, None),
    ]


def _segment_units(note: str, units: list[Unit]) -> list[Segment]:
    segments: list[Segment] = []
    current: dict[str, object] | None = None
    closed = False
    previous_after = ""
    previous_text = ""

    def finish() -> None:
        nonlocal current
        if current is None:
            return
        start, end = int(current["start"]), int(current["end"])  # type: ignore[call-overload]
        text = note[start:end]
        strong = bool(current.get("author_start")) and len(text.split(":", 1)[0].split()) >= 2
        if (
            current.get("backref")
            or evidence(text) >= 2
            or (strong and len(text) > 15)
            or (current.get("prefixed") and evidence(text) >= 1)
        ):
            segments.append(
                Segment(
                    start,
                    end,
                    current.get("prefix"),  # type: ignore[arg-type]
                    bool(current.get("same")),
                    current.get("narrative_title"),  # type: ignore[arg-type]
                    current.get("narrative_author"),  # type: ignore[arg-type]
                    current.get("kind_hint"),  # type: ignore[arg-type]
                )
            )
        current = None

    for unit in units:
        text = unit.text
        lead = lx.PREFIX_AT_START.match(text)
        body_at = lead.end() if lead else 0
        if _BACKREF_UNIT.match(text[body_at:]):
            finish()
            current = {
                "start": unit.start + body_at,
                "end": unit.end,
                "prefix": text[:body_at].strip() or None,
                "backref": True,
            }
            closed = True
            previous_after, previous_text = unit.after, text
            continue
        start_info = _find_start(text)
        articles = _ARTICLES_OF.search(text)
        if articles:
            finish()
            current = {
                "start": unit.start + articles.start(),
                "end": unit.end,
                "prefix": text[: articles.start()].strip() or None,
                "kind_hint": "articles-of",
                "prefixed": True,
            }
            closed = True
            previous_after, previous_text = unit.after, text
            continue
        if start_info is not None and not (
            current is not None
            and not closed
            and start_info[0] == 0
            and not start_info[1]
            and not _NAME_COLON.match(text)
        ):
            offset, prefix, same = start_info
            body = text[offset:]
            if current is not None and not closed and offset > 0 and prefix and is_prose(prefix):
                finish()
            finish()
            if (
                prefix
                and not lx.PREFIX_AT_START.match(prefix + " ")
                and is_prose(prefix)
                and not re.search(r"(?:see|Cf\.|cf\.|as|in|by|:)\s*$", prefix)
            ):
                prefix_text = prefix
            else:
                prefix_text = prefix
            current = {
                "start": unit.start + offset,
                "end": unit.end,
                "prefix": prefix_text,
                "same": same,
                "author_start": bool(_NAME_COLON.match(body)),
                "prefixed": bool(prefix),
            }
            closed = _closes(body, "")
        elif current is not None and not closed and (not is_prose(text) or evidence(text) >= 3):
            current["end"] = unit.end
            closed = _closes(text, note[int(current["start"]) : unit.start])  # type: ignore[call-overload]
        elif current is not None and closed and _LOCATOR_ONLY.match(text):
            current["end"] = unit.end
        elif (previous_after == ";" or current is None or closed) and _bib_start(text):
            finish()
            lead = re.match(r"(?:and|és|und|et|i)\s+", text)
            offset = lead.end() if lead else 0
            narrative = (
                _NARRATIVE.search(previous_text)
                if evidence(text) >= 2 and not _NAME_COLON.match(text)
                else None
            )
            current = {
                "start": unit.start + offset,
                "end": unit.end,
                "prefix": None,
                "same": bool(lead) and previous_after == ";",
            }
            if narrative and _starts_without_title(text):
                current["narrative_title"] = narrative.group("title").rstrip(". ")
                current["narrative_author"] = narrative.group("names")
                current["prefixed"] = True
            closed = _closes(text, "")
        else:
            finish()
            closed = False
        previous_after, previous_text = unit.after, text
    finish()
    return segments


# A back-reference at the start of a unit, maybe after an author ("Kramer, op. cit."). Only
# matched at the start of a unit; the anchor says so and keeps a search with it from trying the
# name at every letter of a long word, each try running to the word's end.
_BACKREF_UNIT = re.compile(
    r"^(?:[A-ZÀ-Þ][\w’'\-]++(?:\s++[A-ZÀ-Þ][\w’'\-]++)?[,:]?\s+)?" + lx.BACKREF.pattern.lstrip("^")
)
_LOCATOR_ONLY = re.compile(r"^(?:pp?\.|S\.|s\.|o\.)\s*\d+(?:\s*[-–]\s*\d+)?\.?$")


def lower_ratio(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    lower = [
        w for w in words if w[0].islower() and w not in {"and", "of", "the", "a", "an", "és", "az"}
    ]
    return len(lower) / len(words)


def _bib_start(text: str) -> bool:
    if _NARRATIVE.search(text) and not _NAME_COLON.match(text):
        return False
    if is_prose(text) and evidence(text) < 4:
        return False
    if lower_ratio(text) > 0.35 and evidence(text) < 4 and not _NAME_COLON.match(text):
        return False
    if _LOWER_START.match(text) and not _AND_NAME.match(text):
        return False
    return evidence(text) >= 2 or bool(_NAME_COLON.match(text))


def _starts_without_title(text: str) -> bool:
    first = _FIRST_SEPARATOR.split(text, maxsplit=1)[0]
    return bool(
        lx.GENRE_WORDS.search(first)
        or lx.PUBLISHER_WORDS.search(first)
        or lx.starts_with_place(first)
        or _YEAR_START.match(first)
    )


def units_of(note: str) -> list[Unit]:
    """Exposed for diagnostics and the learned parser's features."""
    return split_units(note)
