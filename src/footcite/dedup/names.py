"""Persons: one person under the many forms in which notes write a name.

A note writes "Bennett Kovrig", another "Bence Kovrig" (the Hungarian form of the same given
name); "Békés Csaba" is Hungarian family-name-first order for "Csaba Békés"; "Chen Jian" is
"Chen Chien" in Wade-Giles; "Sacki Dockrill" is a typo for "Saki Dockrill"; "J. L. Gaddis" is
"John Lewis Gaddis" with initials. `Person` holds the comparable forms of one written name, and
`compare` tells how two forms relate:

    SAME     full given names that agree (exactly, by the equivalence table, by romanization,
             or within one typo), or identical forms
    WEAK     agreement on initials only, or one side lacks a given name
    DIFFERENT anything else

Family names agree when they fold to the same letters (Békés/Bekes), share a romanization key
(`translit.sound_keys`), or differ by one edit in a long name. The given-name equivalences come
from `data/given-names.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import attrs
from rapidfuzz.distance import DamerauLevenshtein

from footcite.dedup.translit import chinese_key, fold_letters, sound_keys
from footcite.parse.names import CHINESE_SURNAMES, HUNGARIAN_GIVEN

SAME = 2
WEAK = 1
DIFFERENT = 0


@lru_cache(maxsize=1)
def _given_groups() -> dict[str, frozenset[int]]:
    """Folded given name -> the ids of the equivalence groups it belongs to."""
    text = resources.files("footcite.data").joinpath("given-names.json").read_text("utf-8")
    table: dict[str, set[int]] = {}
    for gid, group in enumerate(json.loads(text)["groups"]):
        for name in group:
            table.setdefault(fold_letters(name), set()).add(gid)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _known_given() -> frozenset[str]:
    return frozenset(_given_groups()) | frozenset(fold_letters(n) for n in HUNGARIAN_GIVEN)


_CN_FAMILIES = frozenset(fold_letters(n) for n in CHINESE_SURNAMES)
_SPLIT = re.compile(r"[\s.]+|[\-‐](?=[A-ZÀ-ÖØ-Þ])")  # "Jean-Paul" is two names, "Chung-hu" one
_INITIAL_FOLD = str.maketrans("yjw", "iiv")  # Iurii / Jurij / Yuri, Wladimir / Vladimir


@attrs.frozen(slots=True)
class Person:
    """One written name and its comparable forms.

    `given_full` holds folded given names written out ("john", "lewis"), `initials` the first
    letter of every given name, `groups` the equivalence groups of the first given name.
    """

    family: str
    given: str
    family_fold: str
    family_keys: frozenset[str]
    family_cn: str | None
    given_full: tuple[str, ...]
    initials: str
    groups: frozenset[int]
    literal: bool = False

    @property
    def display(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def has_full_given(self) -> bool:
        return bool(self.given_full)


@lru_cache(maxsize=1 << 16)
def _given_parts(given: str) -> tuple[tuple[str, ...], str, frozenset[int]]:
    """(full given names, initials, equivalence groups of the first) of a given name."""
    full: list[str] = []
    initials: list[str] = []
    for raw in _SPLIT.split(given):
        word = fold_letters(raw.replace("-", "").replace("‐", ""))
        if not word:
            continue
        initials.append(word[0])
        if len(word) > 1 and not (raw.isupper() and len(raw) <= 3):
            full.append(word)
        elif len(word) > 1:  # "JF" written without dots: initials
            initials[-1:] = list(word)
    groups = _given_groups().get(full[0], frozenset()) if full else frozenset()
    return tuple(full), "".join(initials).translate(_INITIAL_FOLD), groups


@lru_cache(maxsize=1 << 16)
def _family_forms(family: str) -> tuple[str, frozenset[str], str | None]:
    """(folded, sound keys, Chinese key) of a family name: computed once per spelling."""
    fam = fold_letters(family)
    if not fam:
        return fam, frozenset(), None
    return fam, sound_keys(family), chinese_key(family)


@lru_cache(maxsize=1 << 18)
def make_person(family: str, given: str, literal: bool = False) -> Person:
    """A `Person` from a family and a given name as written (cached: names repeat)."""
    full, initials, groups = _given_parts(given)
    fam, keys, cn = _family_forms(family)
    return Person(
        family=family,
        given=given,
        family_fold=fam,
        family_keys=keys,
        family_cn=cn,
        given_full=full,
        initials=initials,
        groups=groups,
        literal=literal,
    )


def person_of(name: Mapping[str, Any]) -> Person | None:
    """The `Person` of a CSL name object; a literal name counts as a family name."""
    if not isinstance(name, dict) and not isinstance(name, Mapping):
        return None
    family = str(name.get("family") or "").strip()
    given = str(name.get("given") or "").strip()
    particle = str(name.get("non-dropping-particle") or "").strip()
    if particle:
        family = f"{particle} {family}"
    literal = False
    if not family:
        family = str(name.get("literal") or "").strip()
        literal = True
        if not family:
            return None
    return make_person(family, given, literal)


def family_match(a: Person, b: Person, typo_len: int = 6) -> bool:
    """Same family name: folded, romanized, or one typo apart in a name of `typo_len` letters.

    With a lenient `typo_len` (under 6, used when a title supports the match) a typo in a
    romanized name counts too: the sound keys of the two names are one edit apart.
    """
    if a.family_fold == b.family_fold:
        return True
    if not a.family_fold or not b.family_fold:
        return False
    if a.family_keys & b.family_keys and (
        a.family_fold[0:1] == b.family_fold[0:1] or len(a.family_fold) >= 5
    ):
        return True  # Khrushchev / Hruscsov: even the first letter is romanized
    if a.family_cn is not None and a.family_cn == b.family_cn:
        return True
    shorter = min(len(a.family_fold), len(b.family_fold))
    if shorter >= typo_len and _one_typo(a.family_fold, b.family_fold):
        return True
    if typo_len < 6 and shorter >= 6:
        return any(_one_typo(x, y) for x in a.family_keys for y in b.family_keys if len(x) >= 5)
    return False


def strongly_different(a: Person, b: Person) -> bool:
    """Family names too far apart to be one name misspelt (used to keep works apart)."""
    if family_match(a, b, 4):
        return False
    x, y = a.family_fold, b.family_fold
    if abs(len(x) - len(y)) <= 2 and DamerauLevenshtein.distance(x, y, score_cutoff=2) <= 2:
        return False
    return not any(
        DamerauLevenshtein.distance(p, q, score_cutoff=2) <= 2
        for p in a.family_keys
        for q in b.family_keys
    )


def _one_typo(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1:
        return False
    return DamerauLevenshtein.distance(x, y, score_cutoff=1) <= 1


def _first_given_match(x: str, y: str, gx: frozenset[int], gy: frozenset[int]) -> bool:
    if x == y or (gx & gy):
        return True
    if sound_keys(x) & sound_keys(y) and x[0].translate(_INITIAL_FOLD) == y[0].translate(
        _INITIAL_FOLD
    ):
        return True  # Vjačeslav / Vyacheslav, Dmitrii / Dmitry
    cx, cy = chinese_key(x), chinese_key(y)
    if cx is not None and cx == cy:
        return True  # Jian / Chien
    if len(x) >= 4 and len(y) >= 4 and _one_typo(x, y):
        known = _known_given()
        return not (x in known and y in known)  # Mark / Mary are two names, Sacki a typo
    return False


def _initials_of_groups(p: Person) -> frozenset[str]:
    """Initials a name may take in its other languages (István is also S. for Stephen)."""
    return frozenset({p.initials[:1]}) | _group_initials(p.groups)


@lru_cache(maxsize=1 << 12)
def _group_initials(groups: frozenset[int]) -> frozenset[str]:
    if not groups:
        return frozenset()
    return frozenset(
        name[0].translate(_INITIAL_FOLD) for name, g in _given_groups().items() if g & groups
    )


def given_match(a: Person, b: Person) -> int:
    """SAME, WEAK or DIFFERENT for the given names of two persons of the same family."""
    if not a.initials or not b.initials:
        return WEAK
    if a.given_full and b.given_full:
        if not _first_given_match(a.given_full[0], b.given_full[0], a.groups, b.groups):
            return DIFFERENT
        ia, ib = a.initials[1:], b.initials[1:]
        if ia and ib and not (ia.startswith(ib) or ib.startswith(ia)):
            return DIFFERENT
        return SAME
    # at least one side is initials only
    ia, ib = a.initials, b.initials
    if ia[0] != ib[0]:
        full = a if a.given_full else b if b.given_full else None
        other = b if full is a else a
        if full is None or other.initials[0] not in _initials_of_groups(full):
            return DIFFERENT
        ia, ib = ia[1:], ib[1:]  # Vavřinec = L. (Lawrence): compare the other initials
    if not (ia.startswith(ib) or ib.startswith(ia)):
        return DIFFERENT
    return WEAK


def _swapped(p: Person) -> Person | None:
    """The same written name read the other way round (Hungarian or Chinese order)."""
    if not p.given_full or len(p.given_full) != 1 or not p.family_fold:
        return None
    known = _known_given()
    reads_reversed = p.family_fold in known or (
        p.given_full[0] in _CN_FAMILIES and chinese_key(p.family) is not None
    )
    if not reads_reversed:
        return None
    return make_person(p.given, p.family)


def compare(a: Person, b: Person, typo_len: int = 6) -> int:
    """How two written names relate: SAME, WEAK or DIFFERENT.

    `typo_len` is the shortest family name in which one typo is forgiven: six letters when
    grouping persons on names alone, four when a matching title already supports the match.
    """
    best = DIFFERENT
    if family_match(a, b, typo_len):
        best = given_match(a, b)
    if best == SAME:
        return SAME
    for x, y in ((_swapped(a), b), (a, _swapped(b))):
        if x is not None and y is not None and family_match(x, y):
            best = max(best, given_match(x, y))
    return best


def block_keys(p: Person) -> set[str]:
    """Keys under which possible variants of this person meet (for grouping without all pairs)."""
    keys = {"f:" + k for k in p.family_keys} | {"f:" + p.family_fold}
    if p.family_cn:
        keys.add("c:" + p.family_cn)
    if p.given_full:
        keys.add(f"g:{p.given_full[0]}:{p.family_fold[:1]}")  # family-name typos
        swapped = _swapped(p)
        if swapped is not None:
            keys |= {"f:" + k for k in swapped.family_keys} | {"f:" + swapped.family_fold}
    return keys


def completeness(p: Person) -> tuple[int, int, int, str, str]:
    """Sort key: the most complete form of a name first (full given names, diacritics)."""
    non_ascii = len((p.family + p.given).encode()) - len(p.family) - len(p.given)
    return (-len(p.given_full), -len(p.initials), -non_ascii, p.family, p.given)
