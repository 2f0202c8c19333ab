"""`footcite convert PATH --to markdown|docx -o OUT [--bibliography refs.json] [--style NAME]`."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from footcite.commands.common import emit, formatter, output_args, report
from footcite.convert import to_markdown
from footcite.diagnostics import FootciteError, OutputError, warning
from footcite.formats.csljson import write_csljson
from footcite.formats.render import DEFAULT_STYLE
from footcite.formats.styles import resolve_style
from footcite.outputs import write_atomic
from footcite.pipeline import run as run_pipeline


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


def _bibliography_path(args: argparse.Namespace) -> Path | None:
    if args.bibliography:
        return Path(args.bibliography)
    if args.output_file:
        return Path(args.output_file).with_suffix(".json")
    return None


def run(args: argparse.Namespace) -> int:
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
    bib_path = _bibliography_path(args)
    bib_text = write_csljson(manuscript.references).text
    if args.to == "markdown":
        front = f"---\nbibliography: {bib_path.name}\n---\n\n" if bib_path else ""
        if bib_path:
            write_atomic(bib_path, bib_text, overwrite=args.overwrite)
        emit(front + manuscript.markdown, args)
        return report(diagnostics)
    if not args.output_file:
        raise OutputError("--to docx needs -o FILE.docx")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise PandocMissing(
            "--to docx needs pandoc, which is not installed: install it (e.g. apt-get install "
            "pandoc) or use --to markdown and run pandoc yourself"
        )
    out = Path(args.output_file)
    if out.exists() and not args.overwrite:
        raise OutputError(f"{out} exists; pass --overwrite to replace it")
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "paper.md"
        refs = Path(tmp) / "refs.json"
        md.write_text(manuscript.markdown, encoding="utf-8")
        refs.write_text(bib_text, encoding="utf-8")
        style = resolve_style(args.style)
        proc = subprocess.run(
            [
                pandoc,
                "--citeproc",
                "--bibliography",
                str(refs),
                "--csl",
                str(style),
                str(md),
                "-o",
                str(Path(tmp) / "out.docx"),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode != 0:
            raise OutputError(f"pandoc failed: {proc.stderr.strip()[:500]}")
        if bib_path:
            write_atomic(bib_path, bib_text, overwrite=args.overwrite)
        shutil.move(str(Path(tmp) / "out.docx"), out)
    return report(diagnostics)
