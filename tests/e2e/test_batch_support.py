"""Shared by the batch tests (no tests here): a small corpus, and the pipeline to compare with.

The corpus comes from `benchmarks/corpus.py` (papers made from the annotated corpus's notes,
with works shared across papers, back-references and archival citations). `expected_outputs`
computes what the batch must write with the one-shot functions (`assign_references`,
`csljson.dumps`, `jsonout.dumps`, the audit), so the tests hold the batch to the pipeline.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import attrs

ROOT = Path(__file__).resolve().parent.parent.parent


@lru_cache(maxsize=1)
def corpus_module() -> ModuleType:
    path = ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("footcite_bench_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def make_corpus(root: Path, documents: int = 10, notes: int = 14, seed: int = 7) -> Path:
    """The generated papers, the last one made to cite the first paper's longest note.

    Whether two random papers share a work depends on the draw (each paper cites works of
    one habit, and the pools follow the annotated corpus), so the shared work that the
    deduplication tests need is put there on purpose."""
    module = corpus_module()
    module.make_corpus(root, documents, seed=seed, notes=notes)
    first, last = module.paper_path(root, 0), module.paper_path(root, documents - 1)
    cited = max(_note_lines(first.read_text(encoding="utf-8")), key=len)
    body = cited.split(" ", 1)[1]
    lines = last.read_text(encoding="utf-8").split("\n")
    at = lines.index(_note_lines("\n".join(lines))[0])
    lines[at] = lines[at].split(" ", 1)[0] + " " + body
    last.write_text("\n".join(lines), encoding="utf-8")
    return root


def _note_lines(text: str) -> list[str]:
    """The numbered note lines after a paper's notes heading."""
    lines = text.split("\n")
    start = max(i for i, line in enumerate(lines) if line in ("Notes", "Jegyzetek", "Anmerkungen"))
    return [line for line in lines[start + 1 :] if line[:1].isdigit()]


def expected_outputs(root: Path) -> dict[str, str]:
    """Relative output path -> text, computed with the one-shot pipeline functions."""
    from footcite import jsonout
    from footcite.archives.audit import resolve
    from footcite.archives.report import dumps_json
    from footcite.archives.results import AuditResult, summaries
    from footcite.batch.plan import discover
    from footcite.dedup.documents import assign_references
    from footcite.formats import csljson
    from footcite.model import Result
    from footcite.pipeline import parse_document
    from footcite.textio import decode_bytes

    docs = []
    for src in discover(root):
        try:
            docs.append(parse_document(decode_bytes(src.path.read_bytes(), src.name), src.name))
        except Exception:
            continue
    documents, references = assign_references(tuple(docs))
    out = {"bibliography.json": csljson.dumps(r.to_csl() for r in references)}
    by_id = {r.id: r for r in references}
    entries = []
    for doc in documents:
        cited = sorted({c.reference_id for n in doc.notes for c in n.citations})
        one = Result(documents=(doc,), references=tuple(by_id[i] for i in cited))
        out[f"documents/{doc.name}.json"] = jsonout.dumps(one)
        entries.extend(resolve(attrs.evolve(one, references=())).entries)
    out["audit.json"] = dumps_json(AuditResult(tuple(entries), summaries(entries)))
    return out


def outputs(out_dir: Path) -> dict[str, bytes]:
    """Every output file of a batch (the state folder left out), by relative path."""
    return {
        p.relative_to(out_dir).as_posix(): p.read_bytes()
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and ".footcite-batch" not in p.relative_to(out_dir).parts
    }
