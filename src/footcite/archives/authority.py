"""The repository authority: the archives that footnotes cite, under every name they had.

Historians cite the same archive under many names: "Public Record Office, London, Kew" and
"TNA" are one repository, and "Hungarian National Archive" is today's MNL OL. Resolving a
citation to one authority entry is what lets footcite group, deduplicate and modernise archival
references. The packaged list (`data/repositories.json`, described by
`data/repositories.schema.json`) can be extended or overridden by a user file in the same format.

Matching here is deliberately exact (after `normalise_name`): a wrong archive is worse than no
archive, and fuzzy matching lives in a separate module that can weigh its own evidence. Facts
that no source confirmed stay marked `uncertain`, so that nothing downstream presents a guessed
ISIL or fonds code as established.

The user file is validated in plain Python, not with `jsonschema`, so that the runtime needs no
extra dependency; the tests check that the packaged file also passes the JSON Schema.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from footcite.diagnostics import FootciteError

FORMAT = "footcite-repositories"
VERSION = 1
PACKAGED_FILE = "repositories.json"


class AuthorityError(FootciteError):
    """A repository authority file cannot be read or is not valid.

    Raised with the file and the place in it (e.g. `repositories[3].aliases[1]`), because a user
    who edits a long JSON file by hand needs to know exactly which entry to fix.
    """

    code = "authority"


# ------------------------------------------------------------------------------------------
# Name normalisation
# ------------------------------------------------------------------------------------------

# Removed without a trace: periods (so "D.C." == "DC", "U.S." == "US") and apostrophe-like
# marks (so transliterations with and without soft signs, "sotsial'no" / "sotsialno", agree).
_DROP = frozenset(".'`´‘’ʹʺʻʼˈ")
# Letters that Unicode decomposition does not reduce to a base letter plus accents.
_FOLD = {"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"}


def normalise_name(name: str) -> str:
    """The form in which repository names are compared.

    Casefolds, strips diacritics, drops periods and apostrophes, turns every other punctuation
    mark or symbol into a space and collapses whitespace: "Magyar Országos Levéltár" and
    "MAGYAR ORSZAGOS LEVELTAR" compare equal, and so do "SAPMO-BArch" and "SAPMO BArch". Other
    modules use it too, so that every part of footcite agrees on what "the same name" means.
    """
    # compatibility forms first ("𝙰" -> "A"), so that casefolding sees every letter
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    out: list[str] = []
    for ch in text:
        if unicodedata.combining(ch) or ch in _DROP:
            continue
        if unicodedata.category(ch)[0] in "PSZC":
            out.append(" ")
        else:
            out.append(_FOLD.get(ch, ch))
    return " ".join("".join(out).split())


def _normalise_code(code: str) -> str:
    """Fonds codes compare without case, spaces or punctuation ("FO371" == "FO 371")."""
    return "".join(ch for ch in normalise_name(code) if not ch.isspace())


# ------------------------------------------------------------------------------------------
# Data classes
# ------------------------------------------------------------------------------------------


@attrs.frozen
class Identifier:
    """An external identifier (ISIL, Wikidata QID, EHRI id) and whether it is verified.

    `value` may be present and still `uncertain` (a candidate nobody has confirmed), so callers
    that export identifiers should use `certain_value` unless they can show the doubt.
    """

    value: str | None
    uncertain: bool
    note: str | None = None

    @property
    def certain_value(self) -> str | None:
        """The value only if it is confirmed; None otherwise."""
        return None if self.uncertain else self.value


UNKNOWN = Identifier(None, True)


@attrs.frozen
class FormerName:
    """A name the repository used to have, with the period it was in use.

    Kept apart from current aliases because a citation under a former name is a fact worth
    reporting ("cited as Public Record Office, now The National Archives"). `aliases` are
    abbreviations and variants of this former name (e.g. "PRO").
    """

    name: str
    lang: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    uncertain: bool = False


@attrs.frozen
class FondsCode:
    """A record group, fonds, series or collection code known for a repository.

    `code` is the form historians cite ("RG 59", "FO 371", "f. 89"); collections cited only by
    name use their conventional label. `uncertain` says the code or its title is unverified.
    """

    code: str
    title: str
    level: str | None
    uncertain: bool
    note: str | None = None


@attrs.frozen
class Repository:
    """One archival repository: current name, English name, former names and aliases.

    `name` is the name in the repository's own language (`lang`); `name_en` is the English name
    historians writing in English use. `part_of` is the id of a parent repository in the same
    authority (e.g. a presidential library is part of NARA), or None.
    """

    id: str
    name: str
    name_en: str
    lang: str
    former_names: tuple[FormerName, ...] = attrs.field(converter=tuple)
    aliases: tuple[str, ...] = attrs.field(converter=tuple)
    city: str
    country: str
    isil: Identifier
    wikidata: Identifier
    fonds: tuple[FondsCode, ...] = attrs.field(converter=tuple)
    sources: tuple[str, ...] = attrs.field(converter=tuple)
    ehri: Identifier = UNKNOWN
    part_of: str | None = None
    note: str | None = None

    def current_names(self) -> tuple[str, ...]:
        """Canonical name, English name and aliases: names that mean the repository today."""
        return _unique((self.name, self.name_en, *self.aliases))

    def former_name_strings(self) -> tuple[str, ...]:
        """Every former name and its abbreviations or variants."""
        return _unique(n for f in self.former_names for n in (f.name, *f.aliases))

    def all_names(self) -> tuple[str, ...]:
        """Canonical, English, former names (with their variants), then aliases."""
        return _unique(
            (self.name, self.name_en, *self.former_name_strings(), *self.aliases),
        )

    def find_fonds(self, code: str) -> FondsCode | None:
        """The fonds entry whose code matches `code`, ignoring case, spaces and punctuation."""
        key = _normalise_code(code)
        for fonds in self.fonds:
            if _normalise_code(fonds.code) == key:
                return fonds
        return None


@attrs.frozen
class AmbiguousName:
    """A name deliberately not used as an alias because several repositories bear it.

    "National Archives" alone may be Washington, Kew, Prague or Paris; recording that (rather
    than silently picking one) lets the resolver ask for more context, such as the city.
    """

    name: str
    candidates: tuple[str, ...] = attrs.field(converter=tuple)
    note: str | None = None


def _unique(names: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


@attrs.frozen
class Authority:
    """An immutable list of repositories with an index from normalised names.

    Every normalised name belongs to exactly one repository: a name claimed by two repositories
    is an error, because an exact match that could mean two archives is not an exact match.
    Such names go into `ambiguous` instead.
    """

    repositories: tuple[Repository, ...] = attrs.field(converter=tuple)
    ambiguous: tuple[AmbiguousName, ...] = attrs.field(default=(), converter=tuple)
    _by_id: dict[str, Repository] = attrs.field(init=False, repr=False, eq=False)
    _by_name: dict[str, tuple[Repository, bool]] = attrs.field(init=False, repr=False, eq=False)
    _ambiguous_index: dict[str, AmbiguousName] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Repository] = {}
        for repo in self.repositories:
            if repo.id in by_id:
                raise AuthorityError(f"duplicate repository id {repo.id!r}")
            by_id[repo.id] = repo

        by_name: dict[str, tuple[Repository, bool]] = {}
        for repo in self.repositories:
            # Current names first, so that a name that is both current and former for the same
            # repository counts as current.
            named = [(n, False) for n in repo.current_names()]
            named += [(n, True) for n in repo.former_name_strings()]
            for name, former in named:
                key = normalise_name(name)
                if not key:
                    raise AuthorityError(f"repository {repo.id!r}: name {name!r} is empty")
                claimed = by_name.get(key)
                if claimed is None:
                    by_name[key] = (repo, former)
                elif claimed[0].id != repo.id:
                    raise AuthorityError(
                        f"name {name!r} is claimed by both {claimed[0].id!r} and {repo.id!r}; "
                        "a name must identify one repository (list it under "
                        "'ambiguous_names', or override the other repository by its id to "
                        "take the name away from it)"
                    )

        ambiguous: dict[str, AmbiguousName] = {}
        for entry in self.ambiguous:
            key = normalise_name(entry.name)
            if key in by_name:
                raise AuthorityError(
                    f"ambiguous name {entry.name!r} is also a name of "
                    f"{by_name[key][0].id!r}; remove it from one of the two"
                )
            ambiguous[key] = entry

        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_ambiguous_index", ambiguous)

    def __len__(self) -> int:
        return len(self.repositories)

    def __iter__(self) -> Iterator[Repository]:
        return iter(self.repositories)

    def __contains__(self, repo_id: object) -> bool:
        return repo_id in self._by_id

    def get(self, repo_id: str) -> Repository:
        """The repository with this id; KeyError if there is none."""
        try:
            return self._by_id[repo_id]
        except KeyError:
            raise KeyError(f"no repository with id {repo_id!r}") from None

    def by_name(self, name: str) -> tuple[Repository, bool] | None:
        """The repository that `name` denotes, exactly after `normalise_name`.

        The bool is True when `name` is a former name (e.g. "Public Record Office"), so that the
        caller can report the renaming. None when no repository has this name, including names
        listed as ambiguous (see `candidates`).
        """
        return self._by_name.get(normalise_name(name))

    def candidates(self, name: str) -> tuple[Repository, ...]:
        """Every repository `name` may denote: the exact match, or the ambiguous candidates."""
        found = self.by_name(name)
        if found is not None:
            return (found[0],)
        entry = self._ambiguous_index.get(normalise_name(name))
        if entry is None:
            return ()
        return tuple(self._by_id[c] for c in entry.candidates if c in self._by_id)

    def names(self) -> Mapping[str, tuple[Repository, bool]]:
        """The index itself (normalised name -> repository, former), for fuzzy matchers."""
        return dict(self._by_name)

    def merged(self, other: Authority) -> Authority:
        """This authority with `other` on top: entries of `other` replace those with its ids.

        Replaced repositories keep their position, new ones are appended. An ambiguous name of
        `other` replaces the same one here; an ambiguous name that `other` gives to one of its
        repositories is dropped, because the user has resolved it.
        """
        theirs = {r.id: r for r in other.repositories}
        repos = [theirs.get(r.id, r) for r in self.repositories]
        repos += [r for r in other.repositories if r.id not in self._by_id]

        settled = {normalise_name(n) for r in other.repositories for n in r.all_names()}
        settled |= {normalise_name(a.name) for a in other.ambiguous}
        ambiguous = [a for a in self.ambiguous if normalise_name(a.name) not in settled]
        ambiguous += other.ambiguous
        return Authority(tuple(repos), tuple(ambiguous))

    def check_references(self) -> None:
        """Raise AuthorityError if `part_of` or an ambiguous candidate names an unknown id.

        Not done on construction, because a user file may refer to packaged repositories and is
        only complete once merged.
        """
        problems = [
            f"{r.id!r} is part_of unknown repository {r.part_of!r}"
            for r in self.repositories
            if r.part_of is not None and r.part_of not in self._by_id
        ]
        problems += [f"{r.id!r} is part_of itself" for r in self.repositories if r.part_of == r.id]
        problems += [
            f"ambiguous name {a.name!r} lists unknown repository {c!r}"
            for a in self.ambiguous
            for c in a.candidates
            if c not in self._by_id
        ]
        if problems:
            raise AuthorityError("; ".join(problems))


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
