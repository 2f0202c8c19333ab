"""`footcite batch INPUT_DIR -o OUT_DIR [--workers N] [--engine local|dask] [--scheduler ADDR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from footcite.batch import Options, run_batch
from footcite.batch.engines import default_workers
from footcite.commands.common import formatter

EPILOG = """outputs (in OUT_DIR):
  bibliography.json       the merged bibliography of the corpus (CSL-JSON)
  documents/NAME.json     one file per document (the JSON of `footcite parse`)
  citations.jsonl         every citation of every document, with its reference id
  audit.json              the archival audit of the corpus
  report.json             counts per document, and the documents that failed
  diagnostics.txt         every diagnostic, document by document

A rerun reuses the parse of every document whose content has not changed (the cache is in
OUT_DIR/.footcite-batch), so an interrupted batch resumes where it stopped. The output is the
same bytes whichever engine and number of workers are used.

examples:
  footcite batch journal/ -o out/
  footcite batch journal/ -o out/ --workers 8
  footcite batch journal/ -o out/ --engine dask --workers 4
  footcite batch journal/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "batch",
        help="process a whole corpus (a journal's back issues) into one bibliography",
        description="Parse every document of a folder (recursively), deduplicate the citations "
        "across all of them, resolve archives, and write one merged bibliography, one file per "
        "document and a corpus audit. Documents that cannot be read or parsed are reported and "
        "skipped.",
        epilog=EPILOG,
        formatter_class=formatter(),
    )
    p.add_argument("input_dir", metavar="INPUT_DIR", type=Path, help="folder of documents")
    p.add_argument(
        "-o", "--output-dir", metavar="OUT_DIR", type=Path, required=True, help="output folder"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help=f"worker processes (default: the cores of this machine, {default_workers()})",
    )
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: processes on this machine (default); dask: dask.distributed "
        "(pip install 'footcite[dask]')",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler (tcp://host:8786); without it, --engine dask "
        "starts a local cluster of --workers processes",
    )
    p.add_argument(
        "--pattern", default="*.txt", help="file names to take from INPUT_DIR (default: *.txt)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar, no summary")


def run(args: argparse.Namespace) -> int:
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        print("footcite: error: --workers must be at least 1", file=sys.stderr)
        return 2
    options = Options(
        input_dir=args.input_dir,
        out_dir=args.output_dir,
        workers=workers,
        engine=args.engine,
        scheduler=args.scheduler,
        pattern=args.pattern,
        progress=False if args.quiet else None,
    )
    summary = run_batch(options)
    for message in summary.failed.values():
        print(f"footcite: error: {message} [batch-document-failed]", file=sys.stderr)
    if not args.quiet:
        sev = summary.written.severities
        total = summary.seconds.get("total", 0.0)
        print(
            f"footcite: {summary.documents} documents ({summary.parsed} parsed, "
            f"{summary.reused} reused, {len(summary.failed)} failed), {summary.notes} notes, "
            f"{summary.citations} citations, {summary.references} references "
            f"in {total:.1f} s on {summary.engine} x{summary.workers}; "
            f"{summary.written.written} document files written, "
            f"{summary.written.unchanged} unchanged; {sev.get('warning', 0)} warnings, "
            f"{sev.get('error', 0)} errors (see {args.output_dir / 'diagnostics.txt'})",
            file=sys.stderr,
        )
    return 1 if summary.failed or summary.written.severities.get("error") else 0
