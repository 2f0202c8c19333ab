"""The archival audit: every archival citation, what it resolved to, and what is wrong with it.

`resolve(result)` is a pure function of a parse `Result` (and an authority): it collects the
archival citations of every note (and the photo credits of web articles), resolves each
repository, parses and normalises the location, matches the fonds, and reports findings. The
findings that need all notes at once (the same collection cited inconsistently) are added last.

Besides the citations the parser made, the audit reads each note's archival stretches itself
(`segment_note`), so that an archival citation the parser read as something else is still
audited, with a finding saying so: an audit that silently skips a citation is worse than none.
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from footcite.archives import fonds as fm
from footcite.archives.authority import Authority, FondsCode, Repository, load_authority
from footcite.archives.codes import Finding, normalise_level
from footcite.archives.hierarchy import KINDS, ArchivalPath, join_parts, parse_path
from footcite.archives.match import Resolution, resolve_repository
from footcite.archives.results import (
    ArchivalEntry,
    AuditResult,
    consistency,
    summaries,
)
from footcite.dedup.keys import fold
from footcite.extract.credits import credit_parts, parse_credit_note
from footcite.model import Citation, Note, Result
from footcite.parse.archival import REPOSITORY, ArchivalPart, archival_parts
from footcite.parse.segment import segment_note

# ------------------------------------------------------------------------------------------
# Collecting the archival citations of a note
# ------------------------------------------------------------------------------------------


def _key(fields: dict[str, object]) -> tuple[str, str, str]:
    return tuple(
        fold(str(fields.get(k, ""))) for k in ("archive", "archive_collection", "archive_location")
    )  # type: ignore[return-value]


def _collect(note: Note) -> list[tuple[ArchivalPart, Citation | None]]:
    """Archival parts of a note, each with the parser's citation of it when there is one.

    The parts come from the rule segmenter's archival stretches. A part is paired with a
    citation of the parser that overlaps its stretch: the one with the same archive, collection
    and location, else the same archive and collection, else the next one in order (parsers
    disagree most on the last levels). Archival citations outside every stretch are audited too
    when their archive reads as a repository name.
    """
    cits = [
        c for c in note.citations if c.fields.get("archive") and c.fields.get("type") != "graphic"
    ]
    out: list[tuple[ArchivalPart, Citation | None]] = []
    used: set[str] = set()
    stretches = [s for s in segment_note(note.text) if s.kind_hint == "archival"]
    for seg in stretches:
        near = [c for c in cits if c.span.start < seg.end and seg.start < c.span.end]
        for part in archival_parts(note.text[seg.start : seg.end].strip().rstrip(";")):
            key = _key(part.fields)
            free = [c for c in near if c.id not in used]
            cit = next((c for c in free if _key(c.fields_json()) == key), None)
            cit = cit or next((c for c in free if _key(c.fields_json())[:2] == key[:2]), None)
            cit = cit or next(iter(free), None)
            out.append((part, cit))
            if cit is not None:
                used.add(cit.id)
    for c in cits:
        inside = any(c.span.start < s.end and s.start < c.span.end for s in stretches)
        if c.id in used or inside:
            continue
        if REPOSITORY.fullmatch(str(c.fields.get("archive", "")).strip()):
            path = parse_path([s for s in (str(c.fields.get("archive_collection", "")),) if s])
            out.append((ArchivalPart(c.fields_json(), c.text, path), c))
    return out


# ------------------------------------------------------------------------------------------
# Auditing one citation
# ------------------------------------------------------------------------------------------


def _repository_findings(res: Resolution, authority: Authority) -> list[Finding]:
    repo = res.repository
    if res.method == "unresolved":
        hint = (
            f"; nearest known name: {res.matched_name!r} ({res.score})" if res.matched_name else ""
        )
        return [
            Finding("unknown-repository", f"{res.cited!r} is not in the authority{hint}", "error")
        ]
    if res.method == "ambiguous":
        names = ", ".join(
            f"{authority.get(i).name_en} ({i})" for i in res.candidates if i in authority
        )
        return [
            Finding(
                "ambiguous-repository",
                f"{res.cited!r} may be {names}; add the city or a code",
                "error",
            )
        ]
    assert repo is not None
    found: list[Finding] = []
    if res.former:
        key = fold(res.matched_name or "")
        former = next(
            (f for f in repo.former_names if key in {fold(n) for n in (f.name, *f.aliases)}), None
        )
        name = former.name if former is not None else res.matched_name
        span = ""
        if former is not None and (former.start or former.end):
            span = f" ({former.start or '?'}–{former.end or '?'})"
        today = repo.name_en if repo.name == repo.name_en else f"{repo.name_en} ({repo.name})"
        found.append(
            Finding(
                "outdated-name",
                f"{name!r} is a former name{span} of {today}; cited as {res.cited!r}",
            )
        )
    if res.method == "fuzzy":
        found.append(
            Finding(
                "repository-by-similarity",
                f"{res.cited!r} matched {res.matched_name!r} by similarity ({res.score}); "
                "check it, or cite the name the archive uses",
            )
        )
    if res.method == "context":
        found.append(
            Finding(
                "repository-from-context",
                f"{res.cited!r} names several archives; the place or codes cited point to "
                f"{repo.name_en}",
                "info",
            )
        )
    return found


def _location(
    part: ArchivalPart, path: ArchivalPath, matched: FondsCode | None
) -> tuple[dict[str, object], list[Finding]]:
    findings: list[Finding] = []
    normalised: list[dict[str, object]] = []
    by_kind: dict[str, list[str]] = defaultdict(list)
    for level in path.levels:
        value, found = normalise_level(level)
        findings.extend(found)
        normalised.append({**level.to_json(), "normalised": value})
        by_kind[level.kind].append(value)
    loc: dict[str, object] = {"place": part.fields.get("archive-place")}
    for kind in KINDS:
        if kind != "series":  # the series stay a list: each level of a series path is one
            loc[kind] = ", ".join(dict.fromkeys(by_kind[kind])) or None
    loc["series"] = by_kind["series"]
    loc["fonds_authority"] = (
        {"code": matched.code, "title": matched.title, "uncertain": matched.uncertain}
        if matched
        else None
    )
    shown = [
        str(n["normalised"])
        for n in normalised
        if n["level"] != "classification" and n["label"] != "registry year"
    ]
    loc["normalised"] = join_parts(list(dict.fromkeys(shown))) or None
    loc["levels"] = normalised
    return loc, findings


def _fonds_of(
    repo: Repository, path: ArchivalPath, codes: list[str]
) -> tuple[FondsCode | None, list[Finding]]:
    findings: list[Finding] = []
    for code in codes:
        found = fm.match_code(repo, code)
        names = [lv.text for lv in path.levels if lv.kind in ("collection", "series")]
        conflict = fm.title_conflict(repo, code, names)
        if conflict:
            findings.append(conflict)
        if found is not None:
            return found, findings
    names = [lv.text for lv in path.levels if lv.kind in ("collection", "series", "fonds")]
    for name in [", ".join(names), *names] if names else []:
        match = fm.match_name(repo, name)
        if match is not None:
            return match.fonds, findings
    if codes and repo.fonds:
        findings.append(
            Finding(
                "unknown-fonds",
                f"{codes[0]} is not among the {len(repo.fonds)} fonds footcite lists for "
                f"{repo.name_en} (the list is partial)",
                "info",
            )
        )
    return None, findings


def _audit_part(
    part: ArchivalPart,
    citation: Citation | None,
    note: Note,
    kind: str,
    authority: Authority,
    survey: bool,
) -> ArchivalEntry:
    cited = str(part.fields.get("archive", ""))
    place = part.fields.get("archive-place")
    path = part.path
    fonds_levels = [lv for lv in path.levels if lv.kind == "fonds"]
    codes = [normalise_level(lv)[0] for lv in fonds_levels]
    res = resolve_repository(authority, cited, str(place) if place else None, codes)
    findings = _repository_findings(res, authority)
    matched: FondsCode | None = None
    if res.repository is not None and kind == "archival":
        matched, found = _fonds_of(res.repository, path, codes)
        parent = res.repository.part_of
        if matched is None and parent is not None and parent in authority:
            # "National Archives, College Park": the record groups are NARA's
            matched, found = _fonds_of(authority.get(parent), path, codes)
        findings += found
        if matched is not None:
            findings += fm.spelling(part.text, matched)
    location, code_findings = _location(part, path, matched)
    findings = code_findings + findings + fm.heading_slips(part.text)
    if kind == "archival":
        severity = "info" if survey else "warning"
        if not path.has_unit:
            what = "a collection cited in a list of sources" if survey else "the citation"
            findings.append(
                Finding(
                    "missing-unit",
                    f"no file, box, folder or item level: {what} "
                    "does not say where the document is",
                    severity,
                )
            )
        if not path.has_date:
            findings.append(Finding("missing-date", "no date of the document or file", severity))
    if citation is None and kind == "archival":
        findings.append(
            Finding(
                "not-in-bibliography",
                "the parser did not make this an archival reference; "
                "it was found in the note and audited here",
                "info",
            )
        )
    return ArchivalEntry(
        document=note.document or "",
        note=note.number,
        kind=kind,
        text=part.text,
        cited_repository=cited,
        place=str(place) if place else None,
        citation_id=citation.id if citation else None,
        reference_id=citation.reference_id if citation else None,
        resolution=res,
        path=path,
        location=location,
        fonds=matched,
        findings=tuple(findings),
    )


def _credit_entries(note: Note, authority: Authority) -> list[ArchivalEntry]:
    credit = parse_credit_note(note.text)
    if (
        credit is None
        or credit.kind != "photo"
        or note.call is None
        or note.call.marker != credit.label
    ):
        return []
    roles = credit_parts(credit, authority)
    if "archive" not in roles:
        return []
    fields = {"archive": roles["archive"], "type": "graphic"}
    part = ArchivalPart(fields, note.text, ArchivalPath())
    cit = next((c for c in note.citations if c.fields.get("archive")), None)
    entry = _audit_part(part, cit, note, "photo", authority, False)
    donor = roles.get("donor") or roles.get("author")
    location = {
        **entry.location,
        "source": roles.get("source") or [],
        "donor": roles.get("donor"),
        "author": roles.get("author"),
    }
    findings = list(entry.findings)
    if not donor and "location" not in roles:
        findings.append(
            Finding(
                "missing-unit",
                "the credit names the archive but no donor, photographer or photo number",
                "warning",
            )
        )
    return [attrs.evolve(entry, location=location, findings=tuple(findings))]


def resolve(result: Result, authority: Authority | None = None) -> AuditResult:
    """Audit every archival citation and photo credit of a parse result."""
    auth = authority or load_authority()
    entries: list[ArchivalEntry] = []
    for note in result.notes:
        collected = _collect(note)
        survey = sum(1 for part, _ in collected if not part.path.has_unit) >= 3
        for part, citation in collected:
            entries.append(_audit_part(part, citation, note, "archival", auth, survey))
        entries.extend(_credit_entries(note, auth))
    entries = consistency(entries)
    return AuditResult(tuple(entries), summaries(entries))
