"""One editor widget per field kind. Each shows its field and posts `FieldEditor.Changed`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets.selection_list import Selection
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from workbook import clipboard, locations
from workbook.answers import visible, visible_value
from workbook.exercises import (
    ActionsField,
    ChecklistField,
    ChoiceField,
    ComposeField,
    DateField,
    Field,
    LineField,
    ListField,
    MultiField,
    RecallField,
    ScaleField,
    TableField,
    TextField,
)
from workbook.export import free_path, write_export
from workbook.fields import ActionRow, action_rows
from workbook.tui.messages import ReportsFailedWorkers


class FieldEditor(Vertical):
    """The label, help and input of one field. Subclasses build the input for their kind."""

    class Changed(Message):
        """The user changed the answer (posted on every edit; the screen debounces saving)."""

        def __init__(self, field: Field, value: Any) -> None:
            super().__init__()
            self.field = field
            self.value = value

    class CursorMoved(Message):
        """The cursor moved in the field's text (posted only while the field has the focus)."""

        def __init__(self, field: Field, cursor: tuple[int, int]) -> None:
            super().__init__()
            self.field = field
            self.cursor = cursor

    tracks_cursor = False
    """True for kinds with one text input, whose cursor the resume point keeps."""

    def __init__(self, field: Field, value: Any, *, note: str = "", then: str = "") -> None:
        super().__init__(id=f"field-{field.id}", classes="field")
        self.field = field
        self.initial = value
        self.shown = visible_value(value)
        """The answer as the editor shows it; an edit is a change from this."""
        self.note = note
        """A flag under the label, e.g. "written 14 months ago: still true?"."""
        self.then = then
        """What the field held before the exercise was started again, shown beside the answer now."""

    def compose(self) -> ComposeResult:
        label = Content(self.field.label)  # not markup: a [ in an exercise file is just a [
        if self.field.required:
            label += Content.from_markup(" [b $error]*[/]")
        yield Label(label, classes="field-label")
        if self.note:
            yield Static(self.note, classes="field-stale", markup=False)
        if self.field.help:
            yield Static(self.field.help, classes="field-help", markup=False)
        yield from self.compose_input()
        if self.then:
            yield Static(visible(self.then, multiline=True), classes="field-then", markup=False)

    def compose_input(self) -> ComposeResult:
        raise NotImplementedError

    def changed(self, value: Any) -> None:
        # Inputs report their first value as a change: that is no edit, so nothing is saved for it.
        if value == self.shown:
            return
        self.shown = value
        self.post_message(self.Changed(self.field, value))

    def input_widget(self) -> Widget | None:
        """The field's first input: the one that gets the cursor."""
        return next((widget for widget in self.query("*") if widget.focusable), None)

    def focus_input(self, scroll_visible: bool = True, cursor: tuple[int, int] | None = None) -> None:
        """Put the cursor in this field's first input: at `cursor` in its text, or after the text."""
        widget = self.input_widget()
        if widget is None:
            return
        widget.focus(scroll_visible=scroll_visible)
        if isinstance(widget, Input):
            widget.cursor_position = len(widget.value) if cursor is None else min(cursor[1], len(widget.value))
        elif isinstance(widget, TextArea):
            document = widget.document
            if cursor is None:
                widget.move_cursor(document.end)
            else:
                row = min(cursor[0], document.line_count - 1)
                widget.move_cursor((row, min(cursor[1], len(document.get_line(row)))))

    def cursor(self) -> tuple[int, int] | None:
        """Where the cursor is in the field's text, for the resume point; None for kinds that do not keep it."""
        if not self.tracks_cursor:
            return None
        widget = self.query("Input, TextArea").first()
        if isinstance(widget, Input):
            return 0, widget.cursor_position
        assert isinstance(widget, TextArea)
        return widget.cursor_location

    @on(TextArea.SelectionChanged)
    def _text_cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        event.stop()
        if self.tracks_cursor and event.text_area.has_focus:
            self.post_message(self.CursorMoved(self.field, event.selection.end))

    def _line_cursor_moved(self) -> None:
        line = self.query_one(Input)
        if self.tracks_cursor and line.has_focus:
            self.post_message(self.CursorMoved(self.field, (0, line.cursor_position)))

    def watch_line_cursor(self) -> None:
        """For a kind whose input is one Input: report its cursor moves."""
        self.watch(self.query_one(Input), "selection", self._line_cursor_moved, init=False)


