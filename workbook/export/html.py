"""Worksheets as one self-contained HTML page, ready to print to PDF.

A worksheet is written from its blocks, the same ones the Markdown is written from, with every string
escaped: rendering the whole Markdown with markdown-it took 6 s and 330 MB for 500 conversations (and
3.25 GB for 5,000). A prep sheet, small and written as Markdown, is still rendered with markdown-it.
"""

from __future__ import annotations

import html
from typing import Iterable, Iterator

from workbook.export.blocks import Blank, Block, Heading, Items, Paragraph, Quote, Table, worksheet_blocks
from workbook.export.markdown import BLANK_LINE
from workbook.export.worksheet import Worksheet

BLANK = BLANK_LINE.strip()
"""A line to write on, as the Markdown's reads once rendered."""

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #1b1b1b; max-width: 44em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; border-bottom: 2px solid #1b1b1b; padding-bottom: .2em; margin-top: 1.5em; }
h1 + p em { font-size: 1.1em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #bbb; }
h3 { font-size: 1em; margin: 1.2em 0 .3em; }
p, li, td, th { overflow-wrap: anywhere; white-space: normal; }
blockquote { margin: .4em 0; padding: .2em 1em; border-left: 3px solid #888; background: #f4f4f4; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; height: 1.6em; }
th { background: #eee; }
ul.contains-task-list { list-style: none; padding-left: 1em; }
ul.details { list-style: none; padding-left: 1.6em; margin: .1em 0 .4em; }
.detail-label { color: #555; }
.task-list-item-checkbox { margin-right: .5em; }
hr { border: 0; page-break-after: always; break-after: page; margin: 2em 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  blockquote, th { background: none; }
  @page { margin: 18mm; }
}
"""


def render_html(sheets: Iterable[Worksheet], title: str) -> str:
    documents = ("".join(_block(block) for block in worksheet_blocks(sheet)) for sheet in sheets)
    return _page("<hr>\n".join(documents), title)


def html_page(markdown: str, title: str) -> str:
    """A self-contained page from Markdown (a prep sheet)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    # `js-default` renders GFM tables and leaves raw HTML as text, so nothing in an answer (or in an
    # exercise file) becomes markup; markdown-it's default preset would pass `<script>` through.
    return _page(MarkdownIt("js-default").use(tasklists_plugin).render(markdown), title)


def _page(body: str, title: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _paragraphs(text: str, emphasis: bool = False) -> Iterator[str]:
    """Paragraph text: line breaks kept, blank lines starting a new paragraph (as in the Markdown)."""
    for paragraph in text.strip().split("\n\n"):
        lines = [_escape(line.strip()) for line in paragraph.split("\n") if line.strip()]
        if lines:
            if emphasis:
                lines = [f"<em>{line}</em>" for line in lines]
            yield "<p>" + "<br>\n".join(lines) + "</p>\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_escape(block.text)}</h{block.level}>\n"
    if isinstance(block, Paragraph):
        return "".join(_paragraphs(block.text, block.emphasis))
    if isinstance(block, Quote):
        return "<blockquote>\n" + "".join(_paragraphs(block.text)) + "</blockquote>\n"
    if isinstance(block, Items):
        return _items(block)
    if isinstance(block, Table):
        head = "".join(f"<th>{_escape(column)}</th>\n" for column in block.columns)
        rows = "".join("<tr>\n" + "".join(f"<td>{_escape(cell)}</td>\n" for cell in row) + "</tr>\n"
                       for row in block.rows)
        body = f"<tbody>\n{rows}</tbody>\n" if rows else ""
        return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n{body}</table>\n"
    if isinstance(block, Blank):
        return "<p>" + "<br>\n".join([BLANK] * block.lines) + "</p>\n"
    raise TypeError(f"no HTML for {type(block).__name__}")


def _items(block: Items) -> str:
    boxes = any(ticked is not None for ticked, _ in block.items)
    lines = []
    for index, (ticked, text) in enumerate(block.items):
        shown = _escape(text.strip()) or BLANK
        details = _details(block.details_of(index))
        if ticked is None:
            lines.append(f"<li>{shown}{details}</li>\n")
        else:
            checked = ' checked="checked"' if ticked else ""
            lines.append(f'<li class="task-list-item"><input class="task-list-item-checkbox" disabled="disabled" '
                         f'type="checkbox"{checked}> {shown}{details}</li>\n')
    opening = '<ul class="contains-task-list">\n' if boxes else "<ul>\n"
    return opening + "".join(lines) + "</ul>\n"


def _details(details: tuple[tuple[str, str], ...]) -> str:
    """An item's labelled lines, as a list inside it; a detail not written is a line to write on."""
    if not details:
        return ""
    lines = "".join(f'<li><span class="detail-label">{_escape(label)}:</span> {_escape(text.strip()) or BLANK}</li>\n'
                    for label, text in details)
    return f'\n<ul class="details">\n{lines}</ul>\n'
