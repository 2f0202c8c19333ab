from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

try:
    from hypothesis import settings

    settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True, database=None)
    settings.register_profile("dev", max_examples=200, deadline=None)
    settings.register_profile("thorough", max_examples=1000, deadline=None)
    settings.load_profile(
        os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
    )
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(scope="session")
def bekes_path() -> Path:
    return EXAMPLES / "bekes-2002.txt"


@pytest.fixture(scope="session")
def bekes_result(bekes_path: Path):
    from footcite.pipeline import run

    return run([bekes_path])


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not present")
    return path
