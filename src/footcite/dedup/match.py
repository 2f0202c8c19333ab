"""The pairwise decision: are two items one work, related works, or unrelated?

Each kind of evidence adds to or takes from a score, in the spirit of Fellegi-Sunter record
linkage with hand-set weights (the benchmark in `benchmarks/dedup.py` is how they were tuned):

    title       similar (rapidfuzz ratio on folded titles; a dropped subtitle counts as equal)
    creators    the first creator is the same person (`names.compare`), or a conflict
    year        equal, missing, one apart (a misprint), or far apart (another edition)
    container   the same journal or book, abbreviations allowed ("J. Cold War Stud.")
    numbers     volume, issue, first page, report number: a disagreement is strong evidence

Two items whose title and creators agree but whose year or edition differs are not one work:
they are related (another edition; the same article in another journal, a reprint), and the
caller links them instead of merging them; so are two items one of whose titles is the other's
translated title (a translation). The
decision depends on the two items only, never on what was compared before, which is what makes
the clustering independent of the input order.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from footcite.dedup.features import Features
from footcite.dedup.names import DIFFERENT, SAME, WEAK, compare

SAME_WORK = "same"
UNRELATED = "different"
THRESHOLD = 5.5


def title_similarity(a: str, b: str, a_main: str = "", b_main: str = "") -> float:
    """0-100: how alike two folded titles are; a dropped subtitle or a short title counts as 96."""
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    sim = fuzz.ratio(a, b, score_cutoff=60)
    if sim >= 95:
        return sim
    a_main, b_main = a_main or a, b_main or b
    # one side is the other's main title (subtitle dropped), or a prefix of three words or more
    for short, long_, long_main in ((a, b, b_main), (b, a, a_main)):
        if len(short) < len(long_) and (
            short == long_main
            or (long_.startswith(short + " ") and short.count(" ") >= 2)
            or (len(short) > 12 and fuzz.ratio(short, long_main, score_cutoff=92))
        ):
            return 96.0
    return sim


def abbreviation_of(short: str, long_: str) -> bool:
    """Whether each word of `short` starts the matching word of `long_` ("J. Cold War Stud.")."""
    sw, lw = short.split(), long_.split()
    if len(sw) != len(lw):
        return False
    return all(x == y or (len(x) >= 1 and y.startswith(x)) for x, y in zip(sw, lw, strict=True))


def container_agrees(a: str, b: str) -> bool | None:
    """None when one side has no container; else whether they name the same one."""
    if not a or not b:
        return None
    if a == b or abbreviation_of(a, b) or abbreviation_of(b, a):
        return True
    return fuzz.ratio(a, b, score_cutoff=85) > 0


def creators_evidence(a: Features, b: Features) -> int:
    """2 same first creator, 1 weakly the same, 0 unknown, -1 different."""
    if not a.creators or not b.creators:
        return 0
    level = compare(a.creators[0], b.creators[0], 4)
    if level == SAME:
        return 2
    if level == WEAK:
        return 1
    # creators listed in another order, or an editor cited as author
    for p in b.creators[1:4]:
        if compare(a.creators[0], p, 4) != DIFFERENT:
            return 1
    for p in a.creators[1:4]:
        if compare(p, b.creators[0], 4) != DIFFERENT:
            return 1
    return -1


def decide(a: Features, b: Features) -> tuple[str, float, str]:
    """(verdict, score, why): verdict is "same", "different" or a relation name."""
    if a.kind == "archival" or b.kind == "archival":
        return _decide_archival(a, b)
    if a.ids and b.ids:
        shared = set(a.ids) & set(b.ids)
        if shared:
            return SAME_WORK, 10.0, f"same identifier {sorted(shared)[0]}"
    tsim = title_similarity(a.title, b.title, a.title_main, b.title_main)
    if tsim < 80 and a.translated and b.translated:
        tsim = max(tsim, title_similarity(a.translated, b.translated) - 10)
    if tsim < 80:
        cross = 0.0
        if a.translated or b.translated:
            cross = max(
                title_similarity(a.title, b.translated), title_similarity(a.translated, b.title)
            )
        if cross >= 90 and creators_evidence(a, b) >= 0:
            return "translation", 0.0, f"one title translates the other ({cross:.0f})"
        return UNRELATED, 0.0, f"titles differ ({tsim:.0f})"
    score = 5.0 if tsim >= 95 else 3.5 if tsim >= 88 else 1.5
    why = [f"title {tsim:.0f}"]
    who = creators_evidence(a, b)
    if who == -1:
        return UNRELATED, score - 6, "; ".join([*why, "creators differ"])
    score += {2: 3.0, 1: 2.0, 0: 0.0}[who] if (a.creators or b.creators) else 0.0
    if not a.creators and not b.creators and tsim == 100:
        score += 1.0  # anonymous works: the title is all there is
    why.append({2: "same creator", 1: "creator compatible", 0: "creator unknown"}[who])
    if a.kind != b.kind:
        score -= 2.0
        why.append("book vs part")
    related = ""
    if a.year is not None and b.year is not None:
        dy = abs(a.year - b.year)
        if dy == 0:
            score += 1.0
            why.append("same year")
        elif dy == 1:
            score -= 1.0
            why.append("years one apart")
        else:
            score -= 4.0
            related = "edition"
            if a.year == b.original_year or b.year == a.original_year:
                related = "reprint"  # one is dated by the other's original date
            why.append(f"years {a.year}/{b.year}")
    if a.edition and b.edition:
        if a.edition != b.edition:
            related = "edition"
            score -= 4.0
            why.append("editions differ")
        else:
            score += 1.0
    elif a.edition or b.edition:
        score -= 3.0
        why.append("edition on one side only")
    if a.kind == "part" and b.kind == "part":
        agrees = container_agrees(a.container, b.container)
        if agrees is True:
            score += 1.0
            why.append("same container")
        elif agrees is False:
            score -= 4.0
            why.append("containers differ")
            if tsim >= 95 and who == 2 and not related:
                related = "reprint"  # the same article in another journal or book
    if a.publisher and a.publisher == b.publisher:
        score += 0.5
        why.append("same publisher")
    for label, x, y in (
        ("volume", a.volume, b.volume),
        ("issue", a.issue, b.issue),
        ("page", a.page, b.page),
        ("number", a.number, b.number),
    ):
        if x and y and x != y:
            score -= 8.0 if label in ("volume", "number") else 2.0
            why.append(f"{label} differs")
    reason = "; ".join(why)
    if score >= THRESHOLD and not related:
        return SAME_WORK, score, reason
    if related and tsim >= 88 and who >= 1:
        return related, score, reason
    return UNRELATED, score, reason


def _decide_archival(a: Features, b: Features) -> tuple[str, float, str]:
    """One archival record: same repository, no unit that differs, enough detail in common."""
    if a.kind != b.kind:
        return UNRELATED, 0.0, "archival vs published"
    if a.archive != b.archive:
        return UNRELATED, 0.0, "different repositories"
    if a.title and b.title and fuzz.token_set_ratio(a.title, b.title) < 85:
        # two documents or photographs of one collection are two records
        return UNRELATED, 0.0, "document titles differ"
    shared = a.units.keys() & b.units.keys()
    clash = [k for k in sorted(shared) if a.units[k] != b.units[k]]
    if clash:
        return UNRELATED, 0.0, f"{clash[0]} differs"
    docs_a = {c for c in a.codes if c.startswith("#")}
    docs_b = {c for c in b.codes if c.startswith("#")}
    if docs_a and docs_b and not (docs_a & docs_b):
        return UNRELATED, 0.0, "document numbers differ"
    if a.codes and b.codes and not (a.codes & b.codes):
        return UNRELATED, 0.0, "collection codes differ"
    if len(a.units) != len(b.units) and len(shared) < 2:
        return UNRELATED, 0.0, "cited at different levels"
    agree = len(shared) + len(a.codes & b.codes)
    csim = None
    if a.collection and b.collection:
        csim = fuzz.token_set_ratio(a.collection, b.collection)
    same_repo = "same repository"
    if agree >= 2:  # box and folder, fond and delo: a record, however its collection is named
        return SAME_WORK, 6.0 + agree, f"{same_repo}; {agree} units or codes agree"
    if agree >= 1 and (csim is None or csim >= 80):
        return SAME_WORK, 6.0 + agree, f"{same_repo}; {agree} units or codes agree; names {csim}"
    bare = not (a.units or b.units or a.codes or b.codes)
    if bare and not (a.collection or b.collection) and a.location == b.location:
        return SAME_WORK, 6.0, f"{same_repo}; nothing more is cited"
    if (
        bare
        and (csim or 0) >= 95
        and a.location == b.location
        and fuzz.token_sort_ratio(a.collection, b.collection) >= 95
    ):
        return SAME_WORK, 6.0, f"{same_repo}; collection {csim:.0f}"
    return UNRELATED, float(agree), "not enough archival detail in common"
