"""The pure functions a batch runs on workers: one document, one shuffle partition, one merge.

Every function here takes plain values (bytes, strings, lists) and returns plain values, so the
same function runs in this process, in a local process pool or on a Dask worker on another
machine, and its result depends on its arguments only: that is what makes the output of a batch
byte-identical whatever the engine and the number of workers.

`parse_document_task` is the map stage (one document is never split: ibid and short forms are
resolved inside it). `score_task`, `split_task` and `merge_task` are the dedup stages after the
shuffle by blocking key; they call the dedup module's own functions (features, blocking pairs,
the pairwise decision, the cluster split, the field merge) and only move data around them.

One task at a time per process: the learned parser keeps one CRF tagger per process
(`parse.tagger`), which is not safe to call from two threads at once, and a Dask worker started
with several threads would do just that (and quietly parse notes wrong). Each task holds a
process-wide lock, uncontended in a process pool.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from footcite.batch import state
from footcite.batch.adapters import audit_entries
from footcite.batch.plan import fingerprint
from footcite.dedup.backrefs import resolve_positions
from footcite.dedup.blocking import keys_of, pairs_of_block
from footcite.dedup.cluster import part_pair, split_component
from footcite.dedup.features import extract
from footcite.dedup.keys import readable_id
from footcite.dedup.match import SAME_WORK, UNRELATED, decide
from footcite.dedup.merge import merge_fields
from footcite.diagnostics import FootciteError, warning
from footcite.jsonout import note_json
from footcite.model import Document
from footcite.pipeline import parse_document
from footcite.textio import decode_bytes

_ONE_AT_A_TIME = threading.Lock()
F = TypeVar("F", bound=Callable[..., Any])


def serial(fn: F) -> F:
    """Run `fn` holding the process-wide task lock (see the module docstring)."""

    @functools.wraps(fn)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with _ONE_AT_A_TIME:
            return fn(*args, **kwargs)

    return locked  # type: ignore[return-value]


ParseOutcome = tuple[str, bytes | None, str | None]
"""(document name, cache blob or None, error message or None)."""


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _records(doc: Document, targets: dict[str, str]) -> list[str]:
    """One line per citation: [key, note, rank, attached-to position, blocking keys] TAB fields.

    The rank and the attachment are those of `footcite.dedup.documents.assign_references`; the
    blocking keys are computed here, on the worker, once per citation.
    """
    position: dict[str, int] = {}
    lines: list[str] = []
    for note in doc.notes:
        for cit in note.citations:
            position[cit.id] = len(position)
            fields = cit.fields_json()
            target = targets.get(cit.id)
            rank = 0 if cit.kind == "full" and cit.id not in targets else 1
            attach = position[target] if target is not None else -1
            keys = keys_of(extract(fields)) if attach < 0 else []
            head = _compact([cit.id, note.number, rank, attach, keys])
            lines.append(head + "\t" + _compact(fields))
    return lines


@serial
def parse_document_task(name: str, data: bytes, expected: str) -> ParseOutcome:
    """Parse one document into its cache blob; a failure is returned, never raised.

    `expected` is the driver's code fingerprint: a worker that runs another footcite would
    make output that does not match, so it refuses.
    """
    if fingerprint() != expected:
        return name, None, f"{name}: the worker runs another version of footcite than the driver"
    try:
        doc = parse_document(decode_bytes(data, name), name)
        targets, unresolved = resolve_positions(doc)
        problems = [
            warning("dedup-unresolved", f"back-reference {cid} has no earlier citation it can mean",
                    name)
            for cid in unresolved
        ]  # fmt: skip
        doc = attrs.evolve(doc, diagnostics=(*doc.diagnostics, *problems))
        notes = []
        for note in doc.notes:
            cits = tuple(attrs.evolve(c, resolves_to=targets.get(c.id)) for c in note.citations)
            notes.append(note_json(attrs.evolve(note, citations=cits), False))
        body = {
            "name": name,
            "notes": notes,
            "diagnostics": [d.to_json() for d in doc.diagnostics],
            "audit": audit_entries(doc),
        }
        return name, state.make_blob(_records(doc, targets), body), None
    except FootciteError as exc:
        return name, None, str(exc)
    except Exception as exc:  # one broken document must not stop the batch
        return name, None, f"{name}: internal error: {type(exc).__name__}: {exc}"


@serial
def score_task(
    fields: Sequence[str], order: Sequence[str], blocks: Sequence[Sequence[int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Same-work edges and relations inside the blocks of one shuffle partition.

    Positions are local to the partition (ascending in the global order, so pairs come out as
    the dedup module's `cluster` makes them). A pair whose two items are already joined by
    this partition's own edges is skipped, as `cluster` does: that never changes a component.
    """
    features = [extract(json.loads(f)) for f in fields]
    titles = [f.title for f in features]
    parent = list(range(len(features)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same: list[tuple[int, int]] = []
    relations: list[tuple[int, int, str]] = []
    for members in blocks:
        for a, b in pairs_of_block(list(members), titles, order):
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            part = part_pair(a, b, features[a], features[b])
            if part is not None:
                relations.append(part)
                continue
            verdict, _, _ = decide(features[a], features[b])
            if verdict == SAME_WORK:
                parent[max(ra, rb)] = min(ra, rb)
                same.append((a, b))
            elif verdict != UNRELATED:
                relations.append((a, b, verdict))
    return same, relations


@serial
def split_task(
    fields: Sequence[str], order: Sequence[str], components: Sequence[Sequence[int]]
) -> tuple[list[list[int]], list[tuple[int, int, str]]]:
    """Components that may hold items that cannot be one work, rebuilt by `split_component`."""
    features = [extract(json.loads(f)) for f in fields]
    groups: list[list[int]] = []
    relations: list[tuple[int, int, str]] = []
    for members in components:
        groups.extend(split_component(list(members), features, order, relations))
    return groups, relations


@serial
def merge_task(groups: Sequence[Sequence[tuple[int, str]]]) -> list[tuple[str, str]]:
    """(id base, merged CSL fields as JSON in key order) for each work's (rank, fields) list."""
    out = []
    for group in groups:
        merged = merge_fields([(rank, json.loads(fields)) for rank, fields in group])
        out.append((readable_id(merged), _compact(merged)))
    return out
