"""`footcite dedup FILE... [-o OUT] [--format ...] [--explain]`: merge bibliographies into one."""

from __future__ import annotations

import argparse
import sys

from footcite.commands.common import emit, formatter, output_args, report
from footcite.dedup.engine import deduplicate
from footcite.dedup.inputs import load_records
from footcite.formats import csljson


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "dedup",
        help="merge bibliographies (CSL-JSON, BibTeX, RIS, papers) into one, without duplicates",
        description="Merge bibliographies into one: entries that are one work (however their "
        "names, titles, journals or archival units are written) become one entry that keeps "
        "every value seen (custom.variants), where it came from (custom.merged-from) and links "
        "to related works such as other editions or the book a chapter is in (custom.relations).",
        epilog="examples:\n  footcite dedup a.json b.bib c.ris -o all.json\n"
        "  footcite dedup a.bib b.bib --format bibtex -o all.bib --explain",
        formatter_class=formatter(),
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="bibliographies or papers")
    p.add_argument(
        "--format",
        choices=["csl-json", "bibtex", "biblatex", "ris"],
        default="csl-json",
        help="output format (csl-json)",
    )
    p.add_argument(
        "--explain", action="store_true", help="report on stderr what was merged and why"
    )
    output_args(p)


def run(args: argparse.Namespace) -> int:
    records, diagnostics = load_records(args.paths)
    result = deduplicate(records, explain=args.explain, provenance=True)
    items = list(result.items)
    if args.format == "csl-json":
        text = csljson.dumps(items)
    elif args.format == "ris":
        from footcite.formats.ris import write_ris

        written = write_ris(items)
        text = written.text
        diagnostics.extend(written.diagnostics)
    else:
        from footcite.formats.bibtex import write_bibtex

        written = write_bibtex(items, dialect=args.format)
        text = written.text
        diagnostics.extend(written.diagnostics)
    emit(text, args)
    if args.explain:
        merged = sum(1 for m in result.members.values() if len(m) > 1)
        print(
            f"footcite: {len(records)} records, {len(items)} references, {merged} merged, "
            f"{len(result.relations)} relations",
            file=sys.stderr,
        )
        for line in result.explanations:
            print(line, file=sys.stderr)
    return report(diagnostics)
