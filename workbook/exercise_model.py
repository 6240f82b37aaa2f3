"""What an exercise is once loaded: its pages, fields, sittings and conditions, and the rules for ids and text.

Pure data and the questions asked of it (which pages these answers show, which sitting a page is in).
`workbook.exercises` reads the TOML files into these and checks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from workbook.fields import ComposeField, Field, RecallField

ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
"""An id, matched whole with `fullmatch`: `$` would also match before a trailing newline."""
MAX_FILE_BYTES = 1 << 20
"""An exercise file is a few kilobytes; past this it is refused rather than parsed."""
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
"""A compose template's `{...}`: `{field}`, `{exercise.field}`, either with a `:form`, or `{@setting}`."""
PLACEHOLDER_FORMS: dict[str, frozenset[str]] = {
    "first_name": frozenset({"line", "text", "choice"}),
    "lines": frozenset({"list", "multi", "checklist", "actions", "table"}),
    "i_will": frozenset({"actions", "list"}),
    "you_will": frozenset({"actions", "list"}),
}
"""How a placeholder may show its answer (`{person:first_name}`), and the field kinds each form fits;
`workbook.answers` writes each form."""
PLACEHOLDER_SETTINGS = frozenset({"your_name"})
"""The settings a template may name as `{@your_name}`."""
LOG_KEY_PATTERN = re.compile(r"[a-z]")
"""A log's key: one lower-case letter (digits open the steps)."""
RESERVED_KEYS = frozenset("aey")
"""Letters home keeps for itself (actions, export, "still true"): no log may take them."""
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 (but tab and line feed), DEL and C1: characters a terminal obeys rather than shows."""



# --- Pages and exercises -------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A page's `when`: shown only while an earlier choice or multi field holds one of `values`."""

    field: str
    """The id of a choice or multi field on an earlier page of the same exercise."""
    values: tuple[str, ...]
    """Options of that field (`is` in the file); any one of them shows the page."""

    def met_by(self, answer: Any) -> bool:
        """A choice holds one of the values, or a multi includes one; unanswered is not met."""
        if isinstance(answer, str):
            return answer in self.values
        if isinstance(answer, (list, tuple)):
            return any(option in self.values for option in answer)
        return False

    def describe(self) -> str:
        """When the page applies, for a blank worksheet: "Only for: With my manager"."""
        if len(self.values) == 1:
            return f"Only for: {self.values[0]}"
        return f"Only for: {', '.join(self.values[:-1])} or {self.values[-1]}"


@dataclass(frozen=True, kw_only=True)
class Page:
    """One screen of an exercise."""

    id: str
    title: str
    guidance: str = ""
    """What to think about on this page."""
    fields: tuple[Field, ...]
    when: Condition | None = None
    """Shown only for some answers to an earlier field; None: always shown."""
    sitting: int = 1
    """Which sitting of the exercise the page is done in: 1, 2, ... in page order, no number skipped."""
    sitting_note: str = ""
    """On the first page of a later sitting: when to come back for it, e.g. "After your conversations"."""

    def shown_for(self, answers: Mapping[str, Any]) -> bool:
        """This page's own rule: no `when`, or its condition met by the answers."""
        return self.when is None or self.when.met_by(answers.get(self.when.field))


@dataclass(frozen=True)
class Sitting:
    """The pages of an exercise done at one sitting (an exercise takes one or more)."""

    number: int
    """1 for the first sitting."""
    pages: tuple[int, ...]
    """The indexes of its pages in the exercise, in order."""
    note: str = ""
    """When to come back for it (the `sitting_note` of its first page); "" for none."""

    @property
    def first_page(self) -> int:
        return self.pages[0]

    @property
    def last_page(self) -> int:
        return self.pages[-1]


