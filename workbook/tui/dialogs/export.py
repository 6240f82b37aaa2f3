"""Export: pick exercises and a format, see where the file went."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from workbook import locations
from workbook.answers import visible
from workbook.export import Export, Format, ScopeError, build_export, free_path, suggested_name, write_export
from workbook.export.worksheet import Choice, choices
from workbook.progress import State
from workbook.store import Store
from workbook.tui.messages import ReportsFailedWorkers
from workbook.tui.session import Session

STATE_MARK = {State.NOT_STARTED: "○", State.IN_PROGRESS: "◐", State.DONE: "●"}


class ReplaceScreen(ModalScreen[str]):
    """Asks before an export would replace a file: replace, keep both, or cancel."""

    BINDINGS = [Binding("escape", "dismiss('cancel')", "Cancel", id="cancel-replace", tooltip="Write nothing")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="replace-dialog", classes="dialog -warning"):
            yield Static(f"{self.path.name} already exists in {self.path.parent}.", id="replace-question",
                         classes="dialog-title", markup=False)
            # The new name on a line of its own: in a button's label a long one pushed the others out of sight.
            yield Static(f"Keep both writes the new one as {free_path(self.path).name}.", classes="dialog-note",
                         markup=False)
            with Horizontal(id="replace-buttons", classes="dialog-buttons"):
                yield Button("Keep both", id="keep", variant="primary")
                yield Button("Replace it", id="replace", variant="warning")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class ExportScreen(ReportsFailedWorkers, ModalScreen[None]):
    """Ticks for what to export, a format, and the path; the file is written in a worker."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close-export", tooltip="Back to where you were"),
        Binding("ctrl+s", "export", "Export", id="do-export", tooltip="Write the file", priority=True),
    ]

    def __init__(self, session: Session, selected: tuple[str, str | None] | None = None,
                 format: Format = Format.MARKDOWN) -> None:
        super().__init__()
        self.session = session
        self.selected = selected
        """The exercise (or log entry) the user came from, ticked at the start; None ticks the done ones."""
        self.format = format
        self._choices: dict[str, Choice] = {}
        self._suggested = ""

    def compose(self) -> ComposeResult:
        self._choices = {choice.key: choice for choice in choices(self.session.catalog, self.session.read())}
        with VerticalScroll(id="export-dialog", classes="dialog"):  # scrolls when the window is short
            yield Label("Export worksheets", id="export-title")
            with Horizontal(id="export-choices"):
                with Vertical(id="export-what"):
                    yield Label("What to export (Space ticks)", classes="export-heading")
                    yield SelectionList[str](*self._selections(), id="export-exercises")
                    with Horizontal(id="export-quick"):
                        yield Button("Done ones", id="tick-done", compact=True)
                        yield Button("All", id="tick-all", compact=True)
                        yield Button("None", id="tick-none", compact=True)
                with Vertical(id="export-format"):
                    yield Label("Format", classes="export-heading")
                    with RadioSet(id="formats"):
                        for format in Format:
                            yield RadioButton(format.label, value=format is self.format, id=f"format-{format.value}")
                    yield Static(self.format.description, id="format-description")
            yield Label("Save as", classes="export-heading")
            yield Input(id="export-path")
            with Horizontal(id="export-buttons", classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Close", id="close")
            yield Static("", id="export-result", markup=False)
        yield Footer()

    def _selections(self) -> list[Selection[str]]:
        if self.selected is None:
            # The finished worksheets; before any is finished, the ones under way.
            ticked = ({key for key, choice in self._choices.items() if choice.state is State.DONE} or
                      {key for key, choice in self._choices.items()
                       if choice.state is State.IN_PROGRESS and choice.entry is None})
        else:
            exercise, entry = self.selected
            ticked = {f"{exercise}:{entry}" if entry else exercise}
        return [Selection(Content(f"{STATE_MARK[choice.state]} {visible(choice.label)}"), key, key in ticked)
                for key, choice in self._choices.items()]

    def on_mount(self) -> None:
        selection_list = self.query_one("#export-exercises", SelectionList)
        keys = list(self._choices)
        ticked = [keys.index(key) for key in selection_list.selected]
        selection_list.highlighted = min(ticked, default=0)  # the cursor starts on what is ticked
        selection_list.focus()
        self._update_target()

    # --- keeping the path in step with the choices -----------------------------

    @property
    def picked(self) -> list[tuple[str, str | None]]:
        ticked = self.query_one("#export-exercises", SelectionList).selected
        return [(self._choices[key].exercise, self._choices[key].entry) for key in self._choices if key in ticked]

    @on(SelectionList.SelectedChanged)
    def _update_target(self) -> None:
        """Suggest a file name for the choices; a name the user typed themselves is left alone."""
        # A backup or a calendar always holds the whole workbook: there is nothing to tick.
        self.query_one("#export-exercises").disabled = self.format.whole_workbook
        try:
            name = self._suggested_name()
        except ScopeError:
            return  # nothing ticked, or a log with no entries: keep the path as it is
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value).expanduser() if path_input.value else None
        if current is None or current.name == self._suggested:
            folder = current.parent if current else locations.export_dir()
            path_input.value = str(folder / name)
        self._suggested = name

    @on(RadioSet.Changed, "#formats")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.format = Format(event.pressed.id.removeprefix("format-"))
        self.query_one("#format-description", Static).update(self.format.description)
        self._update_target()

    @on(Button.Pressed, "#tick-done")
    def _tick_done(self) -> None:
        self._tick(lambda choice: choice.state is State.DONE)

    @on(Button.Pressed, "#tick-all")
    def _tick_all(self) -> None:
        self._tick(lambda choice: choice.entry is None)

    @on(Button.Pressed, "#tick-none")
    def _tick_none(self) -> None:
        self._tick(lambda choice: False)

    def _tick(self, wanted) -> None:
        selection_list = self.query_one("#export-exercises", SelectionList)
        selection_list.deselect_all()
        for key, choice in self._choices.items():
            if wanted(choice):
                selection_list.select(key)

    # --- writing ---------------------------------------------------------------

    def _suggested_name(self) -> str:
        return suggested_name(self.session.catalog, self.session.read(), self.picked, self.format, self.session.now())

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        if not self.format.whole_workbook and not self.picked:
            self._report("Tick at least one exercise with Space, then export.", error=True)
            return
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._report("Write where to save the file, e.g. ~/Documents/planning.md", error=True)
            return
        path = Path(text).expanduser()
        if path.is_dir():
            path = path / self._suggested_name()
        # Our own suggestion is private; a path the user chose gets their umask (a backup is always private);
        # a private file replaced stays private (an export replaced by the next one was left 0644).
        private = self.format.row.private or path == locations.export_dir() / self._suggested or \
            (path.is_file() and not path.stat().st_mode & 0o077)
        if path.exists():
            self.app.push_screen(ReplaceScreen(path), lambda answer: self._after_asking(path, answer, private))
            return
        self._start_writing(path, overwrite=False, private=private)

    def _after_asking(self, path: Path, answer: str | None, private: bool) -> None:
        if answer == "replace":
            self._start_writing(path, overwrite=True, private=private)
        elif answer == "keep":
            self._start_writing(free_path(path), overwrite=False, private=private)
        else:
            self._report("Nothing was written.")

    def _start_writing(self, path: Path, overwrite: bool, private: bool) -> None:
        # Read here, on the UI thread: the export holds what was typed a moment ago.
        self._write(self.session.read(), list(self.picked), self.format, self.session.now(), path, overwrite,
                    private)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, store: Store, picked: list[tuple[str, str | None]], format: Format, now: datetime,
               path: Path, overwrite: bool, private: bool) -> None:
        # Runs in a thread: reads the store (which has its own lock), reports back to the UI thread.
        try:
            export = build_export(self.session.catalog, store, picked, format, now)
            write_export(path, export.content, overwrite=overwrite, private=private)
        except ScopeError as error:
            self.app.call_from_thread(self._report, f"{str(error).capitalize()}.", True)
        except FileExistsError:
            self.app.call_from_thread(self._report, f"{path.name} appeared meanwhile; export again.", True)
        except OSError as error:
            self.app.call_from_thread(
                self._report, f"Could not write {path}: {error.strerror}. Choose another folder.", True)
        else:
            self.app.call_from_thread(self._written, export, path)

    def _written(self, export: Export, path: Path) -> None:
        self._report(f"Wrote {export.title} to {path}")
        self.query_one("#export-path", Input).value = str(path)
        self._suggested = ""

    def _report(self, message: str, error: bool = False) -> None:
        result = self.query_one("#export-result", Static)
        result.set_class(error, "error")
        result.update(message)
        # Under the buttons, it may sit below a short window's edge: what confirms the export must be seen.
        self.call_after_refresh(result.scroll_visible, animate=False)
