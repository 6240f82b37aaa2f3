"""The name that signs the messages the workbook drafts: asked once, changed from the palette."""

from __future__ import annotations

from textual.widgets import Input

from workbook.answers import MAX_NAME, check_your_name
from workbook.tui.dialogs.ask import AskLineScreen

EXPLANATION = (
    "The follow-up message drafted after a conversation ends with it. It stays in this workbook. "
    "Leave it empty and press Enter to sign with no name; change it later from the command palette "
    "(Ctrl+P, \u201csettings: your name\u201d)."
)


class YourNameScreen(AskLineScreen):
    """Returns the name written (perhaps empty: no name), or None when the user skips with Escape."""

    def __init__(self, name: str = "") -> None:
        super().__init__("Your name, to sign your messages", EXPLANATION, value=name,
                         placeholder="e.g. Sam Rivers", check=check_your_name, max_length=MAX_NAME)

    def accept_on_quit(self) -> bool:
        # An empty line kept by Enter means "no name, ever"; quitting with nothing typed only skips.
        if not self.query_one("#ask-line", Input).value.strip():
            self.dismiss(None)
            return True
        return self.accept()
