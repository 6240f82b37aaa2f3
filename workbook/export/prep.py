"""The prep sheet for a conversation: what to have in mind, drawn from the rest of the workbook. Pure.

What the user wants to learn and is asking for come from the entry; the destination, the stepping
stones and the six-month actions from Planning, and the other answers the entry's pages recall.
Rendered as Markdown (the app shows it and exports it) and as HTML from that Markdown, like a worksheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workbook.exercises import Catalog, Exercise, Field, RecallField
from workbook.export import slug
from workbook.export.blocks import Block, Heading, Paragraph, field_blocks, one_line
from workbook.export.markdown import render_block
from workbook.export.worksheet import Worksheet
from workbook.habits import conversations, day, with_whom
from workbook.progress import is_answered
from workbook.store import Store

FROM_ENTRY = ("learn", "seeking", "questions", "ask_manager", "beyond_here_safe", "beyond_here_words")
"""The entry's own preparation, in the order the sheet shows it."""
ONLY_WHEN_WRITTEN = frozenset({"ask_manager", "beyond_here_safe", "beyond_here_words"})
"""Asked of one kind of talk only (the manager's): on the sheet once answered, on a page the talk shows."""
FROM_PLANNING = (  # with headings of their own; the rest the talk's pages recall keep their labels
    ("planning.destination", "My five-year destination (a hypothesis, not a promise)"),
    ("planning.stepping_stones", "Stepping stones for the next two years"),
    ("planning.six_months", "What I am doing in the next six months"),
)


@dataclass(frozen=True)
class PrepSheet:
    title: str
    markdown: str


def prep_sheet(catalog: Catalog, store: Store, entry_id: str) -> PrepSheet:
    item = next((item for item in conversations(catalog, store) if item.entry.id == entry_id), None)
    if item is None:
        raise KeyError(entry_id)
    log = item.exercise
    answers = store.answers(log.id, entry_id)
    title = f"Prep sheet: conversation with {with_whom(item)}"
    about = [one_line(answers.get("kind") or "A career conversation"),
             f"{day(item.date)} {item.date.year}" if item.date else "No date yet", f"Stage: {item.stage}"]
    blocks: list[Block] = [Heading(1, one_line(title)), Paragraph(". ".join(about) + ".", emphasis=True)]
    blocks += [Heading(2, "This conversation")]
    asked = {field.id for page in log.shown_pages(answers) for field in page.fields}
    for field_id in FROM_ENTRY:
        field = _field(log, field_id)
        if field is not None and field_id in asked and \
                (field_id not in ONLY_WHEN_WRITTEN or is_answered(field, answers.get(field_id))):
            blocks += _answer(log, field, answers, "write it on the entry's Prepare page")
    blocks.append(Heading(2, "Where I am heading"))
    # Planning's road on every sheet, then whatever else this talk's pages recall: what you most want to
    # learn, and for a talk with your manager, success as you define it.
    recalled = [(field.source, field.label) for page in log.shown_pages(answers) for field in page.fields
                if isinstance(field, RecallField)]
    shown = [reference for reference, _ in FROM_PLANNING]
    for reference, heading in [*FROM_PLANNING, *((ref, label) for ref, label in recalled if ref not in shown)]:
        try:
            exercise, field = catalog.resolve(reference)
        except KeyError:
            continue
        if exercise.repeatable:
            continue  # a log recalled whole (every entry) is not a line of a prep sheet
        blocks += _answer(exercise, field, store.answers(exercise.id), f"not written yet in {exercise.title}",
                          heading)
    markdown = "\n\n".join(render_block(block) for block in blocks) + "\n"
    return PrepSheet(title, markdown)


def _field(exercise: Exercise, field_id: str) -> Field | None:
    return next((field for field in exercise.fields() if field.id == field_id), None)


def _answer(exercise: Exercise, field: Field, answers: dict, missing: str, heading: str | None = None) -> list[Block]:
    blocks: list[Block] = [Heading(3, one_line(heading or field.label))]
    if not is_answered(field, answers.get(field.id)):
        return [*blocks, Paragraph(f"(Nothing yet: {missing}.)", emphasis=True)]
    sheet = Worksheet(exercise, exercise.title, answers, {}, True, None)
    return [*blocks, *field_blocks(field, sheet)]


def prep_file_name(sheet: PrepSheet, extension: str, now: datetime) -> str:
    return f"{slug(sheet.title, 'prep-sheet')}-{now.astimezone():%Y-%m-%d}.{extension}"


def prep_html(sheet: PrepSheet) -> str:
    from workbook.export.html import html_page  # markdown-it loads only for HTML

    return html_page(sheet.markdown, sheet.title)
