"""What the fuzz harnesses share: the time limit per input, the documented errors, the runner.

A harness is a function `test_one_input(data: bytes) -> None` that raises only for a real
crash: an exception footcite does not document for that entry point. Inputs that take longer
than `SECONDS` are stopped (footcite's own time limit, `footcite.limits`) and counted as slow,
not as crashes: the pipeline stops them the same way, and benchmarks/redos.py measures them.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for `tests.hostile.corpus` seeds

SECONDS = 2.0
SLOW = {"count": 0}


def limited(target: Callable[[bytes], None]) -> Callable[[bytes], None]:
    """`target` under the time limit; a stopped input is counted, not reported."""
    from footcite import limits

    limits.use_timer("cpu")  # libFuzzer (atheris) keeps SIGALRM for itself

    def run(data: bytes) -> None:
        with limits.time_limit(SECONDS) as limit:
            target(data)
        if limit.exceeded:
            SLOW["count"] += 1

    return run


def fuzz(target: Callable[[bytes], None], instrument: tuple[str, ...]) -> None:
    """Run `target` under atheris (libFuzzer options in sys.argv); without atheris, under
    hypothesis for as long as `--seconds N` says (default 60)."""
    try:
        import atheris
    except ImportError:
        _fuzz_with_hypothesis(target)
        return
    atheris.instrument_all() if "--instrument-all" in sys.argv else None
    argv = [a for a in sys.argv if a != "--instrument-all"]
    # atheris reports any input slower than -timeout (checked every second, and with
    # -timeout=0 after one second) as a crash; footcite's own limit stops them after SECONDS
    # of CPU, so atheris only has to catch what escapes it
    if not any(a.startswith("-timeout=") for a in argv):
        argv.append("-timeout=60")
    atheris.Setup(argv, limited(target))
    atheris.Fuzz()


def _fuzz_with_hypothesis(target: Callable[[bytes], None]) -> None:
    import time

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seconds = 60.0
    if "--seconds" in sys.argv:
        seconds = float(sys.argv[sys.argv.index("--seconds") + 1])
    runs = {"n": 0}
    wrapped = limited(target)

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.binary(max_size=4096))
    def one(data: bytes) -> None:
        runs["n"] += 1
        wrapped(data)
        if time.monotonic() > stop:
            raise _Done

    class _Done(Exception):
        pass

    stop = time.monotonic() + seconds
    with contextlib.suppress(_Done):
        one()
    print(f"stat::number_of_executed_units: {runs['n']}", file=sys.stderr)
    print(f"stat::slow_units: {SLOW['count']}", file=sys.stderr)
