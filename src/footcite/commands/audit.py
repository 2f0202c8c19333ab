"""`footcite audit PATH... [--format text|json|html] [--repositories FILE] [-o FILE]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from footcite.archives.audit import resolve
from footcite.archives.authority import load_authority
from footcite.archives.report import dumps_json, dumps_text
from footcite.archives.report_html import render_html
from footcite.commands.common import emit, formatter, output_args, report
from footcite.pipeline import run as run_pipeline


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "audit",
        help="check the archival citations of papers against the repository authority",
        description="For every archival citation (and photo credit): what was cited, the "
        "repository it resolves to with its identifiers, the normalised location, and findings "
        "(unknown repository, outdated name, OCR slips in codes, missing file/box/item level, "
        "missing date, inconsistent citations across notes, misspelled names).",
        epilog="examples:\n"
        "  footcite audit examples/bekes-2002.txt\n"
        "  footcite audit examples/bekes-2002.txt --format json -o audit.json\n"
        "  footcite audit examples/bekes-2002.txt --format html -o audit.html",
        formatter_class=formatter(),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="text file(s) to audit")
    p.add_argument(
        "--format",
        choices=["text", "json", "html"],
        default="text",
        help="text (default), json (stable, documented) or html (one self-contained page)",
    )
    p.add_argument(
        "--repositories",
        metavar="FILE",
        help="your own repository file (same format as the packaged one) on top of footcite's",
    )
    output_args(p)


def run(args: argparse.Namespace) -> int:
    result = run_pipeline(args.paths)
    authority = load_authority(Path(args.repositories) if args.repositories else None)
    audit = resolve(result, authority)
    if args.format == "json":
        text = dumps_json(audit)
    elif args.format == "html":
        names = ", ".join(str(p) for p in args.paths)
        text = render_html(audit, f"Archival audit: {names}")
    else:
        text = dumps_text(audit)
    emit(text, args)
    return report(result.diagnostics)
