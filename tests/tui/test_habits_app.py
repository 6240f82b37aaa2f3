"""The habits in the app: the Actions screen, the log by stage, reminders on home and the next step.
The store's clock is frozen, so "today" is 23 November 2026 whatever the real date."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Button, Checkbox, Input, OptionList, Static

from workbook import locations
from workbook.habits import ActionCount
from workbook.store import ResumePoint, Store
from workbook.tui.screens.actions import ActionsScreen
from workbook.tui.dialogs.ask import AskLineScreen
from workbook.tui.screens.conversations import ConversationsScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.prep import PrepScreen
from workbook.tui.widgets.progress_sidebar import ProgressSidebar

EARLIER = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
SIX_MONTHS_PAGE = 8  # Planning's page with the six-month actions (a test below checks it)


def now():
    return NOW


def fill(store: Store) -> str:
    store.set_answer("planning", "six_months", [
        {"text": "Finish the SQL course", "due": "2026-11-27", "done": False},
        {"text": "Ask Sam for an intro", "due": "2026-11-20", "done": False},
    ])
    store.set_answer("mapping", "insight_actions", [{"text": "Ask three colleagues", "due": "", "done": False}])
    entry = store.start_entry("conversation").id
    store.set_answer("conversation", "person", "Ada Okafor", entry)
    store.set_answer("conversation", "stage", "Held", entry)
    store.set_answer("conversation", "date", "2026-11-19", entry)
    store.set_answer("conversation", "agreed_actions", [{"text": "Send Ada my plan", "due": "2026-12-02",
                                                         "done": False}], entry)
    store.set_setting("your_name", "Sam Rivers")  # given before: the follow-up page asks nothing
    return entry


def listed(app) -> list[str]:
    return [item.text for item in app.screen.items]


async def test_the_action_list_gathers_and_ticks_where_the_action_lives(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        entry = fill(store)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        assert app.screen.query_one("#steps", OptionList).get_option("actions")
        assert app.screen.query_one(ProgressSidebar).actions == ActionCount(open=4, overdue=1)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert listed(app) == ["Ask Sam for an intro", "Finish the SQL course", "Send Ada my plan",
                               "Ask three colleagues"]
        assert str(app.screen.query_one("#actions-summary", Static).render()) == "4 open, 1 late, by due date."
        await pilot.press("space")  # tick the first: Planning's
        await pilot.pause()
        assert app.store.answer("planning", "six_months")[1]["done"] is True
        assert "Ask Sam for an intro" not in listed(app)  # done ones are hidden until f
        await pilot.press("f")
        await pilot.pause()
        assert listed(app)[-1] == "Ask Sam for an intro"
        assert app.screen.selected.text == "Finish the SQL course"  # the cursor stayed on the first row
        await pilot.press("enter")  # opens where it was written
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "planning"
        assert app.screen.page == SIX_MONTHS_PAGE
        boxes = app.screen.query(".action-done").results(Checkbox)
        assert [box.value for box in boxes] == [False, True]  # the tick from the list is in the field
    with Store(store_path, readonly=True) as store:
        assert store.answer("planning", "six_months")[1] == {"text": "Ask Sam for an intro", "due": "2026-11-20",
                                                             "done": True}
        assert store.answer("conversation", "agreed_actions", entry)[0]["done"] is False


async def test_a_tick_in_the_exercise_shows_in_the_list(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        fill(store)
        store.set_resume_point(ResumePoint("planning", SIX_MONTHS_PAGE, "six_months"))
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")  # Continue: on the six-month actions, in the first action's text
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab")  # past its two details and its due date, to its tick box
        assert isinstance(app.focused, Checkbox)
        await pilot.press("space", "escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert "Finish the SQL course" not in listed(app)
        assert str(app.screen.query_one("#actions-summary", Static).render()).startswith("3 open, 1 late")


async def test_a_due_date_is_checked_and_written_back(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        fill(store)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("a", "d")
        await pilot.pause()
        assert isinstance(app.screen, AskLineScreen)
        await pilot.press("ctrl+u", *"Friday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AskLineScreen), "a bad date keeps the dialog open"
        assert "YYYY-MM-DD" in str(app.screen.query_one("#ask-error", Static).render())
        app.screen.query_one(Input).value = ""
        await pilot.press(*"2026-12-05", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert app.store.answer("planning", "six_months")[1]["due"] == "2026-12-05"
        assert listed(app)[0] == "Finish the SQL course"  # re-sorted


async def test_home_nudges_and_takes_the_user_to_the_follow_up(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        entry = fill(store)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        nudges = app.screen.query_one("#nudges", OptionList)
        shown = [str(nudges.get_option_at_index(i).prompt) for i in range(nudges.option_count)]
        assert shown == ["▸ You talked with Ada Okafor 4 days ago: send the follow-up (it is drafted for you).",
                         "▸ 1 action is past the date you set: do it, give it a new date or tick it."]
        assert str(app.screen.query_one("#conversation-status", Static).render()) == \
            "Last career conversation: 4 days ago, with Ada Okafor."
        nudges.focus()
        nudges.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.entry == entry
        assert app.screen.exercise.pages[app.screen.page].id == "follow_up"
        app.session.change_answer("conversation", "stage", "Followed up", entry)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert nudges.option_count == 1 and "past the date" in str(nudges.get_option_at_index(0).prompt)


async def test_the_log_groups_by_stage_and_moves_a_conversation_on(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        fill(store)
        idea = store.start_entry("conversation").id
        store.set_answer("conversation", "person", "Sam Lee", idea)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
        entries = app.screen.query_one("#entries", OptionList)

        def rows() -> list[str]:
            return [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]

        assert rows() == ["Idea (1)", "◐ 2026-11-20  Sam Lee", "Held (1)", "◐ 2026-11-19  Ada Okafor"]
        await pilot.press("down")  # pick the top row
        assert entries.highlighted == 1
        await pilot.press("s", "s")  # Idea -> Asked -> Booked
        await pilot.pause()
        assert app.store.answer("conversation", "stage", idea) == "Booked"
        assert rows()[:2] == ["Booked (1)", "◐ 2026-11-20  Sam Lee"] and entries.highlighted == 1
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen) and app.screen.sheet.title.endswith("Sam Lee")
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [written] = locations.export_dir().glob("prep-sheet-*.md")
        assert "# Prep sheet: conversation with Sam Lee" in written.read_text()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen)


async def test_leaving_after_work_asks_once_for_a_next_step_and_the_next_launch_asks_how_it_went(
        open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog, clock=lambda: EARLIER, ask_next_step=True) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press(*"Analyst", "escape")
        await pilot.pause()
        assert isinstance(app.screen, AskLineScreen)
        await pilot.press(*"Email Priya", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1", "enter", "end", *" at Acme", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "once a sitting is enough"
    async with open_app(shipped_catalog, clock=now, ask_next_step=True) as (app, pilot):
        question = app.screen.query_one("#step-question", Static)
        assert app.screen.query_one("#step-check").display
        assert str(question.render()) == "Last time you chose a next step: “Email Priya”. Did you do it?"
        await pilot.click("#step-not-yet")
        await pilot.pause()
        assert not app.screen.query_one("#step-check").display
        await pilot.press("a")
        await pilot.pause()
        assert listed(app) == ["Email Priya"]  # not done: it stays on the list
        await pilot.press("ctrl+q")  # nothing written in this sitting: no question
        await pilot.pause()
        assert not app.is_running
    with Store(store_path, readonly=True) as store:
        [step] = store.next_steps()
        assert (step.text, step.asked, step.done, step.after) == ("Email Priya", True, False, "mapping")


async def test_the_next_step_question_is_skippable_and_quitting_after_work_asks_it(
        open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog, clock=lambda: EARLIER, ask_next_step=True) as (app, pilot):
        await pilot.press("1", "enter", *"Analyst", "escape")
        await pilot.pause()
        await pilot.press("escape")  # skipped
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running, "skipped once: quitting does not ask again"
    with Store(store_path, readonly=True) as store:
        assert store.next_steps() == []
    async with open_app(shipped_catalog, clock=now, ask_next_step=True) as (app, pilot):
        await pilot.press("1", "enter", "end", *" at Acme")
        await pilot.press("ctrl+q")  # quitting after work asks, then quits
        await pilot.pause()
        assert isinstance(app.screen, AskLineScreen) and app.is_running
        await pilot.press(*"Book a coffee with Jo", "enter")
        await pilot.pause()
        assert not app.is_running
    with Store(store_path, readonly=True) as store:
        assert [step.text for step in store.next_steps()] == ["Book a coffee with Jo"]
        assert store.answer("mapping", "role") == "Analyst at Acme"


async def test_the_follow_up_draft_is_saved_on_its_own(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: EARLIER) as store:
        entry = fill(store)
        store.set_answer("conversation", "key_points", ["Find a sponsor"], entry)
        store.set_resume_point(ResumePoint("conversation", 6, None, entry))  # Follow up, and the next one
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.exercise.pages[app.screen.page].id == "follow_up"
        app.screen.query_one(".save-file", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    [written] = locations.export_dir().glob("your-follow-up-message-ada-okafor-2026-11-23.txt")
    assert written.read_text() == (
        "Hi Ada,\n\nThank you for taking the time to talk with me. These are the points I took away:\n"
        "Find a sponsor\n\n"
        "I will send you my plan by Wednesday 2 December.\n\n"
        "If I have missed anything or got something wrong, please let me know.\n\nBest wishes,\nSam Rivers\n")
