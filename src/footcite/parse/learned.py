"""The learned parse of a note: the segmentation CRF finds citations, the field CRF reads them.

Rules enter twice, as the issue asks: as features of both CRFs, and as a fallback. Every place
where a rule decision overrules or completes the models is listed here:

Segmentation (`find_citations`)
* a model citation that covers two or more rule citations of three words or more (a list of
  collections, "A. and B") is split where the rules split it when the model is unsure, or
  when the rule citations are joined only by "and" after a full stop: the corpus has few
  such lists;
* a model citation touching only archival rule citations takes their spans when the model is
  unsure (a marginal below `SURE`) or the rules see a list there;
* a model citation inside the rules' "the articles of A, B and C in ..." takes the rules' span;
* a model citation that runs into a rule lead-in ("For a recent account ..., see") ends there;
* a model citation no rule saw must show bibliographic evidence, refer back, or be sure and
  cite a number or a repository (this keeps quotations out);
* a rule citation the model left out is kept when the model's "not a citation" is unsure.

Fields (`read_citation`)
* constructions the tag set cannot carry (a title named in the sentence before, "the articles
  of ... in", a list of archival collections in one segment when the model is unsure of it,
  `overrule.collection_list`) take the rule parser's reading;
* a model reading that names no work (no title; a container but no author: a journal cited as a
  whole; or an author but no title, genre or real interviewer) and is unsure of it takes the
  rules' reading when that has a title (`overrule.no_work`);
* a model field whose span has a marginal below `FIELD_SURE` takes the rules' value when the
  rules have that field; the rules never add a field the model did not find.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import attrs

from footcite.parse import lexicon as lx
from footcite.parse import ruleguess, tagger
from footcite.parse.evaluation import Predicted, trim
from footcite.parse.overrule import SURE, Made, collection_list, no_work
from footcite.parse.rulecite import citations_of
from footcite.parse.segment import Segment, evidence, segment_note
from footcite.parse.tagger import Tagged
from footcite.parse.tocsl import to_csl

_BACKREF_WORD = re.compile(lx.BACKREF.pattern.lstrip("^"))
_LEAD_IN = re.compile(
    r"(?i)\b(?:see|see also|cf\.|lásd|vgl\.|siehe|srov\.|viz|zob\.|voir|por\.)\s*:?$"
)
FIELD_SURE = 0.3
"""A field whose lowest token marginal is below this takes the rules' value, if they have one.
Chosen by cross-validation on the training split (benchmarks/parse_cv.py --field-sure): 0.3
beat 0.5 by +0.4 to +0.6 field F1 points (+0.7 to +0.9 archival) in each setting tried, 0.7 was
worse, and 0.2 to 0 changed little."""


@attrs.frozen
class Found:
    """A citation the parser found: its span, the words that introduce it, where it came from."""

    start: int
    end: int
    prefix: str | None
    rule: Segment | None = None
    source: str = "model"


def _prefix_before(text: str, start: int, prefixes: list[Tagged]) -> str | None:
    """The model's prefix right before a citation, if it opens a clause: words that follow a
    lower-case word with no punctuation between ("on the basis of Moscow | archive materials
    in") are the end of a commentary sentence, not words that introduce the citation."""
    for p in prefixes:
        gap = text[p.end : start]
        if p.end <= start and not gap.strip(" ,:;"):
            before = text[: p.start].rstrip()
            if before and before[-1].isalpha() and before[-1].islower():
                return None
            return text[p.start : p.end].strip() or None
    return None


def find_citations(text: str) -> list[Found]:
    """Citation spans of a note, model first, rules as the fallback described above."""
    rules = segment_note(text)
    tokens, labels, probs = tagger.tag_note_tokens(text, rules)
    runs = tagger.runs(tokens, labels, probs)
    prefixes = [r for r in runs if r.label == "prefix"]
    rule_spans = [(trim(text, r.start, r.end), r) for r in rules]
    out: list[Found] = []
    cuts = _rule_prefix_starts(text, rules)
    for run in (r for r in runs if r.label == "cite"):
        run = _cut_before_prefix(run, cuts)
        span = trim(text, run.start, run.end)
        model_prefix = _prefix_before(text, run.start, prefixes)
        same = [r for s, r in rule_spans if s == span]
        inside = [r for s, r in rule_spans if span[0] <= s[0] and s[1] <= span[1]]
        touching = [r for s, r in rule_spans if s[0] < span[1] and span[0] < s[1]]
        if same:
            r = same[0]
            out.append(Found(r.start, r.end, model_prefix or r.prefix, r, "model"))
        elif (_is_list(text, inside) and (run.confidence < SURE or _and_joined(text, inside))) or (
            touching
            and all(r.kind_hint == "archival" for r in touching)
            and (_is_list(text, touching) or run.confidence < SURE)
        ):
            for k, r in enumerate(inside if _is_list(text, inside) else touching):
                prefix = (model_prefix or r.prefix) if k == 0 else r.prefix
                out.append(Found(r.start, r.end, prefix, r, "rules"))
        elif len(touching) == 1 and touching[0].kind_hint == "articles-of":
            # "the articles of A, B and C in a forthcoming volume": the words the construction
            # opens with are part of it, wherever the model starts the citation
            r = touching[0]
            out.append(Found(r.start, r.end, model_prefix or r.prefix, r, "rules"))
        elif len(touching) == 1:
            # the rules' reading of the sentence around it (a narrative title) stays attached
            out.append(Found(run.start, run.end, model_prefix, touching[0], "model"))
        elif touching or _plausible(text[run.start : run.end], run.confidence):
            out.append(Found(run.start, run.end, model_prefix, None, "model"))
    for (s, e), r in rule_spans:
        if any(f.start < e and s < f.end for f in out):
            continue
        doubt = [
            p
            for t, lab, p in zip(tokens, labels, probs, strict=True)
            if s <= t.start < e and lab == "O"
        ]
        if not doubt or min(doubt) < SURE:
            out.append(Found(r.start, r.end, r.prefix, r, "rules"))
    return sorted(out, key=lambda f: f.start)


TAG_KEY = {
    "place": "publisher-place",
    "pages": "page",
    "url": "URL",
    "date": "issued",
    "doc-date": "issued",
    "fonds": "archive_collection",
    "series": "archive_collection",
    "collection": "archive_collection",
    "classification": "archive_collection",
    "file": "archive_location",
    "item": "archive_location",
}


def _rule_prefix_starts(text: str, rules: list[Segment]) -> list[int]:
    """Where the rules see a lead-in ("For a recent assessment ..., see") begin."""
    out = []
    for r in rules:
        if r.prefix and _LEAD_IN.search(r.prefix):
            at = text.rfind(r.prefix, 0, r.start + 1)
            if at >= 0:
                out.append(at)
    return out


def _cut_before_prefix(run: Tagged, cuts: list[int]) -> Tagged:
    """A model citation that runs on into the lead-in of the next one ends before it."""
    inside = [c for c in cuts if run.start + 10 < c < run.end]
    return attrs.evolve(run, end=min(inside)) if inside else run


def _plausible(cite: str, confidence: float) -> bool:
    """A model citation no rule saw: kept when it shows bibliographic evidence, refers back, or
    is sure and cites something (a number, a repository); a quotation shows none of these."""
    if confidence < 0.5:
        return False
    if evidence(cite) >= 1 or _BACKREF_WORD.search(cite):
        return True
    # sure, and with a number or a repository to cite (archival references show no year)
    return confidence >= SURE and bool(re.search(r"\d", cite) or lx.ARCHIVE_WORDS.search(cite))


_AND_GAP = re.compile(
    r"(?<!\s)\s++(?:(?:and|und|és|et|i|a|a także|sowie)"
    r"|(?:(?:[Aa]nd|[Uu]nd|[ÉéEe]s|[Ee]t)\s+)?(?:by the same author|ders\.|dies\.|idem|uő\.?|Uő\.?)"
    r"\s*:?)\s+"
)


def _and_joined(text: str, segments: list[Segment]) -> bool:
    """Rule citations that follow one another as "...1996. and CWIHP Working Papers": a full
    stop or semicolon, then a bare "and" or a same-author lead-in ("1992. And by the same
    author: ..."). The model, trained on few such lists, can read the whole run as one
    citation however sure it is; the rules' split is the better reading."""
    for a, b in pairwise(segments):
        head = text[a.start : a.end].rstrip()
        if not (head.endswith((".", ";")) and _AND_GAP.fullmatch(text[a.end : b.start])):
            return False
    return True


def _is_list(text: str, segments: list[Segment]) -> bool:
    """Two or more rule citations of three words or more: a list the rules split well."""
    return len(segments) >= 2 and all(len(text[r.start : r.end].split()) >= 3 for r in segments)


@attrs.frozen
class Read:
    """One found citation read into CSL fields, with the spans that the evaluation scores."""

    made: tuple[Made, ...]
    spans: tuple[Tagged, ...]
    source: str


def read_citation(text: str, found: Found, previous: list[dict[str, Any]] | None = None) -> Read:
    """Fields of one found citation: the field CRF, field by field overruled where unsure."""
    raw = text[found.start : found.end]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip().rstrip(";").rstrip()
    start = found.start + lead
    seg = attrs.evolve(
        found.rule or Segment(found.start, found.end, found.prefix),
        start=found.start,
        end=found.end,
    )
    spans = tuple(tagger.tag_cite(body, start))
    if seg.same_author:
        spans = _title_not_author(text, spans)
    hint = found.rule.kind_hint if found.rule is not None else None
    narrative = found.rule is not None and found.rule.narrative_title is not None
    rules = citations_of(text, seg, previous) if hint or narrative or not spans else None
    special = (
        hint == "articles-of"
        or narrative
        or (hint == "archival" and rules is not None and collection_list(rules, spans))
    )
    if rules is not None and (special or not spans):
        return Read(tuple(rules), _rule_spans(body, start), "rules")
    model = to_csl(body, start, spans)
    unsure = any(s.confidence < FIELD_SURE for s in spans)
    untitled = no_work(model.fields, model.kind, spans, text)
    if rules is None and (unsure or untitled):
        rules = citations_of(text, seg, previous)
    if untitled and rules and len(rules) == 1 and rules[0][0].get("title"):
        return Read(tuple(rules), _rule_spans(body, start), "rules")  # no title found: rules
    m_fields = {k: v for k, v in model.fields.items() if not k.startswith("_")}
    if seg.same_author and previous and "author" not in m_fields and "editor" not in m_fields:
        m_fields["author"] = previous
    loc = model.locator
    m_made: Made = (
        m_fields,
        loc.value if loc else None,
        loc.label if loc else None,
        model.kind,
        model.text,
    )
    if not rules or len(rules) != 1:
        return Read((m_made,), spans, "model")
    return _merge(m_made, spans, rules[0], body, start)


_ARTICLE = re.compile(r"(?:The|A|An|Der|Die|Das|Le|La|Les|Il|Az|El)\s")


def _title_not_author(text: str, spans: tuple[Tagged, ...]) -> tuple[Tagged, ...]:
    """ "Bennett Kovrig: Of Walls and Bridges. ...; The Myth of Liberation: East-Central Europe
    ...": a further work of the author just named opens with its title, and a title with a
    colon looks like "Name:" to the tagger. In a citation the rules read as the same author's
    next work, an "author" that begins with an article is the start of the title."""
    if len(spans) < 2 or spans[0].label != "author" or spans[1].label != "title":
        return spans
    if not _ARTICLE.match(text, spans[0].start):
        return spans
    first, second = spans[0], spans[1]
    merged = Tagged("title", first.start, second.end, min(first.confidence, second.confidence))
    return (merged, *spans[2:])


def _key(tag: str) -> str:
    return TAG_KEY.get(tag, tag)


def _rule_spans(body: str, start: int) -> tuple[Tagged, ...]:
    return tuple(Tagged(t, s, e, 0.0) for t, s, e in ruleguess.rule_spans(body, start))


def _merge(model: Made, spans: tuple[Tagged, ...], rules: Made, body: str, start: int) -> Read:
    """Field by field: the model where it is sure, else the rules where they have the field."""
    sure: dict[str, float] = {}
    for s in spans:
        sure[_key(s.label)] = min(sure.get(_key(s.label), 1.0), s.confidence)
    m_fields, r_fields = _flat(model[0]), _flat(rules[0])
    fields: dict[str, Any] = {}
    taken: dict[str, str] = {}
    for key in m_fields:
        if key == "type":
            continue
        if sure.get(key, 1.0) < FIELD_SURE and key in r_fields:
            fields[key], taken[key] = r_fields[key], "rules"
        else:
            fields[key], taken[key] = m_fields[key], "model"
    by_rules = taken.get("title") == "rules" or taken.get("container-title") == "rules"
    fields["type"] = (r_fields if by_rules else m_fields).get("type", "document")
    locator, label = model[1], model[2]
    if rules[1] is not None and (locator is None or sure.get("locator", 1.0) < FIELD_SURE):
        locator, label = rules[1], rules[2]
        taken["locator"] = "rules"
    kind = (
        model[3]
        if model[3] == rules[3] or min(sure.values(), default=1) >= FIELD_SURE
        else rules[3]
    )
    kept = [s for s in spans if taken.get(_key(s.label), "model") == "model"]
    if "rules" in taken.values():
        kept += [s for s in _rule_spans(body, start) if taken.get(_key(s.label)) == "rules"]
    source = "rules" if "rules" in taken.values() else "model"
    made: Made = (_unflat(fields), locator, label, kind, model[4])
    return Read((made,), tuple(sorted(kept, key=lambda s: s.start)), source)


def _flat(fields: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in fields.items() if k != "custom"}
    for k, v in (fields.get("custom") or {}).items():
        out["custom:" + k] = v
    return out


def _unflat(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in fields.items():
        if k.startswith("custom:"):
            out.setdefault("custom", {})[k[7:]] = v
        else:
            out[k] = v
    return out


def predict(text: str) -> Predicted:
    """What `footcite evaluate` scores: spans of citations, prefixes and fields of a note."""
    found = find_citations(text)
    fields: list[tuple[str, int, int]] = []
    prefixes: list[tuple[int, int]] = []
    previous: list[dict[str, Any]] | None = None
    for f in found:
        read = read_citation(text, f, previous)
        for made in read.made:
            names = made[0].get("author") or made[0].get("editor")
            if names:
                previous = list(names)
        fields += [(s.label, s.start, s.end) for s in read.spans]
        if f.prefix:
            at = text.rfind(f.prefix, 0, f.start + 1)
            if at >= 0:
                prefixes.append((at, at + len(f.prefix)))
    return Predicted(tuple((f.start, f.end) for f in found), tuple(prefixes), tuple(fields))


def fields_only(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The field CRF alone on a given citation (the evaluation of stage 2 on gold citations)."""
    return [(s.label, s.start, s.end) for s in tagger.tag_cite(text, offset)]
