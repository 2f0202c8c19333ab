"""Corpus dedup (shuffle by blocking key, score in partitions, union) against the dedup engine."""

from __future__ import annotations

import json
import random

import pytest

from footcite.batch import corpus_dedup
from footcite.batch.engines import InlineEngine
from footcite.dedup.blocking import keys_of
from footcite.dedup.engine import Record, deduplicate
from footcite.dedup.features import extract


def _book(family: str, given: str, title: str, year: int | None, **extra: object) -> dict:
    fields: dict = {"type": "book", "author": [{"family": family, "given": given}], "title": title}
    if year is not None:
        fields["issued"] = {"date-parts": [[year]]}
    fields.update(extra)
    return fields


WORKS = [
    _book("Kovrig", "Bennett", "Of Walls and Bridges: The United States and Eastern Europe", 1991),
    _book("Kovrig", "B.", "Of Walls and Bridges", 1991),
    _book("Kovrig", "Bennett", "Of Walls and Bridges: The United States and Eastern Europe", 1973),
    _book("Gati", "Charles", "Failed Illusions", 2006, publisher="Stanford University Press"),
    _book("Gati", "Ch.", "Failed Ilusions", 2006),
    _book("Békés", "Csaba", "Az 1956-os forradalom a világpolitikában", 2006),
    _book("Bekes", "Csaba", "Az 1956-os forradalom a vilagpolitikaban", None),
    {"type": "chapter", "author": [{"family": "Kramer", "given": "Mark"}],
     "title": "The Czechoslovak Crisis and the Brezhnev Doctrine",
     "container-title": "1968: The World Transformed", "issued": {"date-parts": [[1998]]}},
    _book("Fink", "Carole", "1968: The World Transformed", 1998),
    {"type": "manuscript", "archive": "NARA", "archive_location": "RG 59, box 3112"},
    {"type": "manuscript", "archive": "National Archives", "archive_location": "RG 59, Box 3112"},
    {"type": "manuscript", "archive": "TNA", "archive_location": "FO 371/122380"},
]  # fmt: skip


def _records(seed: int) -> list[tuple[str, dict, int, str | None]]:
    """(key, fields, rank, attach_to) of a few documents citing shared works, some twice."""
    rng = random.Random(seed)
    out = []
    for d in range(6):
        previous = None
        for c in range(8):
            key = f"doc{d}.txt-n{c + 1}-c1"
            if previous is not None and rng.random() < 0.2:
                out.append((key, {"type": "book"}, 1, previous))
                continue
            out.append((key, dict(rng.choice(WORKS)), 0, None))
            previous = key
    return out


def _store(rows: list[tuple[str, dict, int, str | None]]) -> corpus_dedup.Records:
    by_doc: dict[str, list[str]] = {}
    position: dict[str, int] = {}
    for key, fields, rank, attach in rows:
        doc = key.split("-n")[0]
        lines = by_doc.setdefault(doc, [])
        position[key] = len(lines)
        keys = keys_of(extract(fields)) if attach is None else []
        at = position[attach] if attach is not None else -1
        head = json.dumps([key, 1, rank, at, keys], ensure_ascii=False)
        lines.append(head + "\t" + json.dumps(fields, ensure_ascii=False))
    store = corpus_dedup.Records()
    names = list(by_doc)
    random.Random(3).shuffle(names)  # arrival order must not matter
    for name in names:
        store.add(name, by_doc[name])
    store.finish()
    return store


@pytest.mark.parametrize("budget", [1, 7, corpus_dedup.SCORE_BUDGET])
def test_same_works_and_ids_as_the_engine(monkeypatch, budget):
    monkeypatch.setattr(corpus_dedup, "SCORE_BUDGET", budget)
    monkeypatch.setattr(corpus_dedup, "MERGE_BUDGET", max(1, budget // 2))
    rows = _records(11)
    store = _store(rows)
    refs = corpus_dedup.deduplicate(store, InlineEngine())
    expected = deduplicate(
        [Record(key=k, fields=f, rank=r, attach_to=a) for k, f, r, a in sorted(rows)]
    )
    want = {i["id"]: i for i in expected.items}
    got = {i: json.loads(refs.items[i]) for i in refs.ids}
    assert got == want
    by_key = dict(zip(store.keys, refs.record_ref, strict=True))
    for i, (key, *_rest) in enumerate(sorted(rows)):
        assert by_key[key] == expected.record_refs[i]
    assert len(refs.ids) < len(rows)  # works were merged across documents


def test_records_are_laid_out_in_name_order():
    store = _store(_records(5))
    assert store.names == sorted(store.names)
    assert store.start[0] == 0 and store.start[-1] == len(store)
    for d, name in enumerate(store.names):
        for i in range(store.start[d], store.start[d + 1]):
            assert store.keys[i].startswith(name + "-")
            assert store.attach[i] < i  # attached to an earlier citation of the same document
