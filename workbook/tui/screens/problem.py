"""Shown instead of the workbook when its store cannot be opened: says why and what to do."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.widgets import Button, Footer, Label, Static


class StoreProblemApp(App[int]):
    """A one-screen app: the store's problem, and Quit. It never touches the file."""

    CSS_PATH = "../workbook.tcss"
    TITLE = "Career Workbook"
    BINDINGS = [Binding("q,escape,enter", "quit", "Quit", id="quit", tooltip="Leave; nothing was changed")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.problem_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problem"):
            yield Label(self.problem_title, id="problem-title")
            yield Static(self.message, id="problem-message", markup=False)
            yield Static("Nothing on disk was changed.", id="problem-safe")
            with Center():
                yield Button("Quit", id="quit", variant="primary")
        yield Footer()

    def on_button_pressed(self) -> None:
        self.exit(return_code=1)

    async def action_quit(self) -> None:
        self.exit(return_code=1)
