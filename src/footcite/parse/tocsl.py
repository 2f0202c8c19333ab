"""Tagged field spans of one citation into CSL-JSON fields, through small normalizers.

The tagger says which words are the author, the place, the box; this module says what the
work is in CSL terms: names split into family/given (names.py), dates into date-parts, page
ranges unified (locators.py), role words dropped from editors, a bracketed translation kept as
`custom.translated-title`, the archival levels joined into `archive_collection` and
`archive_location` and kept one by one under `custom`. The work's type is read off which
fields are present, as the rule parser does it (`fields._finish`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from footcite.parse import fields as rule_fields
from footcite.parse import lexicon as lx
from footcite.parse.locators import Locator, normalise_range, split_locator
from footcite.parse.names import parse_names
from footcite.parse.spanfix import repair_spans
from footcite.parse.tagger import Tagged

ARCHIVAL_COLLECTION = ("collection", "fonds", "series", "classification")
ARCHIVAL_LOCATION = ("file", "item")
# Role words around a name span: "edited by ..." before the names, ", eds." after them.
_ROLE_BEFORE = re.compile(
    r"^\s*(?:\(?(?:eds?|Eds?|szerk|Hrsg|hrsg|red|dir|éd|sost|Trans|trans|ford|übers|tłum|"
    r"přel|przeł)\.?\)?(?:\s*(?:by|von|par))?|[Ee]dited by|[Tt]ranslated by|[Ii]nterview(?:ed)? by|"
    r"interjú:|Gespräch mit|[Hh]rsg\. von|edited and translated by|ed\. and trans\.)\s*[:,]?\s*"
)
# Searched for, so it starts only where a run of spaces and commas starts (the lookbehind): a
# match from inside a run is also one from its start, and trying every character of a long run
# would scan to its end from each of them (quadratic). The role word must follow such a run or a
# bracket: "Alfred" and "Byford" end in "red" and "ford" but are names.
_ROLE_AFTER = re.compile(
    r"(?<![\s,])(?:[\s,]++\(?|\()(?:eds?|Eds?|szerk|Hrsg|red|dir|éd|sost|ford|trans|Trans)\.?\)?"
    r"[\s,:]*+$"
)


def _without_roles(names: str) -> str:
    """The name span without its role words, as one `re.sub` of the two patterns joined by "|".

    The pattern before can only match at the start; `re.sub` goes on searching from its end,
    which is the start of the rest here, so the lookbehind of the pattern after sees no
    character before a match that starts right there, as in the joined pattern.
    """
    before = _ROLE_BEFORE.match(names)
    rest = names[before.end() :] if before else names
    return _ROLE_AFTER.sub("", rest)


def _split(words: str) -> list[str]:
    return words.split()


_MONTHS = {
    **{m: i + 1 for i, m in enumerate(_split("jan feb mar apr may jun jul aug sep oct nov dec"))},
    **{
        m: i + 1
        for i, m in enumerate(
            _split(
                "január február március április május június július augusztus szeptember október "
                "november december"
            )
        )
    },
    "mär": 3,
    "mai": 5,
    "okt": 10,
    "dez": 12,
    "janv": 1,
    "févr": 2,
    "avr": 4,
    "juin": 6,
    "juil": 7,
    "août": 8,
    "déc": 12,
    "sty": 1,
    "lut": 2,
    "kwi": 4,
    "maj": 5,
    "cze": 6,
    "lip": 7,
    "sie": 8,
    "wrz": 9,
    "paź": 10,
    "lis": 11,
    "gru": 12,
}
_ROMAN_MONTH = {r: i + 1 for i, r in enumerate(_split("I II III IV V VI VII VIII IX X XI XII"))}
_SEASON = re.compile(r"\b(Spring|Summer|Fall|Autumn|Winter|Fall/Winter|Tavasz|Nyár|Ősz|Tél)\b")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_NUM_WORD = re.compile(
    r"^(?:Vol\.|vol\.|Volume|volume|Bd\.|t\.|tom|köt\.|roč\.|évf\.|No\.|Nos\.|no\.|nos\.|Nr\.|nr|"
    r"Issue|Issues|Number|H\.|Heft|sz\.|č\.|n°|no|Nr|Band|Tome|Tomo|Tom|Teil|svazek|Svazek)\s*"
)
_IN_WORD = re.compile(r"^(?:In|in|W|w|V|v|Dans|dans)\s*:\s*|^(?:In|in)\s+(?=\S)")
_PAGE_WORD = re.compile(r"^(?:pp?\.|S\.|s\.|str\.|o\.|old\.|hier|esp\.)\s*|\.?\s*(?:pp|o|old)$")


@attrs.frozen
class Made:
    """One citation in CSL terms, with what the note adds (locator) and how it refers."""

    fields: dict[str, Any]
    locator: Locator | None
    kind: str
    text: str


def clean(value: str) -> str:
    """A field's text without its separating punctuation: "Kovrig," -> "Kovrig"."""
    value = value.strip().strip(",;:").strip()
    value = re.sub(r"^[.,;:]\s*", "", value)
    while value.endswith((".", ",", ";", ":")):
        value = value[:-1].rstrip()
    return value


