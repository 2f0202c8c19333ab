"""ReDoS check: every regular expression on footcite's parse path against 1 MB adversarial lines.

    .venv/bin/python benchmarks/redos.py                 # the full check (a few minutes)
    .venv/bin/python benchmarks/redos.py --size 100000   # quicker
    .venv/bin/python benchmarks/redos.py --json redos.json

The patterns are found two ways: every compiled pattern held by a module of the parse path
(textio, extract, parse, the format readers), and every pattern compiled on the fly while the
pipeline parses the bundled papers and the readers read sample files (caught by wrapping
`re._compile`). Each pattern meets adversarial lines: runs of one character or of a short unit
(generic ones like "A. " and "1" plus the literals of the pattern itself), ended by a character
that makes a match fail late. It is run with `findall` (a match tried at every position, as
`search` and `finditer` do) under a time limit that interrupts it (see `footcite.limits`).

A pattern passes ("linear") at 1 MB when every line takes at most `--budget` seconds. A
pattern slower than that is not always a bug: footcite never gives a regular expression a line
longer than `textio.MAX_LINE_CHARS` nor a note longer than `limits.MAX_NOTE_CHARS`, folds runs
of white space into one space and removes control characters, and a note that still runs long
is stopped by the note time limit. So a pattern that fails at 1 MB is measured again on every
adversarial line as the parse stage can receive it (`reachable`) at the bound (`--bound`, the
note bound): "bounded" when it is within budget there, "TOO SLOW" when not. For the slow ones
the longest line of the worst kind that stays within budget is printed as well. TOO SLOW
patterns make the check fail (exit 1): each is a bug to fix in its module (until then the note
time limit is what holds). The end-to-end part runs the whole pipeline on each 1 MB line and
checks that it finishes within `--e2e-budget`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footcite import limits  # noqa: E402

PACKAGES = ("footcite.extract", "footcite.parse")
MODULES = (
    "footcite.textio",
    "footcite.formats.bibtex",
    "footcite.formats.bibtex_fields",
    "footcite.formats.bibtex_names",
    "footcite.formats.ris",
    "footcite.formats.ris_fields",
    "footcite.formats.csljson",
    "footcite.formats.common",
    "footcite.formats.latex",
    "footcite.formats.citekeys",
)
GENERIC_UNITS = (
    " ", "a", "A", "1", ".", ",", "-", "(", ")", "[", '"', "“", "é", "/", ":", ";", "\t", "'",
    "a ", "A.", "1 ", ". ", ", ", "a-", "1-", "A. ", "Ab ", "a, ", "1, ", "p. 1, ", "Ibid. ",
    "Vol. ", "in: ", "(1", "A.B.", "1956-", "a/", "“a” ", "{", "}", "\\", "%", "@a{",
)  # fmt: skip
TERMINATORS = ("\x00", "!")
PER_ORIGIN = 2
"""Patterns built at run time from data (one per note number, say) differ only in that data:
the first few of one origin stand for the rest."""


@dataclass
class Measure:
    """The worst adversarial line found for one pattern."""

    origin: str
    pattern: str
    flags: int
    worst_unit: str = ""
    seconds_at_size: float = 0.0
    cut: bool = False
    seconds_at_bound: float | None = None
    cut_at_bound: bool = False
    verdict: str = "linear"
    families: int = 0
    safe_length: int = 0


@dataclass
class Report:
    size: int
    bound: int
    budget: float
    patterns: list[Measure] = field(default_factory=list)
    e2e: list[dict[str, object]] = field(default_factory=list)


# --- collecting the patterns -----------------------------------------------------------------


def _modules() -> Iterator[object]:
    for name in MODULES:
        yield importlib.import_module(name)
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            yield importlib.import_module(f"{package}.{info.name}")


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif depth < 2 and isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def static_patterns() -> dict[tuple[str, int], str]:
    found: dict[tuple[str, int], str] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for pattern in _patterns_in(value):
                found.setdefault((pattern.pattern, pattern.flags), f"{module.__name__}.{name}")
    return found


def dynamic_patterns() -> dict[tuple[str, int], str]:
    """Patterns compiled while footcite does its work (`re.search(r"...", s)` in a function)."""
    found: dict[tuple[str, int], str] = {}
    original = re._compile  # type: ignore[attr-defined]

    def spy(pattern, flags):  # type: ignore[no-untyped-def]
        compiled = original(pattern, flags)
        if isinstance(pattern, str):
            frame = sys._getframe(1)
            while frame is not None and frame.f_globals.get("__name__", "").startswith("re"):
                frame = frame.f_back
            where = frame.f_globals.get("__name__", "?") if frame is not None else "?"
            if where.startswith("footcite"):
                line = frame.f_lineno if frame is not None else 0
                found.setdefault((compiled.pattern, compiled.flags), f"{where}:{line}")
        return compiled

    re._compile = spy  # type: ignore[attr-defined]
    try:
        _exercise()
    finally:
        re._compile = original  # type: ignore[attr-defined]
    return found


def _exercise() -> None:
    from footcite.formats.bibtex import read_bibtex, write_bibtex
    from footcite.formats.ris import read_ris, write_ris
    from footcite.pipeline import parse_text, run

    papers = sorted((ROOT / "examples").glob("*.txt"))
    result = run(papers)
    items = [r.to_csl() for r in result.references]
    read_bibtex(write_bibtex(items, dialect="biblatex").text)
    read_ris(write_ris(items).text)
    for unit in GENERIC_UNITS:
        parse_text(f"1 {unit * 50}\n2 Ibid.\n")


# --- adversarial lines -----------------------------------------------------------------------


def _literals(pattern: str, flags: int) -> list[str]:
    """Runs of literal characters in the pattern: what it is looking for."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern, flags)
    except Exception:
        return []
    out: list[str] = []

    def walk(items) -> None:  # type: ignore[no-untyped-def]
        run: list[str] = []
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                run.append(chr(arg))
                continue
            if run:
                out.append("".join(run))
                run = []
            if name in ("SUBPATTERN",):
                walk(arg[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(arg[2])
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1])
            elif name == "IN":
                chars = [chr(a) for o, a in arg if str(o) == "LITERAL"]
                if chars:
                    out.append(chars[0])
        if run:
            out.append("".join(run))

    walk(tree)
    seen: list[str] = []
    for lit in out:
        lit = lit[:12]
        if lit and lit not in seen:
            seen.append(lit)
    return seen[:12]


