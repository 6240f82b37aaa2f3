"""The field kinds: each kind's definition and behaviour in one place. Pure.

A kind is a dataclass (what an exercise file says about the field) and a `KindBehaviour` in
`KINDS` (what an answer of that kind is: its empty value, when it counts as answered, how it
reads as text, and what shape a stored one must have). Everything else looks a kind up by its
`kind` string, so a kind missing from a table is a KeyError, never a silent fall-through.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, ClassVar, Final, Mapping

# --- Fields ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Field:
    """One question on a page. Subclasses are the field kinds."""

    kind: ClassVar[str]
    answerable: ClassVar[bool] = True

    id: str
    """Stable forever within its exercise: answers are keyed by it."""
    label: str
    """The question as the user reads it."""
    help: str = ""
    """A hint shown on request: how to answer, an example."""
    required: bool = False
    """Counts toward the exercise's share done; "Mark as done" asks for it."""
    why_changed: str = ""
    """Asked (skippable) when the user changes an answer written in an earlier sitting, e.g. "What
    changed your mind?"; the reply is kept with the earlier version."""


@dataclass(frozen=True, kw_only=True)
class LineField(Field):
    """One line of text."""

    kind: ClassVar[str] = "line"


@dataclass(frozen=True, kw_only=True)
class TextField(Field):
    """Multi-line text for long answers."""

    kind: ClassVar[str] = "text"


@dataclass(frozen=True, kw_only=True)
class ListField(Field):
    """Short items, one a line."""

    kind: ClassVar[str] = "list"
    min_items: int = 1
    """How many items make the field answered."""


@dataclass(frozen=True, kw_only=True)
class ChoiceField(Field):
    """Exactly one of the options."""

    kind: ClassVar[str] = "choice"
    options: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class MultiField(Field):
    """Any of the options."""

    kind: ClassVar[str] = "multi"
    options: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ScaleField(Field):
    """A whole number from `min` to `max` with words for the two ends."""

    kind: ClassVar[str] = "scale"
    min: int = 1
    max: int = 5
    min_label: str = ""
    max_label: str = ""


@dataclass(frozen=True, kw_only=True)
class TableField(Field):
    """Rows the user adds, over fixed columns."""

    kind: ClassVar[str] = "table"
    columns: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class DateField(Field):
    """A calendar date, stored as YYYY-MM-DD."""

    kind: ClassVar[str] = "date"
    default: str = ""
    """"today": a new entry of a log starts with today's date here (the user may change it)."""


@dataclass(frozen=True, kw_only=True)
class ChecklistField(Field):
    """Fixed items to tick."""

    kind: ClassVar[str] = "checklist"
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ActionsField(Field):
    """Action items with a due date and a done flag, gathered into one list across the workbook."""

    kind: ClassVar[str] = "actions"
    details: tuple[str, ...] = ()
    """Labels of extra texts each action carries, e.g. ("Serves (a gap or stepping stone)", "How I will know
    it is done"). When the field is required, every action written needs all of them."""


@dataclass(frozen=True, kw_only=True)
class RecallField(Field):
    """Read-only: shows an earlier answer from this or another exercise."""

    kind: ClassVar[str] = "recall"
    answerable: ClassVar[bool] = False
    source: str
    """`exercise.field` of the answer to show."""


@dataclass(frozen=True, kw_only=True)
class ComposeField(Field):
    """Read-only text built from other answers: `{field}` or `{exercise.field}` placeholders."""

    kind: ClassVar[str] = "compose"
    answerable: ClassVar[bool] = False
    template: str


FIELD_KINDS: dict[str, type[Field]] = {
    cls.kind: cls
    for cls in (
        LineField, TextField, ListField, ChoiceField, MultiField, ScaleField, TableField,
        DateField, ChecklistField, ActionsField, RecallField, ComposeField,
    )
}

READ_ONLY: Final = "read-only"
"""What a table keyed by kind holds for recall and compose, which show answers and keep none."""


