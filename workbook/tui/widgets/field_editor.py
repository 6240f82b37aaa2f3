"""What every field editor shares: the label, help and notes of a field, the messages it posts, its cursor."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from workbook.answers import visible, visible_value
from workbook.exercises import Field


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

    def unkept(self) -> list[str]:
        """What the boxes show but the answer does not hold (a date that is not one), to say so on leaving."""
        return []

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
