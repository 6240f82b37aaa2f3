"""A worksheet laid out as blocks (headings, paragraphs, lists, tables, blanks to fill in).

Each format renders the same blocks, so Markdown and plain text never disagree about what a
worksheet holds. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Mapping, Union

from workbook.answers import CONTROL_CHARACTERS, answer_text
from workbook.exercises import Exercise, Page
from workbook.export.worksheet import Worksheet
from workbook.fields import (
    ActionsField,
    ChoiceField,
    Field,
    ListField,
    ScaleField,
    TableField,
    action_line,
    action_rows,
    is_answered,
    labelled_details,
)
from workbook.over_time import compared_kinds, earlier_value, table_then_now
from workbook.progress import sitting_when, sittings_plan

BLANK_ROWS = 3
"""Empty rows a draft's table or list offers to fill in on paper."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    """May hold line breaks, which every format keeps."""
    emphasis: bool = False


@dataclass(frozen=True)
class Items:
    items: tuple[tuple[bool | None, str], ...]
    """(ticked, text): None for a plain bullet, False/True for a box to tick."""
    details: tuple[tuple[tuple[str, str], ...], ...] = ()
    """Under each item, in order, its labelled lines (label, text): an action's details. The text is empty
    where a line is left to write on; an item past the end of this has none."""

    def details_of(self, index: int) -> tuple[tuple[str, str], ...]:
        return self.details[index] if index < len(self.details) else ()


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Blank:
    """Lines left empty to write on."""

    lines: int = 1


Block = Union[Heading, Paragraph, Items, Table, Quote, Blank]


