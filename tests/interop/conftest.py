"""Fixtures of the interop tests: real readers and engines, skipped with the reason when absent."""

from __future__ import annotations

import shutil

import pytest

from tests.interop import citeprocjs


@pytest.fixture(scope="session")
def citeproc_js() -> None:
    reason = citeprocjs.available()
    if reason:
        pytest.skip(f"citeproc-js cannot run: {reason}")


@pytest.fixture(scope="session")
def pandoc() -> str:
    path = shutil.which("pandoc")
    if path is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc)")
    return path


@pytest.fixture(scope="session")
def biber() -> str:
    path = shutil.which("biber")
    if path is None:
        pytest.skip("biber is not installed (apt-get install biber)")
    return path
