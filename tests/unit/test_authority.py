"""Tests for the repository authority file, its JSON Schema and its loader."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from footcite.archives.authority import (
    Authority,
    AuthorityError,
    load_authority,
    normalise_name,
    packaged_authority,
    parse_authority,
)
from footcite.diagnostics import FootciteError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _data_text(name: str) -> str:
    return resources.files("footcite").joinpath("data").joinpath(name).read_text("utf-8")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(_data_text("repositories.json"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(_data_text("repositories.schema.json"))


@pytest.fixture(scope="module")
def authority() -> Authority:
    return load_authority()


def _repo(repo_id: str = "zz-test-archive", **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": repo_id,
        "name": {"original": "Testarchiv", "en": "Test Archive", "lang": "de"},
        "former_names": [],
        "aliases": [],
        "city": "Testburg",
        "country": "DE",
        "isil": {"value": None, "uncertain": True},
        "wikidata": {"value": None, "uncertain": True},
        "fonds": [],
        "sources": ["user"],
    }
    entry.update(changes)
    return entry


def _doc(*repos: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "footcite-repositories", "version": 1, "repositories": list(repos), **top}


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "my-repositories.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The packaged file
# --------------------------------------------------------------------------------------------


def test_schema_is_valid_draft7(schema: dict[str, Any]) -> None:
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_packaged_file_validates_against_schema(
    raw: dict[str, Any], schema: dict[str, Any]
) -> None:
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(raw), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_enough_repositories_with_unique_ids(raw: dict[str, Any], authority: Authority) -> None:
    ids = [r["id"] for r in raw["repositories"]]
    assert len(ids) >= 47
    assert len(ids) == len(set(ids))
    assert len(authority) == len(ids)
    assert [r.id for r in authority] == ids


def test_every_name_belongs_to_exactly_one_repository(raw: dict[str, Any]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for repo in raw["repositories"]:
        names = [repo["name"]["original"], repo["name"]["en"], *repo["aliases"]]
        for former in repo["former_names"]:
            names += [former["name"], *former.get("aliases", [])]
        for key in {normalise_name(n) for n in names}:
            if key in owner and owner[key] != repo["id"]:
                clashes.append((key, owner[key], repo["id"]))
            owner.setdefault(key, repo["id"])
    assert clashes == []


def test_every_name_resolves_to_its_own_repository(authority: Authority) -> None:
    for repo in authority:
        for name in repo.current_names():
            assert authority.by_name(name) == (repo, False), name
        for name in repo.former_name_strings():
            found = authority.by_name(name)
            assert found is not None and found[0] is repo, name


def test_ambiguous_names_are_documented_not_aliases(
    raw: dict[str, Any], authority: Authority
) -> None:
    assert raw["ambiguous_names"], "the deliberate exceptions should be listed"
    for entry in raw["ambiguous_names"]:
        assert authority.by_name(entry["name"]) is None, entry["name"]
        candidates = authority.candidates(entry["name"])
        assert [r.id for r in candidates] == entry["candidates"]
    assert {r.id for r in authority.candidates("National Archives")} >= {"us-nara", "gb-tna"}


def test_sources_are_declared(raw: dict[str, Any]) -> None:
    declared = set(raw["sources"])
    assert "footcite-developers" in declared
    for repo in raw["repositories"]:
        assert set(repo["sources"]) <= declared, repo["id"]
        facts = [*repo["former_names"], *repo["fonds"]]
        facts += [repo[k] for k in ("isil", "wikidata", "ehri") if k in repo]
        for fact in facts:
            assert set(fact.get("sources", [])) <= set(repo["sources"]), repo["id"]


def test_countries_are_iso_alpha2(authority: Authority) -> None:
    countries = {r.country for r in authority}
    assert "UK" not in countries  # ISO 3166-1 says GB
    assert {"US", "GB", "HU", "DE", "RU", "PL", "CZ", "SK", "RO", "BG", "RS", "AT", "FR"} <= (
        countries
    )


def test_part_of_references_exist(authority: Authority) -> None:
    authority.check_references()
    assert authority.get("us-nara-eisenhower").part_of == "us-nara"
    assert authority.get("de-sapmo").part_of == "de-barch"


# --------------------------------------------------------------------------------------------
# Coverage
# --------------------------------------------------------------------------------------------


def _bekes_text() -> str:
    return " ".join((EXAMPLES / "bekes-2002.txt").read_text(encoding="utf-8").split())


@pytest.mark.parametrize(
    ("cited", "repo_id", "former"),
    [
        ("Hungarian National Archive", "hu-mnl-ol", True),
        ("Seeley G. Mudd Manuscript Library, Princeton University", "us-princeton-mudd", False),
        ("Dwight D. Eisenhower Library", "us-nara-eisenhower", False),
        ("Dwight D. Eisenhower Library, Abilene, Kansas", "us-nara-eisenhower", False),
        ("National Archives, Washington, D.C.", "us-nara", False),
        ("United Nations Archives, New York", "un-arms", False),
        ("National Security Archive, Washington, D.C.", "us-nsarchive", False),
        ("Public Record Office, London, Kew", "gb-tna", True),
        ("Public Record Office", "gb-tna", True),
    ],
)
def test_every_repository_cited_by_bekes_resolves(
    authority: Authority, cited: str, repo_id: str, former: bool
) -> None:
    assert cited in _bekes_text(), "the test should use the paper's own wording"
    found = authority.by_name(cited)
    assert found is not None, cited
    assert (found[0].id, found[1]) == (repo_id, former)


@pytest.mark.parametrize(
    ("name", "repo_id", "former"),
    [
        ("Public Record Office", "gb-tna", True),
        ("PRO", "gb-tna", True),
        ("TNA", "gb-tna", False),
        ("The National Archives", "gb-tna", False),
        ("NARA", "us-nara", False),
        ("National Archives, Washington", "us-nara", False),
        ("Archives II", "us-nara-college-park", False),
        ("MNL OL", "hu-mnl-ol", False),
        ("MOL", "hu-mnl-ol", True),
        ("Magyar Országos Levéltár", "hu-mnl-ol", True),
        ("Hungarian National Archive", "hu-mnl-ol", True),
        ("Dwight D. Eisenhower Library", "us-nara-eisenhower", False),
        ("SAPMO-BArch", "de-sapmo", False),
        ("BStU", "de-stasi-archiv", True),
        ("Stasi-Unterlagen-Archiv", "de-stasi-archiv", False),
        ("Státní ústřední archiv", "cz-nacr", True),
        ("TsKhSD", "ru-rgani", True),
        ("RTsKhIDNI", "ru-rgaspi", True),
        ("Open Society Archives", "hu-osa", True),
        ("Történeti Hivatal", "hu-abtl", True),
        ("CWIHP", "us-wilson-cwihp", False),
    ],
)
def test_by_name(authority: Authority, name: str, repo_id: str, former: bool) -> None:
    found = authority.by_name(name)
    assert found is not None, name
    assert (found[0].id, found[1]) == (repo_id, former)


REQUIRED_IDS = [
    # Békés 2002
    "hu-mnl-ol", "us-princeton-mudd", "us-nara-eisenhower", "us-nara", "un-arms",
    "us-nsarchive", "gb-tna",
    # US presidential libraries Truman to Reagan, and US manuscript repositories
    "us-nara-truman", "us-nara-jfk", "us-nara-lbj", "us-nara-nixon", "us-nara-ford",
    "us-nara-carter", "us-nara-reagan", "us-hoover-institution", "us-loc-manuscripts",
    "us-wilson-cwihp",
    # Germany, Russia, East Central Europe, Western Europe, international
    "de-barch", "de-sapmo", "de-paaa", "de-stasi-archiv",
    "ru-avprf", "ru-rgani", "ru-rgaspi", "ru-garf", "ru-tsamo", "ru-aprf",
    "pl-aan", "pl-amsz", "pl-aipn", "cz-nacr", "cz-amzv", "cz-abs", "sk-sna",
    "hu-abtl", "hu-pil", "hu-hl", "hu-osa", "ro-anr", "bg-tsda", "rs-aj", "at-oesta",
    "fr-amae", "fr-an", "it-asmae", "int-nato",
]  # fmt: skip


@pytest.mark.parametrize("repo_id", REQUIRED_IDS)
def test_required_repository_present(authority: Authority, repo_id: str) -> None:
    repo = authority.get(repo_id)
    assert repo.name and repo.name_en and repo.city and repo.sources


@pytest.mark.parametrize(
    ("repo_id", "code", "title_part"),
    [
        ("us-nara", "RG 59", "Department of State"),
        ("us-nara", "RG 218", "Joint Chiefs of Staff"),
        ("us-nara", "RG 273", "National Security Council"),
        ("us-nara", "RG 330", "Secretary of Defense"),
        ("gb-tna", "FO 371", "General Correspondence"),
        ("gb-tna", "PREM 11", "Prime Minister"),
        ("gb-tna", "CAB 128", "Minutes"),
        ("gb-tna", "CAB 129", "Memoranda"),
        ("hu-mnl-ol", "XIX-J-1-j", "Külügyminisztérium"),
        ("hu-mnl-ol", "M-KS 276", "Magyar Dolgozók Pártja"),
        ("ru-rgani", "f. 3", "Presidium"),
        ("ru-rgani", "f. 89", "declassified"),
        ("de-sapmo", "DY 30", "SED"),
    ],
)
def test_known_fonds_codes(authority: Authority, repo_id: str, code: str, title_part: str) -> None:
    fonds = authority.get(repo_id).find_fonds(code)
    assert fonds is not None, code
    assert title_part in fonds.title


def test_find_fonds_ignores_spacing_and_case(authority: Authority) -> None:
    tna = authority.get("gb-tna")
    assert tna.find_fonds("fo371") is tna.find_fonds("FO 371")
    assert tna.find_fonds("FO 9999") is None


def test_fonds_not_confirmed_by_a_source_are_uncertain(authority: Authority) -> None:
    nara = authority.get("us-nara")
    assert nara.find_fonds("RG 273").uncertain  # the starter could not confirm it
    assert not nara.find_fonds("RG 59").uncertain
    assert authority.get("hu-mnl-ol").find_fonds("M-KS 276").uncertain
    # The registry number and country subdivision Békés cites are not fonds codes.
    mnl = authority.get("hu-mnl-ol")
    assert mnl.find_fonds("00183/13/1953") is None
    assert mnl.find_fonds("Great Britain") is None


# --------------------------------------------------------------------------------------------
# Uncertainty
# --------------------------------------------------------------------------------------------


def test_uncertain_identifiers_stay_uncertain(authority: Authority) -> None:
    # Q392703 for TNA is confirmed only by a third-party dump.
    tna = authority.get("gb-tna").wikidata
    assert (tna.value, tna.uncertain, tna.certain_value) == ("Q392703", True, None)
    # DPLA's QID denotes the textual reference unit, not certainly the facility.
    assert authority.get("us-nara-college-park").wikidata.uncertain
    # The starter's QID for Mudd is Princeton University itself: not asserted for Mudd.
    mudd = authority.get("us-princeton-mudd")
    assert mudd.wikidata.value is None and mudd.wikidata.uncertain
    assert mudd.isil.uncertain
    # A repository code in an ISAD(G) example is not proof of an ISIL.
    assert authority.get("hu-bfl").isil.uncertain
    # HAEU allocates the EUR- prefix; its own ISIL is unknown.
    haeu = authority.get("int-haeu").isil
    assert haeu.value is None and haeu.uncertain
    for repo_id in ("ru-avprf", "ru-rgani", "de-barch", "hu-abtl", "sk-sna", "bg-tsda"):
        repo = authority.get(repo_id)
        assert repo.isil.uncertain and repo.wikidata.uncertain and repo.ehri.uncertain


def test_sourced_identifiers_are_certain(authority: Authority) -> None:
    assert authority.get("us-nara").isil.certain_value == "US-DNA"
    assert authority.get("us-nara").wikidata.certain_value == "Q518155"
    assert authority.get("us-nara-eisenhower").wikidata.certain_value == "Q3270206"
    assert authority.get("cz-nacr").ehri.certain_value == "cz-002286"
    assert authority.get("pl-aan").ehri.certain_value == "pl-003145"


def test_certain_identifiers_cite_a_public_source(raw: dict[str, Any]) -> None:
    for repo in raw["repositories"]:
        for kind in ("isil", "wikidata", "ehri"):
            ident = repo.get(kind, {"value": None, "uncertain": True})
            if ident["value"] is None:
                assert ident["uncertain"], (repo["id"], kind)
            elif not ident["uncertain"]:
                public = set(ident.get("sources", [])) - {"footcite-developers"}
                assert public, (repo["id"], kind)


# --------------------------------------------------------------------------------------------
# Names and normalisation
# --------------------------------------------------------------------------------------------


def test_normalise_name() -> None:
    assert normalise_name("  Magyar  Országos\tLevéltár ") == "magyar orszagos leveltar"
    assert normalise_name("SAPMO-BArch") == normalise_name("SAPMO BArch")
    assert normalise_name("U.S. National Archives") == normalise_name("US National Archives")
    assert normalise_name("Washington, D.C.") == "washington dc"
    assert normalise_name("Sotsial'no-politicheskoi") == normalise_name("sotsialno politicheskoi")
    assert normalise_name("Archiwum Akt Nowych, Łódź") == "archiwum akt nowych lodz"
    assert normalise_name("...") == ""


@given(st.text(max_size=40))
def test_normalise_name_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert once == once.strip() and "  " not in once


def test_by_name_normalises_and_misses(authority: Authority) -> None:
    found = authority.by_name("MAGYAR ORSZAGOS LEVELTAR")
    assert found is not None and found[0].id == "hu-mnl-ol" and found[1] is True
    assert authority.by_name("public record office.") == authority.by_name("Public Record Office")
    assert authority.by_name("Archive of Nowhere") is None
    assert authority.by_name("") is None
    assert authority.candidates("Archive of Nowhere") == ()


def test_all_names_order(authority: Authority) -> None:
    tna = authority.get("gb-tna")
    names = tna.all_names()
    assert names[0] == tna.name == "The National Archives"  # English name equal: kept once
    assert names.index("Public Record Office") < names.index("TNA")
    assert len(names) == len(set(names))
    mnl = authority.get("hu-mnl-ol")
    assert mnl.all_names()[:2] == (mnl.name, mnl.name_en)
    assert "Magyar Országos Levéltár" in mnl.all_names()


def test_get(authority: Authority) -> None:
    assert authority.get("gb-tna").name_en == "The National Archives"
    assert "gb-tna" in authority
    with pytest.raises(KeyError, match="no-such-archive"):
        authority.get("no-such-archive")


def test_classes_are_frozen(authority: Authority) -> None:
    repo = authority.get("gb-tna")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        repo.city = "Elsewhere"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        repo.wikidata.uncertain = False  # type: ignore[misc]
    assert hash(repo) == hash(authority.get("gb-tna"))


def test_packaged_authority_is_read_once() -> None:
    assert load_authority() is packaged_authority()


# --------------------------------------------------------------------------------------------
# User files
# --------------------------------------------------------------------------------------------


def test_user_file_overrides_and_adds(tmp_path: Path) -> None:
    packaged = load_authority()
    nara = copy.deepcopy(
        next(
            r
            for r in json.loads(_data_text("repositories.json"))["repositories"]
            if r["id"] == "us-nara"
        )
    )
    nara["city"] = "College Park, Maryland"
    nara["aliases"].append("National Archives")  # the user decides this name is NARA
    new = _repo(aliases=["TA"], fonds=[{"code": "X 1", "title": "Test fonds", "uncertain": False}])
    merged = load_authority(_write(tmp_path, _doc(nara, new)))

    assert len(merged) == len(packaged) + 1
    assert [r.id for r in merged][: len(packaged)] == [r.id for r in packaged]
    assert merged.get("us-nara").city == "College Park, Maryland"
    assert packaged.get("us-nara").city == "Washington, D.C."  # the packaged one is untouched
    assert merged.by_name("National Archives") == (merged.get("us-nara"), False)
    assert packaged.by_name("National Archives") is None
    assert merged.by_name("Testarchiv") == (merged.get("zz-test-archive"), False)
    assert merged.by_name("TA")[0].find_fonds("X1").title == "Test fonds"
    assert merged.by_name("Public Record Office")[0].id == "gb-tna"


def test_user_file_may_refer_to_packaged_repositories(tmp_path: Path) -> None:
    branch = _repo("us-nara-test-branch", part_of="us-nara", country="US")
    ambiguous = [{"name": "Testarchiv Nord", "candidates": ["us-nara-test-branch", "gb-tna"]}]
    merged = load_authority(_write(tmp_path, _doc(branch, ambiguous_names=ambiguous)))
    assert merged.get("us-nara-test-branch").part_of == "us-nara"
    assert [r.id for r in merged.candidates("Testarchiv Nord")] == [
        "us-nara-test-branch",
        "gb-tna",
    ]


def test_user_former_names(tmp_path: Path) -> None:
    entry = _repo(
        former_names=[
            {
                "name": "Altes Testarchiv",
                "lang": "de",
                "from": "1950",
                "to": "1990-10-02",
                "aliases": ["ATA"],
                "note": "renamed",
                "uncertain": True,
            }
        ]
    )
    merged = load_authority(_write(tmp_path, _doc(entry)))
    repo, former = merged.by_name("ATA")
    assert former is True
    (fn,) = repo.former_names
    assert (fn.name, fn.start, fn.end, fn.uncertain) == (
        "Altes Testarchiv",
        "1950",
        "1990-10-02",
        True,
    )


def test_merged_directly(authority: Authority) -> None:
    extra = parse_authority(_doc(_repo()), "test")
    merged = authority.merged(extra)
    assert "zz-test-archive" in merged and "zz-test-archive" not in authority
    assert merged.merged(extra) == merged


def test_authority_error_is_a_footcite_error() -> None:
    assert issubclass(AuthorityError, FootciteError)


def _bad(**changes: Any) -> dict[str, Any]:
    return _doc(_repo(**changes))


_NO_ID = _repo()
del _NO_ID["id"]

# (label, document, expected message part, does the JSON Schema also reject it?)
BAD_DOCUMENTS = [
    ("missing id", _doc(_NO_ID), "missing required field 'id'", True),
    ("duplicate id", _doc(_repo(), _repo()), "duplicate id 'zz-test-archive'", False),
    ("aliases not a list", _bad(aliases="TA"), "aliases: expected an array, got a string", True),
    (
        "alias not a string",
        _bad(aliases=["TA", 7]),
        "aliases[1]: expected a string, got a number",
        True,
    ),
    (
        "uncertain not a bool",
        _bad(isil={"value": "DE-1", "uncertain": "yes"}),
        "isil.uncertain: expected true or false",
        True,
    ),
    (
        "null value stated as certain",
        _bad(wikidata={"value": None, "uncertain": False}),
        "'uncertain' must be true",
        True,
    ),
    (
        "malformed QID",
        _bad(wikidata={"value": "518155", "uncertain": True}),
        "is not a Wikidata QID",
        True,
    ),
    ("country not ISO", _bad(country="UK"), "is not an ISO 3166-1 alpha-2 code", True),
    ("bad id", _bad(id="Test Archive"), "is not an id like", True),
    ("unknown field", _bad(alias=["TA"]), "unknown field 'alias'", True),
    ("no sources", _bad(sources=[]), "at least one source", True),
    ("bad date", _bad(former_names=[{"name": "Old", "from": "in 1950"}]), "is not a date", True),
    (
        "fonds without title",
        _bad(fonds=[{"code": "X 1", "uncertain": True}]),
        "fonds[0]: missing required field 'title'",
        True,
    ),
    (
        "wrong format",
        {"format": "something-else", "version": 1, "repositories": []},
        "expected 'footcite-repositories'",
        True,
    ),
    (
        "starter-like file",
        {"title": "facts", "repositories": []},
        "missing required field 'format'",
        True,
    ),
    (
        "repositories not a list",
        _doc() | {"repositories": {}},
        "repositories: expected an array",
        True,
    ),
    (
        "name used twice in the file",
        _doc(
            _repo(aliases=["TA"]),
            _repo(
                "zz-other-archive", name={"original": "Anderes Archiv", "en": "TA", "lang": "de"}
            ),
        ),
        "is claimed by both",
        False,
    ),
    (
        "ambiguous with one candidate",
        _doc(_repo(), ambiguous_names=[{"name": "X", "candidates": ["zz-test-archive"]}]),
        "at least two different repository ids",
        True,
    ),
]


@pytest.mark.parametrize(
    ("document", "message"),
    [pytest.param(d, m, id=label) for label, d, m, _ in BAD_DOCUMENTS],
)
def test_bad_user_file_raises(tmp_path: Path, document: Any, message: str) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(AuthorityError) as info:
        load_authority(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "document",
    [pytest.param(d, id=label) for label, d, _, in_schema in BAD_DOCUMENTS if in_schema],
)
def test_schema_agrees_with_loader(schema: dict[str, Any], document: Any) -> None:
    assert list(jsonschema.Draft7Validator(schema).iter_errors(document)), "schema accepted it"


def test_valid_user_document_passes_schema_and_loader(schema: dict[str, Any]) -> None:
    document = _doc(_repo(ehri={"value": "de-000001", "uncertain": True}, note="a test"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft7Validator)
    assert len(parse_authority(document, "test")) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"", "not valid JSON"),
    ],
)
def test_unreadable_user_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(AuthorityError, match=message):
        load_authority(path)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(AuthorityError, match="cannot read repository file"):
        load_authority(tmp_path / "nope.json")


def test_user_file_conflicting_with_packaged_name(tmp_path: Path) -> None:
    with pytest.raises(AuthorityError, match="'TNA' is claimed by both 'gb-tna'"):
        load_authority(_write(tmp_path, _doc(_repo(aliases=["TNA"]))))


def test_user_file_with_unknown_reference(tmp_path: Path) -> None:
    with pytest.raises(AuthorityError, match="part_of unknown repository 'zz-nowhere'"):
        load_authority(_write(tmp_path, _doc(_repo(part_of="zz-nowhere"))))
