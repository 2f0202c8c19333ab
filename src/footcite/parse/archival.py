"""Archival citations: repository, place, collection, location, as the note writes them.

A note may cite one document ("Hungarian National Archive, XIX-J-l-j, Foreign Ministry, Great
Britain, Top Secret documents, 00183/13/1953.") or list the collections a study rests on, one
repository after another (Békés note 15). Each collection cited becomes its own archival
citation, so that an archivist can count them. The levels of each (fonds, series, file, box,
item, folio, date, classification) come from `footcite.archives.hierarchy` and are kept in CSL
`custom["archive-hierarchy"]`; fonds and series go to `archive_collection`, the unit levels to
`archive_location`, a date to `issued`. Everything stays as written: resolution against the
repository authority and normalisation of codes happen later, in `footcite.archives`.

Repository names are recognised in English word order ("... Record Office", "... Library"),
keyword-first ("Archiwum Akt Nowych", "Archivio Storico ..."), as German compounds
("Bundesarchiv"), as Czech and Slovak adjective phrases ("Národní archiv") and by the names and
abbreviations of the packaged authority.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import attrs

from footcite.archives.authority import packaged_authority
from footcite.archives.dates import MONTHS, date_parts
from footcite.archives.hierarchy import (
    ArchivalPath,
    classify_segment,
    ends_collection,
    is_unit_only,
    parse_path,
)
from footcite.parse import lexicon as lx

_KEYWORD = (
    r"Archives?|Archiv(?:es)?|Archivum|Archiwum|Archivio|Archivo|Arkhiv|Arhiv|Archív|Levéltár|"
    r"Levéltára|Records? Office|Manuscript Library|Library|Hoover Institution|Archives Centre"
)
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-Я][\w'’\-]*"
_LINK = r"of|the|der|des|die|für|di|de|del|della|dello|w|v|ve|na|du|d['’]\w+|im|i|a|y|und|and"
_ABBREVIATIONS = (
    "NARA|TNA|PRO|MNL OL|MOL|ÁBTL|RGANI|RGASPI|GARF|AVP RF|AVPRF|APRF|AP RF|TsAMO|RGVA|RGAE|"
    "SAPMO-BArch|SAPMO|BArch-MA|BA-MA|BArch|PA AA|PAAA|BStU|AAN|AIPN|AMSZ|IPN|NA ČR|AMZV|ABS|"
    "VHA|SNA|PIL|HU OSA|OSA|AMAE|ANIC|ACNSAS|CNSAS|TsDA|ÖStA|OeStA|HAEU|HDA SBU|ГАРФ|РГАНИ|"
    "РГАСПИ|АВП РФ|ЦАМО|TsKhSD|RTsKhIDNI|TsGAOR|TsGANKh"
)


def _authority_names() -> list[str]:
    """Authority names that read as archive names, for recognising repositories in notes."""
    names = set()
    keyword = re.compile(r"(?i)archi|arkhiv|arhiv|levéltár|library|record office|архив")
    for repo in packaged_authority():
        for name in repo.all_names():
            if "," not in name and len(name) >= 6 and keyword.search(name):
                names.add(name)
    return sorted(names, key=len, reverse=True)


def _build_repository() -> re.Pattern[str]:
    known = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _authority_names())
    return re.compile(
        # names of the authority, in any language ("Archiwum Akt Nowych", "Národní archiv"),
        # first: an alternation takes the first alternative that matches, not the longest
        rf"(?<![\w.])(?:{known})(?![\w-])"
        # keyword first: "Archivio di Stato di Venezia", "Arkhiv vneshnei politiki ..."
        rf"|(?<![\w.])(?:Archiwum|Archivio|Archivo|Arkhiv|Arhiv|Archiv|Archives|Archive)"
        rf"(?:\s+(?:{_CAP}|{_LINK}|[a-zà-ž][\w'’\-]*(?=\s+{_CAP}))){{1,7}}?(?=\s*[,(])"
        # English order: capitalised words, then the keyword ("Dwight D. Eisenhower Library")
        rf"|(?<![\w.])(?:(?:[A-Z][\w'’\-]*|of|the|and|for|de|des|du|für|der|[A-Z]\.)\s+){{0,7}}"
        rf"(?:{_KEYWORD})\b"
        rf"|\b(?:{_ABBREVIATIONS})(?![\w-])"
        # German compounds: "Bundesarchiv", "Staatsarchiv Hamburg"
        rf"|(?<![\w.])[A-ZÄÖÜ][a-zäöüß]+archiv(?:\s+{_CAP})?\b"
        # Czech and Slovak: "Státní oblastní archiv v Třeboni", "Slovenský národný archív"
        rf"|(?<![\w.])[A-ZÁ-Ž][a-zá-ž]+(?:\s+[a-zá-ž]+){{0,3}}\s+archívu?(?:\s+v\s+{_CAP})?\b"
        rf"|(?<![\w.])[A-ZÁ-Ž][a-zá-ž]+(?:\s+[a-zá-ž]+){{0,3}}\s+archiv(?:\s+v\s+{_CAP})?\b"
    )


REPOSITORY = _build_repository()

# Places an archive is cited with: the lexicon's, the authority's cities, US states.
_EXTRA_PLACES = (
    r"N\.\s?Y|D\.\s?C|N\.\s?J|MD|Md\.?|Maryland|New Jersey|Kansas|Missouri|Iowa|Texas|"
    r"California|Michigan|Georgia|Massachusetts|Virginia|Kew|College Park|Richmond|"
    r"[A-Z]\.\s?[A-Z]\.?|Berlin-Lichterfelde|Koblenz|Freiburg(?: im Breisgau)?|Simi Valley"
)


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    return frozenset(repo.city for repo in packaged_authority())


def _is_place(seg: str) -> bool:
    if len(seg.split()) > 3:
        return False
    return bool(lx.starts_with_place(seg) or seg in _cities() or re.fullmatch(_EXTRA_PLACES, seg))


def _without_brackets(text: str) -> str:
    r"""The text without its bracketed asides and the spaces before them.

    This is `re.sub(r"\s*\(.*?\)", "", text)` in linear time: the regular expression, from
    each "(" with no ")" after it on its line, scans to the line's end again, which is
    quadratic in a run of "(". Here such a "(" sends the search past the line's end at once,
    as every other "(" before that end fails as well.
    """
    out: list[str] = []
    done = 0  # end of the last removal: where `re.sub` would go on searching
    at = 0
    close = -1
    while True:
        opening = text.find("(", at)
        if opening < 0:
            break
        if close <= opening:
            close = text.find(")", opening + 1)
            if close < 0:
                break  # no ")" after this "(": nothing more to remove
        newline = text.find("\n", opening + 1, close)
        if newline >= 0:
            at = newline + 1  # "." stops at a line break: no "(" before it finds its ")"
            continue
        start = opening
        while start > done and text[start - 1].isspace():
            start -= 1
        out.append(text[done:start])
        done = at = close + 1
    out.append(text[done:])
    return "".join(out)


@lru_cache(maxsize=256)
def _lang(archive: str) -> str | None:
    """The language of a cited repository (exact authority names only): for labels like 'k.'."""
    auth = packaged_authority()
    for form in (archive, archive.split(",")[0], _without_brackets(archive)):
        found = auth.by_name(form)
        if found:
            return found[0].lang if found[0].lang != "en" else found[0].country.lower()
    if re.search(r"Archiwum|Warszaw", archive):
        return "pl"
    if re.search(r"archiv\b|archív\b|Praha", archive) and re.search(r"[ěščřžýáíéůú]", archive):
        return "cs"
    if re.search(r"Arkhiv|Rossi", archive):
        return "ru"
    return None


def find_repository(text: str) -> re.Match[str] | None:
    m = REPOSITORY.search(text)
    while m and not m.group(0).strip():
        m = REPOSITORY.search(text, m.end() + 1)
    return m


def split_repositories(block: str) -> list[tuple[int, int]]:
    """Spans of a block that each start at a repository name.

    A repository named right after another ("Bundesarchiv, SAPMO, DY 30") is a unit of the
    first, not a new citation, so it does not start a span.
    """
    starts: list[int] = []
    last_end = -10
    for m in REPOSITORY.finditer(block):
        if not m.group(0).strip():
            continue
        between = block[last_end : m.start()] if last_end >= 0 else None
        last_end = m.end()
        if starts and between is not None and re.fullmatch(r"\s*[,/–(-]?\s*", between):
            continue
        if starts and m.start() - starts[-1] < 3:
            continue
        starts.append(m.start())
    return [(s, starts[k + 1] if k + 1 < len(starts) else len(block)) for k, s in enumerate(starts)]


_NO_SPLIT_BEFORE = re.compile(
    r"(?:\b[A-ZÀ-ÞА-ЯЁ]|\b(?:U\.\s?S|D\.\s?C|N\.\s?Y|N\.\s?J|Bl|Bd|Nr|No|Nos|Vol|vol|Dok|doc|"
    r"op|Op|sygn|sv|kart|fol|pp|p|S|d|l|ll|Ll|f|k|t|w|z|cs|ő\.\s?e|a\.\s?j|inv|č|Az|Dept|Adm|"
    r"Gen|St|ф|оп|Оп|д|л|лл|Лл))$"
)


def segments(text: str) -> list[tuple[str, int, int]]:
    """Comma, semicolon and sentence parts of an archival stretch, with their offsets.

    A full stop ends a part only before a capital or a bracket and not after an initial or a
    level label, so "f. 89", "Bl. 3", "276. f. 53. cs." and "Dulles, J. F." hold together.
    """
    cuts: list[tuple[int, int]] = []  # (end of part, start of next)
    depth = 0
    for m in re.finditer(r"[(),;.]|\s+(?=\()", text):
        ch = m.group(0)
        if ch == "(":
            depth += 1
            continue
        if ch == ")":
            depth = max(0, depth - 1)
            nxt = re.match(r"\s+", text[m.end() :])
            if depth == 0 and nxt:
                cuts.append((m.end(), m.end() + nxt.end()))
            continue
        if depth:
            continue
        if not ch.strip():
            cuts.append((m.start(), m.end()))
            continue
        after = re.match(r"\s+", text[m.end() :])
        if not after:
            continue
        if ch == ".":
            rest = text[m.end() + after.end() :]
            head = text[max(0, m.start() - 12) : m.start()]
            if not (rest[:1].isupper() or rest[:1] == "("):
                continue
            place_abbr = re.search(r"\b(?:D\.\s?C|N\.\s?Y|N\.\s?J)$", head)
            month = re.match(r"[^\W\d_]+", rest)
            if re.search(r"\b\d{1,2}$", head) and month and month.group(0).casefold() in MONTHS:
                continue  # "31. Oktober 1956" is one date
            if not place_abbr and _NO_SPLIT_BEFORE.search(head):
                continue
        cuts.append((m.end() if ch == "." else m.start(), m.end() + after.end()))
    parts: list[tuple[str, int, int]] = []
    start = 0
    for end, nxt in [*cuts, (len(text), len(text))]:
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip(" ,;"))
        piece = raw.strip(" ,;")
        if piece.endswith(".") and not _KEEP_STOP.search(piece):
            piece = piece[:-1].rstrip()
        if piece:
            parts.append((piece, start + lead, start + lead + len(piece)))
        start = nxt
    return parts


# a final full stop that belongs to an initial or a level label ("J. F.", "276. f.", "ő. e.")
_KEEP_STOP = re.compile(
    r"(?:\b[A-ZА-ЯЁ]|\bő\.\s?e|\ba\.\s?j|\b(?:f|cs|d|sz|č|p|pp|l|ll|k|Bl|Bd|sv|t|w|z|op|Op|"
    r"ff|D\.\s?C|N\.\s?Y|N\.\s?J|ф|оп|Оп|д|л|лл|Лл))\.$"
)


@attrs.frozen
class ArchivalPart:
    """One archival citation found in a repository's stretch: its CSL fields and its text."""

    fields: dict[str, Any]
    text: str
    path: ArchivalPath


