"""Where the batch's pure functions run: in this process, in local processes, or on Dask.

An engine has one operation, `run(fn, jobs)`: call `fn(*args)` for every job and yield
`(index, result, error)` as results arrive, in any order (the caller sorts by index, which is
why the engine never changes the output). At most `window` jobs are in flight, so a corpus of
10^4 documents is read from disk as workers free up, not all at once.

* `inline`: this process; what `--workers 1` uses (no pickling, no process start-up).
* `local`: a `ProcessPoolExecutor` on this machine, started by forkserver (workers import
  footcite once, and never inherit the driver's memory or its threads). A worker that dies
  (killed, out of memory) breaks the pool; its jobs are then rerun one at a time in a new pool,
  so that only the job that kills a worker is reported, not its neighbours.
* `dask`: `dask.distributed`, on a `LocalCluster` (one single-threaded process per worker) or
  on the scheduler at `--scheduler`. Dask is imported here only, and only when asked for: the
  core of footcite never imports it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from footcite.diagnostics import FootciteError

Job = tuple[int, tuple[Any, ...]]
Outcome = tuple[int, Any, BaseException | None]


class Engine(Protocol):
    name: str
    workers: int

    def run(self, fn: Callable[..., Any], jobs: Iterable[Job]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs every job in this process, one after the other."""

    name = "local"

    def __init__(self) -> None:
        self.workers = 1

    def run(self, fn: Callable[..., Any], jobs: Iterable[Job]) -> Iterator[Outcome]:
        for index, args in jobs:
            try:
                yield index, fn(*args), None
            except Exception as exc:
                yield index, None, exc

    def close(self) -> None:
        pass


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["footcite.batch.tasks"])
        return ctx
    return multiprocessing.get_context("spawn")


class LocalEngine:
    """A pool of worker processes on this machine."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = workers * 3
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_context())
        return self._pool

    def _reset(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def run(self, fn: Callable[..., Any], jobs: Iterable[Job]) -> Iterator[Outcome]:
        pending = iter(jobs)
        retry: deque[Job] = deque()
        flying: dict[Future[Any], Job] = {}
        while True:
            while len(flying) < self.window:
                job = next(pending, None)
                if job is None:
                    break
                flying[self._executor().submit(fn, *job[1])] = job
            if not flying:
                break
            done, _ = wait(flying, return_when=FIRST_COMPLETED)
            for future in done:
                job = flying.pop(future)
                try:
                    yield job[0], future.result(), None
                except BrokenProcessPool:
                    retry.append(job)
                except Exception as exc:
                    yield job[0], None, exc
            if retry:
                retry.extend(flying.values())
                flying.clear()
                self._reset()
                yield from self._isolated(fn, retry)
                retry.clear()

    def _isolated(self, fn: Callable[..., Any], jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Jobs that were in flight when a worker died, each alone, to find the one that kills."""
        for index, args in sorted(jobs, key=lambda j: j[0]):
            try:
                yield index, self._executor().submit(fn, *args).result(), None
            except BrokenProcessPool:
                self._reset()
                yield index, None, RuntimeError("the worker process died (killed or out of memory)")
            except Exception as exc:
                yield index, None, exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine:
    """Jobs on a Dask cluster: a new `LocalCluster` of `workers` processes, or an existing one."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise FootciteError(
                "--engine dask needs Dask: pip install 'footcite[dask]' "
                "(dask.distributed, on this machine and on every worker)"
            ) from exc
        self._cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise FootciteError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
            try:
                self.client.wait_for_workers(1, timeout=60)
            except TimeoutError as exc:
                self.client.close()
                raise FootciteError(f"the Dask scheduler {scheduler} has no workers") from exc
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,  # logging.ERROR
            )
            self.client = Client(self._cluster)
        # tasks run one at a time per worker process (see `tasks`): count processes, not threads
        self.workers = max(1, len(self.client.nthreads())) if scheduler else workers
        self.window = self.workers * 3

    def run(self, fn: Callable[..., Any], jobs: Iterable[Job]) -> Iterator[Outcome]:
        from dask.distributed import as_completed

        pending = iter(jobs)
        index_of: dict[str, int] = {}
        queue = as_completed([], with_results=False)
        for job in pending:
            self._submit(fn, job, index_of, queue)
            if len(index_of) >= self.window:
                break
        for future in queue:
            index = index_of.pop(future.key)
            try:
                yield index, future.result(), None
            except Exception as exc:
                yield index, None, exc
            finally:
                future.release()
            job = next(pending, None)
            if job is not None:
                self._submit(fn, job, index_of, queue)

    def _submit(
        self, fn: Callable[..., Any], job: Job, index_of: dict[str, int], queue: Any
    ) -> None:
        future = self.client.submit(fn, *job[1], pure=False)
        index_of[future.key] = job[0]
        queue.add(future)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(engine: str, workers: int, scheduler: str | None = None) -> Engine:
    """The engine a batch asked for; `--workers 1` with `local` runs in this process."""
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    if scheduler:
        raise FootciteError("--scheduler needs --engine dask")
    if workers <= 1:
        return InlineEngine()
    return LocalEngine(workers)


def default_workers() -> int:
    """The cores this process may use (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
