"""`footcite parse PATH... [--format json|csl-json|bibtex|biblatex] [-o FILE]`."""

from __future__ import annotations

import argparse

from footcite import jsonout
from footcite.commands.common import emit, formatter, output_args, report
from footcite.formats import csljson
from footcite.pipeline import run as run_pipeline


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "parse",
        help="parse the notes of papers into citations and references",
        description="Parse the notes of one or more papers (plain text, notes at the end, or a "
        "notes-only file) into citations and deduplicated references.",
        epilog="example:\n  footcite parse examples/bekes-2002.txt --format csl-json -o refs.json",
        formatter_class=formatter(),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="text file(s) to parse")
    p.add_argument(
        "--format",
        choices=["json", "csl-json", "bibtex", "biblatex"],
        default="json",
        help="json: notes + references (default); csl-json: references; bibtex/biblatex",
    )
    output_args(p)


def run(args: argparse.Namespace) -> int:
    result = run_pipeline(args.paths)
    diagnostics = list(result.diagnostics)
    if args.format == "json":
        text = jsonout.dumps(result)
    elif args.format == "csl-json":
        text = csljson.write_csljson(result.references).text
    else:
        from footcite.formats.bibtex import write_bibtex

        written = write_bibtex([r.to_csl() for r in result.references], dialect=args.format)
        text = written.text
        diagnostics.extend(written.diagnostics)
    emit(text, args)
    return report(diagnostics)
