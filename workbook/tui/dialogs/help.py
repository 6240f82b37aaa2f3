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
    """Lists the bindings of the screen it was opened from, with the app's own."""

    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Close help", id="close-help",
                        tooltip="Close this help")]

    def __init__(self, bindings: list[tuple[str, str]], page_help: str = "") -> None:
        super().__init__()
        self.bindings = bindings
        self.page_help = page_help

    def compose(self) -> ComposeResult:
        keys = "\n".join(f"| `{key}` | {description} |" for key, description in self.bindings)
        text = ABOUT
        if self.page_help:
            text += f"\n## This page\n\n{self.page_help}\n"
        text += f"\n## Keys\n\n| key | what it does |\n| --- | --- |\n{keys}\n"
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown(text)
            yield Button("Close", id="close-help", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss()
