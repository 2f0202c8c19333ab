"""Deduplicate records into references: features, blocking, pairwise decision, clusters, merge.

This is the library entry point behind `footcite parse` (citations of papers), `footcite dedup`
(bibliography files) and the benchmark. A `Record` is one statement of a work (a citation or a
bibliography entry) with a stable `key`; the result gives one CSL item per work, the reference
id of every record, the relations between works and, on request, why records were merged.

Ids are stable: a work keeps its id whatever the order of the input, because everything that
decides an id (clusters, the merged fields, the order in which clashing ids get suffixes) is a
function of the records' content and keys, never of their positions.
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from footcite.dedup.cluster import cluster
from footcite.dedup.features import extract
from footcite.dedup.keys import readable_id, unique_ids
from footcite.dedup.merge import merge_fields
from footcite.dedup.relations import linked_by_work, relations_between


@attrs.frozen
class Record:
    """One statement of a work.

    `key` is unique and stable (a citation id, "file#entry-id"); `rank` 0 for a full statement,
    1 for a short form or back-reference, whose values only count when no full one has them;
    `attach_to` names the key of the record this one is known to restate (a resolved "Ibid." or
    short form), so it joins that record's work without being compared; `original_id` is the id
    the record had in its input file, preferred as the reference id.
    """

    key: str
    fields: Mapping[str, Any]
    source: str = ""
    note: int | None = None
    rank: int = 0
    attach_to: str | None = None
    original_id: str | None = None


@attrs.frozen
class DedupResult:
    """One CSL item per work, the reference id of each record, relations, explanations."""

    items: tuple[dict[str, Any], ...]
    record_refs: tuple[str, ...]
    members: Mapping[str, tuple[int, ...]]
    relations: tuple[tuple[str, str, str], ...]
    explanations: tuple[str, ...] = ()
    compared: int = 0


def _id_base(merged: Mapping[str, Any], hints: list[str]) -> str:
    if hints:
        counts = Counter(hints)
        return min(counts, key=lambda h: (-counts[h], h))
    return readable_id(merged)


def deduplicate(
    records: Sequence[Record], *, explain: bool = False, provenance: bool = False
) -> DedupResult:
    """Cluster records into works and merge each work into one CSL item.

    The cyclic garbage collector is paused meanwhile: deduplication makes millions of small
    objects and no cycles, and the collector's passes over them cost a fifth of the time.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _deduplicate(records, explain=explain, provenance=provenance)
    finally:
        if paused:
            gc.enable()


def _deduplicate(records: Sequence[Record], *, explain: bool, provenance: bool) -> DedupResult:
    by_key = {r.key: i for i, r in enumerate(records)}
    if len(by_key) != len(records):
        raise ValueError("record keys must be unique")
    active = [i for i, r in enumerate(records) if r.attach_to is None or r.attach_to not in by_key]
    features = [extract(records[i].fields) for i in active]
    order = [records[i].key for i in active]
    clustering = cluster(features, order, explain=explain)
    del features  # a million items: free what is no longer needed before merging
    attached: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.attach_to is not None and r.attach_to in by_key:
            target = by_key[r.attach_to]
            seen = {i}
            while records[target].attach_to in by_key and target not in seen:
                seen.add(target)
                target = by_key[records[target].attach_to]  # type: ignore[index]
            attached[target].append(i)
    groups: list[list[int]] = []
    for members in clustering.clusters:
        full = [active[m] for m in members]
        for m in list(full):
            full.extend(attached.get(m, ()))
        groups.append(sorted(full, key=lambda i: records[i].key))
    built: list[tuple[str, str, dict[str, Any], list[int]]] = []
    for group in groups:
        merged = merge_fields([(records[i].rank, records[i].fields) for i in group])
        hints = [h for h in (records[i].original_id for i in group) if h]
        built.append((_id_base(merged, hints), records[group[0]].key, merged, group))
    built.sort(key=lambda b: (b[0], b[1]))
    ids = unique_ids(
        [b[0] for b in built],
        lambda k: json.dumps(built[k][2], ensure_ascii=False, sort_keys=True),
    )
    record_refs = [""] * len(records)
    members: dict[str, tuple[int, ...]] = {}
    for k, (_, _, _, group) in enumerate(built):
        members[ids[k]] = tuple(group)
        for i in group:
            record_refs[i] = ids[k]
    relations = relations_between(clustering.relations, active, record_refs)
    linked = linked_by_work(relations)
    items: list[dict[str, Any]] = []
    for k, (_, _, merged, group) in enumerate(built):
        item = merged  # merge_fields made it: it can take the id without a copy
        item["id"] = ids[k]
        extra: dict[str, Any] = {}
        if ids[k] in linked:
            extra["relations"] = linked[ids[k]]
        if provenance:
            extra["merged-from"] = _provenance(records, group)
        if extra:
            item["custom"] = {**(item.get("custom") or {}), **extra}
        items.append(item)
    explanations = (
        _explain(built, ids, records, clustering.reasons, active, relations) if explain else ()
    )
    return DedupResult(
        items=tuple(items),
        record_refs=tuple(record_refs),
        members=members,
        relations=tuple(relations),
        explanations=explanations,
        compared=clustering.compared,
    )


def _provenance(records: Sequence[Record], group: Sequence[int]) -> list[dict[str, Any]]:
    out = []
    for i in group:
        r = records[i]
        entry: dict[str, Any] = {"source": r.source}
        if r.original_id:
            entry["id"] = r.original_id
        if r.note is not None:
            entry["note"] = r.note
        out.append(entry)
    return sorted(out, key=lambda e: json.dumps(e, sort_keys=True))


def _explain(
    built: Sequence[tuple[str, str, dict[str, Any], list[int]]],
    ids: Sequence[str],
    records: Sequence[Record],
    reasons: Mapping[tuple[int, int], str],
    active: Sequence[int],
    relations: Sequence[tuple[str, str, str]],
) -> tuple[str, ...]:
    def name(i: int) -> str:
        r = records[i]
        where = r.original_id or (f"note {r.note}" if r.note is not None else r.key)
        return f"{r.source}:{where}" if r.source else where

    lines: list[str] = []
    why: dict[int, list[str]] = defaultdict(list)
    for (a, b), reason in reasons.items():
        why[active[a]].append(f"{name(active[a])} = {name(active[b])}: {reason}")
    for k, (_, _, merged, group) in enumerate(built):
        if len(group) < 2:
            continue
        lines.append(f"{ids[k]}: merged {len(group)} records: " + ", ".join(name(i) for i in group))
        for i in group:
            lines.extend(f"  {line}" for line in sorted(why.get(i, ())))
            r = records[i]
            if r.attach_to is not None:
                lines.append(f"  {name(i)} restates {r.attach_to} (back-reference or short form)")
        conflicts = (merged.get("custom") or {}).get("conflicts")
        if conflicts:
            lines.append("  conflicting values kept in custom.variants: " + ", ".join(conflicts))
    for a, b, kind in relations:
        lines.append(f"{a} {kind} {b}: related, not merged")
    return tuple(lines)
