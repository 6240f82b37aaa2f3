"""Answers as text: how a value reads in a recall, a compose draft or a plain listing. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Mapping

from workbook.exercises import CONTROL_CHARACTERS, PLACEHOLDER, Catalog, ComposeField, Exercise, Field, RecallField
from workbook.fields import ActionRow, action_rows, as_text
from workbook.logs import LogAnswers, log_text

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


YOUR_NAME = "your_name"
"""The setting that signs a drafted message: the user's own name, "" when they chose to give none."""
MAX_NAME = 100


def your_name(store: Any) -> str:
    """The user's name as set (a store or anything with `setting`); "" when none is set or it is no text."""
    value = store.setting(YOUR_NAME, "")
    return visible(value).strip() if isinstance(value, str) else ""


def check_your_name(text: str) -> str | None:
    """What is wrong with a name typed by the user, or None (an empty name is allowed: it signs nothing)."""
    if len(text.strip()) > MAX_NAME:
        return f"Keep it to {MAX_NAME} characters: the name you sign messages with."
    return None


@dataclass(frozen=True)
class Writer:
    """Who writes a drafted message, and when: what a compose template needs besides the answers."""

    name: str = ""
    """Fills `{@your_name}`; empty leaves that line out."""
    today: date | None = None
    """Dates of this year are written without the year; None writes every year."""


