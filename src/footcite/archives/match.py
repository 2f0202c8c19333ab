"""Resolve a repository as cited to one entry of the authority, or say why not.

Order of evidence, strongest first: the cited name (with its place appended, then with trailing
parts dropped) is an exact name of one repository; a name listed as ambiguous is settled by the
place or by the codes cited (RG numbers are NARA's, FO numbers TNA's); finally a fuzzy match on
names folded across languages ("Archiv", "Archiwum", "Arkhiv" and "Archives" count as one
word). A fuzzy match is accepted only when it is clearly better than the runner-up for another
repository: a wrong archive is worse than none, so close calls are reported as ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from footcite.archives.authority import Authority, Repository, normalise_name
from footcite.archives.codes import code_candidates

FUZZY_ACCEPT = 88.0
FUZZY_MARGIN = 4.0

# Words that mean the same in repository names across languages, folded to one token.
_SYNONYMS = {
    "archive": "archive", "archives": "archive", "archiv": "archive", "archivum": "archive",
    "archiwum": "archive", "arkhiv": "archive", "arhiv": "archive", "arhivele": "archive",
    "archivio": "archive", "archivo": "archive", "archív": "archive", "archiva": "archive",
    "leveltar": "archive", "leveltara": "archive", "archivy": "archive",
    "national": "national", "nationale": "national", "nationales": "national",
    "narodni": "national", "narodny": "national", "nemzeti": "national",
    "federal": "federal", "bundes": "federal", "state": "state", "staats": "state",
    "statni": "state", "gosudarstvennyi": "state", "library": "library", "bibliothek": "library",
    "biblioteka": "library", "konyvtar": "library", "ministry": "ministry",
    "ministerstvo": "ministry", "ministerstva": "ministry", "ministerstwa": "ministry",
    "foreign": "foreign", "auswartigen": "foreign", "zahranicnich": "foreign",
}  # fmt: skip
_STOP = frozenset(
    ("the", "of", "and", "for", "des", "der", "die", "das", "de", "du", "la", "le", "für", "a",
     "az", "und", "i")
)  # fmt: skip


def fold_words(name: str) -> str:
    """A repository name as language-neutral tokens for fuzzy comparison."""
    words = normalise_name(name).split()
    out = []
    for w in words:
        w = _SYNONYMS.get(w, w)
        if w.endswith("archiv") and w != "archive":  # Bundesarchiv, Staatsarchiv
            out.extend([_SYNONYMS.get(w[: -len("archiv")], w[: -len("archiv")]), "archive"])
            continue
        if w not in _STOP:
            out.append(w)
    return " ".join(out)


@attrs.frozen
class Resolution:
    """What a cited repository name resolved to, and how.

    `method` is one of "exact", "former" (a former name), "context" (an ambiguous name settled
    by place or codes), "fuzzy", "ambiguous" or "unresolved". `matched_name` is the authority
    name that matched; `candidates` lists the ids considered when nothing was chosen.
    """

    cited: str
    repository: Repository | None
    method: str
    matched_name: str | None = None
    score: float | None = None
    candidates: tuple[str, ...] = ()
    former: bool = False


def _places(place: str | None) -> list[str]:
    if not place:
        return []
    return [p.strip() for p in re.split(r",\s*", place) if p.strip()]


def _name_forms(cited: str, place: str | None) -> list[str]:
    """The cited name with places appended, then with trailing comma parts dropped."""
    forms = []
    places = _places(place)
    for k in range(len(places), 0, -1):
        forms.append(", ".join([cited, *places[:k]]))
    parts = [p.strip() for p in cited.split(",")]
    for k in range(len(parts), 0, -1):
        forms.append(", ".join(parts[:k]))
    paren = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", cited)
    if paren:
        forms += [paren.group(1), paren.group(2)]
    return list(dict.fromkeys(f for f in forms if f))


def _fits_context(repo: Repository, places: Sequence[str], codes: Sequence[str]) -> int:
    """How well a candidate fits the place and codes cited (0 = no evidence)."""
    score = 0
    names = " | ".join(normalise_name(n) for n in repo.all_names())
    for place in places:
        key = normalise_name(place)
        if not key or len(key) < 2:
            continue
        if key == normalise_name(repo.city) or re.search(rf"\b{re.escape(key)}\b", names):
            score += 2
    for code in codes:
        for cand in code_candidates(code):
            if repo.find_fonds(cand) is not None:
                score += 3
                break
        else:
            prefix = re.match(r"[A-Z]{1,5}(?=\s?\d)", code)
            if prefix and any(f.code.startswith(prefix.group(0) + " ") for f in repo.fonds):
                score += 1
    return score


def _settle(
    cands: Sequence[Repository], places: Sequence[str], codes: Sequence[str]
) -> Repository | None:
    scored = sorted(((_fits_context(r, places, codes), r.id, r) for r in cands), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][2]
    return None


def _fuzzy(
    authority: Authority, forms: Sequence[str]
) -> tuple[float, str, Repository, bool, float]:
    """Best (score, name, repository, former, runner-up score for another repository)."""
    best: dict[str, tuple[float, str, Repository, bool]] = {}
    for repo in authority:
        named = [(n, False) for n in repo.current_names()]
        named += [(n, True) for n in repo.former_name_strings()]
        for name, former in named:
            folded = fold_words(name)
            if len(folded) < 4:
                continue
            for form in forms:
                cited = fold_words(form)
                if len(cited) < 4:
                    continue
                score = fuzz.ratio(cited, folded)
                if score > best.get(repo.id, (0.0,))[0]:
                    best[repo.id] = (score, name, repo, former)
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[2].id))
    if not ranked:
        raise LookupError("empty authority")
    top = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    return top[0], top[1], top[2], top[3], runner


def _child(
    authority: Authority, parent: Repository, cited: str
) -> tuple[Repository, bool, str] | None:
    """'Bundesarchiv, SAPMO': a unit of the matched repository named after it is more precise."""
    for part in (p.strip() for p in cited.split(",")[1:]):
        found = authority.by_name(part)
        if found is not None and found[0].part_of == parent.id:
            return found[0], found[1], part
    return None


def resolve_repository(
    authority: Authority,
    cited: str,
    place: str | None = None,
    codes: Sequence[str] = (),
) -> Resolution:
    """The authority entry for a repository as cited, with the place and codes as context."""
    forms = _name_forms(cited, place)
    places = _places(place) + [p.strip() for p in cited.split(",")[1:]]
    ambiguous: list[Repository] = []
    for form in forms:
        found = authority.by_name(form)
        if found is not None:
            repo, former = found
            child = _child(authority, repo, cited)
            if child is not None:
                return Resolution(
                    cited,
                    child[0],
                    "former" if child[1] else "exact",
                    child[2],
                    100.0,
                    former=child[1],
                )
            return Resolution(
                cited, repo, "former" if former else "exact", form, 100.0, former=former
            )
        cands = authority.candidates(form)
        if len(cands) > 1 and not ambiguous:
            ambiguous = list(cands)
    if ambiguous:
        chosen = _settle(ambiguous, places, codes)
        ids = tuple(r.id for r in ambiguous)
        if chosen is not None:
            return Resolution(cited, chosen, "context", cited, None, ids)
        return Resolution(cited, None, "ambiguous", None, None, ids)
    try:
        score, name, repo, former, runner = _fuzzy(authority, forms)
    except LookupError:
        return Resolution(cited, None, "unresolved")
    if score >= FUZZY_ACCEPT and score - runner >= FUZZY_MARGIN:
        return Resolution(cited, repo, "fuzzy", name, round(score, 1), former=former)
    if score >= FUZZY_ACCEPT:
        return Resolution(cited, None, "ambiguous", name, round(score, 1), (repo.id,))
    near = (repo.id,) if score >= 70 else ()
    return Resolution(cited, None, "unresolved", name if near else None, round(score, 1), near)
