"""Small dialogs: one line asked (Enter keeps it, Escape skips), and a yes-or-no confirmation."""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

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
        with Vertical(id="ask-dialog", classes="dialog"):
            yield Static(self.question, id="ask-question", classes="dialog-title", markup=False)
            if self.explanation:
                yield Static(self.explanation, id="ask-explanation", classes="dialog-note", markup=False)
            yield Input(visible(self.value), placeholder=self.placeholder, id="ask-line", select_on_focus=False,
                        max_length=self.max_length)
            yield Static("", id="ask-error", markup=False)
            yield Static("Enter keeps it · Escape skips", id="ask-keys", classes="dialog-note")
        yield Footer()

    @on(Input.Submitted, "#ask-line")
    def _submitted(self) -> None:
        self.accept()

    def accept(self) -> bool:
        """Return the line as written (stripped), if it will do; else say what is wrong and stay open."""
        line = self.query_one("#ask-line", Input).value.strip()
        problem = self.check(line) if self.check else None
        if problem:
            self.query_one("#ask-error", Static).update(problem)
            return False
        self.dismiss(line)
        return True

    def accept_on_quit(self) -> bool:
        """Ctrl+Q while asked: the line typed so far is the answer."""
        return self.accept()

    def action_skip(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question that says what will happen; returns True for yes. Escape is no."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel", id="cancel-confirm", tooltip="Change nothing")]

    def __init__(self, question: str, explanation: str, yes: str, no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.explanation = explanation
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog -warning"):
            yield Static(self.question, id="confirm-question", classes="dialog-title", markup=False)
            yield Static(self.explanation, id="confirm-explanation", markup=False)
            with Horizontal(id="confirm-buttons", classes="dialog-buttons"):
                # Content, not markup: the labels name an exercise, whose title is the pack author's.
                yield Button(Content(self.no), id="confirm-no", variant="primary")
                yield Button(Content(self.yes), id="confirm-yes", variant="warning")
        yield Footer()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
