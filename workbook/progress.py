"""Progress from definitions and answers: pure functions, no I/O.

`overview()` is the one exception that reads: it gathers what these functions
need from a store, so the CLI's status table and the app's sidebar agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Iterable, Mapping, Protocol

from workbook.exercises import Catalog, Exercise, Field, Page, Sitting
from workbook.fields import is_answered, is_complete
from workbook.store import Entry, ExerciseStatus, Reset, ResumePoint


class State(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


@dataclass(frozen=True)
class Share:
    """How many of the fields that count are answered."""

    answered: int
    total: int

    @property
    def ratio(self) -> float:
        return self.answered / self.total if self.total else 1.0

    @property
    def percent(self) -> int:
        return int(self.ratio * 100)

    def __add__(self, other: Share) -> Share:
        return Share(self.answered + other.answered, self.total + other.total)


def counted_fields(fields: Iterable[Field]) -> list[Field]:
    """The fields a share counts: the required ones, or every answerable one where none is required."""
    answerable = [field for field in fields if field.answerable]
    required = [field for field in answerable if field.required]
    return required or answerable


def missing_required(exercise: Exercise, answers: Mapping[str, Any]) -> list[tuple[Page, Field]]:
    """Required fields still empty (or unfinished: an action lacking a detail), with their pages, in exercise order;
    a hidden page asks nothing."""
    return [
        (page, field)
        for page in exercise.shown_pages(answers)
        for field in page.fields
        if field.required and not is_complete(field, answers.get(field.id))
    ]


def page_share(page: Page, answers: Mapping[str, Any]) -> Share:
    fields = counted_fields(page.fields)
    return Share(sum(is_complete(field, answers.get(field.id)) for field in fields), len(fields))


def exercise_share(exercise: Exercise, answers: Mapping[str, Any]) -> Share:
    fields = counted_fields(field for page in exercise.shown_pages(answers) for field in page.fields)
    return Share(sum(is_complete(field, answers.get(field.id)) for field in fields), len(fields))


def exercise_state(exercise: Exercise, answers: Mapping[str, Any], status: ExerciseStatus) -> State:
    if status.done:
        return State.DONE
    if any(is_answered(field, answers.get(field.id)) for field in exercise.fields()):
        return State.IN_PROGRESS
    return State.NOT_STARTED


def next_exercise(steps: Iterable[Exercise], states: Mapping[str, State]) -> Exercise | None:
    """The step to work on next: the first one in progress, else the first not done."""
    ordered = list(steps)
    for wanted in (State.IN_PROGRESS, State.NOT_STARTED):
        for exercise in ordered:
            if states.get(exercise.id, State.NOT_STARTED) == wanted:
                return exercise
    return None


def checked_resume_point(catalog: Catalog, point: ResumePoint | None,
                         entry_ids: Iterable[str] = (), answers: Mapping[str, Any] | None = None) -> ResumePoint | None:
    """The stored resume point if it still fits the exercises, else None.

    Exercises change between versions: a removed exercise drops the point, a page
    that no longer exists becomes the last page, a vanished field loses focus only.
    Given the exercise's answers, a page they hide becomes the nearest shown one.
    """
    if point is None or point.exercise not in catalog:
        return None
    exercise = catalog.get(point.exercise)
    if exercise.repeatable and point.entry not in set(entry_ids):
        return None
    page = min(max(point.page, -1), len(exercise.pages) - 1)
    if answers is not None and page >= 0:
        page = exercise.nearest_shown(page, answers)
    field, cursor = point.field, point.cursor
    if page < 0 or all(f.id != field for f in exercise.pages[page].fields):
        field = cursor = None
    return ResumePoint(exercise.id, page, field, point.entry, cursor)


def page_place(exercise: Exercise, index: int, answers: Mapping[str, Any]) -> tuple[int, int]:
    """"Page N of M" for the page at `index`, counting only the pages shown for these answers."""
    shown = exercise.shown_indexes(answers)
    return shown.index(exercise.nearest_shown(index, answers)) + 1, len(shown)


def hidden_page_note(exercise: Exercise, index: int, answers: Mapping[str, Any]) -> str:
    """Why the page at `index` is not shown for these answers and how to bring it back; "" when it is shown."""
    page = exercise.pages[index]
    if page.when is None or page in exercise.shown_pages(answers):
        return ""
    field = exercise.field(page.when.field)
    wanted = " or ".join(f'"{value}"' for value in page.when.values)
    number, _ = page_place(exercise, exercise.page_index(field.id), answers)
    return (f'"{page.title}" is only for "{field.label}" {wanted}: that answer, on page {number}, '
            "brings it back. Nothing on it is lost.")


# --- sittings: an exercise done in more than one -------------------------------------

NUMBER_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def missing_in_sitting(exercise: Exercise, answers: Mapping[str, Any], sitting: Sitting) -> list[tuple[Page, Field]]:
    """The required fields of one sitting still empty (or unfinished), with their pages, in page order; a page
    hidden by an answer asks nothing."""
    shown = exercise.shown_pages(answers)
    return [(exercise.pages[index], field) for index in sitting.pages if exercise.pages[index] in shown
            for field in exercise.pages[index].fields
            if field.required and not is_complete(field, answers.get(field.id))]


def sitting_complete(exercise: Exercise, answers: Mapping[str, Any], sitting: Sitting) -> bool:
    """Every required field of the sitting answered; a sitting that requires nothing, once one of its
    answers is written (otherwise it would count as complete before it was begun)."""
    fields = [field for index in sitting.pages for field in exercise.pages[index].fields]
    if any(field.required for field in fields):
        return not missing_in_sitting(exercise, answers, sitting)
    return any(field.answerable and is_answered(field, answers.get(field.id)) for field in fields)


def sittings_complete(exercise: Exercise, answers: Mapping[str, Any]) -> int:
    """How many of the exercise's sittings are complete."""
    return sum(sitting_complete(exercise, answers, sitting) for sitting in exercise.sittings())


