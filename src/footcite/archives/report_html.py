"""The audit as one self-contained HTML page an archivist can open offline.

No script, no external stylesheet, font or image: the page must open from an e-mail
attachment or a USB stick. Every string that comes from the input or the authority goes through
`html.escape`, because footnotes are untrusted text and a report must not run what it quotes.
"""

from __future__ import annotations

from html import escape

from footcite.archives.audit import ArchivalEntry, AuditResult
from footcite.archives.authority import Identifier

_CSS = """
body{font:15px/1.45 Georgia,'Times New Roman',serif;margin:2em auto;max-width:72em;color:#222;
padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}
h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
.sub{color:#555}table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f2efe8}tr.unresolved td{background:#fdecea}
.card{border:1px solid #ccc;border-left:5px solid #6a8;border-radius:3px;padding:.6em .9em;
margin:.8em 0}
.card.bad{border-left-color:#c33}.card.warn{border-left-color:#d90}
.cited{font-style:italic}.k{color:#555;min-width:8em;display:inline-block}
.f{margin:.15em 0;padding:.1em .4em;border-radius:3px}.f.error{background:#fdecea}
.f.warning{background:#fff4d6}.f.info{background:#eef3f8}.code{font-family:monospace}
.unc{color:#a60;font-size:.9em}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _ident(label: str, ident: Identifier) -> str:
    if ident.value is None:
        return f"{label}: <span class='unc'>unknown</span>"
    doubt = " <span class='unc'>(uncertain)</span>" if ident.uncertain else ""
    return f"{label}: <span class='code'>{_e(ident.value)}</span>{doubt}"


def _severity(entry: ArchivalEntry) -> str:
    levels = {f.severity for f in entry.findings}
    if "error" in levels:
        return "bad"
    return "warn" if "warning" in levels else ""


def _entry(entry: ArchivalEntry) -> str:
    repo = entry.repository
    rows = [f"<div><span class='k'>cited</span> <span class='cited'>{_e(entry.text)}</span></div>"]
    if repo is not None:
        ids = "; ".join((_ident("ISIL", repo.isil), _ident("Wikidata", repo.wikidata)))
        rows.append(
            f"<div><span class='k'>repository</span> <b>{_e(repo.name_en)}</b> "
            f"({_e(repo.name)}, {_e(repo.city)}) <span class='code'>[{_e(repo.id)}]</span> "
            f"— {_e(entry.resolution.method)}; {ids}</div>"
        )
    else:
        cands = ", ".join(entry.resolution.candidates) or "no candidate"
        rows.append(
            f"<div><span class='k'>repository</span> <b>unresolved</b>: "
            f"{_e(entry.cited_repository)} ({_e(cands)})</div>"
        )
    if entry.location.get("normalised"):
        rows.append(
            f"<div><span class='k'>location</span> "
            f"<span class='code'>{_e(entry.location['normalised'])}</span></div>"
        )
    if entry.fonds is not None:
        doubt = " <span class='unc'>(uncertain)</span>" if entry.fonds.uncertain else ""
        rows.append(
            f"<div><span class='k'>fonds</span> <span class='code'>{_e(entry.fonds.code)}</span>"
            f": {_e(entry.fonds.title)}{doubt}</div>"
        )
    for key in ("donor", "author"):
        if entry.location.get(key):
            rows.append(f"<div><span class='k'>{key}</span> {_e(entry.location[key])}</div>")
    for f in entry.findings:
        rows.append(
            f"<div class='f {_e(f.severity)}'><b>{_e(f.severity)}</b> "
            f"<span class='code'>{_e(f.code)}</span>: {_e(f.message)}</div>"
        )
    head = f"note {_e(entry.note)} · {_e(entry.kind)}"
    if entry.citation_id:
        head += f" · <span class='code'>{_e(entry.citation_id)}</span>"
    return (
        f"<div class='card {_severity(entry)}'><div class='sub'>{head}</div>{''.join(rows)}</div>"
    )


def render_html(audit: AuditResult, title: str = "Archival audit") -> str:
    """The whole page as a string (UTF-8, no external resources)."""
    total = len(audit.entries)
    summary = f"{audit.resolved} of {total} archival citation(s) resolved to a repository" + (
        f" ({audit.rate:.0%})" if total else ""
    )
    repo_rows = []
    for s in audit.repositories:
        notes = ", ".join(str(n) for _, n in s.notes)
        cls = " class='unresolved'" if s.id is None else ""
        repo_rows.append(
            f"<tr{cls}><td>{_e(s.name)}</td><td class='code'>{_e(s.id or 'unresolved')}</td>"
            f"<td>{s.citations}</td><td>{_e(notes)}</td><td>{_e('; '.join(s.cited_as))}</td>"
            f"<td>{s.findings}</td></tr>"
        )
    documents = sorted({e.document for e in audit.entries})
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1><p class='sub'>{_e(', '.join(documents))}</p>"
        f"<p id='summary'>{_e(summary)}</p>"
        "<h2>Repositories</h2><table id='repositories'><thead><tr><th>Repository</th><th>id</th>"
        "<th>Citations</th><th>Notes</th><th>Cited as</th><th>Findings</th></tr></thead><tbody>"
        + "".join(repo_rows)
        + "</tbody></table><h2>Citations</h2><div id='citations'>"
        + "".join(_entry(e) for e in audit.entries)
        + "</div><p class='sub'>Identifiers marked uncertain are not confirmed by a source "
        "listed in footcite's repository authority.</p></body></html>\n"
    )
