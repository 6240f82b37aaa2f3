"""The save indicator: Saving... / Saved 12:04 / Not saved."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

USUAL_WIDTH = cell_len("Saved 12:04")
"""Wide enough for "Saving..." and "Saved 12:04", so that saving while typing never needs a layout."""


class SaveIndicator(Widget):
    """A fixed-width line that only repaints itself: it changes at every save, and a Label's update
    would lay out the whole page again each time, which typing then waits for. Only a failure's longer
    message widens it (a layout then, rarely), taking room from the title beside it until saving works."""

    DEFAULT_CSS = f"SaveIndicator {{ width: {USUAL_WIDTH}; }}"

    status: reactive[str] = reactive("", layout=False)

    def watch_status(self, status: str) -> None:
        width = max(USUAL_WIDTH, cell_len(status))
        if self.styles.width is None or self.styles.width.value != width:
            self.styles.width = width

    def render(self) -> Content:
        return Content(self.status)
