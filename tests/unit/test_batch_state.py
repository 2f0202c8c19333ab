"""The batch's cache, discovery, streamed writers and engines, piece by piece."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from footcite.batch import engines, plan, state, writer
from footcite.batch.progress import Bars
from footcite.diagnostics import FootciteError, InputError, OutputError
from footcite.formats import csljson


def test_blob_round_trip():
    lines = ['["d.txt-n1-c1",1,0,-1,["t:a:b"]]\t{"title":"Ä\\tb"}', '["d.txt-n2-c1",2,1,0,[]]\t{}']
    body = {"name": "d.txt", "notes": [{"number": 1}], "diagnostics": [], "audit": []}
    blob = state.make_blob(lines, body)
    assert state.blob_records(blob) == lines
    assert state.blob_body(blob) == body
    assert state.blob_records(state.make_blob([], body)) == []
    with pytest.raises(ValueError):
        state.blob_records(b"XXXX" + blob[4:])


def test_cache_put_get_prune(tmp_path):
    cache = state.Cache(tmp_path)
    blob = state.make_blob([], {"notes": []})
    key_a = plan.content_key("code", "a.txt", b"text")
    key_b = plan.content_key("code", "b.txt", b"text")
    assert cache.get(key_a) is None
    cache.put(key_a, blob)
    cache.put(key_b, blob)
    assert cache.get(key_a) == blob
    assert cache.prune([key_a]) == 1
    assert cache.get(key_b) is None and cache.get(key_a) == blob
    assert oct(cache.path(key_a).stat().st_mode & 0o777) == oct(state.FILE_MODE)


def test_content_key_depends_on_name_bytes_and_code():
    base = plan.content_key("c1", "a.txt", b"x")
    assert base == plan.content_key("c1", "a.txt", b"x")
    others = [
        ("c2", "a.txt", b"x"),
        ("c1", "b.txt", b"x"),
        ("c1", "a.txt", b"y"),
        ("c1", "a.txtx", b""),
    ]
    assert len({base, *(plan.content_key(*o) for o in others)}) == 5


def test_fingerprint_is_stable_hex():
    assert plan.fingerprint() == plan.fingerprint()
    assert len(plan.fingerprint()) == 32 and int(plan.fingerprint(), 16) >= 0


def test_discover_sorted_relative_skips_hidden_and_output(tmp_path):
    for rel in [
        "b/2.txt",
        "a.txt",
        "b/10.txt",
        ".hidden/x.txt",
        "c/.y.txt",
        "notes.md",
        "out/o.txt",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = plan.discover(tmp_path, exclude=tmp_path / "out")
    assert [s.name for s in found] == ["a.txt", "b/10.txt", "b/2.txt"]
    assert [s.name for s in plan.discover(tmp_path, "*.md")] == ["notes.md"]
    with pytest.raises(InputError):
        plan.discover(tmp_path / "missing")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_bibliography_is_csljson_dumps(tmp_path, count):
    items = {f"id{k}": {"id": f"id{k}", "type": "book", "title": f"T\n{k} ő", "z": [1, {"b": 2}]}
             for k in range(count)}  # fmt: skip
    refs_items = {k: json.dumps(v, ensure_ascii=False) for k, v in items.items()}
    refs = writer.References(sorted(items), refs_items, [])
    writer.write_bibliography(tmp_path / "b.json", refs)
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == csljson.dumps(items.values())


@pytest.mark.parametrize("values", [[], [{"a": [1, 2], "b": {}}], [{"x": "y"}, [], "s"]])
def test_streamed_array_matches_json_dumps(values):
    out = io.StringIO()
    out.write('{\n  "k": [')
    writer._array(out, iter(values), "  ")
    out.write("\n}")
    assert out.getvalue() == json.dumps({"k": values}, ensure_ascii=False, indent=2)


def test_lock_refuses_a_second_batch(tmp_path):
    with state.Lock(tmp_path), pytest.raises(OutputError), state.Lock(tmp_path):
        pass
    with state.Lock(tmp_path):  # released when the first batch ends
        pass


def _square(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x * x


def _die(x: int) -> int:
    if x == 2:
        os._exit(1)  # a worker killed (out of memory, a crash in a C extension)
    return x


def test_inline_engine_reports_errors_per_job():
    got = {
        i: (r, e) for i, r, e in engines.InlineEngine().run(_square, [(i, (i,)) for i in range(5)])
    }
    assert got[2] == (4, None)
    assert isinstance(got[3][1], ValueError)


def test_local_engine_isolates_a_dying_worker():
    engine = engines.LocalEngine(2)
    try:
        got = {i: (r, e) for i, r, e in engine.run(_die, [(i, (i,)) for i in range(6)])}
    finally:
        engine.close()
    assert sorted(got) == list(range(6))
    assert isinstance(got[2][1], RuntimeError)
    assert all(got[i] == (i, None) for i in (0, 1, 3, 4, 5))


def test_make_engine_choices():
    assert isinstance(engines.make_engine("local", 1), engines.InlineEngine)
    with pytest.raises(FootciteError):
        engines.make_engine("local", 2, "tcp://127.0.0.1:1")


def test_dask_engine_without_dask_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(FootciteError, match=r"footcite\[dask\]"):
        engines.make_engine("dask", 2)


def test_progress_is_quiet_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Bars() as bars:
        bars.stage("parse", 3)
        bars.tick("parse")
    assert not bars.enabled and sys.stderr.getvalue() == ""


def test_core_does_not_import_dask():
    import subprocess

    code = "import footcite.batch, footcite.cli, sys; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_paths_are_posix(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.txt").write_text("x", encoding="utf-8")
    assert plan.discover(Path(tmp_path))[0].name == "a/b/c.txt"
