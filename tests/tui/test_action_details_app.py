"""An action card with details in the app: typed box by box, checked before Mark as done, removed with Ctrl+D.
On the tests' own small pack (tests/fixtures/smart_actions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from workbook.exercises import load_catalog
from workbook.store import Store
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.widgets.still_empty import FieldLink
from workbook.tui.widgets.table_editor import CellArea

PACK = Path(__file__).parent.parent / "fixtures" / "smart_actions"


@pytest.fixture
def pack():
    return load_catalog([PACK])


async def open_plan(pilot) -> None:
    await pilot.press("7", "enter")
    await pilot.pause()


async def test_an_action_and_both_its_details_typed_box_by_box_land_in_the_store(open_app, pack, store_path):
    async with open_app(pack) as (app, pilot):
        await open_plan(pilot)
        card = app.screen.query_one("#field-six_months .row")
        labels = [str(label.render()) for label in card.query(".cell-label").results(Label)]
        assert labels == ["Serves (a gap or stepping stone)", "How I will know it is done"]
        assert app.focused.has_class("action-text")
        await pilot.press(*"Shadow Jo", "tab", *"Data gap", "enter", *"Two reviews", "tab", *"2026-12-05")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.has_class("action-due")
        app.session.save_now()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ExerciseScreen)
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months") == [
            {"text": "Shadow Jo", "due": "2026-12-05", "done": False, "details": ["Data gap", "Two reviews"]}]


async def test_mark_as_done_names_the_action_and_the_detail_it_lacks(open_app, pack, store_path):
    async with open_app(pack) as (app, pilot):
        await open_plan(pilot)
        await pilot.press(*"Shadow Jo", "tab", *"Data gap", "ctrl+pagedown")
        await pilot.pause()
        await pilot.click("#done")
        await pilot.pause()
        link = app.screen.query_one(FieldLink)
        assert str(link.label) == \
            'Page 1 · Actions for the next six months: action 1 needs "How I will know it is done"'
        assert app.focused is link
        assert "still empty or unfinished" in str(app.screen.query_one("#still-empty-title").render())
        await pilot.press("enter")  # back to the field, and the missing box written
        await pilot.pause()
        assert app.screen.page == 0
        boxes = list(app.screen.query(".action-detail").results(CellArea))
        boxes[1].focus()
        await pilot.press(*"Notes sent", "ctrl+pagedown")
        await pilot.pause()
        await pilot.click("#done")
        await pilot.pause()
        await app.workers.wait_for_complete()
    with Store(store_path, readonly=True) as store:
        assert store.status("plan").done
        assert store.answer("plan", "six_months")[0]["details"] == ["Data gap", "Notes sent"]


async def test_an_action_written_before_details_opens_without_a_write_and_keeps_a_dropped_detail(
        open_app, pack, store_path):
    old = {"text": "Update my CV", "due": "2026-11-10", "done": True}
    kept = {"text": "Walk at lunch", "due": "", "done": False, "details": ["Energy", "a label since dropped"]}
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [old])
        store.set_answer("plan", "habits", [kept])
    async with open_app(pack) as (app, pilot):
        await open_plan(pilot)
        assert [box.text for box in app.screen.query(".action-detail").results(CellArea)] == ["", ""]
        await pilot.press("ctrl+pagedown")  # nothing typed: nothing written
        await pilot.pause()
        app.screen.query_one("#field-habits .action-detail", CellArea).focus()
        await pilot.press("end", *" up")
        await pilot.pause()
        app.session.save_now()
        await app.workers.wait_for_complete()
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months") == [old]
        assert store.answer("plan", "habits") == [{**kept, "details": ["Energy up", "a label since dropped"]}]


async def test_ctrl_d_in_a_detail_box_takes_the_whole_action_out(open_app, pack, store_path):
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [
            {"text": "Shadow Jo", "due": "", "done": False, "details": ["Data gap", "Two reviews"]},
            {"text": "Finish SQL", "due": "", "done": False, "details": ["SQL gap", "Certificate"]}])
    async with open_app(pack) as (app, pilot):
        await open_plan(pilot)
        list(app.screen.query(".action-detail").results(CellArea))[1].focus()  # the first card's second detail
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert [card.border_title for card in app.screen.query("#field-six_months .row")] == ["Action 1"]
        assert app.focused.has_class("action-text") and app.focused.text == "Finish SQL"
        app.session.save_now()
        await app.workers.wait_for_complete()
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months") == [
            {"text": "Finish SQL", "due": "", "done": False, "details": ["SQL gap", "Certificate"]}]
