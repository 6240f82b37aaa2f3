"""Worksheets as Markdown: the canonical export, the one the HTML is rendered from.

Every string (answers, and labels from exercise files too) is escaped where, and only where, it could
open markup: a `#` at the start of a line, `1.` where it would start a list, a `*` or `_` that could
open emphasis, `](` of a link, `<` of a tag or an autolink, an `&` of an entity... So no answer can open
a heading, a list, a link, raw HTML or a new table cell in any CommonMark renderer, and the file still
reads as plain text: "Well-being - 1. first #3" is written as it is.
"""

from __future__ import annotations

import re
import string
from typing import Iterable

from workbook.export.blocks import Blank, Block, Heading, Items, Paragraph, Quote, Table, worksheet_blocks
from workbook.export.worksheet import Worksheet

BLANK_LINE = "_" * 40 + "\u00a0"
"""A line to write on. The no-break space after it keeps it a line of text: forty underscores alone
would be a thematic break (a rule), and it is whitespace, so the underscores cannot open emphasis."""
HARD_BREAK = "  "
"""Two spaces at the end of a line: CommonMark's line break, invisible when the file is read as text."""

_PUNCTUATION = frozenset(string.punctuation)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_RUN = re.compile(r"\*+|_+|~{2,}")
"""Emphasis delimiters, and the `~~` of strikethrough."""

# What starts a block at the start of a line, and the index of the character to escape there.
_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_BULLET = re.compile(r"[-+*](?=[ \t]|$)")
_ORDERED = re.compile(r"\d{1,9}([.)])(?=[ \t]|$)")
_RULE = re.compile(r"([-_*])[ \t]*(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TASK_BOX = re.compile(r"\[[ xX]\](?=[ \t]|$)")
"""`[ ]` opening a bullet would become a box to tick."""
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])(#+)[ \t]*$")
"""A heading's optional closing sequence, which renderers drop."""


def _inline_escapes(text: str, boundary: str, pipes: bool) -> set[int]:
    """The positions of characters that could open or close inline markup.

    `boundary` stands for what lies outside the text: whitespace, or the `*` of an emphasis around it."""
    marks: set[int] = set()
    for run in _RUN.finditer(text):
        before = text[run.start() - 1] if run.start() else boundary
        after = text[run.end()] if run.end() < len(text) else boundary
        if run[0][0] == "~":
            marks.update(range(run.start(), run.end()))
        elif before.isspace() and after.isspace():
            continue  # "2 * 3": neither side of the run can open or close emphasis
        elif run[0][0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: an underscore inside a word never does
        else:
            marks.update(range(run.start(), run.end()))
    for index, char in enumerate(text):
        following = text[index + 1] if index + 1 < len(text) else ""
        if char == "\\" and (not following or following in _PUNCTUATION):
            marks.add(index)  # it would escape what follows, or break the line
        elif char == "`" or (pipes and char == "|"):
            marks.add(index)
        elif char == "<" and (following.isalpha() or following in "/!?"):
            marks.add(index)  # a tag or an autolink; "a < b" stays
        elif char == "]" and following in ("(", ":"):
            marks.add(index)  # a link, or a link's definition
        elif char == "&" and _ENTITY.match(text, index):
            marks.add(index)
    return marks


def _line_start_escape(text: str, bullet: bool) -> int | None:
    """The position of the character that would make a line of text begin a block, if any."""
    if text.startswith(">") or _HEADING.match(text) or _BULLET.match(text) or _RULE.match(text) \
            or _SETEXT.match(text) or _TABLE_DELIMITER.match(text) or (bullet and _TASK_BOX.match(text)):
        return 0
    if ordered := _ORDERED.match(text):
        return ordered.start(1)
    return None


def _escaped(text: str, marks: set[int]) -> str:
    return "".join(f"\\{char}" if index in marks else char for index, char in enumerate(text))


def escape(text: str, *, pipes: bool = False, boundary: str = " ") -> str:
    """One line of user text, safe anywhere inline (in a table cell when `pipes`)."""
    return _escaped(text, _inline_escapes(text, boundary, pipes))


def escape_line(text: str, *, bullet: bool = False, boundary: str = " ") -> str:
    """One line of user text at the start of a line, where it could otherwise begin a block.
    `bullet`: it follows a list item's `- `, where `[ ]` would become a box to tick."""
    text = text.strip()
    marks = _inline_escapes(text, boundary, pipes=False)
    start = _line_start_escape(text, bullet)
    if start is not None:
        marks.add(start)
    return _escaped(text, marks)


def escape_heading(text: str) -> str:
    marks = _inline_escapes(text, " ", pipes=False)
    if closing := _CLOSING_HASHES.search(text):
        marks.add(closing.start(1))
    return _escaped(text, marks)


def _lines(text: str, emphasis: bool = False) -> list[str]:
    """Paragraph text as Markdown lines: line breaks kept as hard breaks, blank lines as new paragraphs."""
    out: list[str] = []
    for line in text.strip().split("\n"):
        line = escape_line(line, boundary="*" if emphasis else " ")
        if line and emphasis:
            line = f"*{line}*"
        if line and out and out[-1]:
            out[-1] += HARD_BREAK
        out.append(line)
    return out


def _item_text(text: str, ticked: bool | None) -> str:
    return escape_line(text, bullet=True) if ticked is None else escape(text.strip())


def _detail_line(label: str, text: str) -> str:
    """An item's detail as a bullet nested under it: "  - Serves: the data gap", or a line to write on."""
    return f"  - {escape_line(label + ':', bullet=True)} {escape(text.strip()) or BLANK_LINE}"


def render_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape_heading(block.text)}"
    if isinstance(block, Paragraph):
        return "\n".join(_lines(block.text, block.emphasis))
    if isinstance(block, Quote):
        return "\n".join(f"> {line}" if line else ">" for line in _lines(block.text))
    if isinstance(block, Items):
        marks = {None: "", False: "[ ] ", True: "[x] "}
        # After a box's "[ ] " the text is inline: only a plain bullet's text starts a block.
        lines = []
        for index, (ticked, text) in enumerate(block.items):
            lines.append(f"- {marks[ticked]}{_item_text(text, ticked) or BLANK_LINE}")
            lines += [_detail_line(label, detail) for label, detail in block.details_of(index)]
        return "\n".join(lines)
    if isinstance(block, Table):
        header = "| " + " | ".join(escape(column, pipes=True) for column in block.columns) + " |"
        rule = "|" + "|".join("---" for _ in block.columns) + "|"
        rows = ["| " + " | ".join(escape(cell, pipes=True) for cell in row) + " |" for row in block.rows]
        return "\n".join([header, rule, *rows])
    if isinstance(block, Blank):
        return (HARD_BREAK + "\n").join([BLANK_LINE] * block.lines)
    raise TypeError(f"no Markdown for {type(block).__name__}")


def render_markdown(sheets: Iterable[Worksheet], title: str = "") -> str:
    """The worksheets, one after another. `title` is the export's, which every worksheet format is given;
    here each worksheet carries its own heading."""
    documents = ["\n\n".join(render_block(block) for block in worksheet_blocks(sheet)) for sheet in sheets]
    return "\n\n---\n\n".join(documents) + "\n"
