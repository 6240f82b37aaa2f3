"""Asks what to do when another program changed the workbook file while the app had it open."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class ChangedFileScreen(ModalScreen[str]):
    """Keep mine (theirs is kept as a copy), use theirs (mine is kept as a copy), or decide later."""

    BINDINGS = [Binding("escape", "dismiss('later')", "Decide later", id="decide-later",
                        tooltip="Keep your edits in this window; nothing is written")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="changed-dialog", classes="dialog -error"):
            yield Static("The workbook file changed on disk", id="changed-title", classes="dialog-title")
            yield Static(
                f"Another program (a synced folder, a restore?) changed {self.path} while this window had it "
                "open. Nothing was written over it, and your latest edits are still here. "
                "Whichever you choose, the other version is kept as a file beside it.",
                id="changed-message", markup=False)
            yield Button("Keep mine: save my edits, keep the other file as a copy", id="mine", variant="primary")
            yield Button("Use the file on disk: keep my edits as a copy", id="theirs")
            yield Button("Decide later (nothing is saved until then)", id="later")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)
