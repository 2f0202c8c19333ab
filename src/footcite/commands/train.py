"""`footcite train [--corpus DIR] [--out DIR] [--seed N] [--generated N]`: rebuild the models.

Trains the note -> citations and citation -> fields CRFs on the training split of the corpus
(the held-out split never enters) and writes them with a manifest of what they were trained on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from footcite.commands.common import formatter
from footcite.parse import tagger
from footcite.parse.corpus import corpus_files
from footcite.parse.training import GENERATED, SEED, models_dir, train_models


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "train",
        help="retrain the learned parser from the annotated corpus",
        description="Train the segmentation and field CRFs on the training split of the corpus "
        "(data/corpus/*.xml, held-out notes excluded) and write them with a manifest. The same "
        "corpus and seed give byte-identical models.",
        epilog="example:\n  footcite train\n  footcite train --out /tmp/models --seed 7",
        formatter_class=formatter(),
    )
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: the shipped one)")
    p.add_argument("--out", metavar="DIR", help=f"where to write models (default: {models_dir()})")
    p.add_argument("--seed", type=int, default=SEED, help=f"seed of generated notes ({SEED})")
    p.add_argument(
        "--generated", type=int, default=GENERATED, help=f"generated notes added ({GENERATED})"
    )


def run(args: argparse.Namespace) -> int:
    files = corpus_files(Path(args.corpus)) if args.corpus else corpus_files()
    if not files:
        print(f"footcite: error: no corpus files (*.xml) in {args.corpus}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else None
    manifest = train_models(files, out, generated=args.generated, seed=args.seed)
    tagger.reset()
    counts = manifest["counts"]
    print(
        f"trained on {counts['notes_train']} corpus notes + {manifest['generated_notes']} "
        f"generated ({counts['citations_train']} citations); "
        f"{counts['notes_heldout_excluded']} held-out notes excluded"
    )
    for name, digest in manifest["models"].items():
        print(f"  {name}  sha256 {digest[:16]}")
    print(f"wrote {out or models_dir()}")
    return 0
