"""Group the written forms of names into persons, without comparing every pair.

Forms meet only under shared block keys (`names.block_keys`). Forms with full given names are
joined first, and two groups join only when every pair of their full forms is SAME (complete
linkage): "Bennett Kovrig" and "Bence Kovrig" join, but a chain Bennett ~ Ben ~ Benjamin cannot
make Bennett and Benjamin one person. Forms with initials only ("J. Smith") then join the one
group they fit; when they fit several (John Smith, James Smith) they stay apart, because a
wrong person is worse than a split one. Everything is ordered by the written forms, so the
result does not depend on the order of the input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from footcite.dedup.keys import fold
from footcite.dedup.names import (
    SAME,
    WEAK,
    Person,
    block_keys,
    compare,
    completeness,
    person_of,
)

_ROLES = (
    "author", "editor", "translator", "contributor", "collection-editor", "container-author",
    "compiler", "interviewer", "recipient", "reviewed-author", "original-author", "director",
)  # fmt: skip


@attrs.frozen
class Occurrence:
    """Where a name was written: the reference (or record) id, the role, and its place."""

    ref: str
    role: str
    where: str = ""


@attrs.frozen
class PersonGroup:
    """One person: its preferred form, every form seen, and where each was seen."""

    id: str
    name: Person
    variants: tuple[Person, ...]
    occurrences: tuple[tuple[Person, Occurrence], ...]

    def to_json(self) -> dict[str, Any]:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for p, _ in self.occurrences:
            counts[(p.family, p.given)] += 1
        return {
            "id": self.id,
            "family": self.name.family,
            "given": self.name.given,
            "variants": [
                {"family": v.family, "given": v.given, "count": counts[(v.family, v.given)]}
                for v in self.variants
            ],
            "works": sorted({o.ref for _, o in self.occurrences}),
            "roles": sorted({o.role for _, o in self.occurrences}),
        }


def names_of(fields: Mapping[str, Any]) -> Iterable[tuple[str, Person]]:
    """(role, Person) for every name of a CSL item, in role order."""
    for role in _ROLES:
        for name in fields.get(role) or ():
            person = person_of(name)
            if person is not None:
                yield role, person


class _Groups:
    def __init__(self, forms: Sequence[Person]) -> None:
        self.parent = list(range(len(forms)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(forms))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


def group_persons(occurrences: Iterable[tuple[Person, Occurrence]]) -> list[PersonGroup]:
    """Persons from written names and where they were written, most complete form first."""
    occ = sorted(occurrences, key=lambda po: (po[0].family, po[0].given, attrs.astuple(po[1])))
    forms = sorted(
        {(p.family, p.given): p for p, _ in occ}.values(), key=lambda p: (p.family, p.given)
    )
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(forms):
        for key in sorted(block_keys(p)):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    strong: list[tuple[int, int]] = []
    weak: dict[int, set[int]] = defaultdict(set)
    for i, j in sorted(pairs):
        level = compare(forms[i], forms[j])
        if level == SAME and forms[i].has_full_given and forms[j].has_full_given:
            strong.append((i, j))
        elif level in (SAME, WEAK):
            weak[i].add(j)
            weak[j].add(i)
    groups = _Groups(forms)
    for i, j in strong:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        if all(
            compare(forms[a], forms[b]) == SAME
            for a in groups.members[ri]
            for b in groups.members[rj]
        ):
            groups.join(i, j)
    # forms without a full given name join the single group they fit
    for i, p in enumerate(forms):
        if p.has_full_given:
            continue
        fits = {groups.find(j) for j in weak[i] if forms[j].has_full_given}
        if len(fits) == 1:
            groups.join(i, fits.pop())
        elif not fits:
            same_short = [
                j for j in weak[i] if not forms[j].has_full_given and _same_short(p, forms[j])
            ]
            for j in same_short:
                groups.join(i, j)
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in range(len(forms)):
        by_root[groups.find(i)].append(i)
    result: list[PersonGroup] = []
    for members in by_root.values():
        keys = {(forms[m].family, forms[m].given) for m in members}
        seen = tuple(po for po in occ if (po[0].family, po[0].given) in keys)
        count: dict[tuple[str, str], int] = defaultdict(int)
        for p, _ in seen:
            count[(p.family, p.given)] += 1
        variants = sorted(
            (forms[m] for m in members),
            key=lambda v: (completeness(v)[:2], -count[(v.family, v.given)], completeness(v)[2:]),
        )
        result.append(
            PersonGroup(id="", name=variants[0], variants=tuple(variants), occurrences=seen)
        )
    result.sort(
        key=lambda g: (fold(g.name.family), fold(g.name.given), g.name.family, g.name.given)
    )
    return [attrs.evolve(g, id=f"p{k + 1}") for k, g in enumerate(result)]


def _same_short(a: Person, b: Person) -> bool:
    """Two initials-only forms are one person only when family and initials agree exactly."""
    return a.family_fold == b.family_fold and a.initials == b.initials


def persons_of_items(items: Iterable[Mapping[str, Any]]) -> list[PersonGroup]:
    """Persons named in CSL items (each item's `id` is its reference)."""
    found: list[tuple[Person, Occurrence]] = []
    for item in items:
        ref = str(item.get("id", ""))
        for role, person in names_of(item):
            found.append((person, Occurrence(ref=ref, role=role)))
    return group_persons(found)


def person_index(groups: Iterable[PersonGroup]) -> dict[tuple[str, str], str]:
    """(family, given) as written -> person group id."""
    return {(v.family, v.given): g.id for g in groups for v in g.variants}
