"""Home, the sidebar keys and the log, as a newcomer meets them: what to do is in view, keys do what they show."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Button, OptionList, Static

from tests.app_fixtures import log_with
from workbook.exercises import Catalog
from workbook.store import ResumePoint, Store
from workbook.tui.screens.conversations import ConversationsScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.prep import PrepScreen


def in_view(app, widget) -> bool:
    main = app.screen.query_one("#home-main")
    return widget.display and main.region.contains_region(widget.region)


async def test_at_80x24_a_new_user_sees_the_welcome_and_the_open_mapping_button(open_app, shipped_catalog):
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        start = app.screen.query_one("#start-next", Button)
        assert str(start.label) == "Open Mapping" and app.focused is start
        assert in_view(app, start), "the new user's first action is above the fold"
        assert in_view(app, app.screen.query_one("#welcome"))
        assert app.screen.query_one("#how-a-sitting-works").display


async def test_a_finished_exercise_is_not_offered_as_continue(open_app, shipped_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("consolidating", "delivering", "Shipped the rota tool")
        store.mark_done("consolidating")
        store.set_resume_point(ResumePoint("consolidating", 5, None))
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        assert not app.screen.query_one("#continue", Button).display
        assert not app.screen.query_one("#welcome").display, "a returning user is not welcomed again"
        start = app.screen.query_one("#start-next", Button)
        assert app.focused is start and str(start.label) == "Open Mapping" and in_view(app, start)
        assert "You finished Consolidating and reviewing." in str(app.screen.query_one("#last-sitting", Static).render())


async def test_a_long_continue_label_wraps_whole_at_80_columns(open_app, shipped_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("consolidating", "delivering", "Shipped the rota tool")
        store.set_resume_point(ResumePoint("consolidating", 5, None))
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        button = app.screen.query_one("#continue", Button)
        assert app.focused is button
        label = "Continue: Consolidating and reviewing, page 6 of 6"
        assert str(button.label) == label
        drawn = [line.text.strip("\u2581\u2594 ") for line in button.render_lines(button.region.reset_offset)]
        assert " ".join(line for line in drawn if line) == label, "every word of the label is drawn"
        assert not app.screen.query_one("#start-next").display, "Continue already opens it: no second button"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == 5


def with_extra_exercises(catalog: Catalog) -> Catalog:
    mapping = catalog.get("mapping")
    seventh = replace(mapping, id="negotiating", title="Negotiating", step=7)
    loose = replace(mapping, id="side-notes", title="Side notes", step=None)
    return Catalog((*catalog, seventh, loose))


async def test_a_pack_step_7_opens_with_7_and_an_exercise_without_a_step_does_not_take_c(open_app, shipped_catalog):
    async with open_app(with_extra_exercises(shipped_catalog)) as (app, pilot):
        rows = app.screen.query_one("#steps", OptionList)
        keys = {}
        for index in range(rows.option_count):
            option = rows.get_option_at_index(index)
            cells = [str(cell) for cell in option.prompt.columns[1].cells]
            keys[option.id] = cells[0].strip()
        assert keys["negotiating"] == "7" and keys["conversation"] == "c" and keys["side-notes"] == ""
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "negotiating"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen)


async def test_the_log_acts_only_on_a_conversation_the_user_picked(open_app, shipped_catalog, store_path):
    log_with(store_path, "Ada", "Priya")
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
        entries = app.screen.query_one("#entries", OptionList)
        assert app.focused is entries and entries.highlighted is None, "nothing is picked on arrival"
        await pilot.press("s", "p")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen), "p opened no prep sheet"
        assert all(app.store.answer("conversation", "stage", entry.id) is None
                   for entry in app.store.entries("conversation")), "s moved nobody on"
        await pilot.press("down", "down")  # the top row, then the one under it: Ada
        await pilot.press("s")
        await pilot.pause()
        [ada] = [entry.id for entry in app.store.entries("conversation")
                 if app.store.answer("conversation", "person", entry.id) == "Ada"]
        assert app.store.answer("conversation", "stage", ada) == "Asked"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.entry == ada
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")  # back in the log, the cursor is on the conversation just opened
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen) and app.screen.sheet.title.endswith("Ada")


async def test_a_one_page_exercise_says_1_page_on_its_introduction(open_app, shipped_catalog):
    mapping = shipped_catalog.get("mapping")
    catalog = Catalog(tuple(replace(exercise, pages=mapping.pages[:1]) if exercise.id == "mapping" else exercise
                            for exercise in shipped_catalog))
    async with open_app(catalog) as (app, pilot):
        await pilot.press("1")
        await pilot.pause()
        meta = str(app.screen.query_one(".intro-meta", Static).render())
        assert meta == f"About {mapping.minutes} minutes · 1 page"
