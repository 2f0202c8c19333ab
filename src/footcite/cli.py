"""The `footcite` command: a thin shell over the library.

Exit codes, the same for every subcommand: 0 done (notes and warnings may be printed), 1 done
but with errors worth a look (diagnostics of severity error), 2 could not do the work. Problems
go to stderr, one per line; a traceback only with --debug. Each subcommand lives in
`footcite.commands.<name>`; the guarantees below are made here, around any of them:

* a `FootciteError` is one line `footcite: error: ...` and exit code 2;
* any other exception is one line `footcite: internal error: ...` and exit code 2;
* Ctrl-C is one line and exit code 2 (outputs are written atomically, so none is half done);
* a closed stdout (`footcite parse x | head`) ends the run quietly;
* warnings and log records of the libraries footcite uses stay quiet unless --debug;
* stderr never fails on a character the terminal cannot show, and a subcommand's return
  value is always one of 0, 1, 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import logging
import os
import sys
import warnings
from collections.abc import Sequence

from footcite import __version__
from footcite.commands import COMMANDS
from footcite.diagnostics import FootciteError, exit_code, for_terminal

EXAMPLES = """examples:
  footcite parse examples/bekes-2002.txt                      notes, citations, references as JSON
  footcite parse examples/bekes-2002.txt --format bibtex -o refs.bib
  footcite parse a.txt b.txt --format csl-json               one deduplicated bibliography
  footcite format examples/bekes-2002.txt --style chicago-notes-bibliography
  footcite format examples/bekes-2002.txt --style apa --bibliography

exit codes: 0 done, 1 done with errors worth a look (printed on stderr), 2 could not be done
"""

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


def _available() -> list[str]:
    return [c for c in COMMANDS if importlib.util.find_spec(f"footcite.commands.{c}") is not None]


def _debug_flag(p: argparse.ArgumentParser, default: object) -> None:
    p.add_argument(
        "--debug", action="store_true", default=default, help="show tracebacks of internal errors"
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="footcite",
        description="Turn the footnotes of scholarly writing into a clean bibliography.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"footcite {__version__}")
    _debug_flag(p, False)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in _available():
        try:
            importlib.import_module(f"footcite.commands.{name}").register(sub)
        except Exception as exc:  # one broken subcommand must not take the others down
            if "--debug" in sys.argv:
                raise
            _say(f"warning: the {name} command is unavailable ({type(exc).__name__}: {exc})")
    # `footcite parse x --debug` works as well as `footcite --debug parse x`, for every command
    seen: set[int] = set()
    for parser in sub.choices.values():
        if id(parser) not in seen and "--debug" not in parser._option_string_actions:
            seen.add(id(parser))
            _debug_flag(parser, argparse.SUPPRESS)
    return p


def _say(line: str) -> None:
    print(f"footcite: {for_terminal(line)}", file=sys.stderr)


def _quiet_libraries(debug: bool) -> int:
    """Library warnings and log records are not footcite's diagnostics: without --debug they
    would print multi-line noise (bibtexparser logs, citeproc-py warns), so they stay quiet.
    Returns the logging.disable level to restore afterwards."""
    previous = logging.root.manager.disable
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="footcite: debug: %(name)s: %(message)s")
        warnings.simplefilter("default")
    else:
        logging.disable(logging.CRITICAL)
        warnings.simplefilter("ignore")
    return previous


def _safe_stderr() -> None:
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:
        # a stream that cannot be reconfigured mid-way is left as it is
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")


def _stdout_closed() -> int:
    """stdout's reader went away: nothing more can be delivered, and Python must not
    complain about it again when it flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_FAILED


def _run(command: object, args: argparse.Namespace) -> int:
    from footcite.commands.common import report, take_pending

    code = command.run(args)  # type: ignore[attr-defined]
    pending = take_pending()
    if pending:  # the subcommand did not report what emit changed
        report(pending)
        code = max(int(code or 0), exit_code(pending))
    if code is None:
        return EXIT_OK
    code = int(code)
    return code if code in (EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED) else EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    _safe_stderr()
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_FAILED
    with warnings.catch_warnings():
        previous_logging = _quiet_libraries(debug)
        try:
            command = importlib.import_module(f"footcite.commands.{args.command}")
            return _run(command, args)
        except FootciteError as exc:
            if debug:
                raise
            _say(f"error: {exc}")
            return EXIT_FAILED
        except BrokenPipeError:
            return _stdout_closed()
        except KeyboardInterrupt:
            _say("interrupted; no output file was left half-written")
            return EXIT_FAILED
        except OSError as exc:  # the environment, not footcite: a disk full, a permission
            if debug:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            _say(f"error: {where}{exc.strerror or exc}")
            return EXIT_FAILED
        except Exception as exc:  # never a traceback for a user
            if debug:
                raise
            _say(
                f"internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for the details, and please report it)"
            )
            return EXIT_FAILED
        except BaseException as exc:  # a time limit escaping its block; never a traceback
            if debug or isinstance(exc, SystemExit | GeneratorExit):
                raise
            _say(f"internal error: {type(exc).__name__} (run with --debug for the details)")
            return EXIT_FAILED
        finally:
            logging.disable(previous_logging)


if __name__ == "__main__":
    sys.exit(main())
