"""Positions inside a document: Ibid., op. cit., short forms and short titles."""

from __future__ import annotations

from footcite.dedup.backrefs import resolve_positions, short_title_fits
from footcite.dedup.documents import assign_references
from footcite.dedup.features import title_forms
from footcite.model import Citation, Document, Note, Span


def _cit(
    note: int, k: int, fields: dict, kind: str = "full", locator: str | None = None
) -> Citation:
    return Citation(
        id=f"d-n{note}-c{k}", text="", span=Span(0, 0), fields=fields, kind=kind, locator=locator
    )


def _doc(*notes: tuple[int, list[Citation]], name: str = "doc.txt") -> Document:
    return Document(
        name=name,
        body="",
        notes=tuple(Note(number=n, text="", citations=tuple(c), document=name) for n, c in notes),
    )


KOVRIG = {
    "type": "book",
    "author": [{"family": "Kovrig", "given": "Bennett"}],
    "title": "Of Walls and Bridges: The United States and Eastern Europe",
    "issued": {"date-parts": [[1991]]},
}
MALIN = {
    "type": "article-journal",
    "title": "The “Malin Notes” on the Crises in Hungary and Poland, 1956",
    "container-title": "CWIHP Bulletin",
    "editor": [{"family": "Kramer", "given": "Mark"}],
}
GADDIS = {
    "type": "book",
    "author": [{"family": "Gaddis", "given": "John Lewis"}],
    "title": "We Now Know",
    "issued": {"date-parts": [[1997]]},
}


def test_ibid_follows_the_previous_citation_and_keeps_its_locator():
    doc = _doc(
        (1, [_cit(1, 1, KOVRIG, locator="12")]),
        (2, [_cit(2, 1, {}, "ibid", locator="15")]),
        (3, [_cit(3, 1, {}, "ibid")]),
    )
    targets, unresolved = resolve_positions(doc)
    assert targets == {"d-n2-c1": "d-n1-c1", "d-n3-c1": "d-n1-c1"} and not unresolved
    docs, refs = assign_references((doc,))
    cits = [c for n in docs[0].notes for c in n.citations]
    assert len(refs) == 1 and {c.reference_id for c in cits} == {refs[0].id}
    assert [c.locator for c in cits] == ["12", "15", None]
    assert refs[0].cited_in == (("doc.txt", 1), ("doc.txt", 2), ("doc.txt", 3))


def test_op_cit_finds_the_latest_work_of_that_author():
    doc = _doc(
        (1, [_cit(1, 1, KOVRIG), _cit(1, 2, GADDIS)]),
        (2, [_cit(2, 1, {"author": [{"family": "Kovrig"}]}, "op-cit", locator="5")]),
    )
    targets, _ = resolve_positions(doc)
    assert targets == {"d-n2-c1": "d-n1-c1"}


def test_short_form_with_other_wording_resolves_to_the_full_citation():
    full = {
        "type": "report",
        "author": [{"family": "Békés", "given": "Csaba"}],
        "title": "The 1956 Revolution and World Politics",
        "collection-title": "CWIHP Working Paper",
        "number": "16",
    }
    short = {
        "type": "book",
        "author": [{"family": "Békés", "given": "Csaba"}],
        "title": "The 1956 Hungarian Revolution in World Politics",
    }
    doc = _doc((15, [_cit(15, 1, full)]), (17, [_cit(17, 1, short, "short")]))
    targets, _ = resolve_positions(doc)
    assert targets == {"d-n17-c1": "d-n15-c1"}
    _, refs = assign_references((doc,))
    assert len(refs) == 1 and refs[0].fields["title"] == "The 1956 Revolution and World Politics"


def test_a_title_alone_abbreviates_an_earlier_title():
    doc = _doc(
        (11, [_cit(11, 1, MALIN)]),
        (21, [_cit(21, 1, {"type": "book", "title": "The Malin Notes"}, locator="393")]),
    )
    targets, _ = resolve_positions(doc)
    assert targets == {"d-n21-c1": "d-n11-c1"}


def test_a_short_form_by_another_author_is_not_linked():
    other = {"type": "book", "author": [{"family": "Leffler"}], "title": "We Now Know"}
    doc = _doc((1, [_cit(1, 1, GADDIS)]), (2, [_cit(2, 1, other, "short")]))
    targets, _ = resolve_positions(doc)
    assert targets == {}


def test_an_ibid_with_nothing_before_is_reported():
    doc = _doc((1, [_cit(1, 1, {}, "ibid")]))
    docs, refs = assign_references((doc,))
    assert any(d.code == "dedup-unresolved" for d in docs[0].diagnostics)
    assert len(refs) == 1


def test_short_title_fits():
    full, main = title_forms("Origins of the Cold War. An International History")
    assert short_title_fits(title_forms("Origins of the Cold War")[0], full, main, False)
    assert not short_title_fits(
        title_forms("Cold War")[0], *title_forms("The Cuban Missile Crisis"), False
    )
