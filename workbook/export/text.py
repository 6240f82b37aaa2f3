"""Worksheets as plain text: for an email body, a note, or a printer with no fonts to speak of."""

from __future__ import annotations

import textwrap
from typing import Iterable

from workbook.export.blocks import Blank, Block, Heading, Items, Paragraph, Quote, Table, worksheet_blocks
from workbook.export.worksheet import Worksheet

WIDTH = 78
BLANK_LINE = "_" * 40


def _wrap(text: str, indent: str = "") -> list[str]:
    lines = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent.rstrip()]
    return lines


def render_block(block: Block) -> str:
    if isinstance(block, Heading):
        if block.level == 3:
            return block.text
        underline = "=" if block.level == 1 else "-"
        return f"{block.text}\n{underline * min(len(block.text), WIDTH)}"
    if isinstance(block, Paragraph):
        return "\n".join(_wrap(block.text.strip()))
    if isinstance(block, Quote):
        return "\n".join(_wrap(block.text.strip(), "  | "))
    if isinstance(block, Items):
        marks = {None: "- ", False: "[ ] ", True: "[x] "}
        return "\n".join(f"{marks[ticked]}{text or BLANK_LINE}" for ticked, text in block.items)
    if isinstance(block, Table):
        if not any(any(row) for row in block.rows):
            return " | ".join(block.columns) + "\n" + "\n".join([BLANK_LINE] * len(block.rows))
        return "\n".join(
            "- " + "; ".join(f"{column}: {cell}" for column, cell in zip(block.columns, row) if cell)
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
