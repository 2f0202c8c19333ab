"""Match what a citation calls a collection to the fonds the authority lists, and check spelling.

Codes match exactly after normalisation ("FO 371/122380" is in "FO 371"). Names match when
every word of the authority's code or title is in the cited name ("Ann Whitman File"), or every
word cited is in the title ("Foreign Office, General Correspondence" is FO 371), or the two are
near after folding personal names to "Surname Initials" ("Dulles, J.F. Papers" is "John Foster
Dulles Papers"). Once a citation is tied to a fonds, its words can be checked against the title
the archive uses, which is how "Goodpastor" for Goodpaster is caught without a dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from footcite.archives.authority import FondsCode, Repository, normalise_name
from footcite.archives.codes import Finding, code_candidates

NAME_ACCEPT = 88.0
_STOP = frozenset(
    ["the", "of", "and", "a", "an", "de", "der", "des", "du", "la", "le", "és", "az", "i", "u", "s"]
)


def _words(text: str) -> list[str]:
    spaced = re.sub(r"\.(?=\S)", ". ", text)
    return [w for w in normalise_name(spaced).split() if w not in _STOP]


def _initials_form(text: str) -> str | None:
    """'John Foster Dulles Papers' -> 'dulles j f papers': how footnotes abbreviate creators."""
    m = re.match(
        r"^((?:[A-Z][\w'’\-]*\.?\s+){1,3})([A-Z][\w'’\-]+)\s+(Papers|Records|File|Diaries)\b", text
    )
    if not m:
        return None
    initials = " ".join(w[0].lower() for w in m.group(1).split())
    return f"{normalise_name(m.group(2))} {initials} {m.group(3).lower()}"


@attrs.frozen
class FondsMatch:
    """The authority fonds a citation refers to, and how it was recognised."""

    fonds: FondsCode
    method: str  # "code" | "name" | "title"
    score: float


def match_code(repo: Repository, code: str) -> FondsCode | None:
    """The fonds whose code is this code or one of its parents ('FO 371/1' -> 'FO 371')."""
    for cand in code_candidates(code):
        found = repo.find_fonds(cand)
        if found is not None:
            return found
    return None


def _name_score(cited: str, fonds: FondsCode) -> tuple[float, str]:
    cited_words = _words(cited)
    if not cited_words:
        return 0.0, "name"
    joined = " ".join(cited_words)
    best = (0.0, "name")
    for variant in (fonds.code, _initials_form(fonds.code), _initials_form(fonds.title)):
        if not variant:
            continue
        words = _words(variant) if variant[0].isupper() or variant[0].isdigit() else variant.split()
        if len(words) >= 2 and f" {' '.join(words)} " in f" {joined} ":
            return 100.0, "name"
        best = max(best, (float(fuzz.token_sort_ratio(joined, " ".join(words))), "name"))
    title_words = set(_words(fonds.title))
    if len(cited_words) >= 3 and set(cited_words) <= title_words:
        best = max(best, (95.0, "title"))
    return best


def match_name(repo: Repository, cited: str) -> FondsMatch | None:
    """The one fonds of `repo` whose name or title the cited collection name denotes."""
    scored = sorted(
        ((*_name_score(cited, f), f) for f in repo.fonds),
        key=lambda t: (-t[0], t[2].code),
    )
    if not scored or scored[0][0] < NAME_ACCEPT:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 2 and scored[1][0] >= NAME_ACCEPT:
        return None  # two fonds fit as well: do not guess
    return FondsMatch(scored[0][2], scored[0][1], scored[0][0])


def title_conflict(repo: Repository, code: str, names: Sequence[str]) -> Finding | None:
    """A code cited with a name that is another fonds' title (RG 330 called the JCS records)."""
    fonds = match_code(repo, code)
    if fonds is None:
        return None
    for name in names:
        other = match_name(repo, name)
        if other is None or other.fonds.code == fonds.code or other.score < 95:
            continue
        return Finding(
            "code-title-mismatch",
            f"{code} is '{fonds.title}' in the authority, but the citation calls it {name!r}, "
            f"which is the title of {other.fonds.code} ('{other.fonds.title}'); "
            "one of the two is wrong",
        )
    return None


def spelling(cited: str, fonds: FondsCode) -> list[Finding]:
    """Words of the cited name one or two letters away from a word of the fonds title."""
    reference = {w for w in re.findall(r"[^\W\d_]{4,}", f"{fonds.code} {fonds.title}")}
    folded = {normalise_name(w): w for w in reference}
    findings = []
    for word in dict.fromkeys(re.findall(r"[^\W\d_]{5,}", cited)):
        key = normalise_name(word)
        if key in folded or key.rstrip("s") in {k.rstrip("s") for k in folded}:
            continue
        near = [
            (Levenshtein.distance(key, k), folded[k])
            for k in folded
            if abs(len(k) - len(key)) <= 2 and Levenshtein.normalized_similarity(key, k) >= 0.8
        ]
        if not near:
            continue
        dist, right = min(near)
        if dist > 2:
            continue
        code = "misspelled-name" if word[0].isupper() else "spelling"
        what = "name" if word[0].isupper() else "word"
        findings.append(
            Finding(
                code,
                f"{word!r} looks like a misspelling of the {what} {right!r} "
                f"({fonds.code}: '{fonds.title}')",
            )
        )
    return findings


_HEADING_STOP = re.compile(r"\b([A-ZÀ-Þ][a-zà-ÿ'’\-]{2,})\.\s+((?:[A-Z]\.\s?){1,3})(?=:|\s+Papers)")


def heading_slips(text: str) -> list[Finding]:
    """'Dulles. A. W.: Papers': a full stop where the 'Surname, Initials' heading has a comma."""
    return [
        Finding(
            "ocr-slip",
            f"'{m.group(0).strip()}' has a full stop after the surname; a creator heading is "
            f"'Surname, Initials': read as '{m.group(1)}, {m.group(2).strip()}'",
            "info",
        )
        for m in _HEADING_STOP.finditer(text)
    ]
