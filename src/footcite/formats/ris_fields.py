"""The field mapping between CSL-JSON items and RIS records (as rispy dicts).

Types::

    book BOOK          chapter CHAP          article-journal JOUR   article-newspaper NEWS
    article-magazine MGZN   report RPRT      thesis THES           manuscript MANSCPT
    webpage ELEC       post-weblog BLOG      interview INTV        document GEN
    paper-conference CPAPER  dataset DATA    software COMP         entry-encyclopedia ENCYC
    entry-dictionary DICT    map MAP         patent PAT            bill BILL
    legal_case CASE    legislation STAT      motion_picture MPCT   song SOUND
    personal_communication PCOMM             graphic ART           figure FIGURE
    pamphlet PAMP      standard STAND        periodical JFULL      hearing HEAR
    classic CLSWK      regulation LEGAL      musical_score MUSIC   (others GEN)

Read as well: UNPB -> manuscript, EJOUR/INPR/ABST -> article-journal, EBOOK/EDBOOK/SER/CTLG
-> book, ECHAP -> chapter, CONF -> paper-conference, GOVDOC -> report, ICOMM ->
personal_communication, VIDEO/ADVS -> motion_picture, DBASE/AGGR -> dataset.

Tags: ID id; TI title (T1 read); ST title-short; AU author (A1 read), A2 editor, A3
collection-editor, A4 translator, as "Family, Given, Suffix" ("Family," for a family name
alone, a literal name without comma); T2 container-title (JO, JF read); J2
container-title-short (JA read); T3 collection-title; OP original-title; PB publisher; CY
publisher-place; PY year and DA YYYY/MM/DD/ of issued (a literal date in DA); Y2 accessed;
SP-EP page; VL volume; IS issue for JOUR/NEWS/MGZN, number otherwise; ET edition; M3 genre;
NV number-of-volumes; UR URL; DO DOI; SN ISBN or ISSN (told apart by their form); LA
language; AB abstract; KW keyword; N1 note; CN call-number.

Archives: DB ("name of database") archive; AN ("accession number") archive_location; and for
the record types MANSCPT, UNPB, GEN, PCOMM and INTV that have a DB, CY archive-place (when
there is no publisher) and T3 archive_collection (when there is no collection-title).

Every CSL field that does not come back exactly is stored as JSON in one extra N1 line,
`N1  - footcite-csl: {...}` (see `footcite.formats.common`).
"""

from __future__ import annotations

import re
from typing import Any

from rispy.config import TAG_KEY_MAPPING

# fmt: off
_TYPES = {
    "book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "article-newspaper": "NEWS",
    "article-magazine": "MGZN", "report": "RPRT", "thesis": "THES", "manuscript": "MANSCPT",
    "webpage": "ELEC", "post-weblog": "BLOG", "interview": "INTV", "document": "GEN",
    "paper-conference": "CPAPER", "dataset": "DATA", "software": "COMP",
    "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT", "map": "MAP", "patent": "PAT",
    "bill": "BILL", "legal_case": "CASE", "legislation": "STAT", "motion_picture": "MPCT",
    "song": "SOUND", "personal_communication": "PCOMM", "graphic": "ART", "figure": "FIGURE",
    "pamphlet": "PAMP", "standard": "STAND", "periodical": "JFULL", "hearing": "HEAR",
    "classic": "CLSWK", "regulation": "LEGAL", "musical_score": "MUSIC",
}
_READ_TYPES = {ris: csl for csl, ris in _TYPES.items()} | {
    "UNPB": "manuscript", "EJOUR": "article-journal", "INPR": "article-journal",
    "ABST": "article-journal", "EBOOK": "book", "EDBOOK": "book", "SER": "book",
    "CTLG": "book", "ECHAP": "chapter", "CONF": "paper-conference", "GOVDOC": "report",
    "ICOMM": "personal_communication", "VIDEO": "motion_picture", "ADVS": "motion_picture",
    "DBASE": "dataset", "AGGR": "dataset",
}
# fmt: on
_ARTICLES = ("JOUR", "NEWS", "MGZN", "EJOUR", "INPR")
_ARCHIVAL = ("MANSCPT", "UNPB", "GEN", "PCOMM", "INTV")
NAME_OF = dict(TAG_KEY_MAPPING)  # RIS tag -> rispy key
TAG_OF = {name: tag for tag, name in NAME_OF.items()}
_NAMES = (("author", "AU"), ("editor", "A2"), ("collection-editor", "A3"), ("translator", "A4"))
_SIMPLE = (
    ("title", "TI"),
    ("title-short", "ST"),
    ("container-title", "T2"),
    ("container-title-short", "J2"),
    ("original-title", "OP"),
    ("publisher", "PB"),
    ("publisher-place", "CY"),
    ("volume", "VL"),
    ("edition", "ET"),
    ("genre", "M3"),
    ("number-of-volumes", "NV"),
    ("DOI", "DO"),
    ("language", "LA"),
    ("abstract", "AB"),
    ("keyword", "KW"),
    ("call-number", "CN"),
    ("archive", "DB"),
    ("archive_location", "AN"),
    ("collection-title", "T3"),
)
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_ISSN = re.compile(r"\d{4}-?\d{3}[\dXx]")
_RIS_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?(?:/(.*))?)?)?")


