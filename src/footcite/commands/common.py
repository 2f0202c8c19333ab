"""What every subcommand shares: output arguments, writing, reporting diagnostics."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from footcite.diagnostics import Diagnostic, Severity
from footcite.outputs import write_atomic


def output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output-file", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")


def emit(text: str, args: argparse.Namespace) -> None:
    if getattr(args, "output_file", None):
        write_atomic(args.output_file, text, overwrite=args.overwrite)
    else:
        sys.stdout.write(text)


def report(diagnostics: Sequence[Diagnostic]) -> int:
    """Print diagnostics on stderr once each; 1 when any is an error, else 0."""
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


def formatter() -> type[argparse.HelpFormatter]:
    return argparse.RawDescriptionHelpFormatter
