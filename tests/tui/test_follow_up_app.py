"""The follow-up page in the app: the name that signs it asked once and changed from the palette, the draft
copied only when it surely was (else Save is offered), the theme kept between launches, and help's own keys
first."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Markdown, Static

from workbook import locations
from workbook.store import ResumePoint, Store
from workbook.tui.dialogs.help import HelpScreen
from workbook.tui.dialogs.your_name import YourNameScreen
from workbook.tui.screens.exercise import ExerciseScreen

from tests.tui.test_app import until

EARLIER = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
FOLLOW_UP_PAGE = 6  # conversation.toml: who, prepare, manager, record, manager_said, after, follow_up


def now():
    return NOW


def held_conversation(store_path: Path, name: str | None = None) -> str:
    """Ada's conversation, summed up, with the user left on its follow-up page."""
    with Store(store_path, clock=lambda: EARLIER) as store:
        entry = store.start_entry("conversation").id
        store.set_answer("conversation", "person", "Ada Okafor", entry)
        store.set_answer("conversation", "key_points", ["Find a sponsor"], entry)
        store.set_answer("conversation", "agreed_actions", [
            {"text": "Send Ada my plan", "due": "2026-12-04", "done": False}], entry)
        store.set_answer("conversation", "their_actions", ["Introduce me to Sam Lee"], entry)
        store.set_resume_point(ResumePoint("conversation", FOLLOW_UP_PAGE, None, entry))
        if name is not None:
            store.set_setting("your_name", name)
    return entry


def draft_on_screen(app) -> str:
    return str(app.screen.query_one("#field-follow_up .read-only", Static).render())


async def open_follow_up(pilot) -> None:
    await pilot.press("enter")  # Continue, on home
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_name_is_asked_the_first_time_the_follow_up_shows_and_signs_it(open_app, shipped_catalog,
                                                                                  store_path):
    held_conversation(store_path)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, YourNameScreen))
        app.screen.query_one("#ask-line", Input).value = "Sam Rivers"
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and draft_on_screen(app).endswith("Sam Rivers"))
        assert draft_on_screen(app) == (
            "Hi Ada,\n\nThank you for taking the time to talk with me. These are the points I took away:\n"
            "Find a sponsor\n\nI will send you my plan by Friday 4 December.\n\n"
            "You said you would introduce me to Sam Lee.\n\n"
            "If I have missed anything or got something wrong, please let me know.\n\nBest wishes,\nSam Rivers")
        await pilot.press("escape")  # the log, then the page again: not asked twice
        await pilot.pause()
        app.session.save_now()
        await app.workers.wait_for_complete()
    with Store(store_path) as store:
        assert store.setting("your_name", None) == "Sam Rivers"
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await open_follow_up(pilot)
        assert isinstance(app.screen, ExerciseScreen) and draft_on_screen(app).endswith("Best wishes,\nSam Rivers")


async def test_escape_skips_the_name_for_this_sitting_and_the_draft_ends_unsigned(open_app, shipped_catalog,
                                                                                 store_path):
    held_conversation(store_path)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, YourNameScreen))
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, ExerciseScreen))
        assert draft_on_screen(app).endswith("please let me know.\n\nBest wishes,")
        await pilot.press("ctrl+pageup", "ctrl+pagedown")  # away and back: asked once a sitting
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
    with Store(store_path) as store:
        assert store.setting("your_name", None) is None  # asked again next time


async def test_the_palette_changes_the_name_and_the_draft_on_screen(open_app, shipped_catalog, store_path):
    held_conversation(store_path, name="Sam")
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await open_follow_up(pilot)
        assert draft_on_screen(app).endswith("Best wishes,\nSam")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"your name")
        await pilot.pause()
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, YourNameScreen))
        assert app.screen.query_one("#ask-line", Input).value == "Sam"
        app.screen.query_one("#ask-line", Input).value = "Sam Rivers"
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and draft_on_screen(app).endswith("Sam Rivers"))
        app.session.save_now()
        await app.workers.wait_for_complete()
    with Store(store_path) as store:
        assert store.setting("your_name", None) == "Sam Rivers"


