"""One editor widget per field kind. Each shows its field and posts `FieldEditor.Changed`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets.selection_list import Selection
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from workbook import clipboard, locations
from workbook.answers import visible
from workbook.exercises import (
    ActionsField,
    Catalog,
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
from workbook.fields import date_problem
from workbook.tui.messages import ReportsFailedWorkers
from workbook.tui.widgets.field_editor import AnswerArea, FieldEditor
from workbook.tui.widgets.table_editor import REMOVE_KEY, ActionsEditor, TableEditor

__all__ = ["EDITORS", "AnswerArea", "FieldEditor", "ListArea", "ReadOnlyEditor"]


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
    """A text area whose lines are the items of a list, with keys to move and remove an item."""

    BINDINGS = [
        # Replaces the text box's Ctrl+D (delete a character: Delete still does that). Ctrl+Shift+K, Textual's
        # own, reaches the app as Ctrl+K through tmux and most terminals, which cut only to the end of the line.
        Binding(REMOVE_KEY, "delete_line", "Remove item", id="remove-item", show=False,
                tooltip="Take out the item the cursor is in"),
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
    """Items one a line: Enter adds one, Ctrl+D removes one, Ctrl+Up/Down moves one."""

    tracks_cursor = True

    def compose_input(self) -> ComposeResult:
        yield ListArea("\n".join(self.shown or []), soft_wrap=True, show_line_numbers=True, classes="list")
        yield Static("One item a line · Enter adds · Ctrl+D removes · Ctrl+Up/Down moves",
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


class ScalePoint(RadioButton):
    """One number of a scale: its dot and the number, no wider. The stock button's half blocks and padding
    made a 1-10 scale 65 columns wide: it showed 1-9 at 100 columns and 1-7 at 80."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""


class ScaleEditor(ChoiceEditor):
    """A choice among the numbers min..max, with the words for the two ends on a line under them."""

    def compose_input(self) -> ComposeResult:
        assert isinstance(self.field, ScaleField)
        points = self.values()
        with RadioSet(classes="scale-points", compact=True):
            for point in points:
                yield ScalePoint(str(point), value=point == self.initial)
        with Horizontal(classes="scale-ends"):
            # Each end names its number: where the points take two lines, which end is which stays plain.
            yield Label(Content(f"{points[0]} = {self.field.min_label}" if self.field.min_label else ""),
                        classes="scale-end")
            yield Label(Content(f"{self.field.max_label} = {points[-1]}" if self.field.max_label else ""),
                        classes="scale-end scale-end-max")

    def values(self) -> list[Any]:
        assert isinstance(self.field, ScaleField)
        return list(range(self.field.min, self.field.max + 1))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_points(event.size.width)

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: self._fit_points(self.size.width))

    def _fit_points(self, width: int) -> None:
        """As many points a line as fit (all of them on any terminal the app runs in), spread out when
        there is room, so that every number shows whole."""
        points = self.query_one(".scale-points", RadioSet)
        widths = [len(str(point)) + 3 for point in self.values()]  # the dot, a space each side of the number
        columns = len(widths)

        def line_width() -> int:
            return sum(max(widths[start::columns]) for start in range(columns))

        while columns > 1 and line_width() > width:
            columns -= 1
        points.styles.grid_size_columns = columns
        spread = width // columns >= max(widths) + 1
        points.styles.grid_columns = "1fr" if spread else "auto"
        # The words end where the numbers do: under the first and the last. Where the two do not fit side by
        # side on one line they take a line each, rather than wrap each other into narrow columns.
        ends = self.query_one(".scale-ends", Horizontal)
        ends.styles.width = "1fr" if spread else line_width()
        room = width if spread else line_width()
        words = [len(str(label.render())) for label in ends.query(Label)]
        ends.set_class(sum(words) + 2 > room, "-stacked")


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
        yield Static(date_problem(self.shown) or "", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.watch_line_cursor()

    def unkept(self) -> list[str]:
        typed = self.query_one(Input).value
        return [typed.strip()] if date_problem(typed) else []

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        problem = date_problem(event.value)
        self.query_one(".field-error", Static).update(problem or "")
        if problem is None:  # not a date: the box keeps it to fix, the store keeps the last date (or none)
            self.changed(event.value.strip())


class ReadOnlyEditor(ReportsFailedWorkers, FieldEditor):
    """Recall and compose: text built elsewhere, shown as it is; compose can be copied, and a
    recall can take the user to the answer it shows."""

    class JumpRequested(Message):
        def __init__(self, reference: str) -> None:
            super().__init__()
            self.reference = reference

    def __init__(self, field: Field, text: str, *, copyable: bool = False, jump_to: str | None = None,
                 file_name: str | None = None, jump_label: str = "Go to this answer") -> None:
        super().__init__(field, text)
        self.copyable = copyable
        self.jump_to = jump_to
        self.jump_label = jump_label
        """The jump button's words: a recall of a log opens the log's list, not one answer."""
        self.file_name = file_name
        """A draft that can also be saved on its own, as this text file in the documents folder."""

    @classmethod
    def recall(cls, field: RecallField, text: str, catalog: Catalog, here: str) -> ReadOnlyEditor:
        """A recall, with a way to its answer; a recall of another log's field opens that log's list."""
        source = catalog.resolve(field.source)[0]
        label = f"Open the {visible(source.title)}" if source.repeatable and source.id != here else "Go to this answer"
        return cls(field, text, jump_to=field.source, jump_label=label)

    def compose_input(self) -> ComposeResult:
        yield Static(visible(self.initial or "", multiline=True) or "(nothing written yet)", classes="read-only",
                     markup=False)
        with Horizontal(classes="read-only-buttons"):
            if self.copyable:
                yield Button("Copy to clipboard", classes="copy", compact=True)
            if self.file_name:
                yield Button("Save as a file", classes="save-file", compact=True)
            if self.jump_to:
                yield Button(Content(self.jump_label), classes="jump", compact=True)

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
