"""Repairs of a citation's tagged spans before they become CSL fields.

The field tagger labels tokens one by one, so it can cut a long title at a date inside it, read
a year range in a translated title as an access date, or miss that "Volume XXV. Eastern
Europe." names a volume. These repairs look at the spans of one citation together, where such
mistakes are plain, and hand `tocsl.to_csl` spans it can map field by field. Each repair is a
general rule of footnote writing (see data/corpus/README.md), never a fix for one note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from footcite.parse import lexicon as lx
from footcite.parse.hostfix import (
    article_pages,
    editor_runs_on,
    press_as_container,
    series_after_in,
    title_before_role,
)
from footcite.parse.tagger import Tagged


def repair_spans(text: str, offset: int, spans: Sequence[Tagged]) -> list[Tagged]:
    """All repairs in order; `text` is the citation, `offset` its start in the note."""
    fixed = _lone_word_author(text, offset, list(spans))
    fixed = _title_ranges(text, offset, fixed)
    fixed = _bracketed_translation(text, offset, fixed)
    fixed = _volume_title(text, offset, fixed)
    fixed = _open_bracket(text, offset, fixed)
    fixed = _publisher_in_title(text, offset, fixed)
    fixed = press_as_container(text, offset, fixed)
    fixed = _places_after_publisher(text, offset, fixed)
    fixed = series_after_in(text, offset, fixed)
    fixed = title_before_role(text, offset, fixed)
    fixed = editor_runs_on(text, offset, fixed)
    fixed = article_pages(text, offset, fixed)
    if not _access_stated(text, offset, fixed):
        fixed = _unstated_access(fixed)
    return fixed


_PUBLISHED = frozenset({"place", "publisher"})


def _lone_word_author(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "Hidegháború, enyhülés és az 1956-os magyar forradalom, Évkönyv V, Budapest, 1997": a
    citation that opens with one ordinary word and a comma, then the title, is a title with a
    comma in it when the citation is a full one (a date and a place or publisher).

    A full citation names its author with a given name or initials ("Bennett Kovrig,"); a lone
    family name and a comma is the short form of a later note, which has no publication facts.
    Acronyms ("UNESCO,", "CIA,") stay authors: corporate authors are written that way.
    """
    labels = {s.label for s in spans}
    if "date" not in labels or not labels & _PUBLISHED or len(spans) < 2:
        return spans
    first, second = spans[0], spans[1]
    raw = text[first.start - offset : first.end - offset]
    word = raw.rstrip(" ,")
    between = text[first.end - offset : second.start - offset]
    if (
        first.label == "author"
        and second.label == "title"
        and raw.endswith(",")
        and word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and not between.strip()
    ):
        merged = Tagged("title", first.start, second.end, min(first.confidence, second.confidence))
        return [merged, *spans[2:]]
    return spans


_ACCESS_WORDS = re.compile(
    r"(?i)(?:accessed|retrieved|viewed|visited|downloaded|consulted|consulté|abgerufen|"
    r"zugegriffen|letöltve|letöltés|elérés|dostęp|přístup|staženo|доступ|обращения)"
)


def _access_stated(text: str, offset: int, spans: Sequence[Tagged]) -> bool:
    """Whether an `accessed` date is one: the date a web page was read is stated with access
    words ("accessed", "letöltve", "abgerufen am") or follows a URL. Without either, a year
    range inside a title ("(1953-1956)") tagged as accessed is part of the title, not a date
    of access, and a spurious access date would sort and render the work wrongly."""
    if any(s.label == "url" for s in spans):
        return True
    for s in spans:
        if s.label == "accessed":
            before = text[max(0, s.start - offset - 40) : s.end - offset]
            if _ACCESS_WORDS.search(before):
                return True
    return False


def _unstated_access(spans: list[Tagged]) -> list[Tagged]:
    """An `accessed` span with no access stated: inside a field (the same label on both
    sides) it is part of that field and joins it; elsewhere it is dropped."""
    out: list[Tagged] = []
    k = 0
    while k < len(spans):
        s = spans[k]
        if s.label != "accessed":
            out.append(s)
        elif out and k + 1 < len(spans) and out[-1].label == spans[k + 1].label:
            nxt = spans[k + 1]
            out[-1] = Tagged(
                nxt.label, out[-1].start, nxt.end, min(out[-1].confidence, nxt.confidence)
            )
            k += 1
        k += 1
    return out


