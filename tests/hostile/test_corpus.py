"""The hostile corpus through the real command: documented exit code, a clear message, no
traceback, no hang (each case runs in its own process under a timeout)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import CASES, ROOT, Case, materialise


def run_footcite(argv: list[str], timeout: float, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "footcite.cli", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    argv = materialise(case, tmp_path)
    try:
        proc = run_footcite(argv, case.timeout, case.env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case.name}: footcite hung for more than {case.timeout} s")
    assert "Traceback" not in proc.stderr, proc.stderr
    codes = case.code if isinstance(case.code, tuple) else (case.code,)
    assert proc.returncode in codes, proc.stderr
    assert case.message in proc.stderr, proc.stderr
    if case.name != "no-command":
        for line in proc.stderr.splitlines():
            assert line.startswith("footcite: "), line
    if case.code == 2 and case.name != "no-command":  # could not do the work: one line says why
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def _case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


@pytest.fixture
def folders(tmp_path: Path):
    def make(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        return folder

    return make


def test_existing_output_is_kept(folders) -> None:
    folder = folders("o")
    case = _case("output-exists")
    run_footcite(materialise(case, folder), case.timeout)
    assert (folder / "out.json").read_bytes() == b"keep me"
    assert sorted(p.name for p in folder.iterdir()) == ["in.txt", "out.json"]


def test_a_slow_note_costs_only_itself(folders) -> None:
    case = _case("slow-note")
    proc = run_footcite(materialise(case, folders("s")), case.timeout, case.env)
    refs = json.loads(proc.stdout)
    assert [r["title"] for r in refs] == ["We Now Know"]  # notes 1 and 3 (ibid) still parsed


def test_a_broken_style_element_costs_only_itself(folders) -> None:
    case = _case("style-broken-elements")
    proc = run_footcite(materialise(case, folders("b")), case.timeout)
    lines = proc.stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith("1. ") and "We Now Know" in lines[0]


def test_surrogate_in_input_is_written_as_replacement(folders) -> None:
    case = _case("json-surrogate")
    proc = run_footcite(materialise(case, folders("j")), case.timeout)
    assert json.loads(proc.stdout)[0]["title"] == "half \ufffd a pair"


def test_closed_stdout_ends_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m footcite.cli parse examples/bekes-2002.txt | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
