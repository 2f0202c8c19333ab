"""Feature vectors of the two CRFs: tokens of a note (segmentation), tokens of a citation (fields).

Both use the same word facts (`tokens.word_features`) over a window of two tokens, where the
token sits (inside brackets, quotes, after the first colon, how many separators before it) and
what the rule parser decided for it (`ruleguess`; for the field CRF only whether the citation
opens with a repository, see `FIELD_RULES`), so the model learns where the rules hold.

Feature extraction is most of a parse's cost after the CRFs themselves (the >= 1,000 notes/s
budget), so the loops below build each string once and read the neighbours' words and shapes
from their cached word facts instead of lowercasing and shaping every token again.
"""

from __future__ import annotations

import re
from itertools import chain, pairwise

from footcite.parse import ruleguess
from footcite.parse.pagerange import range_features
from footcite.parse.segment import Segment, evidence, is_prose, segment_note
from footcite.parse.tokens import ABBREVIATION, Token, tokenize, word_features
from footcite.parse.units import split_units

Features = list[list[str]]


def _context(tokens: list[Token], wfs: list[tuple[str, ...]], feats: Features) -> None:
    """Add the words (±2) and shapes (±1) of the neighbours, and whether a space separates them.

    A word's facts open with "w=<lowercased word>" and "sh=<shape>" (`word_features`), so a
    neighbour's feature is that string behind its position ("-1" + "w=kovrig")."""
    n = len(tokens)
    # gap[i]: a space separates token i from token i - 1
    gap = [False] + [b.start > a.end for a, b in pairwise(tokens)]
    for i, f in enumerate(feats):
        if i >= 2:
            f.append("-2" + wfs[i - 2][0])
        if i:
            prev = wfs[i - 1]
            f.append("-1" + prev[0])
            f.append("-1" + prev[1])
            if gap[i]:
                f.append("-1gap")
        else:
            f.append("-1w=<edge>")
        if i + 1 < n:
            nxt = wfs[i + 1]
            f.append("1" + nxt[0])
            f.append("1" + nxt[1])
            if gap[i + 1]:
                f.append("1gap")
            if i + 2 < n:
                f.append("2" + wfs[i + 2][0])
        else:
            f.append("1w=<edge>")


_DEPTH_MARKS = frozenset('()[]“„«”»"')
"""The tokens that open or close a bracket or quotation; every other token only reads the stack."""


def _depths(tokens: list[Token]) -> list[str]:
    """Which bracket or quotation each token sits inside ("(", "[", "q" or "")."""
    out = []
    stack: list[str] = []
    for t in tokens:
        ch = t.text
        if ch not in _DEPTH_MARKS:
            out.append(stack[-1] if stack else "")
            if len(stack) > 4:
                stack = stack[-4:]
            continue
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
    # per unit, its strings: (always, at its first token); built once, shared by its tokens
    unit_feats: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for u, unit in enumerate(units):
        ev = f"uev={min(evidence(unit.text), 4)}"
        common = (ev, "uprose" if is_prose(unit.text) else "ubib", "uafter=" + unit.after)
        start = ("ustart", "ustart|" + ev)
        if u:
            prev = ("prevafter=" + units[u - 1].after,)
            unit_feats.append(((*common, *prev), (*common, *start, *prev)))
        else:
            unit_feats.append((common, (*common, *start)))
    depth = _depths(tokens)
    wfs = [word_features(t.text) for t in tokens]
    rs = [rule[t.start] for t in tokens]
    n = len(tokens)
    feats: Features = []
    k, previous, last_unit = 0, -1, len(units) - 1
    for i, t in enumerate(tokens):
        f = ["bias", *wfs[i]]
        r = rs[i]
        f.append("r=" + r)
        if i:
            f.append("r-1=" + rs[i - 1] + r)
        if i + 1 < n:
            f.append("r+1=" + rs[i + 1])
        if units:
            while k < last_unit and t.start >= units[k + 1].start:
                k += 1
            f += unit_feats[k][1] if k != previous else unit_feats[k][0]
            previous = k
        if depth[i]:
            f.append("in" + depth[i])
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        feats.append(f)
    _context(tokens, wfs, feats)
    return tokens, feats


_COLON_AUTHOR = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞŐŰČŠŽŘŁ][\w’'\-]*+\.?[\s,—–-]*+(?:and\s+|és\s+|und\s+|&\s+)?){1,8}"
    r"(?:\((?:eds?|szerk|Hrsg|red)\.?\)\s*)?:"
)


