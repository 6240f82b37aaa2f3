"""The one table of export formats, and the Format enum made from it."""

from __future__ import annotations

from workbook.cli import build_parser
from workbook.export import Format
from workbook.export.formats import FORMATS, or_list


def test_the_enum_has_one_member_a_row_in_order():
    assert [(member.name, member.value) for member in Format] == [(row.name, row.value) for row in FORMATS]
    assert Format("md") is Format.MARKDOWN and Format.JSON.row.value == "json"


def test_members_keep_what_the_export_dialog_reads():
    assert Format.MARKDOWN.label == "Markdown"
    assert Format.CALENDAR.whole_workbook and not Format.HTML.whole_workbook
    assert Format.TEXT.description == "For an email body or the plainest editor."


def test_every_renderer_loads_and_every_whole_workbook_format_has_its_words():
    for row in FORMATS:
        assert callable(row.load_renderer())
        if row.whole_workbook:
            assert row.title and row.noun


def test_the_command_line_offers_the_table():
    parser = build_parser()
    export = parser._subparsers._group_actions[0].choices["export"]
    action = next(action for action in export._actions if action.dest == "format")
    assert list(action.choices) == [row.value for row in FORMATS]
    assert action.help == "md, html, txt, json (a backup) or ics (a calendar)"


def test_or_list():
    assert or_list(["md"]) == "md" and or_list(["md", "html", "txt"]) == "md, html or txt"
