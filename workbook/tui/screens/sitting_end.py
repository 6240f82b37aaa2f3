"""The end of a sitting, for an exercise done in more than one: what that sitting still needs, and Finish this
sitting (home, with Continue sent to the next sitting's first page). Mixed into the exercise screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbook.exercises import Field
from workbook.progress import ends_a_sitting, missing_in_sitting, sitting_when
from workbook.store import ResumePoint
from workbook.tui.messages import LeaveExercise

if TYPE_CHECKING:
    from workbook.tui.screens.exercise import ExerciseScreen

class SittingEnd:
    """Behaviour of the exercise screen on the last page of a sitting that is not the exercise's last."""

    def at_sitting_end(self: ExerciseScreen) -> bool:
        return self.page >= 0 and ends_a_sitting(self.exercise, self.page)  # the introduction is page -1

    def _left_to_do(self: ExerciseScreen) -> list[tuple[int, Field]]:
        """What must be written before leaving by the page's last button: on the last page of a sitting
        (not the exercise's last), that sitting's required answers still empty; else the whole exercise's."""
        if not self.at_sitting_end():
            return self._missing()
        answers = self.session.answers(self.exercise.id, self.entry)
        sitting = self.exercise.sitting_of(self.page)
        return [(self.exercise.pages.index(page), field)
                for page, field in missing_in_sitting(self.exercise, answers, sitting)]

    async def action_finish_sitting(self: ExerciseScreen) -> None:
        """The Finish this sitting button: with the sitting's required answers written, home; Continue then
        opens the next sitting. With one still empty, Left to do lists it, the cursor on the first."""
        if not self.at_sitting_end() or await self._show_what_is_left():
            return
        finished = self.exercise.sitting_of(self.page)
        upcoming = self.exercise.sitting_of(self.page + 1)
        when = f" ({sitting_when(upcoming)})" if upcoming.note else ""
        self.say_what_was_not_kept()
        self.session.move_to(ResumePoint(self.exercise.id, upcoming.first_page, None, self.entry))
        self.notify(f"Sitting {finished.number} of {self.exercise.title} is finished. Continue opens sitting "
                    f"{upcoming.number}{when} at page {upcoming.first_page + 1}.", timeout=6, markup=False)
        self.app.post_message(LeaveExercise(self.exercise.id))
