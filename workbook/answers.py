"""Answers as text: how a value reads in a recall, a compose draft or a plain listing. Pure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Mapping

from workbook.exercises import CONTROL_CHARACTERS, PLACEHOLDER, Catalog, ComposeField, Exercise, RecallField
from workbook.fields import as_text

if TYPE_CHECKING:
    from workbook.store import Entry

AnswerLookup = Callable[[str, str], Any]
"""(exercise id, field id) -> the current answer, or None."""

_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str, multiline: bool = False) -> str:
    """Text that is safe to draw: control characters (an escape sequence pasted from a terminal, a NUL
    from a damaged import) become symbols such as ␛ instead of reaching the terminal."""
    if multiline:
        return CONTROL_CHARACTERS.sub(_picture, text.replace("\r\n", "\n"))
    return _CONTROL_OR_BREAK.sub(_picture, text)


def visible_value(value: Any) -> Any:
    """`visible` applied to every string in an answer (lists of items, table rows, actions)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list):
        return [visible_value(item) for item in value]
    if isinstance(value, dict):
        return {key: visible_value(item) for key, item in value.items()}
    return value


answer_text = as_text
"""The answer as readable text; empty when there is none (`workbook.fields.as_text`)."""


def compose_text(catalog: Catalog, exercise: Exercise, field: ComposeField, lookup: AnswerLookup) -> str:
    """The compose field's template with each placeholder replaced by that answer's text.

    An unanswered placeholder stays visible as [field label] so the user sees what is missing.
    """

    def fill(match) -> str:
        name = match.group(1)
        reference = name if "." in name else f"{exercise.id}.{name}"
        source_exercise, source = catalog.resolve(reference)
        text = answer_text(source, lookup(source_exercise.id, source.id))
        return text or f"[{source.label}]"

    return PLACEHOLDER.sub(fill, field.template)


def recall_text(catalog: Catalog, exercise: Exercise, field: RecallField, lookup: AnswerLookup) -> str:
    """The recalled answer's text."""
    source_exercise, source = catalog.resolve(field.source)
    return answer_text(source, lookup(source_exercise.id, source.id))


SHOWN: dict[str, Callable[..., str]] = {"recall": recall_text, "compose": compose_text}
"""What each read-only kind shows, by kind: (catalog, exercise, field, lookup) -> text."""


def shown_text(catalog: Catalog, exercise: Exercise, field: RecallField | ComposeField,
               lookup: AnswerLookup) -> str:
    """What a read-only field shows: the recalled answer, or the composed draft."""
    return SHOWN[field.kind](catalog, exercise, field, lookup)


def entry_title(exercise: Exercise, answers: Mapping[str, Any], entry: Entry) -> str:
    """How an entry of a log reads in a list: its date, then its naming fields (e.g. person, kind)."""
    names = [answer_text(exercise.field(field), answers.get(field)) for field in exercise.entry_fields]
    title = " · ".join(name for name in names if name) or "(not named yet)"
    when = answers.get("date") or f"{entry.created_at.astimezone():%Y-%m-%d}"
    return f"{when}  {title}"
