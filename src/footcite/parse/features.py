"""Feature vectors of the two CRFs: tokens of a note (segmentation), tokens of a citation (fields).

Both use the same word facts (`tokens.word_features`) over a window of two tokens, where the
token sits (inside brackets, quotes, after the first colon, how many separators before it) and
what the rule parser decided for it (`ruleguess`), so the model learns where the rules hold.
"""

from __future__ import annotations

import re
from functools import lru_cache

from footcite.parse import ruleguess
from footcite.parse.segment import Segment, evidence, is_prose, segment_note
from footcite.parse.tokens import ABBREVIATION, Token, shape, tokenize, word_features
from footcite.parse.units import split_units

Features = list[list[str]]


def _context(tokens: list[Token], feats: Features) -> None:
    """Add the words (±2) and shapes (±1) of the neighbours, and whether a space separates them."""
    n = len(tokens)
    lows = [t.text.lower() for t in tokens]
    shapes = [shape(t.text) for t in tokens]
    spaced = [i > 0 and tokens[i].start > tokens[i - 1].end for i in range(n)]
    for i, f in enumerate(feats):
        if i >= 2:
            f.append("-2w=" + lows[i - 2])
        if i >= 1:
            f.append("-1w=" + lows[i - 1])
            f.append("-1sh=" + shapes[i - 1])
            if spaced[i]:
                f.append("-1gap")
        else:
            f.append("-1w=<edge>")
        if i + 1 < n:
            f.append("1w=" + lows[i + 1])
            f.append("1sh=" + shapes[i + 1])
            if spaced[i + 1]:
                f.append("1gap")
            if i + 2 < n:
                f.append("2w=" + lows[i + 2])
        else:
            f.append("1w=<edge>")


def _depths(tokens: list[Token]) -> list[str]:
    """Which bracket or quotation each token sits inside ("(", "[", "q" or "")."""
    out = []
    stack: list[str] = []
    for t in tokens:
        ch = t.text
        if ch in "([":
            out.append(stack[-1] if stack else "")
            stack.append(ch)
            continue
        if ch in ")]":
            if stack and stack[-1] == {")": "(", "]": "["}[ch]:
                stack.pop()
            out.append(stack[-1] if stack else "")
            continue
        if ch in "“„«":
            stack.append("q")
        elif ch in "”»" and stack and stack[-1] == "q":
            out.append("q")
            stack.pop()
            continue
        elif ch == '"':
            if stack and stack[-1] == "q":
                out.append("q")
                stack.pop()
                continue
            stack.append("q")
        out.append(stack[-1] if stack else "")
        if len(stack) > 4:
            stack = stack[-4:]
    return out


def note_features(note: str, segments: list[Segment] | None = None) -> tuple[list[Token], Features]:
    """Token features of a whole note, for the note -> citations tagger."""
    tokens = tokenize(note)
    if segments is None:
        segments = segment_note(note)
    rule = ruleguess.segment_labels(note, segments)
    units = split_units(note)
    unit_at: list[int] = []
    k = 0
    for t in tokens:
        while k + 1 < len(units) and t.start >= units[k + 1].start:
            k += 1
        unit_at.append(k)
    unit_facts = []
    for u in units:
        ev = min(evidence(u.text), 4)
        unit_facts.append((f"uev={ev}", "uprose" if is_prose(u.text) else "ubib", u.after))
    depth = _depths(tokens)
    n = len(tokens)
    feats: Features = []
    for i, t in enumerate(tokens):
        f = ["bias", *word_features(t.text)]
        r = rule[t.start]
        f.append("r=" + r)
        if i:
            f.append("r-1=" + rule[tokens[i - 1].start] + r)
        if i + 1 < n:
            f.append("r+1=" + rule[tokens[i + 1].start])
        if units:
            u = unit_at[i]
            ev, prose, after = unit_facts[u]
            f += [ev, prose, "uafter=" + after]
            if i == 0 or unit_at[i - 1] != u:
                f.append("ustart")
                f.append("ustart|" + ev)
            if u:
                f.append("prevafter=" + units[u - 1].after)
        if depth[i]:
            f.append("in" + depth[i])
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        feats.append(f)
    _context(tokens, feats)
    return tokens, feats


