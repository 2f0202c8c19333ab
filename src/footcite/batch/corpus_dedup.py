"""Deduplication across a corpus: shuffle by blocking key, score inside blocks, union the edges.

This is `footcite.dedup.engine.deduplicate` (as `dedup.documents.assign_references` calls it)
cut into stages that run on workers, with the driver holding only compact records:

1. records: each document's worker computed its citations' blocking keys (`blocking.keys_of`);
   the driver holds per citation its key, its fields as JSON, its rank and what it restates.
2. shuffle: `blocking.blocks` groups the items that share a key, exactly as `cluster` does; the
   blocks, in their order, are cut into partitions of about `SCORE_BUDGET` items.
3. score (workers): pairs inside each block (`pairs_of_block`), the part-of check and the
   pairwise decision (`match.decide`), giving same-work edges and relations.
4. union (driver): the edges joined with union-find; components are the same as `cluster`'s,
   since skipping an edge inside a component never changes a component.
5. split (workers): components of 3 to `MAX_CHECKED` items go through `cluster.split_component`.
6. merge (workers): each work's fields merged by `merge.merge_fields`, its id base by
   `keys.readable_id`; then ids are made unique, relations linked and items built on the
   driver, in the order and with the rules of `engine.deduplicate`.

Partitions depend on the data only, never on the engine or the number of workers, and every
stage is a pure function of its partition: the result is the same bytes whichever engine runs
it. The tests check it against `assign_references` on the same documents.
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from footcite.batch import tasks
from footcite.batch.engines import Engine
from footcite.dedup.blocking import blocks
from footcite.dedup.cluster import MAX_CHECKED
from footcite.dedup.keys import unique_ids
from footcite.dedup.relations import linked_by_work, relations_between

SCORE_BUDGET = 16384
"""Block memberships per score job: big enough to amortise a job, small enough to balance."""
SPLIT_BUDGET = 4096
MERGE_BUDGET = 8192
Tick = Callable[[str, int], None]


class Records:
    """The dedup records of the corpus, documents in name order, as parallel compact arrays."""

    def __init__(self) -> None:
        self._docs: dict[str, list[str]] = {}
        self.names: list[str] = []
        self.start: list[int] = []
        self.keys: list[str] = []
        self.fields: list[str] = []
        self.blocking: list[str] = []
        self.notes = array("i")
        self.ranks = bytearray()
        self.attach = array("i")

    def add(self, name: str, lines: list[str]) -> None:
        """The record lines of one document (see `tasks._records`), in any order of documents."""
        self._docs[name] = lines

    def finish(self) -> None:
        """Lay out the records in document-name order (so indices never depend on arrival)."""
        for name in sorted(self._docs):
            self.names.append(name)
            base = len(self.keys)
            self.start.append(base)
            for line in self._docs.pop(name):
                head, fields = line.split("\t", 1)
                key, note, rank, attach, keys = json.loads(head)
                self.keys.append(key)
                self.fields.append(fields)
                self.notes.append(note)
                self.ranks.append(rank)
                self.attach.append(base + attach if attach >= 0 else -1)
                self.blocking.append("\x1f".join(keys))
        self.start.append(len(self.keys))

    def __len__(self) -> int:
        return len(self.keys)


def _keys(rec: Records, active: list[int]) -> Iterator[list[str]]:
    """The blocking keys of the active records, split on demand (one string kept per record)."""
    for i in active:
        text = rec.blocking[i]
        yield text.split("\x1f") if text else []


@attrs.define
class References:
    """The works of the corpus: items (compact JSON, `id` first) by id, and each record's id."""

    ids: list[str]
    items: dict[str, str]
    record_ref: list[str]
    relations: int = 0


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = array("i", range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _local(members: list[int], rec: Records, active: list[int]) -> tuple[list[str], list[str]]:
    return [rec.fields[active[p]] for p in members], [rec.keys[active[p]] for p in members]


def _score_jobs(rec: Records, active: list[int], jobs: dict[int, list[int]]) -> Iterator:
    """Score jobs: consecutive blocks (in `blocks` order) up to SCORE_BUDGET memberships."""
    batch: list[list[int]] = []
    size = 0
    index = 0
    for block in blocks(_keys(rec, active), len(active)):
        batch.append(block)
        size += len(block)
        if size >= SCORE_BUDGET:
            yield _score_job(index, batch, rec, active, jobs)
            index, batch, size = index + 1, [], 0
    if batch:
        yield _score_job(index, batch, rec, active, jobs)


def _score_job(index: int, batch: list[list[int]], rec: Records, active: list[int], jobs: dict):
    union = sorted({p for block in batch for p in block})
    jobs[index] = union
    where = {p: k for k, p in enumerate(union)}
    fields, order = _local(union, rec, active)
    return index, (fields, order, [[where[p] for p in block] for block in batch])


def _chunks(items: list[list[int]], budget: int) -> Iterator[list[list[int]]]:
    batch: list[list[int]] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item)
        if size >= budget:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _check(outcome: tuple[int, Any, BaseException | None]) -> Any:
    if outcome[2] is not None:
        raise outcome[2]
    return outcome[1]


