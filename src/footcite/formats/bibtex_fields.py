"""The field mapping between CSL-JSON items and BibTeX/BibLaTeX entries.

Entry types (BibTeX / BibLaTeX)::

    book                      @book
    chapter                   @incollection (BibLaTeX: @inbook when there is no editor)
    article-journal           @article
    article-newspaper/-magazine  @article + entrysubtype = newspaper / magazine
    paper-conference          @inproceedings
    report                    @techreport / @report
    thesis                    @phdthesis / @thesis (genre in `type`)
    manuscript                @unpublished; an archival one @misc + entrysubtype = manuscript
    webpage                   @misc + entrysubtype = webpage / @online
    dataset, software, patent, periodical   @misc + entrysubtype / their BibLaTeX types
    entry-encyclopedia        @incollection + entrysubtype / @inreference
    anything else             @misc + entrysubtype = the CSL type ("document": plain @misc)

Fields, both dialects: author, editor, translator, container-author -> bookauthor, title,
title-short -> shorttitle, original-title -> origtitle, container-title -> journal
(BibLaTeX journaltitle) for articles and booktitle for chapters, papers and entries,
container-title-short -> shortjournal, collection-title -> series, volume, edition, page ->
pages (12--15), chapter-number -> chapter, number-of-pages -> pagetotal, number-of-volumes ->
volumes, issue -> number for articles (issue elsewhere), number / collection-number -> number,
genre -> type, publisher -> publisher (school for a BibTeX thesis, institution for reports and
BibLaTeX theses), publisher-place -> address (BibLaTeX location), issued -> year + month macro
(BibLaTeX date = ISO 8601 / EDTF range; literal dates in year), accessed -> urldate,
original-date -> origdate, original-publisher -> origpublisher, original-publisher-place ->
origlocation, event-title -> eventtitle, event-place -> venue, event-date -> eventdate, URL ->
url and DOI -> doi (verbatim), ISBN, ISSN, language, note, annote -> annote (BibLaTeX
annotation), abstract, keyword -> keywords, medium -> howpublished, version, status -> pubstate.
The CSL id goes in `x-csl-id` when it differs from the key.

Archives: see `bibtex_archive` (BibLaTeX entries keep to biber's data model, see
`biblatex_model`).

Everything else, and every value the entry does not give back exactly, goes into `x-csl`
(see `footcite.formats.common`).
"""

from __future__ import annotations

import re
from typing import Any

from footcite.formats.bibtex_archive import put_archive, read_archive
from footcite.formats.bibtex_archive import text_value as _text
from footcite.formats.bibtex_names import bibtex_to_names, names_to_bibtex
from footcite.formats.common import date_parts, date_to_iso, iso_to_date
from footcite.formats.latex import latex_to_unicode, unicode_to_latex

Field = tuple[str, str, bool]  # name, value as written (LaTeX), written bare (month macro)

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# fmt: off
CSL_TYPES = frozenset((
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
))
_READ_TYPES = {
    "article": "article-journal", "inbook": "chapter", "incollection": "chapter",
    "bookinbook": "chapter", "suppbook": "chapter", "suppcollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "inreference": "entry-encyclopedia", "phdthesis": "thesis", "mastersthesis": "thesis",
    "thesis": "thesis", "techreport": "report", "report": "report",
    "unpublished": "manuscript", "online": "webpage", "www": "webpage",
    "electronic": "webpage", "misc": "document", "dataset": "dataset",
    "software": "software", "patent": "patent", "periodical": "periodical",
    "suppperiodical": "periodical",
}
# fmt: on
_BIBLATEX_TYPES = {"webpage": "online", "dataset": "dataset", "software": "software"}
_BIBLATEX_TYPES |= {"patent": "patent", "periodical": "periodical"}
_BIBLATEX_TYPES |= {"entry-encyclopedia": "inreference", "entry-dictionary": "inreference"}
_BOOKS = ("book", "mvbook", "booklet", "collection", "mvcollection", "proceedings", "manual")
_READ_TYPES |= dict.fromkeys((*_BOOKS, "mvproceedings", "reference", "mvreference"), "book")
_LISTS = ("publisher", "location", "institution", "language", "origlocation", "origpublisher")
_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def entry_type(item: dict[str, Any], dialect: str) -> tuple[str, str | None]:
    """The entry type and entrysubtype for `item`."""
    csl = item.get("type") if isinstance(item.get("type"), str) else "document"
    archival = any(isinstance(item.get(k), str) for k in ("archive", "archive_location"))
    biblatex = dialect == "biblatex"
    simple = {
        "book": "book",
        "article-journal": "article",
        "paper-conference": "inproceedings",
        "report": "report" if biblatex else "techreport",
        "thesis": "thesis" if biblatex else "phdthesis",
    }
    if csl in simple:
        return simple[csl], None
    if csl == "chapter":
        return ("inbook" if biblatex and "editor" not in item else "incollection"), None
    if csl in ("article-newspaper", "article-magazine"):
        return "article", csl.removeprefix("article-")
    if csl == "manuscript" and not archival:
        return "unpublished", None
    if biblatex and csl in _BIBLATEX_TYPES:
        kind = _BIBLATEX_TYPES[csl]
        return kind, (csl if csl == "entry-dictionary" else None)
    if csl.startswith("entry"):
        return "incollection", csl
    return "misc", (None if csl == "document" else csl)