@dataclass(frozen=True, kw_only=True)
class Exercise:
    """One guided exercise, loaded from one TOML file."""

    id: str
    """Stable forever: answers are keyed by it."""
    title: str
    intro: str
    """Why the exercise matters, shown before its first page."""
    pages: tuple[Page, ...]
    question: str = ""
    """The one question the exercise answers, e.g. "Where am I now?"."""
    step: int | None = None
    """Order among the six steps; None for exercises outside them (the conversation log)."""
    minutes: int = 30
    """Rough time for one sitting."""
    repeatable: bool = False
    """True: each run is a new entry, and the exercise is a log (the conversations, the energy log)."""
    entry_fields: tuple[str, ...] = ()
    """For a repeatable exercise, the fields that name an entry in a list (e.g. person, kind)."""
    key: str = ""
    """For a repeatable exercise, the letter that opens its log from home ("c"); "" for none."""
    noun: str = ""
    """For a repeatable exercise, what one entry is called ("conversation"); "" reads as "entry"."""
    source: str = ""
    """The file it was loaded from, for messages."""

    def fields(self) -> Iterator[Field]:
        for page in self.pages:
            yield from page.fields

    def sittings(self) -> tuple[Sitting, ...]:
        """The exercise's sittings in order; one, holding every page, unless its pages say otherwise."""
        sittings = []
        for number in sorted({page.sitting for page in self.pages}):
            pages = tuple(index for index, page in enumerate(self.pages) if page.sitting == number)
            sittings.append(Sitting(number, pages, self.pages[pages[0]].sitting_note))
        return tuple(sittings)

    def sitting_of(self, page_index: int) -> Sitting:
        """The sitting a page (by index) is in."""
        number = self.pages[page_index].sitting
        return next(sitting for sitting in self.sittings() if sitting.number == number)

    def field(self, field_id: str) -> Field:
        for field in self.fields():
            if field.id == field_id:
                return field
        raise KeyError(f"{self.id} has no field {field_id!r}")

    def shown_pages(self, answers: Mapping[str, Any]) -> tuple[Page, ...]:
        """The pages shown for these answers, in order: the one rule of the app, plain mode, progress and
        exports. A page whose condition's field sits on a hidden page is hidden too: that answer is kept
        but no longer in play."""
        shown: list[Page] = []
        in_play: set[str] = set()
        for page in self.pages:
            if page.when is None or (page.when.field in in_play and page.shown_for(answers)):
                shown.append(page)
                in_play.update(field.id for field in page.fields)
        return tuple(shown)

    def shown_indexes(self, answers: Mapping[str, Any]) -> list[int]:
        """The indexes (into `pages`) of the pages shown for these answers."""
        shown = {page.id for page in self.shown_pages(answers)}
        return [index for index, page in enumerate(self.pages) if page.id in shown]

    def nearest_shown(self, index: int, answers: Mapping[str, Any]) -> int:
        """`index` if that page is shown, else the next shown page after it, else the last shown before it."""
        shown = self.shown_indexes(answers)
        return next((i for i in shown if i >= index), shown[-1])

    def page_index(self, field_id: str) -> int:
        for index, page in enumerate(self.pages):
            if any(field.id == field_id for field in page.fields):
                return index
        raise KeyError(f"{self.id} has no field {field_id!r}")

    def references(self) -> Iterator[tuple[Page, Field, str]]:
        """Every `exercise.field` (or same-exercise `field`) that a recall or compose points at."""
        for page, field, reference, _ in self.shown_answers():
            yield page, field, reference

    def shown_answers(self) -> Iterator[tuple[Page, Field, str, str]]:
        """Every answer a recall or compose shows: (page, field, `exercise.field`, form or "")."""
        for page in self.pages:
            for field in page.fields:
                if isinstance(field, RecallField):
                    yield page, field, field.source, ""
                elif isinstance(field, ComposeField):
                    for name in PLACEHOLDER.findall(field.template):
                        if name.startswith("@"):
                            continue  # a setting, not an answer
                        name, _, form = name.partition(":")
                        yield page, field, name if "." in name else f"{self.id}.{name}", form


@dataclass(frozen=True)
class ExerciseError:
    """One problem in one exercise file, precise enough to fix without reading the loader."""

    file: str
    message: str
    page: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.page:
            where.append(f"page {self.page!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.message}"


@dataclass(frozen=True)
class Catalog:
    """The exercises that loaded, in sidebar order, and the errors of those that did not."""

    exercises: tuple[Exercise, ...]
    errors: tuple[ExerciseError, ...] = ()

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def get(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def __contains__(self, exercise_id: object) -> bool:
        return any(exercise.id == exercise_id for exercise in self.exercises)

    @property
    def steps(self) -> tuple[Exercise, ...]:
        """The numbered steps, in order."""
        return tuple(exercise for exercise in self.exercises if exercise.step is not None)

    def resolve(self, reference: str) -> tuple[Exercise, Field]:
        """The exercise and field that an `exercise.field` reference names."""
        exercise_id, _, field_id = reference.partition(".")
        exercise = self.get(exercise_id)
        return exercise, exercise.field(field_id)
