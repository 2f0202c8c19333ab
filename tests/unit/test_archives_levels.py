"""Levels of archival references, code normalisation and repository matching, table-driven."""

from __future__ import annotations

import pytest

from footcite.archives.authority import load_authority
from footcite.archives.codes import normalise_level
from footcite.archives.dates import date_parts
from footcite.archives.hierarchy import classify_segment, parse_path
from footcite.archives.match import fold_words, resolve_repository
from footcite.parse.archival import archival_parts, parse_archival

AUTHORITY = load_authority()


@pytest.mark.parametrize(
    ("segment", "lang", "expected"),
    [
        ("RG 59", None, [("fonds", "RG 59")]),
        ("Record Group 59", None, [("fonds", "RG 59")]),
        ("Entry 1586", None, [("series", "Entry 1586")]),
        ("box 3116", None, [("box", "box 3116")]),
        ("764.00/10-2956", None, [("file", "764.00/10-2956"), ("date", "1956-10-29")]),
        ("f. 89", "ru", [("fonds", "f. 89")]),
        ("fond 89", "ru", [("fonds", "f. 89")]),
        ("op. 45", "ru", [("series", "op. 45")]),
        ("d. 1", "ru", [("file", "d. 1")]),
        ("ll. 1–3", "ru", [("folio", "ll. 1–3")]),
        ("p. 191", "ru", [("folder", "p. 191")]),
        ("p. 191", "en", [("folio", "p. 191")]),
        ("FO 371/122380", None, [("fonds", "FO 371"), ("file", "122380")]),
        ("FO371", None, [("fonds", "FO 371")]),
        ("XIX-J-l-j", "hu", [("fonds", "XIX-J-1-j")]),
        ("00183/13/1953", "hu", [("item", "00183/13/1953"), ("date", "1953")]),
        ("M-KS 276. f. 53. cs. 287. ő. e.", "hu",
         [("fonds", "M-KS 276"), ("series", "53. cs."), ("file", "287. ő. e.")]),
        ("4. doboz", "hu", [("box", "4. doboz")]),
        ("sygn. 237/V-22", "pl", [("file", "sygn. 237/V-22")]),
        ("k. 145–150", "pl", [("folio", "k. 145–150")]),
        ("k. 2", "cs", [("box", "k. 2")]),
        ("sv. 112", "cs", [("volume", "sv. 112")]),
        ("a. j. 228", "cs", [("file", "a. j. 228")]),
        ("Bl. 3–5", "de", [("folio", "Bl. 3–5")]),
        ("Bd. l2", "de", [("volume", "Bd. 12")]),
        ("Dulles, A. W.: Papers", None, [("collection", "Dulles, A. W.: Papers")]),
        ("Top Secret documents", None,
         [("series", "Top Secret documents"), ("classification", "Top Secret")]),
        ("Confidential Files", None, [("collection", "Confidential Files")]),
        ("Memorandum of conversation, 29 October 1956", None,
         [("document", "Memorandum of conversation, 29 October 1956"),
          ("date", "29 October 1956")]),
    ],
)  # fmt: skip
def test_levels_and_normalised_codes(segment: str, lang: str | None, expected: list) -> None:
    levels = classify_segment(segment, lang)
    got = [(lv.kind, normalise_level(lv)[0]) for lv in levels]
    assert got == expected


@pytest.mark.parametrize(
    ("segment", "fixed", "reason"),
    [
        ("XIX-J-l-j", "XIX-J-1-j", "MNL reference codes"),
        ("XIX-J-I-j", "XIX-J-1-j", "MNL reference codes"),
        ("FO 37l/1", "FO 371", "series number"),
        ("RG 5O", "RG 50", "fonds number"),
    ],
)
def test_ocr_slips_say_why(segment: str, fixed: str, reason: str) -> None:
    level = classify_segment(segment, None)[0]
    value, findings = normalise_level(level)
    assert value == fixed
    assert [f.code for f in findings] == ["ocr-slip"]
    assert reason in findings[0].message


