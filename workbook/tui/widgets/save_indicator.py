"""The save indicator: Saving... / Saved 12:04 / Not saved."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class SaveIndicator(Widget):
    """A fixed-width line that only repaints itself: it changes at every save, and a Label's update
    would lay out the whole page again each time, which typing then waits for."""

    status: reactive[str] = reactive("", layout=False)

    def render(self) -> Content:
        return Content(self.status)
