"""The engine's lookup caches hold the styles in use and nothing more (issue #7).

A long-running process (a server, a batch over many journals' styles) renders with one style
after another; the per-element caches of `footcite.formats.engine` must let go of a style once
`style_engine` has let go of it, or memory grows with every style ever used.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from footcite.formats import cslengine, engine, engine_conditions
from footcite.formats.positions import Cite, CitingNote
from footcite.formats.render import render_items

STYLE = Path(__file__).resolve().parents[2] / "styles" / "footcite-central-european-notes.csl"
ITEM = {
    "id": "gaddis",
    "type": "book",
    "author": [{"family": "Gaddis", "given": "John Lewis"}],
    "title": "We Now Know",
    "publisher": "Oxford University Press",
    "issued": {"date-parts": [[1997]]},
}
NOTES = [CitingNote(1, (Cite("gaddis", "12", "page"),)), CitingNote(2, (Cite("gaddis", "13"),))]


def cached_entries() -> int:
    gc.collect()
    caches = (engine._XPATH, engine._CALLS, engine._ROOTS, engine_conditions.CONDITIONS)
    return sum(len(cache) for cache in caches)


@pytest.fixture
def style_copies(tmp_path: Path) -> list[str]:
    """Distinct style files (each its own document to citeproc-py), more than style_engine
    keeps."""
    data = STYLE.read_bytes()
    paths = []
    for number in range(cslengine.style_engine.cache_info().maxsize + 8):
        path = tmp_path / f"style-{number}.csl"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def test_many_styles_in_one_process_keep_the_caches_bounded(style_copies):
    cslengine.style_engine.cache_clear()
    before = cached_entries()
    kept = cslengine.style_engine.cache_info().maxsize
    sizes = {}
    for number, style in enumerate(style_copies, start=1):
        rendered = render_items([ITEM], NOTES, style=style)
        assert rendered.notes and not rendered.diagnostics
        if number in (kept, len(style_copies)):
            sizes[number] = cached_entries()
    assert sizes[kept] > before  # the caches are used ...
    assert sizes[len(style_copies)] <= sizes[kept]  # ... and hold the styles in use only
    cslengine.style_engine.cache_clear()
    assert cached_entries() == before  # a style nobody uses any more leaves nothing behind
