"""Covers the app while the terminal is too small to lay it out; goes away when it grows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(f"Please make this window at least {MIN_WIDTH} x {MIN_HEIGHT}.\n"
                         "Your work is saved.", id="too-small")
