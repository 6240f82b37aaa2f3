"""What every workbook screen shares: the sidebar on the left and the step keys."""

from __future__ import annotations

import re

from textual import on
from textual.binding import Binding
from textual.screen import Screen

from workbook.answers import visible
from workbook.exercises import Catalog
from workbook.habits import log_exercise
from workbook.logs import logs
from workbook.over_time import stale_counts
from workbook.store import ResumePoint
from workbook.tui.messages import OpenActions, OpenExercise, ReportsFailedWorkers
from workbook.tui.session import Session
from workbook.tui.widgets.progress_sidebar import ACTIONS, ProgressSidebar

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def as_markdown(text: str) -> str:
    """Text from a pack as Markdown that shows it as written: every ASCII punctuation mark escaped, so that
    `[x](file:///etc/passwd)` is no link, `**` no bold and `<b>` no HTML."""
    return _PUNCTUATION.sub(r"\\\1", text)

STEP_KEYS = [
    Binding(str(n), f"open_step({n})", f"Step {n}", show=False, id=f"step-{n}",
            tooltip=f"Open step {n}") for n in range(1, 10)  # a pack may add steps after the six
]
ACTIONS_KEY = Binding("a", "app.open_actions", "Actions", id="actions",
                      tooltip="Every action in the workbook, by due date")
SEARCH_KEY = Binding("slash", "app.search", "Search", id="search", tooltip="Find words in everything you wrote")
EXPORT_KEY = Binding("e", "app.export", "Export", id="export", tooltip="Write worksheets to a file")
HELP_KEY = Binding("question_mark", "app.help", "Help", id="help-key", show=False,
                   tooltip="Every key, and help for this page")
"""Where no one types: on pages and in dialogs a printable key is text, and help is F1."""


def log_keys(catalog: Catalog) -> list[Binding]:
    """A binding for each log that names its key in its file: c the conversations, j the energy log. Out of
    the footer: the sidebar shows each key beside its log (and F1 lists them), and at 80 columns two logs'
    titles would push Quit and Help out of the footer."""
    return [Binding(log.key, f"open_log({log.id!r})", visible(log.title), show=False, id=f"log-{log.id}",
                    tooltip=f"Open the log: {visible(log.title)}") for log in logs(catalog) if log.key]


class WorkbookScreen(ReportsFailedWorkers, Screen[None]):
    """A screen with the progress sidebar, kept up to date after every save."""

    current_exercise: str | None = None
    entry: str | None = None
    """The log entry shown, on a screen of a repeatable exercise."""

    @property
    def export_target(self) -> tuple[str, str | None] | None:
        """What the Export screen ticks when opened from here: (exercise, entry), or None for the done ones."""
        return (self.current_exercise, self.entry) if self.current_exercise else None

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.catalog = session.catalog
        # The breakpoint class from the start: added at the first resize, it would restyle every widget.
        self.add_class(*self._get_breakpoint_classes(self.app.size.width, self.app.HORIZONTAL_BREAKPOINTS or []))

    def page_help(self) -> str:
        """Help for what is on screen, as Markdown, shown under the keys by F1."""
        return ""

    @property
    def sidebar_row(self) -> str | None:
        """The sidebar row to highlight: the exercise on screen."""
        return self.current_exercise

    def sidebar(self) -> ProgressSidebar:
        """The sidebar, filled in from the start (a sidebar filled after mounting costs a second layout)."""
        return ProgressSidebar(self.session.progress_rows(), self.sidebar_row, self.session.action_count(),
                               stale_counts(self.session.stale_answers()))

    _progress_stale = False
    """Progress changed while another screen was on top: redraw when this one is shown again."""

    def on_mount(self) -> None:
        self.watch(self.app, "progress_version", self._progress_changed, init=False)
        self.refresh_progress()

    def _progress_changed(self) -> None:
        # Only the screen in view redraws at each save; typing on the page above must not wait for home.
        # Not `is_current`: that is also true of the screen just under the top one (drawn behind a
        # translucent screen), which would then redraw its list at each save while the user types above it.
        if self.app.screen is self:
            self.refresh_progress()
        else:
            self._progress_stale = True

    def on_screen_resume(self) -> None:
        if self._progress_stale:
            self._progress_stale = False
            self.refresh_progress()

    def refresh_progress(self) -> None:
        sidebar = self.query_one(ProgressSidebar)
        sidebar.set_reactive(ProgressSidebar.current, self.sidebar_row)
        sidebar.set_reactive(ProgressSidebar.actions, self.session.action_count())
        sidebar.set_reactive(ProgressSidebar.stale, stale_counts(self.session.stale_answers()))
        sidebar.rows = self.session.progress_rows()  # one redraw for all four

    @on(ProgressSidebar.StepSelected)
    def _step_selected(self, event: ProgressSidebar.StepSelected) -> None:
        if event.exercise_id == ACTIONS:
            self.app.post_message(OpenActions())
        else:
            self.open_exercise(event.exercise_id)

    def open_exercise(self, exercise: str, entry: str | None = None, point: ResumePoint | None = None) -> None:
        self.app.post_message(OpenExercise(exercise, entry, point))

    def action_open_step(self, number: int) -> None:
        for exercise in self.catalog.steps:
            if exercise.step == number:
                self.open_exercise(exercise.id)
                return
        self.notify(f"There is no step {number}.", severity="warning")

    def add_log_keys(self) -> None:
        """Bind each log's own key on this screen (the keys come from the exercise files, not the class);
        a key the screen binds itself stays the screen's."""
        # First, as c was when it was the only one; each key gets a list of its own (the class's are shared).
        own = {binding.key: [binding] for binding in log_keys(self.catalog)}
        self._bindings.key_to_bindings = {**own, **self._bindings.key_to_bindings}

    def action_open_log(self, exercise_id: str | None = None) -> None:
        """Open a log's list; without an id, the conversation log."""
        log = self.catalog.get(exercise_id) if exercise_id in self.catalog else log_exercise(self.catalog)
        if log is None:
            self.notify("No conversation log is loaded.", severity="warning")
            return
        self.open_exercise(log.id)
