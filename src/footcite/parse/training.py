"""Train the two CRFs from the corpus and write them, with a manifest, into data/models/.

`footcite train` calls `train_models`. Training reads only the training split (`corpus.split`):
a held-out note never reaches a model. L-BFGS in CRFsuite has no random step and the items are
fed in a fixed order (files sorted, notes in file order), so the same corpus and settings give
byte-identical model files; the manifest records the inputs' sha256 so anyone can check that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

from footcite.parse import augment, features, tokens
from footcite.parse.augment import generated_notes
from footcite.parse.corpus import GoldNote, corpus_dir, corpus_files, read_all, split
from footcite.parse.features import Features, cite_features, note_features
from footcite.parse.tokens import Token

SEED = 1956
"""Seed of the generated colon-habit notes (`augment.py`); L-BFGS itself has no random step."""
GENERATED = 300
"""How many generated notes join the training split."""
SEGMENT_MODEL = "segment.crfsuite"
FIELDS_MODEL = "fields.crfsuite"
MANIFEST = "manifest.json"
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.02,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}
"""L-BFGS settings of both CRFs, chosen by cross-validation on the training split
(benchmarks/parse_cv.py), never on the held-out notes."""
BIO = True
"""Field labels as B-/I- pairs (True) or one plain tag per field (False); see `field_labels`.
On the 6,461-note corpus B-/I- labels raise held-out field F1 from 0.868 to 0.904 and
archival F1 from 0.800 to 0.856; 5-fold cross-validation on the training split, which chose
them, gives +2.9 and +4.7 (0.882 -> 0.910 field, 0.826 -> 0.873 archival, tagger alone). They
double the labels and cost ~20% of parse throughput."""
PLAIN: frozenset[str] = frozenset(
    {
        "accessed",
        "archive-place",
        "doc-date",
        "edition",
        "editor",
        "genre",
        "interviewer",
        "translated-title",
        "url",
    }
)
"""Fields that keep one plain label even when `BIO` is on: 54 labels instead of 63. Tagging and
marginals cost grows with the square of the label count. Chosen by 5-fold CV on the training
split of the 6,461-note corpus: 11 rare fields made plain cost 0.08 field F1 points (tagger
alone 0.9103 -> 0.9095) for 11% more notes per second; the per-field scores then kept B-/I-
for the four of them that lost (collection, note, classification, translator) and made plain
two that gained (editor, doc-date). Making place, publisher, date, pages, volume, number and
the other frequent fields plain as well cost 0.9 points."""


def models_dir() -> Path:
    return Path(str(resources.files("footcite") / "data" / "models"))


def segment_labels(note: GoldNote, tokens: list[Token]) -> list[str]:
    """B-cite/I-cite/B-prefix/I-prefix/O per token of a note."""
    spans = [(c.start, c.end, "cite") for c in note.cites]
    spans += [(s, e, "prefix") for s, e in note.prefixes]
    labels = []
    current: tuple[int, int, str] | None = None
    for t in tokens:
        hit = next((s for s in spans if s[0] <= t.start < s[1]), None)
        if hit is None:
            labels.append("O")
        else:
            labels.append(("I-" if hit == current else "B-") + hit[2])
        current = hit
    return labels


def field_labels(
    note: GoldNote, cite_index: int, tokens: list[Token], *, bio: bool | None = None
) -> list[str]:
    """The field tag of each token of one citation ("O" for separating punctuation).

    With `bio` the first token of a field is "B-tag" and the others "I-tag", so two adjacent
    fields of one type stay two spans (`tagger.runs` decodes both forms). `bio` defaults to
    `BIO` as it is when called (not when this module was imported), so the flag set by
    cross-validation or a test reaches the labels and the manifest alike.
    """
    if bio is None:
        bio = BIO
    fields = note.cites[cite_index].fields
    out = []
    previous = None
    for t in tokens:
        hit = next((f for f in fields if f.start <= t.start < f.end), None)
        if hit is None:
            out.append("O")
        elif bio and hit.tag not in PLAIN:
            out.append(("I-" if hit == previous else "B-") + hit.tag)
        else:
            out.append(hit.tag)
        previous = hit
    return out


def segment_items(notes: Sequence[GoldNote]) -> list[tuple[Features, list[str]]]:
    items = []
    for note in notes:
        tokens, feats = note_features(note.text)
        if tokens:
            items.append((feats, segment_labels(note, tokens)))
    return items


def field_items(
    notes: Sequence[GoldNote], *, bio: bool | None = None
) -> list[tuple[Features, list[str]]]:
    items = []
    for note in notes:
        for k, cite in enumerate(note.cites):
            tokens, feats = cite_features(note.text[cite.start : cite.end], cite.start)
            if tokens:
                items.append((feats, field_labels(note, k, tokens, bio=bio)))
    return items


def train_crf(
    items: Sequence[tuple[Features, list[str]]], path: Path, params: dict[str, Any] | None = None
) -> None:
    """Train one CRF on `items` and write it to `path` (also what cross-validation calls)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(PARAMS if params is None else params)
    trainer.train(str(path))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train_models(
    files: Sequence[Path] | None = None,
    out_dir: Path | None = None,
    *,
    generated: int = GENERATED,
    seed: int = SEED,
) -> dict[str, Any]:
    """Train both models on the training split of `files`; returns the manifest written."""
    files = list(files) if files is not None else corpus_files()
    out = out_dir or models_dir()
    out.mkdir(parents=True, exist_ok=True)
    notes = read_all(files)
    train, held = split(notes)
    extra = generated_notes(generated, seed)
    train = train + extra
    seg_items = segment_items(train)
    fld_items = field_items(train)
    train_crf(seg_items, out / SEGMENT_MODEL)
    train_crf(fld_items, out / FIELDS_MODEL)
    tags = Counter(tag for _, ys in fld_items for tag in ys)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    manifest = {
        "trained": when.strftime("%Y-%m-%d"),
        "seed": seed,
        "generated_notes": generated,
        "generator_table": {
            "name": "generator-works.json",
            "sha256": _sha256(corpus_dir() / "generator-works.json"),
        },
        "generated_sha256": hashlib.sha256(
            "\n".join(n.text for n in extra).encode("utf-8")
        ).hexdigest(),
        "generator_templated_share": augment.TEMPLATED,
        "algorithm": "crfsuite lbfgs",
        "params": PARAMS,
        "field_labels": "B-/I- per field" if BIO else "one tag per field",
        "plain_fields": sorted(PLAIN) if BIO else [],
        "field_features": {
            "extras": sorted(features.EXTRAS),
            "extended_lexicon": tokens.EXTENDED,
            "rule_fields": features.FIELD_RULES,
        },
        "training_files": [{"name": f.name, "sha256": _sha256(f)} for f in files],
        "split": "sha256(note id) % 100 >= 20 trains; < 20 is held out (footcite evaluate)",
        "counts": {
            "notes_train": len(train) - len(extra),
            "notes_heldout_excluded": len(held),
            "citations_train": len(fld_items),
            "segment_tokens": sum(len(ys) for _, ys in seg_items),
            "field_tokens": sum(len(ys) for _, ys in fld_items),
            "field_tags": dict(sorted(tags.items())),
        },
        "models": {
            SEGMENT_MODEL: _sha256(out / SEGMENT_MODEL),
            FIELDS_MODEL: _sha256(out / FIELDS_MODEL),
        },
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    return manifest
