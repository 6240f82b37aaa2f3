"""One way to write: the session is the app's only writer, the questions asked on leaving keep every
answer, Continue puts the cursor back, and no printable key is a shortcut on an exercise page."""

from __future__ import annotations

import ast
import inspect
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.widgets import Button, Input, TextArea

import workbook.tui
from workbook.store import ResumePoint, Store
from workbook.tui.dialogs.ask import AskLineScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen

from tests.tui.test_app import until

EARLIER = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
TUI = Path(workbook.tui.__file__).parent

STORE_READERS = {
    "answer", "answers", "answered_at", "revisions", "unexplained_changes", "last_checked", "last_reset",
    "status", "resume_point", "position", "entries", "next_steps", "setting", "opened_at", "touched_this_sitting",
    "sittings", "last_sitting", "now", "dump", "empty", "unsaved",
}
"""What a screen may call on the store it reads through the session; everything else on Store writes."""


def store_mutators() -> set[str]:
    # Worked out from Store itself: a new method counts as a writer until it is listed as a reader.
    public = {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}
    return public - STORE_READERS


def test_the_reader_list_names_real_store_methods():
    public = {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}
    assert STORE_READERS <= public
    assert {"set_answer", "mark_done", "save", "add_next_step", "bring_back"} <= store_mutators()


def test_no_screen_dialog_or_widget_writes_except_through_the_session():
    mutators = store_mutators() | {"update_action"}
    offenders = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "session.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = node.func if isinstance(node, ast.Call) else None
            name = called.attr if isinstance(called, ast.Attribute) else called.id if isinstance(called, ast.Name) \
                else None
            if name in mutators:
                offenders.append(f"{path.relative_to(TUI)}:{node.lineno} calls {name}()")
            if isinstance(node, ast.Attribute) and node.attr in ("autosaver", "_store"):
                offenders.append(f"{path.relative_to(TUI)}:{node.lineno} uses .{node.attr}")
    assert offenders == []


def test_the_scan_would_catch_a_screen_that_writes(tmp_path):
    # The scan above reads call names; this is the shape it must catch.
    tree = ast.parse("self.session.read().set_answer('a', 'b', 1)")
    calls = [node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute)]
    assert "set_answer" in calls and "set_answer" in store_mutators()