def _person_heading(seg: str) -> bool:
    """'Dulles, J. F.: Papers', 'Jackson. C. D.', 'Eisenhower D. D.:': a creator heading."""
    return bool(re.match(r"^[A-ZÀ-Þ][\w'’\-]+[.,]?\s+(?:[A-Z]\.\s?){1,3}(?::|Papers\b|$)", seg))


def _group(parts: list[tuple[str, int, int]], lang: str | None) -> list[list[tuple[str, int, int]]]:
    """Parts of a repository's stretch grouped into one list per collection cited."""
    groups: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    closers = sum(1 for p in parts if ends_collection(p[0]))
    if closers < 2:
        return [parts] if parts else []
    for k, part in enumerate(parts):
        seg = part[0]
        nxt = parts[k + 1][0] if k + 1 < len(parts) else ""
        repeated = current and seg.casefold() == current[0][0].casefold() and len(current) > 1
        if current and (repeated or (_person_heading(seg) and not _person_heading(current[-1][0]))):
            groups.append(current)
            current = []
        if not current and groups and is_unit_only([seg], lang) and not seg.startswith("("):
            groups[-1].append(part)
            continue
        if not current and groups and re.fullmatch(r"RG\s*\d+|\(.*\)", seg):
            groups[-1].append(part)
            continue
        current.append(part)
        # "White House Central Files. Confidential Files": a file series and its sub-series
        sub_series = (
            len(nxt.split()) <= 2 and re.search(r"\bFiles?$", nxt) and seg.endswith("Files")
        )
        if ends_collection(seg) and not re.match(r"^[A-ZÀ-Þ][\w'’\-]+$", seg) and not sub_series:
            groups.append(current)
            current = []
    if current:
        if groups and (is_unit_only([p[0] for p in current], lang)):
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups


