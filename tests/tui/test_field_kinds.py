"""Every field kind edits and saves through its widget (the sample exercise has one of each)."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, RadioSet, Static, TextArea

from tests.tui.test_app import until
from workbook.fields import DATE_HINT
from workbook.tui.widgets.field_editors import ScalePoint
from workbook.tui.widgets.table_editor import CellArea


async def focus(app, pilot, selector: str) -> None:
    app.screen.query_one(selector).focus()
    await pilot.pause()


async def test_every_kind_edits_and_saves(open_app, sample_catalog, on_disk):
    async with open_app(sample_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        # words: line, text, list
        assert isinstance(app.focused, Input) and app.focused.parent.id == "field-headline"
        await pilot.press(*"Engineer", "tab", *"Two lines", "enter", *"of story", "tab")
        await pilot.press(*"listening", "enter", *"writing")
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        # choices: choice, multi, scale
        assert isinstance(app.focused, RadioSet)
        await pilot.press("down", "enter")
        await focus(app, pilot, "#field-sectors SelectionList")
        await pilot.press("space", "down", "down", "space")
        await focus(app, pilot, "#field-energy RadioSet")
        await pilot.press("right", "right", "right", "enter")
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        # structure: table, date, checklist, actions, recall, compose
        assert app.focused.has_class("cell")
        await pilot.press(*"SQL", "tab", "2", "tab", "4")
        app.screen.query_one("#field-skills .add-row").press()
        await pilot.pause()
        assert app.focused.has_class("cell")
        await pilot.press(*"Python")
        await focus(app, pilot, "#field-review Input")
        await pilot.press(*"2026-13-01")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(app.screen.query_one("#field-review .field-error", Static).render())
        await pilot.press(*(["backspace"] * 5), *"12-01")
        await pilot.pause()
        assert str(app.screen.query_one("#field-review .field-error", Static).render()) == ""
        await focus(app, pilot, "#field-cv SelectionList")
        await pilot.press("down", "space")
        await focus(app, pilot, "#field-todo .action-text")
        await pilot.press(*"Book a call", "tab", *"2026-12-05")
        await focus(app, pilot, "#field-todo .action-done")
        await pilot.press("space")
        assert app.screen.query_one("#field-todo .action-done", Checkbox).value
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    answers = {field: value for (exercise, field), value in on_disk().items() if exercise == "sample"}
    assert answers == {
        "headline": "Engineer",
        "story": "Two lines\nof story",
        "strengths": ["listening", "writing"],
        "mood": "Curious",
        "sectors": ["Health", "Public"],
        "energy": 4,
        "skills": [["SQL", "2", "4"], ["Python", "", ""]],
        "review": "2026-12-01",
        "cv": ["Evidence"],
        "todo": [{"text": "Book a call", "due": "2026-12-05", "done": True}],
    }


async def test_recall_and_compose_show_other_answers_and_recall_jumps(open_app, sample_catalog):
    async with open_app(sample_catalog) as (app, pilot):
        app.store.set_answer("sample", "headline", "Curious engineer")
        app.store.set_answer("sample", "todo", [{"text": "Call Ada", "due": "2026-12-01", "done": False}])
        await pilot.press("1")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("ctrl+pagedown")
            await pilot.pause()
        recall = str(app.screen.query_one("#field-echo .read-only", Static).render())
        compose = str(app.screen.query_one("#field-message .read-only", Static).render())
        assert recall == "Curious engineer"
        assert compose == "Hello, I am Curious engineer. Next: - [ ] Call Ada (by 2026-12-01)."
        app.screen.query_one("#field-echo .jump").press()
        await until(lambda: app.screen.page == 0 and app.focused is not None and app.focused.parent is not None
                    and app.focused.parent.id == "field-headline")


async def test_text_fields_keep_long_text_set_directly(open_app, sample_catalog, on_disk):
    long_story = "A sentence about my career. " * 400
    async with open_app(sample_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        area = app.screen.query_one("#field-story TextArea", TextArea)
        area.focus()
        area.load_text(long_story)
        area.move_cursor(area.document.end)
        await pilot.press("!")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("sample", "story")] == long_story + "!"


async def test_list_items_are_added_moved_and_deleted_with_keys(open_app, sample_catalog, on_disk):
    async with open_app(sample_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        await focus(app, pilot, "#field-strengths TextArea")
        await pilot.press(*"listening", "enter", *"writing", "enter", *"coaching")
        await pilot.press("ctrl+up", "ctrl+up")  # coaching to the top; the cursor moves with it
        await pilot.pause()
        area = app.screen.query_one("#field-strengths TextArea", TextArea)
        assert area.text == "coaching\nlistening\nwriting"
        assert area.cursor_location[0] == 0
        await pilot.press("ctrl+down", "ctrl+down")  # and back down to the bottom
        await pilot.press("ctrl+down")  # past the end: nothing moves
        await pilot.press("ctrl+shift+k")  # delete that item
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("sample", "strengths")] == ["listening", "writing"]


async def test_a_text_box_removed_with_its_page_draws_nothing_instead_of_ending_the_app():
    """Textual can draw a widget once more after its removal; a bare TextArea then raised KeyError."""
    from textual.app import App
    from textual.geometry import Region

    from workbook.tui.widgets.field_editors import AnswerArea, ListArea

    class Page(App):
        def compose(self):
            yield AnswerArea("My best guess")
            yield ListArea("Listening")

    app = Page()
    async with app.run_test():
        boxes = [app.query_one(AnswerArea), app.query_one(ListArea)]
        for box in boxes:
            await box.remove()
            assert [strip.text for strip in box.render_lines(Region(0, 0, 12, 2))] == [" " * 12] * 2


def shown_lines(widget) -> list[str]:
    """The lines a widget draws, as text (what the user reads there)."""
    from textual.geometry import Region

    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))]


async def open_page(app, pilot, key: str, pages: int) -> None:
    await pilot.press(key, "enter")
    await pilot.pause()
    for _ in range(pages):
        await pilot.press("ctrl+pagedown")
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_1_to_10_scale_shows_every_number_and_both_ends(open_app, shipped_catalog, on_disk, size):
    """Mapping's energy rating: 1-9 showed at 100 columns and 1-7 at 80, and no words for the ends."""
    async with open_app(shipped_catalog, size=size) as (app, pilot):
        await open_page(app, pilot, "1", 3)
        editor = app.screen.query_one("#field-energy_now")
        app.screen.query_one("#page-body").scroll_to_widget(editor, animate=False, immediate=True)
        await pilot.pause()
        for widget in [*editor.query(ScalePoint), *editor.query(".scale-end")]:
            region = widget.region
            assert app.screen.get_widget_at(region.right - 1, region.y)[0] is widget, f"{widget} is cut off"
        assert [str(point.label) for point in editor.query(ScalePoint)] == [str(n) for n in range(1, 11)]
        ends = [" ".join(shown_lines(label)).strip() for label in editor.query(".scale-end")]
        assert ends == ["1 = empty", "energised = 10"]
        editor.query_one(RadioSet).focus()
        await pilot.press(*["right"] * 9, "enter")  # to the last number: 10
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("mapping", "energy_now")] == 10


