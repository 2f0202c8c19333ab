"""The repository authority's data: repositories under every name they had, and name folding.

These are the immutable records the rest of footcite matches citations against; reading and
validating the authority files is `authority.py`'s job, so this module holds no I/O at all.
Matching here is deliberately exact (after `normalise_name`): a wrong archive is worse than no
archive, and fuzzy matching lives in `match.py`, which can weigh its own evidence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from footcite.diagnostics import FootciteError


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
