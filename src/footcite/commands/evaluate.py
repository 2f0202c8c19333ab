"""`footcite evaluate [GOLD...] [--split heldout|all] [--json] [--errors N]`: score the parser.

GOLD files follow data/corpus/README.md; without GOLD the shipped corpus is used. By default
only held-out notes are scored (the split `footcite train` never sees), so the figures are
those of notes the model has never seen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from footcite.commands.common import formatter
from footcite.limits import MAX_NOTE_CHARS
from footcite.parse import learned
from footcite.parse.corpus import CorpusError, corpus_files, read_all, split
from footcite.parse.evaluation import Scores, score, score_fields_on_gold


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "evaluate",
        help="score the parser on annotated notes (segmentation and field P/R/F1)",
        description="Parse annotated notes and score citation segmentation and fields "
        "(precision, recall, F1 per field, archival fields together) and parsing speed.",
        epilog="example:\n  footcite evaluate\n  footcite evaluate my-notes.xml --split all --json",
        formatter_class=formatter(),
    )
    p.add_argument("gold", nargs="*", metavar="GOLD", help="annotated corpus file(s)")
    p.add_argument(
        "--split",
        choices=["heldout", "all"],
        default="heldout",
        help="heldout: only notes never trained on (default); all: every note",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="list N disagreements")


def _table(name: str, s: Scores) -> list[str]:
    lines = [f"{name}: {s.notes} notes"]
    for label, c in (
        ("citation segmentation", s.segmentation),
        ("prefixes", s.prefixes),
        ("fields (all)", s.fields),
        ("archival fields", s.archival),
    ):
        lines.append(
            f"  {label:<22} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  (n={c.tp + c.fn})"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        notes = read_all([Path(g) for g in args.gold] if args.gold else corpus_files())
    except (CorpusError, OSError) as exc:
        print(f"footcite: error: {exc}", file=sys.stderr)
        return 2
    too_long = next((n for n in notes if len(n.text) > MAX_NOTE_CHARS), None)
    if too_long is not None:
        # the parser keeps such a note unparsed (limits.parse_notes); scoring it would take
        # minutes and measure nothing
        print(
            f"footcite: error: note {too_long.id} has {len(too_long.text):,} characters, over "
            f"the {MAX_NOTE_CHARS:,} a note may have",
            file=sys.stderr,
        )
        return 2
    if args.split == "heldout":
        notes = split(notes)[1]
    if not notes:
        print("footcite: error: no notes to evaluate", file=sys.stderr)
        return 2
    started = time.perf_counter()
    full = score(notes, learned.predict)
    elapsed = time.perf_counter() - started
    alone = score_fields_on_gold(notes, learned.fields_only)
    if args.json:
        out = {
            "split": args.split,
            "end_to_end": full.as_dict(),
            "field_tagger_on_gold_citations": alone.as_dict(),
            "notes_per_second": round(len(notes) / elapsed, 1),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    lines = _table(f"end to end ({args.split})", full)
    f = alone.fields
    lines.append(
        f"  field tagger alone on gold citations: F1 {f.f1:.3f}, archival {alone.archival.f1:.3f}"
    )
    lines.append(f"  speed (evaluation loop): {len(notes) / elapsed:.0f} notes/s")
    lines.append("  per field (end to end):")
    for tag, c in sorted(full.per_field.items(), key=lambda kv: -(kv[1].tp + kv[1].fn)):
        lines.append(
            f"    {tag:<18} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  n={c.tp + c.fn}"
        )
    if args.errors:
        lines.append("  disagreements:")
        lines += [f"    {e}" for e in full.errors[: args.errors]]
    print("\n".join(lines))
    return 0
