"""What every subcommand shares: output arguments, writing, reporting diagnostics.

Every subcommand writes its result with `emit` (atomically, never over an existing file without
`--overwrite`) and ends with `return report(diagnostics)`, which prints each diagnostic once on
stderr and gives the exit code of finished work: 0 clean, 1 finished with errors worth a look.
Exit code 2 (could not do the work) comes from a `FootciteError`, which `footcite.cli` turns into
one line on stderr.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable

from footcite.diagnostics import Diagnostic, error, exit_code, for_terminal
from footcite.outputs import write_atomic

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_pending: list[Diagnostic] = []
"""What `emit` had to change to write the result; `report` prints it with the rest, so the
subcommands need not pass it on (and the CLI prints it should a subcommand not report)."""


def output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output-file", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")


def encodable(text: str) -> tuple[str, list[Diagnostic]]:
    """`text` without lone surrogates (JSON input can carry them; UTF-8 cannot), reported."""
    count = len(_SURROGATE.findall(text))
    if not count:
        return text, []
    message = f"{count} lone surrogate code point(s) in the output were written as U+FFFD"
    return _SURROGATE.sub("\ufffd", text), [error("output-surrogates", message)]


def emit(text: str, args: argparse.Namespace) -> None:
    """Write the result to `--output-file` (atomically) or to stdout, as UTF-8."""
    text, problems = encodable(text)
    _pending.extend(problems)
    if getattr(args, "output_file", None) and args.output_file != "-":
        write_atomic(args.output_file, text, overwrite=getattr(args, "overwrite", False))
    else:
        out = sys.stdout
        buffer = getattr(out, "buffer", None)
        encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
        if buffer is not None and encoding not in ("utf-8", "utf8"):
            # a bibliography is UTF-8 whatever the terminal's code page: write the bytes
            out.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            out.write(text)
            out.flush()


def take_pending() -> list[Diagnostic]:
    """The diagnostics of `emit` not yet reported (and forget them)."""
    taken = list(_pending)
    _pending.clear()
    return taken


def report(diagnostics: Iterable[Diagnostic]) -> int:
    """Print diagnostics on stderr once each, safe for a terminal; 1 when any is an error."""
    seen: set[str] = set()
    kept: list[Diagnostic] = []
    for d in [*diagnostics, *take_pending()]:
        line = str(d)
        if line in seen:
            continue
        seen.add(line)
        kept.append(d)
        print(f"footcite: {for_terminal(line)}", file=sys.stderr)
    return exit_code(kept)


def formatter() -> type[argparse.HelpFormatter]:
    return argparse.RawDescriptionHelpFormatter
