"""Worksheets as one self-contained HTML page, rendered from the Markdown, ready to print to PDF."""

from __future__ import annotations

import html
from typing import Iterable

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from workbook.export.markdown import render_markdown
from workbook.export.worksheet import Worksheet

# `js-default` renders GFM tables and leaves raw HTML as text, so nothing in an answer (or in an
# exercise file) becomes markup; markdown-it's default preset would pass `<script>` through.
_RENDERER = MarkdownIt("js-default").use(tasklists_plugin)

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
    return html_page(render_markdown(sheets), title)


def html_page(markdown: str, title: str) -> str:
    """A self-contained page from the Markdown of a worksheet (or a prep sheet)."""
    body = _RENDERER.render(markdown)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
