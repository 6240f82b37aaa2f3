"""How answers move over time: versions with their reasons, word-level differences, answers due a
second look, and what an exercise held before it was started again. Pure, but for the gathering
functions, which read a store like `progress.overview`."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Iterable, Protocol

from workbook.answers import answer_text
from workbook.exercises import Catalog, Field, TableField
from workbook.fields import KINDS
from workbook.progress import is_answered
from workbook.store import ExerciseStatus, Reset, Revision

REVIEW_MONTHS = "review_months"
"""The setting: after how many months an answer in a done exercise asks "still true?" (0: never)."""
DEFAULT_REVIEW_MONTHS = 12
MAX_REVIEW_MONTHS = 120


# --- versions and their differences -------------------------------------------


@dataclass(frozen=True)
class Version:
    """One version of an answer, as the history view lists it."""

    value: Any
    written_at: datetime | None
    reason: str
    """Why the user wrote this version in place of the one before ("" when not known)."""
    revision: Revision | None
    """The stored revision; None for the answer as it is now."""
    started_again: bool = False
    """This version was set aside when the exercise was started again."""


def versions(current: Any, written_at: datetime | None, revisions: Iterable[Revision]) -> list[Version]:
    """Every version of an answer, newest (the current one) first.

    A revision's reason says why it was replaced, so it belongs to the version that came after it.
    """
    older = list(revisions)
    reasons = [""] + [revision.reason or "" for revision in older]  # reasons[i]: why older[i] was written
    listed = [Version(revision.value, revision.written_at, reasons[index], revision, revision.reset)
              for index, revision in enumerate(older)]
    listed.append(Version(current, written_at, reasons[-1], None))
    return list(reversed(listed))


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


_WORDS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> list[tuple[Change, str]]:
    """The difference between two texts word by word, as runs of kept, added and removed text. Words and
    the spaces between them are compared apart, so a word keeps its place when one is added after it; a
    lone space kept between two changes joins them, so "the NHS" reads as replaced by "a charity"."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    opcodes = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
    runs: list[tuple[Change, str]] = []
    removed: list[str] = []
    added: list[str] = []

    def add(change: Change, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] is change:
            runs[-1] = (change, runs[-1][1] + text)
        else:
            runs.append((change, text))

    def flush() -> None:
        add(Change.REMOVED, "".join(removed))
        add(Change.ADDED, "".join(added))
        removed.clear()
        added.clear()

    for index, (tag, old_start, old_end, new_start, new_end) in enumerate(opcodes):
        kept = new_words[new_start:new_end]
        between_changes = 0 < index < len(opcodes) - 1 and "".join(kept).isspace()
        if tag == "equal" and not between_changes:
            flush()
            add(Change.SAME, "".join(kept))
        else:
            removed.extend(old_words[old_start:old_end])
            added.extend(new_words[new_start:new_end])
    flush()
    return runs


def value_diff(field: Field, old: Any, new: Any) -> list[tuple[Change, str]]:
    """`word_diff` of two answers as they read (a list or a table one item a line)."""
    return word_diff(answer_text(field, old), answer_text(field, new))


@dataclass(frozen=True)
class ChangeToExplain:
    """An answer changed in this sitting whose field asks why (`why_changed`), not yet asked."""

    exercise: str
    entry: str | None
    field: Field
    revision: Revision
    """The version it replaced."""


class ExplainSource(Protocol):
    def unexplained_changes(self) -> list[tuple[str, str | None, str, Revision]]: ...
    def answer(self, exercise: str, field: str, entry: str | None = None) -> Any: ...


def changes_to_explain(catalog: Catalog, store: ExplainSource) -> list[ChangeToExplain]:
    """The changes to ask "why?" about: a real earlier answer replaced by a different one (changing back
    within the sitting, or replacing an empty answer, asks nothing), in fields that ask it."""
    found = []
    for exercise_id, entry, field_id, revision in store.unexplained_changes():
        if exercise_id not in catalog:
            continue
        try:
            field = catalog.get(exercise_id).field(field_id)
        except KeyError:  # a field the exercise file no longer has
            continue
        if not field.why_changed or not is_answered(field, revision.value) \
                or revision.value == store.answer(exercise_id, field_id, entry):
            continue
        found.append(ChangeToExplain(exercise_id, entry, field, revision))
    return found


