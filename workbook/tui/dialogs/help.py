"""Help: what the workbook is for, and every key that works where you are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

ABOUT = """\
# Help

One exercise a sitting: pick a step in the sidebar (or press its number), read the introduction,
then work through the pages. Everything you type is saved within half a second; leaving a page, an
exercise or the app saves at once. Next time, **Continue** on the home screen puts you back on the
same page, in the same field.

Fields marked **\\*** are needed before an exercise can be marked as done. Lists take one item a
line. Dates are written YYYY-MM-DD.
"""


class HelpScreen(ModalScreen[None]):
    """The workbook's own keys where it was opened (the screen's and the app's) first; then, under a heading of
    their own, the generic keys of the box in focus (Textual's: move the cursor, press a button)."""

    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Close help", id="close-help",
                        tooltip="Close this help")]

    def __init__(self, bindings: list[tuple[str, str]], page_help: str = "",
                 box_bindings: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.bindings = bindings
        """(keys, what they do): the workbook's own."""
        self.page_help = page_help
        self.box_bindings = box_bindings or []
        """(key, what it does): the generic keys of the input, list or button in focus."""

    def compose(self) -> ComposeResult:
        text = ABOUT
        if self.page_help:
            text += f"\n## This page\n\n{self.page_help}\n"
        text += f"\n## Keys\n\n{_table(self.bindings)}"
        if self.box_bindings:
            text += f"\n## Keys of the box you are in\n\n{_table(self.box_bindings)}"
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown(text)
            yield Button("Close", id="close-help", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss()


def _table(bindings: list[tuple[str, str]]) -> str:
    rows = "\n".join(f"| `{key}` | {description} |" for key, description in bindings)
    return f"| key | what it does |\n| --- | --- |\n{rows}\n"