# Every Input here is made with select_on_focus=False: Textual's default selects the whole answer when the
# cursor arrives, and the first key typed after Continue would then replace it.


class LineEditor(FieldEditor):
    tracks_cursor = True

    def compose_input(self) -> ComposeResult:
        self.shown = self.shown or ""
        yield Input(self.shown, placeholder="Type here", select_on_focus=False)

    def on_mount(self) -> None:
        self.watch_line_cursor()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        self.changed(event.value)


class AnswerArea(TextArea):
    """A TextArea that draws nothing once it has been removed from the page.

    Textual 8.2.8 can still draw a widget in the frame after its removal (a page change just after the
    cursor blinked), and a removed TextArea has lost its component styles: drawing it raised KeyError
    'text-area--gutter' and ended the app (Textual issue #6528; seen once in CI).
    """

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


class TextEditor(FieldEditor):
    tracks_cursor = True

    def compose_input(self) -> ComposeResult:
        self.shown = visible(self.initial or "", multiline=True)
        yield AnswerArea(self.shown, soft_wrap=True, show_line_numbers=False, classes="long")

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed(event.text_area.text)


class ListArea(AnswerArea):
    """A text area whose lines are the items of a list, with keys to move an item."""

    BINDINGS = [
        Binding("ctrl+up", "move_item(-1)", "Move item up", id="move-item-up",
                tooltip="Swap this item with the one above"),
        Binding("ctrl+down", "move_item(1)", "Move item down", id="move-item-down",
                tooltip="Swap this item with the one below"),
    ]

    def action_move_item(self, step: int) -> None:
        row, column = self.cursor_location
        other = row + step
        if not 0 <= other < self.document.line_count:
            return
        top, bottom = sorted((row, other))
        upper, lower = self.document.get_line(top), self.document.get_line(bottom)
        self.replace(f"{lower}\n{upper}", (top, 0), (bottom, len(lower)))
        self.move_cursor((other, min(column, len(self.document.get_line(other)))))


class ListEditor(FieldEditor):
    """Items one a line: Enter adds one, Ctrl+Shift+K deletes one, Ctrl+Up/Down moves one."""

    tracks_cursor = True

    def compose_input(self) -> ComposeResult:
        yield ListArea("\n".join(self.shown or []), soft_wrap=True, show_line_numbers=True, classes="list")
        yield Static("One item a line · Enter adds · Ctrl+Shift+K deletes · Ctrl+Up/Down moves",
                     classes="field-help")

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed([line.strip() for line in event.text_area.text.splitlines() if line.strip()])


