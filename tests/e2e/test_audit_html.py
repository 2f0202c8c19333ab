"""The HTML audit page: self-contained, escaped, and rendered by a real headless browser."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from footcite.archives import render_html, resolve
from footcite.cli import main
from footcite.pipeline import parse_text, run

ROOT = Path(__file__).resolve().parents[2]
WEST = ROOT / "examples" / "west-1956-article.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install -y chromium); "
    "the HTML audit page is checked in a real headless browser",
)


def _chromium(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", *args,
        ]  # fmt: skip
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory, bekes_path) -> Path:
    out = tmp_path_factory.mktemp("audit") / "audit.html"
    assert main(["audit", str(bekes_path), str(WEST), "--format", "html",
                 "-o", str(out)]) == 0  # fmt: skip
    return out


def test_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for external in ("<script", "<link", "src=", "@import", "http://", "https://"):
        assert external not in html, external
    assert "The National Archives" in html and "XIX-J-1-j" in html and "Fortepan" in html


def test_input_is_escaped() -> None:
    evil = (
        "1 National Archives, Washington, D.C., <script>alert(1)</script> Papers, "
        'RG 59 "x" & <b>y</b>.\n'
    )
    html = render_html(resolve(parse_text(evil, "<img src=x onerror=alert(2)>.txt")), "t<i>")
    assert (
        "<script>" not in html and "<img" not in html and "<b>y" not in html and "<i>" not in html
    )
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


@needs_chromium
def test_page_renders_in_headless_chromium(page: Path) -> None:
    shot = page.with_suffix(".png")
    done = _chromium(f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000, len(data)  # a blank page is a few kB
    keep = ROOT / "build" / "audit-screenshot.png"  # for a person to look at (git-ignored)
    keep.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, keep)


@needs_chromium
def test_dom_has_repositories_and_citations(page: Path) -> None:
    done = _chromium("--dump-dom", page.as_uri())
    dom = done.stdout
    assert 'id="repositories"' in dom, done.stderr[-2000:]
    names = ["National Archives of Hungary", "Dwight D. Eisenhower Library"]
    names += ["The National Archives", "Seeley G. Mudd Manuscript Library", "Fortepan"]
    for name in names:
        assert name in dom, name
    entries = resolve(run([ROOT / "examples" / "bekes-2002.txt", WEST])).entries
    assert dom.count('class="card') == len(entries)
