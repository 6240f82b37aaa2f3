"""The conversation log: every entry, newest first, and a way to start a new one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import entry_title, visible
from workbook.exercises import Catalog, Exercise
from workbook.store import Store
from workbook.tui.screens.base import ACTIONS_KEY, EXPORT_KEY, STEP_KEYS, WorkbookScreen


class ConversationsScreen(WorkbookScreen):
    BINDINGS = [
        *STEP_KEYS,
        ACTIONS_KEY,
        EXPORT_KEY,
        Binding("n", "new_entry", "New conversation", id="new-entry", tooltip="Start a new entry"),
        Binding("escape", "home", "Home", id="home", tooltip="Back to the home screen"),
    ]

    def __init__(self, store: Store, catalog: Catalog, exercise: Exercise) -> None:
        super().__init__(store, catalog)
        self.exercise = exercise
        self.current_exercise = exercise.id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with Vertical(id="log"):
                yield Label(self.exercise.title, id="exercise-title", markup=False)
                yield Static(self.exercise.question, id="log-question", markup=False)
                yield Button("+ New conversation", id="new-entry", variant="primary")
                yield OptionList(id="entries")
        yield Footer()

    def refresh_progress(self) -> None:
        super().refresh_progress()
        entries = self.query_one("#entries", OptionList)
        highlighted = entries.highlighted
        entries.clear_options()
        for entry in self.store.entries(self.exercise.id):
            answers = self.store.answers(self.exercise.id, entry.id)
            done = "● " if self.store.status(self.exercise.id, entry.id).done else "◐ "
            # Content, not markup: a name with a [ in it is just a name; and no control characters.
            title = visible(entry_title(self.exercise, answers, entry))
            entries.add_option(Option(Content(done + title), id=entry.id))
        if entries.option_count == 0:
            entries.add_option(Option("No conversations yet. Start one with New.", disabled=True))
        elif highlighted is not None:  # a save redraws the list: the cursor stays where it was
            entries.highlighted = min(highlighted, entries.option_count - 1)

    def on_mount(self) -> None:
        super().on_mount()
        entries = self.query_one("#entries", OptionList)
        if self.store.entries(self.exercise.id):
            entries.highlighted = 0
            entries.focus()
        else:
            self.query_one("#new-entry", Button).focus()

    @on(Button.Pressed, "#new-entry")
    def action_new_entry(self) -> None:
        entry = self.store.start_entry(self.exercise.id)
        self.app.autosaver.save_soon()
        self.app.open_exercise(self.exercise.id, entry.id)

    @on(OptionList.OptionSelected, "#entries")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_exercise(self.exercise.id, event.option.id)

    def action_home(self) -> None:
        self.app.pop_screen()
