"""`footcite format PATH... --style NAME [--bibliography] [--format text|html|json]`."""

from __future__ import annotations

import argparse
import json

from footcite.commands.common import emit, formatter, output_args, report
from footcite.formats.render import DEFAULT_STYLE, Rendered, notes_text, render
from footcite.formats.styles import load_style_bytes
from footcite.pipeline import run as run_pipeline


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "format",
        help="render the notes (or the bibliography) in a CSL style",
        description="Render the parsed notes, or the bibliography, in any CSL style.",
        epilog="example:\n  footcite format examples/bekes-2002.txt --style chicago-notes-bibliography",
        formatter_class=formatter(),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="text file(s) to parse")
    p.add_argument(
        "--style", default=DEFAULT_STYLE, help=f"CSL style id or .csl path ({DEFAULT_STYLE})"
    )
    p.add_argument(
        "--bibliography", action="store_true", help="print the bibliography, not the notes"
    )
    p.add_argument("--format", choices=["text", "html", "json"], default="text", dest="output")
    output_args(p)


def rendered_json(rendered: Rendered) -> str:
    data = {
        "notes": [{"number": n.number, "text": n.text} for n in rendered.notes],
        "bibliography": list(rendered.bibliography),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    load_style_bytes(args.style)  # an unknown style fails before any parsing
    result = run_pipeline(args.paths)
    output = "html" if args.output == "html" else "text"
    rendered = render(result.notes, result.references, style=args.style, output=output)
    if args.output == "json":
        text = rendered_json(rendered)
    elif args.bibliography:
        text = "\n".join(rendered.bibliography) + ("\n" if rendered.bibliography else "")
    else:
        text = notes_text(rendered)
    emit(text, args)
    return report([*result.diagnostics, *rendered.diagnostics])
