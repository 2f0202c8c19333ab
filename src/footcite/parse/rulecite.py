"""The rule parser's reading of one citation segment: the fallback of the learned parser.

Kept apart from `note.py` so that the learned parser (`learned.py`) and the evaluation can ask
for it without importing the note entry point.
"""

from __future__ import annotations

import re
from typing import Any

from footcite.parse import lexicon as lx
from footcite.parse.archival import parse_archival
from footcite.parse.fields import parse_citation
from footcite.parse.names import parse_names
from footcite.parse.segment import Segment

_ARTICLES = re.compile(
    r"(?:the\s+)?(?:articles?|essays?|studies|chapters?|contributions?)\s+(?:of|by)\s+"
    r"(?P<names>.+?)\s+in\s+(?P<rest>.+)$",
    re.S,
)
_PUBLISHED_BY = re.compile(r"^(?P<title>.*?)\s+(?:to be\s+)?published by\s+(?P<pub>.+?)\.?$")


Made = tuple[dict[str, Any], str | None, str | None, str, str]


def citations_of(note: str, seg: Segment, previous: list[dict[str, Any]] | None) -> list[Made]:
    """The rule parser's citations of one segment (several for a list of archival collections)."""
    text = note[seg.start : seg.end].strip().rstrip(";").strip()
    if seg.kind_hint == "archival":
        return [(f, None, None, "full", text) for f in parse_archival(text)]
    if seg.kind_hint == "articles-of":
        return [_articles_of(text)]
    inherited = previous if seg.same_author else None
    parsed = parse_citation(text, inherited_authors=inherited)
    fields = dict(parsed.fields)
    if seg.narrative_title:
        fields["title"] = seg.narrative_title
        if seg.narrative_author and "author" not in fields:
            fields["author"] = parse_names(seg.narrative_author)
        if fields.get("type") == "book" and lx.GENRE_WORDS.search(text):
            fields["type"] = "thesis"
    body = text
    locator = parsed.locator
    if locator is not None:
        body = text[: text.rfind(locator.text)].rstrip(" ,.;:") if locator.text in text else text
        if not body.endswith((".", "”", ")")):
            body += "."
    return [
        (
            fields,
            locator.value if locator else None,
            locator.label if locator else None,
            parsed.kind,
            body,
        )
    ]


def _articles_of(text: str) -> Made:
    """ "the articles of A, B and C in a forthcoming volume ... published by P": one volume."""
    m = _ARTICLES.search(text)
    fields: dict[str, Any] = {"type": "book"}
    if m:
        fields["contributor"] = parse_names(m.group("names"))
        rest = m.group("rest").strip().rstrip(".")
        pub = _PUBLISHED_BY.match(rest)
        if pub:
            fields["title"] = pub.group("title").strip()
            fields["publisher"] = pub.group("pub").strip()
        else:
            fields["title"] = rest
        if re.search(r"\bforthcoming\b", rest):
            fields["status"] = "forthcoming"
    return fields, None, None, "full", text
