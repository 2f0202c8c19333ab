"""Clusters of items that are one work, and the links between related works.

Items that the pairwise decision calls the same work are joined (union-find). A pair whose two
items are already in one cluster is not compared again: the clusters are the connected
components of the "same work" graph, and skipping an edge inside a component never changes a
component, so the result does not depend on the order of the items.

Chaining can still join what must stay apart: a citation without a year matches both the 1990
and the 1995 edition of a book. So every cluster is checked for pairs that the decision calls
related or clearly different; such a cluster is rebuilt from its own "same work" edges, strongest
first (ties broken by the items' stable keys), never joining two groups that hold such a pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

import attrs

from footcite.dedup.blocking import blocks, keys_of, pairs_of_block
from footcite.dedup.features import Features
from footcite.dedup.match import (
    SAME_WORK,
    UNRELATED,
    container_agrees,
    decide,
    title_similarity,
)
from footcite.dedup.names import strongly_different

MAX_CHECKED = 80


@attrs.define
class Clustering:
    """Clusters (lists of item indices, each sorted), relations between items, and why."""

    clusters: list[list[int]]
    relations: list[tuple[int, int, str]]
    reasons: dict[tuple[int, int], str]
    compared: int = 0


class _UnionFind:
    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def part_of(part: Features, whole: Features) -> bool:
    """A chapter or article `part` is in the book `whole` (container title = book title)."""
    if not part.container or not whole.title:
        return False
    if title_similarity(part.container, whole.title, part.container, whole.title_main) < 92:
        return False
    return part.year is None or whole.year is None or part.year == whole.year


def cluster(
    features: Sequence[Features], order: Sequence[str], explain: bool = False
) -> Clustering:
    """Cluster items into works; `order` holds a stable key per item (for ties and windows)."""
    n = len(features)
    uf = _UnionFind(n)
    relations: list[tuple[int, int, str]] = []
    reasons: dict[tuple[int, int], str] = {}
    titles = [f.title for f in features]
    compared = 0
    find = uf.find
    for members in blocks((keys_of(f) for f in features), n):
        for a, b in pairs_of_block(members, titles, order):
            if find(a) == find(b):
                continue
            part = part_pair(a, b, features[a], features[b])
            if part is not None:
                relations.append(part)
                continue
            compared += 1
            verdict, _, why = decide(features[a], features[b])
            if verdict == SAME_WORK:
                uf.union(a, b)
                if explain:
                    reasons[(a, b)] = why
            elif verdict != UNRELATED:
                relations.append((a, b, verdict))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    clusters: list[list[int]] = []
    for members in groups.values():
        if len(members) <= 2 or len(members) > MAX_CHECKED:
            clusters.append(members)
        else:
            clusters.extend(split_component(members, features, order, relations))
    return Clustering(clusters, relations, reasons, compared)


def part_pair(a: int, b: int, fa: Features, fb: Features) -> tuple[int, int, str] | None:
    """The (part, whole, "part-of") relation when one item is a part of the other, else None.

    Checked before the same-work decision because a chapter and its book share a title and
    editors, and would otherwise look like one work. The corpus batch scores its blocks with
    this too, so a corpus and one paper link parts to wholes alike.
    """
    if fa.kind == fb.kind or "archival" in (fa.kind, fb.kind):
        return None
    if fa.kind == "part" and part_of(fa, fb):
        return (a, b, "part-of")
    if fb.kind == "part" and part_of(fb, fa):
        return (b, a, "part-of")
    return None


def _conflict(a: Features, b: Features, verdict: str, score: float) -> bool:
    if verdict not in (SAME_WORK, UNRELATED):
        return True  # another edition
    if a.creators and b.creators and strongly_different(a.creators[0], b.creators[0]):
        return True
    return verdict == UNRELATED and score <= -3


def _may_conflict(fs: Sequence[Features]) -> bool:
    """A cheap test that can only err on the safe side: could two of these items clash?"""
    years = [f.year for f in fs if f.year is not None]
    if years and max(years) - min(years) >= 2:
        return True
    for attr in ("edition", "volume", "number"):
        if len({getattr(f, attr) for f in fs} - {""}) > 1:
            return True
    containers = sorted({f.container for f in fs if f.kind == "part" and f.container})
    if any(container_agrees(a, b) is False for a, b in combinations(containers, 2)):
        return True
    firsts = {f.creators[0].family_fold: f.creators[0] for f in fs if f.creators}
    return any(strongly_different(a, b) for a, b in combinations(firsts.values(), 2))


def split_component(
    members: list[int], features: Sequence[Features], order: Sequence[str], relations: list
) -> list[list[int]]:
    """Rebuild one connected component when two of its items must not be one work.

    Public because the corpus batch splits components on its workers with this very function,
    so one paper and a whole corpus are clustered by the same rule.
    """
    if not _may_conflict([features[i] for i in members]):
        return [members]
    ranked = sorted(members, key=lambda i: order[i])
    edges: list[tuple[float, str, str, int, int]] = []
    bad: set[tuple[int, int]] = set()
    for x in range(len(ranked)):
        for y in range(x + 1, len(ranked)):
            a, b = ranked[x], ranked[y]
            verdict, score, _ = decide(features[a], features[b])
            if verdict == SAME_WORK:
                edges.append((-score, order[a], order[b], a, b))
            elif _conflict(features[a], features[b], verdict, score):
                bad.add((a, b))
                bad.add((b, a))
                if verdict != UNRELATED:
                    relations.append((a, b, verdict))
    if not bad:
        return [members]
    edges.sort()
    group = {i: {i} for i in ranked}
    for _, _, _, a, b in edges:
        ga, gb = group[a], group[b]
        if ga is gb or any((x, y) in bad for x in ga for y in gb):
            continue
        ga |= gb
        for i in gb:
            group[i] = ga
    out: dict[int, list[int]] = {}
    for i in ranked:
        out.setdefault(id(group[i]), []).append(i)
    return [sorted(g) for g in out.values()]
