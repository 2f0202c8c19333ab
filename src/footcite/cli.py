"""The `footcite` command: a thin shell over the library.

Exit codes: 0 done and clean (or only notes and warnings), 1 done but with errors worth a look
(diagnostics of severity error), 2 could not do the work. Problems go to stderr, one per line;
a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from footcite import __version__, jsonout
from footcite.diagnostics import Diagnostic, FootciteError, Severity
from footcite.formats import csljson
from footcite.formats.render import DEFAULT_STYLE, Rendered, notes_text, render
from footcite.formats.styles import load_style_bytes
from footcite.model import Result
from footcite.outputs import write_atomic
from footcite.pipeline import run

EXAMPLES = """examples:
  footcite parse examples/bekes-2002.txt                      notes, citations, references as JSON
  footcite parse examples/bekes-2002.txt --format bibtex -o refs.bib
  footcite parse a.txt b.txt --format csl-json               one deduplicated bibliography
  footcite format examples/bekes-2002.txt --style chicago-notes-bibliography
  footcite format examples/bekes-2002.txt --style apa --bibliography
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="footcite",
        description="Turn the footnotes of scholarly writing into a clean bibliography.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"footcite {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    parse = sub.add_parser(
        "parse",
        help="parse the notes of papers into citations and references",
        description="Parse the notes of one or more papers (plain text, notes at the end, or a "
        "notes-only file) into citations and deduplicated references.",
        epilog="example:\n  footcite parse examples/bekes-2002.txt --format csl-json -o refs.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help="text file(s) to parse")
    parse.add_argument(
        "--format",
        choices=["json", "csl-json", "bibtex", "biblatex"],
        default="json",
        help="json: notes + references (default); csl-json: references; bibtex/biblatex",
    )
    _output_args(parse)

    fmt = sub.add_parser(
        "format",
        help="render the notes (or the bibliography) in a CSL style",
        description="Render the parsed notes, or the bibliography, in any CSL style.",
        epilog="example:\n  footcite format examples/bekes-2002.txt --style chicago-notes-bibliography",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="text file(s) to parse")
    fmt.add_argument("--style", default=DEFAULT_STYLE, help=f"CSL style id or .csl path ({DEFAULT_STYLE})")
    fmt.add_argument("--bibliography", action="store_true", help="print the bibliography, not the notes")
    fmt.add_argument("--format", choices=["text", "html", "json"], default="text", dest="output")
    _output_args(fmt)
    return p


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output-file", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")


def _emit(text: str, args: argparse.Namespace) -> None:
    if args.output_file:
        write_atomic(args.output_file, text, overwrite=args.overwrite)
    else:
        sys.stdout.write(text)


def _report(diagnostics: Sequence[Diagnostic]) -> int:
    seen = set()
    worst = 0
    for d in diagnostics:
        line = str(d)
        if line in seen:
            continue
        seen.add(line)
        print(f"footcite: {line}", file=sys.stderr)
        if d.severity is Severity.ERROR:
            worst = 1
    return worst


def _cmd_parse(args: argparse.Namespace) -> int:
    result = run(args.paths)
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
    _emit(text, args)
    return _report(diagnostics)


def rendered_json(rendered: Rendered) -> str:
    data = {
        "notes": [{"number": n.number, "text": n.text} for n in rendered.notes],
        "bibliography": list(rendered.bibliography),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cmd_format(args: argparse.Namespace) -> int:
    load_style_bytes(args.style)  # an unknown style fails before any parsing
    result: Result = run(args.paths)
    output = "html" if args.output == "html" else "text"
    rendered = render(result.notes, result.references, style=args.style, output=output)
    if args.output == "json":
        text = rendered_json(rendered)
    elif args.bibliography:
        text = "\n".join(rendered.bibliography) + ("\n" if rendered.bibliography else "")
    else:
        text = notes_text(rendered)
    _emit(text, args)
    return _report([*result.diagnostics, *rendered.diagnostics])


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "parse":
            return _cmd_parse(args)
        return _cmd_format(args)
    except FootciteError as exc:
        if args.debug:
            raise
        print(f"footcite: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("footcite: interrupted", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for a user
        if args.debug:
            raise
        print(
            f"footcite: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