async def test_table_rows_read_from_their_start_and_keep_every_word(open_app, shipped_catalog, on_disk):
    """Planning's skills table at 80 columns: cells of 10-17 columns showed the end of their text after the
    cursor left ("anagement"); the header broke as "organisati/on?". Each row is now a card of full-width boxes."""
    gap = "Stakeholder management across three departments"
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        await open_page(app, pilot, "2", shipped_catalog.get("planning").page_index("skills_gap"))
        table = app.screen.query_one("#field-skills_gap")
        for label, column in zip(table.query(".cell-label"), table.field.columns, strict=True):
            # Each heading whole: its lines, put back together, are its words (no "organisati" / "on?").
            assert " ".join(shown_lines(label)).split() == column.split()
        cells = list(table.query(CellArea))
        cells[0].focus()
        await pilot.pause()
        await pilot.press(*"Influence", "tab", *"2", "tab", *"4", "tab")
        cells[3].load_text(gap)  # long text set directly (pilot.press is slow), then the cursor leaves
        cells[3].move_cursor(cells[3].document.end)
        await pilot.press("!", "tab", *"Yes", "tab")
        await pilot.pause()
        assert shown_lines(cells[3])[0].strip().startswith("Stakeholder management"), shown_lines(cells[3])
        table.query_one(".add-row").press()
        await pilot.pause()
        await pilot.press(*"SQL", "tab", "1")
        table.query_one(".add-row").press()
        await pilot.pause()
        await pilot.press(*"Budgets")
        second = table.query(CellArea)[5]
        second.focus()
        await pilot.press("ctrl+d")  # the row the cursor is in goes; the cursor stays in the table
        await pilot.pause()
        assert [str(card.border_title) for card in table.query(".row")] == ["Row 1", "Row 2"]
        assert isinstance(app.focused, CellArea) and app.focused.text == "Budgets"
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("planning", "skills_gap")] == [["Influence", "2", "4", gap + "!", "Yes"],
                                                 ["Budgets", "", "", "", ""]]


async def test_a_due_date_that_is_not_a_date_says_what_to_write_and_is_kept_to_fix(open_app, sample_catalog,
                                                                                    on_disk):
    """A due date typed into an action was stored as it was ("next week"), and sorted as text."""
    async with open_app(sample_catalog) as (app, pilot):
        await open_page(app, pilot, "1", 3)
        actions = app.screen.query_one("#field-todo")
        await focus(app, pilot, "#field-todo .action-text")
        await pilot.press(*"Call Sam", "tab", *"next week")
        await pilot.pause()
        app.session.save_now()
        await app.workers.wait_for_complete()
        error = actions.query_one(".field-error", Static)
        assert error.display and str(error.render()) == DATE_HINT
        assert actions.query_one(".action-due", Input).value == "next week", "what was typed stays to fix"
        assert on_disk()[("sample", "todo")] == [{"text": "Call Sam", "due": "", "done": False}]
        await pilot.press(*["backspace"] * 9, *"2026-12-05")
        await pilot.pause()
        assert not error.display
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("sample", "todo")] == [{"text": "Call Sam", "due": "2026-12-05", "done": False}]