# --- Dates ------------------------------------------------------------------------

DATE_HINT: Final = "Write it as YYYY-MM-DD, or leave it empty"
"""What to type instead of a date that is not one: the one message for date fields, due dates and plain mode."""

_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: Any) -> date | None:
    """The date written as YYYY-MM-DD, or None (empty, or not a date). The one rule for every date typed:
    Python's own parser alone would also take "20261205" and "2026-W49-6"."""
    written = str(text or "").strip()
    if not _DATE_SHAPE.fullmatch(written):
        return None
    try:
        return date.fromisoformat(written)
    except ValueError:  # 2026-13-01, 2026-02-30
        return None


def date_problem(text: str) -> str | None:
    """What to do about a typed date (`DATE_HINT`), or None when it is a date or empty."""
    return DATE_HINT if text.strip() and parse_date(text) is None else None


# --- Actions ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One action of an `actions` answer. Stored as {"text": ..., "due": ..., "done": ...}, with "details":
    [...] too when the field asks for details (an action written before they were asked has none)."""

    text: str
    due: str = ""
    """As written: YYYY-MM-DD, or empty."""
    done: bool = False
    details: tuple[str, ...] = ()
    """The texts for the field's `details` labels, in their order; shorter when some were never written,
    longer when the exercise has since dropped a label (what was written is kept)."""

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> ActionRow:
        text = stored.get("text")
        details = stored.get("details")
        kept = tuple("" if item is None else str(item) for item in details) if isinstance(details, list) else ()
        return cls("" if text is None else str(text), str(stored.get("due") or ""), bool(stored.get("done")), kept)

    def to_stored(self) -> dict[str, Any]:
        stored: dict[str, Any] = {"text": self.text, "due": self.due, "done": self.done}
        if self.details:
            stored["details"] = list(self.details)
        return stored

    @property
    def written(self) -> bool:
        """It holds an action: rows left empty in the editor do not count."""
        return bool(self.text.strip())

    def detail(self, index: int) -> str:
        """The text written for the field's detail at `index`; empty when there is none."""
        return self.details[index] if index < len(self.details) else ""

    def with_details_for(self, labels: tuple[str, ...]) -> ActionRow:
        """The row with a text (maybe empty) for each label, and any texts past them kept."""
        return replace(self, details=tuple(self.detail(index) for index in range(len(labels)))
                       + self.details[len(labels):])


def action_rows(value: Any) -> list[ActionRow]:
    """The actions of a stored answer, in order; anything in it that is not an action is passed over."""
    if not isinstance(value, list):
        return []
    return [ActionRow.from_stored(stored) for stored in value if isinstance(stored, Mapping)]


# --- Behaviour ------------------------------------------------------------------------


@dataclass(frozen=True)
class KindBehaviour:
    """What an answer of one kind is."""

    empty: Callable[[], Any]
    """A fresh empty answer (a new list each call)."""
    answered: Callable[[Any, Any], bool]
    """(field, value) -> whether a value that is neither None nor text counts as an answer."""
    text: Callable[[Any, Any], str]
    """(field, non-empty value) -> the answer as readable text."""
    shape: Callable[[Any, Any], str | None]
    """(field, value that is not None) -> what is wrong with its shape, or None."""
    then_now: bool = False
    """Shown beside what it said before once its exercise is started again (a rating, a table)."""


def is_answered(field: Field, value: Any) -> bool:
    """Whether a value counts as an answer for the field."""
    if value is None or not field.answerable:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return KINDS[field.kind].answered(field, value)


def as_text(field: Field, value: Any) -> str:
    """The answer as readable text (a recall, a compose draft, a plain listing); empty when there is none."""
    if value is None or value == "" or value == []:
        return ""
    return KINDS[field.kind].text(field, value)


