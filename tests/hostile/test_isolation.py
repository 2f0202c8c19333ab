"""Per-item isolation and time limits: one bad note, entry or style element costs only itself."""

from __future__ import annotations

import re
import time

import pytest

from footcite import limits
from footcite.diagnostics import LimitError
from footcite.model import Note
from footcite.pipeline import parse_text

CATASTROPHIC = re.compile(r"(a+)+$")
"""Exponential backtracking: on "a" * 40 + "b" it would run for days."""


def test_time_limit_interrupts_a_runaway_regex():
    started = time.monotonic()
    with limits.time_limit(0.2) as limit:
        CATASTROPHIC.match("a" * 40 + "b")
    assert limit.exceeded
    assert time.monotonic() - started < 2


def test_time_limit_cannot_be_swallowed_by_except_exception():
    with limits.time_limit(0.1) as limit:
        try:
            CATASTROPHIC.match("a" * 40 + "b")
        except Exception:  # what parse_note does around each citation
            pytest.fail("the limit must not be an Exception")
    assert limit.exceeded


def test_limits_nest_and_the_outer_one_wins():
    with limits.time_limit(0.2) as outer:
        with limits.time_limit(30) as inner:
            CATASTROPHIC.match("a" * 40 + "b")
        pytest.fail("the outer limit must unwind through the inner block")
    assert outer.exceeded and not inner.exceeded


def test_limit_leaves_no_alarm_behind():
    import signal

    with limits.time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_within_limit_raises_limit_error():
    with pytest.raises(LimitError, match="took longer than"):
        limits.within_limit(0.1, "x", lambda: CATASTROPHIC.match("a" * 40 + "b"))
    assert limits.within_limit(1, "x", lambda: 42) == 42


def _notes(*texts: str) -> list[Note]:
    return [Note(number=i + 1, text=t, document="doc.txt") for i, t in enumerate(texts)]


def _fake_parse(note: Note, key: str):
    if "boom" in note.text:
        raise ValueError("a rule broke")
    if "slow" in note.text:
        CATASTROPHIC.match("a" * 40 + "b")
    return note, []


def test_a_failing_note_is_reported_and_the_others_parsed():
    notes, problems = limits.parse_notes(_notes("fine", "boom", "fine too"), "d", _fake_parse)
    assert [n.text for n in notes] == ["fine", "boom", "fine too"]
    assert [(p.code, p.where) for p in problems] == [("parse-note", "doc.txt: note 2")]
    assert "ValueError: a rule broke" in problems[0].message


def test_a_slow_note_is_stopped_and_the_others_parsed():
    notes, problems = limits.parse_notes(
        _notes("fine", "slow", "fine too"), "d", _fake_parse, note_limit=0.2
    )
    assert len(notes) == 3
    assert [(p.code, p.where) for p in problems] == [("parse-note-time", "doc.txt: note 2")]


def test_document_budget_keeps_the_rest_unparsed():
    notes, problems = limits.parse_notes(
        _notes("slow", "slow", "fine", "fine"),
        "d",
        _fake_parse,
        note_limit=0.2,
        document_limit=0.3,
    )
    assert len(notes) == 4
    assert [p.code for p in problems][-1] == "parse-document-time"
    assert "note(s) from note" in problems[-1].message


def test_too_long_note_is_not_parsed():
    _, problems = limits.parse_notes(_notes("x" * 50, "ok"), "d", _fake_parse, max_note_chars=10)
    assert problems[0].code == "parse-note-too-long" and problems[0].where == "doc.txt: note 1"


def test_env_overrides_limits(monkeypatch):
    monkeypatch.setenv(limits.ENV_NOTE_SECONDS, "0.5")
    assert limits.note_seconds() == 0.5
    monkeypatch.setenv(limits.ENV_NOTE_SECONDS, "nonsense")
    assert limits.note_seconds() == limits.NOTE_SECONDS
    monkeypatch.setenv(limits.ENV_DOCUMENT_SECONDS, "-1")
    assert limits.document_seconds() == limits.DOCUMENT_SECONDS


def test_pipeline_isolates_a_crashing_note(monkeypatch):
    from footcite import pipeline

    real = pipeline.parse_note

    def flaky(note, key):
        if note.number == 2:
            raise RuntimeError("simulated parser bug")
        return real(note, key)

    monkeypatch.setattr(pipeline, "parse_note", flaky)
    result = parse_text(
        "1 Gaddis, John Lewis: We Now Know. Oxford, 1997.\n2 Kramer: Title. 1999.\n"
        "3 Hyland: The Cold War. New York, 1990.\n"
    )
    assert [len(n.citations) for n in result.notes] == [1, 0, 1]
    assert any(d.code == "parse-note" and d.where == "<text>: note 2" for d in result.diagnostics)


def test_cpu_timer_for_hosts_that_need_sigalrm():
    limits.use_timer("cpu")
    try:
        with limits.time_limit(0.2) as limit:
            CATASTROPHIC.match("a" * 40 + "b")
        assert limit.exceeded
    finally:
        limits.use_timer("wall")


def test_no_alarm_escapes_a_limit_that_ends_as_it_fires():
    """The alarm may fire while a limit is ending; it must never escape the `with`."""
    for k in range(3000):
        # an alarm escaping the `with` would raise here; whether a given limit is cut depends
        # on the machine's speed, so only the absence of an escape is asserted
        with limits.time_limit(0.0002 * (k % 5)):
            sum(range(3000 * (k % 7)))


def test_a_long_word_in_capitals_parses_quickly(monkeypatch):
    monkeypatch.setenv(limits.ENV_NOTE_SECONDS, "1")
    result = parse_text("1 See NATIONALARCHIVESOFHUNGARYBUDAPESTXX, fond 276.\n2 Ibid.\n")
    assert not any(d.code == "parse-note-time" for d in result.diagnostics)