# --- answers due a second look ------------------------------------------------


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (14 March to 13 May is one)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


@dataclass(frozen=True)
class StaleAnswer:
    """An answer in a done exercise that nobody has looked at for the review period."""

    exercise: str
    exercise_title: str
    page: str
    field: str
    label: str
    written: date
    months: int
    """Months since it was written or last marked still true."""
    reviewed: bool
    """It was marked still true since it was written."""

    @property
    def question(self) -> str:
        verb = "checked" if self.reviewed else "written"
        return f"{verb} {self.months} months ago: still true?"


class CheckedSource(Protocol):
    def status(self, exercise: str, entry: str | None = None) -> ExerciseStatus: ...
    def answers(self, exercise: str, entry: str | None = None) -> dict[str, Any]: ...
    def last_checked(self, exercise: str, entry: str | None = None) -> dict[str, tuple[datetime, datetime]]: ...
    def setting(self, name: str, default: Any) -> Any: ...


def review_months(store: CheckedSource) -> int:
    value = store.setting(REVIEW_MONTHS, DEFAULT_REVIEW_MONTHS)
    return value if isinstance(value, int) and 0 <= value <= MAX_REVIEW_MONTHS else DEFAULT_REVIEW_MONTHS


def check_review_months(text: str) -> str | None:
    """What is wrong with a review period typed by the user, or None."""
    if not text.strip().isdigit() or int(text) > MAX_REVIEW_MONTHS:
        return f"Write a whole number of months from 0 to {MAX_REVIEW_MONTHS}, e.g. 12 (0: never ask)."
    return None


def stale_answers(catalog: Catalog, store: CheckedSource, today: date) -> list[StaleAnswer]:
    """Answers of the done steps written (or last marked still true) a review period ago or more, in
    workbook order. Logs are records of what happened, not claims to re-check: they are left out."""
    period = review_months(store)
    if period == 0:
        return []
    found = []
    for exercise in catalog.steps:
        if not store.status(exercise.id).done:
            continue
        answers = store.answers(exercise.id)
        dates = store.last_checked(exercise.id)
        for page in exercise.pages:
            for field in page.fields:
                if field.id not in dates or not is_answered(field, answers.get(field.id)):
                    continue
                written, checked = dates[field.id]
                months = months_between(checked.astimezone().date(), today)
                if months >= period:
                    found.append(StaleAnswer(exercise.id, exercise.title, page.id, field.id, field.label,
                                             written.astimezone().date(), months, checked > written))
    return found


def stale_counts(stale: Iterable[StaleAnswer]) -> dict[str, int]:
    """How many answers of each exercise are due a look, for the sidebar."""
    counts: dict[str, int] = {}
    for answer in stale:
        counts[answer.exercise] = counts.get(answer.exercise, 0) + 1
    return counts


# --- then and now ---------------------------------------------------------------


def compared_kinds(field: Field) -> bool:
    """The fields whose earlier rating is shown beside the new one once an exercise is redone."""
    return KINDS[field.kind].then_now


def earlier_value(field: Field, reset: Reset | None) -> Any:
    """What the field held before the exercise was started again, if anything was written in it."""
    if reset is None:
        return None
    value = reset.values.get(field.id)
    return value if answer_text(field, value).strip() else None


def table_then_now(field: TableField, then: list[list[str]], now: list[list[str]]) -> list[tuple[list[str], str]]:
    """The rows of a redone table, each with what its row said before: rows match on their first cell
    (case and spaces ignored); earlier rows with no match follow with empty cells now."""

    def key(row: list[str]) -> str:
        return " ".join(str(row[0]).split()).casefold() if row else ""

    def rest(row: list[str]) -> str:
        return "; ".join(f"{column}: {cell}" for column, cell in zip(field.columns[1:], row[1:]) if str(cell).strip())

    def filled(rows: list[list[str]]) -> list[list[str]]:
        return [list(row) for row in rows or [] if any(str(cell).strip() for cell in row)]

    width = len(field.columns)
    earlier = {key(row): row for row in filled(then)}
    paired = []
    for row in filled(now):
        row = (row + [""] * width)[:width]
        old = earlier.pop(key(row), None)
        paired.append((row, rest(old) if old is not None else ""))
    for row in earlier.values():
        paired.append(([row[0]] + [""] * (width - 1), rest(row) or "(was listed)"))
    return paired
