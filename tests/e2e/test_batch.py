"""`footcite batch` end to end: the pipeline's bytes whatever the engine; resume; failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from footcite.batch import Options, run_batch
from footcite.cli import main
from tests.e2e.test_batch_support import expected_outputs, make_corpus, outputs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), documents=8, notes=12)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    """The outputs of a one-process batch, which every other run must equal byte for byte."""
    out = tmp_path_factory.mktemp("reference")
    summary = run_batch(Options(corpus, out, workers=1))
    assert summary.parsed == 8 and not summary.failed
    return outputs(out)


def test_batch_writes_what_the_pipeline_makes(corpus, reference):
    expected = expected_outputs(corpus)
    for name, text in expected.items():
        assert reference[name].decode("utf-8") == text, name
    report = json.loads(reference["report.json"])
    assert report["summary"]["documents"] == 8 and report["summary"]["failed"] == 0
    bib = json.loads(reference["bibliography.json"])
    cites = [json.loads(line) for line in reference["citations.jsonl"].decode().splitlines()]
    assert {c["reference"] for c in cites} == {i["id"] for i in bib}
    papers: dict[str, set[str]] = {}
    for c in cites:
        papers.setdefault(c["reference"], set()).add(c["document"])
    assert any(len(docs) > 1 for docs in papers.values())  # a work shared by papers: one id
    assert any(c["kind"] == "ibid" for c in cites)
    audit = json.loads(reference["audit.json"])
    assert audit["format"] == "footcite-audit" and audit["archival"]


def test_two_local_workers_give_the_same_bytes(corpus, reference, tmp_path):
    run_batch(Options(corpus, tmp_path / "out", workers=2, engine="local"))
    assert outputs(tmp_path / "out") == reference


def test_dask_local_cluster_gives_the_same_bytes(corpus, reference, tmp_path):
    pytest.importorskip("dask.distributed")
    summary = run_batch(Options(corpus, tmp_path / "out", workers=2, engine="dask"))
    assert summary.engine == "dask" and summary.workers == 2
    assert outputs(tmp_path / "out") == reference


def test_existing_dask_scheduler(corpus, reference, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        options = Options(
            corpus, tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address
        )
        summary = run_batch(options)
    assert summary.workers == 1  # one worker process; its two threads take turns
    assert outputs(tmp_path / "out") == reference


def test_interrupted_batch_resumes(corpus, reference, tmp_path):
    out = tmp_path / "out"
    seen: list[str] = []

    def stop_after_three(name: str, reused: bool) -> None:
        seen.append(name)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(Options(corpus, out, workers=1), on_document=stop_after_three)
    assert not (out / "bibliography.json").exists()
    summary = run_batch(Options(corpus, out, workers=1))
    assert (summary.reused, summary.parsed) == (3, 5)
    assert outputs(out) == reference
    again = run_batch(Options(corpus, out, workers=1))
    assert (again.reused, again.parsed, again.written.written) == (8, 0, 0)
    assert again.written.unchanged == 8


def test_damaged_cache_entry_is_parsed_again(corpus, reference, tmp_path):
    out = tmp_path / "out"
    run_batch(Options(corpus, out, workers=1))
    entry = sorted((out / ".footcite-batch" / "cache").glob("*/*"))[0]
    entry.write_bytes(entry.read_bytes()[:30])
    summary = run_batch(Options(corpus, out, workers=1))
    assert (summary.parsed, summary.reused) == (1, 7)
    assert outputs(out) == reference


def test_changed_and_removed_documents(corpus, reference, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    out = tmp_path / "out"
    run_batch(Options(work, out, workers=1))
    first = work / "v001" / "paper-00001.txt"
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (work / "v001" / "paper-00008.txt").unlink()
    summary = run_batch(Options(work, out, workers=1))
    assert (summary.parsed, summary.reused, summary.written.removed) == (1, 6, 1)
    assert not (out / "documents" / "v001" / "paper-00008.txt.json").exists()
    fresh = tmp_path / "fresh"
    run_batch(Options(work, fresh, workers=1))
    assert outputs(out) == outputs(fresh)


def test_broken_documents_are_reported_and_skipped(corpus, reference, tmp_path, capsys):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    (work / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (work / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["batch", str(work), "-o", str(out), "--workers", "1"])
    assert code == 1
    err = capsys.readouterr().err
    assert "broken.txt" in err and "empty.txt" in err and "[batch-document-failed]" in err
    assert "8 parsed" in err and "2 failed" in err
    got = outputs(out)
    report = json.loads(got.pop("report.json"))
    failed = {d["name"]: d["error"] for d in report["documents"] if "error" in d}
    assert set(failed) == {"broken.txt", "empty.txt"}
    assert "empty" in failed["empty.txt"]
    assert "batch-document-failed" in got.pop("diagnostics.txt").decode()
    reference = dict(reference)
    reference.pop("report.json"), reference.pop("diagnostics.txt")
    assert got == reference  # the other documents as if the broken ones were not there


def test_cli_errors_and_quiet(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]) == 2
    assert "no such folder" in capsys.readouterr().err
    (tmp_path / "in").mkdir()
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert json.loads((tmp_path / "o" / "bibliography.json").read_text()) == []
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--scheduler", "x"]) == 2
