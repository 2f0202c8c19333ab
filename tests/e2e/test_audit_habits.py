"""Archival citations in the habits of other traditions, each resolved and parsed into levels.

The notes are written the way German, Russian (transliterated), Polish, Czech, Hungarian, British
and American historians cite archives; they go through the whole pipeline (`parse_text`) and the
audit, as a user's file would. Run this module to print the resolution rate:

    .venv/bin/python -m tests.e2e.test_audit_habits
"""

from __future__ import annotations

import pytest

from footcite.archives import resolve
from footcite.pipeline import parse_text

# (note text, repository id, {location key: expected}, finding codes that must be present)
HABITS: list[tuple[str, str, dict[str, str | None], set[str]]] = [
    # German
    ("Bundesarchiv, SAPMO, DY 30/J IV 2/2/523, Bl. 3–5, Protokoll Nr. 42/56 der Sitzung des "
     "Politbüros vom 31. Oktober 1956.", "de-sapmo",
     {"folio": "Bl. 3–5", "date": "31. Oktober 1956"}, set()),
    ("Politisches Archiv des Auswärtigen Amts (PA AA), B 12, Bd. 456, Aufzeichnung vom "
     "2. November 1956.", "de-paaa", {"volume": "Bd. 456"}, set()),
    ("BStU, MfS, ZAIG, Nr. 1234, Bl. 5–9.", "de-stasi-archiv", {"folio": "Bl. 5–9"},
     {"outdated-name"}),
    # Russian, transliterated
    ("RGANI, f. 89, op. 45, d. 1, l. 12.", "ru-rgani",
     {"fonds": "f. 89", "file": "d. 1", "folio": "l. 12"}, {"missing-date"}),
    ("Arkhiv vneshnei politiki Rossiiskoi Federatsii (AVP RF), f. 077, op. 37, p. 191, d. 39, "
     "ll. 44–48.", "ru-avprf", {"fonds": "f. 077", "folder": "p. 191", "file": "d. 39"}, set()),
    ("TsKhSD, f. 5, op. 28, d. 394, ll. 1–3.", "ru-rgani", {"fonds": "f. 5"}, {"outdated-name"}),
    # Polish
    ("AAN, KC PZPR, sygn. 237/V-22, k. 145–150, Notatka z rozmowy, 29 października 1956.",
     "pl-aan", {"file": "sygn. 237/V-22", "folio": "k. 145–150"}, set()),
    ("Archiwum Akt Nowych (AAN), Warszawa, KC PZPR, sygn. 2635, k. 12.", "pl-aan",
     {"file": "sygn. 2635"}, set()),
    # Czech
    ("NA ČR, f. KSČ-ÚV-02/2, sv. 112, a. j. 228, bod 3.", "cz-nacr",
     {"fonds": "KSČ-ÚV-02/2", "volume": "sv. 112", "file": "a. j. 228"}, set()),
    ("Národní archiv, Praha, fond KSČ-ÚV-02/1, sv. 15, a. j. 20.", "cz-nacr",
     {"fonds": "KSČ-ÚV-02/1"}, set()),
    ("Archiv Ministerstva zahraničních věcí (AMZV), TO-T 1955–1959, Maďarsko, k. 2.", "cz-amzv",
     {"box": "k. 2"}, set()),
    # UK, The National Archives: department, series and piece
    ("TNA, FO 371/122380, NH 10110/5, Telegram from Budapest, 29 October 1956.", "gb-tna",
     {"fonds": "FO 371", "file": "122380", "date": "29 October 1956"}, set()),
    ("The National Archives, Kew, PREM 11/1234, Eden to Eisenhower, 5 November 1956.", "gb-tna",
     {"fonds": "PREM 11", "file": "1234"}, set()),
    ("PRO, CAB 128/30, Cabinet conclusions, 1 November 1956.", "gb-tna", {"fonds": "CAB 128"},
     {"outdated-name"}),
    ("Public Records Office, FO 37l/122380.", "gb-tna", {"fonds": "FO 371"},
     {"repository-by-similarity", "ocr-slip"}),
    # US, NARA: record group, entry, box
    ("NARA, RG 59, Central Decimal File 1955–59, 764.00/10-2956, box 3116.", "us-nara",
     {"fonds": "RG 59", "box": "box 3116", "date": "1956-10-29"}, set()),
    ("National Archives, College Park, MD, RG 59, Lot 58 D 776, Entry 1586, Box 12, "
     "Memorandum of conversation, 2 November 1956.", "us-nara-college-park",
     {"fonds": "RG 59", "box": "Box 12"}, set()),
    ("National Archives, RG 218, Records of the Chairman, Admiral Radford, Box 10.", "us-nara",
     {"fonds": "RG 218"}, {"repository-from-context"}),
    ("Dwight D. Eisenhower Library, Abilene, Kansas, Ann Whitman File, International Series, "
     "Box 32.", "us-nara-eisenhower", {"box": "Box 32"}, {"missing-date"}),
    # Hungarian: the number before the label
    ("MNL OL, M-KS 276. f. 53. cs. 287. ő. e.", "hu-mnl-ol",
     {"fonds": "M-KS 276", "file": "287. ő. e."}, set()),
    ("Magyar Országos Levéltár (MOL), XIX-J-1-j, Amerikai Egyesült Államok, 4. doboz, "
     "00183/13/1953.", "hu-mnl-ol", {"fonds": "XIX-J-1-j", "box": "4. doboz"}, {"outdated-name"}),
    ("Archiwum Akt Nowch, KC PZPR, sygn. 237/V-22.", "pl-aan", {}, {"repository-by-similarity"}),
]  # fmt: skip