def shape_problem(field: Field, value: Any) -> str | None:
    """What is wrong with a stored answer's shape for this field, or None when it fits (no answer fits).

    The message names types, never the answer itself: it may end up in a log. Options are not
    checked against the field's: an exercise may rename an option after the answer was written.
    """
    if value is None:
        return None
    return KINDS[field.kind].shape(field, value)


def empty_value(field: Field) -> Any:
    return KINDS[field.kind].empty()


def then_now_kinds() -> frozenset[str]:
    return frozenset(kind for kind, behaviour in KINDS.items() if behaviour.then_now)


def _filled(cell: Any) -> bool:
    return bool(str(cell).strip())


def _any_value(field: Field, value: Any) -> bool:
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


def _list_answered(field: ListField, value: Any) -> bool:
    return sum(1 for item in value if _filled(item)) >= max(field.min_items, 1)


def _table_answered(field: TableField, value: Any) -> bool:
    return any(any(_filled(cell) for cell in row) for row in value)


def _actions_answered(field: ActionsField, value: Any) -> bool:
    return any(row.written for row in action_rows(value))


def _scale_answered(field: ScaleField, value: Any) -> bool:
    return isinstance(value, int) and field.min <= value <= field.max


def _never(field: Field, value: Any) -> bool:
    return False


def _plain_text(field: Field, value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"- {item}" for item in value if _filled(item))
    return str(value)


def _table_text(field: TableField, value: Any) -> str:
    rows = [row for row in value if any(_filled(cell) for cell in row)]
    return "\n".join("- " + "; ".join(f"{column}: {cell}" for column, cell in zip(field.columns, row)
                                      if _filled(cell)) for row in rows)


def action_line(row: ActionRow) -> str:
    """The action as one line: its text, then its date: "Call Sam (by 2026-12-05)"."""
    return row.text + (f" (by {row.due})" if row.due else "")


def short_label(label: str) -> str:
    """A detail's label without the hint in brackets at its end: "Serves" for "Serves (a gap or stepping
    stone)", for the places with room for a word or two."""
    head, bracket, _ = label.rpartition(" (")
    return head.strip() if bracket and label.endswith(")") and head.strip() else label


def labelled_details(field: ActionsField, row: ActionRow) -> list[tuple[str, str]]:
    """(label, text) for each of the field's details, in order, the empty ones too."""
    return [(label, row.detail(index)) for index, label in enumerate(field.details)]


def _actions_text(field: ActionsField, value: Any) -> str:
    lines = []
    for row in action_rows(value):
        if row.written:
            lines.append(f"- {'[x]' if row.done else '[ ]'} {action_line(row)}")
            lines += [f"  {label}: {text}" for label, text in labelled_details(field, row) if _filled(text)]
    return "\n".join(lines)


def details_lacking(field: Field, value: Any) -> list[tuple[int, list[str]]]:
    """For a required actions field with details: (action number, labels of the details still empty) for each
    action written that lacks some. Empty for every other field: there, details are optional."""
    if not isinstance(field, ActionsField) or not field.required or not field.details:
        return []
    lacking = []
    for number, row in enumerate(action_rows(value), start=1):  # numbered as the cards are, empty ones too
        empty = [label for label, text in labelled_details(field, row) if not _filled(text)]
        if row.written and empty:
            lacking.append((number, empty))
    return lacking


def unfinished_note(field: Field, value: Any) -> str:
    """What a written answer still lacks, in one line: 'action 2 needs "Serves"', or "" when nothing."""
    lacking = details_lacking(field, value)
    if not lacking:
        return ""
    number, labels = lacking[0]
    named = " and ".join(f'"{short_label(label)}"' for label in labels)
    more = len(lacking) - 1
    return f"action {number} needs {named}" + (f"; {more} more {'action' if more == 1 else 'actions'} too"
                                                if more else "")


def is_complete(field: Field, value: Any) -> bool:
    """Whether the answer counts toward the exercise's share and "Mark as done": answered, and for a
    required actions field with details, every action written has all of them."""
    return is_answered(field, value) and not details_lacking(field, value)


