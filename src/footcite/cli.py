"""The `footcite` command: a thin shell over the library.

Exit codes: 0 done (notes and warnings may be printed), 1 done but with errors worth a look
(diagnostics of severity error), 2 could not do the work. Problems go to stderr, one per line;
a traceback only with --debug. Each subcommand lives in `footcite.commands.<name>`.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

from footcite import __version__
from footcite.commands import COMMANDS
from footcite.diagnostics import FootciteError

EXAMPLES = """examples:
  footcite parse examples/bekes-2002.txt                      notes, citations, references as JSON
  footcite parse examples/bekes-2002.txt --format bibtex -o refs.bib
  footcite parse a.txt b.txt --format csl-json               one deduplicated bibliography
  footcite format examples/bekes-2002.txt --style chicago-notes-bibliography
  footcite format examples/bekes-2002.txt --style apa --bibliography
"""


def _available() -> list[str]:
    return [c for c in COMMANDS if importlib.util.find_spec(f"footcite.commands.{c}") is not None]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="footcite",
        description="Turn the footnotes of scholarly writing into a clean bibliography.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"footcite {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in _available():
        importlib.import_module(f"footcite.commands.{name}").register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    command = importlib.import_module(f"footcite.commands.{args.command}")
    try:
        return int(command.run(args))
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