def test_names_are_never_corrected() -> None:
    for segment in ("Foreign Ministry", "Great Britain", "Ann Whitman File", "Lloyd papers"):
        for level in classify_segment(segment):
            assert normalise_level(level) == (level.value, [])


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("29 October 1956", [1956, 10, 29]),
        ("October 29, 1956", [1956, 10, 29]),
        ("1956. október 29.", [1956, 10, 29]),
        ("29.10.1956", [1956, 10, 29]),
        ("29. X. 1956", [1956, 10, 29]),
        ("29 października 1956", [1956, 10, 29]),
        ("29 oktyabrya 1956", [1956, 10, 29]),
        ("März 1956", [1956, 3]),
        ("no date", None),
    ],
)
def test_date_parts(text: str, parts: list[int] | None) -> None:
    assert date_parts(text) == parts


def test_registry_number_in_second_code_position_is_an_item() -> None:
    path = parse_path(["FO 371/122380", "NH 10110/5"])
    assert [lv.kind for lv in path.levels] == ["fonds", "file", "item"]


@pytest.mark.parametrize(
    ("cited", "place", "codes", "repo_id", "method"),
    [
        ("Public Record Office", "London, Kew", [], "gb-tna", "former"),
        ("National Archives", "Washington, D.C.", [], "us-nara", "exact"),
        ("National Archives", None, ["FO 371"], "gb-tna", "context"),
        ("National Archives", None, ["RG 59"], "us-nara", "context"),
        ("Bundesarchiv, SAPMO", None, [], "de-sapmo", "exact"),
        ("Archiwum Akt Nowch", None, [], "pl-aan", "fuzzy"),
        ("Arkhiv vneshnei politiki Rossiiskoi Federatsii (AVP RF)", None, [], "ru-avprf", "exact"),
        ("Staatsarchiv Hamburg", None, [], None, "unresolved"),
        ("National Archives", None, [], None, "ambiguous"),
    ],
)
def test_resolve_repository(cited, place, codes, repo_id, method) -> None:
    res = resolve_repository(AUTHORITY, cited, place, codes)
    assert (res.repository.id if res.repository else None, res.method) == (repo_id, method)


def test_fold_words_is_language_neutral() -> None:
    assert fold_words("Bundesarchiv") == fold_words("Bundes Archiv") == "federal archive"
    assert fold_words("Archiwum Akt Nowych").startswith("archive")


def test_note_15_stretch_is_one_reference_per_collection() -> None:
    text = (
        "Seeley G. Mudd Manuscript Library, Princeton University, Princeton, New Jersey, "
        "Dulles. A. W.: Papers, Dulles. J. F.: Papers."
    )
    parts = archival_parts(text)
    assert [p.fields["archive_collection"] for p in parts] == [
        "Dulles, A. W.: Papers",
        "Dulles, J. F.: Papers",
    ]
    assert parts[1].text.endswith("… Dulles. J. F.: Papers")


def test_archival_csl_uses_only_csl_fields() -> None:
    (fields,) = parse_archival(
        "TNA, FO 371/122380, NH 10110/5, Telegram from Budapest, 29 October 1956, Top Secret."
    )
    allowed = {
        "type",
        "archive",
        "archive-place",
        "archive_collection",
        "archive_location",
        "title",
        "issued",
        "custom",
    }
    assert set(fields) <= allowed
    assert fields["issued"] == {"date-parts": [[1956, 10, 29]]}
    assert fields["title"] == "Telegram from Budapest"
    assert fields["custom"]["classification"] == "Top Secret"
    assert fields["archive_location"] == "FO 371/122380, NH 10110/5"
    assert [h["level"] for h in fields["custom"]["archive-hierarchy"]] == [
        "fonds",
        "file",
        "item",
        "document",
        "date",
    ]
