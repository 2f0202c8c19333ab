"""`footcite convert PATH --to markdown|docx -o OUT [--bibliography refs.json] [--style NAME]`.

Both outputs (the manuscript and its CSL-JSON bibliography) are written like every other
output: atomically through `footcite.outputs.write_atomic`, never over an existing file without
--overwrite, and all or nothing: every target is checked before the work starts, and should one
write fail the other output this run created is removed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from footcite.commands.common import emit, formatter, output_args, report
from footcite.convert import to_markdown
from footcite.diagnostics import FootciteError, OutputError, warning
from footcite.formats.csljson import write_csljson
from footcite.formats.render import DEFAULT_STYLE
from footcite.formats.styles import resolve_style
from footcite.outputs import write_atomic
from footcite.pipeline import run as run_pipeline

PANDOC_SECONDS = 600


class PandocMissing(FootciteError):
    code = "pandoc-missing"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "convert",
        help="turn a paper with typed footnotes into a manuscript with live citations",
        description="Write the paper as pandoc Markdown whose footnotes hold live citations "
        "([@key, p. 389]), with the bibliography as CSL-JSON; `pandoc --citeproc` then renders "
        "it in any CSL style. --to docx runs pandoc for you.",
        epilog="example:\n  footcite convert examples/bekes-2002.txt --to markdown -o paper.md "
        "--bibliography refs.json\n  pandoc --citeproc --bibliography refs.json "
        "--csl chicago-notes-bibliography.csl paper.md -o paper.html",
        formatter_class=formatter(),
    )
    p.add_argument("path", metavar="PATH", help="the paper (plain text)")
    p.add_argument("--to", choices=["markdown", "docx"], default="markdown")
    p.add_argument(
        "--bibliography",
        metavar="FILE",
        help="where to write the CSL-JSON references (default: next to -o, .json)",
    )
    p.add_argument("--style", default=DEFAULT_STYLE, help="CSL style for --to docx")
    output_args(p)


def _output_path(args: argparse.Namespace) -> Path | None:
    """The manuscript's file, or None for stdout (no -o, or -o -)."""
    if args.output_file and args.output_file != "-":
        return Path(args.output_file)
    return None


def _bibliography_path(args: argparse.Namespace) -> Path | None:
    if args.bibliography:
        return Path(args.bibliography)
    out = _output_path(args)
    return out.with_suffix(".json") if out is not None else None


def _check_targets(targets: list[Path], source: str, overwrite: bool) -> None:
    """Refuse before anything is written, so that a refusal never leaves half a result (a
    bibliography without its manuscript): an output that is a folder, that exists without
    --overwrite, that is the paper itself, or that is the other output (-o refs.json makes
    the default bibliography refs.json too, which would be written over)."""
    seen: dict[Path, Path] = {_real(Path(source)): Path(source)}
    for path in targets:
        if path.is_dir():
            raise OutputError(f"{path} is a folder; give a file name for the output")
        if not overwrite and (path.exists() or path.is_symlink()):
            raise OutputError(f"{path} exists; pass --overwrite to replace it")
        real = _real(path)
        if real in seen:
            raise OutputError(
                f"{path} would be written over {seen[real]}: give the manuscript and the "
                "bibliography (--bibliography FILE) files of their own, not the paper"
            )
        seen[real] = path


def _real(path: Path) -> Path:
    """The file a path names, symbolic links followed as far as they go."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        return path.absolute()


def _yaml_string(text: str) -> str:
    """A file name as a YAML scalar: plain when it is plain, else double-quoted (JSON strings
    are YAML), so that a name such as "a: b.json" cannot break or inject front matter."""
    return text if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text) else json.dumps(text)


def run(args: argparse.Namespace) -> int:
    out = _output_path(args)
    bib_path = _bibliography_path(args)
    style = None
    if args.to == "docx":
        if out is None:
            raise OutputError("--to docx needs -o FILE.docx")
        style = resolve_style(args.style)  # an unknown style fails before any work
    targets = [p for p in (bib_path, out) if p is not None]
    _check_targets(targets, args.path, args.overwrite)
    result = run_pipeline([args.path])
    manuscript = to_markdown(result)
    diagnostics = list(result.diagnostics)
    if manuscript.uncalled:
        diagnostics.append(
            warning(
                "convert-uncalled",
                "notes without a call in the body were appended as text: "
                + ", ".join(map(str, manuscript.uncalled)),
                args.path,
            )
        )
    if manuscript.misplaced:
        diagnostics.append(
            warning(
                "convert-call-marker",
                "the call marker of these notes is not where the call was found, so no body "
                "text was replaced by their [^n]; check the calls: "
                + ", ".join(map(str, manuscript.misplaced)),
                args.path,
            )
        )
    bib_text = write_csljson(manuscript.references).text
    if out is not None and style is not None:
        docx = _pandoc_docx(manuscript.markdown, bib_text, style)
        write_docx = functools.partial(write_atomic, out, docx, overwrite=args.overwrite)
        _write_both(bib_path, bib_text, write_docx, args.overwrite)
        return report(diagnostics)
    front = f"---\nbibliography: {_yaml_string(bib_path.name)}\n---\n\n" if bib_path else ""
    write_markdown = functools.partial(emit, front + manuscript.markdown, args)
    _write_both(bib_path, bib_text, write_markdown, args.overwrite)
    return report(diagnostics)


def _write_both(
    bib_path: Path | None, bib_text: str, write_manuscript: Callable[[], None], overwrite: bool
) -> None:
    """The bibliography, then the manuscript; should the manuscript fail, a bibliography
    this run created is removed again, so that no half result is left (one that existed and
    was replaced with --overwrite cannot be brought back, and a file someone else made is
    never touched)."""
    made = False
    if bib_path is not None:
        existed = bib_path.exists() or bib_path.is_symlink()
        write_atomic(bib_path, bib_text, overwrite=overwrite)
        made = not existed
    try:
        write_manuscript()
    except BaseException:
        if made and bib_path is not None:
            with contextlib.suppress(OSError):
                bib_path.unlink()
        raise


def _pandoc_docx(markdown: str, bib_text: str, style: Path) -> bytes:
    """The .docx pandoc makes of the manuscript (in a private temporary folder)."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise PandocMissing(
            "--to docx needs pandoc, which is not installed: install it (e.g. apt-get install "
            "pandoc) or use --to markdown and run pandoc yourself"
        )
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "paper.md"
        refs = Path(tmp) / "refs.json"
        made = Path(tmp) / "out.docx"
        md.write_text(markdown, encoding="utf-8")
        refs.write_text(bib_text, encoding="utf-8")
        command = [pandoc, "--citeproc", "--bibliography", str(refs), "--csl", str(style)]
        try:
            proc = subprocess.run(
                [*command, str(md), "-o", str(made)],
                capture_output=True,
                text=True,
                timeout=PANDOC_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OutputError(f"pandoc did not finish in {PANDOC_SECONDS} s") from exc
        except OSError as exc:
            raise OutputError(f"pandoc could not be run ({exc.strerror or exc})") from exc
        if proc.returncode != 0:
            raise OutputError(f"pandoc failed: {proc.stderr.strip()[:500]}")
        try:
            return made.read_bytes()
        except OSError as exc:
            raise OutputError(f"pandoc wrote no document ({exc.strerror or exc})") from exc