def next_sitting(exercise: Exercise, answers: Mapping[str, Any]) -> Sitting | None:
    """The first sitting not complete yet; None when every one is."""
    return next((sitting for sitting in exercise.sittings() if not sitting_complete(exercise, answers, sitting)),
                None)


def sitting_name(number: int) -> str:
    """"first", "second", ...: how a sitting is named in a sentence."""
    return ORDINALS[number - 1] if number <= len(ORDINALS) else f"sitting {number}"


def _pages_of(exercise: Exercise, sitting: Sitting) -> str:
    """"pages 1-2 (The destination, The road)", or "page 3 (Feedback)"."""
    titles = ", ".join(exercise.pages[index].title for index in sitting.pages)
    first, last = sitting.first_page + 1, sitting.last_page + 1
    return f"page {first} ({titles})" if first == last else f"pages {first}-{last} ({titles})"


def sittings_plan(exercise: Exercise, answers: Mapping[str, Any] | None = None) -> str:
    """What the introduction says of the time it takes: "About 45 minutes · 4 pages" for one sitting, else
    "Two sittings of about 45 minutes: first, pages 1-2 (...); second, after your conversations, pages 3-4
    (...).". Given the answers, one sitting counts only the pages they show, and says that some depend on them."""
    sittings = exercise.sittings()
    if len(sittings) == 1:
        if answers is None:
            pages, some = len(exercise.pages), ""
        else:
            pages = len(exercise.shown_indexes(answers))
            some = "; some pages appear only for some answers" if any(p.when for p in exercise.pages) else ""
        return f"About {exercise.minutes} minutes · {pages} {'page' if pages == 1 else 'pages'}{some}"
    count = NUMBER_WORDS[len(sittings) - 1] if len(sittings) <= len(NUMBER_WORDS) else str(len(sittings))
    parts = [", ".join(part for part in (sitting_name(sitting.number), sitting_when(sitting),
                                         _pages_of(exercise, sitting)) if part)
             for sitting in sittings]
    return f"{count} sittings of about {exercise.minutes} minutes: {'; '.join(parts)}."


def sitting_when(sitting: Sitting) -> str:
    """The note in a sentence: "After your conversations" -> "after your conversations"."""
    note = sitting.note.strip().rstrip(".")
    return note if note[1:2].isupper() else note[:1].lower() + note[1:]  # "HR has replied" keeps its capital


