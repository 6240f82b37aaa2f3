"""User stories, driven through the real app."""

from __future__ import annotations

import asyncio
from datetime import datetime

from textual import events
from textual.widgets import Button, OptionList, Static, TextArea

from tests.app_fixtures import log_with, until
from workbook.cli import build_app
from workbook.store import ResumePoint, Store
from workbook.tui.screens.conversations import ConversationsScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.dialogs.help import HelpScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.problem import StoreProblemApp
from workbook.tui.screens.too_small import TooSmallScreen
from workbook.tui.session import SaveState, SaveStatus, Session


async def test_a_new_user_is_welcomed_and_enter_opens_mapping_at_its_intro(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.query_one("#welcome").display
        assert not screen.query_one("#continue").display
        assert app.focused.id == "start-next"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "mapping"
        assert "Before you decide where to go" in str(app.screen.query_one(".intro", Static).render())
        await pilot.press("enter")  # Start: the first page, cursor in the first field
        await pilot.pause()
        assert app.screen.page == 0
        assert app.focused.parent.id == "field-role"


async def test_a_new_user_reads_home_from_its_top_and_resizing_keeps_the_sidebar_whole(open_app, shipped_catalog):
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        main = app.screen.query_one("#home-main")
        assert app.focused.id == "start-next"
        assert main.max_scroll_y > 0 and main.scroll_y == 0, "the welcome's first lines stay in view"
        assert not app.screen.query_one("#conversation-status").display, "the monthly reminder says it once"
        assert "No career conversation held yet" in str(app.screen.query_one("#nudges", OptionList).get_option_at_index(0).prompt)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert main.max_scroll_y == 0, "at 100x30 the whole of home fits"
        steps = app.screen.query_one("#steps", OptionList)
        assert not steps.show_vertical_scrollbar and steps.size.height == steps.virtual_size.height
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "mapping"


async def test_the_resume_story(open_app, shipped_catalog, on_disk):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+pagedown")  # next page while the cursor is in a text field
        await pilot.pause()
        assert app.screen.page == 1
        assert app.focused.parent.id == "field-strengths"
        await pilot.press("tab")
        await pilot.pause()
        relied_on = app.screen.query_one("#field-relied_on TextArea", TextArea)
        assert app.focused is relied_on
        await pilot.press(*"Fixing the build")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("mapping", "relied_on")] == "Fixing the build"

    async with open_app(shipped_catalog) as (app, pilot):
        continue_button = app.screen.query_one("#continue", Button)
        assert continue_button.display and app.focused is continue_button
        assert str(continue_button.label) == "Continue: Mapping, page 2 of 6"
        assert "Last sitting:" in str(app.screen.query_one("#last-sitting", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == 1
        focused = app.focused
        assert isinstance(focused, TextArea) and focused.parent.id == "field-relied_on"
        assert focused.text == "Fixing the build"


async def test_typing_reaches_disk_within_the_debounce_without_leaving(open_app, shipped_catalog, on_disk):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press(*"Analyst")
        await pilot.pause(1.5)  # the debounce is half a second: this waits on the timer under test
        await app.workers.wait_for_complete()
        assert on_disk()[("mapping", "role")] == "Analyst"
        assert app.store.resume_point().field == "role"
        assert str(app.screen.query_one("#save-indicator").render()).startswith("Saved ")


async def test_the_sidebar_follows_an_answer_appearing_and_vanishing(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        def mapping_share() -> int:
            return next(row.share.answered for row in app.session.progress_rows() if row.exercise.id == "mapping")

        await pilot.press("1", "enter")
        await pilot.pause()
        assert mapping_share() == 0
        for keys, expected in ((["A"], 1), (["n", "a"], 1), (["backspace"] * 3, 0)):
            await pilot.press(*keys)
            await pilot.pause(0.7)  # the debounced save, and the progress worked out with it
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert mapping_share() == expected, keys


async def test_number_keys_c_and_the_sidebar_navigate(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        for key, exercise_id in [("3", "exploring"), ("6", "consolidating")]:
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.exercise.id == exercise_id
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen)
        await pilot.press("escape")
        await pilot.pause()
        steps = app.screen.query_one("#steps", OptionList)
        steps.focus()
        steps.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.exercise.id == "planning"


async def test_the_last_page_lists_what_is_left_as_it_changes_and_each_entry_goes_there(open_app, shipped_catalog,
                                                                                        on_disk):
    """Like rustlings: what is left is in view before Mark as done, kept up to date, each entry a way there."""
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        app.store.set_answer("planning", "destination", "Leading a small data team")
        await pilot.press("2", "enter")
        await pilot.pause()
        planning = shipped_catalog.get("planning")
        for _ in range(len(planning.pages) - 1):
            await pilot.press("ctrl+pagedown")
            await pilot.pause()
        screen = app.screen
        links = lambda: [link.field.id for link in screen.query(".still-empty-link")]  # noqa: E731
        assert "six_months" in links()
        assert "destination" not in links()  # written in an earlier sitting
        assert f"Page {len(planning.pages)} · Specific actions for the next six months" in \
            [str(link.label) for link in screen.query(".still-empty-link")]
        count = len(links())
        assert str(screen.query_one("#done-message", Static).render()) == \
            f"{count} required answers still empty: see Left to do at the end of the page."
        await pilot.press(*"Ask Sam")  # the cursor is in this page's actions: the list follows the typing
        await pilot.pause()
        label = lambda: next(str(link.label) for link in screen.query(".still-empty-link")  # noqa: E731
                             if link.field.id == "six_months")
        assert label().endswith('action 1 needs "Serves" and "How I will know it is done"'), label()
        await pilot.press("tab", *"Lead a project", "tab", *"A yes or a no")  # the action's two details
        await pilot.pause()
        assert "six_months" not in links() and len(links()) == count - 1
        await pilot.click("#done")  # still something left: the cursor goes to the list, nothing is marked
        await pilot.pause()
        assert app.focused is screen.query(".still-empty-link").first()
        assert not app.store.status("planning").done
        next(link for link in screen.query(".still-empty-link") if link.field.id == "stepping_stones").press()
        await until(lambda: screen.page == planning.page_index("stepping_stones") and app.focused is not None
                    and app.focused.parent is not None and app.focused.parent.id == "field-stepping_stones")
        box = screen.query_one("#field-stepping_stones")
        # In view once the page has scrolled there (a longer guidance above it takes a refresh or two).
        await until(lambda: box.region.overlaps(screen.query_one("#page-body").region), seen=lambda: box.region)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("planning", "six_months")] == [{"text": "Ask Sam", "due": "", "done": False,
                                                       "details": ["Lead a project", "A yes or a no"]}]


async def test_when_nothing_is_left_the_last_page_says_so(open_app, sample_catalog):
    async with open_app(sample_catalog) as (app, pilot):
        app.store.set_answer("sample", "headline", "Engineer")
        app.store.set_answer("sample", "strengths", ["Listening", "Writing"])
        app.store.set_answer("sample", "mood", "Curious")
        await pilot.press("1", "enter")
        await pilot.pause()
        for _ in range(2):
            await pilot.press("ctrl+pagedown")
            await pilot.pause()
        assert not app.screen.query(".still-empty-link")
        assert "Nothing is left" in str(app.screen.query_one("#still-empty-title", Static).render())
        await pilot.click("#done")
        await pilot.pause()
        assert app.store.status("sample").done


async def test_a_new_conversation_entry(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.entry is not None
        entry = app.screen.entry
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Ada Lovelace")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen)
        assert app.store.answer("conversation", "person", entry=entry) == "Ada Lovelace"
        entries = app.screen.query_one("#entries", OptionList)
        assert str(entries.get_option_at_index(0).prompt) == "Idea (1)"  # grouped by stage
        assert "Ada Lovelace" in str(entries.get_option_at_index(1).prompt)


async def test_the_log_keeps_its_cursor_when_a_save_redraws_it(open_app, shipped_catalog, store_path):
    log_with(store_path, "Ada", "Priya")
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
        entries = app.screen.query_one("#entries", OptionList)
        assert app.focused is entries and entries.highlighted is None  # nothing picked until the user picks
        await pilot.press("down")  # the top row, under the heading "Idea (2)": Priya
        assert entries.highlighted == 1
        await pilot.press("down")
        app.post_message(Session.ProgressChanged())  # what every finished save does
        await pilot.pause()
        assert entries.highlighted == 2
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.answer("conversation", "person", entry=app.screen.entry) == "Ada"


async def test_help_lists_the_keys_of_the_screen(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict((description, key) for key, description in app.screen.bindings)
        assert {"Next page", "Previous page", "Home", "Quit", "Help"} <= set(keys)
        assert "Here is what you wrote in Mapping" in app.screen.page_help
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)


async def test_a_second_app_on_the_same_store_says_it_is_already_open(shipped_catalog, store_path):
    first = Store(store_path)
    try:
        app, store = build_app(shipped_catalog, store_path)
        assert store is None and isinstance(app, StoreProblemApp)
        async with app.run_test(size=(100, 30)) as pilot:
            message = str(app.query_one("#problem-message", Static).render())
            assert "already open in another window" in message and "pid" in message
            await pilot.press("q")
        assert app.return_code == 1
    finally:
        first.close()


async def test_a_corrupt_store_gets_a_screen_and_stays_unchanged(shipped_catalog, store_path):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"{broken")
    app, store = build_app(shipped_catalog, store_path)
    async with app.run_test(size=(100, 30)):
        assert "cannot be read" in str(app.query_one("#problem-message", Static).render())
    assert store_path.read_bytes() == b"{broken"


async def test_too_small_a_window_asks_for_more_room_and_resizing_never_breaks(open_app, shipped_catalog):
    async with open_app(shipped_catalog, size=(40, 12)) as (app, pilot):
        assert isinstance(app.screen, TooSmallScreen)
        for size in [(80, 24), (200, 60), (40, 12), (100, 32)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)


async def test_enter_on_an_intro_picks_up_where_that_exercise_was_left(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1", "enter", "ctrl+pagedown", "ctrl+pagedown", "tab")
        await pilot.pause()
        assert app.screen.page == 2 and app.focused.parent.id == "field-feedback_themes"
        await pilot.press("escape", "2", "escape", "1")  # leave, visit Planning, come back
        await pilot.pause()
        assert app.screen.page == -1
        assert str(app.screen.query_one("#next", Button).label) == "Continue on page 3"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.page == 2
        assert app.focused.parent.id == "field-feedback_themes"


async def test_continue_scrolls_to_a_field_below_the_fold(open_app, shipped_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("planning", "destination", "A long answer\n" * 6)
        store.set_resume_point(ResumePoint("planning", 1, "confidence"))
    async with open_app(shipped_catalog, size=(100, 30)) as (app, pilot):
        await pilot.press("enter")  # Continue
        await pilot.pause()
        body = app.screen.query_one("#page-body")
        field = app.screen.query_one("#field-confidence")
        assert app.focused in field.query("*")
        assert body.scroll_y > 0
        assert body.region.contains_region(field.region.intersection(body.region))
        assert field.region.y < body.region.bottom - 2  # on screen, not just scrolled towards


async def test_keys_typed_while_a_page_changes_reach_its_first_field(open_app, shipped_catalog, monkeypatch):
    """A fast typist: the words after the page key arrive before the new page is built."""
    build_page = ExerciseScreen._build_page

    async def slow_build(screen, focus_field):  # a slow machine: the page takes a while to appear
        await asyncio.sleep(0.3)
        await build_page(screen, focus_field)

    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("2", "enter")  # Planning's first page
        await pilot.pause()
        monkeypatch.setattr(ExerciseScreen, "_build_page", slow_build)
        # Straight into the app's queue, as a terminal sends them, without the pilot's wait after each key.
        app.post_message(events.Key("ctrl+pagedown", None))
        await until(lambda: app.screen.page == 1)  # polled, not slept: a loaded machine is slow to get there
        assert not app.screen.query(".long"), "the new page is still being built"
        for character in "Near the sea":
            app.post_message(events.Key("space" if character == " " else character, character))
        await until(lambda: isinstance(app.focused, TextArea) and app.focused.text == "Near the sea")
        assert app.screen.query(".long")
        await pilot.press("escape")
        await pilot.pause()
    with Store(app.store.path, readonly=True) as store:
        assert store.answer("planning", "destination") == "Near the sea"


async def test_f2_shows_earlier_versions_and_brings_one_back(open_app, shipped_catalog, store_path):
    from datetime import datetime, timezone

    from workbook.tui.dialogs.versions import VersionsScreen

    with Store(store_path, clock=lambda: datetime(2026, 9, 1, tzinfo=timezone.utc)) as store:
        store.set_answer("planning", "destination", "Head of data")
        store.set_resume_point(ResumePoint("planning", 1, "destination"))
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("enter")  # Continue: in the destination
        await pilot.pause()
        await pilot.press(*" Run a small team.")  # a change in a later sitting keeps the old one
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, VersionsScreen)
        versions = app.screen.query_one("#versions", OptionList)
        assert versions.option_count == 2 and versions.highlighted == 1
        assert str(versions.get_option_at_index(1).prompt).endswith("Head of data")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.query_one(".long", TextArea).text == "Head of data"
        assert app.store.answer("planning", "destination") == "Head of data"
        assert [r.value for r in app.store.revisions("planning", "destination")] == [
            "Head of data", "Head of data Run a small team."]  # nothing is lost either way


async def test_a_fresh_page_on_a_short_terminal_shows_the_box_the_cursor_is_in(open_app, shipped_catalog):
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        body, box = app.screen.query_one("#page-body"), app.focused
        assert box.parent.id == "field-role"
        await until(lambda: body.region.contains_region(box.region))  # the box the user types into is in view
        assert body.scroll_y < body.max_scroll_y or body.max_scroll_y == 0
    async with open_app(shipped_catalog, size=(100, 30)) as (app, pilot):
        await pilot.press("2", "enter", "ctrl+pagedown")  # a long guidance above a tall text box
        await pilot.pause()
        body, box = app.screen.query_one("#page-body"), app.focused
        assert box.parent.id == "field-destination"
        await until(lambda: box.region.intersection(body.region).height >= 3)  # its first lines are in view
        assert body.scroll_y < body.max_scroll_y, "scrolled no further than needed: the guidance stays above"


async def test_each_fresh_page_starts_from_its_own_top_not_the_last_pages_scroll(open_app, shipped_catalog):
    async with open_app(shipped_catalog, size=(100, 30)) as (app, pilot):
        await pilot.press("1", "enter", *"Analyst", "tab", *"Going well", "ctrl+pagedown")
        await pilot.pause()
        body = app.screen.query_one("#page-body")
        assert app.screen.page == 1 and body.max_scroll_y > 0
        await until(lambda: body.scroll_y == 0)  # the scroll is set after the page's first layout
        await pilot.press("ctrl+pageup")  # back: the page opens at its guidance
        await pilot.pause()
        assert app.screen.page == 0 and app.focused.parent.id == "field-role"
        await until(lambda: body.scroll_y == 0)


async def test_an_exercise_title_reads_whole_beside_the_save_indicator_at_80_columns(open_app, shipped_catalog):
    # The indicator kept room for its longest message and cut the title to "Consolidatin" (found in tmux).
    title_text = "Consolidating and reviewing"
    failing = "Not saved: file changed (Ctrl+S)"
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        await pilot.press("6")
        await until(lambda: isinstance(app.screen, ExerciseScreen))
        title, indicator = app.screen.query_one("#exercise-title"), app.screen.query_one("#save-indicator")
        assert str(title.render()) == title_text
        app.save_status = SaveStatus(SaveState.SAVED, datetime(2026, 12, 1, 12, 4).astimezone())
        await pilot.pause()
        assert title.region.width >= len(title_text)
        assert indicator.region.width >= len("Saved 12:04")
        app.save_status = SaveStatus(SaveState.HELD)  # rare and important: the whole message shows, the title gives way
        await until(lambda: indicator.region.width >= len(failing))
        assert 0 < title.region.width < len(title_text)
        app.save_status = SaveStatus(SaveState.SAVED, datetime(2026, 12, 1, 12, 5).astimezone())
        await until(lambda: title.region.width >= len(title_text))