def _unquote(value: str) -> tuple[str, bool]:
    m = re.fullmatch(r"[“\"„«‘'](.+?)[,.;:]?[”\"“»’'][,.;:]?", value.strip())
    if m:
        return clean(m.group(1)), True
    return clean(value), False


def parse_date(text: str) -> dict[str, Any] | None:
    """ "19 May 1952", "May 19, 1952", "1956. június 30.", "30. 10. 1956", "Fall 1999"."""
    years = _YEAR.findall(text)
    if not years:
        return None
    year = int(years[-1])
    parts = [year]
    month = day = None
    low = text.lower()
    for word in re.findall(r"[^\W\d_]+", low):
        for key in (word, word[:4], word[:3]):
            if key in _MONTHS:
                month = _MONTHS[key]
                break
        if month:
            break
    if month is None:
        m = re.search(r"\b(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(?:1[5-9]|20)\d\d", text)
        if m:
            day, month = int(m.group(1)), int(m.group(2))
        else:
            m = re.search(r"\b(\d{1,2})\s+([IVX]{1,4})\s+(?:1[5-9]|20)\d\d", text)
            if m and m.group(2) in _ROMAN_MONTH:
                day, month = int(m.group(1)), _ROMAN_MONTH[m.group(2)]
    elif day is None:
        m = re.search(r"(?<![\d.])(\d{1,2})(?![\d])(?!\.\d)", _YEAR.sub(" ", text))
        if m:
            day = int(m.group(1))
    if month and 1 <= month <= 12:
        parts.append(month)
        if day and 1 <= day <= 31:
            parts.append(day)
    issued: dict[str, Any] = {"date-parts": [parts]}
    season = _SEASON.search(text)
    if season:
        issued["season"] = season.group(1)
    return issued


def _locator(text: str) -> Locator | None:
    rest, loc = split_locator(", " + text.strip())
    if loc is not None and not rest.strip(" ,"):
        return loc
    bare = re.sub(r"^(?:at|hier|esp\.|bes\.)\s+", "", text.strip()).rstrip(". ")
    if re.fullmatch(r"[\dIVXLCivxlc]+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?(?:\s*(?:f|ff)\.?)?", bare):
        return Locator(normalise_range(bare), "page", text.strip(), 0)
    if loc is not None:
        return loc
    return Locator(clean(text), "page", text.strip(), 0) if text.strip() else None


def _number(text: str) -> str:
    return _NUM_WORD.sub("", clean(text)).strip() or clean(text)


