"""Repairs around the work that holds the cited part: its container, series, editors, pages.

The part of a citation after "In:" or a journal's name is where the field tagger's labels run
into one another: a publishing house read as a journal, a series read where the book's title
belongs, a second editor read as a second container, an article's page range read as a
pinpoint. Like `spanfix` (which applies these with its other repairs), each is a general rule
of footnote writing on the spans of one citation, never a fix for one note.
"""

from __future__ import annotations

import re

import attrs

from footcite.parse.pagerange import width
from footcite.parse.tagger import Tagged

_PRESS_NAME = re.compile(
    r"(?:The\s+)?[A-ZÀ-Ž][\w.&'’ -]{0,80}?\s(?:Press|Verlag|Kiadó|Publishers|"
    r"Publishing(?:\sHouse)?|Books)[\s,.]*+"
)
_SERIAL_FIELDS = frozenset({"volume", "issue", "pages", "publisher", "collection-title"})


def press_as_container(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "Hyland: The Cold War. Fifty Years of Conflict. Times Books, 1990.": a "container"
    named like a publishing house ("... Press", "... Books", "... Verlag") that no "In" opens,
    in a citation with no publisher, volume, issue or page range, is the book's publisher."""
    if any(s.label in _SERIAL_FIELDS for s in spans):
        return spans
    for k, s in enumerate(spans):
        if s.label != "container-title" or not k:
            continue
        raw = text[s.start - offset : s.end - offset]
        before = text[: s.start - offset]
        if _PRESS_NAME.fullmatch(raw) and not _IN_BEFORE.search(before):
            return [*spans[:k], attrs.evolve(s, label="publisher"), *spans[k + 1 :]]
    return spans


_IN_BEFORE = re.compile(r"(?:^|[\s.,;])(?:In|in|W|V|Dans|dans):?\s*+$")


def series_after_in(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "The Eden Plan In: Cold War Respite: The Geneva Summit of 1955, (eds) ...": the words
    after "In:" name the book or journal that holds the cited part, never a series, so a
    collection title there is the container title (when the citation has none)."""
    if any(s.label == "container-title" for s in spans):
        return spans
    for k, s in enumerate(spans):
        if s.label != "collection-title" or not k:
            continue
        gap = text[spans[k - 1].end - offset : s.start - offset]
        if _IN_BEFORE.search(gap):
            return [*spans[:k], attrs.evolve(s, label="container-title"), *spans[k + 1 :]]
    return spans


_ROLE_FIRST = re.compile(r"\((?:eds?|szerk|Hrsg|Hg|red|dir|éds?)\.?\)\s*+(?=[A-ZÀ-Ž])")


def title_before_role(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "A History in Documents. A National Security Archive Documents Reader (eds.) Csaba
    Békés, Malcolm Byrne and János M. Rainer": when the role word comes before the names, the
    words before it in the editor span are the end of the title before it, not a name."""
    for k, s in enumerate(spans):
        if s.label != "editor" or not k or spans[k - 1].label != "title":
            continue
        raw = text[s.start - offset : s.end - offset]
        m = _ROLE_FIRST.search(raw)
        if m is None or m.start() == 0 or len(raw[m.end() :].split()) < 2:
            continue
        gap = text[spans[k - 1].end - offset : s.start - offset]
        if gap.strip(" .,:"):
            continue
        title = spans[k - 1]
        cut = s.start + m.start()
        while cut > s.start and text[cut - 1 - offset] == " ":
            cut -= 1
        longer = Tagged("title", title.start, cut, min(title.confidence, s.confidence))
        editor = Tagged("editor", s.start + m.start(), s.end, s.confidence)
        return [*spans[: k - 1], longer, editor, *spans[k + 1 :]]
    return spans


_NAME_SHAPED = re.compile(r"(?:[A-ZÀ-ÖØ-ÞŐŰČŠŽŘŁ][\w’'\-]*+\.?\s*+){1,4}[,;]?")


def editor_runs_on(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "(eds) Günter Bischof, Saki Dockrill, 117-154": a list of editors that the tagger
    leaves after its first name and reads on as a second container or title. A name-shaped
    span right after an editor span that ends with a comma, labelled as a field the citation
    already has before the editor, is the next editor."""
    for k in range(1, len(spans)):
        s, before = spans[k], spans[k - 1]
        if before.label != "editor" or s.label not in ("container-title", "title"):
            continue
        if not any(p.label == s.label for p in spans[: k - 1]):
            continue
        head = text[before.start - offset : before.end - offset].rstrip()
        gap = text[before.end - offset : s.start - offset]
        raw = text[s.start - offset : s.end - offset]
        if head.endswith(",") and not gap.strip() and _NAME_SHAPED.fullmatch(raw.strip()):
            joined = Tagged("editor", before.start, s.end, min(before.confidence, s.confidence))
            return [*spans[: k - 1], joined, *spans[k + 1 :]]
    return spans


def article_pages(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "..., CWIHP Bulletin, Issue 12/13, Fall/Winter 2001, 243-272 pp.": a journal article
    (title, journal, volume or issue) cited with one page range and no pages of its own: a
    range of a dozen pages or more, written bare or with the page word after it, is the
    article's `pages`, not a pinpoint. A range led by "p."/"pp."/"S." is left to the model:
    in the corpus such ranges after an article are pinpoints as often as pages."""
    labels = [s.label for s in spans]
    if "pages" in labels or "title" not in labels or "container-title" not in labels:
        return spans
    if not {"volume", "issue"} & set(labels) or labels.count("locator") != 1:
        return spans
    k = labels.index("locator")
    raw = text[spans[k].start - offset : spans[k].end - offset]
    found = _RANGE.findall(raw)
    if len(found) != 1 or _PAGE_WORD_FIRST.match(raw):
        return spans
    span = width(*found[0])
    if span is None or span < 12:
        return spans
    return [*spans[:k], attrs.evolve(spans[k], label="pages"), *spans[k + 1 :]]


_RANGE = re.compile(r"(\d{1,5})\s*+[-–]\s*+(\d{1,5})")
_PAGE_WORD_FIRST = re.compile(r"\s*+(?:pp?|S|s|str|c|с|С)\.")