_COLON_AUTHOR = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞŐŰČŠŽŘŁ][\w’'\-]*+\.?[\s,—–-]*+(?:and\s+|és\s+|und\s+|&\s+)?){1,8}"
    r"(?:\((?:eds?|szerk|Hrsg|red)\.?\)\s*)?:"
)


_IN_MARK = re.compile(r"(?:^|[.,;]\s+)(?:In|in|W|V|Dans|dans)(?::|\s+[A-ZÀ-ÞŐŰ“\"])")


def _style(text: str) -> str:
    """ "Name: Title. Place, Publisher, Year." (colon habit) or the comma habit of Chicago."""
    if _COLON_AUTHOR.match(text.strip()):
        return "S:colon"
    return "S:comma"


EXTRAS: frozenset[str] = frozenset()
"""Feature groups of the field CRF beyond the base set: "chunk" (the comma/full-stop delimited
stretch a token sits in) and "anchor" (its chunk's distance to the first year, colon, "In").
Cross-validation on the training split: +0.8 field F1 and +2.4 archival F1 points alone, and
with B-/I- labels (`training.BIO`) +3 and +4 points; but they cost ~13% of parse throughput
(and B-/I- labels another ~15%), which the >= 1,000 notes/s budget does not allow, so both
stay off until feature extraction is cheaper. benchmarks/parse_cv.py --extras chunk,anchor --bio
measures them."""
_SEPARATORS = frozenset(",.;:")
_CHUNK_FLAGS = frozenset(
    {"year", "role", "vol", "iss", "ser", "genre", "unit", "pub", "place", "cont", "month", "arch"}
)


_CHLEN = tuple(f"chlen={k}" for k in range(8))
_SINCE = tuple(f"since={k}" for k in range(6))
_TOEND = tuple(f"chtoend={k}" for k in range(5))
_MARKS = ("year", "colon", "in")
_AT = {m: tuple(f"{m}@{d}" for d in (0, 1, 2, 3, -3, -2, -1)) for m in _MARKS}
"""Feature strings built once: `_AT[mark][d]` for a distance d in -3..3 (negative from the end)."""


def _ends_chunk(tokens: list[Token], i: int) -> bool:
    """A comma, colon or semicolon ends a chunk; a full stop only when it is not an
    abbreviation's ("Bd. 2", "Ed. Gati", "T. Hedges") and the next word opens with a capital
    or a digit ("1998. 55. o." ends the date, "55. o." stays one locator)."""
    if tokens[i].text != "." or i + 1 == len(tokens):
        return True
    prev = tokens[i - 1].text if i else ""
    if prev in ABBREVIATION or (prev.isalpha() and len(prev) <= 2):
        return False
    nxt = tokens[i + 1].text[0]
    return nxt.isupper() or nxt.isdigit() or not nxt.isalnum()


@lru_cache(maxsize=65536)
def _chunk_flags(word: str, wf: tuple[str, ...]) -> frozenset[str]:
    """What a word tells of the chunk that holds it (a year, a volume word, a digit ...)."""
    flags = {"ch+" + x for x in _CHUNK_FLAGS.intersection(wf)}
    if any(ch.isdigit() for ch in word):
        flags.add("ch+digit")
    return frozenset(flags)


