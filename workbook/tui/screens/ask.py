"""One line asked in a small dialog: Enter keeps it, Escape skips. For the next step and a due date."""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from workbook.answers import visible


class AskLineScreen(ModalScreen[str | None]):
    """Returns the line written (stripped), or None when the user skips with Escape."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="skip-line", tooltip="Close without changing anything")]

    def __init__(self, question: str, explanation: str = "", value: str = "", placeholder: str = "",
                 check: Callable[[str], str | None] | None = None, max_length: int = 0) -> None:
        super().__init__()
        self.question = question
        self.explanation = explanation
        self.value = value
        self.placeholder = placeholder
        self.check = check
        """Returns what is wrong with the line, or None when it will do."""
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-dialog"):
            yield Static(self.question, id="ask-question", markup=False)
            if self.explanation:
                yield Static(self.explanation, id="ask-explanation", markup=False)
            yield Input(visible(self.value), placeholder=self.placeholder, id="ask-line", select_on_focus=False,
                        max_length=self.max_length)
            yield Static("", id="ask-error", markup=False)
            yield Static("Enter keeps it · Escape skips", id="ask-keys")
        yield Footer()

    @on(Input.Submitted, "#ask-line")
    def _submitted(self, event: Input.Submitted) -> None:
        line = event.value.strip()
        problem = self.check(line) if self.check else None
        if problem:
            self.query_one("#ask-error", Static).update(problem)
            return
        self.dismiss(line)

    def action_skip(self) -> None:
        self.dismiss(None)
