"""The Textual app: routes between screens, and turns the session's messages into what the user sees."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Coroutine

import rich
from rich.segment import Segments
from rich.text import Text
from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.reactive import var
from textual.worker import Worker, WorkerState

from workbook.answers import visible
from workbook.exercises import Catalog
from workbook.fields import DATE_HINT
from workbook.habits import Goal, Nudge, log_exercise
from workbook.storage import StoreChangedError, StoreError, shared_folder_warning
from workbook.store import ResumePoint, Store
from workbook.tui.key_order import KeyHandled, KeyHolder, KeysInOrder
from workbook.tui.messages import (
    FollowNudge,
    GoHome,
    LeaveExercise,
    OpenActions,
    OpenExercise,
    OpenPrep,
    WorkerFailed,
)
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.too_small import TooSmallScreen, too_small
from workbook.tui.session import SaveStatus, Session


QUIT_AGAIN = 5.0
"""Seconds in which a second Ctrl+Q, after one that could not save, quits with the edits in a rescue file."""


def _workbook_commands() -> type[Provider]:
    # Loaded when the palette opens: start-up draws home only.
    from workbook.tui.commands import WorkbookCommands

    return WorkbookCommands


class WorkbookApp(App[None]):
    CSS_PATH = "workbook.tcss"
    TITLE = "Career Workbook"
    COMMANDS = App.COMMANDS | {_workbook_commands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Every key, and help for this page"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Save and leave the workbook", priority=True),
        Binding("ctrl+s", "save", "Save", id="save", show=False,
                tooltip="Save now (it saves itself half a second after each change anyway)"),
    ]

    # Screens get -narrow below 100 columns: the sidebar gives the page more room.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    # `var`, not `reactive`: an app's reactive repaints the whole screen at every change, twice a save.
    save_status: var[SaveStatus] = var(SaveStatus())
    """What the save indicator shows: Saving... / Saved 12:04 / Not saved."""
    progress_version: var[int] = var(0)
    """Bumped whenever progress, the action count or the "still true?" flags may have moved."""

    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        """For the command line and the tests; the app itself reads and writes through `session`."""
        self.catalog = catalog
        self.session = Session(store, catalog, self)
        theme = self.session.chosen_theme()
        if theme in self.available_themes:  # a theme of a later version, or a removed one, is passed over
            self.theme = theme
        self._quit_after_questions = False
        """Ctrl+Q was pressed while a question was asked: quit once it is answered."""
        self._quit_when_settled = False
        """Ctrl+Q found the file changed on disk: quit once the user has chosen whose version to keep."""
        self._quit_refused_at: float | None = None
        """When Ctrl+Q last could not save: pressed again soon after, it quits with a rescue file."""
        self._date_warned_at: float | None = None
        """When Ctrl+Q last said a date typed on the page is not one: pressed again soon after, it quits."""
        self._keys = KeysInOrder(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:  # from the terminal: in typing order
            await self._keys.arrived(event)
        else:
            await super().on_event(event)

    @on(KeyHandled)
    async def _key_handled(self, event: KeyHandled) -> None:
        await self._keys.handled(event)

    @on(KeyHolder.Released)
    async def _keys_released(self) -> None:
        await self._keys.released()

    def get_default_screen(self) -> HomeScreen:
        # Home is the bottom of the stack, drawn in the first frame.
        return HomeScreen(self.session)

    def on_mount(self) -> None:
        self.session.begin()
        # Every way of changing it (the palette's theme list, toggle, a test) is remembered for next time.
        self.theme_changed_signal.subscribe(self, lambda theme: self.session.keep_theme(theme.name))
        self.call_after_refresh(self._check_size)
        self._report_skipped_exercises()
        warning = shared_folder_warning(self.session.path)  # the command line's line is hidden by the screen
        if warning:
            self.notify(warning[0].upper() + warning[1:], title="Your workbook's folder is shared",
                        severity="warning", timeout=30, markup=False)

    def _report_skipped_exercises(self, shown: int = 4) -> None:
        # The CLI printed them too, but the full screen hides them until the app ends.
        problems = [visible(str(problem)) for problem in self.catalog.errors]  # a file name may hold an ESC
        if not problems:
            return
        lines = [f"• {problem}" for problem in problems[:shown]]
        if len(problems) > shown:
            lines.append(f"…and {len(problems) - shown} more: `workbook status` lists them all.")
        noun = "file" if len(problems) == 1 else "files"
        self.notify("\n".join(lines), title=f"Skipped {len(problems)} exercise {noun}; the rest are here",
                    severity="warning", timeout=30, markup=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        small = too_small(self.size.width, self.size.height)
        covered = isinstance(self.screen, TooSmallScreen)
        if small and not covered:
            self.push_screen(TooSmallScreen())
        elif covered and not small:
            self.pop_screen()

    # --- what the session reports ---------------------------------------------------

    @on(Session.SavingStarted)
    @on(Session.Saved)
    def _show_status(self, event: Session.SavingStarted | Session.Saved) -> None:
        self.save_status = event.status
        if isinstance(event, Session.Saved) and event.recovered:
            self.notify("Everything you wrote is saved now.", title="Saved", timeout=5)

    @on(Session.SaveFailed)
    def _save_failed(self, event: Session.SaveFailed) -> None:
        self.save_status = event.status
        if event.first:  # once, not at every retry: the indicator keeps saying it meanwhile
            self.notify(event.reason, title="Your edits are not saved yet", severity="error", timeout=10,
                        markup=False)

    @on(Session.ChangedOnDisk)
    def _changed_on_disk(self, event: Session.ChangedOnDisk) -> None:
        self.save_status = event.status
        # A notice, not a dialog: a dialog popping up mid-sentence would take the next keys typed.
        if event.first:
            self.notify("Another program changed the workbook file. Nothing was written over it and your "
                        "edits are still here: press Ctrl+S to choose which version to keep.",
                        title="Not saved", severity="error", timeout=30)

    @on(Session.ProgressChanged)
    def _progress_changed(self) -> None:
        self.progress_version += 1

    @on(Session.FileSettled)
    def _file_settled(self, event: Session.FileSettled) -> None:
        if event.error:
            self.notify(event.error, title="Could not save", severity="error", timeout=15, markup=False)
            return
        self.save_status = event.status
        if event.reloaded:
            self.switch_to_home()
        if self._quit_when_settled:
            self.exit()
        else:
            self.notify(event.message, title="Workbook saved", timeout=15, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that fails is reported, so that no error vanishes (the save reports its own); the end
        of the questions asked when Ctrl+Q was pressed lets the app quit."""
        if event.worker.is_finished and self._quit_after_questions and not self._questions_running():
            self._quit_after_questions = False
            self.call_later(self.action_quit)
        if event.state is WorkerState.ERROR:
            self.post_message(WorkerFailed(event.worker))

    @on(WorkerFailed)
    def _report_failed_worker(self, event: WorkerFailed) -> None:
        # The type and the place only: a message could hold the user's words.
        worker = event.worker
        where = worker.group if worker.group != "default" else worker.name
        self.notify(f"Something went wrong ({type(worker.error).__name__} in {where}). What you wrote is kept.",
                    title="That did not work", severity="error", timeout=10, markup=False)

    # --- moving between screens: leaving one saves at once ---------------------------

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        self.session.save_now()
        return super().push_screen(*args, **kwargs)

    def pop_screen(self) -> Any:
        self.session.save_now()
        return super().pop_screen()

    @on(OpenExercise)
    def _open_exercise(self, event: OpenExercise) -> None:
        self.open_exercise(event.exercise, event.entry, event.point, history_at=event.history_at)

    @on(OpenActions)
    def _open_actions(self) -> None:
        self.open_actions()

    @on(OpenPrep)
    def _open_prep(self, event: OpenPrep) -> None:
        self.open_prep(event.entry)

    @on(FollowNudge)
    def _follow_nudge(self, event: FollowNudge) -> None:
        self.follow_nudge(event.nudge)

    @on(LeaveExercise)
    def _leave_exercise(self, event: LeaveExercise) -> None:
        self.leave_exercise(event.exercise)

    @on(GoHome)
    def _go_home(self) -> None:
        self.switch_to_home()

    def switch_to_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def open_exercise(self, exercise_id: str, entry: str | None = None, point: ResumePoint | None = None,
                      history_at: datetime | None = None) -> None:
        """Show an exercise over home; an entry of the log opens over the log's list. With `history_at`, the
        history of the point's field opens over its page, on the version written at that moment."""
        # Imported on first use: start-up draws home only, and these pull in every editor widget.
        from workbook.tui.screens.conversations import ConversationsScreen
        from workbook.tui.screens.exercise import ExerciseScreen

        exercise = self.catalog.get(exercise_id)
        self.switch_to_home()
        if exercise.repeatable:
            self.push_screen(ConversationsScreen(self.session, exercise, opened=entry))
            if entry is None:
                return
        history = (point.field, history_at) if history_at and point and point.field else None
        self.push_screen(ExerciseScreen(self.session, exercise, entry, point, history=history))

    def start_log_entry(self, exercise_id: str) -> None:
        """A new entry of a log (from the palette), opened over the log's list as New there opens it."""
        from workbook.tui.screens.conversations import new_entry_and_start

        self.open_exercise(*new_entry_and_start(self.session, self.catalog.get(exercise_id)))

    def open_actions(self) -> None:
        """The action list over home: an exercise left open under it would hold stale ticks and dates."""
        from workbook.tui.screens.actions import ActionsScreen

        self.switch_to_home()
        self.push_screen(ActionsScreen(self.session))

    def open_prep(self, entry: str) -> None:
        """The prep sheet of a conversation, over the log's list."""
        from workbook.tui.screens.conversations import ConversationsScreen
        from workbook.tui.screens.prep import PrepScreen

        log = log_exercise(self.catalog)
        if log is None:
            return
        self.switch_to_home()
        self.push_screen(ConversationsScreen(self.session, log, opened=entry))
        self.push_screen(PrepScreen(self.session, log, entry))

    def follow_nudge(self, nudge: Nudge) -> None:
        """Open what a reminder on home is about."""
        if nudge.goal is Goal.ACTIONS:
            self.open_actions()
        elif nudge.goal is Goal.PREP and nudge.entry:
            self.open_prep(nudge.entry)
        elif nudge.exercise in self.catalog:
            exercise = self.catalog.get(nudge.exercise)
            pages = [page.id for page in exercise.pages]
            # The page the reminder names, or the one that stands for it for this entry (a manager talk records
            # what the manager said on a page of its own).
            answers = self.session.answers(exercise.id, nudge.entry)
            point = ResumePoint(exercise.id, exercise.nearest_shown(pages.index(nudge.page), answers), None,
                                nudge.entry) if nudge.page in pages else None
            self.open_exercise(exercise.id, nudge.entry if nudge.goal is Goal.ENTRY else None, point)

    def leave_exercise(self, exercise: str) -> None:
        """Back from an exercise to where it was opened from; then why it changed and the next step."""
        self.pop_screen()
        self.ask(self._leave(exercise, quitting=False))

    async def _leave(self, exercise: str | None, quitting: bool) -> None:
        from workbook.tui.flows import leave

        await leave(self, self.session, exercise)
        if quitting:
            self.exit()

    def ask(self, questions: Coroutine[Any, Any, None]) -> None:
        """Run a row of questions (each awaits its dialog) as a worker of the app."""
        from workbook.tui.flows import QUESTIONS

        self.run_worker(questions, group=QUESTIONS, exit_on_error=False)

    # --- actions ---------------------------------------------------------------------

    def action_open_actions(self) -> None:
        self.open_actions()

    def action_search(self) -> None:
        from workbook.tui.dialogs.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.session))

    def action_continue(self) -> None:
        point = self.session.resume_point()
        if point is None:
            self.notify("Nothing to continue yet: open a step to begin.")
            return
        self.open_exercise(point.exercise, point.entry, point)

    def action_help(self) -> None:
        from workbook.tui.dialogs.help import HelpScreen  # Markdown loads only when help is asked for
        from workbook.tui.screens.base import WorkbookScreen

        if isinstance(self.screen, HelpScreen):
            return
        own: dict[str, list[str]] = {}
        box: list[tuple[str, str]] = []
        for _, binding, _, _ in self.screen.active_bindings.values():
            if not binding.description:
                continue
            key = binding.key_display or self.get_key_display(binding)
            # The workbook's bindings all have an id (and the palette's key is the app's too); the rest are
            # Textual's own, of the input, list or button in focus.
            if binding.id or binding.key == self.COMMAND_PALETTE_BINDING:
                description = "Command palette: every command" if binding.id is None else binding.description
                own.setdefault(description, []).append(key)  # two keys for one thing share a row
            else:
                box.append((key, binding.description))
        keys = [(" / ".join(keys), description) for description, keys in own.items()]
        page_help = self.screen.page_help() if isinstance(self.screen, WorkbookScreen) else ""
        self.push_screen(HelpScreen(keys, page_help, box))

    def action_export(self, format: str = "md") -> None:
        """The Export dialog, with the exercise the user is in already ticked."""
        from workbook.export import Format
        from workbook.tui.dialogs.export import ExportScreen
        from workbook.tui.screens.base import WorkbookScreen

        if isinstance(self.screen, ExportScreen):
            return
        target = self.screen.export_target if isinstance(self.screen, WorkbookScreen) else None
        self.push_screen(ExportScreen(self.session, target, Format(format)))

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def ask_review_months(self) -> None:
        from workbook.tui.flows import ask_review_months

        self.ask(ask_review_months(self, self.session))

    def ask_your_name(self) -> None:
        from workbook.tui.flows import ask_your_name

        self.ask(ask_your_name(self, self.session, asked_for=True))

    def action_save(self) -> None:
        if self.session.held:
            self.ask_about_changed_file()
        else:
            self.session.save_now()

    def ask_about_changed_file(self) -> None:
        """The file changed on disk under us: ask whose version to keep (the other is kept as a copy)."""
        from workbook.tui.dialogs.changed_file import ChangedFileScreen

        def chosen(choice: str | None) -> None:
            if choice in ("mine", "theirs"):
                self.session.settle_changed_file(keep_mine=choice == "mine")
            else:
                self._quit_when_settled = False  # decide later: stay

        if not isinstance(self.screen, ChangedFileScreen):
            self.clear_notifications()  # the notice about it would cover the dialog's buttons
            self.push_screen(ChangedFileScreen(self.session.path), callback=chosen)

    async def action_quit(self) -> None:
        from workbook.tui.dialogs.ask import AskLineScreen

        if isinstance(self.screen, AskLineScreen):
            # Quitting while a question is asked: the line typed so far is its answer; then quit.
            self._quit_after_questions = self.screen.accept_on_quit()
            return
        if self._questions_running():
            self._quit_after_questions = True
            return
        if self._a_date_would_be_dropped():
            return
        try:
            self.session.flush()
        except StoreChangedError:
            self._quit_when_settled = True
            self.ask_about_changed_file()
            return
        except StoreError as error:
            now = time.monotonic()
            if self._quit_refused_at is not None and now - self._quit_refused_at <= QUIT_AGAIN:
                self._quit_with_rescue_file()
                return
            self._quit_refused_at = now
            self.notify(f"{error} Or press Ctrl+Q again within {QUIT_AGAIN:g} seconds to quit now: your edits "
                        "go to a new file beside the workbook, named when the app ends.", title="Could not save",
                        severity="error", timeout=QUIT_AGAIN + 10, markup=False)
            return
        self.ask(self._leave(None, quitting=True))

    def _a_date_would_be_dropped(self) -> bool:
        """True, having said so, when a box on an open page shows a date that is not one: the store keeps the
        last date (or none), so quitting would drop what was typed. Ctrl+Q again within QUIT_AGAIN seconds
        quits without it."""
        from workbook.tui.screens.exercise import ExerciseScreen

        unkept = [date for screen in self.screen_stack if isinstance(screen, ExerciseScreen)
                  for date in screen.unkept_dates()]
        now = time.monotonic()
        if not unkept or (self._date_warned_at is not None and now - self._date_warned_at <= QUIT_AGAIN):
            return False
        self._date_warned_at = now
        label, typed = unkept[0]
        self.notify(f"\"{visible(typed)}\" in \"{label}\" is not a date, so it is not kept. {DATE_HINT}; "
                    f"or press Ctrl+Q again within {QUIT_AGAIN:g} seconds to quit without it.", title="Not a date",
                    severity="warning", timeout=QUIT_AGAIN + 10, markup=False)
        return True

    def _quit_with_rescue_file(self) -> None:
        try:
            message = self.session.end_or_rescue()
        except StoreError as error:  # not even a rescue file could be written: stay, the edits in memory
            self._quit_refused_at = None
            self.notify(f"{error} Nothing could be written anywhere, so the app stays open: free some space, "
                        "or export your answers (F4) to another drive.", title="Could not quit",
                        severity="error", timeout=30, markup=False)
            return
        self.exit(return_code=1 if message else 0, message=Text(message) if message else None)

    def _questions_running(self) -> bool:
        from workbook.tui.flows import QUESTIONS

        return any(worker.group == QUESTIONS and not worker.is_finished for worker in self.workers)

    def _fatal_error(self) -> None:
        # Textual's crash report prints local variables, which would put the user's private answers
        # on the terminal: keep what we can, then report the error without locals.
        try:
            self.session.apply_edits()
        except Exception:
            pass
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()


def make_app(store: Store, catalog: Catalog) -> WorkbookApp:
    """The one place the app is built, for the CLI and the tests alike."""
    return WorkbookApp(store, catalog)
