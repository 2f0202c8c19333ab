"""One citation's text into CSL-JSON fields: the careful rule parser.

The citation is cut into segments at ", ", ". " and ": " outside brackets and quotes; each
segment is classed (place, publisher, date, volume, issue, editor, bracketed translation,
container marker, genre, pages, other) and the classes are read in order: the leading "other"
segments are the title, an "In" segment opens the container, the last date is the date of
publication. The learned parser replaces the classing, not this interface.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from footcite.parse import lexicon as lx
from footcite.parse.locators import Locator, normalise_range, split_bare_pages, split_locator
from footcite.parse.names import looks_like_names, parse_names
from footcite.parse.segments import split_segments

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter|Fall/Winter|Spring/Summer|Tavasz|Nyár|Ősz|Tél)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DATE_SEG = re.compile(
    rf"^(?:(?P<season>{_SEASON})\s*,?\s*)?(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH})\s*,?\s*)?"
    rf"(?P<year>{_YEAR})\.?$"
)
_SEASON_ONLY = re.compile(rf"^{_SEASON}$")
_RANGE = re.compile(r"^\d{1,4}\s*[-–—]\s*\d{1,4}\.?$")
_VOLUME = re.compile(
    r"^(?:Vol\.|vol\.|Volume|Bd\.|t\.|köt\.|évf\.)\s*(?P<v>[\dIVXLCivxlc/\-]+)\.?$"
)
_ISSUE = re.compile(
    r"^(?:No\.|Nos\.|no\.|Issues?|Number|Nr\.|nr|H\.|Heft|sz\.|č\.|n°)\s*(?P<v>\S.*?)\.?$|"
    r"^(?P<w>special issue|különszám|Sonderheft)$"
)
_IN = re.compile(r"^(?:In|in|In:|in:|W:|w:|V:|v:|Dans|dans)\s+(?=\S)")
_EDITOR_BEFORE = re.compile(
    r"^(?:Ed\.|Eds\.|ed\.|eds\.|edited by|Edited by|\(eds?\.?\)|szerk\.|Hrsg\.(?: von)?|"
    r"hrsg\. von|red\.)\s*(?P<names>.+)$"
)
_EDITOR_AFTER = re.compile(
    r"^(?P<names>.+?)\s*(?:\(eds?\.?\)|\beds?\.?|\(szerk\.\)|\bszerk\.|\(Hrsg\.\)|\(red\.\))$"
)
_TRANSLATOR = re.compile(
    r"^(?:Trans\.|trans\.|Translated by|translated by|ford\.|übers\. von)\s*(?P<names>.+)$"
)
_SERIES_NUMBER = re.compile(
    r"^(?P<series>.*?(?:Working Papers?|Paper|Occasional Paper|Series))"
    r"\s+(?:No\.\s*)?(?P<num>\d+)\.?$"
)
_QUOTED = re.compile(r"^[“\"„«‘'](?P<t>.+?)[”\"“»’']\s*[.,:;]?")
_AUTHOR = re.compile(r"^(?P<names>[^:“\"„\[]{2,140}?)\s*:\s*(?=\S)")
_CHICAGO_AUTHOR = re.compile(
    r"^(?P<names>[A-ZÀ-ÖØ-Þ][\w.\-’']+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w.\-’']+|de|van|von|del)){1,3}),"
    r"\s+(?=[“\"A-ZÀ-ÖØ-Þ])"
)
# "Kramer, op. cit.": the author before a back-reference. Matched at the start of a citation
# only; the anchor says so and keeps a search with it from trying the name at every letter of a
# long word (each try running to the word's end, which is quadratic).
_NAMED = re.compile(r"^(?P<who>[A-ZÀ-Þ][\w’'\-]++(?:\s++[A-ZÀ-Þ][\w’'\-]++)?)[,:]?\s+")
_NEWSPAPERS = re.compile(
    r"\b(Times|Post|Herald|Tribune|Gazette|Zeitung|Monde|Figaro|Pravda|Izvestiia|Népszabadság|"
    r"Szabad Nép|Magyar Nemzet|Guardian|Telegraph)\b"
)


@attrs.frozen
class Parsed:
    """The fields of one citation plus its locator and how it refers (full or back-reference)."""

    fields: dict[str, Any]
    locator: Locator | None
    kind: str = "full"


def parse_citation(text: str, *, inherited_authors: list[dict[str, Any]] | None = None) -> Parsed:
    body = text.strip()
    m = lx.BACKREF.match(body)
    who: list[dict[str, Any]] = []
    if not m:
        named = _NAMED.match(body)
        if named:
            m2 = lx.BACKREF.match(body[named.end() :])
            if m2:
                who = [{"family": named.group("who").split()[-1]}]
                body = body[named.end() :]
                m = m2
    if m:
        rest = body[m.end() :].lstrip(" ,.").strip()
        _, loc = split_locator(", " + rest) if rest else (rest, None)
        if loc is None and rest and re.fullmatch(r"(?:at\s+)?\d+(?:\s*[-–]\s*\d+)?\.?", rest):
            loc = Locator(
                normalise_range(rest.rstrip(".").removeprefix("at").strip()), "page", rest, 0
            )
        kind = (
            "ibid"
            if not who and not re.match(r"(?i)op|loc|art|i\.\s*m|ukaz|указ", m.group(0))
            else "op-cit"
        )
        return Parsed({"author": who} if who else {}, loc, kind=kind)
    body, loc = split_locator(body)
    fields: dict[str, Any] = {}
    names, body = _take_authors(body)
    role = "author"
    if names is not None:
        role, raw = names
        people = parse_names(raw)
        if people:
            fields[role] = people
    elif inherited_authors:
        fields["author"] = inherited_authors
    title, body = _take_quoted(body)
    segments = split_segments(body)
    _assign(segments, fields, title)
    _finish(fields, loc)
    if (
        fields.get("type")
        in {"chapter", "article-journal", "article-newspaper", "article-magazine"}
        and loc
        and "-" in loc.value
        and "page" not in fields
    ):
        fields["page"] = loc.value
        loc = None
    if not fields.get("title") and not fields.get("container-title"):
        short = len(fields) <= 2 and "author" in fields
        return Parsed(fields, loc, kind="short" if short else "full")
    kind = "full"
    if "author" in fields and len(fields) <= 3 and not _has_publication(fields):
        kind = "short"
    return Parsed(fields, loc, kind=kind)


def _has_publication(fields: dict[str, Any]) -> bool:
    return any(
        k in fields
        for k in ("issued", "publisher", "publisher-place", "container-title", "genre", "number")
    )


def _take_authors(body: str) -> tuple[tuple[str, str] | None, str]:
    m = _AUTHOR.match(body)
    if m:
        raw = m.group("names").strip()
        rest = body[m.end() :]
        if (
            looks_like_names(raw)
            and not lx.starts_with_place(raw)
            and not _is_publisher_segment(re.split(r"[,.;]", rest, maxsplit=1)[0])
            and not lx.ARCHIVE_WORDS.search(raw)
        ):
            ed = _EDITOR_AFTER.match(raw)
            if ed:
                return ("editor", ed.group("names")), rest
            return ("author", raw), rest
    m = _CHICAGO_AUTHOR.match(body)
    if (
        m
        and re.search(rf"\([^()]*?:[^()]*?\b{_YEAR}\)", body)
        and not lx.starts_with_place(m.group("names"))
    ):
        raw = m.group("names")
        if looks_like_names(raw):
            return ("author", raw), body[m.end() :]
    return None, body


def _is_publisher_segment(seg: str) -> bool:
    return bool(lx.PUBLISHER_WORDS.search(seg)) and len(seg.split()) <= 6


def _take_quoted(body: str) -> tuple[str | None, str]:
    m = _QUOTED.match(body.strip())
    if m:
        return m.group("t").strip().rstrip(",."), body.strip()[m.end() :].strip()
    return None, body


_STATE = re.compile(
    r"^(?:N\.\s?J|N\.\s?Y|D\.\s?C|Mass|Conn|Calif|Penn|Ill|Md|Va|Kans|Kansas|New Jersey|"
    r"Massachusetts|Connecticut|California|Maryland|Virginia|UK|USA|U\.S\.A|NY|NJ|MA|CT|CA)\.*$"
)
_YEAR_RANGE = re.compile(rf"^{_YEAR}\s*[-–—/]\s*(?:{_YEAR}|\d\d)\.?$")
_JOURNAL = re.compile(
    r"\b(Bulletin|Journal|Review|Quarterly|Szemle|Századok|Évkönyv|Évkönyve|Yearbook|Jahrbuch|"
    r"Vierteljahrshefte|Zeitschrift|Revue|Annales|Przegląd|Kwartalnik|Dzieje|Časopis|"
    r"Voprosy|Kritika|Holmi|Világosság|Valóság|Beszélő|Studies|Affairs|Diplomatic History|"
    r"Soudobé dějiny|Istoriia|Herald|Times|Post|Tribune|Zeitung|Monde|Pravda)\b"
)


def _classify(seg: str) -> str:
    s = seg.strip()
    if s.startswith("[") and s.endswith("]"):
        return "bracket"
    if _IN.match(s):
        return "in"
    if _TRANSLATOR.match(s):
        return "translator"
    if _EDITOR_BEFORE.match(s):
        return "editor"
    ed = _EDITOR_AFTER.match(s)
    if ed and looks_like_names(ed.group("names")):
        return "editor"
    if _YEAR_RANGE.match(s):
        return "yearrange"
    if _DATE_SEG.match(s):
        return "date"
    if _SEASON_ONLY.match(s):
        return "season"
    if _RANGE.match(s):
        return "range"
    if _VOLUME.match(s):
        return "volume"
    if _ISSUE.match(s):
        return "issue"
    if _SERIES_NUMBER.match(s):
        return "series"
    if _STATE.match(s):
        return "state"
    if lx.GENRE_WORDS.search(s) and len(s.split()) <= 6:
        return "genre"
    if lx.starts_with_place(s) and len(s.split()) <= 6 and not lx.PUBLISHER_WORDS.search(s):
        return "place"
    strong = _STRONG_PUBLISHER.search(s)
    if lx.PUBLISHER_WORDS.search(s) and len(s.split()) <= 9 and (strong or not _JOURNAL.search(s)):
        return "publisher"
    if _DIVISION.fullmatch(s):
        return "division"
    if _JOURNAL.search(s) and len(s.split()) <= 7:
        return "journal"
    return "other"


_STRONG_PUBLISHER = re.compile(
    r"\b(Press|Books|Publishers?|Verlag|Kiadó|Wydawnictwo|Nakladatelství)\b"
)
_DIVISION = re.compile(r"Department of [A-Z]\w+|Faculty of [A-Z]\w+")
_MANUSCRIPT = re.compile(r"manuscript|kézirat|Manuskript|typescript")
_THESIS = re.compile(r"Hovedoppgave|PhD|Ph\.D|dissertation|Dissertation|thesis|Thesis|disszertáció")
_MICROFILMS = re.compile(r"Microfilms")
_TITLEISH = {"other", "yearrange"}


def _assign(segments: list[tuple[str, str]], fields: dict[str, Any], quoted: str | None) -> None:
    classes = [_classify(s) for _, s in segments]
    n = len(segments)
    for i, c in enumerate(classes):
        later = classes[i + 1 :]
        if c == "date" and (
            any(x == "date" for x in later)
            or any(x in ("other", "editor", "in", "translator", "journal") for x in later)
        ):
            classes[i] = "other"
        if c == "range" and i < n - 1 and classes[i + 1] not in ("place", "publisher", "date"):
            classes[i] = "other"
        if c == "journal" and i == 0 and quoted is None:
            classes[i] = "other"
        after_editor = c == "other" and i and classes[i - 1] == "editor"
        if after_editor and looks_like_names(segments[i][1]) and len(segments[i][1].split()) <= 8:
            classes[i] = "editor-more"
    title_parts: list[tuple[str, str]] = []
    container_parts: list[tuple[str, str]] = []
    if quoted is not None:
        fields["title"] = quoted
        fields["_quoted"] = True
    mode = "title" if quoted is None else "after-title"
    places: list[str] = []
    for (sep, seg), c in zip(segments, classes, strict=True):
        if c in _TITLEISH:
            if mode == "title":
                title_parts.append((sep, seg))
            elif mode == "container":
                container_parts.append((sep, seg))
            elif mode == "volume":
                fields["volume-title"] = seg
            elif quoted is not None and not container_parts and "container-title" not in fields:
                container_parts.append((sep, seg))
                mode = "container"
            else:
                fields["note"] = f"{fields['note']}, {seg}" if "note" in fields else seg
            continue
        if c == "journal":
            if mode == "title" and not title_parts:
                title_parts.append((sep, seg))
                continue
            mode = "container"
            container_parts = [("", _IN.sub("", seg))]
            continue
        if mode == "title":
            mode = "after-title"
        if c == "in":
            mode = "container"
            container_parts = [("", _IN.sub("", seg))]
            fields["_in"] = True
            continue
        if c == "bracket":
            fields.setdefault("custom", {})["translated-title"] = seg.strip("[] ").rstrip(".")
            continue
        if mode == "container":
            mode = "after-container"
        if c == "date":
            _set_date(fields, seg)
        elif c == "season":
            fields["_season"] = seg
        elif c == "range":
            fields["page"] = normalise_range(seg.rstrip("."))
        elif c == "volume":
            m = _VOLUME.match(seg)
            fields["volume"] = m.group("v") if m else seg
            if not fields.get("_in") and "container-title" not in fields and not container_parts:
                mode = "volume"
        elif c == "issue":
            m = _ISSUE.match(seg)
            fields["issue"] = (m.group("v") or m.group("w")) if m else seg
        elif c in ("editor", "editor-more"):
            m = _EDITOR_BEFORE.match(seg) or _EDITOR_AFTER.match(seg)
            names = parse_names(m.group("names") if m and c == "editor" else seg)
            if names:
                fields.setdefault("editor", []).extend(names)
        elif c == "translator":
            m = _TRANSLATOR.match(seg)
            fields["translator"] = parse_names(m.group("names") if m else seg)
        elif c == "series":
            m = _SERIES_NUMBER.match(seg)
            if m:
                fields["collection-title"] = m.group("series")
                fields["number"] = m.group("num")
        elif c == "genre":
            fields["genre"] = seg
        elif c == "place":
            places.append(seg)
        elif c == "state":
            if places:
                places[-1] = f"{places[-1]}, {seg.rstrip('.')}."
            else:
                places.append(seg)
        elif c == "publisher":
            fields["publisher"] = seg
        elif c == "division":
            fields["division"] = seg
    if title_parts and "title" not in fields:
        fields["title"] = _join(title_parts)
    elif "title" not in fields and not container_parts and segments:
        # a series or genre cited on its own ("CWIHP Working Papers"): its name is the title
        fields["title"] = segments[0][1]
        fields.pop("genre", None)
    if container_parts:
        fields["container-title"] = _join(container_parts)
    if places:
        fields["publisher-place"] = ", ".join(places)


def _join(parts: list[tuple[str, str]]) -> str:
    text = ""
    for sep, seg in parts:
        text = seg if not text else f"{text}{sep} {seg}"
    return text.strip()


def _set_date(fields: dict[str, Any], seg: str) -> None:
    m = _DATE_SEG.match(seg.strip())
    if not m:
        return
    parts = [int(m.group("year"))]
    month = m.group("month")
    if month:
        months = [
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ]
        parts.append(months.index(month[:3].lower()) + 1)
        if m.group("day"):
            parts.append(int(m.group("day")))
    issued: dict[str, Any] = {"date-parts": [parts]}
    season = m.group("season") or fields.pop("_season", None)
    if season:
        issued["season"] = season
    fields["issued"] = issued


_SHORT_NAME = re.compile(
    r"(?i)(?<!\w)(?:hereinafter(?:\s++(?:called|cited\s++as|referred\s++to\s++as|quoted\s++as))?|"
    r"henceforth|a\s++továbbiakban|továbbiakban|im\s++Folgenden|dále\s++jen|dalej|ci-après|"
    r"далее)(?!\w)"
)
"""The words that define a short name; what follows them, to the parenthesis' end, is it."""
_DEFINED = re.compile(r"^(?P<title>[^()]++)\((?P<inner>[^()]++)\)?+\s*+$")
"""A title and one parenthesis at its end; the closing bracket may have been cut off with the
punctuation that followed it ("..., hereinafter called CWIHP Bulletin), Nos.1-12/13.")."""