def people_date(text: str, today: date | None = None) -> str:
    """A date as people write it, "Friday 5 December" (with the year unless it is this one); a due date
    that is no date ("next week") stays as written."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return text.strip()
    year = "" if today is not None and day.year == today.year else f" {day.year}"
    return f"{day:%A} {day.day} {day:%B}{year}"


_TITLES = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame"}


def first_name(text: str) -> str:
    """The name to greet someone by: "Ada" for "Ada Okafor", "Dr Okafor" for "Dr Ada Okafor"."""
    words = [word.strip(",;") for word in text.split()]
    words = [word for word in words if word]
    if not words:
        return ""
    if len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0]


def _names_of(whole: str) -> tuple[str, ...]:
    """What a person may be called in an action: "Dr Ada Okafor", "Dr Okafor", "Ada"; longest first."""
    whole = " ".join(whole.split())
    given = [word for word in whole.split(" ") if word.rstrip(".").casefold() not in _TITLES]
    return tuple(dict.fromkeys(name for name in (whole, first_name(whole), given[0] if given else "") if name))


def _as_you(text: str, names: tuple[str, ...]) -> str:
    """The person written to, named in an action ("Send Ada my plan"), becomes "you" ("Send you my plan")."""
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(['\u2019]s)?(?!\w)")
        text = pattern.sub(lambda match: "your" if match.group(1) else "you", text)
    return text


def _clause(text: str, leading: tuple[str, ...]) -> str:
    """An action as the end of a sentence: a leading "I will" (or "you will") and the final stop taken off,
    and a capital first letter made small unless the word is all capitals ("SQL")."""
    text = text.strip().rstrip(".")
    for start in leading:
        if text.casefold().startswith(start):
            text = text[len(start):].lstrip()
            break
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper() and first != "I":
        text = text[0].lower() + text[1:]
    return text


def _action_sentences(value: Any, names: tuple[str, ...], today: date | None, mine: bool) -> str:
    """Actions (or list items) as sentences: "I will send you my plan by Friday 5 December." for the
    writer's own, "You said you would introduce me to Sam." for the other person's."""
    rows = [ActionRow(item) for item in value if isinstance(item, str)] if isinstance(value, list) and \
        all(isinstance(item, str) for item in value) else action_rows(value)
    lines = []
    for row in rows:
        if not row.written:
            continue
        if mine:
            what = _clause(_as_you(row.text, names), ("i will ", "i'll ", "i\u2019ll "))
            lines.append(f"I said I would {what}, and I have." if row.done else
                         f"I will {what}" + (f" by {people_date(row.due, today)}." if row.due else "."))
        else:
            what = _clause(_as_you(row.text, names), ("you will ", "you'll ", "you\u2019ll ", "you to ", "you: "))
            lines.append(f"You said you would {what}, and you have: thank you." if row.done else
                         f"You said you would {what}" + (f" by {people_date(row.due, today)}." if row.due else "."))
    return "\n".join(lines)


def _as_lines(field: Field, value: Any, today: date | None) -> str:
    """Items one a line, with no list marks: "- " and "[ ]" are Markdown, not a message."""
    if field.kind == "actions":
        return "\n".join(row.text.strip() + (f", by {people_date(row.due, today)}" if row.due else "")
                         for row in action_rows(value) if row.written)
    return "\n".join(line[2:] if line.startswith("- ") else line for line in as_text(field, value).splitlines())


def compose_text(catalog: Catalog, exercise: Exercise, field: ComposeField, lookup: AnswerLookup,
                 writer: Writer = Writer()) -> str:
    """The compose field's template with each placeholder filled in.

    `{field}` shows the answer as text; `{field:first_name}`, `{field:lines}` and the action sentences
    `{field:i_will}` / `{field:you_will}` show it as a message would; `{@your_name}` is the writer's name.
    An unanswered answer shows as [field label], so the user sees what is missing; sentences with nothing to
    say and a name not given leave their line out. The person greeted by `:first_name` is "you" in the
    sentences.
    """

    def source_of(name: str) -> tuple[Field, Any]:
        reference = name if "." in name else f"{exercise.id}.{name}"
        source_exercise, source = catalog.resolve(reference)
        return source, lookup(source_exercise.id, source.id)

    greeted = next((name.partition(":")[0] for name in PLACEHOLDER.findall(field.template)
                    if name.endswith(":first_name")), None)
    names = _names_of(answer_text(*source_of(greeted))) if greeted is not None else ()

    def fill(match: re.Match[str]) -> str:
        name, _, form = match.group(1).partition(":")
        if name.startswith("@"):
            return writer.name
        source, value = source_of(name)
        if form in ("i_will", "you_will"):
            return _action_sentences(value, names, writer.today, mine=form == "i_will")
        text = answer_text(source, value)
        if not text:
            return f"[{source.label}]"
        if form == "first_name":
            return first_name(text)
        return _as_lines(source, value, writer.today) if form == "lines" else text

    lines = []
    for line in field.template.split("\n"):
        filled = PLACEHOLDER.sub(fill, line)
        if filled.strip() or not PLACEHOLDER.search(line) or PLACEHOLDER.sub("", line).strip():
            lines.append(filled)
    # A line left out between two blank lines would leave a gap of two.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def recall_text(catalog: Catalog, exercise: Exercise, field: RecallField, lookup: AnswerLookup,
                writer: Writer = Writer()) -> str:
    """The recalled answer's text; a log's answer, from every entry, newest first (see `workbook.logs`)."""
    source_exercise, source = catalog.resolve(field.source)
    value = lookup(source_exercise.id, source.id)
    if isinstance(value, LogAnswers):
        return log_text(value)
    return answer_text(source, value)


SHOWN: dict[str, Callable[..., str]] = {"recall": recall_text, "compose": compose_text}
"""What each read-only kind shows, by kind: (catalog, exercise, field, lookup, writer) -> text."""


def shown_text(catalog: Catalog, exercise: Exercise, field: RecallField | ComposeField,
               lookup: AnswerLookup, writer: Writer = Writer()) -> str:
    """What a read-only field shows: the recalled answer, or the composed draft (signed by `writer`)."""
    return SHOWN[field.kind](catalog, exercise, field, lookup, writer)


def entry_title(exercise: Exercise, answers: Mapping[str, Any], entry: Entry) -> str:
    """How an entry of a log reads in a list: its date, then its naming fields (e.g. person, kind)."""
    names = [answer_text(exercise.field(field), answers.get(field)) for field in exercise.entry_fields]
    title = " · ".join(name for name in names if name) or "(not named yet)"
    when = answers.get("date") or f"{entry.created_at.astimezone():%Y-%m-%d}"
    return f"{when}  {title}"
