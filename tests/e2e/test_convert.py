"""`footcite convert`: the Békés paper as a pandoc manuscript with live citations.

pandoc reads the Markdown back (its JSON AST is compared note by note with what footcite
parsed) and renders it with --citeproc in Chicago and in the project's house style.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from footcite.cli import main
from footcite.diagnostics import OutputError
from footcite.formats.styles import resolve_style

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (apt-get install pandoc)"
)


def _text(inlines) -> str:
    out = []
    for el in inlines:
        t = el.get("t")
        if t == "Str":
            out.append(el["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t == "Quoted":
            double = el["c"][0]["t"] == "DoubleQuote"
            left, right = ("“", "”") if double else ("‘", "’")
            out.append(left + _text(el["c"][1]) + right)
        elif t in ("Emph", "Strong", "Span", "SmallCaps"):
            out.append(_text(el["c"][-1] if t == "Span" else el["c"]))
    return "".join(out)


def _notes(ast) -> list[list[dict]]:
    """Each footnote of the document: a list of its inline elements, in order."""
    notes: list[list[dict]] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Note":
                inlines = []
                for block in node["c"]:
                    inlines.extend(block.get("c", []))
                notes.append(inlines)
                return
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(ast["blocks"])
    return notes


@pytest.fixture(scope="module")
def converted(tmp_path_factory, bekes_path):
    out = tmp_path_factory.mktemp("convert")
    md, refs = out / "paper.md", out / "refs.json"
    assert main(
        ["convert", str(bekes_path), "--to", "markdown", "-o", str(md), "--bibliography", str(refs)]
    ) in (0, 1)
    return md, refs


def test_markdown_has_a_footnote_per_called_note(converted, bekes_result):
    md, refs = converted
    text = md.read_text(encoding="utf-8")
    for note in bekes_result.notes:
        assert f"[^{note.number}]:" in text
        assert text.count(f"[^{note.number}]") == 2  # the call and the definition
    ids = {i["id"] for i in json.loads(refs.read_text(encoding="utf-8"))}
    cited = set(re.findall(r"@\{([^}]+)\}", text))
    assert cited == ids


@needs_pandoc
def test_pandoc_reads_the_same_citations_note_by_note(converted, bekes_result):
    md, _ = converted
    ast = json.loads(
        subprocess.run(
            [PANDOC, "-f", "markdown", "-t", "json", str(md)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    notes = _notes(ast)
    assert len(notes) == len(bekes_result.notes)
    for note, inlines in zip(bekes_result.notes, notes, strict=True):
        cites = [c for el in inlines if el.get("t") == "Cite" for c in el["c"][0]]
        want = [(c.reference_id, c.locator) for c in note.citations]
        got = []
        for c in cites:
            suffix = _text(c["citationSuffix"])
            m = re.search(r"(?:p\.|fol\.|l\.|vol\.)\s*(\S+)$", suffix.strip())
            got.append((c["citationId"], m.group(1) if m else None))
        # archival collections of one repository share one bracket: compare as multisets
        assert sorted(got, key=str) == sorted(want, key=str), note.number
        # commentary is kept: the note's words outside its citations are still there
        rendered = re.sub(r"\s+", " ", _text([el for el in inlines if el.get("t") != "Cite"]))
        pieces = []
        pos = 0
        for c in note.citations:
            start = c.span.start
            if c.prefix:
                start = (
                    note.text.rfind(c.prefix, 0, start + 1)
                    if note.text.rfind(c.prefix, 0, start + 1) != -1
                    else start
                )
            pieces.append(note.text[pos:start])
            pos = max(pos, c.span.end)
        pieces.append(note.text[pos:])
        for piece in pieces:
            for sentence in re.split(r"(?<=[.!?])\s+", piece.strip()):
                words = re.sub(r"\s+", " ", sentence).strip(" .;")
                if len(words) > 20:
                    assert words in rendered, (note.number, words)


@needs_pandoc
@pytest.mark.parametrize("style", ["chicago-notes-bibliography", "footcite-central-european-notes"])
def test_pandoc_citeproc_finds_every_citation(converted, style):
    md, refs = converted
    proc = subprocess.run(
        [
            PANDOC,
            "--citeproc",
            "--bibliography",
            str(refs),
            "--csl",
            str(resolve_style(style)),
            str(md),
            "-t",
            "plain",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "not found" not in proc.stderr, proc.stderr
    assert "Kovrig" in proc.stdout and "Malin" in proc.stdout


@needs_pandoc
def test_convert_to_docx_runs_pandoc(tmp_path, bekes_path):
    out = tmp_path / "paper.docx"
    assert main(["convert", str(bekes_path), "--to", "docx", "-o", str(out)]) in (0, 1)
    data = out.read_bytes()
    assert data[:2] == b"PK" and len(data) > 10_000  # a docx is a zip


def test_every_subcommand_help_shows_an_example():
    from footcite.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, sp in sub.choices.items():
        assert "example" in sp.format_help().lower(), name


# --- outputs: atomic, never over a file without --overwrite, all or nothing ----------------

PAPER = (
    "The West did not help Hungary.1 Nobody expected it.2\n\nNotes\n\n"
    "1 Gaddis, John Lewis: We Now Know. Oxford, 1997. p. 12.\n2 Ibid., p. 14.\n"
)


@pytest.fixture
def paper(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(PAPER, encoding="utf-8")
    return path


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_existing_manuscript_is_kept_and_no_bibliography_is_left_behind(paper, capsys):
    md = paper.parent / "paper.md"
    md.write_text("keep me", encoding="utf-8")
    before = _files(paper.parent)
    assert main(["convert", str(paper), "-o", str(md)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert _files(paper.parent) == before  # paper.json was not written either


def test_default_bibliography_never_replaces_the_manuscript(paper, capsys):
    out = paper.parent / "paper.json"  # the default bibliography would be paper.json too
    assert main(["convert", str(paper), "-o", str(out), "--overwrite"]) == 2
    assert "would be written over" in capsys.readouterr().err
    assert not out.exists()


def test_the_paper_itself_is_never_an_output(paper, capsys):
    refs = paper.parent / "refs.json"
    argv = ["convert", str(paper), "-o", str(paper), "--bibliography", str(refs), "--overwrite"]
    assert main(argv) == 2
    assert "would be written over" in capsys.readouterr().err
    assert paper.read_text(encoding="utf-8") == PAPER and not refs.exists()


def test_front_matter_quotes_a_bibliography_name_that_is_not_plain(paper, capsys):
    refs = paper.parent / "refs: x.json"
    assert main(["convert", str(paper), "--bibliography", str(refs)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('---\nbibliography: "refs: x.json"\n---\n')


@pytest.fixture
def fake_pandoc(tmp_path, monkeypatch):
    """A pandoc that writes a small zip-like file to its -o, and nothing else."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "pandoc"
    script.write_text(
        '#!/bin/sh\nwhile [ $# -gt 0 ]; do\n  if [ "$1" = -o ]; then printf "PK-docx" > "$2"; fi\n'
        "  shift\ndone\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ.get('PATH', '')}")
    return script


