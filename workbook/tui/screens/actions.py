"""Every action in the workbook in one list, by due date; ticking or re-dating one writes it where it lives."""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import visible
from workbook.fields import date_problem
from workbook.habits import ActionItem, ActionMoved, count_actions, gather_actions
from workbook.store import ResumePoint
from workbook.tui.flows import QUESTIONS
from workbook.tui.messages import GoHome
from workbook.tui.session import Session
from workbook.tui.screens.base import EXPORT_KEY, HELP_KEY, SEARCH_KEY, STEP_KEYS, WorkbookScreen
from workbook.tui.widgets.progress_sidebar import ACTIONS


class ActionsScreen(WorkbookScreen):
    BINDINGS = [
        *STEP_KEYS,
        replace(EXPORT_KEY, show=False),
        replace(SEARCH_KEY, show=False),
        HELP_KEY,
        Binding("space", "toggle_done", "Tick", id="toggle-done", tooltip="Mark the action done, or not done"),
        Binding("d", "due", "Date", id="due-date", tooltip="Set or change the date it is due"),
        Binding("enter", "open_source", "Open", id="open-source", show=False,
                tooltip="Open the page the action was written on"),
        Binding("f", "toggle_finished", "Done ones", id="show-done", tooltip="Show or hide the actions done"),
        Binding("escape", "home", "Home", id="home", tooltip="Back to the home screen"),
    ]

    show_done = False
    items: list[ActionItem] = []

    @property
    def sidebar_row(self) -> str | None:
        return ACTIONS

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.add_log_keys()  # as on home: c, j

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with Vertical(id="actions"):
                yield Label("Actions", id="exercise-title")
                yield Static("", id="actions-summary", markup=False)
                yield OptionList(id="action-list")
                yield Static("Space ticks · d sets the date · Enter opens where it was written · f shows done ones",
                             id="actions-keys")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#action-list", OptionList).focus()

    def refresh_progress(self) -> None:
        super().refresh_progress()
        self._fill()

    def _fill(self, keep: ActionItem | None = None) -> None:
        """Gather the list again from where the actions live; the cursor stays on the same action."""
        listing = self.query_one("#action-list", OptionList)
        row = listing.highlighted or 0
        every = gather_actions(self.catalog, self.session.read())
        self.items = [item for item in every if self.show_done or not item.done]
        listing.clear_options()
        listing.add_options([Option(self._line(item), id=str(index)) for index, item in enumerate(self.items)])
        count = count_actions(every, self.session.today())
        done = len(every) - count.open
        summary = f"{count}, by due date." if every else \
            "No actions yet. They gather here from the actions you write in the exercises and conversations."
        if done and not self.show_done:
            summary += f" {done} done (f shows them)."
        self.query_one("#actions-summary", Static).update(summary)
        if keep is not None and keep in self.items:
            listing.highlighted = self.items.index(keep)
        elif self.items:
            listing.highlighted = min(row, len(self.items) - 1)

    def _line(self, item: ActionItem) -> Table:
        # Text, not markup: an action may hold a [ of its own. Colours from the theme: legible in both.
        line = Table.grid(expand=True, padding=(0, 1))
        line.add_column(width=1)
        line.add_column(ratio=1)
        line.add_column(width=15, justify="right")
        what = Text(visible(item.text), style="strike" if item.done else "")
        if item.first_detail:
            what.append("\n" + visible(item.first_detail), style="italic")
        what.append("\n" + visible(item.source), style="dim")
        line.add_row("✓" if item.done else "○", what, self._due(item))
        return line

    def _colour(self, variable: str) -> str:
        return self.app.theme_variables.get(variable, "")

    def _due(self, item: ActionItem) -> Text:
        today = self.session.today()
        if item.overdue(today):
            return Text(f"{item.due} late", style=f"bold {self._colour('text-error')}")
        if item.due_this_week(today):
            return Text(f"{item.due} soon", style=self._colour("text-warning"))
        return Text(visible(item.due) or "-")

    @property
    def selected(self) -> ActionItem | None:
        highlighted = self.query_one("#action-list", OptionList).highlighted
        return None if highlighted is None or highlighted >= len(self.items) else self.items[highlighted]

    def _change(self, item: ActionItem, **changes) -> None:
        try:
            changed = self.session.change_action(item, **changes)
        except ActionMoved:
            self.notify("That action changed meanwhile; the list is fresh now.", severity="warning")
            changed = None
        if self.is_attached:  # a date given as the app quits is kept all the same
            self._fill(keep=changed)

    def action_toggle_done(self) -> None:
        item = self.selected
        if item is not None:
            self._change(item, done=not item.done)

    def action_due(self) -> None:
        from workbook.tui.dialogs.ask import AskLineScreen

        item = self.selected
        if item is None:
            return

        async def ask() -> None:
            due = await self.app.push_screen_wait(AskLineScreen(
                f"When is it due? {item.text}", "Empty means no date.", item.due, "YYYY-MM-DD", date_problem,
                max_length=10))
            if due is not None:
                self._change(item, due=due)

        self.app.run_worker(ask(), group=QUESTIONS, exit_on_error=False)

    @on(OptionList.OptionSelected, "#action-list")
    def action_open_source(self) -> None:
        item = self.selected
        if item is None:
            return
        if item.is_next_step:
            self.notify("A next step lives on this list only: tick it here when it is done.")
            return
        assert item.exercise is not None
        self.open_exercise(item.exercise, item.entry, ResumePoint(item.exercise, item.page, item.field, item.entry))

    def action_toggle_finished(self) -> None:
        self.show_done = not self.show_done
        self._fill(keep=self.selected)

    def action_home(self) -> None:
        self.app.post_message(GoHome())
