"""Corpus-scale benchmark of `footcite batch`: documents/s, notes/s, peak memory, scaling.

    .venv/bin/python benchmarks/batch.py                          # everything (hours at 10^4)
    .venv/bin/python benchmarks/batch.py scaling --size 1000      # local and Dask, 1 and 2 workers
    .venv/bin/python benchmarks/batch.py sizes --sizes 100 1000 10000 --workers 2
    .venv/bin/python benchmarks/batch.py report                   # results.md from results.json

Corpora come from `benchmarks/corpus.py` (made once, kept in --corpus-dir). Every run is a
fresh batch (empty output folder, nothing cached) in its own process, so that its peak memory
is its own: the resident memory of the driver and of every process under it (pool workers,
Dask nannies and workers), summed and sampled every 0.2 s. Seconds are per stage as the batch
reports them: parse (read, parse, audit, blocking keys, cache), dedup (shuffle, score, union,
split, merge) and write. Parse throughput is documents (and notes) parsed per second of the
parse stage; end-to-end throughput is per second of the whole batch. Repeated runs give
medians. Raw figures go to results.json, the table to results.md, with the machine described.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
CONFIGS = [("local", 1), ("local", 2), ("dask", 1), ("dask", 2)]


def _tree(cpu: dict[int, float]) -> int:
    """Resident bytes of this process and all under it; their CPU seconds go into `cpu`."""
    import psutil

    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
            times = p.cpu_times()
            cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
    return total


def one(corpus: Path, out: Path, engine: str, workers: int) -> dict[str, Any]:
    """One fresh batch, measured; runs in its own process (see `--one`)."""
    from footcite.batch import Options, run_batch

    peak = [0]
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                peak[0] = max(peak[0], _tree(cpu))
            except ImportError:
                return
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    load_before = os.getloadavg()[0]
    thread.start()
    shutil.rmtree(out, ignore_errors=True)
    summary = run_batch(Options(corpus, out, workers=workers, engine=engine, progress=False))
    stop.set()
    thread.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    sec = summary.seconds
    return {
        "engine": engine,
        "workers": workers,
        "documents": summary.documents,
        "failed": len(summary.failed),
        "notes": summary.notes,
        "citations": summary.citations,
        "references": summary.references,
        "parse_s": sec["parse"],
        "dedup_s": sec["dedup"],
        "write_s": sec["write"],
        "total_s": sec["total"],
        "peak_mib": max(peak[0], own + kids) / 2**20,
        "driver_peak_mib": own / 2**20,
        "cpu_s": sum(cpu.values()),
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def _corpus(size: int, root: Path) -> Path:
    path = root / f"docs-{size}"
    if not (path / ".complete").exists():
        sys.path.insert(0, str(HERE))
        from corpus import make_corpus

        shutil.rmtree(path, ignore_errors=True)
        t0 = time.perf_counter()
        notes = make_corpus(path, size)
        (path / ".complete").write_text(str(notes))
        print(f"made {size} documents ({notes} notes) in {time.perf_counter() - t0:.0f} s")
    return path


def _run(size: int, engine: str, workers: int, args: argparse.Namespace) -> dict[str, Any]:
    corpus = _corpus(size, args.corpus_dir)
    out = args.corpus_dir / f"out-{size}-{engine}-{workers}"
    cmd = [sys.executable, __file__, "--one", str(corpus), str(out), engine, str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"run failed: {' '.join(cmd)}\n{done.stderr[-3000:]}")
    row = json.loads(done.stdout.strip().splitlines()[-1])
    row["size"] = size
    print(json.dumps(row), flush=True)
    shutil.rmtree(out, ignore_errors=True)
    return row


def _median(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out = dict(rows[0])
    for key, value in rows[0].items():
        if isinstance(value, float):
            out[key] = statistics.median(r[key] for r in rows)
    out["repeats"] = len(rows)
    return out


def _load() -> dict[str, Any]:
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def _save(data: dict[str, Any]) -> None:
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    (HERE / "results.md").write_text(report(data))


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    try:
        import dask

        dask_version = dask.__version__
    except ImportError:
        dask_version = "not installed"
    from footcite import __version__

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "footcite": __version__,
        "dask": dask_version,
        "date": time.strftime("%Y-%m-%d"),
    }


def _row(r: dict[str, Any]) -> str:
    parse_dps = r["documents"] / r["parse_s"]
    load = "–".join(f"{x:.1f}" for x in r["load"]) if "load" in r else "?"
    cpu = f"{r['cpu_s']:,.0f}" if "cpu_s" in r else "–"
    return (
        f"| {r['size']:,} | {r['engine']} | {r['workers']} | {r['notes']:,} | {r['references']:,} "
        f"| {r['parse_s']:.1f} | {parse_dps:.1f} | {r['notes'] / r['parse_s']:,.0f} "
        f"| {r['dedup_s']:.1f} | {r['write_s']:.1f} | {r['total_s']:.1f} "
        f"| {r['documents'] / r['total_s']:.1f} | {r['notes'] / r['total_s']:,.0f} "
        f"| {r['peak_mib']:,.0f} | {cpu} | {load} | {r.get('repeats', 1)} |"
    )


HEAD = (
    "| documents | engine | workers | notes | references | parse s | parse docs/s "
    "| parse notes/s | dedup s | write s | total s | docs/s | notes/s | peak MiB | CPU s "
    "| load | runs |\n"
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def report(data: dict[str, Any]) -> str:
    m = data.get("machine") or machine()
    lines = [
        "# `footcite batch` benchmark",
        "",
        "Made by `benchmarks/batch.py` (see its docstring for what is measured); synthetic",
        "corpora by `benchmarks/corpus.py` (about 50 notes a paper). Peak memory is the resident",
        "memory of the driver and every worker process, summed. CPU s is the processor time of",
        "the driver and its workers (sampled with the memory); load is the machine's 1-minute",
        "load average before and after the run (the 2 cores are shared with whatever else runs:",
        "a load above 2 means the batch did not have the cores to itself, and its wall-clock",
        "figures understate it).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; "
        f"Python {m['python']}; footcite {m['footcite']}; Dask {m['dask']}; {m['date']}.",
        "",
    ]
    scaling = data.get("scaling") or []
    if scaling:
        lines += ["## Scaling from 1 to 2 workers", "", HEAD, *(_row(r) for r in scaling), ""]
        for engine in ("local", "dask"):
            by = {r["workers"]: r for r in scaling if r["engine"] == engine}
            if 1 in by and 2 in by:
                ratio = (by[2]["documents"] / by[2]["parse_s"]) / (
                    by[1]["documents"] / by[1]["parse_s"]
                )
                whole = by[1]["total_s"] / by[2]["total_s"]
                line = (
                    f"* {engine}: parse throughput x{ratio:.2f} with 2 workers "
                    f"(end to end x{whole:.2f})"
                )
                if "cpu_s" in by[1] and "cpu_s" in by[2]:
                    extra = by[2]["cpu_s"] / by[1]["cpu_s"] - 1
                    line += (
                        f"; processor time {by[1]['cpu_s']:,.0f} s with 1 worker, "
                        f"{by[2]['cpu_s']:,.0f} s with 2 ({extra:+.0%})"
                    )
                lines.append(line + ".")
        lines.append("")
    sizes = data.get("sizes") or []
    if sizes:
        lines += ["## Corpus sizes", "", HEAD, *(_row(r) for r in sizes), ""]
    if data.get("notes"):
        lines += ["## Notes", "", *data["notes"], ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--one"]:
        corpus, out, engine, workers = argv[1:5]
        print(json.dumps(one(Path(corpus), Path(out), engine, int(workers))))
        return 0
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("what", nargs="?", choices=["all", "scaling", "sizes", "report"], default="all")
    p.add_argument("--size", type=int, default=1000, help="documents for the scaling runs")
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    p.add_argument("--engine", default="local", help="engine of the size runs")
    p.add_argument("--workers", type=int, default=2, help="workers of the size runs")
    p.add_argument("--repeat", type=int, default=1, help="runs of each scaling configuration")
    p.add_argument("--corpus-dir", type=Path, default=Path("/tmp/footcite-bench"))
    args = p.parse_args(argv)
    data = _load()
    data["machine"] = machine()
    if args.what in ("all", "scaling"):
        rows = []
        for engine, workers in CONFIGS:
            runs = [_run(args.size, engine, workers, args) for _ in range(args.repeat)]
            rows.append(_median(runs))
        data["scaling"] = rows
        _save(data)
    if args.what in ("all", "sizes"):
        kept = [r for r in data.get("sizes", []) if r["size"] not in args.sizes]
        for size in args.sizes:
            kept.append(_median([_run(size, args.engine, args.workers, args)]))
            data["sizes"] = sorted(kept, key=lambda r: r["size"])
            _save(data)
    _save(data)
    print((HERE / "results.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
