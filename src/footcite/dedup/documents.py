"""One reference per work for parsed documents: positions first, then works across documents.

Inside each document, back-references and short forms are tied to the full citation they mean
(`backrefs`); every remaining citation is a record for the engine, which finds the same work
across all documents (the same book cited in two papers, the same archival file cited in three
languages). Back-references join their target's work and add their values as variants only.
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from footcite.dedup.backrefs import resolve_positions
from footcite.dedup.engine import Record, deduplicate
from footcite.diagnostics import Diagnostic, warning
from footcite.frozen import thaw
from footcite.model import Citation, Document, Reference


def assign_references(
    documents: tuple[Document, ...],
) -> tuple[tuple[Document, ...], tuple[Reference, ...]]:
    """Documents whose citations name their reference, and the references (sorted by id)."""
    records: list[Record] = []
    resolves: dict[str, str] = {}
    problems: dict[str, list[Diagnostic]] = defaultdict(list)
    for doc in documents:
        targets, unresolved = resolve_positions(doc)
        resolves.update(targets)
        for cid in unresolved:
            problems[doc.name].append(
                warning(
                    "dedup-unresolved",
                    f"back-reference {cid} has no earlier citation it can mean",
                    doc.name,
                )
            )
        for note in doc.notes:
            for cit in note.citations:
                records.append(
                    Record(
                        key=cit.id,
                        fields=thaw(cit.fields),
                        source=doc.name,
                        note=note.number,
                        rank=0 if cit.kind == "full" and cit.id not in targets else 1,
                        attach_to=targets.get(cit.id),
                    )
                )
    result = deduplicate(records)
    ref_of = {r.key: result.record_refs[i] for i, r in enumerate(records)}
    cited: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for r in records:
        cited[ref_of[r.key]].add((r.source, r.note or 0))
    references = tuple(
        Reference(
            id=item["id"],
            fields={k: v for k, v in item.items() if k != "id"},
            cited_in=tuple(sorted(cited[item["id"]])),
        )
        for item in sorted(result.items, key=lambda i: i["id"])
    )
    new_docs = []
    for doc in documents:
        notes = []
        for note in doc.notes:
            cits: tuple[Citation, ...] = tuple(
                attrs.evolve(c, reference_id=ref_of[c.id], resolves_to=resolves.get(c.id))
                for c in note.citations
            )
            notes.append(attrs.evolve(note, citations=cits))
        extra = tuple(problems.get(doc.name, ()))
        new_docs.append(
            attrs.evolve(doc, notes=tuple(notes), diagnostics=(*doc.diagnostics, *extra))
        )
    return tuple(new_docs), references
