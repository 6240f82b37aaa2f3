"""The export formats, one row each: what the command line, the palette and the export dialog offer.

Importing this loads no renderer: each row names its renderer as "module:function", loaded when a
file of that format is made, so start-up never pays for markdown-it or icalendar.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable, Iterable


@dataclass(frozen=True)
class ExportFormat:
    """One export format."""

    value: str
    """The file extension, and what `--format` takes."""
    name: str
    """Its `Format` member: `Format.MARKDOWN`."""
    label: str
    """Its name in the export dialog."""
    description: str
    """What it is for, in the export dialog and the command line's question."""
    command: str
    """Its palette command, after "export: "."""
    renderer: str
    """"module:function". A worksheet format's is called (sheets, title); a whole workbook's
    (catalog, store, now)."""
    whole_workbook: bool = False
    """It holds the whole workbook: there is nothing to pick."""
    title: str = ""
    """A whole-workbook format's title, which also starts its file name."""
    noun: str = ""
    """A whole-workbook format as a message names it: "a JSON backup"."""
    note: str = ""
    """What the command line's help adds after the value: "json (a backup)"."""
    private: bool = False
    """Always written for the user's eyes only (0600), wherever it goes: a backup holds every answer."""

    def load_renderer(self) -> Callable[..., str]:
        module, _, function = self.renderer.partition(":")
        return getattr(importlib.import_module(module), function)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("md", "MARKDOWN", "Markdown", "The worksheet, for your notes or to send a coach.",
                 "Markdown worksheet", "workbook.export.markdown:render_markdown"),
    ExportFormat("html", "HTML", "HTML (print to PDF)", "A page to open in a browser, print, or save as PDF.",
                 "HTML to print or save as PDF", "workbook.export.html:render_html"),
    ExportFormat("txt", "TEXT", "Plain text", "For an email body or the plainest editor.",
                 "plain text", "workbook.export.text:render_text"),
    ExportFormat("json", "JSON", "JSON backup", "The whole workbook, to keep or import later.",
                 "JSON backup of the whole workbook", "workbook.export.backup:render_workbook_backup",
                 whole_workbook=True, title="Career Workbook backup", noun="a JSON backup", note="a backup",
                 private=True),
    ExportFormat("ics", "CALENDAR", "Calendar (.ics)",
                 "Booked conversations, action dates and the next review, for your calendar app.",
                 "calendar of conversations, action dates and the next review",
                 "workbook.export.calendar:render_calendar",
                 whole_workbook=True, title="Career Workbook calendar", noun="a calendar", note="a calendar"),
)

_BY_VALUE = {row.value: row for row in FORMATS}


class _FormatMember(StrEnum):
    """What every `Format` member offers: its row's fields."""

    @property
    def row(self) -> ExportFormat:
        return _BY_VALUE[self.value]

    @property
    def label(self) -> str:
        return self.row.label

    @property
    def description(self) -> str:
        return self.row.description

    @property
    def whole_workbook(self) -> bool:
        return self.row.whole_workbook


Format = _FormatMember("Format", [(row.name, row.value) for row in FORMATS], module=__name__, qualname="Format")
"""The formats as an enum, one member a row: `Format("md") is Format.MARKDOWN`."""


def or_list(words: Iterable[str]) -> str:
    """"md, html or txt"."""
    words = list(words)
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)
