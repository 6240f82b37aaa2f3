"""The app's one way to change the workbook.

Every write the app makes goes through a `Session`: it applies the change to the store (in memory), schedules
the debounced save to disk in a worker, and drops what was worked out from the old answers (progress, the
action count, the "still true?" flags). Reads through it see edits typed a moment ago. It reports back to the
app by messages: `Saved`, `SaveFailed`, `ChangedOnDisk`, `ProgressChanged` and `FileSettled`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from textual.app import App
from textual.message import Message
from textual.timer import Timer

from workbook.answers import YOUR_NAME, Writer, your_name
from workbook.exercises import ActionsField, Catalog
from workbook.habits import (
    ActionCount,
    ActionItem,
    count_actions,
    gather_actions,
    next_step_set_this_sitting,
    update_action,
)
from workbook.logs import entry_defaults
from workbook.over_time import REVIEW_MONTHS, ChangeToExplain, StaleAnswer, changes_to_explain, stale_answers
from workbook.progress import ExerciseProgress, checked_resume_point, is_answered, overview
from workbook.storage import StoreChangedError, StoreError, StoreWriteError
from workbook.store import Entry, NextStep, Revision, ResumePoint, Store

THEME = "theme"
"""The setting that keeps the theme chosen (its Textual name) from one launch to the next."""
DELAY = 0.5
"""Seconds from the first unsaved edit to the save: a long burst of typing is still saved twice a second."""
RETRY = 5.0
AnswerKey = tuple[str, str | None, str]


class SaveState(Enum):
    IDLE = "idle"
    """Nothing written yet in this sitting."""
    SAVING = "saving"
    SAVED = "saved"
    RETRYING = "retrying"
    """The last save failed (a full disk?): the edits are kept and the save is tried again."""
    HELD = "held"
    """Another program changed the file: nothing is written until the user chooses whose version to keep."""


@dataclass(frozen=True)
class SaveStatus:
    """What the save indicator shows."""

    state: SaveState = SaveState.IDLE
    at: datetime | None = None
    """When the last save worked."""

    def __str__(self) -> str:
        if self.state is SaveState.SAVING:
            return "Saving..."
        if self.state is SaveState.SAVED and self.at is not None:
            return f"Saved {self.at.astimezone():%H:%M}"
        if self.state is SaveState.RETRYING:
            return "Not saved: retrying"
        if self.state is SaveState.HELD:
            return "Not saved: file changed (Ctrl+S)"
        return ""

    @property
    def unsafe(self) -> bool:
        """Edits are in memory only and cannot reach the file now."""
        return self.state in (SaveState.RETRYING, SaveState.HELD)


class Session:
    """Owns the path from an edit to the disk for one run of the app. Call it on the UI thread only."""

    class Saved(Message):
        """A save worked; `recovered` after one or more had failed."""

        def __init__(self, status: SaveStatus, recovered: bool) -> None:
            super().__init__()
            self.status = status
            self.recovered = recovered

    class SaveFailed(Message):
        """A save failed; `first` for the first failure of a run of them (the retries say nothing new)."""

        def __init__(self, status: SaveStatus, reason: str, first: bool) -> None:
            super().__init__()
            self.status = status
            self.reason = reason
            self.first = first

    class ChangedOnDisk(Message):
        """Another program replaced the file; `first` for the first time it was found."""

        def __init__(self, status: SaveStatus, first: bool) -> None:
            super().__init__()
            self.status = status
            self.first = first

    class SavingStarted(Message):
        def __init__(self, status: SaveStatus) -> None:
            super().__init__()
            self.status = status

    class ProgressChanged(Message):
        """What is worked out from the answers (progress, actions, flags) is out of date: redraw it."""

    class FileSettled(Message):
        """The user chose whose version of a changed file to keep, and it is done (or failed: `error`)."""

        def __init__(self, status: SaveStatus, message: str, reloaded: bool, error: str = "") -> None:
            super().__init__()
            self.status = status
            self.message = message
            self.reloaded = reloaded
            self.error = error

    def __init__(self, store: Store, catalog: Catalog, app: App[Any]) -> None:
        self._store = store
        self.catalog = catalog
        self._app = app
        self.status = SaveStatus()
        self.retry_delay = RETRY
        self.next_step_asked = False
        """Asked (or skipped) for a next step in this sitting: once is enough."""
        self.your_name_asked = False
        """Asked for the name that signs a draft in this sitting: skipped, it is asked again next time."""
        self._pending: dict[AnswerKey, Any] = {}
        self._resume_point: ResumePoint | None = None
        self._page: tuple[str, str | None, int] | None = None
        """The exercise, entry and page of the last move: a move to another page saves at once."""
        self._progress_moved = True
        """Whether the next save must work out progress again (12 ms of the GIL at 5 MB): not while the
        user only adds words to an answer that was already there."""
        self._timer: Timer | None = None
        self._rows: tuple[ExerciseProgress, ...] | None = None
        self._actions: ActionCount | None = None
        self._stale: tuple[StaleAnswer, ...] | None = None

    @property
    def path(self) -> Path:
        return self._store.path

    def begin(self) -> None:
        """The start of a sitting (the app is up)."""
        self._store.start_sitting()

    # --- reading -------------------------------------------------------------------

    def read(self) -> Store:
        """The workbook with every edit applied, for reading (and for handing to a reading worker)."""
        self._apply()
        return self._store

    def answer(self, exercise: str, field: str, entry: str | None = None) -> Any:
        return self.read().answer(exercise, field, entry)

    def answers(self, exercise: str, entry: str | None = None) -> dict[str, Any]:
        return self.read().answers(exercise, entry)

    def now(self) -> datetime:
        """The store's clock (frozen in tests)."""
        return self._store.now()

    def today(self) -> date:
        return self.now().astimezone().date()

    def progress_rows(self) -> tuple[ExerciseProgress, ...]:
        if self._rows is None:
            self._rows = tuple(overview(self.catalog, self.read()))
        return self._rows

    def action_count(self) -> ActionCount:
        if self._actions is None:
            self._actions = count_actions(gather_actions(self.catalog, self.read()), self.today())
        return self._actions

    def stale_answers(self) -> tuple[StaleAnswer, ...]:
        """Answers of done steps due a look ("still true?"); a few dozen reads, worked out once per change."""
        if self._stale is None:
            self._stale = tuple(stale_answers(self.catalog, self.read(), self.today()))
        return self._stale

    def resume_point(self) -> ResumePoint | None:
        """Where the user last was, if it still fits the exercises."""
        store = self.read()
        log_ids = [entry.id for exercise in self.catalog if exercise.repeatable
                   for entry in store.entries(exercise.id)]
        point = store.resume_point()
        answers = store.answers(point.exercise, point.entry) if point else None  # a hidden page: the nearest
        return checked_resume_point(self.catalog, point, log_ids, answers)

    def position(self, exercise: str, entry: str | None = None) -> ResumePoint | None:
        """Where the user last was in this exercise (or entry), if it still fits its pages."""
        point = checked_resume_point(self.catalog, self.read().position(exercise, entry), [entry] if entry else [],
                                     self.answers(exercise, entry))
        return point if point and point.page >= 0 else None

    def change_to_explain(self) -> ChangeToExplain | None:
        """The next changed answer that asks why it changed, if any."""
        return next(iter(changes_to_explain(self.catalog, self.read())), None)

    def should_ask_next_step(self) -> bool:
        """After working (an answer changed this sitting), once a sitting, unless one was set already."""
        store = self.read()
        return not self.next_step_asked and bool(store.touched_this_sitting()) and not next_step_set_this_sitting(store)

    # --- writing: typing ---------------------------------------------------------

    def edit_answer(self, exercise: str, field: str, value: Any, entry: str | None = None) -> None:
        """An answer changed in an editor: kept in memory at once, written within half a second."""
        self._pending[(exercise, entry, field)] = value
        self._schedule(DELAY)

    def move_to(self, point: ResumePoint) -> None:
        """Where the user is now: exercise, page, field and cursor. A move to another page saves at once."""
        self._resume_point = point
        page = (point.exercise, point.entry, point.page)
        if page != self._page:
            self._page = page
            self.save_now()
        else:
            self._schedule(DELAY)

    # --- writing: one change at a time ---------------------------------------------

    def change_answer(self, exercise: str, field: str, value: Any, entry: str | None = None) -> None:
        """An answer set from outside its editor (a conversation's stage)."""
        self._apply()
        self._store.set_answer(exercise, field, value, entry=entry)
        self._changed()

    def mark_exercise_done(self, exercise: str, entry: str | None = None) -> None:
        self._apply()
        self._store.mark_done(exercise, entry)
        self._changed()

    def new_entry(self, exercise: str) -> Entry:
        """A new entry of a log, with the answers it starts with (today's date where a field asks for it)."""
        entry = self._store.start_entry(exercise)
        for field, value in entry_defaults(self.catalog.get(exercise), self.today()).items():
            self._store.set_answer(exercise, field, value, entry=entry.id)
        self._changed()
        return entry

    def keep_next_step(self, text: str, after: str | None) -> NextStep:
        self.next_step_asked = True
        step = self._store.add_next_step(text, after)
        self._changed()
        return step

    def check_next_step(self, step_id: int, done: bool) -> None:
        """Home asked whether a next step was done: yes, or not yet."""
        self._store.update_next_step(step_id, done=done, asked=True)
        self._changed()

    def change_action(self, item: ActionItem, *, done: bool | None = None, due: str | None = None) -> ActionItem:
        """Tick or re-date an action where it was written. ActionMoved if it is not there any more."""
        self._apply()
        try:
            return update_action(self._store, item, done=done, due=due)
        finally:
            self._changed()

    def give_reason(self, change: ChangeToExplain, reason: str) -> None:
        """Why an answer changed ("" when the user skipped the question): kept with the earlier version."""
        self._store.explain_change(change.exercise, change.field.id, reason, change.entry)
        self._changed(progress=False)

    def confirm_still_true(self, exercise: str, field: str) -> None:
        """The user read an answer flagged "still true?" and it holds: it counts as checked today."""
        self._store.reviewed(exercise, field)
        self._changed(progress=False)

    def begin_again(self, exercise: str) -> None:
        """Start an exercise afresh: its answers become earlier versions; nothing is deleted."""
        self._apply()
        self._store.start_again(exercise)
        self._changed()

    def restore_version(self, exercise: str, field: str, revision: Revision, entry: str | None = None) -> None:
        """Bring an earlier version back; the answer it replaces is kept among the versions."""
        self._pending.pop((exercise, entry, field), None)  # what was typed is in the store after _apply
        self._apply()
        self._store.bring_back(exercise, field, revision, entry)
        self._changed()

    def writer(self) -> Writer:
        """Who signs the drafts, and today's date for writing theirs."""
        return Writer(your_name(self.read()), self.today())

    def should_ask_your_name(self) -> bool:
        """No name is set (an empty one is a choice: signed with no name) and it was not skipped today."""
        return not self.your_name_asked and self.read().setting(YOUR_NAME, None) is None

    def sign_as(self, name: str) -> None:
        """The name that signs drafted messages; "" signs them with no name, and stops the question."""
        self._store.set_setting(YOUR_NAME, name.strip())
        self._changed(progress=False)

    def chosen_theme(self) -> str | None:
        """The theme chosen at an earlier launch, if any."""
        theme = self.read().setting(THEME, None)
        return theme if isinstance(theme, str) else None

    def keep_theme(self, theme: str) -> None:
        """Remember the theme for the next launch (a change of look: nothing worked out from answers moves)."""
        if self.chosen_theme() != theme:
            self._store.set_setting(THEME, theme)
            self._save()

    def set_review_months(self, months: int) -> None:
        self._store.set_setting(REVIEW_MONTHS, months)
        self._changed(progress=False)

    # --- saving --------------------------------------------------------------------

    def _changed(self, progress: bool = True) -> None:
        """After a change of its own (not typing): what was worked out from the answers is dropped now."""
        self._stale = None
        if progress:
            self._rows = self._actions = None
        self._app.post_message(self.ProgressChanged())
        self._save()  # not save_now(): the screen in view works progress out again already

    def _apply(self) -> None:
        """Hand the pending edits to the store (in memory; cheap)."""
        pending, self._pending = self._pending, {}
        stale = {(answer.exercise, answer.field) for answer in self.stale_answers()} if pending else set()
        for (exercise, entry, field), value in pending.items():
            definition = self.catalog.get(exercise).field(field)
            if isinstance(definition, ActionsField) or (entry is None and (exercise, field) in stale) or \
                    is_answered(definition, value) != is_answered(definition, self._store.answer(exercise, field, entry)):
                # An action's date or tick moves the sidebar's action count; an edit answers "still true?".
                self._progress_moved = True
            self._store.set_answer(exercise, field, value, entry=entry)
        if self._resume_point is not None:
            self._store.set_resume_point(self._resume_point)
            self._resume_point = None

    def _schedule(self, delay: float) -> None:
        if self._timer is None:
            self._timer = self._app.set_timer(delay, self._save)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def save_now(self) -> None:
        """Apply every edit and write it in a worker now, not in half a second (leaving a page or a screen)."""
        self._progress_moved = True
        self._save()

    def _save(self) -> None:
        """The debounced save: progress is worked out again only if an answer appeared or vanished."""
        self._cancel_timer()  # called early, the armed timer has nothing left to do
        self._apply()
        if self.status.state is SaveState.HELD:
            return
        if self._store.unsaved:
            progress, self._progress_moved = self._progress_moved, False
            if self.status.state is not SaveState.RETRYING:  # a retry goes on saying that it is not saved
                self.status = SaveStatus(SaveState.SAVING, self.status.at)
                self._app.post_message(self.SavingStarted(self.status))
            self._app.run_worker(lambda: self._write(progress), thread=True, group="save", exit_on_error=False)

    def _write(self, progress: bool) -> None:
        # Runs in a thread: reports back through call_from_thread, so session state changes on the UI thread.
        try:
            self._store.save()
            # Progress only reads, so it is worked out here too, sparing the UI thread.
            rows = tuple(overview(self.catalog, self._store)) if progress else None
            actions = count_actions(gather_actions(self.catalog, self._store), self.today()) if progress else None
        except StoreChangedError:
            self._app.call_from_thread(self._changed_on_disk)
        except StoreError as error:
            self._app.call_from_thread(self._failed, str(error))
        except Exception as error:  # the type only: the message could hold the user's words
            self._app.call_from_thread(self._failed, f"Saving failed ({type(error).__name__}); retrying.")
        else:
            self._app.call_from_thread(self._saved, rows, actions)

    def _saved(self, rows: tuple[ExerciseProgress, ...] | None, actions: ActionCount | None) -> None:
        recovered = self.status.state is SaveState.RETRYING
        if self.status.state is SaveState.HELD:
            return  # a save that started before the file changed: the file still needs the user's choice
        self.status = SaveStatus(SaveState.SAVED, self.now())
        self._app.post_message(self.Saved(self.status, recovered))
        if rows is not None:
            self._rows, self._actions, self._stale = rows, actions, None
            self._app.post_message(self.ProgressChanged())

    def _failed(self, reason: str) -> None:
        self._progress_moved = True  # the retry works it out, in case this save was to
        first = self.status.state is not SaveState.RETRYING
        self.status = SaveStatus(SaveState.RETRYING, self.status.at)
        self._app.post_message(self.SaveFailed(self.status, reason, first))
        self._schedule(self.retry_delay)

    def _changed_on_disk(self) -> None:
        first = self.status.state is not SaveState.HELD
        self.status = SaveStatus(SaveState.HELD, self.status.at)
        self._app.post_message(self.ChangedOnDisk(self.status, first))

    def flush(self) -> None:
        """Save everything now, on this thread: for leaving the app. Raises StoreError if it cannot."""
        self._cancel_timer()
        self._apply()
        try:
            self._store.save()
        except StoreChangedError:
            self._changed_on_disk()
            raise
        except StoreError:
            self._schedule(self.retry_delay)  # the caller stays in the app: keep trying meanwhile
            raise

    def end_or_rescue(self) -> str | None:
        """For quitting when saving fails: save, else put the edits in a rescue file beside the store (or
        in the temp folder) and end. Returns what to tell the user (naming that file), None if it saved.
        Raises StoreWriteError, leaving the store open, when not even the rescue file can be written."""
        self._cancel_timer()
        self._apply()
        try:
            self._store.close()
        except StoreWriteError:
            raise
        except StoreError as error:
            return str(error)
        return None

    def apply_edits(self) -> None:
        """Hand the edits typed a moment ago to the store, without writing: for when the app has ended (or
        crashed), before the store is closed, which saves them or puts them aside."""
        self._cancel_timer()
        self._apply()

    # --- a file changed by another program -------------------------------------------

    @property
    def held(self) -> bool:
        return self.status.state is SaveState.HELD

    def settle_changed_file(self, keep_mine: bool) -> None:
        """Keep mine (the other file is kept as a copy) or use the file on disk (mine is kept), in a worker."""
        self._apply()
        self._app.run_worker(lambda: self._settle(keep_mine), thread=True, group="save", exit_on_error=False)

    def _settle(self, keep_mine: bool) -> None:
        try:
            if keep_mine:
                copy = self._store.take_over()
                kept = f" The version the other program wrote is kept as {copy}." if copy else ""
                message = f"Saved your edits.{kept}"
            else:
                copy = self._store.reload()
                kept = f" Your edits are kept as {copy}." if copy else ""
                message = f"Loaded the workbook as the other program left it.{kept}"
        except StoreError as error:
            self._app.call_from_thread(self._settle_failed, str(error))
            return
        self._app.call_from_thread(self._settled, not keep_mine, message)

    def _settle_failed(self, error: str) -> None:
        self._app.post_message(self.FileSettled(self.status, "", False, error))

    def _settled(self, reloaded: bool, message: str) -> None:
        if reloaded:
            self._store.start_sitting()
        self.status = SaveStatus(SaveState.SAVED, self.now())
        self._rows = self._actions = self._stale = None
        self._app.post_message(self.FileSettled(self.status, message, reloaded))
        self._app.post_message(self.ProgressChanged())
