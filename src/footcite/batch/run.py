"""A whole corpus, end to end: parse every document, deduplicate across them, write outputs.

    parse   (workers)  each document on its own: text -> notes -> citations, positions
                       (ibid, short forms) resolved inside it, blocking keys, archival audit;
                       saved in the cache as it arrives
    dedup   (workers)  shuffle by blocking key, score in blocks, union, split, merge
    write   (driver)   outputs streamed from the cache (see `writer`)

The driver reads the files and ships their bytes, so a Dask cluster's workers need no access
to the input folder; they need only the same footcite. A document that cannot be read or
parsed is reported and left out; the others go on. The output depends on the documents only:
not on the engine, the number of workers, the order in which workers finish, or whether a
document's parse came from the cache.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

from footcite.batch import corpus_dedup, state, tasks
from footcite.batch.engines import Engine, Job, make_engine
from footcite.batch.plan import Source, content_key, discover, fingerprint
from footcite.batch.progress import Bars
from footcite.batch.writer import Written, write_outputs
from footcite.diagnostics import OutputError
from footcite.textio import MAX_BYTES


@attrs.frozen
class Options:
    """What `footcite batch` was asked to do."""

    input_dir: Path
    out_dir: Path
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    pattern: str = "*.txt"
    progress: bool | None = None  # None: on a terminal only


@attrs.define
class Summary:
    """What a batch did; `seconds` per stage (parse, dedup, write) and in all."""

    documents: int = 0
    parsed: int = 0
    reused: int = 0
    failed: dict[str, str] = attrs.field(factory=dict)
    notes: int = 0
    citations: int = 0
    references: int = 0
    written: Written = attrs.field(factory=Written)
    seconds: dict[str, float] = attrs.field(factory=dict)
    engine: str = "local"
    workers: int = 1


OnDocument = Callable[[str, bool], None]
"""Called after each document is parsed or reused (name, reused); may raise to stop."""


def _jobs(
    sources: list[Source],
    code: str,
    cache: state.Cache,
    keys: dict[str, str],
    on_hit: Callable[[str, list[str]], None],
    on_bad: Callable[[str, str], None],
) -> Iterator[Job]:
    """Parse jobs for the documents whose parse is not cached; cached ones go to `on_hit`."""
    for k, src in enumerate(sources):
        try:
            if src.path.stat().st_size > MAX_BYTES:
                on_bad(src.name, f"{src.name}: more than the {MAX_BYTES // 10**6} MB limit")
                continue
            data = src.path.read_bytes()
        except OSError as exc:
            on_bad(src.name, f"{src.name}: cannot be read ({exc.strerror})")
            continue
        key = content_key(code, src.name, data)
        keys[src.name] = key
        blob = cache.get(key)
        try:
            lines = state.blob_records(blob) if blob is not None else None
        except (ValueError, zlib.error):
            lines = None  # a damaged entry: parse the document again
        if lines is not None:
            on_hit(src.name, lines)
        else:
            yield k, (src.name, data, code)


def _parse(
    sources: list[Source],
    engine: Engine,
    cache: state.Cache,
    summary: Summary,
    bars: Bars,
    on_document: OnDocument | None,
) -> tuple[corpus_dedup.Records, dict[str, str]]:
    records = corpus_dedup.Records()
    keys: dict[str, str] = {}
    code = fingerprint()

    def arrived(name: str, lines: list[str], reused: bool) -> None:
        records.add(name, lines)
        summary.citations += len(lines)
        if reused:
            summary.reused += 1
        else:
            summary.parsed += 1
        bars.tick("parse")
        if on_document is not None:
            on_document(name, reused)

    def failed(name: str, message: str) -> None:
        summary.failed[name] = message
        keys.pop(name, None)
        bars.tick("parse")

    bars.stage("parse", len(sources))
    jobs = _jobs(sources, code, cache, keys, lambda n, lines: arrived(n, lines, True), failed)
    for index, outcome, error in engine.run(tasks.parse_document_task, jobs):
        name = sources[index].name
        if error is not None:
            failed(name, f"{name}: {type(error).__name__}: {error}")
            continue
        _, blob, message = outcome
        if blob is None:
            failed(name, message or "failed")
            continue
        cache.put(keys[name], blob)
        arrived(name, state.blob_records(blob), False)
    records.finish()
    return records, keys


def run_batch(options: Options, on_document: OnDocument | None = None) -> Summary:
    """Process a corpus folder into OUT_DIR; see the module docstring."""
    started = time.perf_counter()
    out_dir = options.out_dir
    sources = discover(options.input_dir, options.pattern, exclude=out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary(documents=len(sources))
    with state.Lock(out_dir), Bars(options.progress) as bars:
        engine = make_engine(options.engine, options.workers, options.scheduler)
        summary.engine, summary.workers = engine.name, engine.workers
        try:
            cache = state.Cache(out_dir)
            t0 = time.perf_counter()
            records, keys = _parse(sources, engine, cache, summary, bars, on_document)
            t1 = time.perf_counter()
            bars.stage("merge", len(records))
            refs = corpus_dedup.deduplicate(records, engine, bars.tick)
            bars.finish("score", "split")
            t2 = time.perf_counter()
        finally:
            engine.close()
        bars.stage("write", len(records.names))
        summary.written = write_outputs(
            out_dir, records, refs, cache, keys, summary.failed, bars.tick
        )
        cache.prune(keys.values())
        t3 = time.perf_counter()
    summary.notes = summary.written.notes
    summary.references = len(refs.ids)
    summary.seconds = {
        "parse": t1 - t0,
        "dedup": t2 - t1,
        "write": t3 - t2,
        "total": time.perf_counter() - started,
    }
    return summary
