"""Person names: the forms one person takes, and the forms that are two persons."""

from __future__ import annotations

import pytest

from footcite.dedup.names import DIFFERENT, SAME, WEAK, compare, make_person, person_of
from footcite.dedup.persons import Occurrence, group_persons, persons_of_items
from footcite.dedup.translit import chinese_key, sound_keys

SAME_PERSON = [
    (("Kovrig", "Bennett"), ("Kovrig", "Bence")),  # given-name equivalence table
    (("Chen", "Jian"), ("Chen", "Chien")),  # pinyin / Wade-Giles
    (("Deng", "Xiaoping"), ("Teng", "Hsiao-p'ing")),
    (("Dockrill", "Saki"), ("Dockrill", "Sacki")),  # a typo
    (("Békés", "Csaba"), ("Bekes", "Csaba")),  # diacritics stripped
    (("Békés", "Csaba"), ("Csaba", "Békés")),  # Hungarian order read as Western
    (("Khrushchev", "Nikita"), ("Chruščev", "Nikita")),
    (("Khrushchev", "Nikita"), ("Hruscsov", "Nikita")),
    (("Khrushchev", "Nikita"), ("Chruschtschow", "Nikita")),
    (("Sereda", "Viatcheslav"), ("Sereda", "Vyacheslav")),
    (("Gaddis", "John Lewis"), ("Gaddis", "John L.")),
    (("Hershberg", "Jim"), ("Hershberg", "James")),
]
WEAK_PERSON = [
    (("Gaddis", "John Lewis"), ("Gaddis", "J. L.")),
    (("Gaddis", "John Lewis"), ("Gaddis", "J.")),
    (("Bibó", "István"), ("Bibó", "S.")),  # Stephen
    (("Kramer", "Mark"), ("Kramer", "")),
]
DIFFERENT_PERSONS = [
    (("Smith", "Mark"), ("Smith", "Mary")),  # two known names one letter apart
    (("Harris", "John"), ("Hirsch", "John")),
    (("Smith", "John"), ("Schmidt", "John")),
    (("Gaddis", "John Lewis"), ("Gaddis", "J. M.")),
    (("Kovrig", "Bennett"), ("Kovrig", "Ignác")),
    (("Chen", "Jian"), ("Chen", "Xiaoping")),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_same_person(a, b):
    assert compare(make_person(*a), make_person(*b)) == SAME
    assert compare(make_person(*b), make_person(*a)) == SAME


@pytest.mark.parametrize(("a", "b"), WEAK_PERSON)
def test_compatible_but_not_certain(a, b):
    assert compare(make_person(*a), make_person(*b)) == WEAK


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PERSONS)
def test_different_persons(a, b):
    assert compare(make_person(*a), make_person(*b)) == DIFFERENT


def test_romanizations_share_a_sound_key():
    forms = ["Khrushchev", "Chruščev", "Hruscsov", "Chruschtschow", "Khrouchtchev", "Chruszczow"]
    common = set.intersection(*(set(sound_keys(f)) for f in forms))
    assert common
    assert not sound_keys("Harris") & sound_keys("Hirsch")


def test_chinese_key_only_for_chinese_syllables():
    assert chinese_key("Jian") == chinese_key("Chien")
    assert chinese_key("Zedong") == chinese_key("Tse-tung")
    assert chinese_key("Kovrig") is None


def test_literal_names_are_family_names():
    p = person_of({"literal": "Cold War International History Project"})
    assert p is not None and p.literal and not p.given


def _occ(pairs):
    return [
        (make_person(f, g), Occurrence(ref=f"r{i}", role="author"))
        for i, (f, g) in enumerate(pairs)
    ]


def test_grouping_joins_variants_and_prefers_the_fullest_form():
    groups = group_persons(
        _occ([("Kovrig", "Bence"), ("Kovrig", "Bennett"), ("Kovrig", "Bennett"), ("Kovrig", "B.")])
    )
    assert len(groups) == 1
    assert (groups[0].name.family, groups[0].name.given) == ("Kovrig", "Bennett")
    assert len(groups[0].variants) == 3


def test_initials_that_fit_two_persons_stay_apart():
    groups = group_persons(_occ([("Smith", "John"), ("Smith", "James"), ("Smith", "J.")]))
    assert sorted(g.name.given for g in groups) == ["J.", "James", "John"]


def test_grouping_is_complete_linkage():
    # Ben is both Bennett and Benjamin; Bennett and Benjamin must not become one person
    groups = group_persons(_occ([("Kovrig", "Bennett"), ("Kovrig", "Ben"), ("Kovrig", "Benjamin")]))
    givens = [sorted(v.given for v in g.variants) for g in groups]
    assert not any({"Bennett", "Benjamin"} <= set(v) for v in givens)


def test_grouping_does_not_depend_on_order():
    pairs = [
        ("Chen", "Jian"),
        ("Chen", "Chien"),
        ("Dockrill", "Saki"),
        ("Dockrill", "Sacki"),
        ("Smith", "J."),
    ]
    one = [g.to_json() for g in group_persons(_occ(pairs))]
    two = [g.to_json() for g in group_persons(list(reversed(_occ(pairs))))]
    assert one == two


def test_persons_of_items_tells_roles_and_works():
    items = [
        {"id": "a", "author": [{"family": "Chen", "given": "Jian"}]},
        {"id": "b", "contributor": [{"family": "Chen", "given": "Chien"}]},
    ]
    (group,) = persons_of_items(items)
    data = group.to_json()
    assert data["works"] == ["a", "b"] and data["roles"] == ["author", "contributor"]
