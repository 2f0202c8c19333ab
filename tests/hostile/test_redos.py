"""Issue #7: the regular expressions of the parse path stay linear on hostile lines.

`benchmarks/redos.py` is the full check (every pattern, 1 MB lines, minutes). This keeps the
patterns and helpers it once reported as too slow from coming back, in a few seconds: each
meets a 200,000-character line of the kind that made it quadratic. A linear pass takes
milliseconds and the quadratic one took minutes, so the bound of two seconds separates them
without being a fine timing test; the time limit stops a regression instead of hanging.

The helpers that replace a `re.sub` by linear code are also compared with that `re.sub` on
random text: they must give the same result, so that the parser's output does not change.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import pytest

from footcite import limits
from footcite.extract import calls, lines
from footcite.parse import archival, fields, locators, segment, segments, tocsl, units
from footcite.parse import lexicon as lx

SIZE = 200_000
SECONDS = 2.0


def _within_bound(work: Callable[[], object]) -> None:
    started = time.perf_counter()
    with limits.time_limit(SECONDS) as limit:
        work()
    elapsed = time.perf_counter() - started
    assert not limit.exceeded and elapsed < SECONDS, f"took {elapsed:.2f} s or more"


def _line(unit: str, end: str = "\x00") -> str:
    return unit * (SIZE // len(unit)) + end


PATTERNS = {
    "segment._LOCATOR_END": (segment._LOCATOR_END, ["1", "1 ", "p. 1 "]),
    "segment._BACKREF_UNIT": (segment._BACKREF_UNIT, ["A", "A ", "Ab, "]),
    "fields._NAMED": (fields._NAMED, ["A", "A ", "Ab, "]),
    "segments._BRACKETED_ROLE": (segments._BRACKETED_ROLE, [" ", ", ", " (ed"]),
    "lexicon.REPOSITORY_NAME": (lx.REPOSITORY_NAME, ["A", "A ", "of ", "A.B."]),
    "locators._SUFFIX_FORM": (locators._SUFFIX_FORM, ["1", " ", "1 ", ", ", "1.", "1-"]),
    "units._NEXT_WORD": (units._NEXT_WORD, [")", "”", " "]),
    "units._LOWER_NEXT": (units._LOWER_NEXT, [" "]),
    "calls._AFTER_STOP": (calls._AFTER_STOP, [")", "’", "1"]),
    "calls._LEADING_MARKER": (calls._LEADING_MARKER, [")", "’", "1"]),
    "lines._COVER_LINE": (lines._COVER_LINE, ["1", "1 ", " "]),
    "tocsl._ROLE_AFTER": (tocsl._ROLE_AFTER, [" ", ", ", "ed ", ","]),
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_search_with_the_pattern_is_linear_on_hostile_lines(name):
    pattern, hostile = PATTERNS[name]
    for unit in hostile:
        for end in ("\x00", "!"):
            text = _line(unit, end)
            _within_bound(lambda pattern=pattern, text=text: pattern.findall(text))


@pytest.mark.parametrize(
    ("name", "work"),
    [
        ("fold", lambda: lines.fold(["co-"] * (SIZE // 4) + ["a b"] * (SIZE // 4))),
        ("without brackets", lambda: archival._without_brackets(_line("("))),
        ("without brackets, lines", lambda: archival._without_brackets(_line("(\n") + ")")),
        ("role in brackets", lambda: segments._role_in_brackets(_line(", "))),
        ("without roles", lambda: tocsl._without_roles(_line(", ", "x"))),
        ("sentence ends", lambda: units.split_units(_line(". A"))),
        ("segments after initials", lambda: segments.split_segments(_line("H. "))),
        ("segments after roman numerals", lambda: segments.split_segments(_line("a I. "))),
    ],
)
def test_the_linear_helpers_are_linear(name, work):
    _within_bound(work)


def _random_texts(atoms: list[str], count: int = 4000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(atoms) for _ in range(rng.randint(0, 10))) for _ in range(count)]


def test_without_brackets_is_the_substitution_it_replaces():
    spec = re.compile(r"\s*\(.*?\)")
    atoms = ["(", ")", " ", "\n", "a", "B", "\t", "((", "(x)", "  ", "\u2003", "Archiv"]
    for text in _random_texts(atoms):
        assert archival._without_brackets(text) == spec.sub("", text), text


def test_role_in_brackets_is_the_substitution_it_replaces():
    spec = re.compile(r"[\s,;]*\s(\((?:eds?|Eds?|szerk|Hrsg|red|dir)\.?\))\s+")
    atoms = [" ", ",", ";", "\n", "(ed.)", "(eds)", "(szerk.)", "(Hrsg.)", "x", "(", ")", ", "]
    for text in _random_texts(atoms):
        assert segments._role_in_brackets(text) == spec.sub(r". \1 ", text), text


def test_without_roles_is_the_substitution_it_replaces():
    # the role word after the names starts a word ("Alfred", "Byford" keep their ends)
    spec = re.compile(tocsl._ROLE_BEFORE.pattern + "|" + r"(?:[\s,]+\(?|\()(?:eds?|Eds?|szerk|"
                      r"Hrsg|red|dir|éd|sost|ford|trans|Trans)\.?\)?[\s,:]*$")  # fmt: skip
    atoms = [" ", ",", ":", "ed", "eds", ".", "(", ")", "by", "Edited by", "\n", "A", ", ", "red"]
    for text in _random_texts(atoms):
        assert tocsl._without_roles(text) == spec.sub("", text), text


def test_the_suffix_locator_guard_keeps_the_leftmost_match():
    spec = re.compile(
        r"(?P<sep>[,.:;]?\s*)(?P<value>\d+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?)\.?\s*"
        r"(?P<label>pp\.|p\.|o\.|old\.)\s*\.{0,2}\s*$"
    )
    atoms = [" ", ",", ".", ":", ";", "1", "23", "-", "pp.", "p.", "o.", "old.", "a", "\n", "  "]
    for text in _random_texts(atoms, count=8000):
        want, got = spec.search(text), locators._SUFFIX_FORM.search(text)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def test_fold_still_joins_hyphenated_words_and_keeps_other_hyphens():
    assert lines.fold(["co-", "operation and", "Anglo-", "American"]) == (
        "co-operation and Anglo- American"
    )
    assert lines.fold(["a-", "b-", "c", "", "  d  e "]) == "a-b-c d e"
    # the end the next line is glued to includes the space before a one-character line
    assert lines.fold(["a", "-", "b"]) == "a - b"
