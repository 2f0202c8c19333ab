"""Deduplication benchmark: pairwise precision, recall, F1, seconds and peak memory by size.

    .venv/bin/python benchmarks/dedup.py                       # 10^4, 10^5, 10^6 references
    .venv/bin/python benchmarks/dedup.py --sizes 10000 100000  # chosen sizes
    .venv/bin/python benchmarks/dedup.py --one 10000           # one size, one JSON line

Each size runs in its own process, so that its peak resident memory (ru_maxrss, which
includes the synthetic corpus itself) is its own. The corpus (see `dedup_corpus.py`) has known
truth; seconds (wall and CPU: CPU time is the steadier figure on a shared machine) count
`footcite.dedup.engine.deduplicate` only (features, blocking, pairwise decisions, clustering,
merging, ids), not the making of the corpus. Pairwise figures count
pairs of references: a pair is true when both cite one work, predicted when both got one id.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup_corpus import Corpus

from footcite.dedup.engine import Record, deduplicate


def _pairs(sizes: Counter[object]) -> int:
    return sum(k * (k - 1) // 2 for k in sizes.values())


def pairwise(truth: list[int], predicted: list[str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 from two labelings of the same items."""
    tp = _pairs(Counter(zip(truth, predicted, strict=True)))
    pred = _pairs(Counter(predicted))
    true = _pairs(Counter(truth))
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(n: int, seed: int) -> dict[str, float]:
    t0 = time.perf_counter()
    corpus = Corpus(n, seed)
    made = time.perf_counter() - t0
    records = [Record(key=item["id"], fields=item) for item in corpus.items]
    gc.collect()
    gc.freeze()  # the corpus lives to the end: keep the collector from walking it again
    before = peak_mib()
    t1, c1 = time.perf_counter(), time.process_time()
    result = deduplicate(records)
    seconds, cpu = time.perf_counter() - t1, time.process_time() - c1
    p, r, f = pairwise(corpus.truth, list(result.record_refs))
    return {
        "n": n,
        "works": len(set(corpus.truth)),
        "references": len(result.items),
        "precision": p,
        "recall": r,
        "f1": f,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "compared": result.compared,
        "corpus_seconds": made,
        "corpus_mib": before,
        "peak_mib": peak_mib(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one", type=int, help="run one size in this process and print JSON")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed)))
        return 0
    rows = []
    header = (
        f"{'refs':>9} {'works':>8} {'found':>8} {'P':>7} {'R':>7} {'F1':>7} {'sec':>7} "
        f"{'cpu sec':>7} {'compared':>10} {'peak MiB':>8} {'corpus MiB':>10}"
    )
    print(header, flush=True)
    for n in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['n']:>9} {row['works']:>8} {row['references']:>8} {row['precision']:>7.4f} "
            f"{row['recall']:>7.4f} {row['f1']:>7.4f} {row['seconds']:>7.1f} "
            f"{row['cpu_seconds']:>7.1f} {row['compared']:>10} {row['peak_mib']:>8.0f} "
            f"{row['corpus_mib']:>10.0f}",
            flush=True,
        )
    by_n = {r["n"]: r for r in rows}
    if 100_000 in by_n and 1_000_000 in by_n:
        big, small = by_n[1_000_000], by_n[100_000]
        nlogn = (1e6 * math.log(1e6)) / (1e5 * math.log(1e5))
        print(
            f"time(10^6) / time(10^5) = {big['seconds'] / small['seconds']:.2f} wall, "
            f"{big['cpu_seconds'] / small['cpu_seconds']:.2f} cpu "
            f"(linear 10.0, n log n {nlogn:.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
