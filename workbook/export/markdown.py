"""Worksheets as Markdown: the canonical export, the one the HTML is rendered from.

Every string (answers, and labels from exercise files too) is escaped, so no answer can open a
heading, a list, a link, raw HTML or a new table cell in any CommonMark renderer.
"""

from __future__ import annotations

import re
from typing import Iterable

from workbook.export.blocks import Blank, Block, Heading, Items, Paragraph, Quote, Table, worksheet_blocks
from workbook.export.worksheet import Worksheet

BLANK_LINE = "\\_" * 40
# Backslash-escaping any ASCII punctuation is always allowed in CommonMark; these are the ones
# that can start markup anywhere in a line. `&` would start an entity, `|` a table cell.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|#~&!])")
# These start a block only at the start of a line: a list, a setext underline, an ordered list.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """One line of user text, safe anywhere inline."""
    return _INLINE_MARKUP.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    """One line of user text at the start of a line, where it could otherwise begin a block."""
    text = escape(text.strip())
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _lines(text: str, emphasis: bool = False) -> list[str]:
    """Paragraph text as Markdown lines: line breaks kept as hard breaks, blank lines as new paragraphs."""
    out: list[str] = []
    for line in text.strip().split("\n"):
        line = escape_line(line)
        if line and emphasis:
            line = f"*{line}*"
        if line and out and out[-1]:
            out[-1] += "\\"  # a backslash at the end of a line is CommonMark's hard line break
        out.append(line)
    return out


def render_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Paragraph):
        return "\n".join(_lines(block.text, block.emphasis))
    if isinstance(block, Quote):
        return "\n".join(f"> {line}".rstrip() for line in _lines(block.text))
    if isinstance(block, Items):
        marks = {None: "", False: "[ ] ", True: "[x] "}
        return "\n".join(f"- {marks[ticked]}{escape_line(text) or BLANK_LINE}" for ticked, text in block.items)
    if isinstance(block, Table):
        header = "| " + " | ".join(escape(column) for column in block.columns) + " |"
        rule = "|" + "|".join("---" for _ in block.columns) + "|"
        rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
        return "\n".join([header, rule, *rows])
    if isinstance(block, Blank):
        return "\\\n".join([BLANK_LINE] * block.lines)
    raise TypeError(f"no Markdown for {type(block).__name__}")


def render_markdown(sheets: Iterable[Worksheet], title: str = "") -> str:
    """The worksheets, one after another. `title` is the export's, which every worksheet format is given;
    here each worksheet carries its own heading."""
    documents = ["\n\n".join(render_block(block) for block in worksheet_blocks(sheet)) for sheet in sheets]
    return "\n\n---\n\n".join(documents) + "\n"
