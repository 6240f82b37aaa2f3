"""A pack's strings in the app: drawn exactly as written in every place (never as markup, a link or a
click action), an option stored as written, and the app opening again after working in such a pack."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import RadioButton, SelectionList
from textual.widgets._toast import Toast

from tests.reliability.test_hostile_input import assert_nothing_a_terminal_would_obey, terminal_text
from tests.test_hostile_packs import ESC, HOSTILE, pack, write
from workbook.exercises import load_catalog
from workbook.locations import shipped_exercises
from workbook.store import Store
from workbook.tui.dialogs.help import HelpScreen
from workbook.tui.screens.conversations import ConversationsScreen
from workbook.tui.screens.exercise import ExerciseScreen

CORPUS = [*HOSTILE, "[x](file:///etc/passwd) **b**"]
"""Markup of Rich and Textual, and of Markdown (F1's help is drawn by a Markdown widget)."""
SIZE = (160, 50)


def places(text: str) -> dict[str, str]:
    return {"title": f"{text} T", "page_title": f"{text} P", "label": f"{text} L", "help": f"{text} H",
            "option": text, "item": f"{text} I", "column": f"{text} C", "question": f"{text} Q",
            "intro": f"{text} N"}


def no_link_or_action(app) -> None:
    """No cell on screen links anywhere or runs an action that a pack could have asked for."""
    update = app.screen._compositor.render_update(full=True)
    for line in update.strips:
        for strip in line:
            for segment in strip:
                style = segment.style
                if style is None:
                    continue
                assert not style.link, f"a link on {segment.text!r}"
                assert "app.quit" not in str(style.meta.get("@click", "")), f"an action on {segment.text!r}"


@pytest.mark.parametrize("text", CORPUS)
async def test_every_place_shows_a_pack_string_as_written(open_app, tmp_path, store_path, text) -> None:
    shown = places(text)
    folder = tmp_path / "pack"
    write(folder, "pack.toml", pack(shown["title"], page_title=shown["page_title"], label=shown["label"],
                                    help=shown["help"], options=(shown["option"], "Plain"),
                                    items=(shown["item"],), columns=(shown["column"],),
                                    question=shown["question"], intro=shown["intro"]))
    catalog = load_catalog([folder])
    assert not catalog.errors
    async with open_app(catalog, size=SIZE) as (app, pilot):
        home = terminal_text(app)
        assert shown["title"] in home, "the sidebar, the suggestion and its button"
        assert f"Open {shown['title']}" in home
        await pilot.press("1")
        await pilot.pause()
        intro = terminal_text(app)
        assert shown["question"] in intro and shown["intro"] in intro, "the introduction"
        no_link_or_action(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == 0
        page = terminal_text(app)
        for place in ("title", "page_title", "label", "help", "option", "item", "column"):
            assert shown[place] in page, f"the {place} is not shown as written"
        assert f"Page 1 of 1 · {shown['page_title']}" in page
        no_link_or_action(app)
        assert_nothing_a_terminal_would_obey(app)
        [radio] = [button for button in app.screen.query(RadioButton) if button.label.plain == shown["option"]]
        [selection] = app.screen.query(SelectionList)
        assert selection.get_option_at_index(0).prompt.plain == shown["item"]
        await pilot.click(radio)
        await pilot.pause()
        assert app.session.answer("pack", "pick") == shown["option"], "stored as written"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        helped = terminal_text(app)
        assert shown["label"] in helped and shown["help"] in helped
        no_link_or_action(app)
    with Store(store_path) as store:
        assert store.answer("pack", "pick") == shown["option"]
    # Once worked in, the title is on Continue at every launch.
    async with open_app(catalog, size=SIZE) as (app, pilot):
        assert f"Continue: {shown['title']}, page 1 of 1" in terminal_text(app)
        no_link_or_action(app)


@pytest.mark.parametrize("person", ["[/]", "[link=file:///etc/passwd]x", "[@click=app.quit]hi"])
async def test_a_name_in_the_log_is_text_on_home_and_in_notices(open_app, store_path, person) -> None:
    catalog = load_catalog([shipped_exercises()])
    held = (date.today() - timedelta(days=3)).isoformat()
    with Store(store_path) as store:
        entry = store.start_entry("conversation")
        for field, value in (("person", person), ("stage", "Held"), ("date", held)):
            store.set_answer("conversation", field, value, entry=entry.id)
    async with open_app(catalog, size=SIZE) as (app, pilot):
        assert f"with {person}" in terminal_text(app)
        no_link_or_action(app)
        app.open_exercise("conversation")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen)
        await pilot.press("down", "s")
        await pilot.pause()
        notice = list(app._notifications)[-1]
        # Tests run without toasts on screen: draw this one as the toast would.
        assert Toast(notice).render().plain == f"{person}: Followed up."
        no_link_or_action(app)


@pytest.mark.parametrize("text", ["[/]", "[@click=app.quit]hi"])
async def test_a_notice_naming_the_exercise_shows_its_title_as_written(open_app, tmp_path, text) -> None:
    write(tmp_path / "pack", "pack.toml", pack(text))
    async with open_app(load_catalog([tmp_path / "pack"]), size=SIZE) as (app, pilot):
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen), app.screen
        app.screen.action_start_again()  # the palette's "start again", on an exercise with no answers
        await pilot.pause()
        notice = list(app._notifications)[-1]
        assert Toast(notice).render().plain == f"{text} is empty: there is nothing to set aside."


async def test_the_skipped_notice_shows_an_escape_in_a_file_name_as_symbols(open_app, tmp_path) -> None:
    write(tmp_path / "pack", f"{ESC}[_].toml", "broken = \n")
    async with open_app(load_catalog([tmp_path / "pack"]), size=SIZE) as (app, pilot):
        [notice] = app._notifications
        assert "\x1b" not in notice.message and "\x07" not in notice.message
        assert "• ␛[31mred␛]0;PWNED␇[_].toml: TOML syntax error" in notice.message and not notice.markup
