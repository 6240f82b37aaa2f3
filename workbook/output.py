"""What the commands write to standard output for scripts: `--out -` and the `--json` documents.

The `--json` documents of `workbook status`, `actions` and `search` are plain data. Their keys are
documented in the README ("Output for scripts") and only ever added to: a script written against
version 1 keeps working. Dates are ISO 8601: a day as YYYY-MM-DD, a moment with its UTC offset.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from rich.text import Text

from workbook.answers import visible
from workbook.progress import ExerciseProgress, State, overall_share

if TYPE_CHECKING:  # the command line imports this module for every command: it loads only what they all use
    from workbook.habits import ActionItem
    from workbook.search import Match

VERSION = 1
"""Raised only if a key changes meaning or goes away, never for an added key."""

STATE_KEYS = {State.NOT_STARTED: "not_started", State.IN_PROGRESS: "in_progress", State.DONE: "done"}


STDOUT = "-"
"""`--out -`: standard output, not a file named `-` (`--out ./-` is one)."""


class TypedPath(type(Path())):  # type: ignore[misc]  # the concrete class: Python 3.11 cannot subclass Path
    """A path from the command line that keeps the text typed, which Path normalises away: `./-` becomes
    `-`, and `worksheets/` loses the slash that says it is a folder."""

    typed = ""


def typed_path(text: str) -> Path:
    """`--out`'s type: the path, `~` expanded, remembering how it was typed."""
    path = TypedPath(text).expanduser()
    path.typed = text
    return path


def to_stdout(out: Path | None) -> bool:
    return out is not None and getattr(out, "typed", str(out)) == STDOUT


def names_a_folder(out: Path) -> bool:
    """`--out worksheets/`: a folder, to be made if need be, even before it exists."""
    return out.is_dir() or getattr(out, "typed", str(out)).endswith(("/", os.sep))


def write_stdout(content: str) -> None:
    """A document on standard output. Piped or redirected, it is byte for byte what the file would hold
    (UTF-8, whatever the locale); on a terminal, control characters from answers are shown as symbols."""
    stream = sys.stdout
    if stream.isatty():
        content = visible(content, multiline=True)
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(content)
    else:
        buffer.write(content.encode("utf-8"))
    stream.flush()


def dumps(document: dict[str, Any]) -> str:
    """The document as UTF-8 JSON text; every character as itself, control characters escaped by JSON."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _moment(when: datetime | None) -> str | None:
    return when.astimezone().isoformat(timespec="seconds") if when else None


def status_document(rows: Iterable[ExerciseProgress], store_path: Path) -> dict[str, Any]:
    rows = list(rows)
    exercises = []
    for row in rows:
        item: dict[str, Any] = {
            "id": row.exercise.id,
            "title": row.exercise.title,
            "step": row.exercise.step,
            "repeatable": row.exercise.repeatable,
            "state": STATE_KEYS[row.state],
            "last_worked_on": _moment(row.last_worked),
        }
        if row.exercise.repeatable:
            item |= {"entries": row.entries, "entries_done": row.share.answered}
        else:
            item |= {"required_answered": row.share.answered, "required_total": row.share.total,
                     "percent": row.share.percent}
            if len(row.exercise.sittings()) > 1:
                item |= {"sittings": len(row.exercise.sittings()), "sittings_complete": row.sittings_done}
        exercises.append(item)
    return {"version": VERSION, "store": str(store_path), "overall_percent": overall_share(rows).percent,
            "exercises": exercises}


def actions_document(items: Iterable[ActionItem], today: date) -> dict[str, Any]:
    actions = []
    for item in items:
        due = item.due_date
        actions.append({
            "text": item.text,
            "due": due.isoformat() if due else None,
            "due_as_written": item.due,
            "done": item.done,
            "overdue": item.overdue(today),
            "source": item.source,
            "exercise": item.exercise,
            "entry": item.entry,
            "field": item.field,
            "details": [{"label": label, "text": text} for label, text in item.details],
        })
    return {"version": VERSION, "today": today.isoformat(), "actions": actions}


def search_document(query: str, matches: Iterable[Match]) -> dict[str, Any]:
    return {"version": VERSION, "query": query, "matches": [{
        "kind": match.kind.name.lower(),
        "exercise": match.exercise,
        "entry": match.entry,
        "page": match.shown_page,
        "field": match.field,
        "where": match.where,
        "label": match.label,
        "written_at": _moment(match.written_at),
        "snippet": match.snippet,
        "spans": [list(span) for span in match.spans],
    } for match in matches]}


def problem(message: object, label: str = "error:", style: str = "red") -> Text:
    """A one-line message as text, not markup: it may quote a path, a pack or what the user typed."""
    return Text.assemble((label, style), " ", visible(str(message)))
