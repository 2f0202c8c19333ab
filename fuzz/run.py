"""Run the three fuzz harnesses side by side and report executions, slow inputs and crashes.

    .venv/bin/python fuzz/run.py --minutes 10            # the issue's run (atheris)
    .venv/bin/python fuzz/run.py --minutes 0.2           # a smoke run

Each harness runs in its own process with its own corpus (seeded by fuzz/seeds.py) under
`--work` (default: $TMPDIR/footcite-fuzz). A harness that crashes is restarted until the time
is up; every distinct crash (exception and place) is listed with the file that reproduces it
(`python fuzz/fuzz_<name>.py FILE` replays one). Without atheris the harnesses fall back to
hypothesis-generated inputs.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from seeds import HARNESSES, write_seeds  # noqa: E402

MAX_LEN = {"notes": 4096, "readers": 4096, "styles": 16384}
"""Input sizes: a few notes, a few references, a whole style (styles are 5-60 KB)."""
_EXECS = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_SLOW = re.compile(r"stat::slow_units:\s*(\d+)")
_CRASH_FILE = re.compile(r"Test unit written to (\S+)")


def _signature(log: str) -> str:
    """The kind of a crash: the exception and the innermost footcite frame, a timeout (an
    input that escaped footcite's time limit) or running out of memory."""
    if "libFuzzer: out-of-memory" in log:
        return "out of memory"
    if "=== Timeout" in log or "libFuzzer: timeout" in log:
        frames = [ln.strip() for ln in log.splitlines() if ln.strip().startswith('File "')]
        return f"timeout (slower than -timeout) at {frames[0] if frames else '?'}"
    lines = log.splitlines()
    exc = next((ln for ln in reversed(lines) if re.match(r"^\w+(Error|Exception)\b", ln)), "?")
    frames = [ln.strip() for ln in lines if ln.strip().startswith('File "') and "footcite" in ln]
    return f"{exc} at {frames[-1] if frames else '?'}"


def fuzz_one(name: str, work: Path, seconds: float, corpus: Path, seeds: Path) -> dict:
    started = time.monotonic()
    executions, restarts = 0, 0
    crashes: dict[str, str] = {}
    artifacts = work / name / "crashes"
    artifacts.mkdir(parents=True, exist_ok=True)
    while (left := seconds - (time.monotonic() - started)) > 1:
        proc = subprocess.run(
            [sys.executable, str(HERE / f"fuzz_{name}.py"), f"-max_total_time={int(left)}",
             "-print_final_stats=1", "-timeout=60", "-rss_limit_mb=4096",
             f"-max_len={MAX_LEN[name]}",
             f"-artifact_prefix={artifacts}/", str(corpus), str(seeds)],
            capture_output=True, text=True, cwd=HERE,
        )  # fmt: skip
        log = proc.stdout + proc.stderr
        (work / name / f"log-{restarts}.txt").write_text(log)
        found = _EXECS.findall(log)
        executions += int(found[-1]) if found else 0
        if proc.returncode == 0:
            break
        restarts += 1
        where = _CRASH_FILE.findall(log)
        crashes.setdefault(_signature(log), where[-1] if where else "(no file)")
        if restarts > 50:
            break
    return {"harness": name, "seconds": round(time.monotonic() - started), "executions":
            executions, "crashes": crashes, "restarts": restarts}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="run footcite's fuzz harnesses")
    p.add_argument("--minutes", type=float, default=10.0, help="per harness, run in parallel")
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "footcite-fuzz")
    p.add_argument("--only", choices=HARNESSES, action="append")
    p.add_argument("--json", type=Path, help="write the figures here")
    args = p.parse_args(argv)
    folders = write_seeds(args.work)
    names = args.only or list(HARNESSES)
    from concurrent.futures import ThreadPoolExecutor

    for folder in (args.work / n / "corpus" for n in names):
        folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(len(names)) as pool:
        futures = {
            name: pool.submit(
                fuzz_one,
                name,
                args.work,
                args.minutes * 60,
                args.work / name / "corpus",
                folders[name],
            )
            for name in names
        }
        results = [futures[n].result() for n in names]
    total = sum(r["executions"] for r in results)
    for r in results:
        print(f"{r['harness']:8} {r['executions']:>9,} executions in {r['seconds']} s, "
              f"{len(r['crashes'])} distinct crash(es)")  # fmt: skip
        for signature, path in r["crashes"].items():
            print(f"           {signature}\n             reproduce: {path}")
    print(f"total    {total:>9,} executions")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 1 if any(r["crashes"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
