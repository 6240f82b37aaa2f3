"""Progress from definitions and answers: pure functions, no I/O.

`overview()` is the one exception that reads: it gathers what these functions
need from a store, so the CLI's status table and the app's sidebar agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Iterable, Mapping, Protocol

from workbook.exercises import Catalog, Exercise, Field, Page
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
                                     exercise_share(exercise, answers), status.updated_at))
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

