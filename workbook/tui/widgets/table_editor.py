"""Rows the user adds and removes: table rows and actions, each row a small card of labelled boxes.

A row of narrow cells showed the end of its text once the cursor left ("anagement") and broke its headings
mid-word; in a card every box has the field's full width and wraps, so a cell reads from its start.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from workbook.exercises import ActionsField, TableField
from workbook.fields import ActionRow, action_rows, date_problem
from workbook.tui.widgets.field_editor import AnswerArea, FieldEditor

REMOVE_KEY = "ctrl+d"
"""Removes the row (or list item) the cursor is in. Ctrl+Shift+K reached the app as Ctrl+K through tmux,
GNOME Terminal and Terminal.app; Ctrl+D is one control byte that every terminal passes on."""


class CellArea(AnswerArea):
    """One cell's text: a single line that wraps to the card's width. Enter goes on to the next box."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.screen.focus_next()
            return
        await super()._on_key(event)

    def on_resize(self) -> None:
        # Its height follows its wrapped lines, which are known only once its width is: a long cell loaded
        # with the page showed its first line alone until it was edited.
        self.call_after_refresh(self._fit_height)

    def _fit_height(self) -> None:
        if self.is_attached and self.wrapped_document.height != self.size.height:
            self.refresh(layout=True)

    async def _on_paste(self, event: events.Paste) -> None:
        # A cell is one line in every export: pasted lines join with spaces.
        event.stop()
        event.prevent_default()
        if not self.read_only:
            self.replace(" ".join(event.text.split()), *self.selection)


class RowCard(Vertical):
    """One row: its boxes, and a Remove button."""

    kept_due = ""
    """An action's last due date that was a date (or empty): stored while the box holds something else."""
    kept_details: tuple[str, ...] = ()
    """An action's details for labels the exercise no longer asks: not shown, still kept."""


class RowsEditor(FieldEditor):
    """Rows the user adds and removes: table rows, or actions (text, due date, done)."""

    BINDINGS = [
        # Priority: the text boxes bind Ctrl+D to delete a character (Delete still does that).
        Binding(REMOVE_KEY, "remove_row", "Remove row", id="remove-row", priority=True, show=False,
                tooltip="Take out the row the cursor is in"),
    ]

    noun = "row"
    """What a row is called on its card and its buttons."""

    def compose_input(self) -> ComposeResult:
        # Composed with the page, not mounted after it: the page scrolls to the first box once it is laid out.
        rows = self.stored_rows() or [self.blank_row()]
        yield Vertical(*[self.card(row, number) for number, row in enumerate(rows, start=1)], classes="rows")
        self.shown = [self.as_shown(row) for row in rows]  # a blank row to fill in is not yet an answer
        yield Button(f"+ Add {self.noun}", classes="add-row", compact=True)
        yield Static(f"Tab or Enter: next box · Ctrl+D or Remove: take the {self.noun} out", classes="field-help")

    def stored_rows(self) -> list[Any]:
        """The rows of the answer as stored, in the form `row_widgets` takes."""
        return list(self.shown or [])

    def blank_row(self) -> Any:
        raise NotImplementedError

    def row_widgets(self, row: Any) -> list[Widget]:
        raise NotImplementedError

    def row_value(self, card: RowCard) -> Any:
        raise NotImplementedError

    def as_shown(self, row: Any) -> Any:
        """What `row_value` will read from the widgets made for `row`."""
        raise NotImplementedError

    def cards(self) -> list[RowCard]:
        return list(self.query(RowCard))

    def card(self, row: Any, number: int) -> RowCard:
        card = RowCard(*self.row_widgets(row), classes="row")
        card.border_title = f"{self.noun.capitalize()} {number}"
        self.prepare_card(card, row)
        return card

    def add_row(self, row: Any) -> RowCard:
        card = self.card(row, len(self.cards()) + 1)
        self.query_one(".rows", Vertical).mount(card)
        return card

    def prepare_card(self, card: RowCard, row: Any) -> None:
        """Anything a kind keeps on the card beside its widgets."""

    def remove_button(self) -> Button:
        return Button("Remove", classes="delete-row", compact=True, tooltip=f"Take this {self.noun} out")

    def _number_cards(self) -> None:
        for number, card in enumerate(self.cards(), start=1):
            card.border_title = f"{self.noun.capitalize()} {number}"

    def value(self) -> list[Any]:
        return [self.row_value(card) for card in self.cards()]

    @on(Button.Pressed, ".add-row")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        card = self.add_row(self.blank_row())
        self.call_after_refresh(lambda: card.query("TextArea, Input").first().focus())

    @on(Button.Pressed, ".delete-row")
    async def _delete(self, event: Button.Pressed) -> None:
        event.stop()
        card = next(node for node in event.button.ancestors if isinstance(node, RowCard))
        await self._remove(card)

    async def action_remove_row(self) -> None:
        focused = self.screen.focused
        card = next((node for node in focused.ancestors if isinstance(node, RowCard)), None) if focused else None
        if card is not None:
            await self._remove(card)

    async def _remove(self, card: RowCard) -> None:
        cards = self.cards()
        place = cards.index(card)
        await card.remove()
        self._number_cards()
        self.changed(self.value())
        # The cursor stays in the rows: on the row that took this one's place, else on Add.
        rest = self.cards()
        target = rest[min(place, len(rest) - 1)].query("TextArea, Input").first() if rest \
            else self.query_one(".add-row", Button)
        self.call_after_refresh(target.focus)  # after the layout, so that it scrolls to where the row was

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _edited(self, event: Message) -> None:
        event.stop()
        self.changed(self.value())