def one_line(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or _LINE_BREAKS.search(value):
        return None
    return value


def _name(name: Any) -> str | None:
    if not isinstance(name, dict):
        return None
    if isinstance(name.get("literal"), str):
        return one_line(name["literal"])
    keys = ("family", "given", "suffix", "non-dropping-particle", "dropping-particle")
    parts = [name.get(k) for k in keys]
    if not all(p is None or isinstance(p, str) for p in parts):
        return None
    family, given, suffix, particle, dropping = (p or "" for p in parts)
    family = f"{particle} {family}" if particle else family  # shown as "van Gogh, Vincent"
    given = f"{given} {dropping}".strip() if dropping else given
    text = f"{family}, {given}" + (f", {suffix}" if suffix else "")
    return one_line(text.rstrip() if given or suffix else f"{family},")


def _ris_date(date: Any, *, with_slash: bool = True) -> str | None:
    parts = date.get("date-parts") if isinstance(date, dict) else None
    if not (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)):
        return None
    one = parts[0]
    if not 1 <= len(one) <= 3 or any(type(p) is not int for p in one):
        return None
    if not 0 <= one[0] <= 9999:
        return None
    text = "/".join([f"{one[0]:04d}", *(f"{p:02d}" for p in one[1:])])
    return text + "/" * (4 - len(one)) if with_slash else text


def item_to_record(item: dict[str, Any], ris_id: str | None) -> dict[str, Any]:
    """The rispy record for `item` (before the overflow note)."""
    csl = item.get("type")
    ty = _TYPES.get(csl, "GEN") if isinstance(csl, str) else "GEN"
    record: dict[str, Any] = {"type_of_reference": ty}
    if ris_id is not None:
        record["id"] = ris_id
    archival = ty in _ARCHIVAL and one_line(item.get("archive")) is not None
    for csl_key, tag in _NAMES:
        names = item.get(csl_key)
        if isinstance(names, list) and names:
            written = [_name(n) for n in names]
            if all(w is not None for w in written):
                record[NAME_OF[tag]] = written
    for csl_key, tag in _SIMPLE:
        value = one_line(item.get(csl_key))
        if value is not None:
            record[NAME_OF[tag]] = [value] if tag == "KW" else value
    if archival:
        place, collection = item.get("archive-place"), item.get("archive_collection")
        if "publisher" not in item and "publisher-place" not in item and one_line(place):
            record[NAME_OF["CY"]] = place
        if "collection-title" not in item and one_line(collection):
            record[NAME_OF["T3"]] = collection
    number = item.get("issue") if ty in _ARTICLES else item.get("number")
    if one_line(number) is not None:
        record[NAME_OF["IS"]] = one_line(number)
    page = one_line(item.get("page"))
    if page is not None:
        start, dash, end = page.partition("-")
        if dash and start and end and "-" not in end:
            record[NAME_OF["SP"]], record[NAME_OF["EP"]] = start, end
        else:
            record[NAME_OF["SP"]] = page
    issued = item.get("issued")
    date = _ris_date(issued)
    if date is not None:
        record[NAME_OF["PY"]] = date[:4]
        if len(issued["date-parts"][0]) > 1:
            record[NAME_OF["DA"]] = date
    elif isinstance(issued, dict) and one_line(issued.get("literal")):
        record[NAME_OF["DA"]] = issued["literal"]
    accessed = _ris_date(item.get("accessed"), with_slash=False)
    if accessed is not None:
        record[NAME_OF["Y2"]] = accessed
    url = one_line(item.get("URL"))
    if url is not None:
        record[NAME_OF["UR"]] = [url]
    isbn = one_line(item.get("ISBN")) or one_line(item.get("ISSN"))
    if isbn is not None:
        record[NAME_OF["SN"]] = isbn
    note = one_line(item.get("note"))
    if note is not None:
        record[NAME_OF["N1"]] = [note]
    return record


