"""Every log in the app: the energy log opens with its own key, keeps a new note, lists it; Mapping's energy page
lists the notes back, newest first; home and help know each log's key."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Button, OptionList, Static

from tests.test_logs import note
from workbook.exercises import RESERVED_KEYS
from workbook.store import Store
from workbook.tui.dialogs.help import HelpScreen
from workbook.tui.screens.conversations import ConversationsScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen, StaleList
from workbook.tui.widgets.field_editors import ReadOnlyEditor

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def rows(app) -> list[str]:
    entries = app.screen.query_one("#entries", OptionList)
    return [str(entries.get_option_at_index(index).prompt) for index in range(entries.option_count)]


async def test_the_energy_log_opens_with_j_and_keeps_a_new_note(open_app, shipped_catalog):
    async with open_app(shipped_catalog, clock=clock) as (app, pilot):
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen) and app.screen.exercise.id == "energy"
        assert str(app.screen.query_one("#new-entry", Button).label) == "+ New energy note"
        assert rows(app) == ["Nothing here yet. Start your first energy note with New."]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "energy"
        entry = app.screen.entry
        assert app.store.answer("energy", "date", entry) == "2026-12-02", "a new note is dated today"
        await pilot.press("enter")  # Start: the note's page
        await pilot.pause()
        await pilot.press("tab")  # past the date, to what I was doing
        await pilot.press(*"Presenting the plan")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen) and app.screen.exercise.id == "energy"
        assert app.store.answer("energy", "doing", entry) == "Presenting the plan"
        assert rows(app) == ["◐ 2026-12-02  Presenting the plan"], "no stage headings in a log without stages"


async def test_a_log_without_stages_has_no_stage_or_prep_key_and_a_second_note_skips_the_intro(
        open_app, shipped_catalog, store_path):
    with Store(store_path, clock=clock) as store:
        note(store, "2026-12-01", "a quiet morning")
    async with open_app(shipped_catalog, clock=clock) as (app, pilot):
        await pilot.press("j")
        await pilot.pause()
        shown = {binding.key for _, binding, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert "n" in shown and not {"s", "p"} & shown
        await pilot.press("down", "s", "p")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen), "p opened no prep sheet"
        assert all(app.store.answer("energy", "stage", entry.id) is None for entry in app.store.entries("energy"))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == 0, "the intro was read the first time"


async def test_mapping_s_energy_page_lists_the_notes_newest_first(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=clock) as store:
        note(store, "2026-12-02", "presenting the plan")
        note(store, "2026-11-30", "a [b]quiet[/b] morning of analysis", "Down")  # written later, dated earlier
    async with open_app(shipped_catalog, size=(100, 40), clock=clock) as (app, pilot):
        await pilot.press("1", "enter", *["ctrl+pagedown"] * 3)
        await pilot.pause()
        assert app.screen.exercise.pages[app.screen.page].id == "energy"
        editors = {editor.field.id: editor for editor in app.screen.query(ReadOnlyEditor)}
        causes, direction = editors["log_causes"], editors["log_direction"]
        assert str(causes.query_one(".read-only", Static).render()) == \
            "2 Dec: presenting the plan\n30 Nov: a [b]quiet[/b] morning of analysis"
        assert str(direction.query_one(".read-only", Static).render()) == "2 Dec: Up\n30 Nov: Down"
        await pilot.click(causes.query_one(".jump", Button))
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen) and app.screen.exercise.id == "energy"


async def test_home_knows_each_log_s_key_and_line(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=clock) as store:
        note(store, "2026-12-01", "a quiet morning")
    async with open_app(shipped_catalog, clock=clock) as (app, pilot):
        line = app.screen.query_one("#log-status", Static)
        assert line.display and str(line.render()) == "Energy log: the latest energy note is from yesterday (1 so far)."
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for key, description in app.screen.bindings}
        assert keys["Career conversations"] == "c" and keys["Energy log"] == "j"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("j")  # the action list opens the logs too, as it opened the conversations
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen) and app.screen.exercise.id == "energy"


def test_no_log_may_take_a_letter_home_keeps():
    letters = {binding.key for binding in [*HomeScreen.BINDINGS, *StaleList.BINDINGS] if len(binding.key) == 1
               and binding.key.isalpha()}
    assert letters == set(RESERVED_KEYS)


async def test_the_palette_starts_a_note_in_any_log(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=clock) as store:
        note(store, "2026-12-01", "a quiet morning")
    async with open_app(shipped_catalog, clock=clock) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new energy note")
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(50):
            if isinstance(app.screen, ExerciseScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "energy"
        assert app.screen.page == 0, "as New in the log: a second note opens on its page"
        assert len(app.store.entries("energy")) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen) and app.screen.exercise.id == "energy"
