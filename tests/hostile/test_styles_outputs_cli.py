"""Hostile styles, atomic outputs and the CLI's guarantees for every subcommand."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

import pytest
from lxml import etree

from footcite import cli
from footcite.commands import parse as parse_command
from footcite.diagnostics import FootciteError, OutputError, StyleError
from footcite.formats import styles
from footcite.formats.styles import load_style, sanitise_style
from footcite.outputs import write_atomic
from tests.hostile.corpus import STYLE, _laughs_style, _style, _xxe_style

# --- styles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [_xxe_style, _laughs_style])
def test_dtd_styles_are_refused(make):
    with pytest.raises(StyleError, match="refused"):
        sanitise_style(make(), "evil.csl")


def test_dtd_is_refused_by_the_parse_too(monkeypatch):
    """Should the byte scan miss a DOCTYPE, the parsed tree's DTD still stops it."""
    monkeypatch.setattr(styles, "_refuse_dtd", lambda data, origin: None)
    with pytest.raises(StyleError, match=r"DOCTYPE|entit"):
        sanitise_style(_xxe_style(), "evil.csl")
    with pytest.raises(StyleError, match=r"DOCTYPE|entit"):
        sanitise_style(_laughs_style(), "evil.csl")


def test_no_file_content_leaks_into_the_style(monkeypatch):
    monkeypatch.setattr(styles, "_refuse_dtd", lambda data, origin: None)
    try:
        data, _ = sanitise_style(_xxe_style(), "evil.csl")
    except StyleError:
        return
    assert b"root:" not in data


def test_lxml_is_recent_enough():
    assert etree.LXML_VERSION[:2] >= styles.MIN_LXML


def test_broken_elements_are_removed_with_a_diagnostic_each():
    data, found = sanitise_style(
        _style(b'<bogus/><text macro="nope"/><text/><date variable="issued" form="odd"/>'),
        "broken.csl",
    )
    messages = [d.message for d in found]
    assert any("<bogus>" in m and "removed" in m for m in messages)
    assert any("'nope' is not defined" in m for m in messages)
    assert any("<text> must name" in m for m in messages)
    assert any("date form 'odd'" in m for m in messages)
    assert all(d.where == "broken.csl" and "(line " in d.message for d in found)
    assert b"bogus" not in data


def test_macro_cycles_are_broken():
    data = STYLE.read_bytes().replace(
        b'<macro name="names-lead">', b'<macro name="names-lead"><text macro="names-lead"/>'
    )
    _, found = sanitise_style(data, "cycle.csl")
    assert ["call itself" in d.message for d in found] == [True]


def test_a_style_without_citation_layout_is_refused():
    with pytest.raises(StyleError, match="no <citation>"):
        sanitise_style(b'<style xmlns="http://purl.org/net/xbiblio/csl"/>', "empty.csl")


@pytest.mark.parametrize("name", ["", "a\x00b", "../../etc/passwd", "x" * 5000, "apa;rm"])
def test_odd_style_names_give_style_errors(name):
    with pytest.raises(StyleError):
        load_style(name)


def test_bundled_styles_load_without_repairs():
    for name in ("chicago-notes-bibliography", "apa", "footcite-central-european-notes"):
        assert load_style(name).diagnostics == ()