async def test_a_next_step_typed_after_mark_as_done_is_kept(open_app, sample_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        store.set_answer("sample", "headline", "Curious engineer")
        store.set_answer("sample", "strengths", ["Listening", "SQL", "Writing"])
        store.set_answer("sample", "mood", "Good")
        store.set_resume_point(ResumePoint("sample", 2, "skills"))
    async with open_app(sample_catalog, clock=lambda: NOW, ask_next_step=True) as (app, pilot):
        await pilot.press("enter")  # Continue: the last page
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.page == 2)
        await pilot.press(*"SQL")
        await pilot.click("#done")
        await until(lambda: isinstance(app.screen, AskLineScreen))
        await pilot.press(*"Email Priya", "enter")
        await until(lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
        assert any(note.title == "Next step kept" for note in app._notifications)
    with Store(store_path, readonly=True) as store:
        assert store.status("sample").done
        assert [(step.text, step.after) for step in store.next_steps()] == [("Email Priya", "sample")]


@pytest.mark.parametrize("field, kind", [("role", Input), ("situation", TextArea)])
async def test_continue_puts_the_cursor_after_the_answer_and_where_it_was_left(
        open_app, shipped_catalog, store_path, field, kind):
    with Store(store_path, clock=lambda: EARLIER) as store:
        store.set_answer("mapping", field, "Alpha beta")
        store.set_resume_point(ResumePoint("mapping", 0, field))  # written before the cursor was kept
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("enter")
        await until(lambda: isinstance(app.focused, kind))
        await pilot.press(*" gamma")  # no cursor saved: it goes after the text
        await pilot.press(*["left"] * 6)  # "Alpha beta| gamma"
        await pilot.pause(0.7)
        await app.workers.wait_for_complete()
    async with open_app(shipped_catalog) as (app, pilot):  # a new launch
        await pilot.press("enter")
        await until(lambda: isinstance(app.focused, kind))
        await pilot.press(*",")
        await pilot.pause(0.7)
        await app.workers.wait_for_complete()
    with Store(store_path, readonly=True) as store:
        assert store.answer("mapping", field) == "Alpha beta, gamma"
        assert store.resume_point() == ResumePoint("mapping", 0, field, None, (0, 11))


async def test_letters_typed_on_a_focused_button_open_nothing(open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1")
        await until(lambda: isinstance(app.screen, ExerciseScreen))
        page = app.screen
        assert isinstance(app.focused, Button)  # the intro's Start
        await pilot.press(*"see every key? 1 2 3 c a /")
        await pilot.pause()
        assert app.screen is page and page.page == -1
        await pilot.press("enter")  # Start: page 1
        await until(lambda: isinstance(app.focused, Input))
        page.query_one("#next", Button).focus()
        await pilot.press(*"I feel energised, each day?")
        await pilot.pause()
        assert app.screen is page and page.page == 0, "no letter moved, exported, helped or searched"
        await pilot.press("f4")  # export's key on a page
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
    with Store(store_path, readonly=True) as store:
        assert store.answers("mapping") == {}


@pytest.mark.parametrize("reason", ["Met Sam", None])
@pytest.mark.parametrize("next_step", ["Email Priya", None])
async def test_every_question_on_leaving_keeps_what_it_was_told(open_app, shipped_catalog, store_path,
                                                                reason, next_step):
    """Why it changed, then the next step: each answered (Enter) or skipped (Escape)."""
    with Store(store_path, clock=lambda: EARLIER) as store:
        store.set_answer("planning", "destination", "Head of data")
        store.set_resume_point(ResumePoint("planning", 1, "destination"))
    async with open_app(shipped_catalog, clock=lambda: NOW, ask_next_step=True) as (app, pilot):
        await pilot.press("enter")
        await until(lambda: isinstance(app.focused, TextArea))
        await pilot.press(*" and grow", "escape")
        await until(lambda: isinstance(app.screen, AskLineScreen))
        assert "What changed your mind?" in str(app.screen.query_one("#ask-question").render())
        await pilot.press(*(reason or ""), "enter" if reason else "escape")
        await until(lambda: isinstance(app.screen, AskLineScreen) and "next step" in app.screen.question)
        await pilot.press(*(next_step or ""), "enter" if next_step else "escape")
        await until(lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
    with Store(store_path, readonly=True) as store:
        assert store.answer("planning", "destination") == "Head of data and grow"
        [revision] = store.revisions("planning", "destination")
        assert (revision.value, revision.reason) == ("Head of data", reason or "")
        assert [step.text for step in store.next_steps()] == ([next_step] if next_step else [])


async def test_quitting_while_the_next_step_is_asked_keeps_the_line_typed(open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog, ask_next_step=True) as (app, pilot):
        await pilot.press("1", "enter", *"Analyst", "escape")
        await until(lambda: isinstance(app.screen, AskLineScreen))
        await pilot.press(*"Call Jo", "ctrl+q")
        await until(lambda: not app.is_running)
    with Store(store_path, readonly=True) as store:
        assert [step.text for step in store.next_steps()] == ["Call Jo"]
        assert store.answer("mapping", "role") == "Analyst"


async def test_a_worker_that_fails_is_reported_without_the_users_words(open_app, shipped_catalog, monkeypatch):
    def broken_search(catalog, store, query):
        raise ValueError(f"could not search for {query}")

    monkeypatch.setattr("workbook.tui.dialogs.search.search", broken_search)
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("slash", *"secret")
        await until(lambda: any(note.title == "That did not work" for note in app._notifications))
        [note] = [note for note in app._notifications if note.title == "That did not work"]
        assert "ValueError" in note.message and "secret" not in note.message
        assert app.is_running


async def test_home_buttons_show_an_exercise_title_as_written(open_app, shipped_catalog, store_path):
    from dataclasses import replace

    from workbook.exercises import Catalog

    title = "Map [bold]it[/] [@click=app.quit]now"
    catalog = Catalog(tuple(replace(exercise, title=title) if exercise.id == "mapping" else exercise
                            for exercise in shipped_catalog))
    with Store(store_path) as store:
        store.set_resume_point(ResumePoint("mapping", 0, "role"))
    async with open_app(catalog) as (app, pilot):
        label = str(app.screen.query_one("#continue", Button).label)
        assert label == f"Continue: {title}, page 1 of 6"
        assert str(app.screen.query_one("#start-next", Button).label) == f"Open {title}"
