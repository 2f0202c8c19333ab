"""The rule parser, one citation at a time: input -> fields, in several habits."""

from __future__ import annotations

import pytest

from footcite.parse.fields import parse_citation
from footcite.parse.locators import split_locator
from footcite.parse.names import parse_names

CASES = [
    (
        (
            "Bennett Kovrig: Of Walls and Bridges: The United States and Eastern Europe. New York, "
            "New York University Press, 1991."
        ),
        {
            "type": "book",
            "title": "Of Walls and Bridges: The United States and Eastern Europe",
            "publisher": "New York University Press",
            "publisher-place": "New York",
            "year": 1991,
            "author": [("Kovrig", "Bennett")],
        },
    ),
    (
        "Kalmár Melinda: Ennivaló és hozomány. Budapest, Magvető, 1998.",
        {
            "type": "book",
            "title": "Ennivaló és hozomány",
            "publisher": "Magvető",
            "publisher-place": "Budapest",
            "year": 1998,
            "author": [("Kalmár", "Melinda")],
        },
    ),
    (
        "Hermann Weber: Geschichte der DDR. München 1985, S. 245.",
        {
            "title": "Geschichte der DDR",
            "publisher-place": "München",
            "year": 1985,
            "locator": "245",
            "author": [("Weber", "Hermann")],
        },
    ),
    (
        (
            "László Borhi: Rollback, Liberation, Containment or Inaction? U.S. "
            "Policy and Eastern Europe in the 1950s. Journal of Cold War Studies, Volume I, "
            "Number 3, Fall 1999."
        ),
        {
            "type": "article-journal",
            "container-title": "Journal of Cold War Studies",
            "volume": "I",
            "issue": "3",
            "year": 1999,
        },
    ),
    (
        (
            "Bence Kovrig: “Liberators: the superpowers and Hungary in 1956”. "
            "In Hungary and the Superpowers in the 20th century. Ed. Ignác Romsics. Budapest, "
            "László Teleki Foundation, 1995"
        ),
        {
            "type": "chapter",
            "title": "Liberators: the superpowers and Hungary in 1956",
            "container-title": "Hungary and the Superpowers in the 20th century",
            "editor": [("Romsics", "Ignác")],
            "year": 1995,
        },
    ),
    (
        (
            "Csaba Békés: The 1956 Revolution and World Politics. CWIHP Working Paper 16. "
            "Washington D.C. 1996."
        ),
        {"type": "report", "collection-title": "CWIHP Working Paper", "number": "16", "year": 1996},
    ),
    ("Ibid., p. 5.", {"kind": "ibid", "locator": "5"}),
    ("Uo. 45. o.", {"kind": "ibid", "locator": "45"}),
    ("Tamtéž, s. 12.", {"kind": "ibid", "locator": "12"}),
]


def _names(v):
    return [(n.get("family"), n.get("given")) for n in v or []]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:40] for c in CASES])
def test_fields(text, want):
    parsed = parse_citation(text)
    f = parsed.fields
    for key, value in want.items():
        if key == "year":
            assert f["issued"]["date-parts"][0][0] == value
        elif key == "locator":
            assert parsed.locator is not None and parsed.locator.value == value
        elif key == "kind":
            assert parsed.kind == value
        elif key in ("author", "editor"):
            assert _names(f.get(key)) == value
        else:
            assert f.get(key) == value, (key, f)


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Times Books, 1990. p.59.", "59", "page"),
        ("Routledge, 1992. pp.55-56.", "55-56", "page"),
        ("Chapel Hill and London, 2001,163-204 pp.", "163-204", "page"),
        ("Budapest, 1997, 201-213. pp.", "201-213", "page"),
        ("Magvető, 1998. 55–57. o.", "55-57", "page"),
        ("in Holmi, No.5, 1993.", None, None),
        ("New York, 1990.", None, None),
    ],
)
def test_locators(text, value, label):
    _, loc = split_locator(text)
    if value is None:
        assert loc is None
    else:
        assert loc is not None and (loc.value, loc.label) == (value, label)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Melvyn P. Leffler, Davis S. Painter",
            [("Leffler", "Melvyn P."), ("Painter", "Davis S.")],
        ),
        (
            "Vladislav Zubok — Konstantin Pleshakov",
            [("Zubok", "Vladislav"), ("Pleshakov", "Konstantin")],
        ),
        ("Marchio, David James", [("Marchio", "David James")]),
        ("Chen Jian", [("Chen", "Jian")]),
        ("Kalmár Melinda", [("Kalmár", "Melinda")]),
        (
            "Csaba Békés, Malcolm Byrne and János M. Rainer",
            [("Békés", "Csaba"), ("Byrne", "Malcolm"), ("Rainer", "János M.")],
        ),
    ],
)
def test_names(text, want):
    assert _names(parse_names(text)) == want


def test_institutional_author_is_literal():
    assert parse_names("Hungarian Socialist Workers' Party Central Committee") == [
        {"literal": "Hungarian Socialist Workers' Party Central Committee"}
    ]
