"""Home: the sidebar, Continue where you left off, the next suggested step, and a welcome."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from rich.text import Text
from textual.widgets import Button, Footer, Header, Static

from workbook.progress import State, next_exercise
from workbook.tui.screens.base import EXPORT_KEY, LOG_KEY, STEP_KEYS, WorkbookScreen

WELCOME = Text.assemble(
    ("Welcome to your Career Workbook\n\n", "bold"),
    "Managing a career is a habit, not an event. This workbook takes you through the six steps that "
    "career coaches use: ", ("Mapping", "bold"), " where you are, ", ("Planning", "bold"), " a direction, ",
    ("Exploring", "bold"), " routes, ", ("Demonstrating", "bold"), " what you can do, ", ("Arriving", "bold"),
    " well in a new role, and ", ("Consolidating", "bold"), " once you are there, plus a log of monthly ",
    ("career conversations", "bold"), ".\n\n",
    ("How a sitting works. ", "bold"),
    "Do one exercise a sitting, about 30 to 45 minutes. Each exercise is a few pages of questions with "
    "guidance. Write as much or as little as you like: everything saves itself as you type, and next time "
    "you will land exactly where you stopped.",
)


class HomeScreen(WorkbookScreen):
    BINDINGS = [*STEP_KEYS, LOG_KEY, EXPORT_KEY]

    suggested: str | None = None
    """The exercise the Start button opens; None opens the conversation log."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with VerticalScroll(id="home-main"):
                yield Static(WELCOME, id="welcome")
                yield Button("Continue", id="continue", variant="primary")
                yield Static("", id="last-sitting")
                yield Static("", id="suggestion")
                yield Button("Start", id="start-next")
        yield Footer()

    def refresh_progress(self) -> None:
        super().refresh_progress()
        rows = self.app.progress_rows()
        states = {row.exercise.id: row.state for row in rows}
        point = self.app.resume_point()
        returning = point is not None
        continue_button = self.query_one("#continue", Button)
        continue_button.display = returning
        self.query_one("#welcome").display = not returning
        if point is not None:
            exercise = self.catalog.get(point.exercise)
            where = "the introduction" if point.page < 0 else f"page {point.page + 1} of {len(exercise.pages)}"
            continue_button.label = f"Continue: {exercise.title}, {where}"
        sitting = self.store.last_sitting()
        self.query_one("#last-sitting", Static).update(
            f"Last sitting: {sitting.started_at.astimezone():%A %d %B %Y, %H:%M}" if sitting else "")
        upcoming = next_exercise(self.catalog.steps, states)
        start = self.query_one("#start-next", Button)
        suggestion = self.query_one("#suggestion", Static)
        if upcoming is None:
            suggestion.update("All six steps are done. Keep the habit going with a career conversation.")
            start.label = "Open the conversation log"
            self.suggested = None
        else:
            verb = "Carry on with" if states.get(upcoming.id) is State.IN_PROGRESS else "Suggested next:"
            suggestion.update(f"{verb} step {upcoming.step}, {upcoming.title}: {upcoming.question} "
                              f"(about {upcoming.minutes} minutes)")
            start.label = f"Open {upcoming.title}"
            self.suggested = upcoming.id
        if returning:
            continue_button.focus()
        else:
            start.focus()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        point = self.app.resume_point()
        if point is not None:
            self.app.open_exercise(point.exercise, point.entry, point)

    @on(Button.Pressed, "#start-next")
    def _start_next(self) -> None:
        if self.suggested is None:
            self.action_open_log()
        else:
            self.app.open_exercise(self.suggested)