def _clusters(rec: Records, active: list[int], engine: Engine, tick: Tick) -> tuple[list, list]:
    """Clusters of active positions and relations between positions (stages 2 to 5)."""
    uf = _UnionFind(len(active))
    relations: list[tuple[int, int, str]] = []
    jobs: dict[int, list[int]] = {}
    for outcome in engine.run(tasks.score_task, _score_jobs(rec, active, jobs)):
        same, rel = _check(outcome)
        union = jobs.pop(outcome[0])
        for a, b in same:
            uf.union(union[a], union[b])
        relations.extend((union[a], union[b], kind) for a, b, kind in rel)
        tick("score", len(union))
    groups: dict[int, list[int]] = defaultdict(list)
    for p in range(len(active)):
        groups[uf.find(p)].append(p)
    clusters: list[list[int]] = []
    check: list[list[int]] = []
    for members in groups.values():
        (clusters if len(members) <= 2 or len(members) > MAX_CHECKED else check).append(members)
    split_jobs: list[tuple[int, tuple[Any, ...]]] = []
    unions: list[list[int]] = []
    for k, batch in enumerate(_chunks(check, SPLIT_BUDGET)):
        union = sorted(p for members in batch for p in members)
        where = {p: i for i, p in enumerate(union)}
        unions.append(union)
        fields, order = _local(union, rec, active)
        split_jobs.append((k, (fields, order, [[where[p] for p in m] for m in batch])))
    for outcome in engine.run(tasks.split_task, split_jobs):
        made, rel = _check(outcome)
        union = unions[outcome[0]]
        clusters.extend([union[i] for i in group] for group in made)
        relations.extend((union[a], union[b], kind) for a, b, kind in rel)
        tick("split", len(union))
    return clusters, relations


def _groups(rec: Records, active: list[int], clusters: list[list[int]]) -> list[list[int]]:
    """Record indices of each work: its cluster and the records attached to it, by key."""
    attached: dict[int, list[int]] = defaultdict(list)
    for i, target in enumerate(rec.attach):
        if target >= 0:
            seen = {i}
            while rec.attach[target] >= 0 and target not in seen:
                seen.add(target)
                target = rec.attach[target]
            attached[target].append(i)
    groups = []
    for members in clusters:
        full = [active[m] for m in members]
        for m in list(full):
            full.extend(attached.get(m, ()))
        groups.append(sorted(full, key=lambda i: rec.keys[i]))
    return groups


def _unique_ids(built: list[tuple[str, str, int]], merged: list[str]) -> list[str]:
    """Ids as `engine.deduplicate` makes them (`keys.unique_ids`), from the merged JSON."""
    return unique_ids(
        [b[0] for b in built],
        lambda k: json.dumps(json.loads(merged[built[k][2]]), ensure_ascii=False, sort_keys=True),
    )


def deduplicate(rec: Records, engine: Engine, tick: Tick | None = None) -> References:
    """One reference per work of the corpus; see the module docstring for the stages."""
    tick = tick or (lambda stage, n: None)
    active = [i for i in range(len(rec)) if rec.attach[i] < 0]
    clusters, relations = _clusters(rec, active, engine, tick)
    groups = _groups(rec, active, clusters)
    del clusters
    merged: list[str] = [""] * len(groups)
    bases: list[str] = [""] * len(groups)
    offsets: list[int] = []

    def merge_jobs() -> Iterator[tuple[int, tuple[Any, ...]]]:
        start = 0
        for k, batch in enumerate(_chunks(groups, MERGE_BUDGET)):
            offsets.append(start)
            start += len(batch)
            yield k, ([[(rec.ranks[i], rec.fields[i]) for i in g] for g in batch],)

    for outcome in engine.run(tasks.merge_task, merge_jobs()):
        made = _check(outcome)
        first = offsets[outcome[0]]
        for j, (base, fields) in enumerate(made):
            bases[first + j], merged[first + j] = base, fields
        tick("merge", sum(len(groups[first + j]) for j in range(len(made))))
    built = sorted(
        ((bases[g], rec.keys[groups[g][0]], g) for g in range(len(groups))),
        key=lambda b: (b[0], b[1]),
    )
    ids = _unique_ids(built, merged)
    record_ref = [""] * len(rec)
    id_of_group = [""] * len(groups)
    for k, (_, _, g) in enumerate(built):
        id_of_group[g] = ids[k]
        for i in groups[g]:
            record_ref[i] = ids[k]
    linked = linked_by_work(relations_between(relations, active, record_ref))
    items: dict[str, str] = {}
    for g, ref_id in enumerate(id_of_group):
        item = {"id": ref_id, **json.loads(merged[g])}
        if ref_id in linked:
            item["custom"] = {**(item.get("custom") or {}), "relations": linked[ref_id]}
        items[ref_id] = tasks._compact(item)
    return References(sorted(items), items, record_ref, sum(len(v) for v in linked.values()) // 2)
