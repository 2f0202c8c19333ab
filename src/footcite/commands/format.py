"""`footcite format PATH... --style NAME [--bibliography] [--format text|html|markdown|json]`.

text, html and markdown print the notes ("N. text", one per line) or, with --bibliography,
the bibliography entries; json prints both: {"notes": [{"number", "text"}], "bibliography":
[...]}, the notes that cite something and the entries in order (plain text).
"""

from __future__ import annotations

import argparse
import json

from footcite.commands.common import emit, formatter, output_args, report
from footcite.formats.render import DEFAULT_STYLE, Rendered, notes_text, render
from footcite.formats.styles import load_style
from footcite.pipeline import run as run_pipeline


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "format",
        help="render the notes (or the bibliography) in a CSL style",
        description="Render the parsed notes, or the bibliography, in any CSL style.",
        epilog="example:\n  footcite format examples/bekes-2002.txt "
        "--style chicago-notes-bibliography",
        formatter_class=formatter(),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="text file(s) to parse")
    p.add_argument(
        "--style", default=DEFAULT_STYLE, help=f"CSL style id or .csl path ({DEFAULT_STYLE})"
    )
    p.add_argument(
        "--bibliography", action="store_true", help="print the bibliography, not the notes"
    )
    p.add_argument(
        "--format",
        choices=["text", "html", "markdown", "json"],
        default="text",
        dest="output",
        help="text (default), html, markdown, or json with notes and bibliography",
    )
    output_args(p)


def rendered_json(rendered: Rendered) -> str:
    """The JSON of --format json (documents are named when several were given)."""
    several = len({n.document for n in rendered.notes}) > 1
    data = {
        "notes": [
            {"number": n.number, "text": n.text, **({"document": n.document} if several else {})}
            for n in rendered.notes
        ],
        "bibliography": list(rendered.bibliography),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    # an unknown or unsafe style fails before any parsing; a repaired one is reported
    style = load_style(args.style)
    result = run_pipeline(args.paths)
    output = args.output if args.output in ("html", "markdown") else "text"
    rendered = render(result.notes, result.references, style=args.style, output=output)
    if args.output == "json":
        text = rendered_json(rendered)
    elif args.bibliography:
        text = "\n".join(rendered.bibliography) + ("\n" if rendered.bibliography else "")
    else:
        text = notes_text(rendered)
    emit(text, args)
    return report([*style.diagnostics, *result.diagnostics, *rendered.diagnostics])
