"""Feature vectors of the two CRFs: tokens of a note (segmentation), tokens of a citation (fields).

Both use the same word facts (`tokens.word_features`) over a window of two tokens, where the
token sits (inside brackets, quotes, after the first colon, how many separators before it) and
what the rule parser decided for it (`ruleguess`), so the model learns where the rules hold.
"""

from __future__ import annotations

import re

from footcite.parse import ruleguess
from footcite.parse.segment import Segment, evidence, is_prose, segment_note
from footcite.parse.tokens import Token, shape, tokenize, word_features
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
    for i, t in enumerate(tokens):
        w = t.text
        wf = word_features(w)
        f = ["bias", *wf, *cite_flags]
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
        f.append(f"seps={min(seps, 8)}")
        f.append(f"pos={min(i, 6)}")
        f.append(f"rel={10 * i // n}")
        f.append(f"toend={min(n - 1 - i, 5)}")
        if colon:
            f.append("aftercolon")
        if year:
            f.append("afteryear")
        if depth[i]:
            f.append("in" + depth[i])
        if archival:
            f.append("ARCH")
            f.append("ARCH|" + wf[0])
            f.append(f"ARCH|seps={min(seps, 8)}")
            f.append(f"ARCH|toend={min(n - 1 - i, 5)}")
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
