"""What of a CSL item is compared when deciding whether two items are one work.

Features are computed once per item (never per pair), folded so that case, diacritics,
punctuation and quotation marks do not count: the pairwise comparison of a million items then
costs a few string comparisons each. Archival items are compared by what identifies a record in
any language: the repository (resolved through the repository authority, so "Public Record
Office" is "TNA"), the collection codes ("RG 59", "FO 371", "f. 89") and the numbered units
(box, file, fond, opis, delo) whatever the language of the unit word ("box 12", "Kasten 12",
"12. doboz", "carton 12"). Page-like units (l., p., S.) are pinpoints, not identity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from footcite.dedup.keys import fold, year_of
from footcite.dedup.names import Person, person_of

_STOP = frozenset(
    """the a an of and in on for to at by from with its az a egy es der die das des dem den und
    im von zur zum le la les de du des et en dans sur pour il lo gli della del di e""".split()  # noqa: SIM905
)
PART_TYPES = frozenset(
    """chapter article article-journal article-magazine article-newspaper paper-conference
    entry entry-dictionary entry-encyclopedia review review-book post post-weblog""".split()  # noqa: SIM905
)

_UNIT_WORDS: dict[str, str] = {}
for _cls, _words in {
    "box": "box boxes kasten karton carton cartons boite boîte doboz pudlo pudło krabice kart",
    "file": "file folder folders mappe akte dossier dosszie dosszié teczka slozka složka papka "
    "fasc fascicle faszikel tetel tétel",
    "fond": "f fond fonds fonda fondas rg bestand",
    "opis": "op opis inventory inv",
    "delo": "d delo dela del",
    "series": "series serie reihe sorozat seria",
    "item": "item doc document dokument dokumentum no nr nos number",
    "volume": "vol volume bd band kotet kötet t tom tome",
}.items():
    for _w in _words.split():
        _UNIT_WORDS[fold(_w)] = _cls
_UNIT_ALT = "|".join(sorted((re.escape(w) for w in _UNIT_WORDS), key=len, reverse=True))
_UNIT_BEFORE = re.compile(rf"\b({_UNIT_ALT})\s*(\d+[a-z]?(?:/\d+)*)\b")
_UNIT_AFTER = re.compile(r"\b(\d+[a-z]?)\.\s*(doboz|tetel|kotet|karton|csomo|fond)\b")
_RECORD_GROUP = re.compile(r"\brecord group\s+(\d+)")
_CODE = re.compile(r"\b([a-z]{1,4})\s?(\d{1,4})\b")
_HYPHEN_CODE = re.compile(r"\b[a-z]{1,5}(?:-[a-z0-9]{1,5}){1,6}\b")
_DOCNUM = re.compile(r"\b\d+(?:/\d+){1,3}\b|\b\d{4,}\b")


class Features:
    """The comparable form of one item; see module docstring."""

    __slots__ = (
        "archive", "codes", "collection", "container", "creators", "ctype", "edition", "ids",
        "issue", "kind", "lang", "location", "number", "original_year", "page", "publisher",
        "title", "title_main", "translated", "units", "volume", "year",
    )  # fmt: skip

    kind: str
    ctype: str
    title: str
    title_main: str
    translated: str
    creators: tuple[Person, ...]
    year: int | None
    original_year: int | None
    container: str
    volume: str
    issue: str
    page: str
    number: str
    edition: str
    publisher: str
    ids: tuple[str, ...]
    lang: str
    archive: str
    codes: frozenset[str]
    units: dict[str, str]
    collection: str
    location: str


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in _STOP]


@lru_cache(maxsize=1 << 16)
def _phrase(text: str) -> str:
    """Folded words without stop words, for names that repeat (journals, publishers)."""
    return " ".join(_words(text))


def title_forms(title: str) -> tuple[str, str]:
    """(whole title, main title before a subtitle), folded, without stop words."""
    whole = " ".join(_words(title))
    head = re.split(r"\s*[:;?!]\s+|\.\s+(?=\S)|\s+[—–]\s+|\s+-\s+", title.strip(), maxsplit=1)[0]
    main = " ".join(_words(head)) if head and head != title.strip() else whole
    return whole, main or whole


def _first(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    m = re.match(r"[\dIVXLCivxlc]+", text)
    return m.group(0).lower() if m else fold(text)


def _creators(fields: Mapping[str, Any], part: bool) -> tuple[Person, ...]:
    """The persons a work is by: authors; editors too for a book (a chapter's are the book's)."""
    roles = ("author",) if part else ("author", "editor", "container-author", "contributor")
    for role in roles:
        names = fields.get(role)
        if names:
            found = [p for p in (person_of(n) for n in names) if p is not None]
            if found:
                return tuple(found)
    return ()


@lru_cache(maxsize=1 << 14)
def repository_key(archive: str, place: str = "") -> str:
    """The authority id of an archive name (with its place when the name is ambiguous)."""
    from footcite.archives.authority import packaged_authority

    authority = packaged_authority()
    parts = [p.strip() for p in archive.split(",") if p.strip()]
    for n in range(len(parts), 0, -1):
        name = ", ".join(parts[:n])
        found = authority.by_name(name)
        if found is not None:
            return found[0].id
        candidates = authority.candidates(name)
        if candidates:
            where = set(fold(place).split())
            fitting = [c for c in candidates if set(fold(c.city).split()) & where]
            if len(fitting) == 1:
                return fitting[0].id
            if where:
                return "?" + fold(name) + "@" + " ".join(sorted(where))
    return "?" + fold(archive)


def archival_units(text: str) -> tuple[dict[str, str], frozenset[str]]:
    """Numbered units ({"box": "12", "file": "3"}) and collection codes ({"rg59"}) of a text."""
    units: dict[str, str] = {}
    codes: set[str] = set()
    marked = "".join(
        ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch)
    )
    for m in _UNIT_AFTER.finditer(marked):  # Hungarian order: "12. doboz"
        units.setdefault(_UNIT_WORDS.get(m.group(2), "box"), m.group(1))
    marked = _UNIT_AFTER.sub(" ", marked)
    low = fold(_HYPHEN_CODE.sub(" ", marked))
    for m in _RECORD_GROUP.finditer(low):
        units.setdefault("fond", m.group(1))
    for m in _UNIT_BEFORE.finditer(low):
        units.setdefault(_UNIT_WORDS[m.group(1)], m.group(2))
    for m in _UNIT_AFTER.finditer(low):
        units.setdefault(
            _UNIT_WORDS.get(m.group(2), "box" if m.group(2) == "csomo" else "item"), m.group(1)
        )
    for m in _CODE.finditer(low):
        if m.group(1) not in _UNIT_WORDS and m.group(1) not in (
            "l",
            "ll",
            "p",
            "pp",
            "s",
            "o",
            "fol",
        ):
            codes.add(m.group(1) + m.group(2))
    for m in _DOCNUM.finditer(marked):
        if m.group(0) not in units.values():
            codes.add("#" + m.group(0))
    for m in _HYPHEN_CODE.finditer(marked):
        codes.add(m.group(0).replace("-", ""))
    return units, frozenset(codes)


def collection_words(text: str) -> str:
    """The words of a collection name without numbered units ("box 12") and numbers."""
    words = _words(text)
    keep = []
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if any(ch.isdigit() for ch in w) or (w in _UNIT_WORDS and nxt[:1].isdigit()):
            continue
        keep.append(w)
    return " ".join(keep)


def extract(fields: Mapping[str, Any]) -> Features:
    """The features of one CSL item."""
    f = Features()
    ctype = str(fields.get("type") or "")
    f.ctype = ctype
    archive = str(fields.get("archive") or "")
    title, main = title_forms(str(fields.get("title") or ""))
    f.title, f.title_main = title, main
    custom = fields.get("custom")
    translated = custom.get("translated-title") if isinstance(custom, Mapping) else None
    f.translated = " ".join(_words(str(translated or fields.get("original-title") or "")))
    is_part = ctype in PART_TYPES or bool(fields.get("container-title") and ctype != "book")
    f.creators = _creators(fields, is_part and not archive)
    y = year_of(fields)
    f.year = int(y[:4]) if y[:4].isdigit() else None
    original = fields.get("original-date")
    oy = year_of({"issued": original}) if isinstance(original, Mapping) else ""
    f.original_year = int(oy[:4]) if oy[:4].isdigit() else None
    f.container = " ".join(
        _words(str(fields.get("container-title") or fields.get("collection-title") or ""))
    )
    f.volume = _first(fields.get("volume"))
    f.issue = _first(fields.get("issue"))
    f.page = _first(fields.get("page"))
    f.number = _first(fields.get("number"))
    f.edition = _first(fields.get("edition"))
    f.publisher = " ".join(_phrase(str(fields.get("publisher") or "")).split()[:3])
    f.ids = tuple(
        f"{k}:{fold(str(fields[k])).replace(' ', '')}"
        for k in ("DOI", "ISBN", "ISSN", "PMID")
        if fields.get(k)
    )
    f.lang = fold(str(fields.get("language") or ""))[:2]
    f.archive, f.codes, f.units, f.collection, f.location = "", frozenset(), {}, "", ""
    if archive:
        f.kind = "archival"
        f.archive = repository_key(archive, str(fields.get("archive-place") or ""))
        collection = str(fields.get("archive_collection") or "")
        location = str(fields.get("archive_location") or "")
        f.units, f.codes = archival_units(f"{collection} , {location}")
        f.collection = collection_words(collection)
        f.location = fold(location)
    elif ctype in PART_TYPES or (fields.get("container-title") and ctype != "book"):
        f.kind = "part"
    else:
        f.kind = "whole"
    return f