class TableEditor(RowsEditor):
    """A table: each row a card with one labelled box per column."""

    def blank_row(self) -> list[str]:
        assert isinstance(self.field, TableField)
        return [""] * len(self.field.columns)

    def row_widgets(self, row: list[str]) -> list[Widget]:
        assert isinstance(self.field, TableField)
        widgets: list[Widget] = []
        for cell, column in zip(self.as_shown(row), self.field.columns):
            widgets.append(Label(column, classes="cell-label", markup=False))
            widgets.append(CellArea(cell, soft_wrap=True, show_line_numbers=False, compact=True, classes="cell"))
        return [*widgets, self.remove_button()]

    def as_shown(self, row: list[str]) -> list[str]:
        assert isinstance(self.field, TableField)
        return (list(row) + [""] * len(self.field.columns))[:len(self.field.columns)]

    def row_value(self, card: RowCard) -> list[str]:
        return [cell.text for cell in card.query(".cell").results(CellArea)]


class ActionsEditor(RowsEditor):
    """Actions: what, by when, and done; each row is an `ActionRow`."""

    noun = "action"

    def stored_rows(self) -> list[ActionRow]:
        return action_rows(self.shown)

    def blank_row(self) -> ActionRow:
        return ActionRow("")

    @property
    def labels(self) -> tuple[str, ...]:
        """The details each action carries, by label (none for most actions fields)."""
        assert isinstance(self.field, ActionsField)
        return self.field.details

    def row_widgets(self, row: ActionRow) -> list[Widget]:
        problem = date_problem(row.due)
        details: list[Widget] = []
        for index, label in enumerate(self.labels):
            # Each detail a box of the card's full width, wrapping, under its label (text, not markup).
            details.append(Label(label, classes="cell-label", markup=False))
            details.append(CellArea(row.detail(index), soft_wrap=True, show_line_numbers=False, compact=True,
                                    classes="cell action-detail"))
        return [
            CellArea(row.text, soft_wrap=True, show_line_numbers=False, compact=True, classes="cell action-text"),
            *details,
            Horizontal(
                Label("Due by", classes="due-label"),
                Input(row.due, placeholder="YYYY-MM-DD", max_length=10, classes="action-due", compact=True,
                      select_on_focus=False),
                Checkbox("Done", value=row.done, classes="action-done", compact=True),
                self.remove_button(),
                classes="action-line",
            ),
            Static(problem or "", classes="field-error", markup=False).set_class(problem is None, "-hidden"),
        ]

    def unkept(self) -> list[str]:
        typed = [card.query_one(".action-due", Input).value.strip() for card in self.cards()]
        return [due for due in typed if date_problem(due)]

    def prepare_card(self, card: RowCard, row: ActionRow) -> None:
        card.kept_due = row.due.strip()
        card.kept_details = row.details[len(self.labels):]

    def as_shown(self, row: ActionRow) -> dict[str, Any]:
        return replace(row.with_details_for(self.labels), due=row.due.strip()).to_stored()

    def row_value(self, card: RowCard) -> dict[str, Any]:
        typed = card.query_one(".action-due", Input).value.strip()
        problem = date_problem(typed)
        error = card.query_one(".field-error", Static)
        error.update(problem or "")
        error.set_class(problem is None, "-hidden")
        if problem is None:
            card.kept_due = typed
        # Not a date: the box keeps what was typed to fix, and the store keeps the last date (or none).
        details = tuple(box.text for box in card.query(".action-detail").results(CellArea))
        return ActionRow(card.query_one(".action-text", CellArea).text, card.kept_due,
                         card.query_one(".action-done", Checkbox).value, details + card.kept_details).to_stored()
