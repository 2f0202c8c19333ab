"""Corpus scale: whole journal archives in one run, on this machine or on a Dask cluster.

    from footcite.batch import Options, run_batch
    summary = run_batch(Options(Path("archive"), Path("out"), workers=2))

`run.run_batch` composes the stages; `tasks` holds the pure functions workers run; `engines`
runs them (in process, local processes, Dask); `corpus_dedup` is deduplication across the
corpus by blocking key; `state` the content-hash cache that makes a batch resumable;
`writer` the outputs. Dask is imported only by the Dask engine, only when asked for.
"""

from footcite.batch.run import Options, Summary, run_batch

__all__ = ["Options", "Summary", "run_batch"]
