"""General rules behind fixes first seen on the Békés notes, checked on other footnotes.

Each test states a rule on text that is not from the Békés paper: the prefix of a citation,
short names defined in a parenthesis, access dates, bracketed translations, volume titles of
multi-volume editions, person-named archival collections and Russian archival references.
"""

from __future__ import annotations

import pytest

from footcite.archives.hierarchy import parse_path
from footcite.model import Note
from footcite.parse.archival import parse_archival
from footcite.parse.fields import short_name
from footcite.parse.learned import Found
from footcite.parse.note import _whole_prefix, parse_note
from footcite.parse.segment import Segment, segment_note
from footcite.parse.tagger import Tagged
from footcite.parse.tocsl import to_csl


def _spans(text: str, *parts: tuple[str, str]) -> list[Tagged]:
    """Tagged spans for (label, words) found in order in text, as the field tagger gives them."""
    out, at = [], 0
    for label, words in parts:
        start = text.index(words, at)
        out.append(Tagged(label, start, start + len(words), 0.9))
        at = start + len(words)
    return out


# --- prefixes ---------------------------------------------------------------------------------


def test_prefix_cut_at_a_hyphen_takes_the_whole_rule_lead_in():
    note = (
        "For the Soviet view of North-South trade in these years, see Jan Novak: Trade. "
        "Prague, 1999."
    )
    start = note.index("Jan Novak")
    rule = Segment(start, len(note), "For the Soviet view of North-South trade in these years, see")
    found = Found(start, len(note), "South trade in these years, see", rule)
    assert _whole_prefix(note, found) == rule.prefix


def test_prefix_starting_mid_word_reaches_back_to_the_sentence_start():
    note = "Trade. Prague, 1999. On East-West trade see Jan Novak: Exports. Brno, 2001."
    start = note.index("Jan Novak")
    found = Found(start, len(note), "West trade see", None)
    assert _whole_prefix(note, found) == "On East-West trade see"
    whole = "Cf. Jan Novak: Trade. Prague, 1999."
    assert _whole_prefix(whole, Found(4, len(whole), "Cf.", None)) == "Cf."


def test_a_lead_in_introduces_only_the_first_collection_of_a_list():
    text = (
        "This study rests on the following collections: Public Record Office, London, "
        "Cabinet meetings, Prime Minister A. Eden papers, Foreign Office, General Correspondence."
    )
    note, _ = parse_note(Note(number=1, text=text))
    archival = [c for c in note.citations if c.fields.get("archive")]
    assert len(archival) >= 2
    assert archival[0].prefix == "This study rests on the following collections:"
    assert all(c.prefix is None for c in archival[1:])


# --- short names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "want_title", "short", "publisher"),
    [
        (
            "Yearbook (Institute of Contemporary History, Prague — hereinafter cited as ICH "
            "Yearbook)",
            "Yearbook",
            "ICH Yearbook",
            "Institute of Contemporary History",
        ),
        ("Évkönyv (1956-os Intézet, a továbbiakban: Évkönyv)", "Évkönyv", "Évkönyv", None),
        (
            "Akten zur Auswärtigen Politik (im Folgenden: AAPD)",
            "Akten zur Auswärtigen Politik",
            "AAPD",
            None,
        ),
        ("Bulletin (hereinafter Bulletin CWIHP)", "Bulletin", "Bulletin CWIHP", None),
        ("Revue (ci-après RHMC", "Revue", "RHMC", None),  # closing bracket cut off
    ],
)
def test_a_parenthesis_defining_a_short_name_is_not_title(title, want_title, short, publisher):
    fields = {"title": title}
    short_name(fields)
    assert fields["title"] == want_title
    assert fields["title-short"] == short
    if publisher:
        assert fields["publisher"] == publisher
        assert fields["publisher-place"] == "Prague"
    plain = {"title": "The Cold War (1945-1991)"}
    short_name(plain)
    assert plain == {"title": "The Cold War (1945-1991)"}  # no short name defined: kept


# --- normalizers of tagged spans ---------------------------------------------------------------


def test_a_year_range_in_a_title_is_no_access_date():
    text = "Jan Novak: Exile politics (1948-1968). Manuscript, 2003."
    spans = _spans(
        text,
        ("author", "Jan Novak:"),
        ("title", "Exile politics ("),
        ("accessed", "1948-1968"),
        ("title", ")."),
        ("genre", "Manuscript,"),
        ("date", "2003."),
    )
    made = to_csl(text, 0, spans)
    assert "accessed" not in made.fields
    assert made.fields["title"] == "Exile politics (1948-1968)"
    # stated with access words or after a URL, an access date stays
    text = "Jan Novak: Exile politics. Web page, accessed 12 May 2019."
    spans = _spans(
        text,
        ("author", "Jan Novak:"),
        ("title", "Exile politics."),
        ("accessed", "12 May 2019."),
    )
    made = to_csl(text, 0, spans)
    assert made.fields["accessed"] == {"date-parts": [[2019, 5, 12]]}
    url = "Jan Novak: Exile politics. https://example.org/exile 2019-05-12."
    spans = _spans(
        url,
        ("author", "Jan Novak:"),
        ("title", "Exile politics."),
        ("url", "https://example.org/exile"),
        ("accessed", "2019-05-12."),
    )
    assert to_csl(url, 0, spans).fields["accessed"]["date-parts"][0][0] == 2019


