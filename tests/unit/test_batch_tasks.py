"""The pure per-document task: what it keeps, and that it reports failures instead of raising."""

from __future__ import annotations

import json

from footcite.batch import state, tasks
from footcite.batch.plan import fingerprint

PAPER = """On the crisis see the literature.1 And the files.2 Again.3

Notes

1. Bennett Kovrig, Of Walls and Bridges: The United States and Eastern Europe (New York: New York University Press, 1991), 55.
2. NARA, RG 59, Central Decimal File 1955–59, 764.00/11-156, box 3112.
3. Ibid., 57–58.
"""  # noqa: E501


def test_a_paper_becomes_records_and_a_body():
    name, blob, error = tasks.parse_document_task("j/p.txt", PAPER.encode(), fingerprint())
    assert (name, error) == ("j/p.txt", None) and blob is not None
    heads = [json.loads(line.split("\t", 1)[0]) for line in state.blob_records(blob)]
    assert [h[0] for h in heads][:1] == ["j/p.txt-n1-c1"]
    ibid = next(h for h in heads if h[0].startswith("j/p.txt-n3-"))
    assert ibid[2] == 1 and ibid[3] == 1 and ibid[4] == []  # restates the note before, no keys
    assert heads[0][4]  # a full citation has blocking keys
    body = state.blob_body(blob)
    assert [n["number"] for n in body["notes"]] == [1, 2, 3]
    cit = body["notes"][2]["citations"][0]
    assert cit["id"] is None and cit["resolves_to"] == "j/p.txt-n2-c1"
    assert "document" not in body["notes"][0]
    assert any(e["note"] == 2 for e in body["audit"])


def test_failures_are_returned_with_the_document_name(monkeypatch):
    assert "empty" in (tasks.parse_document_task("e.txt", b"", fingerprint())[2] or "")
    binary = tasks.parse_document_task(
        "b.txt", b"PK\x03\x04" + bytes(range(256)) * 4, fingerprint()
    )
    assert binary[1] is None and (binary[2] or "").startswith("b.txt: ")
    other = tasks.parse_document_task("p.txt", PAPER.encode(), "another footcite")
    assert "another version" in (other[2] or "")

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks, "parse_document", broken)
    failed = tasks.parse_document_task("p.txt", PAPER.encode(), fingerprint())
    assert failed == ("p.txt", None, "p.txt: internal error: RuntimeError: boom")


def test_merge_task_gives_id_base_and_fields_in_order():
    fields = json.dumps({"type": "book", "title": "Of Walls and Bridges", "author": [
        {"family": "Kovrig", "given": "Bennett"}]})  # fmt: skip
    [(base, merged)] = tasks.merge_task([[(0, fields), (1, json.dumps({"type": "book"}))]])
    assert base.startswith("kovrig-walls")
    assert json.loads(merged)["title"] == "Of Walls and Bridges"
