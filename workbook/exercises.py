"""Exercise files: the TOML loader and its validation (the dataclasses are in `workbook.exercise_model`).

An exercise is data (one TOML file); this module turns a folder of them into a
`Catalog` and reports every problem as an `ExerciseError` naming the file, the
page, the field and what to change. A bad file is skipped; good ones still load.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
import types
import typing
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Iterable

from workbook.fields import (
    FIELD_KINDS,
    ActionsField,
    ChecklistField,
    ChoiceField,
    ComposeField,
    DateField,
    Field,
    LineField,
    ListField,
    MultiField,
    RecallField,
    ScaleField,
    TableField,
    TextField,
)

from workbook.exercise_model import (
    CONTROL_CHARACTERS,
    ID_PATTERN,
    LOG_KEY_PATTERN,
    MAX_FILE_BYTES,
    PLACEHOLDER,
    PLACEHOLDER_FORMS,
    PLACEHOLDER_SETTINGS,
    RESERVED_KEYS,
    Catalog,
    Condition,
    Exercise,
    ExerciseError,
    Page,
    Sitting,
)

# The field kinds live in workbook.fields; they are named here too, where exercises are defined.
__all__ = [
    "CONTROL_CHARACTERS", "FIELD_KINDS", "ID_PATTERN", "LOG_KEY_PATTERN", "RESERVED_KEYS", "PLACEHOLDER",
    "PLACEHOLDER_FORMS", "PLACEHOLDER_SETTINGS",
    "ActionsField", "Catalog", "ChecklistField", "ChoiceField", "ComposeField", "Condition", "DateField",
    "Exercise", "ExerciseError", "Field", "LineField", "ListField", "MultiField", "Page", "RecallField",
    "ScaleField", "Sitting", "TableField", "TextField", "load_catalog", "load_file",
]


# --- Loading -------------------------------------------------------------------


def load_catalog(folders: Iterable[Path | Traversable]) -> Catalog:
    """Load every `*.toml` in the folders, in order; the first file with an id wins."""
    loaded: list[Exercise] = []
    errors: list[ExerciseError] = []
    seen: dict[str, str] = {}
    keys: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if not path.name.endswith(".toml") or not path.is_file():
                continue
            exercise, file_errors = load_file(path)
            errors.extend(file_errors)
            if exercise is None:
                continue
            if exercise.id in seen:
                errors.append(ExerciseError(
                    path.name,
                    f"exercise id {exercise.id!r} is already used by {seen[exercise.id]}; "
                    "give this exercise an id of its own",
                ))
                continue
            if exercise.key and exercise.key in keys:
                errors.append(ExerciseError(
                    path.name,
                    f"key {exercise.key!r} already opens the log in {keys[exercise.key]}; give this log a "
                    "letter of its own, or leave key out",
                ))
                continue
            seen[exercise.id] = path.name
            if exercise.key:
                keys[exercise.key] = path.name
            loaded.append(exercise)
    kept, reference_errors = _drop_dangling_references(loaded)
    kept.sort(key=lambda e: (e.step is None, e.step or 0, e.title))
    return Catalog(tuple(kept), tuple(errors + reference_errors))


def load_file(path: Path | Traversable) -> tuple[Exercise | None, list[ExerciseError]]:
    """One file: the exercise, or None with every problem found in it."""
    name = path.name
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return None, [ExerciseError(name, "is larger than 1 MB; an exercise file is a few kilobytes")]
        # utf-8-sig: editors on Windows start UTF-8 files with a byte-order mark.
        document = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [ExerciseError(name, "is not UTF-8 text; save it as UTF-8")]
    except tomllib.TOMLDecodeError as error:
        # On 3.11 the line and column are only in the message text, which we keep whole.
        return None, [ExerciseError(name, f"TOML syntax error: {error}")]
    except RecursionError:
        # tomllib recurses once per level of inline tables and arrays.
        return None, [ExerciseError(name, "is nested too deeply to read; a pack needs only a few levels of "
                                          "tables and lists")]
    checker = _Checker(name)
    exercise = checker.exercise(document)
    return (exercise if not checker.errors else None), checker.errors


def _drop_dangling_references(exercises: list[Exercise]) -> tuple[list[Exercise], list[ExerciseError]]:
    """Remove exercises whose recall/compose points at nothing; repeat, as removals can cascade."""
    errors: list[ExerciseError] = []
    kept = list(exercises)
    while True:
        catalog = Catalog(tuple(kept))
        broken: set[str] = set()
        for exercise in kept:
            for page, field, reference, form in exercise.shown_answers():
                try:
                    owner, target = catalog.resolve(reference)
                except KeyError:
                    problem = "points at nothing; name an answer field as exercise.field"
                else:
                    if isinstance(field, ComposeField) and owner.repeatable and owner.id != exercise.id:
                        # A draft shows one answer; a log has one per entry, which only a recall lists.
                        problem = "is an answer of a log, one per entry; show it with a recall field"
                    elif not target.answerable:
                        problem = "points at a read-only field; name an answer field as exercise.field"
                    elif form and target.kind not in PLACEHOLDER_FORMS[form]:
                        problem = (f"is a {target.kind} field, which :{form} cannot show; use :{form} with "
                                   f"{' or '.join(sorted(PLACEHOLDER_FORMS[form]))} fields")
                    else:
                        continue
                broken.add(exercise.id)
                errors.append(ExerciseError(exercise.source, f"{reference!r} {problem}", page.id, field.id))
        if not broken:
            return kept, errors
        kept = [exercise for exercise in kept if exercise.id not in broken]


class _Checker:
    """Turns one parsed TOML document into an Exercise, collecting every problem on the way."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[ExerciseError] = []

    def error(self, message: str, page: str | None = None, field: str | None = None) -> None:
        self.errors.append(ExerciseError(self.file, message, page, field))

    def exercise(self, document: dict[str, Any]) -> Exercise | None:
        values = self.values(Exercise, document, exclude={"source", "pages"}, extra={"pages"})
        if "id" in values:
            # Answers are keyed by it and it names files: the same rule as page and field ids.
            self.identifier(values["id"], "exercise", set())
        pages = self.pages(document.get("pages"))
        self.sitting_rules(pages)
        field_ids = {field.id for page in pages for field in page.fields}
        for field_id in values.get("entry_fields", ()):
            if field_id not in field_ids:
                self.error(f"entry_fields names {field_id!r}, which is not a field of this exercise")
        self.log_keys(values)
        if "step" in values and values["step"] < 1:
            self.error("step must be 1 or more")
        if "minutes" in values and values["minutes"] < 1:
            self.error("minutes must be 1 or more")
        if self.errors:
            return None
        return Exercise(**values, pages=pages, source=self.file)

    def log_keys(self, values: dict[str, Any]) -> None:
        """`key` and `noun` belong to a log; a key is one free letter."""
        for name in ("key", "noun"):
            if values.get(name) and not values.get("repeatable"):
                self.error(f"{name} is only for a log (repeatable = true); remove {name}")
        key = values.get("key")
        if key and not LOG_KEY_PATTERN.fullmatch(key):
            self.error(f"key {key!r} must be one lower-case letter, e.g. key = \"j\"")
        elif key in RESERVED_KEYS:
            self.error(f"key {key!r} is taken by home ({', '.join(sorted(RESERVED_KEYS))} are); choose another letter")
        if "noun" in values and not values["noun"].strip():
            self.error("noun is empty; name one entry, e.g. noun = \"conversation\", or leave noun out")

    def pages(self, raw: Any) -> tuple[Page, ...]:
        if not isinstance(raw, list) or not raw:
            self.error("needs at least one [[pages]] table")
            return ()
        pages: list[Page] = []
        page_ids: set[str] = set()
        field_ids: set[str] = set()
        earlier: dict[str, Field] = {}
        """The fields of the pages before this one: what a `when` may name."""
        for number, raw_page in enumerate(raw, start=1):
            if not isinstance(raw_page, dict):
                self.error(f"page {number} is not a table; write it as [[pages]]")
                continue
            page_id = self.identifier(raw_page.get("id"), f"page {number}", page_ids)
            values = self.values(Page, raw_page, page=page_id, exclude={"fields", "when"}, extra={"fields", "when"})
            when = None
            if "when" in raw_page:
                when = self.condition(raw_page["when"], page_id, number, earlier)
            fields = self.fields(raw_page.get("fields"), page_id, field_ids)
            earlier.update((field.id, field) for field in fields)
            if page_id and "title" in values:
                pages.append(Page(**values, fields=fields, when=when))
        return tuple(pages)

    def condition(self, raw: Any, page_id: str | None, number: int, earlier: dict[str, Field]) -> Condition | None:
        """A page's `when`, checked against the fields of the pages before it."""
        example = 'when = { field = "kind", is = ["With my manager"] }'
        if number == 1:
            self.error("the first page is always shown and cannot have when; remove it", page_id)
            return None
        if not isinstance(raw, dict) or set(raw) != {"field", "is"}:
            self.error(f"when must be a table with exactly the keys field and is, e.g. {example}", page_id)
            return None
        field_id, values = raw["field"], raw["is"]
        field = earlier.get(field_id) if isinstance(field_id, str) else None
        if field is None:
            self.error(f"when names field {field_id!r}, which is not on an earlier page of this exercise; name a "
                       "choice or multi field that is asked before this page", page_id)
            return None
        if not isinstance(field, (ChoiceField, MultiField)):
            self.error(f"when names {field_id!r}, a {field.kind} field; name a choice or multi field", page_id)
            return None
        if not isinstance(values, list) or not values or not all(isinstance(value, str) for value in values):
            self.error(f"when's is must be a list of options of {field_id!r} in quotes, e.g. {example}", page_id)
            return None
        for value in values:
            if value not in field.options:
                self.error(f"when's is lists {value!r}, which is not an option of {field_id!r}; use some of: "
                           f"{', '.join(repr(option) for option in field.options)}", page_id)
                return None
        if len(set(values)) != len(values):
            self.error("when's is lists the same option twice; name each once", page_id)
            return None
        return Condition(field_id, tuple(values))

    def sitting_rules(self, pages: tuple[Page, ...]) -> None:
        """Sittings run 1, 2, 3 in page order: the first page in sitting 1, never back, never a number skipped;
        a `sitting_note` (when to come back) only where a later sitting starts."""
        before = 0
        for page in pages:
            if page.sitting < 1:
                self.error("sitting must be 1 or more", page.id)
            elif before == 0 and page.sitting != 1:
                self.error(f"the first page must be in sitting 1, not {page.sitting}; remove its sitting", page.id)
            elif page.sitting < before:
                self.error(f"sitting goes back from {before} to {page.sitting}; keep each sitting's pages "
                           "together, in order", page.id)
            elif page.sitting > before + 1:
                self.error(f"sitting jumps from {before} to {page.sitting}; number the sittings without a gap "
                           f"(sitting = {before + 1})", page.id)
            starts_later_sitting = page.sitting > max(before, 1)
            if page.sitting_note and not starts_later_sitting:
                self.error("sitting_note says when to come back, so it belongs only on the first page of "
                           "sitting 2 or later; move it there or remove it", page.id)
            if "\n" in page.sitting_note:
                self.error("sitting_note is one line; write it on one line", page.id)
            before = max(before, page.sitting)

    def fields(self, raw: Any, page_id: str | None, field_ids: set[str]) -> tuple[Field, ...]:
        if not isinstance(raw, list) or not raw:
            self.error("needs at least one [[pages.fields]] table", page_id)
            return ()
        fields: list[Field] = []
        for number, raw_field in enumerate(raw, start=1):
            if not isinstance(raw_field, dict):
                self.error(f"field {number} is not a table; write it as [[pages.fields]]", page_id)
                continue
            field_id = self.identifier(raw_field.get("id"), f"field {number}", field_ids, page_id)
            kind = raw_field.get("kind")
            cls = FIELD_KINDS.get(kind) if isinstance(kind, str) else None
            if cls is None:
                self.error(f"kind {kind!r} is not a field kind; use one of: {', '.join(FIELD_KINDS)}",
                           page_id, field_id)
                continue
            before = len(self.errors)
            if "details" in raw_field and cls is not ActionsField:
                self.error(f"details are for actions fields only, not a {cls.kind} field; remove details",
                           page_id, field_id)
                raw_field = {key: value for key, value in raw_field.items() if key != "details"}
            values = self.values(cls, raw_field, page=page_id, field=field_id, extra={"kind"})
            self.kind_rules(cls, values, page_id, field_id)
            if field_id and len(self.errors) == before:
                fields.append(cls(**values))
        return tuple(fields)

    def kind_rules(self, cls: type[Field], values: dict[str, Any], page_id: str | None,
                   field_id: str | None) -> None:
        def bad(message: str) -> None:
            self.error(message, page_id, field_id)

        for name in ("options", "items", "columns", "details"):
            if name in values:
                entries = values[name]
                if not entries:
                    bad(f"{name} is empty; list at least one")
                elif len(set(entries)) != len(entries):
                    bad(f"{name} has the same entry twice; make each one different")
                elif name == "details" and not all(entry.strip() for entry in entries):
                    bad("details has an empty label; give each detail the words it is asked with")
        if cls is ScaleField and values.get("min", 1) >= values.get("max", 5):
            bad("scale min must be smaller than max")
        if cls is DateField and values.get("default", "") not in ("", "today"):
            bad("default can only be \"today\" (a new entry starts with today's date), or left out")
        if cls is ListField and values.get("min_items", 1) < 0:
            bad("min_items cannot be negative")
        if not cls.answerable and values.get("required"):
            bad(f"a {cls.kind} field is read-only and cannot be required; remove required")
        if not cls.answerable and values.get("why_changed"):
            bad(f"a {cls.kind} field is read-only and never changes; remove why_changed")
        if cls is RecallField and "source" in values and values["source"].count(".") != 1:
            bad("source must be written exercise.field, e.g. \"mapping.strengths\"")
        if cls is ComposeField and "template" in values:
            if not PLACEHOLDER.findall(values["template"]):
                bad("template has no {field} placeholders; name the answers it is built from")
            for name in PLACEHOLDER.findall(values["template"]):
                problem = _placeholder_problem(name)
                if problem:
                    bad(f"placeholder {{{name}}} {problem}")

    def identifier(self, value: Any, what: str, seen: set[str], page: str | None = None) -> str | None:
        if value is None:
            self.error(f"{what} has no id; add id = \"...\"", page)
            return None
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            self.error(f"{what} id {value!r} must be lower-case letters, digits, - or _, starting "
                       "with a letter", page)
            return None
        if value in seen:
            is_field = what.startswith("field")
            self.error(f"id {value!r} is used twice; every page and field id must be unique",
                       page if is_field else value, value if is_field else None)
            return None
        seen.add(value)
        return value

    def values(self, cls: type, raw: dict[str, Any], *, page: str | None = None,
               field: str | None = None, exclude: set[str] = frozenset(),
               extra: set[str] = frozenset()) -> dict[str, Any]:
        """Type-checked keyword arguments for `cls` from the table `raw`."""
        hints, fields = _keys_of(cls)
        known = {spec.name: spec for spec in fields if spec.name not in exclude}
        for key in raw:
            if key not in known and key not in extra:
                self.error(f"unknown key {key!r}; allowed keys: {', '.join(sorted(known | dict.fromkeys(extra)))}",
                           page, field)
        values: dict[str, Any] = {}
        for name, spec in known.items():
            if name not in raw:
                no_default = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
                if no_default:
                    self.error(f"{name} is missing; add {name} = ...", page, field)
                continue
            value = _convert(raw[name], hints[name])
            if value is None:
                self.error(f"{name} must be {_describe(hints[name])}, not {type(raw[name]).__name__}",
                           page, field)
                continue
            texts = value if isinstance(value, tuple) else (value,)
            control = next((found for text in texts if isinstance(text, str)
                            for found in CONTROL_CHARACTERS.findall(text)), None)
            if control is not None:
                self.error(f"{name} holds a control character (U+{ord(control):04X}); remove it", page, field)
                continue
            values[name] = value
        return values


