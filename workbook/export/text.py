"""Worksheets as plain text: for an email body, a note, or a printer with no fonts to speak of."""

from __future__ import annotations

import textwrap
from typing import Iterable

from workbook.export.blocks import Blank, Block, Heading, Items, Paragraph, Quote, Table, worksheet_blocks
from workbook.export.worksheet import Worksheet

WIDTH = 78
BLANK_LINE = "_" * 40


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """Each line of the text wrapped to WIDTH; `hanging` indents the lines a long one continues on.
    Long words (a web address) are kept whole rather than cut."""
    follow = indent if hanging is None else hanging
    lines = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, WIDTH, initial_indent=indent, subsequent_indent=follow,
                               break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    return lines


def _entry(mark: str, text: str) -> str:
    """A list item or a table row: wrapped, its continuation lines indented under its text."""
    return "\n".join(_wrap(text, mark, " " * len(mark)))


def render_block(block: Block) -> str:
    if isinstance(block, Heading):
        lines = _wrap(block.text)
        if block.level == 3:
            return "\n".join(lines)
        underline = "=" if block.level == 1 else "-"
        return "\n".join(lines) + "\n" + underline * max(len(line) for line in lines)
    if isinstance(block, Paragraph):
        return "\n".join(_wrap(block.text.strip()))
    if isinstance(block, Quote):
        return "\n".join(_wrap(block.text.strip(), "  | "))
    if isinstance(block, Items):
        marks = {None: "- ", False: "[ ] ", True: "[x] "}
        lines = []
        for index, (ticked, text) in enumerate(block.items):
            lines.append(_entry(marks[ticked], text) if text else marks[ticked] + BLANK_LINE)
            # Details under the item's text, labelled; a long one goes on indented under its own text.
            indent = " " * len(marks[ticked])
            lines += ["\n".join(_wrap(f"{label}: {detail or BLANK_LINE}", indent, indent + "  "))
                      for label, detail in block.details_of(index)]
        return "\n".join(lines)
    if isinstance(block, Table):
        if not any(any(row) for row in block.rows):
            return _entry("", " | ".join(block.columns)) + "\n" + "\n".join([BLANK_LINE] * len(block.rows))
        return "\n".join(
            _entry("- ", "; ".join(f"{column}: {cell}" for column, cell in zip(block.columns, row) if cell))
            for row in block.rows
        )
    if isinstance(block, Blank):
        return "\n".join([BLANK_LINE] * block.lines)
    raise TypeError(f"no text for {type(block).__name__}")


def render_text(sheets: Iterable[Worksheet], title: str = "") -> str:
    """The worksheets, one after another. `title` is the export's, which every worksheet format is given;
    here each worksheet carries its own heading."""
    documents = ["\n\n".join(render_block(block) for block in worksheet_blocks(sheet)) for sheet in sheets]
    return ("\n\n" + "*" * WIDTH + "\n\n").join(documents) + "\n"
