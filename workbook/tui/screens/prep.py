"""The prep sheet before a conversation: what to have in mind, drawn from the rest of the workbook."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown

from workbook import locations
from workbook.export import free_path, write_export
from workbook.export.prep import PrepSheet, prep_file_name, prep_html, prep_sheet
from workbook.exercises import Exercise
from workbook.tui.screens.base import HELP_KEY, WorkbookScreen
from workbook.tui.session import Session


class PrepScreen(WorkbookScreen):
    BINDINGS = [
        Binding("m", "save('md')", "Save as Markdown", id="prep-markdown", tooltip="Write the prep sheet to a file"),
        Binding("h", "save('html')", "Save as HTML", id="prep-html", tooltip="A page to print or open on a phone"),
        Binding("o", "open_entry", "Open the entry", id="prep-entry", tooltip="Edit what you want to learn and ask"),
        Binding("escape", "back", "Back", id="back", tooltip="Back to where you were"),
        HELP_KEY,
    ]

    def __init__(self, session: Session, log: Exercise, entry: str) -> None:
        super().__init__(session)
        self.current_exercise = log.id
        self.entry = entry
        self.sheet: PrepSheet = prep_sheet(session.catalog, session.read(), entry)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with VerticalScroll(id="prep"):
                yield Markdown(self.sheet.markdown, id="prep-sheet")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#prep").focus()

    def refresh_progress(self) -> None:
        super().refresh_progress()
        sheet = prep_sheet(self.catalog, self.session.read(), self.entry)
        if sheet != self.sheet:
            self.sheet = sheet
            self.query_one("#prep-sheet", Markdown).update(sheet.markdown)

    def action_save(self, extension: str) -> None:
        now = self.session.now()
        self._write(free_path(locations.export_dir() / prep_file_name(self.sheet, extension, now)), extension)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path, extension: str) -> None:
        content = self.sheet.markdown if extension == "md" else prep_html(self.sheet)
        try:
            write_export(path, content)
        except OSError as error:
            self.app.call_from_thread(self.notify, f"Could not write {path}: {error.strerror}. Use the Export "
                                      "screen (e) to choose another folder.", severity="error", markup=False)
        else:
            self.app.call_from_thread(self.notify, f"Wrote {path}", title="Prep sheet saved", markup=False)

    def action_open_entry(self) -> None:
        assert self.current_exercise is not None
        self.open_exercise(self.current_exercise, self.entry)

    def action_back(self) -> None:
        self.app.pop_screen()