_SERIAL_MARK = re.compile(
    r"(?:^|[\s,(])(?:roč|ročník|č|no|No|Vol|vol|Jg|H|Heft|Nr|n°|nr|évf|sz|vyp|Vyp|god|issue|Issue|"
    r"Bd|t|T|tom|Tom|z|Zeszyt|fasc)\.?\s*\d"
    r"|\b(?:1[89]|20)\d\d,?\s+(?:no\.|č\.|Nr\.|sz\.|H\.|n°)"
    r"|(?<!\d)\d++\s*+\((?:(?:Spring|Summer|Fall|Autumn|Winter|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+)?(?:1[89]|20)\d\d\)"
)
"""A journal's volume or issue ("roč. 39", "no. 3", "Jg. 12", "18 (2016)") anywhere in a
citation: its closing page range is then the article's `pages`, not a pinpoint `locator`."""

_IN_MARK = re.compile(r"(?=[.,;DIVWdi])(?:^|[.,;]\s+)(?:In|in|W|V|Dans|dans)(?::|\s+[A-ZÀ-ÞŐŰ“\"])")


def _style(text: str) -> str:
    """ "Name: Title. Place, Publisher, Year." (colon habit) or the comma habit of Chicago."""
    if _COLON_AUTHOR.match(text.strip()):
        return "S:colon"
    return "S:comma"


EXTRAS: frozenset[str] = frozenset({"range", "serial"})
"""Feature groups of the field CRF beyond the base set: "chunk" (the comma/full-stop delimited
stretch a token sits in), "anchor" (its chunk's distance to the first year, colon, "In"),
"range" (the width of a page range, `pagerange`) and "serial" (the citation names a journal
volume or issue, `_SERIAL_MARK`). "range" and "serial" are on: a page range's width and a
journal's volume/issue are what tell an article's `pages` from a pinpoint `locator`, the
model's most frequent confusion (345 of 1,430 label swaps in CV). With both, 5-fold CV on the
7,595-note training split gives field F1 0.9198 against 0.9168 without (tagger alone; end to
end 0.8999 against 0.8963). "chunk" and "anchor" are off: +0.3 in CV on the smaller corpus,
nothing on its held-out notes, ~10% of parse throughput (`benchmarks/parse_cv.py --extras`)."""
FIELD_RULES = False
"""Whether the field CRF reads the rule parser's field per token ("r=", "r-1=", "r+1=" and the
habit-conditioned "S:...|r=" features). Without them only the habit's bias stays. Off: on the
7,595-note training split (5-fold CV) they were worth 0.1 field F1 point (0.9179 against
0.9168, tagger alone) and running the rule parser on every citation to make them cost a
seventh of the parse time. The rules still feed the segmentation CRF and stay the fallback
for fields the model is unsure of (`learned.read_citation`)."""
_CHUNK_GROUPS = frozenset({"chunk", "anchor"})
"""The groups `_chunk_features` makes; without them it would only build empty lists."""
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


def _chunk_flags(words: list[str], wfs: list[tuple[str, ...]]) -> list[str]:
    """What the words of a chunk tell of it (a year, a volume word, a digit ...), sorted."""
    flags = ["ch+" + x for x in _CHUNK_FLAGS.intersection(chain.from_iterable(wfs))]
    text = "".join(words)
    if not text.isalpha() and any(map(str.isdigit, text)):  # a letter is never a digit
        flags.append("ch+digit")
    flags.sort()
    return flags