def to_csl(text: str, offset: int, spans: Sequence[Tagged]) -> Made:
    """CSL fields of a citation from its tagged spans (offsets in the note, `offset` = start)."""
    spans = repair_spans(text, offset, spans)
    by: dict[str, list[str]] = {}
    order: list[tuple[str, str]] = []
    for s in spans:
        raw = text[s.start - offset : s.end - offset]
        by.setdefault(s.label, []).append(raw)
        order.append((s.label, raw))
    _inverted_name(by)
    f: dict[str, Any] = {}
    for role in ("author", "editor", "translator"):
        if role in by:
            names = [n for raw in by[role] for n in parse_names(_without_roles(raw))]
            if names:
                f[role] = names
    if "interviewer" in by:
        f["interviewer"] = parse_names(_without_roles(by["interviewer"][0]))
    quoted = False
    if "title" in by:
        f["title"], quoted = _unquote(by["title"][0])
    if "container-title" in by:
        f["container-title"] = "; ".join(
            _unquote(_IN_WORD.sub("", v.strip()))[0] for v in by["container-title"]
        )
    for tag, key in (
        ("collection-title", "collection-title"),
        ("publisher", "publisher"),
        ("genre", "genre"),
        ("edition", "edition"),
        ("note", "note"),
        ("archive", "archive"),
        ("archive-place", "archive-place"),
    ):
        if tag in by:
            f[key] = "; ".join(_unquote(v)[0] for v in by[tag])
    if "collection-title" in f and _NAMES_A_WORK.isdisjoint(f.keys() | by.keys()):
        # a series cited as a whole ("CWIHP Working Papers"): the series is the work
        f["title"] = f.pop("collection-title")
    if "note" in f and "genre" not in f and _GENRE_NOTE.fullmatch(f["note"]):
        f["genre"] = f.pop("note")  # "manuscript." alone says what kind of work it is
    if "place" in by:
        f["publisher-place"] = "; ".join(clean(v) for v in by["place"])
    if "url" in by:
        f["URL"] = by["url"][0].strip().rstrip(".,;")
    for tag in ("volume", "issue", "number"):
        if tag in by:
            f[tag] = _number(by[tag][0])
    if "pages" in by:
        f["page"] = normalise_range(_PAGE_WORD.sub("", clean(by["pages"][0])))
    if "translated-title" in by:
        f["custom"] = {"translated-title": clean(by["translated-title"][0].strip().strip("[]"))}
    elif "title" in f:
        # "Title. [Translation.]" tagged as one title: the bracket is the translation
        # anchored although fullmatch anchors it: a search with it would be quadratic, the
        # lazy title running on from every position
        m = re.fullmatch(r"^(?P<t>.+?)[.,]?\s*+\[(?P<tr>[^\[\]]{4,}+)\]", f["title"])
        if m:
            f["title"] = clean(m.group("t"))
            f["custom"] = {"translated-title": clean(m.group("tr"))}
    for tag, key in (("date", "issued"), ("doc-date", "issued"), ("accessed", "accessed")):
        if tag in by and key not in f:
            date = parse_date(by[tag][-1])  # the last date is the date of publication
            if date:
                f[key] = date
    for key in ("title", "collection-title", "container-title"):
        if key in f:
            f[key] = _YEAR_GAP.sub(r"\1\2", f[key])
    _archival(f, order)
    _named_work_not_archive(f, by)
    loc = _locator(by["locator"][-1]) if "locator" in by else None
    kind = _kind(f, by)
    if "backref" in by:
        pass  # a back-reference states no type: it borrows the work it resolves to
    elif "archive" in f or "fonds" in by:
        f["type"] = "manuscript"
    else:
        if _after_in(text, offset, spans):
            f["_in"] = True
        if quoted:
            f["_quoted"] = True
        rule_fields._finish(f, loc)
    body = text
    if loc is not None and "locator" in by:
        cut = text.rfind(by["locator"][-1])
        body = text[:cut].rstrip(" ,.;:(") if cut > 0 else text
        if body and not body.endswith((".", "”", ")")):
            body += "."
    return Made(f, loc, kind, body.strip())


