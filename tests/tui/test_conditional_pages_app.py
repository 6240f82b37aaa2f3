"""Pages shown only for some answers, in the app: a manager talk and a curiosity talk walk different pages,
page numbers count the pages shown, and nothing written on a page that an answer hides is ever lost."""

from __future__ import annotations

from textual.widgets import Button, Label, RadioSet, Static

from tests.conftest import FIXTURES
from tests.tui.test_app import until
from workbook.exercises import load_catalog
from workbook.store import ResumePoint, Store
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.widgets.still_empty import StillEmpty


def indicator(app) -> str:
    return str(app.screen.query_one("#page-indicator", Label).render())


def page_id(app) -> str:
    return app.screen.exercise.pages[app.screen.page].id


def named(store_path) -> None:
    """The name that signs the follow-up is known: its question would open over the last page."""
    with Store(store_path) as store:
        store.set_setting("your_name", "Sam Rivers")


async def new_conversation(app, pilot) -> None:
    await pilot.press("c", "n")
    await until(lambda: isinstance(app.screen, ExerciseScreen))
    await pilot.press("enter")  # Start
    await until(lambda: page_id(app) == "who" and app.screen.query("#field-kind"))


async def choose(app, pilot, field: str, option: int) -> None:
    """Pick the option at `option` of a choice field on this page, by keys."""
    app.screen.query_one(f"#field-{field} RadioSet", RadioSet).focus()
    await pilot.pause()
    await pilot.press(*["down"] * option, "enter")
    await pilot.pause()


async def next_page(app, pilot) -> str:
    before = app.screen.page
    await pilot.press("ctrl+pagedown")
    await until(lambda: app.screen.page != before and app.screen.query("#page-body FieldEditor"))
    await pilot.pause()
    return page_id(app)


async def write(app, pilot, field: str, text: str) -> None:
    app.screen.query_one(f"#field-{field}").focus_input()
    await pilot.pause()
    await pilot.press(*text)


async def test_a_manager_talk_walks_the_manager_pages_and_is_done_without_their_story(
        open_app, shipped_catalog, store_path):
    named(store_path)
    async with open_app(shipped_catalog) as (app, pilot):
        await new_conversation(app, pilot)
        assert indicator(app) == "Page 1 of 4 · Who and why"  # until the kind is chosen
        await write(app, pilot, "person", "Priya")
        await choose(app, pilot, "kind", 1)  # With my manager
        assert indicator(app) == "Page 1 of 6 · Who and why"
        walked = [page_id(app)]
        numbers = [indicator(app)]
        for _ in range(5):
            walked.append(await next_page(app, pilot))
            numbers.append(indicator(app))
            if walked[-1] == "prepare":
                await write(app, pilot, "learn", "How")
                await write(app, pilot, "seeking", "A move")
            elif walked[-1] == "manager_said":
                await write(app, pilot, "manager_view", "Keen")
            elif walked[-1] == "after":
                await write(app, pilot, "key_points", "Sponsor")
        assert walked == ["who", "prepare", "manager", "manager_said", "after", "follow_up"]
        assert numbers[2] == "Page 3 of 6 · With your manager: make your review count"
        assert numbers[-1] == "Page 6 of 6 · Follow up, and the next one"
        assert not app.screen.query_one("#next", Button).display and app.screen.query_one("#done", Button).display
        await pilot.press("ctrl+pageup", "ctrl+pageup")
        await until(lambda: page_id(app) == "manager_said")
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")
        await until(lambda: page_id(app) == "follow_up" and app.screen.query(StillEmpty))
        await pilot.pause()
        assert "Every required answer is written." in str(app.screen.query_one("#done-message", Static).render())
        app.screen.query_one("#done", Button).press()  # "their story", required for other talks, is not asked
        await until(lambda: not isinstance(app.screen, ExerciseScreen))
    with Store(store_path, readonly=True) as store:
        [entry] = store.entries("conversation")
        assert store.status("conversation", entry.id).done
        answers = store.answers("conversation", entry.id)
        assert answers["kind"] == "With my manager" and answers["manager_view"] == "Keen"
        assert "their_story" not in answers


async def test_a_curiosity_talk_records_their_story_and_skips_the_manager_pages(open_app, shipped_catalog, store_path):
    named(store_path)
    async with open_app(shipped_catalog) as (app, pilot):
        await new_conversation(app, pilot)
        await write(app, pilot, "person", "Ada")
        await choose(app, pilot, "kind", 0)  # Curiosity
        assert indicator(app) == "Page 1 of 5 · Who and why"
        walked = [page_id(app)] + [await next_page(app, pilot) for _ in range(4)]
        assert walked == ["who", "prepare", "record", "after", "follow_up"]
        app.screen.query_one("#done", Button).press()
        await pilot.pause()
        links = [str(link.label) for link in app.screen.query(".still-empty-link")]
        assert "Page 3 · Their story: the path that brought them here" in links  # numbered as shown
        assert not any("manager" in link.lower() for link in links)
        assert isinstance(app.screen, ExerciseScreen)  # not done: their story is asked of this talk
    with Store(store_path, readonly=True) as store:
        [entry] = store.entries("conversation")
        assert not store.status("conversation", entry.id).done