def _chunk_features(tokens: list[Token], depth: list[str], wfs: list[tuple[str, ...]]) -> Features:
    """Where each token sits in its chunk (the stretch up to a comma, full stop, colon or
    semicolon outside brackets) and what that chunk holds: a field mostly fills whole chunks,
    and a chunk with "Bd." or a year is a volume or a date whatever its other words are.
    Chunk-level strings are built once per chunk and shared by its tokens (throughput)."""
    starts = [0]  # the first token of each chunk
    c = 0  # the chunk being read
    marks: dict[str, int] = {}
    for i, t in enumerate(tokens):
        wf = wfs[i]
        if "year" in wf:
            marks.setdefault("year", c)
        if i == starts[-1] and "in" in wf:
            marks.setdefault("in", c)
        if t.text in _SEPARATORS and not depth[i]:
            if t.text == ":":
                marks.setdefault("colon", c)
            if _ends_chunk(tokens, i):
                starts.append(i + 1)
                c += 1
    n = len(tokens)
    if starts[-1] == n:
        starts.pop()
    last = len(starts) - 1
    firsts = [wfs[s][0][2:] for s in starts]
    chunk, anchor = "chunk" in EXTRAS, "anchor" in EXTRAS
    out: Features = []
    for c, start in enumerate(starts):
        end = starts[c + 1] if c < last else n
        size = end - start
        common: list[str] = []
        if chunk:
            common += [_CHLEN[min(size, 7)], _TOEND[min(last - c, 4)], "ch0=" + firsts[c]]
            if c:
                common.append("pch0=" + firsts[c - 1])
            if c < last:
                common.append("nch0=" + firsts[c + 1])
            common += _chunk_flags([t.text for t in tokens[start:end]], wfs[start:end])
        if anchor:
            for m in _MARKS:
                at = marks.get(m)
                common.append(m + "@none" if at is None else _AT[m][max(-3, min(3, c - at))])
        if not chunk:
            out += [list(common) for _ in range(size)]
            continue
        for k in range(size):
            f = [_SINCE[k if k < 5 else 5], *common]
            if k == 0:
                f.append("chfirst")
            if k == size - 1:
                f.append("chlast")
            out.append(f)
    return out


_SEPS = tuple(f"seps={k}" for k in range(9))
_POS = tuple(f"pos={k}" for k in range(7))
_REL = tuple(f"rel={k}" for k in range(10))
_END = tuple(f"toend={k}" for k in range(6))
_ARCH_SEPS = tuple("ARCH|" + x for x in _SEPS)
_ARCH_END = tuple("ARCH|" + x for x in _END)
_IN_WORDS = frozenset(("In", "in", "W", "w", "V", "v", "Dans", "dans"))
"""A container marker ("In", Polish "W", Czech "V", French "Dans") before the host work."""


def cite_features(text: str, offset: int = 0) -> tuple[list[Token], Features]:
    """Token features of one citation, for the citation -> fields tagger."""
    tokens = tokenize(text, offset)
    archival = ruleguess.is_archival(text)
    style = _style(text)
    depth = _depths(tokens)
    n = len(tokens)
    feats: Features = []
    seps = 0
    colon = False
    year = False
    after_in = False
    quoted = any(q in text for q in '“„«"')  # a quotation mark is always a token of its own
    cite_flags = [
        flag
        for flag, on in (
            ("C:quoted", quoted),
            ("C:arch", archival),
            ("C:in", bool(_IN_MARK.search(text))),
            ("C:serial", "serial" in EXTRAS and bool(_SERIAL_MARK.search(text))),
        )
        if on
    ]
    wfs = [word_features(t.text) for t in tokens]
    rs: list[str] | None = None
    if FIELD_RULES:
        rule = ruleguess.field_labels(text)
        rs = [rule[t.start - offset] for t in tokens]
    extra = _chunk_features(tokens, depth, wfs) if EXTRAS & _CHUNK_GROUPS else None
    widths = range_features(tokens) if "range" in EXTRAS else {}
    style_rule, style_word = style + "|r=", style + "|"
    style_bias = style_rule + "-"  # without rule fields: the habit's own bias per label
    for i, t in enumerate(tokens):
        w = t.text
        wf = wfs[i]
        f = ["bias", *wf, *cite_flags]
        if extra is not None:
            f += extra[i]
        if i in widths:
            f.append(widths[i])
        if after_in:
            f += ("afterIn", "afterIn|" + wf[1])
        for flag in cite_flags:
            f.append(flag + "|" + wf[1])
        if rs is None:
            f += (style_bias, style_word + wf[0])
        else:
            r = rs[i]
            f += ("r=" + r, style_rule + r, style_word + wf[0])
            if i:
                f.append("r-1=" + rs[i - 1] + "|" + r)
            if i + 1 < n:
                f.append("r+1=" + rs[i + 1])
        # the capped counts as conditionals: min() is a function call per token
        left = n - 1 - i
        s8, e5 = seps if seps < 8 else 8, left if left < 5 else 5
        f += (_SEPS[s8], _POS[i if i < 6 else 6], _REL[10 * i // n], _END[e5])
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
        if w in _IN_WORDS and (
            i == 0 or tokens[i - 1].text in ".,:;" or (i + 1 < n and tokens[i + 1].text == ":")
        ):
            after_in = True
        if "year" in wf:
            year = True
    _context(tokens, wfs, feats)
    return tokens, feats
