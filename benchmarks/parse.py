"""Benchmark of the learned parser: speed, model load, memory, and footcite beside refextract.

    .venv/bin/python benchmarks/parse.py [--runs 5] [--no-refextract]

Speed is parsing alone (`parse_note` on notes already extracted), on one core, every cache
emptied before each run so that no run profits from the one before; the figure is the median
of the runs. Memory is the peak RSS of a fresh process that loads the models and parses every
note. refextract (an optional dev dependency) reads the same notes; both are scored by how many
citations each note yields against the gold count (the only measure refextract's output
allows), and footcite also by exact citation spans and fields (`footcite evaluate`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.bekes_expected import COMMENTARY_ONLY, EXPECTED  # noqa: E402

from footcite.extract.document import extract  # noqa: E402
from footcite.model import Note  # noqa: E402
from footcite.parse import features, ruleguess, segment, tagger, tokens, units  # noqa: E402
from footcite.parse.corpus import corpus_files, read_all, split  # noqa: E402
from footcite.parse.note import parse_note  # noqa: E402
from footcite.textio import read_text  # noqa: E402

BEKES = ROOT / "examples" / "bekes-2002.txt"
CACHES = (
    segment.evidence,
    segment.is_prose,
    units._split_units,
    ruleguess.field_labels,
    tokens.word_features,
    tokens.shape,
)


def _clear() -> None:
    for fn in CACHES:
        fn.cache_clear()
    seg_class = getattr(features, "segment_class", None)
    if seg_class is not None:
        seg_class.cache_clear()


def speed(notes: list[Note], runs: int) -> tuple[float, float]:
    """Median notes per second of `parse_note` over `runs` cold runs: (wall clock, CPU time).

    CPU time of this process is what one core spends; on a shared machine the wall clock
    also counts the time other processes held the core.
    """
    parse_note(notes[0])  # models loaded outside the timing
    wall, cpu = [], []
    for _ in range(runs):
        _clear()
        started, cpu_started = time.perf_counter(), time.process_time()
        for note in notes:
            parse_note(note)
        wall.append(len(notes) / (time.perf_counter() - started))
        cpu.append(len(notes) / (time.process_time() - cpu_started))
    return statistics.median(wall), statistics.median(cpu)


def load_time(runs: int) -> float:
    """Median seconds to open both models and tag a first note."""
    times = []
    for _ in range(runs):
        tagger.reset()
        started = time.perf_counter()
        parse_note(Note(number=1, text="Ibid., p. 5."))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


_CHILD = """
import time
started = time.perf_counter()
import resource, sys, json
from footcite.model import Note
from footcite.parse.note import parse_note
parse_note(Note(number=1, text="Ibid., p. 5."))
cold = time.perf_counter() - started
texts = json.load(sys.stdin)
for i, t in enumerate(texts):
    parse_note(Note(number=i + 1, text=t))
print(cold, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def cold_start_and_memory(texts: list[str]) -> tuple[float, float]:
    """A fresh interpreter: seconds to import footcite, load the models and parse one note;
    then its peak RSS (MB) after parsing every note."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    cold, rss = out.stdout.split()[-2:]
    return float(cold), int(rss) / 1024


def count_scores(found: list[int], gold: list[int]) -> dict[str, float]:
    """Precision/recall/F1 of how many citations each note yields against the gold count."""
    tp = sum(min(f, g) for f, g in zip(found, gold, strict=True))
    p = tp / sum(found) if sum(found) else 1.0
    r = tp / sum(gold) if sum(gold) else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}


def refextract_counts(texts: list[str]) -> tuple[list[int], float] | None:
    try:
        from refextract import extract_references_from_string
    except ImportError:
        return None
    started = time.perf_counter()
    counts = [len(extract_references_from_string(t)) for t in texts]
    return counts, len(texts) / (time.perf_counter() - started)


def bekes() -> tuple[list[Note], list[int]]:
    doc = extract(read_text(BEKES))
    notes = list(doc.notes)
    gold = [len(EXPECTED.get(n.number, [])) for n in notes]
    return notes, gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-refextract", action="store_true")
    ap.add_argument("--models", type=Path, help="models to time instead of the shipped ones")
    ap.add_argument("--speed-only", action="store_true", help="only the notes/s figures")
    args = ap.parse_args(argv)
    if args.models:
        tagger.use_models(args.models)
    held = split(read_all(corpus_files()))[1]
    held_notes = [Note(number=i + 1, text=n.text) for i, n in enumerate(held)]
    held_gold = [len(n.cites) for n in held]
    b_notes, b_gold = bekes()
    print(f"footcite parse benchmark, {args.runs} cold runs, median")
    print(f"  held-out corpus notes: {len(held_notes)}; Békés notes: {len(b_notes)}")
    for label, notes in (("held-out notes", held_notes), ("Békés notes", b_notes)):
        wall, cpu = speed(notes, args.runs)
        print(f"  speed, {label:<15}: {wall:8.0f} notes/s wall clock, {cpu:8.0f} notes/s CPU time")
    if args.speed_only:
        return 0
    print(f"  model load + 1st note : {load_time(args.runs) * 1000:8.1f} ms")
    texts = [n.text for n in held_notes + b_notes]
    colds, rss = zip(*(cold_start_and_memory(texts) for _ in range(3)), strict=True)
    print(f"  import + load + 1st   : {statistics.median(colds) * 1000:8.1f} ms (fresh process)")
    print(f"  peak memory (RSS)     : {max(rss):8.1f} MB")
    rows = []
    for name, notes, gold in (("held-out", held_notes, held_gold), ("Békés", b_notes, b_gold)):
        ours = [len(parse_note(n)[0].citations) for n in notes]
        theirs = None if args.no_refextract else refextract_counts([n.text for n in notes])
        rows.append((name, gold, ours, theirs, notes))
    print("\ncitations per note against the gold count (count-matched P/R/F1)")
    print(f"  {'notes':<9} {'parser':<10} {'P':>6} {'R':>6} {'F1':>6}  invented in commentary")
    for name, gold, ours, theirs, _ in rows:
        for label, counts in (("footcite", ours), ("refextract", theirs[0] if theirs else None)):
            if counts is None:
                print(f"  {name:<9} {label:<10} (not installed: pip install refextract)")
                continue
            s = count_scores(counts, gold)
            invented = sum(c for c, g in zip(counts, gold, strict=True) if g == 0)
            print(
                f"  {name:<9} {label:<10} {s['precision']:6.3f} {s['recall']:6.3f} "
                f"{s['f1']:6.3f}  {invented}"
            )
    name, gold, ours, _, notes = rows[1]
    missing = [
        n.number
        for n, c, g in zip(notes, ours, gold, strict=True)
        if n.number <= 22 and n.number not in COMMENTARY_ONLY and c < g
    ]
    print(f"\nBékés notes 1-22: notes missing a citation: {missing or 'none'}")
    for name, _, _, theirs, _ in rows:
        if theirs:
            print(f"  refextract speed on {name}: {theirs[1]:.0f} notes/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
