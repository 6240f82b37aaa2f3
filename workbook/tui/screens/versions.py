"""Earlier versions of one answer, newest first; Enter brings one back (the answer it replaces is kept)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import answer_text, visible
from workbook.exercises import Field
from workbook.store import Revision

PREVIEW_LINES = 4


class VersionsScreen(ModalScreen[Revision | None]):
    """Returns the revision to bring back, or None."""

    BINDINGS = [Binding("escape", "dismiss", "Close", id="close-versions", tooltip="Change nothing")]

    def __init__(self, field: Field, current: object, revisions: list[Revision]) -> None:
        super().__init__()
        self.field = field
        self.current = current
        self.revisions = list(reversed(revisions))  # newest first

    def compose(self) -> ComposeResult:
        with Vertical(id="versions-dialog"):
            yield Static(f"Earlier versions: {self.field.label}", id="versions-title", markup=False)
            if not self.revisions:
                yield Static("No earlier version yet. A version is kept each time you change an answer written "
                             "in an earlier sitting.", id="versions-help", markup=False)
            else:
                yield Static("Enter brings a version back; the answer it replaces is kept as a version too.",
                             id="versions-help", markup=False)
            options = [Option(self._entry("Now", self.current), disabled=True)]
            options += [Option(self._entry(f"{revision.written_at.astimezone():%d %b %Y} to "
                                           f"{revision.replaced_at.astimezone():%d %b %Y}", revision.value),
                               id=str(index)) for index, revision in enumerate(self.revisions)]
            yield OptionList(*options, id="versions")
        yield Footer()

    def _entry(self, when: str, value: object) -> Text:
        text = visible(answer_text(self.field, value), multiline=True) or "(empty)"
        lines = text.splitlines()
        shown = "\n".join(lines[:PREVIEW_LINES]) + ("\n…" if len(lines) > PREVIEW_LINES else "")
        return Text.assemble((when, "bold"), "\n", shown)  # Text, not markup: an answer may hold a [

    def on_mount(self) -> None:
        versions = self.query_one("#versions", OptionList)
        versions.focus()
        if self.revisions:
            versions.highlighted = 1

    @on(OptionList.OptionSelected, "#versions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.revisions[int(event.option.id or 0)])