def _parse_date(text: str) -> dict[str, Any] | None:
    match = _RIS_DATE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, _other = match.groups()
    parts = [int(year)]
    if month and 1 <= int(month) <= 12:
        parts.append(int(month))
        if day and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


def _read_name(text: str) -> dict[str, str]:
    if "," not in text:
        return {"literal": text}
    family, _, rest = text.partition(",")
    given, _, suffix = rest.strip().partition(",")
    words = family.strip().split(" ")
    particle = []
    while len(words) > 1 and words[0][:1].islower():
        particle.append(words.pop(0))
    name = {"family": " ".join(words)}
    if particle:
        name["non-dropping-particle"] = " ".join(particle)
    if given.strip():
        name["given"] = given.strip()
    if suffix.strip():
        name["suffix"] = suffix.strip()
    return name


def record_to_item(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The CSL item of a rispy record (without id) and the RIS tags it did not use."""
    rest = {TAG_OF.get(k, k): v for k, v in record.items()}
    rest.pop("ID", None)
    ty = str(rest.pop("TY", "GEN")).strip().upper()
    item: dict[str, Any] = {"type": _READ_TYPES.get(ty, "document")}
    if ty not in _READ_TYPES:
        item["custom"] = {"ris-type": ty}

    def first(tag: str) -> str | None:
        value = rest.pop(tag, None)
        if isinstance(value, list):
            if len(value) > 1:
                rest[tag] = value[1:]
            value = value[0] if value else None
        return value if isinstance(value, str) and value else None

    for csl_key, tags in (("author", ("AU", "A1")), ("editor", ("A2",))):
        names = [n for tag in tags for n in _as_list(rest.pop(tag, None))]
        if names:
            item[csl_key] = [_read_name(n) for n in names]
    for csl_key, tag in _NAMES[2:]:
        names = _as_list(rest.pop(tag, None))
        if names:
            item[csl_key] = [_read_name(n) for n in names]
    archival = ty in _ARCHIVAL and "DB" in rest
    if archival and "PB" not in rest and "CY" in rest:
        item["archive-place"] = first("CY")
    if archival and "T3" in rest:
        item["archive_collection"] = first("T3")
    for csl_key, tag in _SIMPLE:
        if tag == "KW":
            keywords = _as_list(rest.pop("KW", None))
            if keywords:
                item["keyword"] = ", ".join(keywords)
            continue
        value = first(tag)
        if value is not None:
            item[csl_key] = value
    for tag in ("T1",):
        value = first(tag)
        if value is not None:
            item.setdefault("title", value)
    for tag in ("JO", "JF"):
        value = first(tag)
        if value is not None:
            item.setdefault("container-title", value)
    value = first("JA")
    if value is not None:
        item.setdefault("container-title-short", value)
    value = first("IS")
    if value is not None:
        item["issue" if ty in _ARTICLES else "number"] = value
    start, end = first("SP"), first("EP")
    if start or end:
        item["page"] = f"{start}-{end}" if start and end else (start or end)
    _read_dates(item, first)
    urls = _as_list(rest.pop("UR", None))
    if urls:
        item["URL"] = urls[0]
        if len(urls) > 1:
            rest["UR"] = urls[1:]
    value = first("SN")
    if value is not None:
        item["ISSN" if _ISSN.fullmatch(value) else "ISBN"] = value
    return item, rest


def _read_dates(item: dict[str, Any], first) -> None:
    da, py, y1 = first("DA"), first("PY"), first("Y1")
    for text in (da, py, y1):
        date = _parse_date(text) if text else None
        if date is not None:
            item["issued"] = date
            break
    else:
        literal = da or py or y1
        if literal:
            item["issued"] = {"literal": literal}
    accessed = first("Y2")
    if accessed:
        item["accessed"] = _parse_date(accessed) or {"literal": accessed}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str) and v]
