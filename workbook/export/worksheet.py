"""What an export holds: worksheets gathered from the store, one per exercise or log entry. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from workbook.answers import Writer, entry_title, shown_text
from workbook.logs import with_logs
from workbook.exercises import Catalog, Exercise
from workbook.progress import AnswerSource, State, exercise_state
from workbook.store import Entry, Reset


class ScopeError(ValueError):
    """A selection that names nothing exportable; the message says what to write instead."""


@dataclass(frozen=True)
class Worksheet:
    """One exercise, or one entry of a repeatable exercise, with everything needed to print it."""

    exercise: Exercise
    title: str
    answers: Mapping[str, Any]
    """The user's answers by field id."""
    shown: Mapping[str, str]
    """The text of each recall and compose field, worked out from the other answers."""
    done: bool
    """False: a draft, with empty fields printed as blanks to fill in."""
    updated_at: datetime | None
    entry: Entry | None = None
    reset: Reset | None = None
    """When it was last started again and what it held then; None if never."""


@dataclass(frozen=True)
class Choice:
    """Something a user can pick to export: an exercise, a whole log, or one entry of a log."""

    exercise: str
    entry: str | None
    label: str
    state: State

    @property
    def key(self) -> str:
        return f"{self.exercise}:{self.entry}" if self.entry else self.exercise


def choices(catalog: Catalog, store: AnswerSource) -> list[Choice]:
    """Every exercise and log entry, in sidebar order, each with its state."""
    found = []
    for exercise in catalog:
        if not exercise.repeatable:
            answers = store.answers(exercise.id)
            state = exercise_state(exercise, answers, store.status(exercise.id))
            found.append(Choice(exercise.id, None, exercise.title, state))
            continue
        entries = store.entries(exercise.id)
        found.append(Choice(exercise.id, None, f"{exercise.title} (the whole log, {len(entries)})",
                            State.IN_PROGRESS if entries else State.NOT_STARTED))
        for entry in entries:
            answers = store.answers(exercise.id, entry.id)
            state = exercise_state(exercise, answers, store.status(exercise.id, entry.id))
            found.append(Choice(exercise.id, entry.id, f"  {entry_title(exercise, answers, entry)}", state))
    return found


def resolve_names(catalog: Catalog, store: AnswerSource, names: Iterable[str]) -> list[tuple[str, str | None]]:
    """Turn command-line names into (exercise, entry) pairs.

    `mapping` is an exercise, `conversation` the whole log, `conversation:Priya` its entries whose
    person, date or id starts with the text, `done` every exercise marked done, `all` everything.
    """
    picked: list[tuple[str, str | None]] = []
    for name in names:
        if name == "all":
            picked += [(exercise.id, None) for exercise in catalog]
            continue
        if name == "done":
            # A whole log is never done; its entries are, one by one.
            picked += [(c.exercise, c.entry) for c in choices(catalog, store) if c.state is State.DONE]
            continue
        exercise_id, _, wanted = name.partition(":")
        if exercise_id not in catalog:
            known = ", ".join(exercise.id for exercise in catalog)
            raise ScopeError(f"there is no exercise {exercise_id!r}; choose from {known}, done or all")
        exercise = catalog.get(exercise_id)
        if not wanted:
            picked.append((exercise_id, None))
            continue
        if not exercise.repeatable:
            raise ScopeError(f"{exercise_id} has no entries; write just {exercise_id}")
        matches = [entry.id for entry in store.entries(exercise_id)
                   if _entry_matches(exercise, store.answers(exercise_id, entry.id), entry, wanted)]
        if not matches:
            named = f"its {' or '.join(exercise.entry_fields)}, " if exercise.entry_fields else ""
            raise ScopeError(f"no entry of {exercise_id} matches {wanted!r}; "
                             f"give the start of {named}the date (YYYY-MM-DD) or the entry id")
        picked += [(exercise_id, entry_id) for entry_id in matches]
    return list(dict.fromkeys(picked))


def _entry_matches(exercise: Exercise, answers: Mapping[str, Any], entry: Entry, wanted: str) -> bool:
    wanted = wanted.casefold()
    names = [str(answers.get(field) or "") for field in (*exercise.entry_fields, "date")]
    return entry.id.startswith(wanted) or any(name.casefold().startswith(wanted) for name in names if name)


def gather(catalog: Catalog, store: AnswerSource, selection: Iterable[tuple[str, str | None]],
           writer: Writer = Writer()) -> list[Worksheet]:
    """The worksheets for a selection; an exercise of a log without an entry means every entry. `writer`
    signs the drafted messages."""
    sheets = []
    for exercise_id, entry_id in selection:
        exercise = catalog.get(exercise_id)
        if not exercise.repeatable:
            sheets.append(_worksheet(catalog, store, exercise, None, writer))
            continue
        entries = store.entries(exercise_id)
        if entry_id is not None:
            entries = [entry for entry in entries if entry.id == entry_id]
        sheets += [_worksheet(catalog, store, exercise, entry, writer) for entry in reversed(entries)]
    return sheets


def _worksheet(catalog: Catalog, store: AnswerSource, exercise: Exercise, entry: Entry | None,
               writer: Writer) -> Worksheet:
    entry_id = entry.id if entry else None
    answers = store.answers(exercise.id, entry_id)
    status = store.status(exercise.id, entry_id)

    def answer(exercise_of_field: str, field_id: str) -> Any:
        if exercise_of_field == exercise.id:
            return answers.get(field_id)
        return store.answers(exercise_of_field).get(field_id)

    lookup = with_logs(catalog, store, answer, exercise.id, writer.today)
    shown = {field.id: shown_text(catalog, exercise, field, lookup, writer) for field in exercise.fields()
             if not field.answerable}
    title = f"{exercise.title}: {entry_title(exercise, answers, entry)}" if entry else exercise.title
    return Worksheet(exercise, title, answers, shown, status.done, status.updated_at, entry,
                     store.last_reset(exercise.id, entry_id))
