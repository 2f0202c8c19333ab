"""The outputs of a batch, written canonically and atomically, streamed so memory stays flat.

    OUT_DIR/bibliography.json        the merged bibliography (CSL-JSON, as `csljson.dumps`)
    OUT_DIR/documents/<name>.json    one file per document (the JSON of `footcite parse`), its
                                     citations' ids and references those of the corpus
    OUT_DIR/citations.jsonl          every citation of every document: where, and which work
    OUT_DIR/audit.json               the archival audit of the corpus (footcite-audit, v1)
    OUT_DIR/report.json              documents, their counts, and the documents that failed
    OUT_DIR/diagnostics.txt          every diagnostic, document by document

Each file is the same bytes as its one-shot counterpart would be (`csljson.dumps`,
`jsonout.dumps`, `archives.report.dumps_json`), written piece by piece: the tests hold them to
it. A document file is only rewritten when its bytes change, so a rerun that changes nothing
touches none of them; a document file whose document is gone or failed is removed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from footcite.batch.adapters import repository_summaries
from footcite.batch.corpus_dedup import Records, References
from footcite.batch.state import (
    Cache,
    blob_body,
    previous_outputs,
    save_outputs,
    temporary,
    write_bytes_atomic,
)
from footcite.diagnostics import OutputError

FORMAT = "footcite-batch"
VERSION = 1


@attrs.define
class Written:
    """What the writer did, and the diagnostics it counted (by severity)."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    notes: int = 0
    severities: dict[str, int] = attrs.field(factory=dict)


class _Atomic:
    """A text file written to a temporary name and renamed into place when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, self.tmp = temporary(path)
        self.handle: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def __enter__(self) -> TextIO:
        return self.handle

    def __exit__(self, kind: object, *rest: object) -> None:
        self.handle.close()
        if kind is None:
            try:
                os.replace(self.tmp, self.path)
                return
            except OSError as exc:
                Path(self.tmp).unlink(missing_ok=True)
                raise OutputError(f"{self.path}: cannot be written ({exc.strerror})") from exc
        Path(self.tmp).unlink(missing_ok=True)


def _indented(value: Any, pad: str, **kw: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, **kw).replace("\n", "\n" + pad)


def _array(handle: TextIO, values: Iterable[Any], pad: str, **kw: Any) -> None:
    """A JSON array as `json.dumps(list, indent=2)` writes it at this depth, item by item."""
    empty = True
    for value in values:
        handle.write(("\n" if empty else ",\n") + pad + "  " + _indented(value, pad + "  ", **kw))
        empty = False
    handle.write("]" if empty else "\n" + pad + "]")


def write_bibliography(path: Path, refs: References) -> None:
    """All works, as `csljson.dumps` writes them (ids in order, keys sorted)."""
    with _Atomic(path) as handle:
        handle.write("[")
        _array(handle, (json.loads(refs.items[i]) for i in refs.ids), "", sort_keys=True)
        handle.write("\n")


def document_path(name: str) -> str:
    return f"documents/{name}.json"


def _fill(body: dict[str, Any], rec: Records, d: int, refs: References) -> list[str]:
    """Set each citation's reference id (records are in citation order); returns the ids."""
    i = rec.start[d]
    cited: list[str] = []
    for note in body["notes"]:
        for cit in note["citations"]:
            if rec.keys[i] != cit["citation_id"]:
                raise RuntimeError(f"cache entry of {body['name']} does not match its records")
            cit["id"] = refs.record_ref[i]
            cited.append(cit["id"])
            i += 1
    return cited


def _diagnostic_line(d: dict[str, Any]) -> str:
    place = f"{d['where']}: " if d.get("where") else ""
    return f"{place}{d['severity']}: {d['message']} [{d['code']}]"


def _slim(entry: dict[str, Any]) -> dict[str, Any]:
    repo = entry["repository"]
    return {
        "repository": {"id": repo["id"], "name_en": repo["name_en"]} if repo else None,
        "cited": {"repository": entry["cited"]["repository"]},
        "document": entry["document"],
        "note": entry["note"],
        "findings": [None] * len(entry["findings"]),
    }


