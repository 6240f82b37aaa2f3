"""The Textual app: routes between screens and owns nothing else."""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

import rich
from rich.segment import Segments
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from workbook.answers import visible
from workbook.exercises import Catalog
from workbook.habits import (
    ActionCount,
    Goal,
    Nudge,
    conversations,
    count_actions,
    gather_actions,
    log_exercise,
    next_step_set_this_sitting,
)
from workbook.over_time import (
    REVIEW_MONTHS,
    StaleAnswer,
    changes_to_explain,
    check_review_months,
    review_months,
    stale_answers,
)
from workbook.progress import ExerciseProgress, checked_resume_point, overview
from workbook.storage import StoreChangedError, StoreError
from workbook.store import ResumePoint, Store
from workbook.tui.autosave import Autosaver
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.too_small import TooSmallScreen, too_small


# Palette commands: (format, name). Plain strings, so that start-up does not load the export modules.
EXPORT_COMMANDS = [("md", "Markdown worksheet"), ("html", "HTML to print or save as PDF"),
                   ("txt", "plain text"), ("json", "JSON backup of the whole workbook"),
                   ("ics", "calendar of conversations, action dates and the next review")]


class WorkbookApp(App[None]):
    CSS_PATH = "workbook.tcss"
    TITLE = "Career Workbook"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Every key, and help for this page"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Save and leave the workbook", priority=True),
        Binding("ctrl+s", "save", "Save", id="save", show=False,
                tooltip="Save now (it saves itself half a second after each change anyway)"),
    ]

    # Screens get -narrow below 100 columns: the sidebar gives the page more room.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    # `var`, not `reactive`: an app's reactive repaints the whole screen at every change, twice a save.
    save_status: var[str] = var("")
    """What the save indicator shows: Saving... / Saved 12:04 / Not saved."""
    progress_version: var[int] = var(0)
    """Bumped after each save so that screens redraw their progress."""

    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.autosaver = Autosaver(self, store)
        self._rows: tuple[ExerciseProgress, ...] | None = None
        self._actions: ActionCount | None = None
        self._stale: tuple[StaleAnswer, ...] | None = None
        self.next_step_asked = False
        """Asked (or skipped) for a next step in this sitting: once is enough."""

    def get_default_screen(self) -> HomeScreen:
        # Home is the bottom of the stack, drawn in the first frame.
        return HomeScreen(self.store, self.catalog)

    def on_mount(self) -> None:
        self.store.start_sitting()
        self.call_after_refresh(self._check_size)
        self._report_skipped_exercises()

    def _report_skipped_exercises(self, shown: int = 4) -> None:
        # The CLI printed them too, but the full screen hides them until the app ends.
        problems = [str(problem) for problem in self.catalog.errors]
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

    # --- what screens ask of the app ----------------------------------------

    def progress_rows(self) -> tuple[ExerciseProgress, ...]:
        if self._rows is None:
            self._rows = tuple(overview(self.catalog, self.store))
        return self._rows

    def action_count(self) -> ActionCount:
        if self._actions is None:
            self._actions = count_actions(gather_actions(self.catalog, self.store), self.today())
        return self._actions

    def stale_answers(self) -> tuple[StaleAnswer, ...]:
        """Answers of done steps due a look ("still true?"); a few dozen reads, worked out once per refresh."""
        if self._stale is None:
            self._stale = tuple(stale_answers(self.catalog, self.store, self.today()))
        return self._stale

    def still_true(self, exercise: str, field: str) -> None:
        """The user read an answer flagged "still true?" and it holds: it counts as checked today."""
        self.store.reviewed(exercise, field)
        self.autosaver.save_soon()
        self.refresh_flags()  # no overview on this thread
        self.notify("Kept as it is, checked today.", timeout=3)

    def today(self) -> date:
        """The user's date, from the store's clock (frozen in tests)."""
        return self.store.now().astimezone().date()

    def refresh_progress(self, rows: tuple[ExerciseProgress, ...] | None = None,
                         actions: ActionCount | None = None) -> None:
        """Redraw progress: from what the save worker worked out, or worked out afresh."""
        self._rows = rows
        self._actions = actions
        self.refresh_flags()

    def refresh_flags(self) -> None:
        """Redraw after a change to the "still true?" flags only: progress and actions stay as they were."""
        self._stale = None
        self.progress_version += 1

    def resume_point(self) -> ResumePoint | None:
        log_ids = [entry.id for exercise in self.catalog if exercise.repeatable
                   for entry in self.store.entries(exercise.id)]
        return checked_resume_point(self.catalog, self.store.resume_point(), log_ids)

    def open_exercise(self, exercise_id: str, entry: str | None = None, point: ResumePoint | None = None) -> None:
        """Show an exercise over home; an entry of the log opens over the log's list."""
        # Imported on first use: start-up draws home only, and these pull in every editor widget.
        from workbook.tui.screens.conversations import ConversationsScreen
        from workbook.tui.screens.exercise import ExerciseScreen

        exercise = self.catalog.get(exercise_id)
        self.autosaver.save_soon()  # leaving a screen saves at once
        self.switch_to_home()
        if exercise.repeatable:
            self.push_screen(ConversationsScreen(self.store, self.catalog, exercise))
            if entry is None:
                return
        self.push_screen(ExerciseScreen(self.store, self.catalog, exercise, entry, point))

    def open_actions(self) -> None:
        """The action list over home: an exercise left open under it would hold stale ticks and dates."""
        from workbook.tui.screens.actions import ActionsScreen

        self.autosaver.save_soon()
        self.switch_to_home()
        self.push_screen(ActionsScreen(self.store, self.catalog))

    def open_prep(self, entry: str) -> None:
        """The prep sheet of a conversation, over the log's list."""
        from workbook.tui.screens.conversations import ConversationsScreen
        from workbook.tui.screens.prep import PrepScreen

        log = log_exercise(self.catalog)
        if log is None:
            return
        self.autosaver.save_soon()
        self.switch_to_home()
        self.push_screen(ConversationsScreen(self.store, self.catalog, log))
        self.push_screen(PrepScreen(self.store, self.catalog, log, entry))

    def follow_nudge(self, nudge: Nudge) -> None:
        """Open what a reminder on home is about."""
        if nudge.goal is Goal.ACTIONS:
            self.open_actions()
        elif nudge.goal is Goal.PREP and nudge.entry:
            self.open_prep(nudge.entry)
        elif nudge.exercise in self.catalog:
            exercise = self.catalog.get(nudge.exercise)
            pages = [page.id for page in exercise.pages]
            point = ResumePoint(exercise.id, pages.index(nudge.page), None, nudge.entry) \
                if nudge.page in pages else None
            self.open_exercise(exercise.id, nudge.entry if nudge.goal is Goal.ENTRY else None, point)

    def action_open_actions(self) -> None:
        self.open_actions()

    def action_search(self) -> None:
        from workbook.tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return
        self.autosaver.apply()  # find what was typed a moment ago too
        self.push_screen(SearchScreen())

    def switch_to_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # --- actions and commands ------------------------------------------------

    def action_continue(self) -> None:
        point = self.resume_point()
        if point is None:
            self.notify("Nothing to continue yet: open a step to begin.")
            return
        self.open_exercise(point.exercise, point.entry, point)

    def action_help(self) -> None:
        from workbook.tui.screens.help import HelpScreen  # Markdown loads only when help is asked for

        if isinstance(self.screen, HelpScreen):
            return
        keys = [(binding.key_display or self.get_key_display(binding), binding.description)
                for (_, binding, enabled, _) in self.screen.active_bindings.values() if binding.description]
        page_help = getattr(self.screen, "page_help", lambda: "")()
        self.push_screen(HelpScreen(keys, page_help))

    def action_export(self, format: str = "md") -> None:
        """The Export screen, with the exercise the user is in already ticked."""
        from workbook.export import Format
        from workbook.tui.screens.export import ExportScreen

        if isinstance(self.screen, ExportScreen):
            return
        self.autosaver.apply()
        self.push_screen(ExportScreen(getattr(self.screen, "export_target", None), Format(format)))

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Continue", "Go back to where you left off", self.action_continue)
        for exercise in self.catalog:
            yield SystemCommand(f"exercise: open {exercise.title}", exercise.question,
                                lambda exercise_id=exercise.id: self.open_exercise(exercise_id))
        yield SystemCommand("Actions", "Every action in the workbook, by due date", self.open_actions)
        yield SystemCommand("Search", "Find words in everything you wrote", self.action_search)
        if hasattr(screen, "action_versions"):
            yield SystemCommand("History of this answer", "Every version, why and what changed; bring one back",
                                screen.action_versions)
        if hasattr(screen, "action_still_true"):
            yield SystemCommand("Still true: keep this answer as it is", "Mark the answer you are in as checked "
                                "today, without changing it", screen.action_still_true)
        if hasattr(screen, "action_start_again"):
            yield SystemCommand("Start this exercise again", "Set today's answers aside as earlier versions "
                                "(nothing is deleted) and begin afresh", screen.action_start_again)
        yield SystemCommand(f"Settings: ask \"still true?\" after {review_months(self.store)} months",
                            "How long an answer in a done step rests before the workbook asks you to look again",
                            self.ask_review_months)
        for item in conversations(self.catalog, self.store):
            if not item.stage.happened:
                yield SystemCommand(f"prep sheet: {visible(item.title)}", "What to have in mind before it",
                                    lambda entry=item.entry.id: self.open_prep(entry))
        for format, name in EXPORT_COMMANDS:
            yield SystemCommand(f"export: {name}", "Pick what to export, then write the file",
                                lambda format=format: self.action_export(format))
        yield SystemCommand("Toggle dark/light", "Switch between the dark and the light theme",
                            self.action_toggle_dark)
        yield SystemCommand("Help", "Every key, and help for this page", self.action_help)
        yield from super().get_system_commands(screen)

    def action_save(self) -> None:
        if self.autosaver.held:
            self.ask_about_changed_file()
        else:
            self.autosaver.save_soon()

    def ask_about_changed_file(self, then_quit: bool = False) -> None:
        """The file changed on disk under us: ask whose version to keep (the other is kept as a copy)."""
        from workbook.tui.screens.changed import ChangedFileScreen

        if not isinstance(self.screen, ChangedFileScreen):
            self.clear_notifications()  # the notice about it would cover the dialog's buttons
            self.push_screen(ChangedFileScreen(self.store.path),
                             callback=lambda choice: self._resolve_changed_file(choice, then_quit))

    def _resolve_changed_file(self, choice: str | None, then_quit: bool) -> None:
        if choice not in ("mine", "theirs"):
            self.autosaver.save_soon()  # shows that nothing is saved
            return
        self.autosaver.apply()
        # Copying, writing or reading the whole file: in a worker, like every save.
        self.run_worker(lambda: self._settle_changed_file(choice, then_quit), thread=True, group="save",
                        exit_on_error=False)

    def _settle_changed_file(self, choice: str, then_quit: bool) -> None:
        try:
            if choice == "mine":
                copy = self.store.take_over()
                kept = f" The version the other program wrote is kept as {copy}." if copy else ""
                message = f"Saved your edits.{kept}"
            else:
                copy = self.store.reload()
                kept = f" Your edits are kept as {copy}." if copy else ""
                message = f"Loaded the workbook as the other program left it.{kept}"
        except StoreError as error:
            self.call_from_thread(self.notify, str(error), title="Could not save", severity="error", timeout=15,
                                  markup=False)
            return
        self.call_from_thread(self._changed_file_settled, choice == "theirs", message, then_quit)

    def _changed_file_settled(self, reloaded: bool, message: str, then_quit: bool) -> None:
        if reloaded:
            self.store.start_sitting()
            self.switch_to_home()
        self.autosaver.held = False
        self.save_status = f"Saved {self.store.now().astimezone():%H:%M}"
        self.refresh_progress()
        if then_quit:
            self.exit()
        else:
            self.notify(message, title="Workbook saved", timeout=15, markup=False)

    async def action_quit(self) -> None:
        try:
            self.autosaver.flush()
        except StoreChangedError:
            self.ask_about_changed_file(then_quit=True)
            return
        except StoreError as error:
            self.notify(f"{error} Then press Ctrl+Q again.", title="Could not save", severity="error",
                        timeout=15, markup=False)
            return
        self.after_work(None, then=self.exit)

    def after_work(self, exercise: str | None, then: Callable[[], object] | None = None) -> None:
        """On leaving an exercise or the app: why a destination changed, then the next step (each asked
        only when it applies, and skippable), then `then`."""

        def next_step() -> None:
            if self.should_ask_next_step():
                self.ask_next_step(exercise, then)
            elif then is not None:
                then()

        self.ask_why_changed(next_step)

    # --- why an answer changed -----------------------------------------------

    def ask_why_changed(self, then: Callable[[], object] | None = None) -> None:
        """Ask (skippably) why an answer with a `why_changed` question was changed in this sitting; the
        reply is kept with the version it replaced. One question a change; then `then`."""
        from workbook.tui.screens.ask import AskLineScreen

        self.autosaver.apply()
        change = next(iter(changes_to_explain(self.catalog, self.store)), None)
        if change is None:
            if then is not None:
                then()
            return

        def answered(reason: str | None) -> None:
            self.store.explain_change(change.exercise, change.field.id, reason or "", change.entry)
            self.autosaver.save_soon()
            if reason:
                self.notify("Kept with the earlier version: F2 on the answer shows its history.", timeout=4)
            if then is not None:
                then()

        self.push_screen(AskLineScreen(
            visible(change.field.why_changed),
            f"You changed \u201c{visible(change.field.label)}\u201d, written "
            f"{change.revision.written_at.astimezone():%d %B %Y}. A line on why is kept with the earlier version, "
            "so you can see later how your thinking moved.",
            placeholder="What you learned (or Escape to skip)", max_length=300), answered)

    # --- settings --------------------------------------------------------------

    def ask_review_months(self) -> None:
        from workbook.tui.screens.ask import AskLineScreen

        def answered(text: str | None) -> None:
            if text is None:
                return
            self.store.set_setting(REVIEW_MONTHS, int(text))
            self.autosaver.save_soon()
            self.refresh_flags()
            self.notify("The workbook will not ask \"still true?\"." if int(text) == 0 else
                        f"Answers in done steps ask \"still true?\" {int(text)} months after you last checked them.",
                        timeout=5)

        self.push_screen(AskLineScreen(
            "After how many months should an answer ask \"still true?\"",
            "Answers in the steps you marked done are flagged on home and in the sidebar when you have not "
            "written or checked them for this long. 0 turns it off.",
            value=str(review_months(self.store)), placeholder="Months, e.g. 12", check=check_review_months,
            max_length=3), answered)

    # --- the next step ---------------------------------------------------------

    def should_ask_next_step(self) -> bool:
        """After working (an answer changed this sitting), once a sitting, unless one was set already."""
        return (not self.next_step_asked and bool(self.store.touched_this_sitting())
                and not next_step_set_this_sitting(self.store))

    def ask_next_step(self, after: str | None, then: Callable[[], object] | None = None) -> None:
        """One line, skippable: the step to take before the next sitting; it joins the action list."""
        from workbook.tui.screens.ask import AskLineScreen

        self.next_step_asked = True

        def answered(text: str | None) -> None:
            if text:
                self.store.add_next_step(text, after)
                self.autosaver.save_soon()
                self.refresh_progress()
                self.notify("It is on your action list; next time the workbook asks how it went.", timeout=4,
                            title="Next step kept")
            if then is not None:
                then()

        self.push_screen(AskLineScreen(
            "One next step before your next sitting?",
            "Something small you will do, e.g. \"Email Priya to book a coffee\". It goes on your action list, "
            "and next time the workbook asks whether you did it.",
            placeholder="Your next step (or Escape to skip)", max_length=200), answered)

    def _fatal_error(self) -> None:
        # Textual's crash report prints local variables, which would put the user's private answers
        # on the terminal: save what we can, then report the error without locals.
        try:
            self.autosaver.apply()
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
