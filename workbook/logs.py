"""Logs: the repeatable exercises (the conversations, the energy log), their entries, and a log's answers
recalled on another exercise's page, newest first. Pure.

A log is any exercise with `repeatable = true`. What makes a log a conversation log (stages, prep sheets,
the monthly reminder) lives in `workbook.habits`; everything here works for every log alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable

from workbook.exercises import Catalog, DateField, Exercise, Field
from workbook.fields import as_text, parse_date

if TYPE_CHECKING:
    from workbook.store import Entry

STAGE_FIELD = "stage"
"""A log whose entries move through stages has a choice field with this id (the conversation log)."""
DATE_FIELD = "date"
"""The field that dates an entry; an entry without one is dated by the day it was started."""
ENTRY = "entry"
"""What one entry is called when its log names no noun."""


def logs(catalog: Iterable[Exercise]) -> tuple[Exercise, ...]:
    """Every log, in sidebar order."""
    return tuple(exercise for exercise in catalog if exercise.repeatable)


def noun(log: Exercise) -> str:
    """What one entry of the log is called: "conversation", "energy note"; "entry" by default."""
    return log.noun or ENTRY


def has_stages(log: Exercise) -> bool:
    return any(field.id == STAGE_FIELD for field in log.fields())


def entry_defaults(log: Exercise, today: date) -> dict[str, Any]:
    """The answers a new entry starts with: today in each date field that asks for it."""
    return {field.id: today.isoformat() for field in log.fields()
            if isinstance(field, DateField) and field.default == "today"}


def entry_date(answers: dict[str, Any], entry: Entry) -> date:
    """The date written on the entry, else the day it was started."""
    return parse_date(answers.get(DATE_FIELD)) or entry.created_at.astimezone().date()


def short_day(when: date, today: date | None = None) -> str:
    """2 Dec; with the year when it is not this one (or when there is no today to compare with)."""
    year = "" if today is not None and when.year == today.year else f" {when.year}"
    return f"{when.day} {when:%b}{year}"


def entry_label(log: Exercise, answers: dict[str, Any], entry: Entry, today: date | None = None) -> str:
    """What names an entry in a recall: its date when the log dates its entries, else its naming fields."""
    dated = any(field.id == DATE_FIELD for field in log.fields())
    names = [as_text(log.field(name), answers.get(name)) for name in log.entry_fields]
    named = " · ".join(" ".join(name.split()) for name in names if name.strip())
    if dated or not named:
        return short_day(entry_date(answers, entry), today)
    return named


@dataclass(frozen=True)
class LogAnswers:
    """One field's answer in every entry of a log, newest first: what a lookup gives for a log's field."""

    log: Exercise
    field: Field
    answers: tuple[tuple[str, Any], ...]
    """(the entry's label, its answer), newest first; entries that left it empty are left out."""
    entries: int = 0
    """How many entries the log has, answered here or not."""


def log_answers(log: Exercise, field: Field, store: Any, today: date | None = None) -> LogAnswers:
    """`field` in every entry of `log`; `store` is the store, or anything with its `entries` and `answers`."""
    entries = [(entry, store.answers(log.id, entry.id)) for entry in store.entries(log.id)]
    # The store lists entries newest started first; a note dated yesterday, written today, goes under today's.
    entries.sort(key=lambda pair: entry_date(pair[1], pair[0]), reverse=True)
    shown = tuple((entry_label(log, answers, entry, today), answers.get(field.id)) for entry, answers in entries
                  if as_text(field, answers.get(field.id)).strip())
    return LogAnswers(log, field, shown, len(entries))


def log_text(recalled: LogAnswers) -> str:
    """Each entry's answer on a line of its own, "2 Dec: presenting the plan", newest first; for an empty
    log, one line saying how to start it."""
    if not recalled.answers and recalled.entries:
        return f"No {noun(recalled.log)} in your {recalled.log.title} answers this yet."
    if not recalled.answers:
        return (f"Nothing in your {recalled.log.title} yet: write a first {noun(recalled.log)} there, and "
                "what you write shows here, newest first.")
    lines = []
    for label, value in recalled.answers:
        text = as_text(recalled.field, value).strip()
        first, *more = text.splitlines() or [""]
        lines.append(f"{label}: {first}")
        lines += [f"  {line}" for line in more]  # a longer answer stays under its date
    return "\n".join(lines)


def with_logs(catalog: Catalog, store: Any, lookup: Callable[[str, str], Any], here: str,
              today: date | None = None) -> Callable[[str, str], Any]:
    """`lookup` (exercise id, field id) -> answer, where a field of a log other than the exercise `here`
    gives its answers in every entry (`LogAnswers`)."""

    def looked_up(exercise_id: str, field_id: str) -> Any:
        if exercise_id != here and exercise_id in catalog:
            exercise = catalog.get(exercise_id)
            if exercise.repeatable:
                return log_answers(exercise, exercise.field(field_id), store, today)
        return lookup(exercise_id, field_id)

    return looked_up