def clean(text: Any) -> str:
    """The text with line breaks unified and control characters (which no format can show) removed."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return CONTROL_CHARACTERS.sub("", text.replace("\t", "    "))


def one_line(text: Any) -> str:
    """For places that hold one line: headings, list items, table cells."""
    return " ".join(clean(text).split())


def worksheet_blocks(sheet: Worksheet) -> list[Block]:
    blocks: list[Block] = [Heading(1, one_line(sheet.title))]
    if sheet.exercise.question:
        blocks.append(Paragraph(clean(sheet.exercise.question), emphasis=True))
    blocks.append(Paragraph(_status_line(sheet)))
    sittings = sheet.exercise.sittings()
    if len(sittings) > 1 and not sheet.done:  # a draft says how it is done: which pages at which sitting
        blocks.append(Paragraph(clean(sittings_plan(sheet.exercise))))
    starts = {sitting.first_page: sitting for sitting in sittings} if len(sittings) > 1 else {}
    for number, (page, undecided) in enumerate(pages_on_paper(sheet.exercise, sheet.answers), start=1):
        if (sitting := starts.get(sheet.exercise.pages.index(page))) is not None:
            when = f", {sitting_when(sitting)}" if sitting.note else ""
            blocks.append(Paragraph(clean(f"Sitting {sitting.number} of {len(sittings)}{when}"), emphasis=True))
        blocks.append(Heading(2, f"{number}. {one_line(page.title)}"))
        if undecided and page.when is not None:
            blocks.append(Paragraph(clean(page.when.describe()), emphasis=True))
        for field in page.fields:
            blocks.append(Heading(3, one_line(field.label)))
            then = earlier_value(field, sheet.reset)
            if then is not None and compared_kinds(field):
                blocks += then_now_blocks(field, then, sheet)
                continue
            blocks += field_blocks(field, sheet)
            if then is not None and then != sheet.answers.get(field.id):
                blocks += [Paragraph(f"{_then_heading(sheet, field)}:", emphasis=True),
                           Quote(clean(answer_text(field, then)))]
    return blocks


def pages_on_paper(exercise: Exercise, answers: Mapping[str, Any]) -> list[tuple[Page, bool]]:
    """The pages a worksheet prints, each with True where its `when` is not decided yet.

    The pages shown for the answers (`Exercise.shown_pages`), and also those whose condition's field is still
    unanswered: on paper it may be filled in by hand, so such a page is printed with a line saying when it
    applies. A page the answers rule out is left out."""
    printed: list[tuple[Page, bool]] = []
    on_paper: set[str] = set()
    for page in exercise.pages:
        when = page.when
        undecided = when is not None and not is_answered(exercise.field(when.field), answers.get(when.field))
        if when is None or (when.field in on_paper and (undecided or page.shown_for(answers))):
            printed.append((page, undecided))
            on_paper.update(field.id for field in page.fields)
    return printed


def _status_line(sheet: Worksheet) -> str:
    changed = f", last changed {_day(sheet.updated_at)}" if sheet.updated_at else ""
    again = ""
    if sheet.reset is not None:
        again = f" Started again on {_day(sheet.reset.at)}; what the answers said before is shown as Then."
    if sheet.done:
        return f"Done{changed}.{again}"
    return f"Draft, not marked done yet{changed}. Empty answers are left blank to fill in.{again}"


def _then_heading(sheet: Worksheet, field: Field) -> str:
    assert sheet.reset is not None
    return f"Then ({_day(sheet.reset.written[field.id])})"


def then_now_blocks(field: ScaleField | TableField, then: Any, sheet: Worksheet) -> list[Block]:
    """A rating or a table of a redone exercise, with what it said before beside it."""
    return THEN_NOW_BLOCKS[field.kind](field, then, sheet.answers.get(field.id), _then_heading(sheet, field))


def _scale_then_now(field: ScaleField, then: Any, now: Any, heading: str) -> list[Block]:
    now_text = str(now) if is_answered(field, now) else ""
    return [Table((heading, "Now"), ((str(then), now_text),)),
            Paragraph(f"On a scale of {field.min} to {field.max}{_scale_ends(field)}")]


def _table_then_now(field: TableField, then: Any, now: Any, heading: str) -> list[Block]:
    rows = table_then_now(field, then, now if is_answered(field, now) else [])
    return [Table((*(one_line(c) for c in field.columns), heading),
                  tuple((*(one_line(cell) for cell in row), one_line(earlier)) for row, earlier in rows))]


THEN_NOW_BLOCKS: dict[str, Callable[[Any, Any, Any, str], list[Block]]] = {
    "scale": _scale_then_now,
    "table": _table_then_now,
}
"""(field, then, now, heading) -> blocks, for each kind that `compared_kinds` shows then and now."""


def _day(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d}"


def field_blocks(field: Field, sheet: Worksheet) -> list[Block]:
    """One field's answer, or in a draft, a blank shaped like the answer it asks for."""
    return FIELD_BLOCKS[field.kind](field, sheet)


def _shown(field: Field, sheet: Worksheet) -> list[Block]:
    text = sheet.shown.get(field.id, "")
    if text:
        return [Quote(clean(text))]
    return [Paragraph("(Nothing to show yet: it is drawn from answers still empty.)", emphasis=True)]


BlockMaker = Callable[[Any, Worksheet], list[Block]]


def _written(answer: Callable[[Any, Any], list[Block]], blank: Callable[[Any], list[Block]]) -> BlockMaker:
    """The answer's blocks, or when it is not answered, the blank to fill in."""

    def blocks(field: Field, sheet: Worksheet) -> list[Block]:
        value = sheet.answers.get(field.id)
        return answer(field, value) if is_answered(field, value) else blank(field)

    return blocks


def _ticks(options: Callable[[Any], tuple[str, ...]]) -> BlockMaker:
    """Every option as a box, ticked where chosen: the same shape answered or blank."""

    def blocks(field: Field, sheet: Worksheet) -> list[Block]:
        value = sheet.answers.get(field.id)
        chosen = set(value or ()) if is_answered(field, value) else set()
        return [Items(tuple((option in chosen, one_line(option)) for option in options(field)))]

    return blocks


def _paragraph(field: Field, value: Any) -> list[Block]:
    return [Paragraph(clean(answer_text(field, value)).strip())]