def _placeholder_problem(name: str) -> str | None:
    """What is wrong with the inside of a template's `{...}`, or None."""
    if name.startswith("@"):
        if name[1:] in PLACEHOLDER_SETTINGS:
            return None
        return f"names no setting; the settings are {', '.join('{@' + s + '}' for s in sorted(PLACEHOLDER_SETTINGS))}"
    reference, colon, form = name.partition(":")
    if reference.count(".") > 1 or not all(ID_PATTERN.fullmatch(part) for part in reference.split(".")):
        return "must be {field} or {exercise.field}, optionally with a :form"
    if colon and form not in PLACEHOLDER_FORMS:
        return f"has no form {form!r}; use one of: {', '.join(PLACEHOLDER_FORMS)}"
    return None


@functools.cache
def _keys_of(cls: type) -> tuple[dict[str, Any], tuple[dataclasses.Field, ...]]:
    """The type hints and fields of a dataclass: worked out once, not once per page and field loaded."""
    return typing.get_type_hints(cls), dataclasses.fields(cls)


def _plain(hint: Any) -> Any:
    """`int | None` -> `int`: an optional key is simply left out of the file."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(option for option in typing.get_args(hint) if option is not type(None))
    return hint


def _convert(value: Any, hint: Any) -> Any:
    """The value as the type `hint` wants it, or None if it does not fit."""
    hint = _plain(hint)
    if typing.get_origin(hint) is tuple:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        return None
    if hint is int and isinstance(value, bool):
        return None
    return value if isinstance(value, hint) else None


def _describe(hint: Any) -> str:
    hint = _plain(hint)
    if typing.get_origin(hint) is tuple:
        return "a list of texts in quotes"
    return {str: "text in quotes", bool: "true or false", int: "a whole number"}.get(hint, str(hint))
