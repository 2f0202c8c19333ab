"""One reference per work: back-references, short forms and a first, simple key.

Within a document, "Ibid." points to the work of the citation before it, and a short form
(author and short title, no publication data) to the earlier full citation it abbreviates.
Across documents, citations with the same work key are one reference. Ids are derived from the
merged work (creator, title, year) and made unique in a deterministic order, so they do not
depend on the order of the input files.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import attrs

from footcite.dedup.keys import first_creator, fold, readable_id, title_words, work_key
from footcite.frozen import thaw
from footcite.model import Citation, Document, Reference


def _merge(fields_list: list[dict[str, Any]]) -> dict[str, Any]:
    """Every field seen; for a field seen with different values the longest (most complete)."""
    merged: dict[str, Any] = {}
    for fields in fields_list:
        for key, value in fields.items():
            if key not in merged or len(repr(value)) > len(repr(merged[key])):
                merged[key] = value
    return merged


def _short_matches(short: Citation, full: Citation) -> bool:
    s, f = short.fields, full.fields
    sw, fw = title_words(str(s.get("title", "")), 4), title_words(str(f.get("title", "")), 8)
    if not sw:
        return False
    same_title = fw[: len(sw)] == sw
    s_who = fold(str((s.get("author") or [{}])[0].get("family", "")))
    f_who = fold(str((f.get("author") or f.get("editor") or [{}])[0].get("family", "")))
    return same_title and (not s_who or s_who == f_who)


def assign_references(documents: tuple[Document, ...]) -> tuple[tuple[Document, ...], tuple[Reference, ...]]:
    groups: dict[tuple[str, ...], list[tuple[str, int, Citation]]] = defaultdict(list)
    resolved: dict[str, tuple[str, ...]] = {}  # citation id -> work key
    resolves_to: dict[str, str] = {}
    for doc in documents:
        previous: Citation | None = None
        fulls: list[Citation] = []
        for note in doc.notes:
            for cit in note.citations:
                key: tuple[str, ...] | None = None
                if cit.kind == "ibid" and previous is not None:
                    key = resolved.get(previous.id)
                    resolves_to[cit.id] = previous.id
                elif cit.kind == "op-cit":
                    who = first_creator(cit.fields)
                    target = next(
                        (f for f in reversed(fulls) if not who or first_creator(f.fields) == who),
                        previous,
                    )
                    if target is not None:
                        key = resolved[target.id]
                        resolves_to[cit.id] = target.id
                elif cit.kind == "short":
                    target = next((f for f in reversed(fulls) if _short_matches(cit, f)), None)
                    if target is not None:
                        key = resolved[target.id]
                        resolves_to[cit.id] = target.id
                if key is None:
                    key = work_key(cit.fields)
                    if cit.kind != "ibid":
                        fulls.append(cit)
                resolved[cit.id] = key
                if cit.kind == "full" or cit.id not in resolves_to:
                    groups[key].append((doc.name, note.number, cit))
                else:
                    groups[key].append((doc.name, note.number, attrs.evolve(cit, fields={})))
                previous = cit
    # deterministic ids: order groups by their merged content, not by input order
    built: list[tuple[str, dict[str, Any], tuple[str, ...], list[tuple[str, int]]]] = []
    for key, members in groups.items():
        merged = _merge([thaw(c.fields) for _, _, c in members if c.fields])
        cited = sorted({(d, n) for d, n, _ in members})
        built.append((readable_id(merged), merged, key, cited))
    built.sort(key=lambda b: (b[0], repr(b[2])))
    ids: dict[tuple[str, ...], str] = {}
    used: dict[str, int] = defaultdict(int)
    references: list[Reference] = []
    for base, merged, key, cited in built:
        used[base] += 1
        ref_id = base if used[base] == 1 else f"{base}-{used[base]}"
        ids[key] = ref_id
        references.append(Reference(id=ref_id, fields=merged, cited_in=tuple(cited)))
    new_docs = []
    for doc in documents:
        notes = []
        for note in doc.notes:
            cits = tuple(
                attrs.evolve(c, reference_id=ids[resolved[c.id]], resolves_to=resolves_to.get(c.id))
                for c in note.citations
            )
            notes.append(attrs.evolve(note, citations=cits))
        new_docs.append(attrs.evolve(doc, notes=tuple(notes)))
    return tuple(new_docs), tuple(references)