def test_words_up_to_a_bracketed_translation_are_the_title():
    text = (
        "Jan Novak: Polská krize 1980. 12. prosince - 1981. (Dokumenty) "
        "[The Polish crisis 12 December 1980 – 1981. (Documents).] In Sborník 3. Praha, 2001."
    )
    spans = _spans(
        text,
        ("author", "Jan Novak:"),
        ("title", "Polská krize"),
        ("doc-date", "1980. 12. prosince - 1981."),
        ("collection-title", "(Dokumenty) [The Polish crisis"),
        ("doc-date", "12 December 1980 – 1981."),
        ("collection-title", "(Documents).]"),
        ("container-title", "Sborník 3."),
        ("place", "Praha,"),
        ("date", "2001."),
    )
    f = to_csl(text, 0, spans).fields
    assert f["title"] == "Polská krize 1980. 12. prosince - 1981. (Dokumenty)"
    assert f["custom"]["translated-title"] == (
        "The Polish crisis 12 December 1980 – 1981. (Documents)"
    )
    assert "collection-title" not in f
    assert f["container-title"] == "Sborník 3"


def test_a_multi_volume_edition_keeps_its_volume_title():
    text = "Akten zur Auswärtigen Politik, 1963- 1964. Band II. Ostpolitik. München, Oldenbourg."
    spans = _spans(
        text,
        ("title", "Akten zur Auswärtigen Politik, 1963- 1964."),
        ("volume", "Band II."),
        ("place", "München,"),
        ("publisher", "Oldenbourg."),
    )
    f = to_csl(text, 0, spans).fields
    assert f["collection-title"] == "Akten zur Auswärtigen Politik, 1963-1964"
    assert f["volume"] == "II"
    assert f["title"] == "Ostpolitik"


# --- archival ---------------------------------------------------------------------------------


def test_a_person_named_collection_is_one_level():
    levels = parse_path(["Truman", "H. S.: Papers", "Box 3"]).levels
    assert [(lv.kind, lv.text) for lv in levels] == [
        ("collection", "Truman, H. S.: Papers"),
        ("box", "Box 3"),
    ]
    levels = parse_path(["Acheson", "D.G. Papers"]).levels
    assert [lv.text for lv in levels] == ["Acheson, D.G. Papers"]


def test_a_label_with_a_number_after_a_name_stays_apart():
    kinds = [lv.kind for lv in parse_path(["Office", "F. 89"]).levels]
    assert kinds == ["series", "fonds"]


RUSSIAN = [
    "RGANI. F. 89. Op. 45. D. 12. L. 5.",
    "GARF. F. R-9401. Op. 2. D. 65. L. 1–3.",
    "РГАНИ. Ф. 89. Оп. 45. Д. 12. Л. 5.",
    "ГАРФ, ф. Р-9401, оп. 2, д. 65, л. 1–3.",
]


@pytest.mark.parametrize("text", RUSSIAN[:3])
def test_russian_archival_reference_with_full_stops_is_one_segment(text):
    segments = segment_note(text)
    assert len(segments) == 1
    assert segments[0].kind_hint == "archival"
    assert text[segments[0].start : segments[0].end].strip() == text


@pytest.mark.parametrize("text", RUSSIAN)
def test_russian_archival_levels_are_those_of_the_comma_form(text):
    (comma,) = parse_archival("RGANI, f. 89, op. 45, d. 12, l. 5.")
    want = [h["level"] for h in comma["custom"]["archive-hierarchy"]]
    (fields,) = parse_archival(text)
    assert fields["archive"] == text.split(".")[0].split(",")[0]
    levels = [h["level"] for h in fields["custom"]["archive-hierarchy"]]
    assert levels == want == ["fonds", "series", "file", "folio"]
    texts = [h["text"] for h in fields["custom"]["archive-hierarchy"]]
    assert texts[0].split()[-1] in ("89", "R-9401", "Р-9401")


def test_russian_full_stop_references_in_a_list_are_two_citations():
    text = "See RGANI. F. 89. Op. 45. D. 12. L. 5.; GARF. F. R-9401. Op. 2. D. 65. L. 1–3."
    segments = segment_note(text)
    assert [(text[s.start : s.end].strip(" ;"), s.prefix) for s in segments] == [
        ("RGANI. F. 89. Op. 45. D. 12. L. 5.", "See"),
        ("GARF. F. R-9401. Op. 2. D. 65. L. 1–3.", None),
    ]


def test_a_bare_name_with_no_repository_word_is_a_work_not_an_archive():
    text = "Cold War History Working Papers"
    f = to_csl(text, 0, [Tagged("archive", 0, len(text), 0.4)]).fields
    assert f["title"] == text
    assert "archive" not in f
    assert f["type"] != "manuscript"
    repo = "Hoover Institution Archives"
    f = to_csl(repo, 0, [Tagged("archive", 0, len(repo), 0.4)]).fields
    assert f["archive"] == repo


def test_a_lone_word_before_a_comma_opens_the_title_of_a_full_citation():
    text = "Entspannung, Krise und Revolution, Zeitgeschichte, Wien, 1998, 12-20."
    spans = _spans(
        text,
        ("author", "Entspannung,"),
        ("title", "Krise und Revolution,"),
        ("container-title", "Zeitgeschichte,"),
        ("place", "Wien,"),
        ("date", "1998,"),
        ("pages", "12-20."),
    )
    fields = to_csl(text, 0, spans).fields
    assert "author" not in fields
    assert fields["title"].startswith("Entspannung, Krise und Revolution")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a short form: no publication facts, the lone family name is the author
        ("Kovrig, Of Walls and Bridges, 163.", [("author", "Kovrig,"), ("title", "Of Walls")]),
        # an acronym is a corporate author
        (
            "UNESCO, World Report, Paris, 1998.",
            [
                ("author", "UNESCO,"),
                ("title", "World Report,"),
                ("place", "Paris,"),
                ("date", "1998."),
            ],
        ),
    ],
)
def test_a_lone_author_stays_in_short_forms_and_acronyms(text, parts):
    fields = to_csl(text, 0, _spans(text, *parts)).fields
    assert fields.get("author")
