"""Deduplication: the pairwise decision, merging, clustering into works, stable ids."""

from __future__ import annotations

import random

import pytest

from footcite.dedup.engine import Record, deduplicate
from footcite.dedup.features import archival_units, extract
from footcite.dedup.match import SAME_WORK, UNRELATED, decide
from footcite.dedup.merge import merge_fields


def _book(title, family="Gaddis", given="John Lewis", year=1997, **extra):
    item = {"type": "book", "title": title, "author": [{"family": family, "given": given}]}
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    item.update(extra)
    return item


def _article(title, journal, **extra):
    item = {
        "type": "article-journal",
        "title": title,
        "container-title": journal,
        "author": [{"family": "Borhi", "given": "László"}],
        "issued": {"date-parts": [[1999]]},
    }
    item.update(extra)
    return item


def _verdict(a, b):
    return decide(extract(a), extract(b))[0]


SAME = [
    (_book("We Now Know: Rethinking Cold War History"), _book("We Now Know")),  # dropped subtitle
    (_book("We Now Know"), _book("WE NOW KNOW", given="J. L.")),  # case, initials
    (_book("We Now Know"), _book("We Now Know", year=None)),  # missing year
    (_book("We Now Know"), _book("We Nwo Know", year=1997)),  # a typo
    (_book("Hidegháború és enyhülés"), _book("Hideghaboru es enyhules")),  # diacritics
    (
        _article("Rollback, Liberation, Containment or Inaction?", "Journal of Cold War Studies"),
        _article(
            "Rollback, Liberation, Containment or Inaction?", "J. Cold War Stud.", page="3-47"
        ),
    ),
    (
        _book("Stalin and the Bomb", family="Khrushchev", given="Nikita"),
        _book("Stalin and the Bomb", family="Hruscsov", given="Nyikita"),
    ),
]
NOT_SAME = [
    (_book("We Now Know"), _book("We Now Know", family="Leffler", given="Melvyn")),  # author
    (_book("We Now Know"), _book("Strategies of Containment")),  # title
    (_book("History. Volume 1", volume="1"), _book("History. Volume 2", volume="2")),
    (
        _article("Rollback", "Journal of Cold War Studies", volume="1"),
        _article("Rollback", "Diplomatic History", volume="1"),
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_work(a, b):
    assert _verdict(a, b) == SAME_WORK
    assert _verdict(b, a) == SAME_WORK


@pytest.mark.parametrize(("a", "b"), NOT_SAME)
def test_not_the_same_work(a, b):
    assert _verdict(a, b) != SAME_WORK


def test_another_edition_is_related_not_same():
    assert _verdict(_book("We Now Know"), _book("We Now Know", year=2005)) == "edition"
    assert (
        _verdict(_book("We Now Know", edition="1"), _book("We Now Know", edition="2")) == "edition"
    )


def test_a_reprint_is_related_not_same():
    reprint = _book("We Now Know", year=2005, **{"original-date": {"date-parts": [[1997]]}})
    assert _verdict(_book("We Now Know"), reprint) == "reprint"


def test_archival_units_in_any_language():
    en = archival_units("RG 59, Central Decimal Files, Box 2345, Folder 3")[0]
    assert en == {"fond": "59", "box": "2345", "file": "3"}
    assert archival_units("Record Group 59, Kasten 2345, Mappe 3")[0] == en
    assert archival_units("RG 59, 2345. doboz, 3. tétel")[0] == en
    assert archival_units("f. 89, op. 45, d. 12, l. 3")[0] == {
        "fond": "89",
        "opis": "45",
        "delo": "12",
    }


def _arch(archive, collection, location="", place=""):
    item = {"type": "manuscript", "archive": archive, "archive_collection": collection}
    if location:
        item["archive_location"] = location
    if place:
        item["archive-place"] = place
    return item


def test_one_archival_record_under_other_names_and_languages():
    a = _arch(
        "National Archives",
        "RG 59, Central Decimal Files",
        "Box 2345, Folder 3",
        "Washington, D.C.",
    )
    b = _arch("NARA", "Record Group 59", "Kasten 2345, Mappe 3")
    c = _arch("National Archives and Records Administration", "RG 59", "2345. doboz, 3. tétel")
    assert _verdict(a, b) == _verdict(b, c) == _verdict(a, c) == SAME_WORK


def test_archival_records_that_differ():
    a = _arch("NARA", "RG 59", "Box 2345, Folder 3")
    assert _verdict(a, _arch("NARA", "RG 59", "Box 2345, Folder 4")) == UNRELATED
    assert _verdict(a, _arch("The National Archives", "RG 59", "Box 2345, Folder 3")) == UNRELATED
    # two collections of one record group are not one reference (Békés note 15)
    x = _arch(
        "National Archives", "Department of State, Central Decimal Files, RG 59", place="Washington"
    )
    y = _arch(
        "National Archives",
        "Records of U.S. Department of State. Office of Public Opinion Studies, RG 59",
        place="Washington",
    )
    assert _verdict(x, y) == UNRELATED


def test_merge_keeps_the_most_complete_value_and_every_other_one():
    merged = merge_fields(
        [
            (0, _book("We Now Know", given="J. L.", year=1997)),
            (0, _book("We Now Know: Rethinking Cold War History", year=1997, publisher="OUP")),
            (0, _book("We Now Know", year=1998)),
        ]
    )
    assert merged["title"] == "We Now Know: Rethinking Cold War History"
    assert merged["author"] == [{"family": "Gaddis", "given": "John Lewis"}]
    assert merged["publisher"] == "OUP"
    assert merged["issued"] == {"date-parts": [[1997]]}
    assert merged["custom"]["variants"]["title"] == ["We Now Know"]
    assert merged["custom"]["variants"]["issued"] == [{"date-parts": [[1998]]}]
    assert merged["custom"]["conflicts"] == ["issued"]  # a different year, not a spelling


def test_merge_prefers_full_citations_to_short_forms():
    merged = merge_fields(
        [
            (1, _book("The 1956 Hungarian Revolution in World Politics")),
            (0, _book("The 1956 Revolution")),
        ]
    )
    assert merged["title"] == "The 1956 Revolution"


def _records(items):
    return [
        Record(key=f"k{i:03d}", fields=item, source="s.json", original_id=f"id{i}")
        for i, item in enumerate(items)
    ]


ITEMS = [
    _book("We Now Know: Rethinking Cold War History", publisher="Oxford University Press"),
    _book("We Now Know", given="J. L."),
    _book("We Now Know", year=2005, edition="2"),
    _book("Strategies of Containment", year=1982),
    _book("Strategies of Containment", year=None),
    {
        "type": "chapter",
        "title": "The Eden Plan",
        "container-title": "Cold War Respite: The Geneva Summit of 1955",
        "author": [{"family": "Dockrill", "given": "Saki"}],
        "issued": {"date-parts": [[2000]]},
    },
    {
        "type": "book",
        "title": "Cold War Respite: The Geneva Summit of 1955",
        "editor": [{"family": "Bischof", "given": "Günter"}],
        "issued": {"date-parts": [[2000]]},
    },
]


def test_works_edition_and_chapter_relations():
    result = deduplicate(_records(ITEMS), explain=True)
    refs = result.record_refs
    assert refs[0] == refs[1] and refs[3] == refs[4]
    assert len(set(refs)) == 5
    kinds = {(kind, a, b) for a, b, kind in result.relations}
    assert ("edition", *sorted((refs[0], refs[2]))) in kinds
    assert ("part-of", refs[5], refs[6]) in kinds
    book = next(i for i in result.items if i["id"] == refs[6])
    assert {"type": "has-part", "id": refs[5]} in book["custom"]["relations"]
    assert any("merged 2 records" in line for line in result.explanations)


def test_ids_do_not_depend_on_input_order():
    first = deduplicate(_records(ITEMS), provenance=True)
    shuffled = list(enumerate(ITEMS))
    random.Random(4).shuffle(shuffled)
    records = [
        Record(key=f"k{i:03d}", fields=item, source="s.json", original_id=f"id{i}")
        for i, item in shuffled
    ]
    second = deduplicate(records, provenance=True)
    assert sorted(first.items, key=lambda i: i["id"]) == sorted(second.items, key=lambda i: i["id"])


def test_original_ids_are_kept_when_they_agree():
    records = [
        Record(key="a#gaddis1997", fields=ITEMS[0], source="a.bib", original_id="gaddis1997"),
        Record(key="b#gaddis1997", fields=ITEMS[1], source="b.bib", original_id="gaddis1997"),
        Record(key="b#other", fields=ITEMS[3], source="b.bib", original_id="gaddis1997"),
    ]
    result = deduplicate(records, provenance=True)
    assert sorted(i["id"] for i in result.items) == ["gaddis1997", "gaddis1997-2"]
    merged = next(i for i in result.items if i["id"] == "gaddis1997")
    assert [m["source"] for m in merged["custom"]["merged-from"]] == ["a.bib", "b.bib"]


def test_attached_records_join_their_target_without_comparison():
    records = [
        Record(key="c1", fields=_book("We Now Know")),
        Record(key="c2", fields={"type": "book"}, rank=1, attach_to="c1"),
    ]
    result = deduplicate(records)
    assert result.record_refs[0] == result.record_refs[1]
    assert result.items[0]["type"] == "book" and result.items[0]["title"] == "We Now Know"


def test_a_translation_is_related_not_same():
    original = _book(
        "A brit kormány és az 1956-os magyar forradalom",
        family="Békés",
        given="Csaba",
        year=1992,
        custom={"translated-title": "The British Government and the 1956 Hungarian Revolution"},
    )
    english = _book(
        "The British Government and the 1956 Hungarian Revolution",
        family="Bekes",
        given="C.",
        year=1996,
    )
    assert _verdict(original, english) == "translation"
    result = deduplicate(_records([original, english]))
    assert [r[2] for r in result.relations] == ["translation"]