async def test_the_theme_chosen_is_there_at_the_next_launch(open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog) as (app, pilot):
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle dark")
        await pilot.pause()
        await pilot.press("enter")
        await until(lambda: app.theme == "textual-light")
        await pilot.pause()
        await app.workers.wait_for_complete()
    with Store(store_path) as store:
        assert store.setting("theme", None) == "textual-light"
    async with open_app(shipped_catalog) as (app, pilot):
        assert app.theme == "textual-light" and not app.current_theme.dark


async def test_help_lists_the_workbook_s_keys_first_and_the_box_s_own_last(open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        own = dict((description, keys) for keys, description in app.screen.bindings)
        assert list(own)[:2] == ["Previous page", "Next page"]
        assert {"Home", "History", "Export", "Quit", "Help", "Command palette: every command"} <= set(own)
        assert "alt+" in own["Next page"].casefold() and "Scroll Up" not in own
        assert {"Scroll Up", "Move cursor left"} <= {description for _, description in app.screen.box_bindings}
        text = app.screen.query_one(Markdown).source
        assert text.index("## Keys\n") < text.index("Next page") < text.index("## Keys of the box you are in") \
            < text.index("Move cursor left")


@pytest.fixture
def fake_path(tmp_path, monkeypatch):
    """A PATH holding only the tools a test puts there, and no terminal known to take OSC 52."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    for name in ("TERM_PROGRAM", "TMUX", "WAYLAND_DISPLAY", "KITTY_WINDOW_ID", "WEZTERM_PANE", "WT_SESSION",
                 "ALACRITTY_WINDOW_ID", "GHOSTTY_RESOURCES_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # GNOME Terminal says this, and ignores OSC 52
    monkeypatch.setenv("VTE_VERSION", "7600")
    monkeypatch.setenv("DISPLAY", ":0")
    return folder


def notices(app) -> list[str]:
    return [f"{note.title}: {note.message}" for note in app._notifications]


async def test_copy_uses_the_local_clipboard_tool_where_the_terminal_ignores_osc_52(open_app, shipped_catalog,
                                                                                  store_path, fake_path, tmp_path):
    copied = tmp_path / "clipboard.txt"
    tool = fake_path / "xclip"
    tool.write_text(f"#!/bin/sh\n[ \"$1 $2\" = \"-selection clipboard\" ] || exit 2\n/bin/cat > {copied}\n")
    tool.chmod(0o755)
    held_conversation(store_path, name="Sam Rivers")
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await open_follow_up(pilot)
        app.screen.query_one(".copy", Button).press()
        await until(lambda: any("Copied" in notice for notice in notices(app)))
        assert copied.read_text() == draft_on_screen(app) and draft_on_screen(app).endswith("Sam Rivers")
        assert not any("Could not copy" in notice for notice in notices(app))


async def test_copy_with_no_way_to_copy_says_so_and_offers_save(open_app, shipped_catalog, store_path, fake_path):
    held_conversation(store_path, name="Sam Rivers")
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await open_follow_up(pilot)
        app.screen.query_one(".copy", Button).press()
        await until(lambda: any("Could not copy" in notice for notice in notices(app)))
        assert not any("Copied" in notice for notice in notices(app))
        assert "Save it as a file instead" in notices(app)[-1]
        assert app.focused is app.screen.query_one(".save-file", Button)
        await pilot.press("enter")  # Save, offered
        await until(lambda: any(notice.startswith("Saved on its own") for notice in notices(app)))
    [written] = locations.export_dir().glob("your-follow-up-message-ada-okafor-2026-11-23.txt")
    assert written.read_text().endswith("Best wishes,\nSam Rivers\n")


async def test_quitting_on_the_name_question_with_nothing_typed_only_skips_it(open_app, shipped_catalog, store_path):
    held_conversation(store_path)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, YourNameScreen))
        await pilot.press("ctrl+q")
        await until(lambda: not app.is_running)
    with Store(store_path) as store:
        assert store.setting("your_name", None) is None  # asked again next time, not "no name"
