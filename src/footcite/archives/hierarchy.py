"""The levels of an archival reference: fonds, series, file, box, item, folio, date, marks.

Archival citations follow the arrangement of the archive they cite, and every tradition writes
it differently: "RG 59, Entry 1586, Box 12" (NARA), "FO 371/122380" (TNA department, series and
piece), "f. 89, op. 45, d. 1, l. 12" (Russian fond, opis', delo, list), "276. f. 53. cs.
287. ő. e." (Hungarian, the number before the label), "sygn. 237/V-22, k. 145" (Polish
sygnatura and karta), "f. KSČ-ÚV-02/2, sv. 112, a. j. 228" (Czech). This module turns one
collection's stretch of text into typed `Level`s so that later stages can check that a file or
item level is present, normalise codes and match fonds against the authority.

The same abbreviation means different levels in different traditions ("k." is a folio in
Polish, a box in Czech; "p." a folder in Russian, a page elsewhere), so `parse_path` takes the
language of the repository when it is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from footcite.archives.dates import DATE

KINDS = (
    "fonds",
    "collection",
    "series",
    "file",
    "box",
    "folder",
    "volume",
    "item",
    "document",
    "folio",
    "date",
    "classification",
)
UNIT_KINDS = frozenset({"file", "box", "folder", "volume", "item", "folio"})

_NUM = r"[0-9lIO][\w/\-–.]*?"  # a number as printed, OCR slips included (checked in codes.py)
_RANGE = r"\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?(?:,\s*\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)*"

CLASSIFICATION = re.compile(
    r"\b(Top Secret|Strictly Confidential|Confidential|Secret|Eyes Only|Szigorúan titkos|"
    r"Titkos|Streng geheim|Geheime Verschlusssache|Geheim|Vertraulich|Sovershenno sekretno|"
    r"Sekretno|Совершенно секретно|Секретно|Ściśle tajne|Tajne|Přísně tajné|Tajné|"
    r"Très secret|Secret défense)\b",
    re.IGNORECASE,
)
# Registry numbers ("00183/13/1953") end in the year, which dates the document.
_REGISTRY_YEAR = re.compile(r"^\d+(?:/\d+){0,2}/((?:19|20)\d\d)$")


@attrs.frozen
class Level:
    """One level of an archival reference as cited: its kind, text, label and value.

    `text` is the part of the citation as written ("op. 45"), `label` the word that named the
    level ("op."), `value` what follows it ("45"). Kept apart so that codes can be normalised
    without losing what the author wrote.
    """

    kind: str
    text: str
    value: str
    label: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"level": self.kind, "text": self.text, "label": self.label, "value": self.value}


@attrs.frozen
class ArchivalPath:
    """The levels of one archival reference in the order the citation gives them."""

    levels: tuple[Level, ...] = ()

    def all(self, kind: str) -> tuple[Level, ...]:
        return tuple(lv for lv in self.levels if lv.kind == kind)

    def first(self, kind: str) -> Level | None:
        found = self.all(kind)
        return found[0] if found else None

    def text_of(self, kind: str) -> str | None:
        found = self.all(kind)
        return ", ".join(lv.text for lv in found) if found else None

    @property
    def has_unit(self) -> bool:
        """Whether a file, box, folder, volume, item or folio is cited: where to look."""
        return any(lv.kind in UNIT_KINDS for lv in self.levels)

    @property
    def has_date(self) -> bool:
        return any(lv.kind == "date" for lv in self.levels)

    def collection_text(self) -> str | None:
        """Fonds, collection and series as written: what CSL calls archive_collection."""
        parts = [lv.text for lv in self.levels if lv.kind in ("fonds", "collection", "series")]
        return join_parts(_dedupe(parts)) or None

    def location_text(self) -> str | None:
        """File, box ... folio as written: what CSL calls archive_location."""
        parts = [lv.text for lv in self.levels if lv.kind in UNIT_KINDS]
        return join_parts(_dedupe(parts)) or None

    def to_json(self) -> list[dict[str, str | None]]:
        return [lv.to_json() for lv in self.levels]


def _dedupe(parts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(parts))


def join_parts(parts: list[str]) -> str:
    """Parts joined by commas, a parenthesis glued to what it explains ("(Ann Whitman File)")."""
    out = ""
    for part in parts:
        out += (" " if part.startswith("(") else ", ") + part if out else part
    return out


# (kind, pattern) for levels whose label comes first: "Box 12", "f. 89", "sygn. 237/V-22".
# Languages listed after the kind restrict an ambiguous label to that tradition.
_LABELLED: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    # Russian labels written capitalised after a full stop ("RGANI. F. 89. Op. 45. D. 12.
    # L. 5."): the same levels as "f. 89, op. 45, d. 12, l. 5"; a number must follow, so that
    # initials ("D. Arthur", "L. Smith") are not taken for them
    ("fonds", r"F\.|Ф\.", None),
    ("series", r"Op\.|Оп\.", None),
    ("file", r"D\.|Д\.", None),
    ("folio", r"Ll\.|L\.|Лл\.|Л\.", None),
    ("fonds", r"RG|Record Group", None),
    ("series", r"Entry|E\.", None),
    ("series", r"Lot", None),
    ("fonds", r"f\.|fond|fonds|ф\.|фонд|zesp\.|zespół", None),
    ("series", r"op\.|opis[’']?|оп\.|опись|cs\.|csoport|Serie|Series|seria|sorozat", None),
    ("folder", r"p\.|papka|п\.", frozenset({"ru", "uk", "bg"})),
    (
        "file",
        r"d\.|delo|д\.|дело|sygn\.|sygnatura|a\.\s?j\.|inv\.\s?č\.|i\.\s?č\.|ő\.\s?e\.|"
        r"File|file|Akte|Az\.|dossier|dos\.|Dossier|teczka|t\.|Signatur|Sign\.",
        None,
    ),
    ("box", r"k\.|kart\.|karton|Karton", frozenset({"cs", "sk"})),
    ("box", r"w\.|wiązka", frozenset({"pl"})),
    (
        "box",
        r"Boxes|Box|box|boxes|Kt\.|kart\.|Karton|karton|doboz|Carton|carton|Schachtel|"
        r"Container|cont\.",
        None,
    ),
    ("folder", r"Folder|folder|Folders|folders|Mappe|ff\.\s?(?=\d)", None),
    ("volume", r"Bd\.|Band|vol\.|Vol\.|sv\.|svazek|tom|т\.|Teil", None),
    ("item", r"Nr\.|No\.|no\.|č\.|doc\.|Doc\.|Dok\.|item|Item|tétel|bod|Bod|poz\.", None),
    (
        "folio",
        r"ll\.|l\.|list|лл?\.|Bl\.|Blatt|k\.|kk\.|karta|karty|fol\.|fols\.|fo\.|"
        r"pp\.|p\.|S\.|pag\.|old\.|s\.",
        None,
    ),
)
# Hungarian puts the number first: "276. f.", "53. cs.", "287. ő. e.", "4. doboz", "12. tétel".
_HU_SUFFIX = re.compile(
    r"(?P<num>\d+[a-z]?)\.\s?(?P<label>f\.|fond|cs\.|csoport|ő\.\s?e\.|doboz|tétel|d\.|sz\.)"
    r"(?=\s|$|[,;])"
)
_HU_KIND = {"f.": "fonds", "fond": "fonds", "cs.": "series", "csoport": "series",
            "ő.e.": "file", "ő. e.": "file", "doboz": "box", "tétel": "item", "d.": "box",
            "sz.": "item"}  # fmt: skip

_CODE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # MNL: XIX-J-1-j (roman main group, letter, number, letter); M-KS 276 (party records)
    ("fonds", re.compile(r"^[IVXLC]{1,5}-[A-Z](?:-[0-9lIO]{1,3}(?:-[a-z]{1,2})?)?$")),
    ("fonds", re.compile(r"^M-KS(?:\s?\d+(?:\.\s?f\.)?)?$")),
    # Hyphenated party/ministry codes: KSČ-ÚV-02/2, TO-T, HU OSA 300-40-1
    ("fonds", re.compile(r"^[A-ZÁ-Ž]{1,5}(?:-[A-ZÁ-Ž0-9]{1,5}){1,5}(?:/\d+)?$")),
    ("fonds", re.compile(r"^HU OSA\s?\d+(?:-\d+)*$")),
    # Manuscript collection numbers: MC019, MS 1087
    ("fonds", re.compile(r"^(?:MC|MS|Mss)\s?\d+$")),
)
# Department/series[/piece]: FO 371/122380, PREM 11/1234, CAB 128/30, B 136/3456, DY 30/J IV 2/2/5
_DEPT_CODE = re.compile(
    r"^(?P<fonds>[A-Z]{1,5}\s?(?=[0-9lIO]*\d)[0-9lIO]+[A-Z]?)(?:/(?P<piece>[\w][\w ./\-]*))?$"
)
_DECIMAL_FILE = re.compile(r"^\d{3}\.\d{1,5}(?:/[\w\-–]+)?$")  # NARA central decimal file
_REGISTRY = re.compile(r"^\d+(?:/\d+){1,3}$|^\d{4,}$|^[A-Z]{1,3}\s?\d+/\d+(?:/\d+)*$")
_PAPERS = re.compile(
    r"(?:\bPapers?\b|\bpapers\b|\bFiles?\b|\bRecords?\b|\bCollection\b|\bNachlass\b|"
    r"\bPapiere\b|\bspuścizna\b|\bSpuścizna\b|\bpozůstalost\b|\bPozůstalost\b|\bhagyaték\b|"
    r"\bDiar(?:y|ies)\b|\bCorrespondence\b|\bNotes\b|\bmeetings\b|\blichnyi fond\b)"
    r"|^(?:NL|N)\s\d+|^(?:Papers|Records|Nachlass|Spuścizna|Pozůstalost|Osobní fond)\b"
)
_DOCUMENT = re.compile(
    r"^(?:Memorandum|Memo|Telegram|Cable|Letter|Report|Minutes|Summary|Chronological Summary|"
    r"Note|Notes of|Protokoll|Protocol|Aufzeichnung|Vermerk|Fernschreiben|Brief|Schreiben|"
    r"Jegyzőkönyv|Feljegyzés|Jelentés|Távirat|Levél|Zápis|Záznam|Dopis|Zpráva|Notatka|"
    r"Pismo|Protokół|Sprawozdanie|Zapis|Zapiska|Pis'mo|Spravka|Dokladnaya|Telegramma|"
    r"Записка|Письмо|Справка|Телеграмма|Протокол)\b"
)


def _label_re(labels: str) -> re.Pattern[str]:
    return re.compile(rf"^(?P<label>{labels})\s*(?P<value>(?:R-|Р-)?[\w][\w/\-–., ]*?)\.?$")


_NUMBER_ONLY = frozenset(
    {"E.", "t.", "s.", "S.", "p.", "k.", "F.", "Ф.", "Op.", "Оп.", "D.", "Д.", "L.", "Л.", "Ll.",
     "Лл."}
)  # fmt: skip
_LABELLED_RES = tuple((kind, _label_re(labels), langs) for kind, labels, langs in _LABELLED)


def _classify_labelled(seg: str, lang: str | None) -> Level | None:
    for kind, pattern, langs in _LABELLED_RES:
        if langs is not None and lang not in langs:
            continue
        m = pattern.match(seg)
        if not m:
            continue
        value = m.group("value").strip()
        label = m.group("label")
        if not re.match(r"(?:R-|Р-)?[0-9lIOA-ZÁ-Ž]", value):
            continue
        if kind in ("folio", "box", "folder", "volume", "item") and not re.match(
            r"[0-9lIO]|[A-Z]{1,3}\s?\d|[IVX]+\b", value
        ):
            continue
        if label in _NUMBER_ONLY and not re.match(r"(?:R-|Р-)?\d", value):
            continue
        return Level(kind, seg, value, label)
    return None


def _hungarian(seg: str) -> list[Level] | None:
    """'276. f. 53. cs. 287. ő. e.': a run of number-first Hungarian levels, or None."""
    found = list(_HU_SUFFIX.finditer(seg))
    if not found:
        return None
    rest = _HU_SUFFIX.sub("", seg)
    prefix = rest.strip(" ,;")
    levels: list[Level] = []
    if prefix:
        code = classify_segment(prefix, "hu")
        if not code or code[0].kind not in ("fonds", "collection", "series"):
            return None
        levels.extend(code)
    for m in found:
        label = re.sub(r"\s+", " ", m.group("label"))
        kind = _HU_KIND.get(label) or _HU_KIND.get(label.replace(" ", ""), "item")
        if kind == "fonds" and levels and levels[-1].kind == "fonds" and not levels[-1].label:
            # "M-KS 276. f.": the party-records prefix and the fond number are one code
            prev = levels.pop()
            levels.append(
                Level("fonds", f"{prev.text} {m.group(0)}", f"{prev.value} {m.group('num')}")
            )
            continue
        levels.append(Level(kind, m.group(0), m.group("num"), label))
    return levels


def classify_segment(seg: str, lang: str | None = None) -> list[Level]:
    """The levels one comma-separated part of an archival citation stands for.

    Usually one level; a document description with a date gives two, a Hungarian run of
    number-first labels several. Unrecognised text is a name: a collection when it reads like
    one ("Dulles, J. F.: Papers", "Ann Whitman File"), otherwise a series.
    """
    seg = seg.strip(" ,;")
    if not seg:
        return []
    labelled = _classify_labelled(seg, lang)
    if labelled:
        return [labelled]
    hungarian = _hungarian(seg) if re.search(r"\d\.\s?\S", seg) else None
    if hungarian:
        return hungarian
    for kind, pattern in _CODE_PATTERNS:
        if pattern.match(seg):
            return [Level(kind, seg, seg)]
    dept = _DEPT_CODE.match(seg)
    if dept and not re.match(r"^(?:No|Nr|Bd|Vol|Box|NY|NL)\s", seg):
        levels = [Level("fonds", seg, dept.group("fonds"))]
        if dept.group("piece"):
            levels.append(Level("file", seg, dept.group("piece"), "/"))
        return levels
    if _DECIMAL_FILE.match(seg):
        levels = [Level("file", seg, seg)]
        dated = re.search(r"/(\d{1,2})-(\d{1,2})(\d{2})$", seg)  # 764.00/10-2956: 29 Oct 1956
        if dated:
            month, day, year = (int(g) for g in dated.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                levels.append(
                    Level("date", seg, f"19{year:02d}-{month:02d}-{day:02d}", "decimal file")
                )
        return levels
    if _REGISTRY.match(seg):
        levels = [Level("item", seg, seg)]
        year = _REGISTRY_YEAR.match(seg)
        if year:
            levels.append(Level("date", seg, year.group(1), "registry year"))
        return levels
    date = DATE.search(seg)
    if date and date.group(0).strip(" .") == seg.strip(" ."):
        return [Level("date", seg, date.group(0))]
    mark = CLASSIFICATION.fullmatch(seg.strip(" ."))
    if mark:  # "Top Secret" alone is a mark, not a series
        return [Level("classification", seg, mark.group(1))]
    levels = []
    if _DOCUMENT.match(seg):
        levels.append(Level("document", seg, seg))
    elif _PAPERS.search(seg) or re.search(r"\w:\s", seg):
        levels.append(Level("collection", seg, seg))
    else:
        levels.append(Level("series", seg, seg))
    if date:
        levels.append(Level("date", date.group(0), date.group(0)))
    mark = CLASSIFICATION.search(seg)
    if mark and re.fullmatch(
        rf"{re.escape(mark.group(0))}(?:\s+(?:documents?|iratok|iratai|Dokumente|dokumenty|"
        r"dokumenty|materials|Akten))?",
        seg,
        re.IGNORECASE,
    ):
        levels.append(Level("classification", mark.group(0), mark.group(1)))
    return levels


def parse_path(segments: Iterable[str], lang: str | None = None) -> ArchivalPath:
    """The levels of one archival reference from its comma-separated parts, in order."""
    levels: list[Level] = []
    for seg in _join_person_names(list(segments)):
        found = classify_segment(seg, lang)
        second = any(lv.kind == "fonds" for lv in levels) and found and found[0].kind == "fonds"
        if second and not found[0].label and re.match(r"[A-Z]{1,3}\s?\d+/\d+", seg):
            # "FO 371/122380, NH 10110/5": the second code is the registry file number
            found = [Level("item", seg, seg)]
        levels.extend(found)
    return ArchivalPath(tuple(levels))


_SURNAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ’'\-]++$")
_INITIALS_THEN = re.compile(r"^[A-ZÀ-ÖØ-Þ]\.(?:\s?[A-ZÀ-ÖØ-Þ]\.){0,2}+(?::|\s++[A-Z])[^\d]*+$")


def _join_person_names(segments: list[str]) -> list[str]:
    """ "Dulles", "A. W.: Papers" -> "Dulles, A. W.: Papers": a person's papers.

    A collection named after its creator is written "Surname, Initials: Papers" (or "Records
    as President"); the comma in the name is not a step down the hierarchy, so the surname
    alone and the initials with the collection word are one collection, not a series and a
    collection under it. Only a single lower-case surname before initials that carry no number
    is joined: "GARF, F. 89" or "Box 2, F. 3" stay apart."""
    out: list[str] = []
    for seg in segments:
        part = seg.strip(" ,;")
        if out and _SURNAME.match(out[-1].strip(" ,;")) and _INITIALS_THEN.match(part):
            out[-1] = f"{out[-1].strip(' ,;')}, {part}"
        else:
            out.append(seg)
    return out


def is_unit_only(segments: Iterable[str], lang: str | None = None) -> bool:
    """Whether these parts only locate inside something (box, file, folio, date)."""
    kinds = {lv.kind for lv in parse_path(segments, lang).levels}
    return bool(kinds) and kinds <= UNIT_KINDS | {"date", "document", "classification"}


def ends_collection(seg: str) -> bool:
    """Whether a part closes a collection in a list of them ("... Papers", "RG 59")."""
    seg = seg.strip(" ,;.")
    if re.search(r"\bRG\s*\d+$|\bRecord Group\s+\d+$", seg):
        return True
    return bool(
        re.search(
            r"(?:\bPapers?|\bpapers|\bRecords?|\bFiles?|\bFile\)|\bCorrespondence|\bmeetings|"
            r"\bNotes|\bNachlass|\bCollection)\)?$",
            seg,
        )
    )
