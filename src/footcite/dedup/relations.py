"""Relations between merged works (part of, edition, translation), listed on both works.

One paper (`dedup.engine`) and a whole corpus (`batch.corpus_dedup`) turn the verdicts of the
matcher into the same `custom.relations` lists, so both call these functions: a corpus
bibliography then links works exactly as the bibliography of one paper does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

INVERSE = {"part-of": "has-part", "edition": "edition", "translation": "translation"}
"""The relation as seen from the other work; symmetric kinds are their own inverse."""


def relations_between(
    pairs: Sequence[tuple[int, int, str]], active: Sequence[int], record_refs: Sequence[str]
) -> list[tuple[str, str, str]]:
    """(work, work, kind) for verdicts between items of different works, sorted, no repeats.

    `pairs` index into `active`, which indexes into `record_refs` (the work id of each record).
    Symmetric kinds are stored with the smaller id first so one relation is one triple.
    """
    out: set[tuple[str, str, str]] = set()
    for a, b, kind in pairs:
        ra, rb = record_refs[active[a]], record_refs[active[b]]
        if ra == rb:
            continue
        if kind != "part-of" and rb < ra:
            ra, rb = rb, ra
        out.add((ra, rb, kind))
    return sorted(out)


def linked_by_work(relations: Sequence[tuple[str, str, str]]) -> dict[str, list[dict[str, str]]]:
    """Each work's relations as CSL `custom.relations` entries, sorted by type and id."""
    linked: dict[str, list[dict[str, str]]] = defaultdict(list)
    for a, b, kind in relations:
        linked[a].append({"type": kind, "id": b})
        linked[b].append({"type": INVERSE.get(kind, kind), "id": a})
    return {work: sorted(rel, key=lambda r: (r["type"], r["id"])) for work, rel in linked.items()}