# --- outputs --------------------------------------------------------------------------------


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    target = tmp_path / "refs.bib"
    target.write_text("old", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 100_000, overwrite=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


def test_no_overwrite_without_flag(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="--overwrite"):
        write_atomic(target, "new")
    write_atomic(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"


def test_new_outputs_get_the_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.json", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644


def test_unencodable_text_fails_before_touching_the_file(tmp_path):
    with pytest.raises(OutputError, match="cannot encode"):
        write_atomic(tmp_path / "a.json", "a\ud800")
    assert list(tmp_path.iterdir()) == []


# --- the CLI, for any subcommand ------------------------------------------------------------


def _raising(exc: BaseException):
    def run(args: argparse.Namespace) -> int:
        raise exc

    return run


@pytest.mark.parametrize(
    ("exc", "fragment"),
    [
        (RuntimeError("bug"), "internal error: RuntimeError: bug"),
        (RecursionError("deep"), "internal error: RecursionError"),
        (MemoryError(), "internal error: MemoryError"),
        (FootciteError("clear words"), "error: clear words"),
        (PermissionError(13, "Permission denied", "/x"), "error: /x: Permission denied"),
        (KeyboardInterrupt(), "interrupted"),
    ],
)
def test_every_failure_is_one_line_and_exit_2(monkeypatch, capsys, exc, fragment):
    monkeypatch.setattr(parse_command, "run", _raising(exc))
    assert cli.main(["parse", "whatever.txt"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0] and "Traceback" not in err[0]


def test_debug_shows_the_traceback_for_any_subcommand(monkeypatch):
    monkeypatch.setattr(parse_command, "run", _raising(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        cli.main(["parse", "whatever.txt", "--debug"])
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "parse", "whatever.txt"])


def test_every_subcommand_takes_debug():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        assert "--debug" in p._option_string_actions, name


@pytest.mark.parametrize(("value", "code"), [(None, 0), (0, 0), (1, 1), (2, 2), (7, 2), (-1, 2)])
def test_odd_return_values_become_documented_codes(monkeypatch, value, code):
    monkeypatch.setattr(parse_command, "run", lambda args: value)
    assert cli.main(["parse", "whatever.txt"]) == code


def test_escape_sequences_in_messages_are_neutralised(monkeypatch, capsys):
    monkeypatch.setattr(parse_command, "run", _raising(FootciteError("bad \x1b[2J name\u202e")))
    cli.main(["parse", "whatever.txt"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "\\x1b[2J" in err


def test_stdout_in_a_legacy_code_page_still_gets_utf8(tmp_path):
    import subprocess
    import sys

    text = tmp_path / "n.txt"
    text.write_text("1 Békés Csaba: Az első őszi ütközet. Budapest, 1998.\n2 Ibid.\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "footcite.cli", "parse", str(text), "--format", "csl-json"],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Békés".encode() in proc.stdout


def test_build_parser_registers_real_commands():
    assert Path(cli.__file__).name == "cli.py"
    assert "parse" in cli.build_parser().format_help()


def test_numeric_attributes_that_are_not_numbers_are_left_out():
    data = STYLE.read_bytes().replace(b"<citation>", b'<citation near-note-distance="far">', 1)
    cleaned, found = sanitise_style(data, "n.csl")
    assert b"near-note-distance" not in cleaned
    assert any("near-note-distance='far'" in d.message for d in found)


def test_a_broken_subcommand_does_not_take_the_others_down(monkeypatch, capsys, tmp_path):
    from footcite.commands import format as format_command

    def broken(sub):
        raise ImportError("half-written module")

    monkeypatch.setattr(format_command, "register", broken)
    text = tmp_path / "n.txt"
    text.write_text("1 Gaddis: We Now Know. Oxford, 1997.\n2 Ibid.\n", encoding="utf-8")
    assert cli.main(["parse", str(text), "--format", "csl-json"]) == 0
    assert "the format command is unavailable" in capsys.readouterr().err


def test_format_reports_the_repairs_of_a_broken_style_and_exits_1(tmp_path, capsys):
    style = tmp_path / "broken.csl"
    style.write_bytes(_style(b'<bogus/><text macro="nope"/>'))
    text = tmp_path / "n.txt"
    text.write_text("1 Gaddis: We Now Know. Oxford, 1997, 12.\n2 Ibid., 13.\n", encoding="utf-8")
    assert cli.main(["format", str(text), "--style", str(style)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("1. ") and "We Now Know" in out  # the notes are still rendered
    repairs = [line for line in err.splitlines() if "[style-element]" in line]
    assert len(repairs) == 2 and all(line.startswith("footcite: ") for line in repairs)
    assert "<bogus>" in repairs[0] and "'nope' is not defined" in repairs[1]
    assert all(str(style) in line and "(line " in line for line in repairs)
