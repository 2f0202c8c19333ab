"""`footcite persons PATH... [--format text|json]`: the persons named, with their variant forms."""

from __future__ import annotations

import argparse
import json

from footcite.commands.common import emit, formatter, output_args, report
from footcite.dedup.inputs import load_records
from footcite.dedup.persons import PersonGroup, persons_of_items


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "persons",
        help="list the persons named in papers or bibliographies, grouping their name forms",
        description="List every person named (authors, editors, translators, contributors), "
        "with the forms their name takes: initials or full names, with or without diacritics, "
        "Hungarian or Chinese order, other romanizations, other-language given names, typos.",
        epilog="examples:\n  footcite persons examples/bekes-2002.txt\n"
        "  footcite persons refs.json refs.bib --format json --variants-only",
        formatter_class=formatter(),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="papers or bibliographies")
    p.add_argument("--format", choices=["text", "json"], default="text", dest="output")
    p.add_argument(
        "--variants-only", action="store_true", help="only persons written in several forms"
    )
    output_args(p)


def _text(groups: list[PersonGroup]) -> str:
    lines = []
    for g in groups:
        data = g.to_json()
        lines.append(f"{g.id}\t{g.name.display}")
        if len(g.variants) > 1:
            forms = ", ".join(
                f"{v['family']}, {v['given']} ({v['count']})"
                if v["given"]
                else f"{v['family']} ({v['count']})"
                for v in data["variants"]
            )
            lines.append(f"\tforms: {forms}")
        lines.append(f"\tas {', '.join(data['roles'])} in: {', '.join(data['works'])}")
    return "\n".join(lines) + ("\n" if lines else "")


def run(args: argparse.Namespace) -> int:
    records, diagnostics = load_records(args.paths)
    items = [{"id": r.original_id or r.key, **r.fields} for r in records]
    groups = persons_of_items(items)
    if args.variants_only:
        groups = [g for g in groups if len(g.variants) > 1]
    if args.output == "json":
        text = json.dumps([g.to_json() for g in groups], ensure_ascii=False, indent=2) + "\n"
    else:
        text = _text(groups)
    emit(text, args)
    return report(diagnostics)
