"""The shipped CRF models: loaded once, tagging notes and citations into labelled spans.

A model file is opened on first use and kept for the process (loading takes milliseconds and
a few MB), so `import footcite` stays cheap for commands that never parse.
"""

from __future__ import annotations

import threading
from pathlib import Path

import attrs
import pycrfsuite

from footcite.parse.features import cite_features, note_features
from footcite.parse.segment import Segment
from footcite.parse.tokens import Token
from footcite.parse.training import FIELDS_MODEL, SEGMENT_MODEL, models_dir

_LOCK = threading.Lock()
_TAGGERS: dict[str, pycrfsuite.Tagger] = {}


class ModelMissing(FileNotFoundError):
    """The package was installed without its trained models (run `footcite train`)."""


def tagger(name: str, directory: Path | None = None) -> pycrfsuite.Tagger:
    if directory is None:
        found = _TAGGERS.get(name)  # the shipped models: no path work on every call
        if found is not None:
            return found
    key = str((directory or models_dir()) / name)
    with _LOCK:
        found = _TAGGERS.get(key)
        if found is None:
            if not Path(key).is_file():
                raise ModelMissing(f"no model at {key}: run `footcite train`")
            found = pycrfsuite.Tagger()
            found.open(key)
            _TAGGERS[key] = found
            if directory is None:
                _TAGGERS[name] = found
        return found


def reset() -> None:
    """Forget loaded models (after `footcite train` rewrote them in this process)."""
    with _LOCK:
        for t in set(_TAGGERS.values()):
            t.close()
        _TAGGERS.clear()


def use_models(directory: Path) -> None:
    """Make every later parse in this process use the models in `directory` instead of the
    shipped ones: cross-validation scores the whole parser (rules fallback included) with the
    models of one fold without threading a path through every caller. `reset()` undoes it."""
    reset()
    for name in (SEGMENT_MODEL, FIELDS_MODEL):
        if (directory / name).is_file():
            found = tagger(name, directory)
            with _LOCK:
                _TAGGERS[name] = found


@attrs.frozen
class Tagged:
    """A labelled stretch of text: label, [start, end) offsets, the model's lowest confidence."""

    label: str
    start: int
    end: int
    confidence: float


def runs(tokens: list[Token], labels: list[str], probs: list[float]) -> list[Tagged]:
    """Maximal runs of one label; "B-x" starts a new run of x, "I-x" continues it."""
    spans: list[list] = []  # [label, start, end, confidence], made Tagged once at the end
    prev = "O"
    for t, lab, p in zip(tokens, labels, probs, strict=True):
        base = lab[2:] if lab[:2] in ("B-", "I-") else lab
        if base == "O":
            prev = "O"
            continue
        if spans and prev == base and not lab.startswith("B-"):
            last = spans[-1]
            last[2] = t.end
            if p < last[3]:
                last[3] = p
        else:
            spans.append([base, t.start, t.end, p])
        prev = base
    return [Tagged(*s) for s in spans]


def _tag(
    t: pycrfsuite.Tagger, feats: list[list[str]], *, o_marginals: bool = True
) -> tuple[list[str], list[float]]:
    """Viterbi labels and each label's marginal; an "O" token's marginal only when asked."""
    t.set(feats)
    labels = t.tag()
    if o_marginals:
        probs = [t.marginal(y, i) for i, y in enumerate(labels)]
    else:
        probs = [1.0 if y == "O" else t.marginal(y, i) for i, y in enumerate(labels)]
    return labels, probs


def tag_note_tokens(
    text: str, segments: list[Segment] | None = None, directory: Path | None = None
) -> tuple[list[Token], list[str], list[float]]:
    """Each token of a note with its B/I-cite, B/I-prefix or O label and that label's marginal."""
    tokens, feats = note_features(text, segments)
    if not tokens:
        return [], [], []
    labels, probs = _tag(tagger(SEGMENT_MODEL, directory), feats)
    return tokens, labels, probs


def tag_note(
    text: str, segments: list[Segment] | None = None, directory: Path | None = None
) -> list[Tagged]:
    """Citation and prefix spans of a note, as the segmentation model reads it."""
    return runs(*tag_note_tokens(text, segments, directory))


def tag_cite(text: str, offset: int = 0, directory: Path | None = None) -> list[Tagged]:
    """Field spans of one citation (offsets shifted by `offset`)."""
    tokens, feats = cite_features(text, offset)
    if not tokens:
        return []
    labels, probs = _tag(tagger(FIELDS_MODEL, directory), feats, o_marginals=False)
    return runs(tokens, labels, probs)