def _notes_text() -> str:
    return "".join(f"{k} {text}\n" for k, (text, *_rest) in enumerate(HABITS, start=1))


@pytest.fixture(scope="module")
def audit():
    return resolve(parse_text(_notes_text(), "habits.txt"))


def _entry(audit, number: int):
    found = [e for e in audit.entries if e.note == number]
    assert len(found) == 1, (number, [e.text for e in found])
    return found[0]


@pytest.mark.parametrize("number", range(1, len(HABITS) + 1))
def test_habit_resolves_and_parses(audit, number: int) -> None:
    text, repo_id, location, codes = HABITS[number - 1]
    entry = _entry(audit, number)
    assert entry.repository is not None, (text, entry.findings)
    assert entry.repository.id == repo_id, text
    for key, want in location.items():
        got = entry.location.get(key)
        assert got == want, (key, got, want, text)
    found = {f.code for f in entry.findings}
    assert codes <= found, (codes - found, text)


def test_every_habit_is_resolved(audit) -> None:
    assert audit.resolved == len(HABITS) == len(audit.entries)


def test_unknown_archive_is_reported_not_guessed() -> None:
    audit = resolve(parse_text("1 Staatsarchiv Hamburg, 131-1 II, Nr. 1234, Bl. 7.\n", "x.txt"))
    (entry,) = audit.entries
    assert entry.repository is None
    assert "unknown-repository" in {f.code for f in entry.findings}


def test_ambiguous_name_without_context_is_not_guessed() -> None:
    audit = resolve(parse_text("1 National Archives, Box 3, Folder 2, 4 May 1950.\n", "x.txt"))
    (entry,) = audit.entries
    assert entry.repository is None
    assert {"us-nara", "gb-tna"} <= set(entry.resolution.candidates)
    assert "ambiguous-repository" in {f.code for f in entry.findings}


def test_same_collection_cited_inconsistently_across_notes() -> None:
    text = "1 TNA, FO 371/122380, 2 November 1956.\n2 TNA, FO371/122381, 3 November 1956.\n"
    audit = resolve(parse_text(text, "x.txt"))
    assert [e.location["fonds"] for e in audit.entries] == ["FO 371", "FO 371"]
    for entry in audit.entries:
        assert "inconsistent-citation" in {f.code for f in entry.findings}


if __name__ == "__main__":  # pragma: no cover - prints the figure quoted in the docs
    result = resolve(parse_text(_notes_text(), "habits.txt"))
    right = sum(
        1
        for (_, repo_id, *_r), e in zip(HABITS, result.entries, strict=False)
        if e.repository is not None and e.repository.id == repo_id
    )
    print(f"resolved {result.resolved} of {len(HABITS)}; correct {right} of {len(HABITS)}")
