"""Archival citations: repository, place, collection, location, as the note writes them.

A note may cite one document ("Hungarian National Archive, XIX-J-l-j, Foreign Ministry, Great
Britain, Top Secret documents, 00183/13/1953.") or list the collections a study rests on, one
repository after another (Békés note 15). Each collection cited becomes its own archival
citation, so that an archivist can count them; resolution against the repository authority and
normalisation of codes happen later, in `footcite.archives`.
"""

from __future__ import annotations

import re
from typing import Any

from footcite.parse import lexicon as lx

REPOSITORY = re.compile(
    r"(?<![\w.])(?:(?:[A-Z][\w'’\-]*|of|the|and|for|de|des|du|für|der|[A-Z]\.)\s+){0,7}"
    r"(?:Archives?|Archiv(?:es)?|Levéltár|Archiwum|Record Office|Manuscript Library|Library|"
    r"Hoover Institution)\b"
    r"|\b(?:NARA|TNA|PRO|MNL OL|MOL|ÁBTL|RGANI|RGASPI|GARF|AVP RF|APRF|TsAMO|SAPMO-BArch|"
    r"BArch|PA AA|BStU|AAN|AMSZ|IPN|NA ČR|AMZV|ABS|SNA|PIL|HU OSA|OSA|AMAE|ANIC)\b"
)
_CODE = re.compile(
    r"^(?:RG\s*\d+|[A-Z]{1,5}(?:-[A-Za-z0-9]{1,5}){1,6}|[A-Z]{2,5}\s?\d+(?:/\d+)*|"
    r"(?:f|op|d|l|ll|k|sv|kart|sygn|fond|opis|delo)\.?\s*[\w/\-]+(?:\s+\w+)?|"
    r"(?:Box|box|Folder|folder|File|file|Bd\.|Nr\.|doboz|tétel|cs\.|ő\. e\.)\s*[\w/\-]+)$"
)
_ITEM = re.compile(r"^\d+(?:/\d+){1,3}$|^\d{3,}$|^[A-Z]{1,3}\s?\d+/\d+(?:/\d+)*$")
_CLASSIFICATION = re.compile(
    r"\b(Top Secret|Secret|Confidential|Strictly Confidential|Szigorúan titkos|Titkos|"
    r"Streng geheim|Geheim|Sovershenno sekretno|Ściśle tajne|Přísně tajné|Tajné)\b",
    re.IGNORECASE,
)
_COLLECTION_END = re.compile(
    r"(?:\bPapers?|\bpapers|\bRecords?|\bFiles?\)?|\bFile\)|\bRG\s*\d+|\bCorrespondence|"
    r"\bmeetings|\bNotes|\bSummary\b.*)\.?$"
)


def find_repository(text: str) -> re.Match[str] | None:
    m = REPOSITORY.search(text)
    while m and not m.group(0).strip():
        m = REPOSITORY.search(text, m.end() + 1)
    return m


def split_repositories(block: str) -> list[tuple[int, int]]:
    """Spans of a block that each start at a repository name."""
    starts = []
    for m in REPOSITORY.finditer(block):
        name = m.group(0).strip()
        if not name:
            continue
        # "Princeton University" after a library is part of that library's address
        if starts and m.start() - starts[-1] < 3:
            continue
        starts.append(m.start())
    spans = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(block)
        spans.append((s, e))
    return spans


def _segments(text: str) -> list[str]:
    text = re.sub(r"\b(D\.\s?C|N\.\s?Y|N\.\s?J)\.\s+(?=[A-Z(])", r"\1., ", text)
    parts = re.split(r"(?<!\b[A-Z])[.,;]\s+|(?<=\b[A-Z]\.[A-Z]\.),\s+|(?<=\b[A-Z]\. [A-Z]\.),\s+|\s+(?=\()|(?<=\))\s+", text)
    out = []
    for p in parts:
        seg = p.strip(" ;,")
        if not re.search(r"\b[A-Z]\.\s?[A-Z]\.$", seg):
            seg = seg.rstrip(".").strip()
        if seg:
            out.append(seg)
    return out


def parse_archival(text: str) -> list[dict[str, Any]]:
    """CSL fields of each collection or document cited in one repository's stretch of text."""
    m = find_repository(text)
    if not m:
        return []
    archive = m.group(0).strip()
    rest = text[m.end() :].strip(" ,.;")
    segs = _segments(rest)
    places: list[str] = []
    i = 0
    if segs and re.fullmatch(r"(?:[A-Z][\w]+ )*University", segs[0]):
        archive = f"{archive}, {segs[0]}"
        i = 1
    while i < len(segs) and (
        lx.starts_with_place(segs[i]) or re.fullmatch(r"N\.\s?Y|D\.\s?C|New Jersey|Kansas|Kew|[A-Z]\.\s?[A-Z]\.?", segs[i])
    ) and len(segs[i].split()) <= 3:
        places.append(segs[i])
        i += 1
    base: dict[str, Any] = {"type": "manuscript", "archive": archive}
    if places:
        base["archive-place"] = ", ".join(places)
    body = segs[i:]
    if not body:
        return [base]
    codes = [s for s in body if _CODE.match(s)]
    items = [s for s in body if _ITEM.match(s)]
    classes = [s for s in body if _CLASSIFICATION.match(s) and len(s.split()) <= 4]
    if codes or items or len(body) <= 4:
        # one document or one file: everything but the item number is its collection
        collection = [s for s in body if s not in items]
        fields = dict(base)
        if collection:
            fields["archive_collection"] = ", ".join(collection)
        if items:
            fields["archive_location"] = ", ".join(items)
        if classes:
            fields.setdefault("custom", {})["classification"] = ", ".join(classes)
        if codes and not any(_COLLECTION_END.search(c) for c in collection if c not in codes):
            return [fields]
        if not codes:
            return [fields]
    return _collections(base, body)


def _collections(base: dict[str, Any], body: list[str]) -> list[dict[str, Any]]:
    """A list of collections: each ends with "Papers", "Records", "File", an RG number..."""
    out: list[dict[str, Any]] = []
    current: list[str] = []
    for seg in body:
        if not current and out and _CODE.match(seg):
            out[-1]["archive_collection"] += ", " + seg
            continue
        current.append(seg)
        if _COLLECTION_END.search(seg):
            out.append({**base, "archive_collection": ", ".join(current)})
            current = []
    if current:
        if out and len(current) == 1 and _CODE.match(current[0]):
            out[-1]["archive_collection"] += ", " + current[0]
        else:
            out.append({**base, "archive_collection": ", ".join(current)})
    return out