_NAMES_A_WORK = frozenset(
    {
        "title",
        "container-title",
        "author",
        "editor",
        "archive",
        "fonds",
        "volume",
        "issue",
        "number",
    }
)
"""Fields (or tags) that name a cited work or its place in a series; without any of them a
`collection-title` is the work itself."""
_GENRE_NOTE = re.compile(
    r"(?i)(?:unpublished\s+)?(?:manuscript|typescript|kézirat|gépirat|rukopis|strojopis|"
    r"maszynopis|manuskript|typoskript|manuscrit|tapuscrit|rukopis')[\s.,;]*+"
)
"""A `note` that is only a genre word: the tagger confuses the two (the corpus tags "manuscript
in the author's possession" as a note, "manuscript." alone as a genre)."""
_YEAR_GAP = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d[-–])\s++((?:1[5-9]|20)\d\d)(?!\d)")
"""A year range broken at the line end and joined with a space: "1955- 1957"."""
_GIVEN_COLON = re.compile(r"^(?P<given>[A-ZÀ-ÖØ-Þ][\w.’'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.’'\-]*){0,3}):\s+")


def _inverted_name(by: dict[str, list[str]]) -> None:
    """ "Marchio, | David James: Title": the given names the tagger left to the title."""
    authors, titles = by.get("author"), by.get("title")
    if not authors or not titles or not authors[-1].rstrip().endswith(","):
        return
    m = _GIVEN_COLON.match(titles[0])
    if m and len(authors[-1].split()) == 1:
        authors[-1] = f"{authors[-1].strip()} {m.group('given')}"
        titles[0] = titles[0][m.end() :]


def _named_work_not_archive(f: dict[str, Any], by: dict[str, list[str]]) -> None:
    """ "CWIHP Working Papers" tagged as an archive: a name with no repository word ("Archive",
    "Library", "Levéltár", a known abbreviation), no place of the archive and no level under it
    does not name a repository; it names a work (a paper series, a journal), so it is the
    title. The tagger hesitates between the two on a bare name, and an archive with nothing
    in it would send the citation to the archive audit and out of the bibliography."""
    archive = f.get("archive")
    if not archive or "title" in f or "archive-place" in f:
        return
    if any(t in by for t in ARCHIVAL_COLLECTION + ARCHIVAL_LOCATION):
        return
    if lx.ARCHIVE_WORDS.search(archive) or lx.REPOSITORY_NAME.search(archive):
        return
    f["title"] = f.pop("archive")
    by.setdefault("title", [archive])


def _archival(f: dict[str, Any], order: list[tuple[str, str]]) -> None:
    levels = [(t, clean(v)) for t, v in order if t in ARCHIVAL_COLLECTION + ARCHIVAL_LOCATION]
    if not levels:
        return
    coll = [v for t, v in levels if t in ARCHIVAL_COLLECTION]
    loc = [v for t, v in levels if t in ARCHIVAL_LOCATION]
    if coll:
        f["archive_collection"] = ", ".join(coll)
    if loc:
        f["archive_location"] = ", ".join(loc)
    custom = f.setdefault("custom", {})
    for t, v in levels:
        custom[t] = f"{custom[t]}, {v}" if t in custom else v


def _after_in(text: str, offset: int, spans: Sequence[Tagged]) -> bool:
    """Whether "In"/"in:"/"W:" stands right before the container title."""
    for s in spans:
        if s.label == "container-title":
            before = text[: s.start - offset].rstrip()
            return bool(
                re.search(r"(?:^|[\s.,(])(?:In|in|W|w|V|v|Dans|dans|In:|in:)\s*:?$", before)
            )
    return False


def _kind(f: dict[str, Any], by: dict[str, list[str]]) -> str:
    """full, ibid, op-cit or short: how the citation refers to its work."""
    if "backref" in by:
        word = by["backref"][0].strip()
        named = "author" in f or "title" in f
        if not named and not re.match(r"(?i)op|loc|art|i\.\s*m|ukaz|указ|c\.\s*d|a\.\s*a", word):
            return "ibid"
        return "op-cit"
    if "title" not in f and "container-title" not in f and "archive" not in f:
        return "short" if "author" in f else "full"
    publication = ("issued", "publisher", "publisher-place", "container-title", "genre", "number")
    if "author" in f and not any(k in f for k in publication) and "archive" not in f:
        return "short"
    return "full"