def write_outputs(
    out_dir: Path,
    rec: Records,
    refs: References,
    cache: Cache,
    keys: dict[str, str],
    failed: dict[str, str],
    tick: Any = None,
) -> Written:
    """Every output of the batch; `keys` maps a parsed document to its cache key."""
    done = Written()
    outputs: list[str] = []
    documents: list[dict[str, Any]] = []
    audited: list[dict[str, Any]] = []
    resolved = 0
    index = {name: d for d, name in enumerate(rec.names)}
    with (
        _Atomic(out_dir / "citations.jsonl") as cites,
        _Atomic(out_dir / "diagnostics.txt") as diags,
        _Atomic(out_dir / "audit.json") as audit,
    ):
        audit.write('{\n  "format": "footcite-audit",\n  "version": 1,\n  "archival": [')

        def entries() -> Iterator[dict[str, Any]]:
            nonlocal resolved
            for name in sorted({*rec.names, *failed}):
                if name in failed:
                    diags.write(f"{name}: error: {failed[name]} [batch-document-failed]\n")
                    documents.append({"name": name, "error": failed[name]})
                    done.severities["error"] = done.severities.get("error", 0) + 1
                    continue
                yield from _document(name, index[name])

        def _document(name: str, d: int) -> Iterator[dict[str, Any]]:
            nonlocal resolved
            blob = cache.get(keys[name])
            if blob is None:
                raise OutputError(f"the cache entry of {name} vanished during the batch")
            body = blob_body(blob)
            cited = _fill(body, rec, d, refs)
            ref_of = dict(zip(rec.keys[rec.start[d] : rec.start[d + 1]], cited, strict=True))
            for note in body["notes"]:
                for c in note["citations"]:
                    line = {"document": name, "note": note["number"], "citation": c["citation_id"],
                            "reference": c["id"], "kind": c["kind"], "locator": c["locator"],
                            "label": c["label"]}  # fmt: skip
                    cites.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts: dict[str, int] = {}
            for diag in body["diagnostics"]:
                diags.write(_diagnostic_line(diag) + "\n")
                counts[diag["severity"]] = counts.get(diag["severity"], 0) + 1
                done.severities[diag["severity"]] = done.severities.get(diag["severity"], 0) + 1
            out = document_path(name)
            items = [json.loads(refs.items[r]) for r in sorted(set(cited))]
            text = json.dumps({"notes": body["notes"], "references": items}, ensure_ascii=False,
                              indent=2) + "\n"  # fmt: skip
            _write_if_changed(out_dir / out, text.encode("utf-8"), done)
            outputs.append(out)
            done.notes += len(body["notes"])
            documents.append({
                "name": name, "output": out, "notes": len(body["notes"]), "citations": len(cited),
                "references": len(items), "diagnostics": dict(sorted(counts.items())),
            })  # fmt: skip
            for entry in body["audit"]:
                if entry["citation"] is not None:
                    entry["reference"] = ref_of.get(entry["citation"])
                resolved += entry["repository"] is not None
                audited.append(_slim(entry))
                yield entry
            if tick is not None:
                tick("write", 1)

        _array(audit, entries(), "  ")
        summary = {
            "citations": len(audited),
            "resolved": resolved,
            "unresolved": len(audited) - resolved,
            "rate": round(resolved / len(audited), 4) if audited else 1.0,
        }
        audit.write(',\n  "repositories": ' + _indented(repository_summaries(audited), "  "))
        audit.write(',\n  "summary": ' + _indented(summary, "  ") + "\n}\n")
    write_bibliography(out_dir / "bibliography.json", refs)
    _write_report(out_dir, documents, rec, refs)
    for stale in sorted(set(previous_outputs(out_dir)) - set(outputs)):
        if stale.startswith("documents/") and ".." not in Path(stale).parts:
            (out_dir / stale).unlink(missing_ok=True)
            done.removed += 1
    save_outputs(out_dir, outputs)
    return done


def _write_if_changed(path: Path, data: bytes, done: Written) -> None:
    try:
        if path.read_bytes() == data:
            done.unchanged += 1
            return
    except OSError:
        pass
    write_bytes_atomic(path, data)
    done.written += 1


def _write_report(out_dir: Path, documents: list[dict[str, Any]], rec: Records, refs: References):
    failed = sum(1 for d in documents if "error" in d)
    report = {
        "format": FORMAT,
        "version": VERSION,
        "summary": {
            "documents": len(documents),
            "failed": failed,
            "notes": sum(d.get("notes", 0) for d in documents),
            "citations": len(rec),
            "references": len(refs.ids),
            "relations": refs.relations,
        },
        "documents": documents,
    }
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(out_dir / "report.json", text.encode("utf-8"))