async def test_ctrl_d_removes_the_list_item_the_cursor_is_in(open_app, sample_catalog, on_disk):
    """Ctrl+Shift+K arrives as Ctrl+K through tmux and most terminals; Ctrl+D arrives as itself."""
    async with open_app(sample_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        help_lines = {str(widget.render()) for widget in app.screen.query("#field-strengths .field-help")}
        assert "One item a line · Enter adds · Ctrl+D removes · Ctrl+Up/Down moves" in help_lines
        await focus(app, pilot, "#field-strengths TextArea")
        await pilot.press(*"listening", "enter", *"writing things up", "enter", *"coaching", "up", "left")
        await pilot.press("ctrl+d")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("sample", "strengths")] == ["listening", "coaching"]


async def test_an_action_row_goes_with_its_remove_button(open_app, sample_catalog, on_disk):
    async with open_app(sample_catalog) as (app, pilot):
        app.store.set_answer("sample", "todo", [{"text": "Ask Sam", "due": "2026-12-01", "done": False},
                                                {"text": "Read the strategy", "due": "", "done": True}])
        await open_page(app, pilot, "1", 3)
        actions = app.screen.query_one("#field-todo")
        actions.query(".delete-row").first().focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [str(card.border_title) for card in actions.query(".row")] == ["Action 1"]
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("sample", "todo")] == [{"text": "Read the strategy", "due": "", "done": True}]


async def test_the_words_at_a_scales_ends_never_wrap_into_narrow_columns_at_80_columns(open_app, shipped_catalog):
    """Consolidating's "leaves plenty of room" / "takes everything": side by side they wrapped; now each end
    keeps a line of its own, whole."""
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        await open_page(app, pilot, "6", 4)
        editor = app.screen.query_one("#field-crowding")
        app.screen.query_one("#page-body").scroll_to_widget(editor, animate=False, immediate=True)
        await pilot.pause()
        ends = [[line.strip() for line in shown_lines(label) if line.strip()] for label in editor.query(".scale-end")]
        assert ends == [["1 = leaves plenty of room"], ["takes everything = 5"]]
        for point in editor.query(ScalePoint):
            region = point.region
            assert app.screen.get_widget_at(region.right - 1, region.y)[0] is point


async def test_leaving_a_page_with_a_due_date_that_is_not_one_says_what_was_not_kept(open_app, sample_catalog,
                                                                                   on_disk):
    async with open_app(sample_catalog) as (app, pilot):
        await open_page(app, pilot, "1", 3)
        await focus(app, pilot, "#field-todo .action-text")
        await pilot.press(*"Call Sam", "tab", *"next week")
        await pilot.press("ctrl+pageup")
        await until(lambda: app.screen.page == 1)
        messages = [str(note.message) for note in app._notifications]
        assert f'Not kept in "Next actions": "next week" is not a date. {DATE_HINT}.' in messages
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("sample", "todo")] == [{"text": "Call Sam", "due": "", "done": False}]


async def test_quitting_with_a_due_date_that_is_not_one_says_so_and_a_second_ctrl_q_quits(open_app,
                                                                                       sample_catalog, on_disk):
    """Ctrl+Q dropped the typed date without a word (the store keeps the last date): it now says so and
    stays; fixed, the date is kept; Ctrl+Q again quits without it."""
    async with open_app(sample_catalog) as (app, pilot):
        await open_page(app, pilot, "1", 3)
        await focus(app, pilot, "#field-todo .action-text")
        await pilot.press(*"Call Sam", "tab", *"next fri", "ctrl+q")
        await until(lambda: any(note.title == "Not a date" for note in app._notifications))
        [note] = [note for note in app._notifications if note.title == "Not a date"]
        assert str(note.message).startswith(f'"next fri" in "Next actions" is not a date, so it is not kept. '
                                            f"{DATE_HINT}; or press Ctrl+Q again")
        assert app.is_running
        await pilot.press(*["backspace"] * 8, *"2026-12-09", "ctrl+q")
        await until(lambda: not app.is_running)
    assert on_disk()[("sample", "todo")] == [{"text": "Call Sam", "due": "2026-12-09", "done": False}]

    async with open_app(sample_catalog) as (app, pilot):
        await open_page(app, pilot, "1", 3)
        await focus(app, pilot, "#field-todo .action-due")
        await pilot.press("end", "backspace", "x", "ctrl+q")  # "2026-12-0x": the store keeps 2026-12-09
        await until(lambda: any(note.title == "Not a date" for note in app._notifications))
        assert app.is_running
        await pilot.press("ctrl+q")
        await until(lambda: not app.is_running)
    assert on_disk()[("sample", "todo")] == [{"text": "Call Sam", "due": "2026-12-09", "done": False}]
