"""Every command in README.md's ```sh and ```python blocks runs, exactly as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(sh|python)\n(.*?)```", README, flags=re.S)
COMMANDS = [
    line.strip()
    for lang, body in BLOCKS
    if lang == "sh"
    for line in body.splitlines()
    if line.strip() and not line.strip().startswith("#")
]
PYTHON = [body for lang, body in BLOCKS if lang == "python"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", work / "examples")
    shutil.copytree(ROOT / "styles", work / "styles")
    return work


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def test_readme_has_commands():
    assert len(COMMANDS) >= 10
    assert any(c.startswith("footcite convert") for c in COMMANDS)
    assert any(c.startswith("footcite audit") for c in COMMANDS)
    assert PYTHON


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(workdir, command):
    tool = command.split()[0]
    if shutil.which(tool, path=_env()["PATH"]) is None:
        pytest.skip(f"{tool} is not installed")
    proc = subprocess.run(
        command, shell=True, cwd=workdir, env=_env(), capture_output=True, text=True, timeout=900
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("code", PYTHON)
def test_readme_python_runs(workdir, code):
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workdir,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("script", ["developer_api.py", "writer_export.py", "archivist_audit.py"])
def test_example_scripts_run(workdir, script):
    proc = subprocess.run(
        [sys.executable, f"examples/{script}", "examples/bekes-2002.txt", f"out-{script}"],
        cwd=workdir,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert any((workdir / f"out-{script}").iterdir())
