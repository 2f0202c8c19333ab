"""Repairs of tagged spans (parse/spanfix.py) on the constructions each one is for."""

from __future__ import annotations

from footcite.parse.learned import _and_joined
from footcite.parse.segment import Segment
from footcite.parse.spanfix import repair_spans
from footcite.parse.tagger import Tagged
from footcite.parse.tocsl import to_csl
from tests.unit.test_parse_note_rules import _spans


def _read(text: str, spans: list[Tagged]) -> dict[str, str]:
    return {s.label: text[s.start : s.end] for s in repair_spans(text, 0, spans)}


def test_translated_title_runs_to_its_closing_bracket():
    text = "Urbán Károly: Sztálin haláltól. [From the Death of Stalin (1953-1956).] 1996."
    spans = _spans(
        text,
        ("author", "Urbán Károly:"),
        ("title", "Sztálin haláltól."),
        ("translated-title", "[From the Death of Stalin"),
        ("date", "1953-1956"),
        ("date", "1996."),
    )
    got = _read(text, spans)
    assert got["translated-title"] == "[From the Death of Stalin (1953-1956).]"
    assert got["date"] == "1996."


def test_publisher_named_at_the_end_of_the_title_is_split_off():
    text = "Chen Jian: Mao’s China and the Cold War, The University of North Carolina Press, 2001"
    spans = _spans(
        text,
        ("author", "Chen Jian:"),
        ("title", "Mao’s China and the Cold War, The University of North Carolina Press,"),
        ("date", "2001"),
    )
    got = _read(text, spans)
    assert got["title"] == "Mao’s China and the Cold War,"
    assert got["publisher"] == "The University of North Carolina Press,"


def test_a_title_that_merely_mentions_a_press_keeps_it():
    text = "Smith: Freedom of the Press, Chicago, 1990"
    spans = _spans(text, ("author", "Smith:"), ("title", "Freedom of the Press,"))
    assert _read(text, spans)["title"] == "Freedom of the Press,"


def test_series_after_in_is_the_container():
    text = "Dockrill: The Eden Plan In: Cold War Respite, (eds) G. Bischof, 117-154."
    spans = _spans(
        text,
        ("author", "Dockrill:"),
        ("title", "The Eden Plan"),
        ("collection-title", "Cold War Respite,"),
        ("pages", "117-154."),
    )
    assert _read(text, spans)["container-title"] == "Cold War Respite,"
    plain = "Dockrill: The Eden Plan. Cold War Series, 117-154."
    spans = _spans(
        plain,
        ("author", "Dockrill:"),
        ("title", "The Eden Plan."),
        ("collection-title", "Cold War Series,"),
    )
    assert "collection-title" in _read(plain, spans)


def test_words_before_a_leading_role_word_end_the_title():
    text = "The 1956 Revolution: A History. A Documents Reader (eds.) Csaba Békés, Malcolm Byrne."
    spans = _spans(
        text,
        ("title", "The 1956 Revolution: A History."),
        ("editor", "A Documents Reader (eds.) Csaba Békés, Malcolm Byrne."),
    )
    got = _read(text, spans)
    assert got["title"] == "The 1956 Revolution: A History. A Documents Reader"
    assert got["editor"] == "(eds.) Csaba Békés, Malcolm Byrne."
    names = "Ripp Zoltán (szerk.): A jegyzőkönyvek. Budapest, 1993."
    spans = _spans(names, ("editor", "Ripp Zoltán (szerk.):"), ("title", "A jegyzőkönyvek."))
    assert _read(names, spans)["editor"] == "Ripp Zoltán (szerk.):"


def test_bracket_parts_tagged_apart_become_title_and_translation():
    text = (
        "Békés: A magyar kérdés 1956. október 28. - november 4. (Brit dokumentumok) "
        "[The Issue. (British documents)] In Évkönyv II."
    )
    spans = _spans(
        text,
        ("author", "Békés:"),
        ("title", "A magyar kérdés 1956. október 28."),
        ("genre", "- november 4."),
        ("collection-title", "Brit dokumentumok"),
        ("translated-title", "The Issue."),
        ("note", "British documents"),
        ("container-title", "Évkönyv"),
    )
    got = _read(text, spans)
    assert got["title"] == "A magyar kérdés 1956. október 28. - november 4. (Brit dokumentumok)"
    assert got["translated-title"] == "[The Issue. (British documents)]"
    assert got["container-title"] == "Évkönyv"


