"""The archival audit of the Békés paper: every archival citation resolved, with identifiers."""

from __future__ import annotations

import json

import pytest

from footcite.archives import audit_json, dumps_text, resolve
from footcite.cli import main

# Which repository each archival citation of the paper is in, by the name the note uses.
BEKES_REPOSITORIES = {
    "Hungarian National Archive": "hu-mnl-ol",
    "Seeley G. Mudd Manuscript Library, Princeton University": "us-princeton-mudd",
    "Dwight D. Eisenhower Library": "us-nara-eisenhower",
    "National Archives": "us-nara",
    "United Nations Archives": "un-arms",
    "National Security Archive": "us-nsarchive",
    "Public Record Office": "gb-tna",
}


@pytest.fixture(scope="module")
def audit(bekes_result):
    return resolve(bekes_result)


def _codes(entry) -> set[str]:
    return {f.code for f in entry.findings}


def test_every_archival_citation_resolves_to_the_right_repository(audit) -> None:
    assert len(audit.entries) >= 21
    for entry in audit.entries:
        assert entry.repository is not None, entry.text
        assert entry.repository.id == BEKES_REPOSITORIES[entry.cited_repository], entry.text
    assert audit.rate == 1.0


def test_identifiers_are_given_with_their_uncertainty(audit) -> None:
    data = audit_json(audit)
    by_id = {a["repository"]["id"]: a["repository"] for a in data["archival"]}
    assert by_id["us-nara"]["isil"] == {"value": "US-DNA", "uncertain": False}
    assert by_id["us-nara"]["wikidata"] == {"value": "Q518155", "uncertain": False}
    assert by_id["gb-tna"]["wikidata"] == {"value": "Q392703", "uncertain": True}
    assert by_id["hu-mnl-ol"]["isil"] == {"value": None, "uncertain": True}


def test_note_7_fonds_code_is_flagged_and_normalised(audit) -> None:
    (entry,) = [e for e in audit.entries if e.note == 7]
    assert entry.location["fonds"] == "XIX-J-1-j"
    assert entry.location["normalised"].startswith("XIX-J-1-j, Foreign Ministry, Great Britain")
    slip = [f for f in entry.findings if f.code == "ocr-slip"]
    assert slip and "'XIX-J-l-j' read as 'XIX-J-1-j'" in slip[0].message
    assert "number" in slip[0].message  # it says why
    assert entry.fonds is not None and entry.fonds.code == "XIX-J-1-j"
    assert entry.location["item"] == "00183/13/1953"
    assert entry.location["classification"] == "Top Secret"
    assert "missing-date" not in _codes(entry)  # the registry number carries the year


def test_public_record_office_is_a_former_name(audit) -> None:
    pro = [e for e in audit.entries if e.cited_repository == "Public Record Office"]
    assert len(pro) == 4
    for entry in pro:
        outdated = [f for f in entry.findings if f.code == "outdated-name"]
        assert outdated and "The National Archives" in outdated[0].message
        assert "2003" in outdated[0].message


def test_note_15_lists_one_reference_per_collection(audit) -> None:
    note15 = [e for e in audit.entries if e.note == 15]
    counts = {}
    for e in note15:
        counts[e.repository.id] = counts.get(e.repository.id, 0) + 1
    assert counts == {
        "us-princeton-mudd": 2,
        "us-nara-eisenhower": 6,
        "us-nara": 5,
        "un-arms": 2,
        "us-nsarchive": 1,
        "gb-tna": 4,
    }


def test_findings_an_archivist_needs(audit) -> None:
    texts = {f.message for e in audit.entries for f in e.findings}
    assert any("'Goodpastor'" in t and "'Goodpaster'" in t for t in texts)
    assert any("RG 330" in t and "RG 218" in t for t in texts)  # JCS records are RG 218
    assert any("'Dulles. A. W.'" in t for t in texts)
    fonds = {e.fonds.code for e in audit.entries if e.fonds}
    assert {"MC019", "Ann Whitman File", "RG 59", "RG 273", "PSCA Confidential Notes"} <= fonds


def test_summary_per_repository(audit) -> None:
    summary = {s.id: s for s in audit.repositories}
    assert summary["us-nara-eisenhower"].citations == 6
    assert [n for _, n in summary["hu-mnl-ol"].notes] == [7]
    assert summary["gb-tna"].cited_as == ("Public Record Office",)


def test_cli_json_contract(bekes_path, capsys) -> None:
    assert main(["audit", str(bekes_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"archival", "repositories"} <= set(data)
    first = data["archival"][0]
    assert {"note", "text", "repository", "location", "findings"} <= set(first)
    assert {"id", "name", "isil", "wikidata"} <= set(first["repository"])
    assert all({"code", "message"} <= set(f) for a in data["archival"] for f in a["findings"])
    assert data["summary"]["rate"] == 1.0


def test_cli_text(bekes_path, capsys) -> None:
    assert main(["audit", str(bekes_path)]) == 0
    out = capsys.readouterr().out
    assert "XIX-J-1-j" in out and "The National Archives [gb-tna]" in out
    assert out == dumps_text(resolve(__import__("footcite.pipeline").pipeline.run([bekes_path])))
