"""Keys are handled in the order they were typed, however fast they come.

Textual routes a key two ways. A letter is taken by the focused text box in its own message queue; a bound
key (Backspace, Delete, the arrows, Home, Tab...) is passed up from queue to queue through every widget above
the box until the app runs the binding. When keys come faster than the app gets through its queues (a burst
from the terminal while a save or a redraw runs), a later letter overtook an earlier Backspace: "next week",
nine Backspaces and "2026-12-04" became "ne2026-12-", and letters typed after a Tab went into the field left.
So the app sends a key on to the focused widget only once the one before it has gone all the way.

While a page is rebuilt the focus is on a `KeyHolder` (the exercise screen's key catcher): the keys wait
here, in order, until the focus has moved to the new page's field (Textual sends a key to the widget
focused when it is sent on, and the keys typed meanwhile went to the field being removed).
"""

from __future__ import annotations

from collections import deque
from typing import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

OVERDUE = 0.5
"""Seconds after which the next key goes on anyway: the marker of a widget removed on the way never comes back."""
ROUNDS = 2


class KeyHandled(Message):
    """Posted to a key's widget just after the key: it follows the key up the same queues, so when it
    reaches the app every widget on the way (and the app's bindings) has handled the key. It goes round
    twice: a key's binding can make its widget post a message (a button's Pressed, which changes the page),
    and the second round follows that one."""

    def __init__(self, target: Widget, rounds: int) -> None:
        super().__init__()
        self.target = target
        self.rounds = rounds


class KeyHolder(Widget, can_focus=True):
    """A widget that holds the keys while it has the focus: zero-size, focused while a page is built."""

    DEFAULT_CSS = "KeyHolder { width: 0; height: 0; }"

    holding = False
    """Focusable only while it holds: reached by Shift+Tab it held every key after it, and the app froze."""

    class Released(Message):
        """The holder lost the focus: the keys held go on to the widget that has it now."""

    def allow_focus(self) -> bool:
        return self.holding

    def hold(self) -> None:
        """Take the focus until the page is built: keys typed meanwhile wait here."""
        self.holding = True
        self.screen.set_focus(self)

    def on_blur(self) -> None:
        self.holding = False
        self.app.post_message(self.Released())


class KeysInOrder:
    """Holds the keys from the terminal and sends them on one at a time; the app calls `arrived` for each key
    from the terminal, `handled` for each `KeyHandled` that reaches it and `released` for `KeyHolder.Released`."""

    def __init__(self, app: App[object], send_on: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._send_on = send_on
        """Textual's own handling of a key from the terminal: priority bindings, else on to the focused widget."""
        self._waiting: deque[events.Key] = deque()
        self._in_flight: KeyHandled | None = None
        self._overdue: Timer | None = None

    async def arrived(self, key: events.Key) -> None:
        self._waiting.append(key)
        if self._in_flight is not None and not self._in_flight.target.is_attached:
            self._done()  # its widget was removed on the way: the marker will not come back
        await self._send_next()

    async def handled(self, marker: KeyHandled) -> None:
        if marker is not self._in_flight:
            return
        self._done()
        if marker.rounds > 1:  # again: after what the key made its widget post (Pressed, Changed)
            self._follow(marker.target, marker.rounds - 1)
        await self._send_next()

    async def released(self) -> None:
        await self._send_next()

    def _done(self) -> None:
        self._in_flight = None
        if self._overdue is not None:
            self._overdue.stop()
            self._overdue = None

    async def _send_next(self) -> None:
        while self._waiting and self._in_flight is None:
            target = self._app.focused or self._app.screen
            if isinstance(target, KeyHolder):
                return
            key = self._waiting.popleft()
            await self._send_on(key)
            # A priority binding took it here and now; what it set off (a page change) runs on the screen.
            self._follow(target if key.is_forwarded else self._app.screen, ROUNDS)

    def _follow(self, target: Widget, rounds: int) -> None:
        """Send a marker after the key, up from `target`; the next key waits for it."""
        marker = KeyHandled(target, rounds)
        if target.post_message(marker):  # False: the widget is closing, and nothing more comes of the key
            self._in_flight = marker
            # Given to the app directly when overdue: in the app's queue, like every key it sends on.
            self._overdue = self._app.set_timer(OVERDUE, lambda: self._app.post_message(marker),
                                                name="key overdue")
