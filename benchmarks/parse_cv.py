"""Cross-validation of the learned parser on the training split: how training choices are made.

    .venv/bin/python benchmarks/parse_cv.py                        # the shipped settings
    .venv/bin/python benchmarks/parse_cv.py --grid "c1=0.1,c2=0.01;c1=0.02,c2=0.05"
    .venv/bin/python benchmarks/parse_cv.py --bio --generated 600 --json cv.json

The held-out notes (`corpus.split`) are never read here: every training choice (CRF settings,
label scheme, features, generated or external data) is compared on the training split alone,
cut into `--folds` folds by a hash of the note id (fixed, and unrelated to the held-out hash).
For each fold the fields CRF trains on the other folds (plus the generated notes, plus any
external data) and is scored on the fold twice: the tagger alone on the gold citations
(`score_fields_on_gold`) and the whole parser end to end (`learned.predict`, rules fallback
included), with a segmentation CRF trained on the same folds. Counts are summed over the folds
(micro F1), so a fold with few archival notes weighs what its notes weigh.

The segmentation models depend only on the note features and the folds: they are trained once
and kept in `--cache` (keyed by a digest of the code and data they depend on), so a run that
varies only the fields CRF costs five fields trainings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footcite.parse import augment, features, learned, tagger, tokens, training  # noqa: E402
from footcite.parse.augment import generated_notes  # noqa: E402
from footcite.parse.corpus import (  # noqa: E402
    FieldSpan,
    GoldCite,
    GoldNote,
    corpus_files,
    read_all,
    split,
)
from footcite.parse.evaluation import Counts, Scores, score, score_fields_on_gold  # noqa: E402
from footcite.parse.features import Features, cite_features  # noqa: E402

Item = tuple[Features, list[str]]
PARSE = ROOT / "src" / "footcite" / "parse"
SEGMENT_INPUTS = ("tokens", "features", "ruleguess", "segment", "units", "lexicon", "augment")
SHARED = Path("/work/shared/data")
ANYSTYLE_TAGS = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "title": "title",
    "container-title": "container-title",
    "journal": "container-title",
    "collection-title": "collection-title",
    "date": "date",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "place",
    "edition": "edition",
    "genre": "genre",
    "note": "note",
    "url": "url",
    "doi": "url",
}
"""AnyStyle tag -> footcite tag; a sequence with any other tag (director, isbn, ...) is left out,
and a citation number is dropped from the text."""
LINKEDBOOKS_TAGS = {
    "author": "author",
    "title": "title",
    "year": "date",
    "pagination": "locator",
    "column": "locator",
    "publicationplace": "place",
    "publisher": "publisher",
    "volume": "volume",
    "tomo": "volume",
    "series": "collection-title",
    "publicationnumber-year": "issue",
    "abbreviation": "backref",
    "archive_lib": "archive",
    "archivalreference": "fonds",
    "box": "file",
    "folder": "file",
    "filza": "file",
    "registry": "file",
    "cartulation": "item",
    "foliation": "item",
    "attachment": "item",
}
"""LinkedBooks task-1 tag -> footcite tag (only archival references are read: the others tag a
journal as a "title", which our scheme calls a container-title); unlisted tags are "O"."""


def _note_of(name: str, k: int, pieces: list[tuple[str | None, str]]) -> GoldNote | None:
    """Pieces (tag or None, text) joined into a one-citation note; None if nothing is tagged."""
    text, fields = "", []
    for tag, piece in pieces:
        if text and piece[:1] not in ".,;:)]»" and text[-1:] not in "([«":
            text += " "
        if tag is not None:
            if fields and fields[-1].tag == tag and fields[-1].end == len(text.rstrip()):
                fields[-1] = FieldSpan(tag, fields[-1].start, len(text) + len(piece))
            else:
                fields.append(FieldSpan(tag, len(text), len(text) + len(piece)))
        text += piece
    if not fields:
        return None
    cite = GoldCite(0, len(text), "document", tuple(fields))
    return GoldNote(f"{name}-{k}", name, text, (cite,), ())


def anystyle_notes(name: str, limit: int) -> list[GoldNote]:
    """The first `limit` usable sequences of an AnyStyle set (core.xml, gold.xml)."""
    from lxml import etree

    root = etree.parse(str(SHARED / "anystyle-parser" / f"{name}.xml")).getroot()
    out: list[GoldNote] = []
    for k, seq in enumerate(root.iter("sequence")):
        children = [c for c in seq if c.tag != "citation-number"]
        if any(c.tag not in ANYSTYLE_TAGS for c in children):
            continue
        pieces = [(ANYSTYLE_TAGS[str(c.tag)], " ".join((c.text or "").split())) for c in children]
        note = _note_of("anystyle-" + name, k, [(t, p) for t, p in pieces if p])
        if note is not None:
            out.append(note)
        if len(out) >= limit:
            break
    return out


def linkedbooks_notes(limit: int) -> list[GoldNote]:
    """The first `limit` archival ("primary") references of LinkedBooks clean_train.txt."""
    path = SHARED / "linkedbooks-deep-reference-parsing" / "clean_train.txt"
    out: list[GoldNote] = []
    current: list[tuple[str | None, str]] = []
    primary = False
    with path.open(encoding="utf-8", newline=None) as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 4 or parts[0] == "-DOCSTART-":
                continue
            token, tag, role, ref = parts
            if ref == "b-r":
                current, primary = [], False
            current.append((LINKEDBOOKS_TAGS.get(tag), token))
            primary = primary or role.endswith("primary")
            if ref == "e-r" and primary:
                note = _note_of("linkedbooks", len(out), current)
                if note is not None:
                    out.append(note)
                if len(out) >= limit:
                    break
    return out


SOURCES = ("anystyle-core", "anystyle-gold", "linkedbooks-archival")


def external_notes(name: str, limit: int) -> list[GoldNote]:
    if name.startswith("anystyle-"):
        return anystyle_notes(name.split("-", 1)[1], limit)
    if name == "linkedbooks-archival":
        return linkedbooks_notes(limit)
    raise SystemExit(f"unknown external set {name!r}: one of {SOURCES}")


def fold_of(note_id: str, folds: int) -> int:
    """A note's fold: a hash of its id with a salt of its own, so the folds cut across the files
    and do not line up with the held-out split (which hashes the bare id)."""
    digest = hashlib.sha256(("cv-fold:" + note_id).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % folds


def parse_grid(text: str) -> list[dict[str, Any]]:
    """ "c1=0.1,c2=0.01;max_iterations=100" -> one PARAMS override per ";"-separated variant."""
    out = []
    for variant in filter(None, (v.strip() for v in text.split(";"))):
        params: dict[str, Any] = {}
        for pair in variant.split(","):
            key, value = pair.split("=")
            params[key.strip()] = float(value) if "." in value else int(value)
        out.append(params)
    return out or [{}]


class FieldCache:
    """Field features and labels of each note, extracted once per run and shared by variants."""

    def __init__(self, bio: bool) -> None:
        self.bio = bio
        self._items: dict[str, list[Item]] = {}

    def items(self, notes: Sequence[GoldNote]) -> list[Item]:
        out: list[Item] = []
        for note in notes:
            got = self._items.get(note.id)
            if got is None:
                got = []
                for k, cite in enumerate(note.cites):
                    toks, feats = cite_features(note.text[cite.start : cite.end], cite.start)
                    if toks:
                        got.append((feats, training.field_labels(note, k, toks, bio=self.bio)))
                self._items[note.id] = got
            out += got
        return out


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for name in SEGMENT_INPUTS:
        h.update((PARSE / f"{name}.py").read_bytes())
    for part in parts:
        h.update(repr(part).encode("utf-8"))
    return h.hexdigest()[:16]


def segment_model(
    cache: Path, fold: int, train: Sequence[GoldNote], generated: int, params: dict[str, Any]
) -> Path:
    """The segmentation CRF of one fold, trained on first use and then read from `cache`
    (keyed by the notes' text and annotations too: the corpus is edited while it is used)."""
    key = _digest(
        sorted((n.id, n.text, n.cites, n.prefixes) for n in train),
        generated,
        params,
        training.SEED,
        tokens.EXTENDED,
        augment.TEMPLATED,
    )
    path = cache / f"segment-{fold}-{key}.crfsuite"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        extra = generated_notes(generated, training.SEED)
        items = training.segment_items([*train, *extra])
        tmp = path.with_suffix(".tmp")
        training.train_crf(items, tmp, params)
        tmp.replace(path)
    return path


def _add(total: Scores, part: Scores) -> None:
    total.notes += part.notes
    total.errors += part.errors
    for name in ("segmentation", "prefixes", "fields", "archival"):
        a, b = getattr(total, name), getattr(part, name)
        a.tp, a.fp, a.fn = a.tp + b.tp, a.fp + b.fp, a.fn + b.fn
    for tag, c in part.per_field.items():
        t = total.per_field.setdefault(tag, Counts())
        t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn


def run_variant(
    notes: Sequence[GoldNote],
    args: argparse.Namespace,
    params: dict[str, Any],
    cache: FieldCache,
    external: list[Item],
) -> dict[str, Any]:
    """Train and score one setting on every fold; returns the summed scores."""
    alone = Scores()
    e2e = {v: Scores() for v in args.field_sure}
    extra = generated_notes(args.generated, training.SEED)
    sure = learned.FIELD_SURE
    started = time.perf_counter()
    for fold in range(args.folds):
        test = [n for n in notes if fold_of(n.id, args.folds) == fold]
        train = [n for n in notes if fold_of(n.id, args.folds) != fold]
        with tempfile.TemporaryDirectory(prefix="footcite-cv-") as tmp:
            d = Path(tmp)
            training.train_crf(
                [*cache.items(train), *cache.items(extra), *external],
                d / training.FIELDS_MODEL,
                params,
            )
            if not args.no_e2e:
                seg = segment_model(args.cache, fold, train, args.generated, training.PARAMS)
                (d / training.SEGMENT_MODEL).symlink_to(seg)
            tagger.use_models(d)
            try:
                _add(alone, score_fields_on_gold(test, learned.fields_only))
                for value, total in e2e.items():
                    if not args.no_e2e:
                        learned.FIELD_SURE = value
                        _add(total, score(test, learned.predict))
            finally:
                learned.FIELD_SURE = sure
                tagger.reset()
    return {
        "params": params,
        "bio": cache.bio,
        "plain": sorted(training.PLAIN),
        "generated": args.generated,
        "templated": augment.TEMPLATED,
        "external": args.external,
        "label": args.label,
        "extras": sorted(features.EXTRAS),
        "lexicon": tokens.EXTENDED,
        "field_rules": features.FIELD_RULES,
        "seconds": round(time.perf_counter() - started, 1),
        "tagger_alone": alone.as_dict(),
        "end_to_end": None if args.no_e2e else e2e[args.field_sure[0]].as_dict(),
        "errors": e2e[args.field_sure[0]].errors,
        "end_to_end_by_field_sure": None
        if args.no_e2e
        else {str(v): e.as_dict() for v, e in e2e.items()},
    }


def _row(r: dict[str, Any]) -> str:
    a = r["tagger_alone"]
    e = r["end_to_end"] or {}
    ef = e.get("fields", {}).get("f1", float("nan"))
    ea = e.get("archival_fields", {}).get("f1", float("nan"))
    es = e.get("segmentation", {}).get("f1", float("nan"))
    return (
        f"{r['label'] or '-':<24} {json.dumps(r['params']):<40} "
        f"alone F1 {a['fields']['f1']:.4f} arch {a['archival_fields']['f1']:.4f} | "
        f"e2e F1 {ef:.4f} arch {ea:.4f} seg {es:.4f}  ({r['seconds']:.0f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--grid", default="", help='PARAMS overrides, "c1=0.1,c2=0.01;c1=0.2"')
    ap.add_argument("--bio", action=argparse.BooleanOptionalAction, default=training.BIO)
    ap.add_argument(
        "--plain",
        default=",".join(sorted(training.PLAIN)),
        help="fields that keep one plain label with --bio (training.PLAIN)",
    )
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: shipped)")
    ap.add_argument("--generated", type=int, default=training.GENERATED)
    ap.add_argument(
        "--templated", type=float, default=augment.TEMPLATED, help="augment.TEMPLATED share"
    )
    ap.add_argument(
        "--external",
        default="",
        help=f"comma-separated external sets to add to every fold's training: {sorted(SOURCES)}",
    )
    ap.add_argument("--external-max", type=int, default=1000, help="sequences per external set")
    ap.add_argument(
        "--extras",
        default=",".join(sorted(features.EXTRAS)),
        help="field feature groups (features.EXTRAS): chunk, anchor; empty for none",
    )
    ap.add_argument("--lexicon", action=argparse.BooleanOptionalAction, default=tokens.EXTENDED)
    ap.add_argument(
        "--field-rules",
        action=argparse.BooleanOptionalAction,
        default=features.FIELD_RULES,
        help="the rule parser's field per token as a field CRF feature (features.FIELD_RULES)",
    )
    ap.add_argument(
        "--field-sure",
        type=lambda v: [float(x) for x in v.split(",")],
        default=[learned.FIELD_SURE],
        help="learned.FIELD_SURE values to score end to end (the first is the main row)",
    )
    ap.add_argument("--no-e2e", action="store_true", help="score the field tagger alone")
    ap.add_argument("--per-field", action="store_true", help="print per-field F1 (end to end)")
    ap.add_argument("--label", default="", help="name of this run in the output")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "footcite-cv")
    ap.add_argument("--json", metavar="FILE", help="append the results (JSON lines) here")
    ap.add_argument(
        "--errors",
        metavar="FILE",
        help="write the end-to-end disagreements of every fold here (training-split notes only)",
    )
    args = ap.parse_args(argv)
    features.EXTRAS = frozenset(filter(None, args.extras.split(",")))
    tokens.EXTENDED = args.lexicon
    features.FIELD_RULES = args.field_rules
    augment.TEMPLATED = args.templated
    tokens.word_features.cache_clear()
    training.PLAIN = frozenset(filter(None, args.plain.split(",")))
    notes = split(read_all(corpus_files(args.corpus)))[0]
    cache = FieldCache(args.bio)
    external: list[Item] = []
    for name in filter(None, args.external.split(",")):
        external += cache.items(external_notes(name, args.external_max))
    print(
        f"{args.folds}-fold CV on {len(notes)} training-split notes "
        f"(+{args.generated} generated, +{len(external)} external sequences); held-out unread"
    )
    for overrides in parse_grid(args.grid):
        params = {**training.PARAMS, **overrides}
        result = run_variant(notes, args, params, cache, external)
        result["params"] = overrides
        print(_row(result), flush=True)
        for value, e in list((result["end_to_end_by_field_sure"] or {}).items())[1:]:
            print(
                f"{'':<24} FIELD_SURE={value:<29} e2e F1 {e['fields']['f1']:.4f} "
                f"arch {e['archival_fields']['f1']:.4f}"
            )
        if args.per_field:
            side = result["end_to_end"] or result["tagger_alone"]
            for tag, c in sorted(side["per_field"].items(), key=lambda kv: -kv[1]["support"]):
                print(f"    {tag:<18} F1 {c['f1']:.3f}  n={c['support']}")
        if args.errors:
            with open(args.errors, "w", encoding="utf-8") as fh:
                fh.writelines(e + "\n" for e in result.pop("errors"))
        result.pop("errors", None)
        if args.json:
            with open(args.json, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
