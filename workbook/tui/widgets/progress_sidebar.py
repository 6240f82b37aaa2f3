"""The progress sidebar: the six steps and each log (conversations, energy), each with its state and share."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from workbook.exercises import Exercise
from workbook.habits import ActionCount
from workbook.progress import ExerciseProgress, State, overall_share

ACTIONS = "actions"
"""The id of the sidebar's last row, the action list."""
STATE_MARK = {State.NOT_STARTED: "○", State.IN_PROGRESS: "◐", State.DONE: "●"}


def row_key(exercise: Exercise) -> str:
    """The key shown beside a row, the one that opens it: its digit (1-9), a log's own letter, else none."""
    if exercise.step is not None and 1 <= exercise.step <= 9:
        return str(exercise.step)
    return exercise.key or " "


class ProgressSidebar(Vertical):
    """Shows `rows` (set by the screen); posts StepSelected when the user picks one."""

    rows: reactive[tuple[ExerciseProgress, ...]] = reactive((), always_update=True)
    """Progress of every exercise, in sidebar order."""
    current: reactive[str | None] = reactive(None)
    """The id of the exercise on screen (or ACTIONS), highlighted."""
    actions: reactive[ActionCount | None] = reactive(None)
    """Open and late actions, for the last row; None leaves the row out."""
    stale: reactive[dict[str, int]] = reactive(dict)
    """Answers due a "still true?" look, by exercise: shown in place of the share of a done step."""

    class StepSelected(Message):
        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id

    def __init__(self, rows: tuple[ExerciseProgress, ...] = (), current: str | None = None,
                 actions: ActionCount | None = None, stale: dict[str, int] | None = None) -> None:
        super().__init__()
        self.set_reactive(ProgressSidebar.rows, rows)
        self.set_reactive(ProgressSidebar.current, current)
        self.set_reactive(ProgressSidebar.actions, actions)
        self.set_reactive(ProgressSidebar.stale, stale or {})

    def compose(self) -> ComposeResult:
        # Built whole here, so the first frame needs no second layout for the list or the bar.
        self._shown = self._what_is_shown()
        yield Label("Your progress", classes="sidebar-title")
        bar = ProgressBar(total=100, show_eta=False, show_percentage=True, id="overall")
        bar.progress = overall_share(self.rows).percent
        yield bar
        steps = OptionList(*self._options(), id="steps")
        steps.highlighted = self._current_index()
        yield steps

    def watch_rows(self) -> None:
        self._render_rows()

    def watch_current(self) -> None:
        self._render_rows()

    def watch_actions(self) -> None:
        self._render_rows()

    _shown: tuple = ()
    """What the list shows now; rebuilding it re-lays out the screen, so only on a change."""

    def _what_is_shown(self) -> tuple:
        return (self.current, self.actions, tuple(self.stale.items()),
                *((row.exercise.id, row.state, row.share, row.entries, row.sittings_done) for row in self.rows))

    def _options(self) -> list[Option]:
        options = []
        for row in self.rows:
            exercise = row.exercise
            key = row_key(exercise)
            share = Text(f"{row.entries}" if exercise.repeatable else f"{row.share.percent}%", style="dim")
            if self.stale.get(exercise.id):  # "3?": three answers ask "still true?" (listed on home)
                share = Text(f"{self.stale[exercise.id]}?", style="bold")
            sittings = f"{row.sittings_done}/{row.sittings_shown} sittings" if row.sittings_shown else ""
            options.append(Option(self._line(STATE_MARK[row.state], key, exercise.title, exercise.id, share,
                                             sittings), id=exercise.id))
        if self.actions is not None:
            count = Text(str(self.actions.open), style="dim")
            if self.actions.overdue:
                count = Text.assemble((f"{self.actions.overdue}!", "bold red"), ("/", "dim"), count)
            options.append(Option(self._line("!" if self.actions.overdue else "·", "a", "Actions", ACTIONS, count),
                                  id=ACTIONS))
        return options

    def _line(self, mark: str, key: str, title: str, row_id: str, figure: Text, under: str = "") -> Table:
        line = Table.grid(expand=True, padding=(0, 1))
        line.add_column(width=1)
        line.add_column(width=1)
        line.add_column(ratio=1)
        line.add_column(justify="right", width=5)
        shown = Text(title, style="bold" if row_id == self.current else "")
        if under:  # "1/2 sittings", on a line of its own under the title
            shown.append(f"\n{under}", style="dim")
        line.add_row(mark, key, shown, figure)
        return line

    def _current_index(self) -> int | None:
        ids = [row.exercise.id for row in self.rows] + ([ACTIONS] if self.actions is not None else [])
        return ids.index(self.current) if self.current in ids else None

    def _render_rows(self) -> None:
        if not self.is_mounted:
            return
        shown = self._what_is_shown()
        if shown == self._shown:
            return
        self._shown = shown
        steps = self.query_one("#steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        steps.add_options(self._options())  # one call: one layout, not one per row
        if highlighted is not None and highlighted < steps.option_count:
            steps.highlighted = highlighted
        self.query_one("#overall", ProgressBar).update(progress=overall_share(self.rows).percent)
        current = self._current_index()
        if current is not None:
            steps.highlighted = current

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.StepSelected(event.option.id))
