"""Holds the keys typed while a page is being built, and hands them on once a field has the focus."""

from __future__ import annotations

from textual import events
from textual._wait import wait_for_idle  # what Textual's own pilot waits on between keys (textual is pinned)
from textual.widget import Widget

from workbook.tui.messages import ReportsFailedWorkers


class KeyCatcher(ReportsFailedWorkers, Widget, can_focus=True):
    """Focused during a page change. Textual sends a key to the widget that has the focus when the key
    arrives, so without this the keys typed meanwhile went to the field being removed and were lost."""

    DEFAULT_CSS = "KeyCatcher { width: 0; height: 0; }"

    def __init__(self) -> None:
        super().__init__()
        self._held: list[events.Key] = []
        self._handing_on = False

    def on_key(self, event: events.Key) -> None:
        # Stopped here, so no binding acts on it now; it acts when handed on (Tab moves, Escape leaves).
        event.stop()
        event.prevent_default()
        self._held.append(event)
        if not self.has_focus:  # arrived after the focus moved on: it follows the ones held
            self._hand_on()

    def on_blur(self) -> None:
        self._hand_on()

    def _hand_on(self) -> None:
        if not self._handing_on and self._held:
            self._handing_on = True
            self.run_worker(self._hand_on_held(), group="keys")

    async def _hand_on_held(self) -> None:
        # One at a time, as typed: a Tab must have moved the focus before the next letter is routed.
        try:
            while self._held and not self.has_focus:
                event = self._held.pop(0)
                self.app.post_message(events.Key(event.key, event.character))
                await wait_for_idle(0)
        finally:
            self._handing_on = False
