"""Every field kind edits and saves through its widget (the sample exercise has one of each)."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, RadioSet, Static, TextArea

from tests.tui.test_app import until


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
