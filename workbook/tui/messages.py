"""What screens and dialogs ask the app for: where to go next. Posted to the app, which routes.

Post them with `self.app.post_message(...)`: a dialog that has just been dismissed no longer delivers
messages of its own.
"""

from __future__ import annotations

from datetime import datetime

from textual.message import Message
from textual.worker import Worker, WorkerState

from workbook.habits import Nudge
from workbook.store import ResumePoint


class OpenExercise(Message):
    """Show an exercise (an entry of the log opens over the log's list), at `point` if given; with
    `history_at`, then the history of the point's field, on the version written at that moment."""

    def __init__(self, exercise: str, entry: str | None = None, point: ResumePoint | None = None,
                 history_at: datetime | None = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.entry = entry
        self.point = point
        self.history_at = history_at


class OpenActions(Message):
    """Show the action list."""


class OpenPrep(Message):
    """Show the prep sheet of a conversation."""

    def __init__(self, entry: str) -> None:
        super().__init__()
        self.entry = entry


class FollowNudge(Message):
    """Open what a reminder on home is about."""

    def __init__(self, nudge: Nudge) -> None:
        super().__init__()
        self.nudge = nudge


class LeaveExercise(Message):
    """Back from an exercise; then the questions asked on leaving (why it changed, the next step)."""

    def __init__(self, exercise: str) -> None:
        super().__init__()
        self.exercise = exercise


class GoHome(Message):
    """Back to home, closing every screen above it."""


class WorkerFailed(Message):
    """A worker ended with an error; the app reports it (a worker's own state changes reach only the node
    that started it)."""

    def __init__(self, worker: Worker[object]) -> None:
        super().__init__()
        self.worker = worker


class ReportsFailedWorkers:
    """For a screen, dialog or widget that runs workers: hands a failure on to the app, so none vanishes."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            event.worker.node.app.post_message(WorkerFailed(event.worker))
