"""What is left before an exercise can be marked done: each required answer still empty, a button to it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from workbook.exercises import Field


class FieldLink(Button):
    """A button that stands for one field of the exercise."""

    def __init__(self, page: int, field: Field, number: int | None = None, note: str = "") -> None:
        # The label is text, not markup: a field label from an exercise file may hold brackets.
        label = f"Page {number or page + 1} · {field.label}" + (f": {note}" if note else "")
        super().__init__(Content(label), classes="still-empty-link", compact=True)
        self.page = page
        self.field = field


class StillEmpty(Vertical):
    """The required answers still empty, kept up to date by the screen (`show`); a press on one posts
    `StillEmpty.Chosen` so the screen can take the user there."""

    class Chosen(Message):
        def __init__(self, page: int, field: Field) -> None:
            super().__init__()
            self.page = page
            self.field = field

    def __init__(self, in_sitting: bool = False) -> None:
        super().__init__(id="still-empty")
        self._shown: list[tuple[int, int | None, str, str]] | None = None
        self.in_sitting = in_sitting
        """It lists one sitting's answers (on the last page of a sitting that is not the last), not all."""

    def compose(self) -> ComposeResult:
        yield Static("", id="still-empty-title")
        yield Vertical(id="still-empty-links")

    async def show(self, missing: list[tuple[int, Field]], numbers: dict[int, int] | None = None,
                   notes: dict[str, str] | None = None) -> None:
        """List `missing`, (page index, field) in exercise order, each with what it still lacks when it is not
        empty (`notes`, by field id: 'action 1 needs "Serves"'); nothing left says so. `numbers`: the page
        number shown for a page index, where pages are hidden by an answer."""
        numbers, notes = numbers or {}, notes or {}
        key = [(page, numbers.get(page), field.id, notes.get(field.id, "")) for page, field in missing]
        if key == self._shown:  # typing calls this on every key: rebuild only when the list changes
            return
        self._shown = key
        title = self.query_one("#still-empty-title", Static)
        links = self.query_one("#still-empty-links", Vertical)
        await links.remove_children()
        self.set_class(not missing, "-all-written")
        if not missing:
            title.update("Nothing is left in this sitting: Finish this sitting when you are ready, or go on."
                         if self.in_sitting else
                         "Nothing is left: every required answer is written. Mark as done when you are ready.")
            return
        noun = "answer is" if len(missing) == 1 else "answers are"
        state = "still empty or unfinished" if any(note for *_, note in key) else "still empty"
        where = " in this sitting" if self.in_sitting else ""
        title.update(f"Left to do{where}: {len(missing)} required {noun} {state}. Pick one to go there.")
        await links.mount_all(FieldLink(page, field, numbers.get(page), notes.get(field.id, ""))
                              for page, field in missing)

    def first_link(self) -> FieldLink | None:
        return next(iter(self.query(FieldLink)), None)

    @on(Button.Pressed, ".still-empty-link")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, FieldLink)
        self.post_message(self.Chosen(event.button.page, event.button.field))