def _kind(etype: str) -> str:
    csl = _READ_TYPES.get(etype, "document")
    if csl in ("article-journal", "chapter", "paper-conference", "entry-encyclopedia"):
        return "article" if csl == "article-journal" else "part"
    if csl in ("thesis", "report", "book"):
        return csl
    return "misc" if etype in ("misc", "unpublished") else "other"


def _verbatim(value: Any) -> str | None:
    if not isinstance(value, str) or not value or "\\" in value:
        return None
    if any(ord(c) < 32 or c in "\x7f\u2028\u2029" or "\ud800" <= c <= "\udfff" for c in value):
        return None
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return None
    return value if depth == 0 else None


def item_to_fields(item: dict[str, Any], key: str, dialect: str) -> tuple[str, list[Field]]:
    """The entry type and fields for `item` (before the `x-csl` overflow)."""
    biblatex = dialect == "biblatex"
    etype, subtype = entry_type(item, dialect)
    kind = _kind(etype)
    csl = item.get("type")
    fields: list[Field] = []
    taken: set[str] = set()

    def put(name: str, value: str | None, bare: bool = False) -> None:
        if value is not None and name not in taken:
            fields.append((name, value, bare))
            taken.add(name)

    for role, name in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        put(name, names_to_bibtex(item.get(role)))
    put("bookauthor", names_to_bibtex(item.get("container-author")))
    put("title", _text(item.get("title"), title=True))
    put("shorttitle", _text(item.get("title-short"), title=True))
    container = item.get("container-title")
    if kind == "article":
        put("journaltitle" if biblatex else "journal", _text(container))
        put("shortjournal", _text(item.get("container-title-short")))
    elif kind == "part":
        put("booktitle", _text(container, title=True))
    put("origtitle", _text(item.get("original-title")))
    put("series", _text(item.get("collection-title")))
    put("volume", _text(item.get("volume")))
    put("volumes", _text(item.get("number-of-volumes")))
    if kind == "article":
        put("number", _text(item.get("issue")))
    else:
        number = "collection-number" if kind in ("book", "part", "thesis") else "number"
        put("number", _text(item.get(number)))
        put("issue", _text(item.get("issue")))
    put("edition", _text(item.get("edition")))
    page = item.get("page")
    if isinstance(page, str) and page:
        put("pages", "--".join(unicode_to_latex(piece) for piece in page.split("-")))
    put("chapter", _text(item.get("chapter-number")))
    put("pagetotal", _text(item.get("number-of-pages")))
    put("type", _text(item.get("genre")))
    if subtype:
        put("entrysubtype", subtype)
    publisher = _text(item.get("publisher"), listed=True)
    if csl == "thesis":
        put("institution" if biblatex else "school", publisher)
    elif csl == "report":
        put("institution", publisher)
    else:
        put("publisher", publisher)
    put("location" if biblatex else "address", _text(item.get("publisher-place"), listed=True))
    put_archive(item, put, biblatex=biblatex, kind=kind)
    put("howpublished", _text(item.get("medium")))
    _put_dates(item, put, biblatex=biblatex)
    put("url", _verbatim(item.get("URL")))
    put("doi", _verbatim(item.get("DOI")))
    for csl_key, name in _SIMPLE:
        put(name, _text(item.get(csl_key), listed=name in _LISTS))
    put("annotation" if biblatex else "annote", _text(item.get("annote")))
    if isinstance(item.get("id"), str) and item["id"] != key:
        put("x-csl-id", _text(item["id"]))
    return etype, fields


_SIMPLE = (
    ("ISBN", "isbn"),
    ("ISSN", "issn"),
    ("language", "language"),
    ("version", "version"),
    ("status", "pubstate"),
    ("original-publisher", "origpublisher"),
    ("original-publisher-place", "origlocation"),
    ("event-title", "eventtitle"),
    ("event-place", "venue"),
    ("note", "note"),
    ("abstract", "abstract"),
    ("keyword", "keywords"),
)


