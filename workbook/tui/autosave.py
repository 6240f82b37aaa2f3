"""Debounced saving: edits gather in memory and reach disk in a worker within half a second."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from workbook.exercises import ActionsField
from workbook.habits import ActionCount, count_actions, gather_actions
from workbook.progress import ExerciseProgress, is_answered, overview
from workbook.storage import StoreChangedError, StoreError
from workbook.store import ResumePoint, Store

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

DELAY = 0.5
RETRY = 5.0
NOT_SAVED_CHANGED = "Not saved: file changed (Ctrl+S)"
AnswerKey = tuple[str, str | None, str]


class Autosaver:
    """Owns the path from an edit to the disk. The first unsaved change starts the clock; edits made
    while it runs join the same save, so a long burst of typing is still saved every half second."""

    def __init__(self, app: WorkbookApp, store: Store) -> None:
        self.app = app
        self.store = store
        self.pending: dict[AnswerKey, Any] = {}
        self.resume_point: ResumePoint | None = None
        self.retry_delay = RETRY
        self.held = False
        """True while the file was changed by another program: nothing is written until the user chooses."""
        self.failing = False
        """True from a failed save to the next one that works."""
        self._progress_changed = True
        """Whether the next save must work out progress again (12 ms of the GIL at 5 MB): not while the
        user only adds words to an answer that was already there."""
        self._timer: Timer | None = None

    def answer_changed(self, exercise: str, field: str, value: Any, entry: str | None = None) -> None:
        self.pending[(exercise, entry, field)] = value
        self._schedule(DELAY)

    def position_changed(self, point: ResumePoint) -> None:
        self.resume_point = point
        self._schedule(DELAY)

    def _schedule(self, delay: float) -> None:
        if self._timer is None:
            self._timer = self.app.set_timer(delay, self._save_while_typing)

    def apply(self) -> None:
        """Hand the pending edits to the store (in memory; cheap)."""
        pending, self.pending = self.pending, {}
        stale = {(answer.exercise, answer.field) for answer in self.app.stale_answers()} if pending else set()
        for (exercise, entry, field), value in pending.items():
            definition = self.app.catalog.get(exercise).field(field)
            if isinstance(definition, ActionsField) or (entry is None and (exercise, field) in stale) or \
                    is_answered(definition, value) != is_answered(definition, self.store.answer(exercise, field, entry)):
                # An action's date or tick moves the sidebar's action count; an edit answers "still true?".
                self._progress_changed = True
            self.store.set_answer(exercise, field, value, entry=entry)
        if self.resume_point is not None:
            self.store.set_resume_point(self.resume_point)
            self.resume_point = None

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def save_soon(self) -> None:
        """Apply the edits now and write them in a worker thread; then redraw progress."""
        self._progress_changed = True  # leaving a page, marking done, a new entry: progress may move
        self._save_while_typing()

    def _save_while_typing(self) -> None:
        """The debounced save: progress is worked out again only if an answer appeared or vanished."""
        self._cancel_timer()  # called early (leaving a page), the armed timer has nothing left to do
        self.apply()
        if self.held:
            self.app.save_status = NOT_SAVED_CHANGED
        elif self.store.unsaved:
            self.app.save_status = "Saving..."
            progress, self._progress_changed = self._progress_changed, False
            self.app.run_worker(lambda: self._write(progress), thread=True, group="save", exit_on_error=False)

    def _write(self, progress: bool) -> None:
        # Runs in a thread: never touches widgets, reports back through call_from_thread.
        try:
            self.store.save()
            # Progress reads only, so it is worked out here too, sparing the UI thread.
            rows = tuple(overview(self.app.catalog, self.store)) if progress else None
            actions = count_actions(gather_actions(self.app.catalog, self.store), self.app.today()) \
                if progress else None
        except StoreChangedError:
            self.app.call_from_thread(self._changed_on_disk)
        except StoreError as error:
            self.app.call_from_thread(self._failed, str(error))
        except Exception as error:  # log the type only: the message could hold the user's words
            self.app.call_from_thread(self._failed, f"Saving failed ({type(error).__name__}); retrying.")
        else:
            self.app.call_from_thread(self._saved, rows, actions)

    def _saved(self, rows: tuple[ExerciseProgress, ...] | None, actions: ActionCount | None) -> None:
        if self.failing:
            self.failing = False
            self.app.notify("Everything you wrote is saved now.", title="Saved", timeout=5)
        self.app.save_status = f"Saved {self.store.now().astimezone():%H:%M}"
        if rows is not None:
            self.app.refresh_progress(rows, actions)

    def _failed(self, message: str) -> None:
        self._progress_changed = True  # the retry works it out, in case this save was to
        if not self.failing:  # once, not at every retry: the indicator keeps saying it meanwhile
            self.app.notify(message, title="Your edits are not saved yet", severity="error", timeout=10,
                            markup=False)
        self.failing = True
        self.app.save_status = "Not saved: retrying"
        self._schedule(self.retry_delay)

    def _changed_on_disk(self) -> None:
        # A notice, not a dialog: a dialog popping up mid-sentence would take the next keys typed.
        if not self.held:
            self.app.notify("Another program changed the workbook file. Nothing was written over it and your "
                            "edits are still here: press Ctrl+S to choose which version to keep.",
                            title="Not saved", severity="error", timeout=30)
        self.held = True
        self.app.save_status = NOT_SAVED_CHANGED

    def flush(self) -> None:
        """Save everything now, on this thread: for leaving the app."""
        self._cancel_timer()
        self.apply()
        try:
            self.store.save()
        except StoreChangedError:
            self.held = True
            raise
        except StoreError:
            self._schedule(self.retry_delay)  # the caller stays in the app: keep trying meanwhile
            raise
