"""What the audit returns, and the checks that need every citation at once.

`ArchivalEntry` is one audited citation, `RepositorySummary` the count per repository,
`AuditResult` both. `consistency` compares citations across notes (the same collection in
different words, the same repository under different names), which no single citation shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from footcite.archives.authority import FondsCode, Repository
from footcite.archives.codes import Finding
from footcite.archives.hierarchy import ArchivalPath
from footcite.archives.match import Resolution
from footcite.dedup.keys import fold


@attrs.frozen
class ArchivalEntry:
    """One archival citation audited: as cited, as resolved, as normalised, and its findings."""

    document: str
    note: int
    kind: str  # "archival" | "photo"
    text: str
    cited_repository: str
    place: str | None
    citation_id: str | None
    reference_id: str | None
    resolution: Resolution
    path: ArchivalPath
    location: dict[str, object]
    fonds: FondsCode | None
    findings: tuple[Finding, ...]

    @property
    def repository(self) -> Repository | None:
        return self.resolution.repository


@attrs.frozen
class RepositorySummary:
    """How often one repository (or one unresolved name) is cited, in which notes."""

    id: str | None
    name: str
    citations: int
    notes: tuple[tuple[str, int], ...]
    cited_as: tuple[str, ...]
    findings: int


@attrs.frozen
class AuditResult:
    """The audit of a parse result: entries in note order and a summary per repository."""

    entries: tuple[ArchivalEntry, ...]
    repositories: tuple[RepositorySummary, ...]

    @property
    def resolved(self) -> int:
        return sum(1 for e in self.entries if e.repository is not None)

    @property
    def rate(self) -> float:
        """Share of archival citations resolved to a repository (1.0 when there are none)."""
        return self.resolved / len(self.entries) if self.entries else 1.0


# ------------------------------------------------------------------------------------------
# Across notes
# ------------------------------------------------------------------------------------------


def _collection_key(entry: ArchivalEntry) -> tuple[str, str] | None:
    repo = entry.repository
    if repo is None or entry.kind != "archival":
        return None
    if entry.fonds is not None:
        return repo.id, entry.fonds.code
    codes = [str(lv["normalised"]) for lv in entry.location["levels"] if lv["level"] == "fonds"]  # type: ignore[index, union-attr]
    return (repo.id, fold(codes[0])) if codes else None


def _cited_collection(entry: ArchivalEntry) -> str:
    return entry.path.collection_text() or ""


def consistency(entries: list[ArchivalEntry]) -> list[ArchivalEntry]:
    """Flag a collection cited in different words, or a repository under different names."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    names: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        key = _collection_key(e)
        if key is not None:
            groups[key].append(i)
        if e.repository is not None:
            names[e.repository.id].append(i)
    extra: dict[int, list[Finding]] = defaultdict(list)
    for (_, code), idx in groups.items():
        forms = {fold(_cited_collection(entries[i])): i for i in idx}
        notes = {entries[i].note for i in idx}
        if len(forms) > 1 and len(notes) > 1:
            listed = "; ".join(
                f"note {entries[i].note}: {_cited_collection(entries[i])!r}" for i in forms.values()
            )
            for i in idx:
                extra[i].append(
                    Finding(
                        "inconsistent-citation", f"{code} is cited in different forms: {listed}"
                    )
                )
    for idx in names.values():
        forms = {fold(entries[i].cited_repository): i for i in idx}
        if len(forms) > 1 and len({entries[i].note for i in idx}) > 1:
            listed = "; ".join(
                f"note {entries[i].note}: {entries[i].cited_repository!r}" for i in forms.values()
            )
            for i in idx:
                extra[i].append(
                    Finding(
                        "inconsistent-repository-name",
                        f"the same repository is named differently: {listed}",
                        "info",
                    )
                )
    return [
        attrs.evolve(e, findings=e.findings + tuple(extra[i])) if extra[i] else e
        for i, e in enumerate(entries)
    ]


def summaries(entries: Iterable[ArchivalEntry]) -> tuple[RepositorySummary, ...]:
    groups: dict[tuple[str | None, str], list[ArchivalEntry]] = defaultdict(list)
    for e in entries:
        repo = e.repository
        groups[(repo.id, repo.name_en) if repo else (None, e.cited_repository)].append(e)
    out = [
        RepositorySummary(
            id=rid,
            name=name,
            citations=len(group),
            notes=tuple(dict.fromkeys((e.document, e.note) for e in group)),
            cited_as=tuple(dict.fromkeys(e.cited_repository for e in group)),
            findings=sum(len(e.findings) for e in group),
        )
        for (rid, name), group in groups.items()
    ]
    return tuple(sorted(out, key=lambda s: (s.id is None, -s.citations, s.name)))
