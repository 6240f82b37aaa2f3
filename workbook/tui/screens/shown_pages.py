"""Which pages of an exercise the screen shows: a page's `when` hides it for some answers.

The rule itself is `Exercise.shown_pages` (pure, below the UI); this is how the exercise screen uses it:
page numbers that count shown pages only, Next and Mark as done on the last shown page, a point on a
hidden page that lands on the nearest shown one.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Button, Label

from workbook.exercises import Exercise, Field
from workbook.progress import hidden_page_note, page_place, sittings_plan, where_in_sittings
from workbook.store import ResumePoint
from workbook.tui.session import Session

INTRO = -1


class ShownPages:
    """Mixed into `ExerciseScreen`, which has the exercise, the entry, the session and the page on screen."""

    session: Session
    exercise: Exercise
    entry: str | None
    page: int

    def _shown(self) -> list[int]:
        """The indexes of the pages shown for the answers as they are now (see `Exercise.shown_pages`)."""
        return self.exercise.shown_indexes(self.session.answers(self.exercise.id, self.entry))

    def _place(self, index: int) -> tuple[int, int]:
        return page_place(self.exercise, index, self.session.answers(self.exercise.id, self.entry))

    def _show_page_number(self) -> None:
        if self.page != INTRO:
            answers = self.session.answers(self.exercise.id, self.entry)
            where = where_in_sittings(self.exercise, self.page, answers)
            self.query_one("#page-indicator", Label).update(  # the title is text
                Content(f"{where} · {self.exercise.pages[self.page].title}"))

    def _time_it_takes(self) -> str:
        """The introduction's line: the sittings, or "About 30 minutes · 5 pages" counting the pages shown."""
        return sittings_plan(self.exercise, self.session.answers(self.exercise.id, self.entry))

    def _show_nav(self) -> None:
        last = self._shown()[-1]
        self.query_one("#next", Button).display = self.page < last
        self.query_one("#done", Button).display = self.page == last

    def _landing(self, point: ResumePoint | None) -> ResumePoint | None:
        """A point on a page the answers hide: the nearest shown page instead, saying why."""
        if point is None or point.page < 0:
            return point
        answers = self.session.answers(self.exercise.id, self.entry)
        note = hidden_page_note(self.exercise, point.page, answers)
        if not note:
            return point
        self.notify(note, timeout=8, markup=False)
        return ResumePoint(self.exercise.id, self.exercise.nearest_shown(point.page, answers), None, point.entry)

    async def _pages_may_have_changed(self, field: Field) -> None:
        """After a change to a field that a later page's `when` names: renumber, and if this page became the
        last one shown (or stopped being it), build it again for Mark as done and Left to do."""
        if not any(page.when and page.when.field == field.id for page in self.exercise.pages):
            return
        self._show_page_number()
        was_last = self.query_one("#done", Button).display
        self._show_nav()
        if self.query_one("#done", Button).display != was_last:
            editor = self._focused_editor()
            await self._show_page(ResumePoint(self.exercise.id, self.page, editor.field.id if editor else None,
                                              self.entry, editor.cursor() if editor else None))