# Shapes: what the app writes for each kind. A bool is an int to Python, never an answer here.

def _kind_of(value: Any) -> str:
    return type(value).__name__


def _text_shape(field: Field, value: Any) -> str | None:
    return None if isinstance(value, str) else f"a {field.kind} answer must be text, not {_kind_of(value)}"


def _texts_shape(field: Field, value: Any) -> str | None:
    if not isinstance(value, list):
        return f"a {field.kind} answer must be a list of texts, not {_kind_of(value)}"
    for number, item in enumerate(value, start=1):
        if not isinstance(item, str):
            return f"item {number} of a {field.kind} answer must be text, not {_kind_of(item)}"
    return None


def _scale_shape(field: ScaleField, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and math.isnan(value):
            return "a scale answer must be a whole number, not NaN"
        return f"a scale answer must be a whole number, not {_kind_of(value)}"
    if not field.min <= value <= field.max:
        return f"a scale answer must be from {field.min} to {field.max}"
    return None


def _table_shape(field: TableField, value: Any) -> str | None:
    if not isinstance(value, list):
        return f"a table answer must be a list of rows, not {_kind_of(value)}"
    for number, row in enumerate(value, start=1):
        if not isinstance(row, list):
            return f"row {number} of a table answer must be a list of cells, not {_kind_of(row)}"
        for column, cell in enumerate(row, start=1):
            if not isinstance(cell, str):
                return f"row {number}, cell {column} of a table answer must be text, not {_kind_of(cell)}"
    return None


_ACTION_KEYS = {"text": str, "due": str, "done": bool, "details": list}


def _actions_shape(field: ActionsField, value: Any) -> str | None:
    if not isinstance(value, list):
        return f"an actions answer must be a list of actions, not {_kind_of(value)}"
    for number, stored in enumerate(value, start=1):
        if not isinstance(stored, dict):
            return f"action {number} must be a table of text, due and done, not {_kind_of(stored)}"
        unknown = sorted(str(key) for key in stored if key not in _ACTION_KEYS)
        if unknown:
            return f"action {number} has keys an action does not have: {', '.join(unknown)}"
        if "text" not in stored:
            return f"action {number} has no text"
        for key, wanted in _ACTION_KEYS.items():
            if key in stored and type(stored[key]) is not wanted:
                return f"the {key} of action {number} must be {_NAMES[wanted]}, not {_kind_of(stored[key])}"
        for place, detail in enumerate(stored.get("details", ()), start=1):
            if not isinstance(detail, str):
                return f"detail {place} of action {number} must be text, not {_kind_of(detail)}"
    return None


_NAMES = {str: "text", bool: "true or false", list: "a list of texts"}


def _keeps_nothing(field: Field, value: Any) -> str | None:
    return f"a {field.kind} field is read-only and keeps no answer, but holds {_kind_of(value)}"


def _none() -> None:
    return None


_WRITTEN = KindBehaviour(str, _any_value, _plain_text, _text_shape)
_TICKED = KindBehaviour(list, _any_value, _plain_text, _texts_shape)
_SHOWN = KindBehaviour(_none, _never, _plain_text, _keeps_nothing)

KINDS: dict[str, KindBehaviour] = {
    "line": _WRITTEN,
    "text": _WRITTEN,
    "date": _WRITTEN,
    "choice": KindBehaviour(_none, _any_value, _plain_text, _text_shape),
    "list": KindBehaviour(list, _list_answered, _plain_text, _texts_shape),
    "multi": _TICKED,
    "checklist": _TICKED,
    "scale": KindBehaviour(_none, _scale_answered, _plain_text, _scale_shape, then_now=True),
    "table": KindBehaviour(list, _table_answered, _table_text, _table_shape, then_now=True),
    "actions": KindBehaviour(list, _actions_answered, _actions_text, _actions_shape),
    "recall": _SHOWN,
    "compose": _SHOWN,
}
"""Every field kind's behaviour, by `Field.kind`."""