def _table(field: TableField, value: Any) -> list[Block]:
    rows = [row for row in value if any(str(cell).strip() for cell in row)]
    return [Table(tuple(one_line(c) for c in field.columns),
                  tuple(tuple(one_line(cell) for cell in row) for row in rows))]


def _actions(field: ActionsField, sheet: Worksheet) -> list[Block]:
    """The actions written, each with its details labelled under it (in a draft, a detail not written is a
    line to fill in); none written, blank actions with blank details. Shown once one is written, even while
    a required field still lacks details: its share waits for them, the worksheet need not."""
    rows = [row for row in action_rows(sheet.answers.get(field.id)) if row.written]
    if not rows:
        blank = tuple((one_line(label), "") for label in field.details)
        return [Items(tuple((False, "") for _ in range(BLANK_ROWS)), (blank,) * BLANK_ROWS if blank else ())]
    # A draft leaves a line to write each missing detail on; a worksheet marked done shows what was written.
    details = tuple(tuple((one_line(label), one_line(text)) for label, text in labelled_details(field, row)
                          if not sheet.done or one_line(text)) for row in rows)
    return [Items(tuple((row.done, one_line(action_line(row))) for row in rows), details if field.details else ())]


def _items(field: ListField, value: Any) -> list[Block]:
    return [Items(tuple((None, one_line(item)) for item in value if str(item).strip()))]


def _list_or_blank(field: ListField, sheet: Worksheet) -> list[Block]:
    """The items written; in a list still short of the items it asks for, blank lines for the rest."""
    value = sheet.answers.get(field.id)
    written = [(None, one_line(item)) for item in value or () if str(item).strip()] if isinstance(value, list) else []
    if is_answered(field, value) or not written:
        return _written(_items, _blank_items(None))(field, sheet)
    missing = max(field.min_items, 1) - len(written)
    return [Items((*written, *((None, "") for _ in range(missing))))]


def _scale(field: ScaleField, value: Any) -> list[Block]:
    return [Paragraph(f"{value} on a scale of {field.min} to {field.max}{_scale_ends(field)}")]


def _blank_lines(lines: int) -> Callable[[Field], list[Block]]:
    return lambda field: [Blank(lines)]


def _blank_choice(field: ChoiceField) -> list[Block]:
    return [Items(tuple((False, one_line(option)) for option in field.options))]


def _blank_scale(field: ScaleField) -> list[Block]:
    numbers = "   ".join(str(n) for n in range(field.min, field.max + 1))
    return [Paragraph(f"Circle one: {numbers}{_scale_ends(field)}")]


def _blank_table(field: TableField) -> list[Block]:
    columns = tuple(one_line(c) for c in field.columns)
    return [Table(columns, tuple(("",) * len(columns) for _ in range(BLANK_ROWS)))]


def _blank_items(ticked: bool | None) -> Callable[[Field], list[Block]]:
    return lambda field: [Items(tuple((ticked, "") for _ in range(BLANK_ROWS)))]


def _scale_ends(field: ScaleField) -> str:
    ends = [f"{field.min} = {one_line(field.min_label)}" if field.min_label else "",
            f"{field.max} = {one_line(field.max_label)}" if field.max_label else ""]
    ends = [end for end in ends if end]
    return f" ({', '.join(ends)})" if ends else ""


FIELD_BLOCKS: dict[str, BlockMaker] = {
    "line": _written(_paragraph, _blank_lines(1)),
    "text": _written(_paragraph, _blank_lines(BLANK_ROWS)),
    "date": _written(_paragraph, _blank_lines(1)),
    "choice": _written(_paragraph, _blank_choice),
    "list": _list_or_blank,
    "multi": _ticks(lambda field: field.options),
    "checklist": _ticks(lambda field: field.items),
    "scale": _written(_scale, _blank_scale),
    "table": _written(_table, _blank_table),
    "actions": _actions,
    "recall": _shown,
    "compose": _shown,
}
"""How each kind of field reads in a worksheet, by kind: (field, sheet) -> blocks."""