def short_name(fields: dict[str, Any]) -> None:
    """ "Bulletin (Woodrow Wilson International Center ..., Washington D.C. — hereinafter called
    CWIHP Bulletin)": a parenthesis that defines the short name the note uses from here on.

    It is not part of the title. The title keeps what is outside the parenthesis; the short
    name goes to CSL `title-short`, the field bibliography styles print for a short form (and
    which later notes citing "CWIHP Bulletin" can be matched against); what the parenthesis
    says besides is who issues the work: its last comma part is the place when it reads like
    one and the rest the `publisher`, unless the citation already has them (then `note`).

    Applied to the final fields of a citation (`note.parse_note`), not inside the rule parser:
    the rule parser's title is a feature of the learned taggers, trained on the whole span."""
    title = fields.get("title")
    if not title or "(" not in title:
        return
    whole = _DEFINED.match(title)
    if whole is None:
        return
    inner = whole.group("inner")
    defining = list(_SHORT_NAME.finditer(inner))
    m = defining[-1] if defining else None  # the last defining words: the short name follows
    short = inner[m.end() :].strip(' :,.;„“”"«»') if m is not None else ""
    if m is None or not short:
        return
    fields["title"] = whole.group("title").strip(" ,.")
    fields["title-short"] = short
    issuer = inner[: m.start()].strip(" ,;—–-")
    if not issuer:
        return
    head, _, tail = issuer.rpartition(",")
    place = tail.strip()
    if head and re.fullmatch(r"[A-ZÀ-Ž][\w.]*+(?:\s[A-ZÀ-Ž][\w.]*+){0,2}", place):
        if "publisher-place" not in fields:
            fields["publisher-place"] = place
        issuer = head.strip()
    if "publisher" not in fields:
        fields["publisher"] = issuer
    else:
        fields["note"] = issuer


