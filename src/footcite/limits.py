"""Bounds on the work one input can cause: per-note isolation and time limits.

footcite parses text from strangers with many regular expressions; a few of them are slower
than linear on contrived text (see benchmarks/redos.py), and a bug in one parser rule must not
cost the other notes. So the pipeline runs each stage through this module:

* `parse_notes` parses note by note; a note that raises becomes a diagnostic naming it and is
  kept with no citations, a note longer than `MAX_NOTE_CHARS` is kept unparsed, a note that
  takes longer than `NOTE_SECONDS` is stopped, and once a document has used
  `DOCUMENT_SECONDS` its remaining notes are kept unparsed (one diagnostic says how many);
* `within_limit` runs a whole stage (the extraction of notes) under a time limit and turns an
  overrun into a `LimitError`, which the CLI reports as exit code 2.

Time limits use SIGALRM (CPython's regular expression engine checks for signals, so a
runaway match is interrupted too). They are active only where that is safe: on the main
thread of a platform with `setitimer`, when no one else uses SIGALRM. Elsewhere only the size
bounds apply. A host that needs SIGALRM itself (libFuzzer does) can move the limits to the
CPU-time timer with `use_timer("cpu")`.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import TypeVar

import attrs

from footcite import diagnostics as diag
from footcite.diagnostics import LimitError
from footcite.model import Note

T = TypeVar("T")

MAX_NOTE_CHARS = 20_000
"""A footnote of a printed page is under 3,000 characters; a longer "note" is a run of text
the note splitter could not cut, and parsing it would only produce noise."""
NOTE_SECONDS = 5.0
"""A note parses in milliseconds; five seconds is a thousand times that."""
DOCUMENT_SECONDS = 120.0
"""A 5,000-note book parses in under 30 seconds."""
ENV_NOTE_SECONDS = "FOOTCITE_NOTE_SECONDS"
ENV_DOCUMENT_SECONDS = "FOOTCITE_DOCUMENT_SECONDS"
"""Environment variables that change the two time limits (seconds, a positive number)."""


def _seconds(env: str, default: float) -> float:
    raw = os.environ.get(env)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default


def note_seconds() -> float:
    """The time limit for parsing one note: `NOTE_SECONDS` or $FOOTCITE_NOTE_SECONDS."""
    return _seconds(ENV_NOTE_SECONDS, NOTE_SECONDS)


def document_seconds() -> float:
    """The time limit for one document: `DOCUMENT_SECONDS` or $FOOTCITE_DOCUMENT_SECONDS."""
    return _seconds(ENV_DOCUMENT_SECONDS, DOCUMENT_SECONDS)


class Overtime(BaseException):
    """Raised by the alarm inside the code being limited.

    It derives from BaseException so that the `except Exception` of the code it interrupts
    (parse_note keeps a note's other citations that way) cannot swallow it.
    """

    def __init__(self, token: object) -> None:
        super().__init__("time limit")
        self.token = token


@attrs.define
class _Limit:
    deadline: float
    exceeded: bool = False
    closing: bool = False
    token: object = attrs.field(factory=object)


_active: list[_Limit] = []
_TIMERS = {"wall": ("ITIMER_REAL", "SIGALRM"), "cpu": ("ITIMER_VIRTUAL", "SIGVTALRM")}
_timer = _TIMERS["wall"]


def use_timer(kind: str) -> None:
    """ "wall" (SIGALRM, the default) or "cpu" (SIGVTALRM: user CPU time of the process)."""
    global _timer
    if _active:
        raise RuntimeError("the timer cannot change while a limit is running")
    _timer = _TIMERS[kind]


def _which() -> tuple[int, int]:
    return getattr(signal, _timer[0]), getattr(signal, _timer[1])


_REFIRE = 0.05
"""Should interrupted code swallow the first Overtime anyway, the alarm fires again."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if frame is not None and frame.f_code.co_filename == __file__:
        return  # in the bookkeeping of a limit that is ending; the alarm fires again if not
    now = _clock()
    for limit in _active:  # outermost first: unwind as far as needed
        if limit.deadline <= now and not limit.closing:
            raise Overtime(limit.token)


def _usable() -> bool:
    if not hasattr(signal, "setitimer") or not hasattr(signal, _timer[1]):
        return False
    timer, signum = _which()
    if threading.current_thread() is not threading.main_thread():
        return False
    if _active:
        return True
    handler = signal.getsignal(signum)
    timer_free = signal.getitimer(timer) == (0.0, 0.0)
    return handler == signal.SIG_DFL and timer_free


def _clock() -> float:
    """Seconds on the clock the timer counts: wall time, or this process's CPU time."""
    return time.monotonic() if _timer is _TIMERS["wall"] else time.process_time()


def _arm() -> None:
    timer, _ = _which()
    if not _active:
        signal.setitimer(timer, 0)
        return
    wait = min(limit.deadline for limit in _active) - _clock()
    signal.setitimer(timer, max(wait, 0.001), _REFIRE)


class time_limit:  # used like a function: `with time_limit(5) as limit:`
    """Run the block for at most `seconds`; afterwards `.exceeded` tells whether it was cut.

    Limits nest: an inner block never outlives the outer one, and when the outer limit passes
    the Overtime unwinds through the inner block to the outer one. A class, not a generator,
    so that the alarm can tell when it fires inside the bookkeeping here (and stays quiet
    there) instead of inside the limited code.
    """

    def __init__(self, seconds: float | None) -> None:
        self.limit = _Limit(_clock() + seconds if seconds is not None else float("inf"))
        self.armed = seconds is not None and _usable()
        self.first = False

    def __enter__(self) -> _Limit:
        if self.armed:
            _, signum = _which()
            self.first = not _active
            if self.first:
                signal.signal(signum, _on_alarm)
            _active.append(self.limit)
            _arm()
        return self.limit

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> bool:
        if not self.armed:
            return False
        self.limit.closing = True
        timer, signum = _which()
        _active.remove(self.limit)
        _arm()
        if self.first:
            signal.setitimer(timer, 0)
            signal.signal(signum, signal.SIG_DFL)
        if isinstance(exc, Overtime) and exc.token is self.limit.token:
            self.limit.exceeded = True
            return True
        return False


def within_limit(seconds: float | None, what: str, work: Callable[[], T]) -> T:
    """`work()`, or a `LimitError` saying that `what` took longer than `seconds`."""
    result: list[T] = []
    with time_limit(seconds) as limit:
        result.append(work())
    if limit.exceeded or not result:
        raise LimitError(
            f"{what} took longer than {seconds:.0f} s and was stopped; text this slow to read "
            "is not a paper's (very long lines or runs of one character?)"
        )
    return result[0]


ParseNote = Callable[[Note, str], tuple[Note, list[diag.Diagnostic]]]


def _where(note: Note, doc_key: str) -> str | None:
    return diag.place(note.document or doc_key, note=note.number)


def parse_notes(
    notes: Sequence[Note],
    doc_key: str,
    parse_note: ParseNote,
    *,
    note_limit: float | None = None,
    document_limit: float | None = None,
    max_note_chars: int | None = None,
) -> tuple[list[Note], list[diag.Diagnostic]]:
    """Every note parsed on its own: a note that fails, is too long or too slow is kept with
    no citations and a diagnostic naming it; the other notes are not affected."""
    per_note = note_seconds() if note_limit is None else note_limit
    per_document = document_seconds() if document_limit is None else document_limit
    max_chars = MAX_NOTE_CHARS if max_note_chars is None else max_note_chars
    out: list[Note] = []
    problems: list[diag.Diagnostic] = []
    skipped: list[int] = []
    started = time.monotonic()
    for note in notes:
        where = _where(note, doc_key)
        if skipped or time.monotonic() - started > per_document:
            skipped.append(note.number)
            out.append(note)
            continue
        if len(note.text) > max_chars:
            message = (
                f"the note is {len(note.text):,} characters long (more than {max_chars:,}); "
                "it is kept as text but not parsed: check where it should end"
            )
            problems.append(diag.error("parse-note-too-long", message, where))
            out.append(note)
            continue
        parsed: list[tuple[Note, list[diag.Diagnostic]]] = []
        remaining = per_document - (time.monotonic() - started)
        try:
            with time_limit(max(min(per_note, remaining), 0.001)) as limit:
                parsed.append(parse_note(note, doc_key))
        except Exception as exc:  # one bad note must not cost the others
            message = f"the note could not be parsed ({type(exc).__name__}: {exc}); kept as text"
            problems.append(diag.error("parse-note", message, where))
            out.append(note)
            continue
        if limit.exceeded or not parsed:
            message = (
                f"parsing the note took longer than {min(per_note, remaining):g} s and "
                "was stopped; it is kept as text without citations"
            )
            problems.append(diag.error("parse-note-time", message, where))
            out.append(note)
            continue
        note_out, found = parsed[0]
        out.append(note_out)
        problems.extend(found)
    if skipped:
        first = notes[0].document or doc_key
        message = (
            f"the document used up its {per_document:.0f} s for parsing; "
            f"{len(skipped)} note(s) from note {skipped[0]} on are kept as text, unparsed"
        )
        problems.append(diag.error("parse-document-time", message, first))
    return out, problems