def test_a_note_that_is_only_a_genre_word_is_the_genre():
    text = "Urbán Károly: Sztálin haláltól. 1996, manuscript."
    spans = _spans(
        text,
        ("author", "Urbán Károly:"),
        ("title", "Sztálin haláltól."),
        ("date", "1996,"),
        ("note", "manuscript."),
    )
    made = to_csl(text, 0, spans)
    assert made.fields.get("genre") == "manuscript" and "note" not in made.fields
    kept = "Kovrig: Walls. 1996, manuscript in the author's possession."
    spans = _spans(
        kept,
        ("author", "Kovrig:"),
        ("title", "Walls."),
        ("date", "1996,"),
        ("note", "manuscript in the author's possession."),
    )
    assert "note" in to_csl(kept, 0, spans).fields


def test_rule_citations_joined_by_a_bare_and_after_a_full_stop():
    text = "Bulletin, Nos.1-12/13. and CWIHP Working Papers"
    a = Segment(0, text.index(" and"), None)
    b = Segment(text.index("CWIHP"), len(text), None)
    assert _and_joined(text, [a, b])
    text2 = "Bulletin, Nos.1-12 and CWIHP Working Papers"
    a2 = Segment(0, text2.index(" and"), None)
    b2 = Segment(text2.index("CWIHP"), len(text2), None)
    assert not _and_joined(text2, [a2, b2])


def test_volume_title_tagged_as_container_becomes_the_title_of_the_set():
    text = "Foreign Relations of the United States, 1955-1957. Volume XXV. Eastern Europe. p. 318."
    spans = _spans(
        text,
        ("title", "Foreign Relations of the United States, 1955-1957."),
        ("volume", "Volume XXV."),
        ("container-title", "Eastern Europe."),
        ("locator", "p. 318."),
    )
    got = _read(text, spans)
    assert got["collection-title"].startswith("Foreign Relations")
    assert got["title"] == "Eastern Europe." and "container-title" not in got


def test_a_further_work_of_the_same_author_opens_with_its_title():
    from footcite.parse.learned import _title_not_author

    text = "The Myth of Liberation: East-Central Europe since 1941. Baltimore, 1973"
    spans = tuple(
        _spans(
            text,
            ("author", "The Myth of Liberation:"),
            ("title", "East-Central Europe since 1941."),
            ("date", "1973"),
        )
    )
    got = _title_not_author(text, spans)
    assert [s.label for s in got] == ["title", "date"]
    assert text[got[0].start : got[0].end].startswith("The Myth of Liberation: East")
    named = "Bennett Kovrig: Of Walls. New York, 1991"
    spans = tuple(_spans(named, ("author", "Bennett Kovrig:"), ("title", "Of Walls.")))
    assert _title_not_author(named, spans) == spans


def test_rule_citations_joined_by_a_same_author_lead_in():
    text = "Békés: A brit kormány. Budapest, 1992. And by the same author: A magyar kérdés. 1993."
    a = Segment(0, text.index(" And"), None)
    b = Segment(text.index("A magyar"), len(text), None)
    assert _and_joined(text, [a, b])
    hu = "Kende: Ideológia. Budapest, 1996. Uő: Pártállam. Budapest, 1998."
    a2 = Segment(0, hu.index(" Uő"), None)
    assert _and_joined(hu, [a2, Segment(hu.index("Pártállam"), len(hu), None)])
    # the lead-in has to follow a full stop: inside a sentence it is commentary
    mid = "Békés: A brit kormány, and by the same author: A magyar kérdés. 1993."
    a3 = Segment(0, mid.index(", and"), None)
    b3 = Segment(mid.index("A magyar"), len(mid), None)
    assert not _and_joined(mid, [a3, b3])


