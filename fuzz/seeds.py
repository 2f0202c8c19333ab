"""Seed corpora for the harnesses, built from the bundled papers and styles, the references
footcite writes for them and the hostile corpus (tests/hostile/corpus.py). Nothing is
committed: `write_seeds(folder)` makes them in a few seconds."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from _common import ROOT

HARNESSES = ("notes", "readers", "styles")
MAX_SEED = 64 * 1024


def _save(folder: Path, data: bytes) -> None:
    data = data[:MAX_SEED]
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def write_seeds(root: Path) -> dict[str, Path]:
    from tests.hostile.corpus import CASES

    from footcite.formats.bibtex import write_bibtex
    from footcite.formats.csljson import dumps
    from footcite.formats.ris import write_ris
    from footcite.pipeline import run

    folders = {name: root / name / "seeds" for name in HARNESSES}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    papers = sorted((ROOT / "examples").glob("*.txt"))
    for paper in papers:
        data = paper.read_bytes()
        for start in range(0, len(data), 8 * 1024):  # short seeds mutate faster
            _save(folders["notes"], data[start : start + 8 * 1024])
    items = [r.to_csl() for r in run(papers).references]
    for k in range(0, len(items), 5):
        chunk = items[k : k + 5]
        _save(folders["readers"], b"\x00" + dumps(chunk).encode())
        _save(folders["readers"], b"\x01" + write_bibtex(chunk, dialect="biblatex").text.encode())
        _save(folders["readers"], b"\x01" + write_bibtex(chunk).text.encode())
        _save(folders["readers"], b"\x02" + write_ris(chunk).text.encode())
    for style in sorted((ROOT / "styles").glob("*.csl")):
        _save(folders["styles"], style.read_bytes())
    from footcite.formats.styles import resolve_style

    for name in ("apa", "chicago-notes-bibliography", "modern-language-association"):
        try:
            _save(folders["styles"], resolve_style(name).read_bytes())
        except Exception:  # a style collection without it
            continue
    for case in CASES:
        for name, make in case.files.items():
            if case.name in ("huge",):
                continue
            data = make()
            if name.endswith(".csl"):
                _save(folders["styles"], data)
            elif name.endswith((".json", ".bib", ".ris")):
                tag = {".json": b"\x00", ".bib": b"\x01", ".ris": b"\x02"}[Path(name).suffix]
                _save(folders["readers"], tag + data)
            else:
                _save(folders["notes"], data)
    return folders


if __name__ == "__main__":  # python fuzz/seeds.py DIR
    for name, folder in write_seeds(Path(sys.argv[1])).items():
        print(name, folder, len(list(folder.iterdir())))
