"""A progress bar for each stage of a batch, on a terminal only.

A batch of thousands of documents runs for minutes: on a terminal, rich shows one bar per stage
on stderr. When stderr is piped or redirected (CI, `2> log`), nothing is drawn, so logs stay
clean; the summary line at the end is printed either way.
"""

from __future__ import annotations

import sys
from typing import Any


class Bars:
    """One bar per stage, created on first use; a no-op when not enabled."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> Bars:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description:<8}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
            self._progress = None

    def stage(self, name: str, total: int | None) -> None:
        """Start (or re-size) the bar of a stage."""
        if self._progress is None:
            return
        if name in self._tasks:
            self._progress.update(self._tasks[name], total=total)
        else:
            self._tasks[name] = self._progress.add_task(name, total=total)

    def finish(self, *names: str) -> None:
        """Show stages whose size was not known beforehand (the dedup shuffle) as complete."""
        if self._progress is None:
            return
        for name in names:
            if name in self._tasks:
                task = self._tasks[name]
                self._progress.update(task, total=self._completed(task))

    def _completed(self, task: Any) -> float:
        for t in self._progress.tasks:
            if t.id == task:
                return float(t.completed)
        return 0.0

    def tick(self, name: str, n: int = 1) -> None:
        if self._progress is None:
            return
        if name not in self._tasks:
            self.stage(name, None)
        self._progress.advance(self._tasks[name], n)