def units_for(pattern: str, flags: int) -> list[str]:
    derived = _literals(pattern, flags)
    units = list(GENERIC_UNITS)
    for lit in derived:
        for unit in (lit, lit + " ", lit + "a", " " + lit):
            if unit not in units:
                units.append(unit)
    return units


def line_of(unit: str, size: int, terminator: str) -> str:
    return (unit * (size // len(unit) + 1))[: size - 1] + terminator


_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def reachable(line: str) -> str:
    """The line as the parse stage can receive it: textio removes control characters and the
    note splitter folds every run of white space into one space."""
    return _SPACES.sub(" ", _CONTROL.sub("", line))


def _run(compiled: re.Pattern[str], text: str, budget: float) -> tuple[float, bool]:
    started = time.perf_counter()
    with limits.time_limit(budget) as limit:
        compiled.findall(text)  # tries a match at every position, as search and finditer do
    return time.perf_counter() - started, limit.exceeded


def measure(origin: str, pattern: str, flags: int, size: int, bound: int, budget: float) -> Measure:
    """The worst adversarial line for a pattern at `size`; for a pattern over budget there,
    also the longest line it handles within budget and its worst time at `bound`."""
    compiled = re.compile(pattern, flags)
    result = Measure(origin, pattern, flags)
    units = units_for(pattern, flags)
    for unit in units:
        for terminator in TERMINATORS if unit not in GENERIC_UNITS else TERMINATORS[:1]:
            result.families += 1
            seconds, cut = _run(compiled, line_of(unit, size, terminator), budget)
            if cut or seconds > result.seconds_at_size:
                result.worst_unit, result.seconds_at_size, result.cut = (
                    unit + terminator,
                    seconds,
                    cut,
                )
            if cut:
                break  # super-linear: the worst line is found, the rest would only take time
        if result.cut:
            break
    if not result.cut and result.seconds_at_size <= budget:
        result.safe_length = size
        return result
    unit, terminator = result.worst_unit[:-1], result.worst_unit[-1]
    length = 1000
    while length < size:
        seconds, cut = _run(compiled, line_of(unit, length, terminator), budget)
        if cut or seconds > budget:
            break
        result.safe_length = length
        length *= 2
    worst, cut_any = 0.0, False
    for candidate in dict.fromkeys([unit, *units]):
        line = reachable(line_of(candidate, bound, "!"))
        seconds, cut = _run(compiled, line, budget)
        worst = max(worst, seconds)
        if cut:
            cut_any = True
            break
    result.seconds_at_bound = worst
    result.cut_at_bound = cut_any
    result.verdict = "TOO SLOW" if cut_any or worst > budget else "bounded"
    return result


def end_to_end(size: int, budget: float) -> list[dict[str, object]]:
    """The whole pipeline on one adversarial 1 MB line per generic unit."""
    from footcite.diagnostics import FootciteError
    from footcite.pipeline import parse_text

    rows: list[dict[str, object]] = []
    for unit in GENERIC_UNITS:
        for text in (line_of(unit, size, "\n"), "1 " + line_of(unit, size, "\n") + "2 Ibid.\n"):
            started = time.perf_counter()
            outcome = "ok"
            try:
                parse_text(text, "adversarial")
            except FootciteError as exc:
                outcome = f"error: {exc}"[:80]
            seconds = time.perf_counter() - started
            rows.append(
                {
                    "unit": unit,
                    "note": text.startswith("1 "),
                    "seconds": round(seconds, 3),
                    "outcome": outcome,
                    "within_budget": seconds <= budget,
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--size", type=int, default=1_000_000, help="adversarial line length")
    p.add_argument(
        "--bound", type=int, default=limits.MAX_NOTE_CHARS, help="length the pipeline bounds to"
    )
    p.add_argument("--budget", type=float, default=1.0, help="seconds per pattern and line")
    p.add_argument("--e2e-budget", type=float, default=limits.NOTE_SECONDS * 4 + 30)
    p.add_argument("--no-e2e", action="store_true", help="skip the end-to-end part")
    p.add_argument("--json", metavar="FILE", help="write the figures here")
    p.add_argument("--only", metavar="REGEX", help="only patterns whose origin matches")
    args = p.parse_args(argv)
    patterns = static_patterns()
    for key, origin in dynamic_patterns().items():
        patterns.setdefault(key, origin)
    report = Report(args.size, args.bound, args.budget)
    started = time.perf_counter()
    per_origin: dict[str, int] = {}
    for (pattern, flags), origin in sorted(patterns.items(), key=lambda kv: kv[1]):
        if args.only and not re.search(args.only, origin):
            continue
        per_origin[origin] = per_origin.get(origin, 0) + 1
        if per_origin[origin] > PER_ORIGIN:
            continue
        m = measure(origin, pattern, flags, args.size, args.bound, args.budget)
        report.patterns.append(m)
        shown = f"{m.seconds_at_size:7.3f}s{'+' if m.cut else ' '}"
        at_bound = (
            f" at {args.bound:,}: {m.seconds_at_bound:.3f}s{'+' if m.cut_at_bound else ''}, "
            f"within budget up to {m.safe_length:,}"
            if m.seconds_at_bound is not None
            else ""
        )
        print(f"{m.verdict:9} {shown} {m.origin:55} {m.worst_unit!r:14}{at_bound}", flush=True)
    if not args.no_e2e:
        report.e2e = end_to_end(args.size, args.e2e_budget)
        slowest = max(report.e2e, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
        print(f"end to end: {len(report.e2e)} lines of {args.size:,} characters, slowest "
              f"{slowest['seconds']} s ({slowest['unit']!r}, note={slowest['note']})")  # fmt: skip
    counts = {v: sum(1 for m in report.patterns if m.verdict == v) for v in
              ("linear", "bounded", "TOO SLOW")}  # fmt: skip
    families = sum(m.families for m in report.patterns)
    print(
        f"{len(report.patterns)} patterns, {families} adversarial lines of {args.size:,} "
        f"characters each: {counts['linear']} within {args.budget} s at full size, "
        f"{counts['bounded']} within it at the bound of {args.bound:,} (the pipeline never "
        f"passes longer), {counts['TOO SLOW']} too slow; {time.perf_counter() - started:.0f} s"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=1, ensure_ascii=False))
    e2e_ok = all(bool(r["within_budget"]) for r in report.e2e)
    return 0 if counts["TOO SLOW"] == 0 and e2e_ok else 1


if __name__ == "__main__":
    sys.exit(main())
