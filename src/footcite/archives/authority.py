"""The repository authority: the archives that footnotes cite, read from trusted and user files.

Historians cite the same archive under many names: "Public Record Office, London, Kew" and
"TNA" are one repository, and "Hungarian National Archive" is today's MNL OL. Resolving a
citation to one authority entry is what lets footcite group, deduplicate and modernise archival
references. The packaged list (`data/repositories.json`, described by
`data/repositories.schema.json`) can be extended or overridden by a user file in the same format;
this module reads and validates both into the records of `authority_model` (re-exported here,
so `footcite.archives.authority` stays the one place to import the authority from).

Facts that no source confirmed stay marked `uncertain`, so that nothing downstream presents a
guessed ISIL or fonds code as established. The user file is validated in plain Python, not with
`jsonschema`, so that the runtime needs no extra dependency; the tests check that the packaged
file also passes the JSON Schema.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from footcite.archives.authority_model import (
    UNKNOWN,
    AmbiguousName,
    Authority,
    AuthorityError,
    FondsCode,
    FormerName,
    Identifier,
    Repository,
    normalise_name,
)

__all__ = [
    "UNKNOWN",
    "AmbiguousName",
    "Authority",
    "AuthorityError",
    "FondsCode",
    "FormerName",
    "Identifier",
    "Repository",
    "load_authority",
    "normalise_name",
    "packaged_authority",
    "parse_authority",
    "read_authority_file",
]

FORMAT = "footcite-repositories"
VERSION = 1
PACKAGED_FILE = "repositories.json"


# ------------------------------------------------------------------------------------------
# Reading and validating files
# ------------------------------------------------------------------------------------------

_ID_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)+$")
_SOURCE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
# Reserved codes that look like ISO 3166-1 alpha-2 but are not country codes, with the right one.
_NOT_COUNTRIES = {"UK": "GB", "EL": "GR", "EU": "the country of the seat"}
_DATE_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
_IDENTIFIER_RES = {
    "isil": (re.compile(r"^(?=.{1,16}$)[A-Za-z0-9]{1,4}-[A-Za-z0-9/:-]{1,11}$"), "an ISIL"),
    "wikidata": (re.compile(r"^Q[1-9][0-9]*$"), "a Wikidata QID like 'Q518155'"),
    "ehri": (re.compile(r"^[a-z]{2}-[0-9]{6}$"), "an EHRI id like 'cz-002286'"),
}


class _Invalid(Exception):
    """Internal: a validation problem at a path inside the document."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    names |= {int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _object(value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise _Invalid(path, f"expected an object, got {_type_name(value)}")
    for key in required:
        if key not in value:
            raise _Invalid(path, f"missing required field {key!r}")
    allowed = set(required) | set(optional)
    for key in value:
        if key not in allowed:
            raise _Invalid(path, f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")
    return value


def _string(value: Any, path: str, pattern: re.Pattern[str] | None = None, what: str = "") -> str:
    if not isinstance(value, str):
        raise _Invalid(path, f"expected a string, got {_type_name(value)}")
    if not value.strip():
        raise _Invalid(path, "must not be empty")
    if pattern is not None and not pattern.match(value):
        raise _Invalid(path, f"{value!r} is not {what}")
    return value


def _optional_string(
    value: Any, path: str, pattern: re.Pattern[str] | None = None, what: str = ""
) -> str | None:
    return None if value is None else _string(value, path, pattern, what)


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(path, f"expected true or false, got {_type_name(value)}")
    return value


def _array(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise _Invalid(path, f"expected an array, got {_type_name(value)}")
    return value


def _strings(
    value: Any, path: str, pattern: re.Pattern[str] | None = None, what: str = ""
) -> tuple[str, ...]:
    return tuple(
        _string(item, f"{path}[{i}]", pattern, what) for i, item in enumerate(_array(value, path))
    )


def _country(value: Any, path: str) -> str:
    code = _string(value, path, _COUNTRY_RE, "an ISO 3166-1 alpha-2 code")
    if code in _NOT_COUNTRIES:
        raise _Invalid(
            path, f"{code!r} is not an ISO 3166-1 alpha-2 code (use {_NOT_COUNTRIES[code]})"
        )
    return code


def _identifier(value: Any, path: str, kind: str) -> Identifier:
    obj = _object(value, path, ("value", "uncertain"), ("note", "sources"))
    pattern, what = _IDENTIFIER_RES[kind]
    ident = _optional_string(obj["value"], f"{path}.value", pattern, what)
    uncertain = _boolean(obj["uncertain"], f"{path}.uncertain")
    if ident is None and not uncertain:
        raise _Invalid(path, "value is null, so 'uncertain' must be true")
    _strings(obj.get("sources", []), f"{path}.sources", _SOURCE_RE, "a source key")
    return Identifier(ident, uncertain, _optional_string(obj.get("note"), f"{path}.note"))


def _former_name(value: Any, path: str) -> FormerName:
    obj = _object(
        value, path, ("name",), ("lang", "from", "to", "aliases", "note", "uncertain", "sources")
    )
    date = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    _strings(obj.get("sources", []), f"{path}.sources", _SOURCE_RE, "a source key")
    return FormerName(
        name=_string(obj["name"], f"{path}.name"),
        lang=_optional_string(obj.get("lang"), f"{path}.lang", _LANG_RE, "a language code"),
        start=_optional_string(obj.get("from"), f"{path}.from", _DATE_RE, date),
        end=_optional_string(obj.get("to"), f"{path}.to", _DATE_RE, date),
        note=_optional_string(obj.get("note"), f"{path}.note"),
        aliases=_strings(obj.get("aliases", []), f"{path}.aliases"),
        uncertain=_boolean(obj.get("uncertain", False), f"{path}.uncertain"),
    )


def _fonds(value: Any, path: str) -> FondsCode:
    obj = _object(value, path, ("code", "title", "uncertain"), ("level", "note", "sources"))
    _strings(obj.get("sources", []), f"{path}.sources", _SOURCE_RE, "a source key")
    return FondsCode(
        code=_string(obj["code"], f"{path}.code"),
        title=_string(obj["title"], f"{path}.title"),
        level=_optional_string(obj.get("level"), f"{path}.level"),
        uncertain=_boolean(obj["uncertain"], f"{path}.uncertain"),
        note=_optional_string(obj.get("note"), f"{path}.note"),
    )


_REPO_REQUIRED = (
    "id",
    "name",
    "former_names",
    "aliases",
    "city",
    "country",
    "isil",
    "wikidata",
    "fonds",
    "sources",
)
_REPO_OPTIONAL = ("ehri", "part_of", "note")


def _repository(value: Any, path: str) -> Repository:
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        path = f"{path} (id {value['id']!r})"
    obj = _object(value, path, _REPO_REQUIRED, _REPO_OPTIONAL)
    name = _object(obj["name"], f"{path}.name", ("original", "en", "lang"), ())
    sources = _strings(obj["sources"], f"{path}.sources", _SOURCE_RE, "a source key")
    if not sources:
        raise _Invalid(f"{path}.sources", "list at least one source key")
    return Repository(
        id=_string(obj["id"], f"{path}.id", _ID_RE, "an id like 'hu-mnl-ol'"),
        name=_string(name["original"], f"{path}.name.original"),
        name_en=_string(name["en"], f"{path}.name.en"),
        lang=_string(name["lang"], f"{path}.name.lang", _LANG_RE, "a language code"),
        former_names=tuple(
            _former_name(f, f"{path}.former_names[{i}]")
            for i, f in enumerate(_array(obj["former_names"], f"{path}.former_names"))
        ),
        aliases=_strings(obj["aliases"], f"{path}.aliases"),
        city=_string(obj["city"], f"{path}.city"),
        country=_country(obj["country"], f"{path}.country"),
        isil=_identifier(obj["isil"], f"{path}.isil", "isil"),
        wikidata=_identifier(obj["wikidata"], f"{path}.wikidata", "wikidata"),
        ehri=_identifier(obj["ehri"], f"{path}.ehri", "ehri") if "ehri" in obj else UNKNOWN,
        fonds=tuple(
            _fonds(f, f"{path}.fonds[{i}]")
            for i, f in enumerate(_array(obj["fonds"], f"{path}.fonds"))
        ),
        sources=sources,
        part_of=_optional_string(obj.get("part_of"), f"{path}.part_of", _ID_RE, "an id"),
        note=_optional_string(obj.get("note"), f"{path}.note"),
    )


def _ambiguous(value: Any, path: str) -> AmbiguousName:
    obj = _object(value, path, ("name", "candidates"), ("note",))
    candidates = _strings(obj["candidates"], f"{path}.candidates", _ID_RE, "a repository id")
    if len(set(candidates)) < 2:
        raise _Invalid(f"{path}.candidates", "list at least two different repository ids")
    return AmbiguousName(
        _string(obj["name"], f"{path}.name"),
        candidates,
        _optional_string(obj.get("note"), f"{path}.note"),
    )


def parse_authority(document: Any, where: str) -> Authority:
    """Validate a decoded authority document and build an Authority from it.

    `where` names the file in error messages. References to other repositories (`part_of`,
    ambiguous candidates) are not checked here; see `Authority.check_references`.
    """
    try:
        top = _object(
            document,
            "",
            ("format", "version", "repositories"),
            ("$schema", "description", "sources", "ambiguous_names"),
        )
        if top["format"] != FORMAT:
            raise _Invalid("format", f"expected {FORMAT!r}, got {top['format']!r}")
        if top["version"] != VERSION or isinstance(top["version"], bool):
            raise _Invalid("version", f"expected {VERSION}, got {top['version']!r}")
        if "sources" in top:
            sources = top["sources"]
            if not isinstance(sources, dict):
                raise _Invalid("sources", f"expected an object, got {_type_name(sources)}")
            for key, text in sources.items():
                _string(key, "sources", _SOURCE_RE, "a source key")
                _string(text, f"sources[{key!r}]")
        repos = [
            _repository(r, f"repositories[{i}]")
            for i, r in enumerate(_array(top["repositories"], "repositories"))
        ]
        first: dict[str, int] = {}
        for i, repo in enumerate(repos):
            if repo.id in first:
                raise _Invalid(
                    f"repositories[{i}]",
                    f"duplicate id {repo.id!r} (first used by repositories[{first[repo.id]}])",
                )
            first[repo.id] = i
        ambiguous = [
            _ambiguous(a, f"ambiguous_names[{i}]")
            for i, a in enumerate(_array(top.get("ambiguous_names", []), "ambiguous_names"))
        ]
    except _Invalid as exc:
        raise AuthorityError(f"{where}: invalid repository file: {exc}") from None
    try:
        return Authority(tuple(repos), tuple(ambiguous))
    except AuthorityError as exc:
        raise AuthorityError(f"{where}: invalid repository file: {exc}") from None


def _decode(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AuthorityError(
            f"{where}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


def read_authority_file(path: Path) -> Authority:
    """Read and validate one authority file (UTF-8 JSON in the packaged format)."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise AuthorityError(
            f"cannot read repository file {where}: {exc.strerror or exc}"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AuthorityError(f"{where}: repository file is not UTF-8 text") from None
    return parse_authority(_decode(text, where), where)


@lru_cache(maxsize=1)
def packaged_authority() -> Authority:
    """The authority shipped with footcite (read once; it is immutable)."""
    where = f"footcite/data/{PACKAGED_FILE}"
    text = (
        resources.files("footcite")
        .joinpath("data")
        .joinpath(PACKAGED_FILE)
        .read_text(encoding="utf-8")
    )
    authority = parse_authority(_decode(text, where), where)
    authority.check_references()
    return authority


def load_authority(extra: Path | None = None) -> Authority:
    """The packaged authority, with the repositories of the user file `extra` on top.

    Entries of the user file replace packaged entries with the same id and add the others, so a
    user can correct a packaged fact or add a local archive without forking the package.
    """
    base = packaged_authority()
    if extra is None:
        return base
    user = read_authority_file(Path(extra))
    try:
        merged = base.merged(user)
        merged.check_references()
    except AuthorityError as exc:
        raise AuthorityError(f"{extra}: cannot be combined with the packaged list: {exc}") from None
    return merged