def where_in_sittings(exercise: Exercise, page_index: int, answers: Mapping[str, Any]) -> str:
    """The page header's place: "Page 3 of 4", or for an exercise in sittings "Sitting 1 of 2 · page 3 of 4";
    pages hidden by these answers are not counted."""
    number, pages = page_place(exercise, page_index, answers)
    sittings = exercise.sittings()
    if len(sittings) == 1:
        return f"Page {number} of {pages}"
    return f"Sitting {exercise.pages[page_index].sitting} of {len(sittings)} · page {number} of {pages}"


def ends_a_sitting(exercise: Exercise, page_index: int) -> bool:
    """The last page of a sitting that is not the exercise's last: where "Finish this sitting" goes."""
    return page_index < len(exercise.pages) - 1 and \
        exercise.pages[page_index + 1].sitting != exercise.pages[page_index].sitting


def continue_where(exercise: Exercise, page: int, answers: Mapping[str, Any]) -> str:
    """Where Continue opens: "the introduction", "page 2 of 4", or at the start of a later sitting, "sitting 2
    of 2" (the sitting that comes next); pages hidden by these answers are not counted."""
    if page < 0:
        return "the introduction"
    sitting = exercise.sitting_of(page)
    if sitting.number > 1 and page == sitting.first_page:
        return f"sitting {sitting.number} of {len(exercise.sittings())}"
    number, pages = page_place(exercise, page, answers)
    return f"page {number} of {pages}"


def next_sitting_when(exercise: Exercise, page: int) -> str:
    """At the start of a later sitting that says when it is for: " Its second sitting is for after your
    conversations." (after the line of the last sitting); else ""."""
    if page < 0:
        return ""
    sitting = exercise.sitting_of(page)
    if sitting.number == 1 or page != sitting.first_page or not sitting.note:
        return ""
    return f" The {sitting_name(sitting.number)} sitting of {exercise.title} is for {sitting_when(sitting)}."


# --- gathering from a store ---------------------------------------------------------


class AnswerSource(Protocol):
    def answers(self, exercise: str, entry: str | None = None) -> dict[str, Any]: ...
    def status(self, exercise: str, entry: str | None = None) -> ExerciseStatus: ...
    def entries(self, exercise: str) -> list[Entry]: ...
    def last_reset(self, exercise: str, entry: str | None = None) -> Reset | None: ...


@dataclass(frozen=True)
class ExerciseProgress:
    """One row of the progress overview."""

    exercise: Exercise
    state: State
    share: Share
    last_worked: datetime | None
    entries: int = 0
    """For a repeatable exercise, how many entries it has."""
    sittings_done: int = 0
    """For an exercise in more than one sitting, how many of them are complete."""

    @property
    def sittings_shown(self) -> int:
        """How many sittings to show progress over: the exercise's, while one in more than one sitting is in
        progress (the sidebar's "1/2 sittings"); 0 otherwise, when there is nothing to say."""
        count = len(self.exercise.sittings())
        if count == 1 or self.state is not State.IN_PROGRESS or self.exercise.repeatable:
            return 0
        return count


def overview(catalog: Catalog, store: AnswerSource) -> list[ExerciseProgress]:
    """Progress of every exercise, in sidebar order."""
    rows = []
    for exercise in catalog:
        if exercise.repeatable:
            rows.append(_log_progress(exercise, store))
            continue
        answers = store.answers(exercise.id)
        status = store.status(exercise.id)
        rows.append(ExerciseProgress(exercise, exercise_state(exercise, answers, status),
                                     exercise_share(exercise, answers), status.updated_at,
                                     sittings_done=sittings_complete(exercise, answers)))
    return rows


def _log_progress(exercise: Exercise, store: AnswerSource) -> ExerciseProgress:
    """A repeatable exercise: done entries out of all; in progress once there is one."""
    entries = store.entries(exercise.id)
    statuses = [store.status(exercise.id, entry.id) for entry in entries]
    done = sum(status.done for status in statuses)
    worked = [status.updated_at or entry.created_at for status, entry in zip(statuses, entries)]
    return ExerciseProgress(
        exercise,
        State.IN_PROGRESS if entries else State.NOT_STARTED,
        Share(done, len(entries)),
        max(worked, default=None),
        entries=len(entries),
    )


def overall_share(rows: Iterable[ExerciseProgress]) -> Share:
    """The six steps' shares added up (the conversation log is a habit, not a step)."""
    total = Share(0, 0)
    for row in rows:
        if row.exercise.step is not None:
            total += row.share
    return total

