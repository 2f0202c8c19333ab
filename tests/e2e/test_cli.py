"""The command line: its public JSON contract, its formats and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from footcite.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "footcite.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_parse_json_contract(bekes_path, capsys):
    assert main(["parse", str(bekes_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"notes", "references"}
    for note in data["notes"]:
        assert {"number", "text", "citations"} <= set(note)
        assert "document" not in note  # only when several files are given
        for c in note["citations"]:
            assert {"id", "prefix", "locator", "label", "text", "fields"} <= set(c)
            assert isinstance(c["fields"], dict) and "type" in c["fields"]
    ref_ids = {r["id"] for r in data["references"]}
    cited = {c["id"] for n in data["notes"] for c in n["citations"]}
    assert cited == ref_ids
    malin = [c for n in data["notes"] if n["number"] in (11, 21) for c in n["citations"]]
    assert len({c["id"] for c in malin}) == 1
    assert {c["locator"] for c in malin} == {"393", "389"}
    assert {c["label"] for c in malin} == {"page"}


def test_parse_several_files_names_documents(tmp_path, bekes_path, capsys):
    other = tmp_path / "notes.txt"
    other.write_text(
        "1 The “Malin Notes” on the Crises in Hungary and Poland, 1956. Mark Kramer ed. "
        "CWIHP Bulletin, Issue 8-9. p. 390.\n2 Ibid., p. 391.\n",
        encoding="utf-8",
    )
    assert main(["parse", str(bekes_path), str(other)]) == 0
    data = json.loads(capsys.readouterr().out)
    docs = {n["document"] for n in data["notes"]}
    assert docs == {str(bekes_path), str(other)}
    theirs = [n for n in data["notes"] if n["document"] == str(other)]
    assert theirs[1]["citations"][0]["id"] == theirs[0]["citations"][0]["id"]
    ours = [n for n in data["notes"] if n["document"] == str(bekes_path) and n["number"] == 11]
    assert ours[0]["citations"][0]["id"] == theirs[0]["citations"][0]["id"]


def test_ids_do_not_depend_on_input_order(tmp_path, bekes_path, capsys):
    other = tmp_path / "notes.txt"
    other.write_text(
        "1 Gaddis, John Lewis: We Now Know. New York, 1997. p. 12.\n", encoding="utf-8"
    )
    main(["parse", str(bekes_path), str(other), "--format", "csl-json"])
    first = capsys.readouterr().out
    main(["parse", str(other), str(bekes_path), "--format", "csl-json"])
    assert capsys.readouterr().out == first


def test_csl_json_output_is_deterministic(bekes_path, capsys):
    main(["parse", str(bekes_path), "--format", "csl-json"])
    one = capsys.readouterr().out
    main(["parse", str(bekes_path), "--format", "csl-json"])
    assert capsys.readouterr().out == one
    items = json.loads(one)
    assert all("id" in i and "type" in i for i in items)


def test_format_notes_with_old_style_name(bekes_path, capsys):
    assert main(["format", str(bekes_path), "--style", "chicago-fullnote-bibliography"]) == 0
    old = capsys.readouterr().out
    assert main(["format", str(bekes_path), "--style", "chicago-notes-bibliography"]) == 0
    new = capsys.readouterr().out
    assert old == new
    assert (
        "3. William H. Hyland, The Cold War. Fifty Years of Conflict (Times Books, 1990), 59."
        in new
    )


def test_format_json_shape(bekes_path, capsys):
    assert main(["format", str(bekes_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [n["number"] for n in data["notes"]][:3] == [1, 2, 3]
    assert all(isinstance(n["text"], str) and n["text"] for n in data["notes"])
    assert len(data["bibliography"]) > 20


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (d / "empty.txt").write_bytes(b"") or d / "empty.txt", "empty"),
        (
            lambda d: (d / "bin.txt").write_bytes(b"\x7fELF\x00\x01\x02" * 50) and d / "bin.txt",
            "binary",
        ),
        (lambda d: d, "folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make, message):
    path = make(tmp_path)
    proc = run_cli("parse", str(path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_unknown_style_is_one_line_and_exit_2(bekes_path):
    proc = run_cli("format", str(bekes_path), "--style", "no-such-style")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "footcite: error: unknown style 'no-such-style': give a CSL style id such as "
        "chicago-notes-bibliography or apa, or a path to a .csl file"
    ]


def test_output_file_is_not_overwritten_without_flag(tmp_path, bekes_path):
    out = tmp_path / "refs.json"
    out.write_text("keep me", encoding="utf-8")
    proc = run_cli("parse", str(bekes_path), "--format", "csl-json", "-o", str(out))
    assert proc.returncode == 2 and "--overwrite" in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    proc = run_cli("parse", str(bekes_path), "--format", "csl-json", "-o", str(out), "--overwrite")
    assert proc.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))


def test_help_shows_examples():
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "footcite parse examples/bekes-2002.txt" in proc.stdout
