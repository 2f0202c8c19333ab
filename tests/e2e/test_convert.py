"""`footcite convert`: the Békés paper as a pandoc manuscript with live citations.

pandoc reads the Markdown back (its JSON AST is compared note by note with what footcite
parsed) and renders it with --citeproc in Chicago and in the project's house style.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from footcite.cli import main
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