class ChoiceEditor(FieldEditor):
    def compose_input(self) -> ComposeResult:
        assert isinstance(self.field, ChoiceField)
        with RadioSet():
            for option in self.values():
                # Content, not a str: a str label is markup, and "Junior [L3]" would show as "Junior".
                yield RadioButton(Content(option), value=option == self.initial)

    def values(self) -> list[Any]:
        """The value of each button, in order: the option as written, never the label read back."""
        assert isinstance(self.field, ChoiceField)
        return list(self.field.options)

    @on(RadioSet.Changed)
    def _edited(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.changed(self.values()[event.index])


class ScaleEditor(ChoiceEditor):
    """A choice among the numbers min..max, with words for the two ends."""

    def compose_input(self) -> ComposeResult:
        assert isinstance(self.field, ScaleField)
        with Horizontal(classes="scale"):
            yield Label(self.field.min_label, classes="scale-end", markup=False)
            with RadioSet(classes="scale-points"):
                for point in self.values():
                    yield RadioButton(str(point), value=point == self.initial)
            yield Label(self.field.max_label, classes="scale-end", markup=False)

    def values(self) -> list[Any]:
        assert isinstance(self.field, ScaleField)
        return list(range(self.field.min, self.field.max + 1))


class SelectionEditor(FieldEditor):
    """Any of a fixed set: `multi` options or `checklist` items."""

    def compose_input(self) -> ComposeResult:
        assert isinstance(self.field, (MultiField, ChecklistField))
        choices = self.field.options if isinstance(self.field, MultiField) else self.field.items
        chosen = set(self.initial or [])
        # Content prompts: a str prompt is parsed as markup.
        yield SelectionList[str](*[Selection(Content(choice), choice, choice in chosen) for choice in choices])

    @on(SelectionList.SelectedChanged)
    def _edited(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.changed(list(event.selection_list.selected))


class DateEditor(FieldEditor):
    tracks_cursor = True

    def compose_input(self) -> ComposeResult:
        self.shown = self.shown or ""
        yield Input(self.shown, placeholder="YYYY-MM-DD", max_length=10, classes="date",
                    select_on_focus=False)
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        self.watch_line_cursor()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        error = self.query_one(".field-error", Static)
        text = event.value.strip()
        try:
            if text:
                date.fromisoformat(text)
        except ValueError:
            error.update("Write the date as YYYY-MM-DD, e.g. 2026-12-01.")
            return
        error.update("")
        self.changed(text)


class RowsEditor(FieldEditor):
    """Rows the user adds and deletes: table rows, or actions (text, due date, done)."""

    def compose_input(self) -> ComposeResult:
        yield Vertical(classes="rows")
        yield Button("+ Add row", classes="add-row", compact=True)

    def on_mount(self) -> None:
        rows = self.stored_rows() or [self.blank_row()]
        for row in rows:
            self.add_row(row)
        self.shown = [self.as_shown(row) for row in rows]  # a blank row to fill in is not yet an answer

    def stored_rows(self) -> list[Any]:
        """The rows of the answer as stored, in the form `row_widgets` takes."""
        return list(self.shown or [])

    def blank_row(self) -> Any:
        raise NotImplementedError

    def row_widgets(self, row: Any) -> list[Widget]:
        raise NotImplementedError

    def row_value(self, row: Horizontal) -> Any:
        raise NotImplementedError

    def as_shown(self, row: Any) -> Any:
        """What `row_value` will read from the widgets made for `row`."""
        raise NotImplementedError

    def add_row(self, row: Any) -> Horizontal:
        line = Horizontal(*self.row_widgets(row), Button("✕", classes="delete-row", compact=True,
                                                          tooltip="Delete this row"), classes="row")
        self.query_one(".rows", Vertical).mount(line)
        return line

    def value(self) -> list[Any]:
        return [self.row_value(row) for row in self.query(".row").results(Horizontal)]

    @on(Button.Pressed, ".add-row")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        line = self.add_row(self.blank_row())
        self.call_after_refresh(lambda: line.query("Input").first().focus())

    @on(Button.Pressed, ".delete-row")
    async def _delete(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.parent is not None
        await event.button.parent.remove()
        self.changed(self.value())

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _edited(self, event: Message) -> None:
        event.stop()
        self.changed(self.value())


class TableEditor(RowsEditor):
    def blank_row(self) -> list[str]:
        assert isinstance(self.field, TableField)
        return [""] * len(self.field.columns)

    def compose_input(self) -> ComposeResult:
        assert isinstance(self.field, TableField)
        yield Horizontal(*[Label(column, classes="cell-head", markup=False) for column in self.field.columns],
                         Label("", classes="delete-head"), classes="row-head")
        yield from super().compose_input()

    def row_widgets(self, row: list[str]) -> list[Widget]:
        assert isinstance(self.field, TableField)
        return [Input(cell, placeholder=column, classes="cell", compact=True, select_on_focus=False)
                for cell, column in zip(self.as_shown(row), self.field.columns)]

    def as_shown(self, row: list[str]) -> list[str]:
        assert isinstance(self.field, TableField)
        return (list(row) + [""] * len(self.field.columns))[:len(self.field.columns)]

    def row_value(self, row: Horizontal) -> list[str]:
        return [cell.value for cell in row.query(".cell").results(Input)]


class ActionsEditor(RowsEditor):
    """Actions: done, what, and by when; each row is an `ActionRow`."""

    def stored_rows(self) -> list[ActionRow]:
        return action_rows(self.shown)

    def blank_row(self) -> ActionRow:
        return ActionRow("")

    def row_widgets(self, row: ActionRow) -> list[Widget]:
        return [
            Checkbox("", value=row.done, classes="action-done", compact=True),
            Input(row.text, placeholder="Action", classes="action-text", compact=True, select_on_focus=False),
            Input(row.due, placeholder="Due YYYY-MM-DD", max_length=10, classes="action-due",
                  compact=True, select_on_focus=False),
        ]

    def as_shown(self, row: ActionRow) -> dict[str, Any]:
        return replace(row, due=row.due.strip()).to_stored()

    def row_value(self, row: Horizontal) -> dict[str, Any]:
        return ActionRow(row.query_one(".action-text", Input).value, row.query_one(".action-due", Input).value.strip(),
                         row.query_one(".action-done", Checkbox).value).to_stored()


class ReadOnlyEditor(ReportsFailedWorkers, FieldEditor):
    """Recall and compose: text built elsewhere, shown as it is; compose can be copied, and a
    recall can take the user to the answer it shows."""

    class JumpRequested(Message):
        def __init__(self, reference: str) -> None:
            super().__init__()
            self.reference = reference

    def __init__(self, field: Field, text: str, *, copyable: bool = False, jump_to: str | None = None,
                 file_name: str | None = None) -> None:
        super().__init__(field, text)
        self.copyable = copyable
        self.jump_to = jump_to
        self.file_name = file_name
        """A draft that can also be saved on its own, as this text file in the documents folder."""

    def compose_input(self) -> ComposeResult:
        yield Static(visible(self.initial or "", multiline=True) or "(nothing written yet)", classes="read-only",
                     markup=False)
        with Horizontal(classes="read-only-buttons"):
            if self.copyable:
                yield Button("Copy to clipboard", classes="copy", compact=True)
            if self.file_name:
                yield Button("Save as a file", classes="save-file", compact=True)
            if self.jump_to:
                yield Button("Go to this answer", classes="jump", compact=True)

    @on(Button.Pressed, ".save-file")
    def _save_file(self, event: Button.Pressed) -> None:
        event.stop()
        assert self.file_name is not None
        self._write(free_path(locations.export_dir() / self.file_name), self.initial or "")

    @work(thread=True, group="export", exit_on_error=False)
    def _write(self, path: Path, text: str) -> None:
        try:
            write_export(path, text + "\n")
        except OSError as error:
            self.app.call_from_thread(self.notify, f"Could not write {path}: {error.strerror}.", severity="error",
                                      markup=False)
        else:
            self.app.call_from_thread(self.notify, f"Wrote {path}", title="Saved on its own", markup=False)

    @on(Button.Pressed, ".copy")
    def _copy(self, event: Button.Pressed) -> None:
        event.stop()
        text = self.initial or ""
        self.app.copy_to_clipboard(text)  # OSC 52: where the terminal takes it, and over ssh
        self._copy_surely(text)

    @work(thread=True, group="copy", exclusive=True, exit_on_error=False)
    def _copy_surely(self, text: str) -> None:
        """"Copied" only when it surely was: a terminal known to take OSC 52, or a clipboard tool that worked
        (run here, in a thread: a tool waiting for a display must not hold up typing)."""
        if clipboard.osc52_reaches_clipboard() or clipboard.copy_text(text):
            self.app.call_from_thread(self.notify, "Copied. Paste it into your message.", timeout=3)
        else:
            self.app.call_from_thread(self._could_not_copy)

    def _could_not_copy(self) -> None:
        saving = " Save it as a file instead (the button beside it), then open the file." if self.file_name else ""
        self.notify("This terminal does not take copies from apps, and no clipboard tool (wl-copy, xclip, xsel, "
                    f"pbcopy) was found.{saving} Or select the text with the mouse (Shift+drag in most terminals).",
                    title="Could not copy", severity="warning", timeout=12)
        if self.file_name:
            self.query_one(".save-file", Button).focus()

    @on(Button.Pressed, ".jump")
    def _jump(self, event: Button.Pressed) -> None:
        event.stop()
        assert self.jump_to is not None
        self.post_message(self.JumpRequested(self.jump_to))


EDITORS: dict[str, type[FieldEditor]] = {
    LineField.kind: LineEditor,
    TextField.kind: TextEditor,
    ListField.kind: ListEditor,
    ChoiceField.kind: ChoiceEditor,
    MultiField.kind: SelectionEditor,
    ScaleField.kind: ScaleEditor,
    TableField.kind: TableEditor,
    DateField.kind: DateEditor,
    ChecklistField.kind: SelectionEditor,
    ActionsField.kind: ActionsEditor,
    RecallField.kind: ReadOnlyEditor,
    ComposeField.kind: ReadOnlyEditor,
}
"""The editor of each field kind, by kind; a test checks that every kind has one."""