async def test_answers_on_a_page_the_kind_hides_are_kept_and_come_back(open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog) as (app, pilot):
        await new_conversation(app, pilot)
        await choose(app, pilot, "kind", 1)  # With my manager
        for _ in range(3):
            await next_page(app, pilot)
        assert page_id(app) == "manager_said"
        await write(app, pilot, "manager_view", "Sees me in ops")
        await pilot.press("ctrl+pageup", "ctrl+pageup", "ctrl+pageup")
        await until(lambda: page_id(app) == "who" and app.screen.query("#field-kind"))
        await choose(app, pilot, "kind", 2)  # With a mentor
        assert indicator(app) == "Page 1 of 5 · Who and why"
        assert [await next_page(app, pilot) for _ in range(2)] == ["prepare", "record"]
        app.session.save_now()
        await app.workers.wait_for_complete()
        with Store(store_path, readonly=True) as store:  # on disk, while the talk is with a mentor
            [entry] = store.entries("conversation")
            answers = store.answers("conversation", entry.id)
            assert answers["kind"] == "With a mentor" and answers["manager_view"] == "Sees me in ops"
        await pilot.press("ctrl+pageup", "ctrl+pageup")
        await until(lambda: page_id(app) == "who" and app.screen.query("#field-kind"))
        await choose(app, pilot, "kind", 1)  # back to the manager: the page and its answer return
        for _ in range(3):
            await next_page(app, pilot)
        assert page_id(app) == "manager_said"
        assert app.screen.query_one("#field-manager_view TextArea").text == "Sees me in ops"


async def test_a_point_on_a_page_the_answers_hide_lands_on_the_nearest_shown_one_and_says_why(
        open_app, store_path):
    catalog = load_catalog([FIXTURES / "conditional"])
    with Store(store_path) as store:
        store.set_answer("talk", "kind", "Peer")
        store.set_answer("talk", "boss_view", "Written when it was a manager talk")
    async with open_app(catalog) as (app, pilot):
        # As a search hit or a recall's link does: open the exercise at an answer on a hidden page.
        app.open_exercise("talk", point=ResumePoint("talk", 1, "boss_view"))
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.query("#field-story"))
        await pilot.pause()
        assert page_id(app) == "story" and indicator(app) == "Page 2 of 3 · Their story"
        notes = [str(note.message) for note in app._notifications]
        assert notes == ['"Your manager\'s view" is only for "Who with?" "Manager": that answer, on page 1, '
                         "brings it back. Nothing on it is lost."]


async def test_the_intro_counts_the_pages_shown_and_continue_names_the_shown_number(open_app, store_path):
    catalog = load_catalog([FIXTURES / "conditional"])
    with Store(store_path) as store:
        store.set_answer("talk", "kind", "Peer")
        store.set_answer("talk", "topics", ["Moves"])
        store.set_resume_point(ResumePoint("talk", 3, "moves_note"))  # the fourth page in the file
    async with open_app(catalog) as (app, pilot):
        assert "Continue: Talk, page 3 of 4" in str(app.screen.query_one("#continue", Button).label)
        await pilot.press("1")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.query(".intro-meta"))
        await pilot.pause()
        meta = str(app.screen.query_one(".intro-meta", Static).render())
        assert meta == "About 20 minutes · 4 pages; some pages appear only for some answers"
        assert str(app.screen.query_one("#next", Button).label) == "Continue on page 3"


async def test_an_answer_that_adds_a_last_page_turns_mark_as_done_into_next(open_app, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pair.toml").write_text('''id = "pair"
title = "Pair"
intro = "Two pages, the second for some answers."
step = 1

[[pages]]
id = "one"
title = "One"

  [[pages.fields]]
  id = "mode"
  kind = "choice"
  label = "Mode"
  options = ["Short", "Long"]

[[pages]]
id = "two"
title = "Two"
when = { field = "mode", is = ["Long"] }

  [[pages.fields]]
  id = "more"
  kind = "line"
  label = "More"
''')
    catalog = load_catalog([pack])
    assert not catalog.errors
    async with open_app(catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.query("#field-mode"))
        await pilot.pause()
        next_button, done = app.screen.query_one("#next", Button), app.screen.query_one("#done", Button)
        assert indicator(app) == "Page 1 of 1 · One" and done.display and not next_button.display
        await choose(app, pilot, "mode", 1)  # Long: a second page
        await until(lambda: app.screen.query_one("#next", Button).display)
        assert indicator(app) == "Page 1 of 2 · One" and not app.screen.query_one("#done", Button).display
        assert isinstance(app.focused, RadioSet)  # the page was built again with the cursor where it was
        assert await next_page(app, pilot) == "two"


async def test_the_reminder_to_write_up_a_manager_talk_opens_the_page_that_records_it(open_app, shipped_catalog,
                                                                                      store_path):
    from datetime import datetime, timezone

    from textual.widgets import OptionList

    with Store(store_path) as store:
        entry = store.start_entry("conversation").id
        for field, value in [("person", "Priya Shah"), ("kind", "With my manager"), ("stage", "Booked"),
                             ("date", "2026-11-20")]:
            store.set_answer("conversation", field, value, entry)
    async with open_app(shipped_catalog, clock=lambda: datetime(2026, 11, 23, 9, tzinfo=timezone.utc)) as (app, pilot):
        nudges = app.screen.query_one("#nudges", OptionList)
        assert "Did your conversation with Priya Shah" in str(nudges.get_option_at_index(0).prompt)
        nudges.focus()
        nudges.highlighted = 0
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.query("#field-manager_view"))
        await pilot.pause()
        # "Record: their story" is not asked of a manager talk: its own record page, and no note about a hidden one.
        assert page_id(app) == "manager_said" and not app._notifications
