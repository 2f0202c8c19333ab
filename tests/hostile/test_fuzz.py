"""The fuzz harnesses in CI: every crash the fuzzers found is replayed, and each harness gets a
few seconds of smoke fuzzing on its seeds and on random bytes (the real runs: fuzz/README.md)."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FUZZ = ROOT / "fuzz"
REGRESSIONS = Path(__file__).parent / "fuzz_regressions"
HARNESSES = ("notes", "readers", "styles")


@pytest.fixture(scope="module")
def harnesses():
    sys.path.insert(0, str(FUZZ))
    try:
        loaded = {name: importlib.import_module(f"fuzz_{name}") for name in HARNESSES}
        common = importlib.import_module("_common")
        yield {name: common.limited(m.test_one_input) for name, m in loaded.items()}
    finally:
        from footcite import limits

        limits.use_timer("wall")
        sys.path.remove(str(FUZZ))


def _regressions() -> list[tuple[str, Path]]:
    return [
        (name, path)
        for name in HARNESSES
        for path in sorted((REGRESSIONS / name).glob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]


@pytest.mark.parametrize(("name", "path"), _regressions(), ids=lambda v: getattr(v, "name", v))
def test_crash_found_by_fuzzing_stays_fixed(harnesses, name, path):
    harnesses[name](path.read_bytes())


@pytest.mark.parametrize("name", HARNESSES)
def test_smoke_fuzz(harnesses, name, tmp_path):
    sys.path.insert(0, str(FUZZ))
    try:
        from seeds import write_seeds
    finally:
        sys.path.remove(str(FUZZ))
    seeds = sorted(write_seeds(tmp_path)[name].iterdir())
    rnd = random.Random(name)
    inputs = [p.read_bytes()[:4096] for p in rnd.sample(seeds, min(8, len(seeds)))]
    for data in list(inputs):  # a few mutations of each: flipped, cut and spliced bytes
        for _ in range(3):
            mutated = bytearray(data)
            for _ in range(rnd.randint(1, 8)):
                if mutated:
                    mutated[rnd.randrange(len(mutated))] = rnd.randrange(256)
            cut = rnd.randint(0, len(mutated))
            inputs.append(bytes(mutated[:cut]) + rnd.choice(inputs)[cut:])
    inputs += [rnd.randbytes(rnd.randint(0, 300)) for _ in range(20)]
    for data in inputs:
        harnesses[name](data)