_BEFORE_BRACKET = frozenset({"title", "doc-date", "date", "collection-title", "note", "genre"})
_IN_BRACKET = _BEFORE_BRACKET | {"translated-title", "accessed"}
_BRACKET = re.compile(r"\[(?P<tr>[^\[\]]{4,}+)\]")


def _bracketed_translation(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "Title 1956. október 28. - november 4. (Series) [Translation.] In Container": the words
    from the title to a bracketed translation are the title, the bracket is the translated
    title. Hungarian, Czech and Polish notes give the English title in square brackets right
    after the original; the tagger may break a long title at a date in it and make the rest,
    bracket included, a collection title, or tag the bracket's parts apart. Only spans that a
    title can hold lie between the title and the bracket, only parts of a translation inside
    it, and the bracket must end before any other field."""
    titles = [k for k, s in enumerate(spans) if s.label == "title"]
    if not titles:
        return spans
    k = titles[0]
    title = spans[k]
    m = _BRACKET.search(text, title.end - offset)
    if m is None:
        return spans
    b_start, b_end = m.start() + offset, m.end() + offset
    between = [s for s in spans[k + 1 :] if s.start < b_start]
    inside = [s for s in spans[k + 1 :] if b_start <= s.start < b_end]
    if any(s.label == "translated-title" for s in spans if s not in inside):
        return spans  # a translation tagged outside a bracket: not this construction
    if not between and not inside:
        return spans  # a title tagged whole ("Title. [Translation.]") is split in to_csl
    if any(s.label not in _BEFORE_BRACKET for s in between):
        return spans
    if any(s.label not in _IN_BRACKET or s.end > b_end + 2 for s in inside):
        return spans
    if not between and len(inside) == 1 and inside[0].label == "translated-title":
        return spans  # the bracket is the translation already
    body_end = b_start - offset
    while body_end > title.start - offset and text[body_end - 1] in " .,":
        body_end -= 1
    conf = min(s.confidence for s in [title, *between, *inside])
    merged = Tagged("title", title.start, body_end + offset, conf)
    tr = Tagged("translated-title", b_start, b_end, conf)
    rest = [s for s in spans[k + 1 :] if s.start >= b_end]
    return [*spans[:k], merged, tr, *rest]


_VOLUME_TITLE = re.compile(r"^[\s.,]*+(?P<t>[^\W\d_][^.;:]{2,}+)\.\s*+$")


def _volume_title(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "Foreign Relations of the United States, 1955-1957. Volume XXV. Eastern Europe.
    Washington, ...": a multi-volume set with a volume title. The corpus makes the set the
    `collection-title` and the volume's own title the `title` (see the corpus README); the
    tagger tags the set as title and leaves the volume title untagged between the volume and
    the place or publisher (one untagged sentence there, starting with a letter, is it), or
    tags the volume title as a container title."""
    for k, s in enumerate(spans[:-1]):
        if s.label != "volume" or k == 0 or spans[k - 1].label != "title":
            continue
        if any(t.label == "collection-title" for t in spans):
            return spans
        nxt = spans[k + 1]
        if nxt.label == "container-title" and not any(
            t.label == "container-title" for t in spans[k + 2 :]
        ):
            # the volume title tagged as a container: "Set. Volume XXV. Eastern Europe."
            series = attrs.evolve(spans[k - 1], label="collection-title")
            own = attrs.evolve(nxt, label="title")
            return [*spans[: k - 1], series, s, own, *spans[k + 2 :]]
        if nxt.label not in ("place", "publisher", "date", "locator"):
            return spans
        gap = text[s.end - offset : nxt.start - offset]
        m = _VOLUME_TITLE.match(gap)
        if m is None:
            return spans
        start = s.end + m.start("t")
        own = Tagged("title", start, start + len(m.group("t")), s.confidence)
        series = attrs.evolve(spans[k - 1], label="collection-title")
        return [*spans[: k - 1], series, s, own, *spans[k + 1 :]]
    return spans


_YEAR_RANGE = re.compile(r"^\s*(?:1[5-9]|20)\d\d\s*[-–—]\s*(?:(?:1[5-9]|20)\d\d|\d\d)\W*$")


def _title_ranges(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "Title, 1953-1959. Publisher, 1992.": a year range right after the title, with a date
    of publication still to come, belongs to the title."""
    dates = [k for k, s in enumerate(spans) if s.label == "date"]
    if len(dates) < 2:
        return spans
    k = dates[0]
    raw = text[spans[k].start - offset : spans[k].end - offset]
    gap = text[spans[k - 1].end - offset : spans[k].start - offset] if k else ""
    if k and spans[k - 1].label == "title" and _YEAR_RANGE.match(raw) and gap.strip() in ("", ","):
        title = spans[k - 1]
        merged = Tagged(
            "title", title.start, spans[k].end, min(title.confidence, spans[k].confidence)
        )
        return [*spans[: k - 1], merged, *spans[k + 1 :]]
    return spans


def _open_bracket(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "[From the Death of Stalin ... Relations (1953-1956).]": a translated title opens a
    square bracket and ends at its closing one. The tagger may stop at a year range in it and
    tag the range as a date; whatever lies inside the bracket belongs to the translation."""
    for k, s in enumerate(spans):
        raw = text[s.start - offset : s.end - offset]
        if s.label != "translated-title" or not raw.startswith("[") or "]" in raw:
            continue
        close = text.find("]", s.end - offset)
        if close < 0 or "[" in text[s.end - offset : close]:
            return spans
        end = close + 1 + offset
        inner = [t for t in spans[k + 1 :] if t.start < end]
        if any(t.end > end or t.label not in ("date", "title", "note") for t in inner):
            return spans
        conf = min(t.confidence for t in [s, *inner])
        return [*spans[:k], Tagged(s.label, s.start, end, conf), *spans[k + 1 + len(inner) :]]
    return spans


_PRESS_TAIL = re.compile(
    r",\s++(?P<p>(?:The\s+)?[A-ZÀ-Ž][\w.&'’ -]{2,80}?\s(?:Press|Verlag|Kiadó|Publishers|"
    r"Publishing(?:\sHouse)?|Books))[\s,.]*+$"
)


def _publisher_in_title(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "Mao's China and the Cold War, The University of North Carolina Press, Chapel Hill,
    2001": when the publisher comes before the place, the tagger can run the title on into it.
    A last comma-separated part of the title that is a publisher's name (ending in "Press",
    "Verlag", "Kiadó", ...) is the publisher when the citation names none."""
    if any(s.label == "publisher" for s in spans):
        return spans
    for k, s in enumerate(spans):
        if s.label != "title":
            continue
        raw = text[s.start - offset : s.end - offset]
        m = _PRESS_TAIL.search(raw)
        if m is None or m.start() < 8:
            return spans
        title = Tagged("title", s.start, s.start + m.start() + 1, s.confidence)
        press = Tagged("publisher", s.start + m.start("p"), s.end, s.confidence)
        return [*spans[:k], title, press, *spans[k + 1 :]]
    return spans


_PLACE_JOIN = re.compile(r"(?<!\s)\s*+(?:,|\band\b|&|–|—|/|-)\s*+")


def _places_after_publisher(text: str, offset: int, spans: list[Tagged]) -> list[Tagged]:
    """ "The University of North Carolina Press, Chapel Hill and London, 2001": the place
    written after the publisher, which the tagger reads on into the publisher's name. The
    comma-separated tail of a publisher span is the place when every name in it is a known
    place and the citation names no place of its own."""
    if any(s.label == "place" for s in spans):
        return spans
    for k, s in enumerate(spans):
        if s.label != "publisher":
            continue
        raw = text[s.start - offset : s.end - offset]
        cut = raw.find(", ")
        while cut > 0:
            tail = raw[cut + 2 :]
            names = [n for n in _PLACE_JOIN.split(tail.strip(" ,.;")) if n]
            if names and all(n in lx.PLACES for n in names):
                press = Tagged("publisher", s.start, s.start + cut + 1, s.confidence)
                place = Tagged("place", s.start + cut + 2, s.end, s.confidence)
                return [*spans[:k], press, place, *spans[k + 1 :]]
            cut = raw.find(", ", cut + 2)
        return spans
    return spans
