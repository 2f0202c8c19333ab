"""Scores of a parser against annotated notes: citation segmentation and field P/R/F1.

Spans are compared after trimming spaces and separating punctuation (" .,;:") at both ends, so
"Kovrig," and "Kovrig" are one author; a field also loses the quotation marks around it, so
"“A Policy of Boldness,”" and "A Policy of Boldness" are one title (the CSL value is the same:
`tocsl` drops them, and annotators of different habits put « » inside or outside the tag).
Anything else must match exactly. Field scores are
end to end: a field of a citation the parser did not find counts as missed, and a field of an
invented citation as wrong. `fields_on_gold` scores the field tagger alone, on gold citations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from footcite.parse.corpus import GoldNote

ARCHIVAL = frozenset(
    {
        "archive",
        "archive-place",
        "fonds",
        "series",
        "file",
        "item",
        "doc-date",
        "classification",
        "collection",
    }
)
_TRIM = " \t\n.,;:"
_TRIM_FIELD = _TRIM + '“”„‟«»‹›"‘’‚'

Span = tuple[int, int]
FieldKey = tuple[str, int, int]


@attrs.frozen
class Predicted:
    """What a parser says of one note: citation spans, prefix spans, field spans."""

    cites: tuple[Span, ...]
    prefixes: tuple[Span, ...]
    fields: tuple[FieldKey, ...]


def trim(text: str, start: int, end: int, chars: str = _TRIM) -> Span:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def trim_field(text: str, start: int, end: int) -> Span:
    """A field span as scored: separating punctuation and enclosing quotation marks trimmed."""
    return trim(text, start, end, _TRIM_FIELD)


@attrs.define
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.tp + self.fn,
        }


@attrs.define
class Scores:
    notes: int = 0
    segmentation: Counts = attrs.field(factory=Counts)
    prefixes: Counts = attrs.field(factory=Counts)
    fields: Counts = attrs.field(factory=Counts)
    archival: Counts = attrs.field(factory=Counts)
    per_field: dict[str, Counts] = attrs.field(factory=dict)
    errors: list[str] = attrs.field(factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "notes": self.notes,
            "segmentation": self.segmentation.as_dict(),
            "prefixes": self.prefixes.as_dict(),
            "fields": self.fields.as_dict(),
            "archival_fields": self.archival.as_dict(),
            "per_field": {k: v.as_dict() for k, v in sorted(self.per_field.items())},
        }


def gold_of(note: GoldNote) -> Predicted:
    return Predicted(
        tuple(trim(note.text, c.start, c.end) for c in note.cites),
        tuple(trim(note.text, s, e) for s, e in note.prefixes),
        tuple(
            (f.tag, *trim_field(note.text, f.start, f.end)) for c in note.cites for f in c.fields
        ),
    )


def _norm(text: str, spans: Iterable[Span]) -> set[Span]:
    return {trim(text, s, e) for s, e in spans} - {(s, s) for s, _ in spans}


def score(notes: Sequence[GoldNote], predict: Callable[[str], Predicted]) -> Scores:
    """Score `predict` (note text -> Predicted) on every note."""
    out = Scores()
    for note in notes:
        gold = gold_of(note)
        pred = predict(note.text)
        out.notes += 1
        g_cites, p_cites = set(gold.cites), _norm(note.text, pred.cites)
        out.segmentation.add(g_cites, p_cites)
        out.prefixes.add(set(gold.prefixes), _norm(note.text, pred.prefixes))
        g_f = set(gold.fields)
        p_f = {(t, *trim_field(note.text, s, e)) for t, s, e in pred.fields}
        _add_fields(out, g_f, p_f)
        if g_cites != p_cites:
            out.errors.append(f"{note.id}: citations {sorted(g_cites)} != {sorted(p_cites)}")
        for tag, s, e in sorted((g_f ^ p_f) - set()):
            side = "missed" if (tag, s, e) in g_f else "wrong"
            out.errors.append(f"{note.id}: {side} {tag} {note.text[s:e]!r}")
    return out


def _add_fields(out: Scores, gold: set[FieldKey], pred: set[FieldKey]) -> None:
    out.fields.add(gold, pred)
    out.archival.add({g for g in gold if g[0] in ARCHIVAL}, {p for p in pred if p[0] in ARCHIVAL})
    for tag in {g[0] for g in gold} | {p[0] for p in pred}:
        counts = out.per_field.setdefault(tag, Counts())
        counts.add({g for g in gold if g[0] == tag}, {p for p in pred if p[0] == tag})


def score_fields_on_gold(
    notes: Sequence[GoldNote], tag_cite: Callable[[str, int], Iterable[FieldKey]]
) -> Scores:
    """The field stage alone: each gold citation's text tagged, against its gold fields."""
    out = Scores()
    for note in notes:
        out.notes += 1
        for cite in note.cites:
            gold = {(f.tag, *trim_field(note.text, f.start, f.end)) for f in cite.fields}
            text = note.text[cite.start : cite.end]
            pred = {(t, *trim_field(note.text, s, e)) for t, s, e in tag_cite(text, cite.start)}
            _add_fields(out, gold, pred)
    return out


def tag_counts(notes: Sequence[GoldNote]) -> Counter[str]:
    return Counter(f.tag for n in notes for c in n.cites for f in c.fields)