def test_docx_is_written_through_write_atomic(paper, fake_pandoc, monkeypatch):
    from footcite.commands import convert as convert_command

    written = []
    real = convert_command.write_atomic

    def spy(path, text, *, overwrite=False):
        written.append((Path(path).name, type(text).__name__))
        real(path, text, overwrite=overwrite)

    monkeypatch.setattr(convert_command, "write_atomic", spy)
    out = paper.parent / "paper.docx"
    assert main(["convert", str(paper), "--to", "docx", "-o", str(out)]) == 0
    assert written == [("paper.json", "str"), ("paper.docx", "bytes")]
    assert out.read_bytes() == b"PK-docx"


def test_docx_into_a_folder_is_refused_before_any_work(paper, fake_pandoc, capsys):
    folder = paper.parent / "out"
    folder.mkdir()
    before = _files(paper.parent)
    assert main(["convert", str(paper), "--to", "docx", "-o", str(folder), "--overwrite"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert list(folder.iterdir()) == [] and _files(paper.parent) == before


def test_a_failed_write_removes_the_bibliography_this_run_made(paper, monkeypatch, capsys):
    from footcite.commands import common

    def failing(path, text, *, overwrite=False):
        raise OutputError(f"{path}: cannot be written (disk full)")

    monkeypatch.setattr(common, "write_atomic", failing)  # the manuscript's write fails
    md = paper.parent / "paper.md"
    assert main(["convert", str(paper), "-o", str(md)]) == 2
    assert "disk full" in capsys.readouterr().err
    assert not (paper.parent / "paper.json").exists() and not md.exists()