def _fields(base: dict[str, Any], path: ArchivalPath) -> dict[str, Any]:
    fields = dict(base)
    collection = path.collection_text()
    location = path.location_text()
    if collection:
        fields["archive_collection"] = collection
    if location:
        fields["archive_location"] = location
    custom: dict[str, Any] = {}
    marks = [lv.value for lv in path.all("classification")]
    if marks:
        custom["classification"] = ", ".join(dict.fromkeys(marks))
    if path.levels:
        custom["archive-hierarchy"] = [
            {"level": lv.kind, "text": lv.text} for lv in path.levels if lv.kind != "classification"
        ]
    if custom:
        fields["custom"] = custom
    documents = [lv.text for lv in path.all("document")]
    if documents:
        fields["title"] = "; ".join(documents)
    date = next((lv for lv in path.all("date") if lv.label != "registry year"), None)
    parts = date_parts(date.value) if date is not None else None
    if parts:
        fields["issued"] = {"date-parts": [parts]}
    return fields


def archival_parts(text: str) -> list[ArchivalPart]:
    """Each collection or document cited in one repository's stretch of text, with its text."""
    m = find_repository(text)
    if not m:
        return []
    archive = m.group(0).strip()
    rest_at = m.end()
    parts = segments(text[rest_at:])
    i = 0
    # a sub-unit named right after the repository ("Bundesarchiv, SAPMO") belongs to its name
    while (
        i < len(parts)
        and (
            REPOSITORY.fullmatch(parts[i][0].strip("()"))
            or re.fullmatch(r"\([A-ZÁ-Ž][\w ČÚ-]{1,9}\)", parts[i][0])
        )
        and not _is_place(parts[i][0])
    ):
        # "Archiwum Akt Nowych (AAN)", "Bundesarchiv, SAPMO": the name goes on
        if parts[i][0].startswith("("):
            archive = f"{archive} {parts[i][0]}"
            i += 1
            continue
        archive = f"{archive}, {parts[i][0]}"
        i += 1
    # anchored although fullmatch anchors it: a search with it would be quadratic in a run of
    # capitalised words, trying it from each of them
    if i < len(parts) and re.fullmatch(r"^(?:[A-Z]\w++ )*University", parts[i][0]):
        archive = f"{archive}, {parts[i][0]}"
        i += 1
    places: list[str] = []
    while i < len(parts) and _is_place(parts[i][0]):
        places.append(parts[i][0])
        i += 1
    base: dict[str, Any] = {"type": "manuscript", "archive": archive}
    if places:
        base["archive-place"] = ", ".join(places)
    lang = _lang(archive)
    body = parts[i:]
    if not body:
        return [ArchivalPart(base, text.strip(), ArchivalPath())]
    heading = text[: body[0][1] + rest_at].strip(" ,")
    out = []
    for k, group in enumerate(_group(body, lang)):
        path = parse_path([p[0] for p in group], lang)
        start, end = group[0][1] + rest_at, group[-1][2] + rest_at
        # what this collection's citation says: the repository as written, then its own words
        cited = text[:end] if k == 0 else f"{heading} … {text[start:end]}"
        out.append(ArchivalPart(_fields(base, path), cited.strip(), path))
    return out


def parse_archival(text: str) -> list[dict[str, Any]]:
    """CSL fields of each collection or document cited in one repository's stretch of text."""
    return [part.fields for part in archival_parts(text)]


__all__ = ["REPOSITORY", "ArchivalPart", "archival_parts", "classify_segment", "parse_archival"]
