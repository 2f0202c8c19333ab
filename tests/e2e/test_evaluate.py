"""`footcite evaluate` and `footcite train` from the command line."""

from __future__ import annotations

import json
import shutil

from footcite.cli import main
from footcite.parse.corpus import corpus_files


def test_evaluate_heldout_json(capsys):
    assert main(["evaluate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    e2e = out["end_to_end"]
    assert out["split"] == "heldout"
    assert e2e["notes"] >= 150
    # regression guards well below the figures of the shipped model (see the closing note)
    assert e2e["segmentation"]["f1"] >= 0.93
    assert e2e["fields"]["f1"] >= 0.78
    assert e2e["archival_fields"]["f1"] >= 0.6
    assert {"title", "author", "archive", "fonds", "locator"} <= set(e2e["per_field"])
    assert out["notes_per_second"] > 0


def test_evaluate_text_report_and_errors(capsys):
    path = next(p for p in corpus_files() if p.name.startswith("cs-"))
    assert main(["evaluate", str(path), "--split", "all", "--errors", "3"]) == 0
    text = capsys.readouterr().out
    assert "citation segmentation" in text
    assert "archival fields" in text
    assert "disagreements:" in text


def test_evaluate_bad_gold_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_text("<notes><note>", encoding="utf-8")
    assert main(["evaluate", str(bad)]) == 2
    assert "error" in capsys.readouterr().err


def test_evaluate_refuses_an_unknown_field_tag(tmp_path, capsys):
    gold = tmp_path / "typo.xml"
    gold.write_text(
        '<notes lang="en"><note id="en-1"><cite type="book"><author>A. Smith,</author> '
        "<titel>Walls</titel> (<date>1991</date>).</cite></note></notes>",
        encoding="utf-8",
    )
    assert main(["evaluate", str(gold), "--split", "all"]) == 2
    err = capsys.readouterr().err
    assert "en-1" in err and "<titel>" in err
    assert "Traceback" not in err


def test_evaluate_refuses_a_gold_note_over_the_note_limit(tmp_path, capsys):
    gold = tmp_path / "huge.xml"
    body = "Commentary without end. " * 1_000  # 24,000 characters
    gold.write_text(f'<notes lang="en"><note id="en-2">{body}</note></notes>', encoding="utf-8")
    assert main(["evaluate", str(gold), "--split", "all"]) == 2
    err = capsys.readouterr().err
    assert "en-2" in err and "20,000" in err


def test_train_writes_models_and_manifest(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    src = next(p for p in corpus_files() if p.name.startswith("cs-"))
    shutil.copy(src, corpus / src.name)
    out = tmp_path / "models"
    assert main(["train", "--corpus", str(corpus), "--out", str(out), "--generated", "5"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["training_files"][0]["name"] == src.name
    assert manifest["generated_notes"] == 5
    assert (out / "segment.crfsuite").stat().st_size > 0
    assert "held-out notes excluded" in capsys.readouterr().out