def test_a_publishing_house_read_as_container_is_the_publisher():
    text = "William H. Hyland: The Cold War. Fifty Years of Conflict. Times Books, 1990. p.59."
    spans = _spans(
        text,
        ("author", "William H. Hyland:"),
        ("title", "The Cold War. Fifty Years of Conflict."),
        ("container-title", "Times Books,"),
        ("date", "1990."),
        ("locator", "p.59."),
    )
    got = _read(text, spans)
    assert got["publisher"] == "Times Books," and "container-title" not in got
    # a chapter "In" a book from a press, or a journal with an issue, keeps its container
    chapter = "Smith: Walls. In: Oxford Handbooks Press, 1990, 45-67."
    spans = _spans(
        chapter,
        ("author", "Smith:"),
        ("title", "Walls."),
        ("container-title", "Oxford Handbooks Press,"),
        ("date", "1990,"),
    )
    assert "container-title" in _read(chapter, spans)
    journal = "Smith: Walls. Harvard Books Review, no. 3, 1990."
    spans = _spans(
        journal,
        ("author", "Smith:"),
        ("title", "Walls."),
        ("container-title", "Harvard Books Review,"),
        ("issue", "no. 3,"),
    )
    assert "container-title" in _read(journal, spans)


def test_places_written_after_the_publisher_are_split_off():
    text = (
        "Chen Jian: Mao’s China, University of North Carolina Press, Chapel Hill and London, 2001"
    )
    spans = _spans(
        text,
        ("author", "Chen Jian:"),
        ("title", "Mao’s China,"),
        ("publisher", "University of North Carolina Press, Chapel Hill and London,"),
        ("date", "2001"),
    )
    got = _read(text, spans)
    assert got["publisher"] == "University of North Carolina Press,"
    assert got["place"] == "Chapel Hill and London,"
    # a publisher whose name goes on after a comma keeps it
    whole = "Kovrig: Walls. Simon & Schuster, Touchstone Books, 1991."
    spans = _spans(whole, ("title", "Walls."), ("publisher", "Simon & Schuster, Touchstone Books,"))
    assert _read(whole, spans)["publisher"] == "Simon & Schuster, Touchstone Books,"


def test_an_editor_list_read_on_as_a_second_container_is_the_next_editor():
    text = "X: The Plan In: Cold War Respite, (eds) Günter Bischof, Saki Dockrill, 117-154."
    spans = _spans(
        text,
        ("author", "X:"),
        ("title", "The Plan"),
        ("container-title", "Cold War Respite,"),
        ("editor", "(eds) Günter Bischof,"),
        ("container-title", "Saki Dockrill,"),
        ("pages", "117-154."),
    )
    got = [(s.label, text[s.start : s.end]) for s in repair_spans(text, 0, spans)]
    assert ("editor", "(eds) Günter Bischof, Saki Dockrill,") in got
    assert [lab for lab, _ in got].count("container-title") == 1
    # a first container after the editor is the book, not a name
    book = "X: The Plan, ed. Günter Bischof, Cold War Respite."
    alone = _spans(
        book,
        ("author", "X:"),
        ("title", "The Plan,"),
        ("editor", "ed. Günter Bischof,"),
        ("container-title", "Cold War Respite."),
    )
    assert repair_spans(book, 0, alone) == alone


def _article(locator: str) -> tuple[str, list[Tagged]]:
    text = f"Zubok: The Talks, CWIHP Bulletin, Issue 12/13, Fall 2001, {locator}"
    spans = _spans(
        text,
        ("author", "Zubok:"),
        ("title", "The Talks,"),
        ("container-title", "CWIHP Bulletin,"),
        ("issue", "Issue 12/13,"),
        ("date", "Fall 2001,"),
        ("locator", locator),
    )
    return text, spans


def test_a_wide_bare_range_after_a_journal_issue_is_the_article_pages():
    assert _read(*_article("243-272 pp."))["pages"] == "243-272 pp."
    assert "locator" in _read(*_article("243-245 pp."))  # three pages: a pinpoint
    assert "locator" in _read(*_article("pp. 243-272"))  # a page word first: the model decides