def _chunk_features(tokens: list[Token], depth: list[str], wfs: list[tuple[str, ...]]) -> Features:
    """Where each token sits in its chunk (the stretch up to a comma, full stop, colon or
    semicolon outside brackets) and what that chunk holds: a field mostly fills whole chunks,
    and a chunk with "Bd." or a year is a volume or a date whatever its other words are.
    Chunk-level strings are built once per chunk and shared by its tokens (throughput)."""
    chunks: list[list[int]] = [[]]
    marks: dict[str, int] = {}
    for i, t in enumerate(tokens):
        chunks[-1].append(i)
        c = len(chunks) - 1
        wf = wfs[i]
        if "year" in wf:
            marks.setdefault("year", c)
        if "in" in wf and len(chunks[-1]) == 1:
            marks.setdefault("in", c)
        if t.text in _SEPARATORS and not depth[i]:
            if t.text == ":":
                marks.setdefault("colon", c)
            if _ends_chunk(tokens, i):
                chunks.append([])
    if not chunks[-1]:
        chunks.pop()
    last = len(chunks) - 1
    firsts = [wfs[ch[0]][0][2:] for ch in chunks]
    out: Features = []
    for c, members in enumerate(chunks):
        common: list[str] = []
        if "chunk" in EXTRAS:
            common += [_CHLEN[min(len(members), 7)], _TOEND[min(last - c, 4)], "ch0=" + firsts[c]]
            if c:
                common.append("pch0=" + firsts[c - 1])
            if c < last:
                common.append("nch0=" + firsts[c + 1])
            flags: set[str] = set()
            for i in members:
                flags |= _chunk_flags(tokens[i].text, wfs[i])
            common += sorted(flags)
        if "anchor" in EXTRAS:
            for m in _MARKS:
                at = marks.get(m)
                common.append(m + "@none" if at is None else _AT[m][max(-3, min(3, c - at))])
        for k, _i in enumerate(members):
            if "chunk" in EXTRAS:
                f = [_SINCE[min(k, 5)], *common]
                if k == 0:
                    f.append("chfirst")
                if k == len(members) - 1:
                    f.append("chlast")
            else:
                f = list(common)
            out.append(f)
    return out


_SEPS = tuple(f"seps={k}" for k in range(9))
_POS = tuple(f"pos={k}" for k in range(7))
_REL = tuple(f"rel={k}" for k in range(10))
_END = tuple(f"toend={k}" for k in range(6))
_ARCH_SEPS = tuple("ARCH|" + x for x in _SEPS)
_ARCH_END = tuple("ARCH|" + x for x in _END)


def cite_features(text: str, offset: int = 0) -> tuple[list[Token], Features]:
    """Token features of one citation, for the citation -> fields tagger."""
    tokens = tokenize(text, offset)
    rule = ruleguess.field_labels(text)
    archival = ruleguess.is_archival(text)
    style = _style(text)
    depth = _depths(tokens)
    n = len(tokens)
    feats: Features = []
    seps = 0
    colon = False
    year = False
    after_in = False
    quoted = any(t.text in '“„«"' for t in tokens)
    cite_flags = [
        flag
        for flag, on in (
            ("C:quoted", quoted),
            ("C:arch", archival),
            ("C:in", bool(_IN_MARK.search(text))),
        )
        if on
    ]
    wfs = [word_features(t.text) for t in tokens]
    extra = _chunk_features(tokens, depth, wfs) if EXTRAS else None
    for i, t in enumerate(tokens):
        w = t.text
        wf = wfs[i]
        f = ["bias", *wf, *cite_flags]
        if extra is not None:
            f += extra[i]
        if after_in:
            f.append("afterIn")
            f.append("afterIn|" + wf[1])
        for flag in cite_flags:
            f.append(flag + "|" + wf[1])
        r = rule[t.start - offset]
        f.append("r=" + r)
        f.append(style + "|r=" + r)
        f.append(style + "|" + wf[0])
        if i:
            f.append("r-1=" + rule[tokens[i - 1].start - offset] + "|" + r)
        if i + 1 < n:
            f.append("r+1=" + rule[tokens[i + 1].start - offset])
        s8, e5 = min(seps, 8), min(n - 1 - i, 5)
        f += (_SEPS[s8], _POS[min(i, 6)], _REL[10 * i // n], _END[e5])
        if colon:
            f.append("aftercolon")
        if year:
            f.append("afteryear")
        if depth[i]:
            f.append("in" + depth[i])
        if archival:
            f += ("ARCH", "ARCH|" + wf[0], _ARCH_SEPS[s8], _ARCH_END[e5])
        feats.append(f)
        if w in ",.:;" and not depth[i]:
            seps += 1
            colon = colon or w == ":"
        if w in ("In", "in", "W", "w", "V", "v", "Dans", "dans") and (
            i == 0 or tokens[i - 1].text in ".,:;" or (i + 1 < n and tokens[i + 1].text == ":")
        ):
            after_in = True
        if "year" in wf:
            year = True
    _context(tokens, feats)
    return tokens, feats
