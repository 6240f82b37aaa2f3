"""A whole workbook's data checked before anything trusts it: a store being opened, a backup being restored.

Pure. `workbook_problem` names the first bad place (table, document, key) in one line, or returns None.
Messages name places and types, never what the user wrote: they end up on screens and in logs.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any, Callable, Mapping

from workbook.fields import Field, shape_problem

FieldOf = Callable[[str, str], "Field | None"]
"""(exercise id, field id) -> the field as the exercises define it, or None when they do not."""

MAX_DEPTH = 32
"""How deep a document may nest: the deepest the app writes (a table answer) is five levels."""
MAX_INTEGER = 2**63 - 1
"""Past 64 bits a number is no answer, and the fast JSON writer cannot write it."""

_DOC_ID = re.compile(r"0|[1-9][0-9]{0,17}")  # TinyDB's ids, as it writes them: str(int)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Bad(Exception):
    """The first problem found; the message is the place and what is wrong there."""


def fields_of(catalog: Any) -> FieldOf:
    """`FieldOf` over a loaded catalog of exercises (an iterable of exercises with `id` and `fields()`)."""
    fields = {(exercise.id, field.id): field for exercise in catalog for field in exercise.fields()}
    return lambda exercise, field: fields.get((exercise, field))


def workbook_problem(data: Any, field_of: FieldOf | None = None) -> str | None:
    """What is wrong with a workbook's tables, or None when every document has the shape the store reads.

    With `field_of`, an answer of a field the exercises define must also fit its kind; answers of other
    exercises or fields are kept as they are (an exercise file may be missing today).
    """
    try:
        _check(data, field_of)
    except _Bad as bad:
        return str(bad)
    return None


def _check(data: Any, field_of: FieldOf | None) -> None:
    if not isinstance(data, dict):
        raise _Bad(f"the workbook must be a table of tables, not {_type(data)}")
    for table, documents in data.items():
        if not isinstance(documents, dict):
            raise _Bad(f"table {_name(table)} must hold documents, not {_type(documents)}")
        check_document = _TABLES.get(table)
        for doc_id, document in documents.items():
            if not _DOC_ID.fullmatch(doc_id):
                raise _Bad(f"table {_name(table)} has a document id that is not a whole number")
            where = f"{_name(table)}, document {doc_id}"
            if not isinstance(document, dict):
                raise _Bad(f"{where} must be a table of keys, not {_type(document)}")
            _check_json(document, where)
            if check_document is not None:
                check_document(document, where)
            if table == "answers" and field_of is not None:
                field = field_of(document["exercise"], document["field"])
                problem = None if field is None else shape_problem(field, document["value"])
                if problem:
                    raise _Bad(f"{where}, value: {problem}")


def _check_json(document: dict[str, Any], where: str) -> None:
    """What JSON allows but the store cannot keep: NaN and infinities (written back as null), numbers past
    64 bits, lone surrogates (no UTF-8 for them) and nesting deep enough to exhaust a parser.

    A loop over a stack, not recursion: it runs over every value of every store opened."""
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is str:
            if not value.isascii() and _SURROGATE.search(value):
                raise _Bad(f"{where}: text holding a lone surrogate (\\ud800-\\udfff), which is no character")
        elif kind is dict:
            if depth >= MAX_DEPTH:
                raise _Bad(f"{where}: nested more than {MAX_DEPTH} levels deep")
            for key, item in value.items():
                if type(key) is not str or not key.isascii() and _SURROGATE.search(key):
                    raise _Bad(f"{where}: a key that is not text")
                stack.append((item, depth + 1))
        elif kind is list:
            if depth >= MAX_DEPTH:
                raise _Bad(f"{where}: nested more than {MAX_DEPTH} levels deep")
            stack.extend((item, depth + 1) for item in value)
        elif kind is int:
            if not -MAX_INTEGER - 1 <= value <= MAX_INTEGER:
                raise _Bad(f"{where}: a number too large to be an answer")
        elif kind is float:
            if not math.isfinite(value):
                raise _Bad(f"{where}: NaN or Infinity, which is no number")
        elif value is not None and kind is not bool:
            raise _Bad(f"{where}: {_type(value)}, which JSON cannot hold")


# --- each table's documents ------------------------------------------------------------------------


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_or_none(value: Any) -> bool:
    return value is None or _whole(value)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _moment(value: Any) -> bool:
    """A date and time with its offset, as the store writes them (one without could not be compared)."""
    if not isinstance(value, str):
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    # Far years overflow when moved to local time, as every screen showing a date does.
    return moment.utcoffset() is not None and 1900 <= moment.year <= 9000


def _moment_or_none(value: Any) -> bool:
    return value is None or _moment(value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _anything(value: Any) -> bool:
    return True


_WANTED = {
    _text: "text", _text_or_none: "text or null", _whole: "a whole number",
    _whole_or_none: "a whole number or null", _flag: "true or false",
    _moment: "a date and time with its offset, e.g. 2026-11-01T10:00:00+00:00",
    _moment_or_none: "a date and time with its offset, or null", _texts: "a list of texts",
}

Shape = Mapping[str, Callable[[Any], bool]]


def _keys(required: Shape, optional: Shape | None = None) -> Callable[[dict[str, Any], str], None]:
    """A document check: each required key present and of its type; optional keys of their type when present;
    other keys are left alone (a later version of the app may add some)."""
    def check(document: dict[str, Any], where: str) -> None:
        for key, fits in required.items():
            if key not in document:
                raise _Bad(f"{where}: the key {key!r} is missing")
            if not fits(document[key]):
                raise _Bad(_wrong(where, key, fits, document[key]))
        for key, fits in (optional or {}).items():
            if key in document and not fits(document[key]):
                raise _Bad(_wrong(where, key, fits, document[key]))
    return check


def _wrong(where: str, key: str, fits: Callable[[Any], bool], value: Any) -> str:
    found = "" if isinstance(value, str) and fits in (_moment, _moment_or_none) else f", not {_type(value)}"
    return f"{where}, {key}: must be {_WANTED[fits]}{found}"


_ANSWER = {"exercise": _text, "entry": _text_or_none, "field": _text}

_STATE_KINDS = {
    "status": _keys({"exercise": _text, "entry": _text_or_none},
                    {"started_at": _moment_or_none, "completed_at": _moment_or_none, "updated_at": _moment_or_none,
                     "reset_at": _moment_or_none, "page": _whole_or_none, "field": _text_or_none}),
    "resume": _keys({"exercise": _text, "page": _whole, "field": _text_or_none, "entry": _text_or_none}),
    "next_step": _keys({"text": _text, "set_at": _moment},
                       {"after": _text_or_none, "done": _flag, "due": _text, "asked": _flag}),
    # The name that signs drafted messages and the theme chosen (workbook.answers.YOUR_NAME, the session's THEME).
    "settings": _keys({}, {"your_name": _text, "theme": _text}),
}


def _state(document: dict[str, Any], where: str) -> None:
    kind = document.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise _Bad(f"{where}, kind: must be text, not {_type(kind)}")
    check = _STATE_KINDS.get(kind)  # type: ignore[arg-type]
    if check is not None:  # a kind this version does not know is passed over by every reader
        check(document, where)


_TABLES: dict[str, Callable[[dict[str, Any], str], None]] = {
    "meta": _keys({"schema_version": _whole}, {"app_version": _text, "created": _moment}),
    "answers": _keys({**_ANSWER, "value": _anything, "updated_at": _moment},
                     {"reviewed_at": _moment_or_none, "sitting": _text_or_none}),
    "history": _keys({**_ANSWER, "value": _anything, "written_at": _moment, "replaced_at": _moment},
                     {"reason": _text_or_none, "reset": _flag, "replaced_in": _text_or_none}),
    "entries": _keys({"id": _text, "exercise": _text, "created_at": _moment}),
    "state": _state,
    "sittings": _keys({"started_at": _moment, "ended_at": _moment_or_none, "touched": _texts},
                      {"key": _text_or_none}),
}


def _type(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "text", bool: "true or false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _name(table: Any) -> str:
    """A table's name when it is one of ours; another is not repeated (it may be anything)."""
    return table if table in _TABLES or table == "_default" else "(unknown)"
