"""When the rule parser's reading of a citation replaces the field model's.

The field CRF reads most citations better than the rules, but a few constructions defeat it:
a list of archival collections in one segment (the tag set has no way to say "several works"),
and a work cited as a whole with nothing the model reads as a title (a journal by its name
and issues; a misread author with no work after it). The predicates here decide, from the
model's spans and the rules' reading, when that has happened; `learned.read_citation` then
takes the rules' reading. Each was chosen and bounded on cross-validation folds of the
training split (benchmarks/parse_cv.py), never on the held-out notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from footcite.parse.tagger import Tagged

Made = tuple[dict[str, Any], str | None, str | None, str, str]
"""(fields, locator value, locator label, kind, citation text): what becomes a Citation."""

SURE = 0.9
"""A segmentation decision with a marginal below this is one the rules may overrule."""
JOURNAL_UNSURE = 0.5
"""A work cited whole goes to the rules only when some span's marginal is below this."""


def collection_list(rules: list[Made], spans: Sequence[Tagged]) -> bool:
    """Whether a segment the rules read as two or more archival citations is such a list
    ("Dwight D. Eisenhower Library, Abilene, Kansas, Eisenhower D. D.: Papers ..., Dulles,
    J. F.: Papers ..."), a construction the tag set cannot carry. Only when the field model is
    unsure of it too: a long signature that the rules cut at its commas is one citation the
    model reads well. And a list of collections names collections, not documents: when the
    model finds a box, file, item or document date, or the rules find a file number, the
    segment is one citation of one document that the rules cut at its commas. On two of the
    five cross-validation folds of the 7,595-note training split, taking the rules' list
    whenever they saw one cost 1.3 to 2.1 archival F1 points; with the confidence guard alone
    about half of that; with both guards nothing (every list they took on those folds was one
    document). 5-fold, end to end: archival F1 0.8801 against 0.8717 with the confidence guard
    alone, field F1 0.9114 against 0.9092."""
    if len(rules) < 2 or any(s.label in _DOCUMENT_LEVEL for s in spans):
        return False
    if any(m[0].get("archive_location") for m in rules):
        return False
    return any(s.confidence < SURE for s in spans)


_DOCUMENT_LEVEL = frozenset({"file", "item", "doc-date"})


def no_work(fields: dict[str, Any], kind: str, spans: tuple[Tagged, ...], text: str) -> bool:
    """A citation where nothing names a work, read by a model unsure of it (a span below
    `JOURNAL_UNSURE`), no back-reference, no archive and no sure fonds:
    * a container but no title and no author: a journal cited as a whole ("CWIHP Bulletin,
      Issues 1 (Spring, 1992), 3 ..."), which the rules read better;
    * an author but no title, genre, series or real interviewer (`text` is the note the spans
      index): a misreading ("Bulletin (Woodrow Wilson International Center" as an author).
    An interview, a thesis or an elliptical "no. 3 (1996): 87–121" is untitled by nature.

    When the model is sure, its reading stands: on two of the five cross-validation folds of
    the training split, handing every such citation to the rules cost 0.6 to 0.7 field F1
    points. With the bounds above the two folds score as without this path (field F1 0.9227
    and 0.9161 against 0.9226 and 0.9162)."""
    if kind not in ("full", "short") or "title" in fields:
        return False
    if any(s.label == "backref" for s in spans):
        return False
    if any(
        s.label == "archive" or (s.label == "fonds" and s.confidence >= JOURNAL_UNSURE)
        for s in spans
    ):
        return False
    if not any(s.confidence < JOURNAL_UNSURE for s in spans):
        return False
    if "container-title" in fields:
        return kind == "full" and "author" not in fields
    if "author" not in fields or "genre" in fields:
        return False  # an elliptical citation ("no. 3 (1996): 87–121"), a thesis
    if any(s.label == "interviewer" and _INTERVIEW_LEAD.match(text, s.start) for s in spans):
        return False  # an interview: named by its author and interviewer, untitled
    return not any(k in fields for k in ("collection-title", "archive_collection"))


_INTERVIEW_LEAD = re.compile(
    r"(?i)(?:\(?(?:interview(?:ed)?|conducted|recorded|by|with|készítette|az interjút|kérdező|"
    r"geführt|durchgeführt|gespräch|interviewer(?:in)?|réalisé|recueilli|entretien|vedl[ia]?|"
    r"rozhovor|ptal|viedol|viedla|pripravil|w rozmowie|nagrana|rozmawia|rozmowę|"
    r"беседовал|интервью|interv'iu)\b)"
)
"""How a note names who conducted an interview ("by", "Készítette:", "geführt von", "réalisé
par", "vedl"): an `interviewer` span without such a lead is a misreading."""