def _put_dates(item: dict[str, Any], put, *, biblatex: bool) -> None:
    issued = item.get("issued")
    parts = date_parts(issued)
    if biblatex and parts is not None:
        put("date", "/".join(date_to_iso({"date-parts": [p]}) or "" for p in parts))
    elif parts is not None and parts[0][0] >= 0:
        put("year", str(parts[0][0]))
        if len(parts[0]) > 1:
            put("month", MONTHS[parts[0][1] - 1], True)
        if len(parts[0]) > 2:
            put("day", str(parts[0][2]))
    elif isinstance(issued, dict):
        put("year", _text(issued.get("literal")) or _text(issued.get("raw")))
    for csl_key, name in (
        ("accessed", "urldate"),
        ("original-date", "origdate"),
        ("event-date", "eventdate"),
    ):
        put(name, date_to_iso(item.get(csl_key)))


# --- reading -------------------------------------------------------------------------------


def _month(value: str) -> int | None:
    text = latex_to_unicode(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return MONTHS.index(text[:3]) + 1 if text[:3] in MONTHS and text.isalpha() else None


def _issued(fields: dict[str, str]) -> dict[str, Any] | None:
    if "date" in fields:
        return iso_to_date(latex_to_unicode(fields.pop("date")))
    if "year" not in fields:
        return None
    year = latex_to_unicode(fields.pop("year")).strip()
    if not re.fullmatch(r"-?\d{1,4}", year):
        return {"literal": year}
    parts = [int(year)]
    month = _month(fields["month"]) if "month" in fields else None
    if month is not None:
        fields.pop("month")
        parts.append(month)
        day = latex_to_unicode(fields.get("day", "")).strip()
        if day.isdigit() and 1 <= int(day) <= 31:
            fields.pop("day")
            parts.append(int(day))
    return {"date-parts": [parts]}


def fields_to_item(etype: str, key: str, fields: dict[str, str]) -> dict[str, Any]:
    """The CSL item of an entry; `fields` (lowercase names, values as written) is consumed:
    what is left afterwards has no CSL meaning here."""
    etype = etype.lower()
    subtype = latex_to_unicode(fields.pop("entrysubtype", "")).strip()
    csl = _READ_TYPES.get(etype, "document")
    if etype == "article" and subtype in ("newspaper", "magazine"):
        csl = "article-" + subtype
    elif subtype in CSL_TYPES and etype != "article":
        csl = subtype
    kind = _kind(etype)
    csl_id = latex_to_unicode(fields.pop("x-csl-id")) if "x-csl-id" in fields else key
    item: dict[str, Any] = {"id": csl_id, "type": csl}

    def take(name: str, csl_key: str) -> None:
        if name in fields and csl_key not in item:
            text = latex_to_unicode(fields.pop(name))
            if text:
                item[csl_key] = text

    for name, role in (
        ("author", "author"),
        ("editor", "editor"),
        ("translator", "translator"),
        ("bookauthor", "container-author"),
    ):
        names = bibtex_to_names(fields.pop(name)) if name in fields else []
        if names:
            item[role] = names
    take("title", "title")
    if "subtitle" in fields and "title" in item:
        item["title"] += ": " + latex_to_unicode(fields.pop("subtitle"))
    take("shorttitle", "title-short")
    for name in ("journaltitle", "journal", "booktitle"):
        take(name, "container-title")
    take("shortjournal", "container-title-short")
    take("origtitle", "original-title")
    take("series", "collection-title")
    take("volume", "volume")
    take("volumes", "number-of-volumes")
    if kind == "article":
        take("number", "issue")
    take("number", "collection-number" if kind in ("book", "part", "thesis") else "number")
    take("issue", "issue")
    take("edition", "edition")
    if "pages" in fields:
        item["page"] = latex_to_unicode(fields.pop("pages")).replace("–", "-")
    take("chapter", "chapter-number")
    take("pagetotal", "number-of-pages")
    take("type", "genre")
    for name in ("school", "institution") if csl in ("thesis", "report") else ():
        take(name, "publisher")
    take("publisher", "publisher")
    read_archive(fields, item, kind)
    take("address", "publisher-place")
    take("location", "publisher-place")
    take("howpublished", "medium")
    if "url" in fields:
        item["URL"] = fields.pop("url")
    if "doi" in fields:
        item["DOI"] = fields.pop("doi")
    for csl_key, name in _SIMPLE:
        take(name, csl_key)
    take("annotation", "annote")
    take("annote", "annote")
    issued = _issued(fields)
    if issued is not None:
        item["issued"] = issued
    for name, csl_key in (
        ("urldate", "accessed"),
        ("origdate", "original-date"),
        ("eventdate", "event-date"),
    ):
        if name in fields:
            item[csl_key] = iso_to_date(latex_to_unicode(fields.pop(name)))
    return item