def _finish(fields: dict[str, Any], loc: Locator | None) -> None:
    quoted = "title" in fields and fields.pop("_quoted", False)
    was_in = fields.pop("_in", False)
    fields.pop("_season", None)
    container = fields.get("container-title", "")
    genre = fields.get("genre", "")
    if "page" not in fields and "title" in fields:
        rest, pages = split_bare_pages(fields["title"])
        if pages and (container or was_in):
            fields["title"] = rest
            fields["page"] = pages
    if _MANUSCRIPT.search(genre):
        kind = "manuscript"
    elif _THESIS.search(genre) or _MICROFILMS.search(fields.get("publisher", "")):
        kind = "thesis"
    elif (
        fields.get("collection-title", "").endswith(("Paper", "Papers")) or "Working Paper" in genre
    ):
        kind = "report"
    elif container and _NEWSPAPERS.search(container):
        kind = "article-newspaper"
    elif container and (
        was_in and ("editor" in fields or "publisher" in fields or "publisher-place" in fields)
    ):
        kind = "chapter"
    elif container and (
        "issue" in fields or "volume" in fields or lx.CONTAINER_WORDS.search(container) or quoted
    ):
        kind = "article-journal"
    elif container and was_in:
        kind = "chapter"
    else:
        kind = "book"
        if container and not was_in:
            # a book title followed by more title-like text: keep it as the title
            fields["title"] = f"{fields.get('title', '')}. {container}".strip(". ")
            del fields["container-title"]
    fields["type"] = kind
    if kind == "thesis" and "publisher" in fields and "Microfilms" not in fields["publisher"]:
        pass
