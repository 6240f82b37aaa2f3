"""Search: every answer and conversation, whatever the case or accents, every word required; in the shell
and in the app, where Enter opens the field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from workbook import cli
from workbook.search import fold, search
from workbook.store import Store
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.dialogs.search import SearchScreen
from workbook.tui.widgets.field_editors import FieldEditor


def fill(store: Store) -> str:
    store.set_answer("planning", "destination", "Running a small café team in Zürich, near the lake.")
    store.set_answer("mapping", "strengths", ["Calm in a CRISIS", "Writing clear briefs"])
    store.set_answer("planning", "six_months", [{"text": "Visit the Zurich office", "due": "", "done": False}])
    entry = store.start_entry("conversation").id
    store.set_answer("conversation", "person", "Zoë Martín", entry)
    store.set_answer("conversation", "their_story", "She ran a cafe\nbefore moving to the lake district.", entry)
    return entry


def test_fold_drops_case_and_accents_and_keeps_positions() -> None:
    folded, origin = fold("Zoë MARTÍN")
    assert folded == "zoe martin" and len(origin) == len(folded) and origin[2] == 2


def test_search_is_case_and_accent_insensitive_and_needs_every_word(store_path: Path, shipped_catalog) -> None:
    with Store(store_path) as store:
        entry = fill(store)
        found = search(shipped_catalog, store, "CAFE zurich")
        assert [(m.exercise.id, m.field) for m in found] == [("planning", "destination")]
        match = found[0]
        assert match.page == 1 and match.where.startswith("Planning · Your five-year destination · ")
        assert [match.snippet[a:b] for a, b in match.spans] == ["café", "Zürich"]
        assert {(m.exercise.id, m.entry, m.field) for m in search(shipped_catalog, store, "lake")} == {
            ("planning", None, "destination"), ("conversation", entry, "their_story")}
        [story] = [m for m in search(shipped_catalog, store, "cafe before") if m.entry]
        assert "\n" not in story.snippet and story.where.startswith("Career conversations: Zoë Martín, ")
        assert [m.field for m in search(shipped_catalog, store, "crisis")] == ["strengths"]
        assert [m.field for m in search(shipped_catalog, store, "zoe")] == ["person"]
        assert search(shipped_catalog, store, "cafe moon") == [] and search(shipped_catalog, store, "  ") == []


def test_workbook_search_prints_where_and_the_words_in_context(store_path: Path, capsys) -> None:
    with Store(store_path) as store:
        fill(store)
    assert cli.main(["--store", str(store_path), "search", "zurich"]) == 0
    out = capsys.readouterr().out
    assert "Planning · The next six months · Specific actions" in out and "Visit the Zurich office" in out
    assert "2 answers hold 'zurich'." in out
    assert cli.main(["--store", str(store_path), "search", "moon"]) == 0
    assert "Nothing you wrote holds all of 'moon'" in capsys.readouterr().out


async def test_slash_searches_and_enter_opens_the_field(open_app, shipped_catalog, store_path) -> None:
    with Store(store_path) as store:
        fill(store)
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and isinstance(app.focused, Input)
        await pilot.press(*"zurich")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count == 2
        assert "2 answers hold every word" in str(app.screen.query_one("#search-summary", Static).render())
        await pilot.press("down", "down", "enter")  # the second: the six-month actions
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "planning"
        assert app.screen.exercise.pages[app.screen.page].id == "six_months"
        editor = next(node for node in app.focused.ancestors_with_self if isinstance(node, FieldEditor))
        assert editor.field.id == "six_months"  # the field that holds the words has the focus
