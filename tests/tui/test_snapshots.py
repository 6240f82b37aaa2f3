"""The look of each screen. Update with `pytest --snapshot-update` after looking at the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import snapshot_app
from tests.app_fixtures import until
from workbook.store import ResumePoint, Store
from workbook.tui.dialogs.ask import ConfirmScreen
from workbook.tui.screens.problem import StoreProblemApp

SIZE = (100, 32)


@pytest.fixture
def app_on(store_path):
    apps = []

    def make(catalog, fill=None):
        app = snapshot_app.build(store_path, catalog, fill)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.store.close()


def test_home_new_user(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped()), terminal_size=SIZE, run_before=snapshot_app.settle())


def test_home_returning_user(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.returning_user), terminal_size=SIZE,
                        run_before=snapshot_app.settle())


def test_home_returning_user_light(snap_compare, app_on):
    app = app_on(snapshot_app.shipped(), snapshot_app.returning_user)
    assert snap_compare(app, terminal_size=SIZE, run_before=snapshot_app.settle(theme="textual-light"))


def test_exercise_intro(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped()), terminal_size=SIZE, run_before=snapshot_app.settle("2"))


@pytest.mark.parametrize("page", [1, 2, 3], ids=["line-text-list", "choice-multi-scale",
                                                 "table-date-checklist-actions-recall-compose"])
def test_each_field_kind(snap_compare, app_on, page):
    app = app_on(snapshot_app.sample(), snapshot_app.sample_answers)
    assert snap_compare(app, terminal_size=(100, 44),
                        run_before=snapshot_app.settle("1", *["ctrl+pagedown"] * page))


def test_help(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped()), terminal_size=SIZE,
                        run_before=snapshot_app.settle("1", "enter", "f1"))


def test_conversation_list(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.returning_user), terminal_size=SIZE,
                        run_before=snapshot_app.settle("c"))


def test_already_open(snap_compare, store_path):
    holder = Store(store_path)
    try:
        app = StoreProblemApp("This workbook is already open",
                              f"This workbook is already open in another window (pid 4242): {store_path.name}. "
                              "Close that one first; this copy changed nothing.")
        assert snap_compare(app, terminal_size=SIZE)
    finally:
        holder.close()


@pytest.fixture
def fixed_documents(monkeypatch):
    """A documents folder that reads the same on every machine (nothing is written in these tests)."""
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", "/home/you/Documents")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_export(snap_compare, app_on, fixed_documents, theme):
    app = app_on(snapshot_app.shipped(), snapshot_app.returning_user)
    assert snap_compare(app, terminal_size=SIZE, run_before=snapshot_app.settle("2", theme=theme, over=("f4",)))


def test_export_narrow_backup(snap_compare, app_on, fixed_documents):
    app = app_on(snapshot_app.shipped(), snapshot_app.returning_user)
    # Tab past the list and its three buttons to the formats, then pick the backup.
    keys = ("e", "tab", "tab", "tab", "tab", "down", "down", "down", "enter")
    assert snap_compare(app, terminal_size=(80, 30), run_before=snapshot_app.settle(over=keys))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_changed_file_dialog(snap_compare, app_on, theme):
    from workbook.tui.dialogs.changed_file import ChangedFileScreen

    app = app_on(snapshot_app.shipped(), snapshot_app.returning_user)
    settle = snapshot_app.settle("2", "enter", theme=theme)

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.push_screen(ChangedFileScreen(Path("/home/you/.local/share/career-workbook/workbook.json")))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_next_step_question_on_leaving(snap_compare, app_on, theme):
    """A line asked in the shared dialog style, as the leaving flow asks it, with a line typed."""
    from workbook.tui.flows import ask_next_step

    app = app_on(snapshot_app.shipped(), snapshot_app.returning_user)
    settle = snapshot_app.settle("2", "enter", theme=theme)

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.session.next_step_asked = False
        pilot.app.session.should_ask_next_step = lambda: True  # as after an answer changed in this sitting
        pilot.app.ask(ask_next_step(pilot.app, pilot.app.session, "planning"))
        while not pilot.app.screen.query("#ask-line"):
            await pilot.pause(0.02)
        await pilot.press(*"Email Priya")
        for widget in pilot.app.screen.query("Input"):  # a blinking cursor: held steady for the picture
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_follow_up_page(snap_compare, app_on, theme):
    """The draft as a message to send: her first name, plain sentences, both sides' actions, your name."""
    app = app_on(snapshot_app.shipped(), snapshot_app.follow_up_user)
    assert snap_compare(app, terminal_size=(100, 44), run_before=snapshot_app.settle("enter", theme=theme))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_manager_page(snap_compare, app_on, theme):
    """The page only a talk with the manager shows: the review as the moment, Planning and success recalled."""
    app = app_on(snapshot_app.shipped(), snapshot_app.manager_talk_user)
    settle = snapshot_app.settle("enter", theme=theme)

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.screen.query_one("#page-body").scroll_home(animate=False, immediate=True)  # from its guidance
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_your_name_asked_on_the_follow_up_page(snap_compare, app_on, theme):
    """As the page asks it the first time (asked here once the page's save is done, for a steady picture)."""
    from workbook.tui.flows import ask_your_name

    app = app_on(snapshot_app.shipped(), snapshot_app.follow_up_user_without_a_name)
    app.session.your_name_asked = True
    settle = snapshot_app.settle("enter", theme=theme)

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.session.your_name_asked = False
        pilot.app.ask(ask_your_name(pilot.app, pilot.app.session))
        while not pilot.app.screen.query("#ask-line"):
            await pilot.pause(0.02)
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 44), run_before=run_before)


def test_home_with_skipped_exercise_files(snap_compare, app_on):
    app = app_on(snapshot_app.broken())
    assert snap_compare(app, terminal_size=SIZE, run_before=snapshot_app.settle())


def test_actions(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.habits_user), terminal_size=SIZE,
                        run_before=snapshot_app.settle("a"))


def test_conversations_grouped_by_stage(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.habits_user), terminal_size=SIZE,
                        run_before=snapshot_app.settle("c"))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_energy_log(snap_compare, app_on, theme):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.energy_notes), terminal_size=SIZE,
                        run_before=snapshot_app.settle("j", theme=theme))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_energy_note_page(snap_compare, app_on, theme):
    """A second note opens on its page, dated today, the cursor in the date."""
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.energy_notes), terminal_size=SIZE,
                        run_before=snapshot_app.settle("j", "n", theme=theme))


def test_mapping_energy_page_recalls_the_energy_log(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.energy_notes), terminal_size=(100, 40),
                        run_before=snapshot_app.settle("1", "enter"))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_home_with_nudges_and_a_next_step_to_check(snap_compare, app_on, theme):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.habits_user), terminal_size=(100, 40),
                        run_before=snapshot_app.settle(theme=theme))


def test_prep_sheet(snap_compare, app_on):
    assert snap_compare(app_on(snapshot_app.shipped(), snapshot_app.habits_user), terminal_size=SIZE,
                        run_before=snapshot_app.settle("c", "down", "p"))  # Sam Lee, booked


def test_earlier_versions(snap_compare, app_on, store_path):
    from datetime import datetime, timezone

    from workbook.store import ResumePoint

    for month, text in [(3, "Head of data in a large retailer, in London."),
                        (7, "Leading a small data team in health."),
                        (10, "Leading a small data team in health, near the sea, with time for family.")]:
        with Store(store_path, clock=lambda: datetime(2026, month, 1, tzinfo=timezone.utc)) as store:
            store.set_answer("planning", "destination", text)
            store.set_resume_point(ResumePoint("planning", 1, "destination"))
    assert snap_compare(app_on(snapshot_app.shipped()), terminal_size=SIZE,
                        run_before=snapshot_app.settle("enter", over=("f2",)))


@pytest.fixture
def over_time_app(store_path):
    snapshot_app.over_time_user(store_path)
    app = snapshot_app.build(store_path, snapshot_app.shipped())
    yield app
    app.store.close()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_home_with_answers_asking_still_true(snap_compare, over_time_app, theme):
    assert snap_compare(over_time_app, terminal_size=(100, 40), run_before=snapshot_app.settle(theme=theme))


def test_history_with_reasons_and_a_word_diff(snap_compare, over_time_app):
    # Now, the reason it was written, and the words changed since the version of March.
    assert snap_compare(over_time_app, terminal_size=(100, 36),
                        run_before=snapshot_app.settle("enter", over=("f2", "up")))


def test_then_beside_now_after_starting_again(snap_compare, over_time_app):
    assert snap_compare(over_time_app, terminal_size=(100, 36), run_before=snapshot_app.settle("enter", "tab", "tab"))


def test_start_again_confirmation(snap_compare, over_time_app):
    async def run(pilot) -> None:
        await snapshot_app.settle("1")(pilot)
        # What the button does, without its pressed look: that fades on a timer, so the screen under the
        # dialog was drawn with it or without it depending on the machine's load (and a click could miss).
        pilot.app.screen.action_start_again()
        await until(lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await snapshot_app.settle()(pilot)

    assert snap_compare(over_time_app, terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_search_finds_versions_reasons_and_next_steps(snap_compare, store_path, theme):
    """Each result says what it is: the answer now, an earlier version, a reason for a change, a next step."""
    snapshot_app.over_time_user(store_path)
    with Store(store_path, clock=lambda: snapshot_app.SITTING) as store:
        store.add_next_step("Ask Priya which charities hire data people", "planning")
    app = snapshot_app.build(store_path, snapshot_app.shipped())
    settle = snapshot_app.settle(theme=theme, over=("slash", *"data"))

    async def run_before(pilot):
        await settle(pilot)
        await pilot.pause(0.3)  # the search waits for typing to stop
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        app.store.close()


def _at_page(page: int, field: str, answers: dict | None = None):
    """A returning user, Planning left on `page` at `field`, with `answers` written there."""
    def fill(store: Store) -> None:
        snapshot_app.returning_user(store)
        for name, value in (answers or {}).items():
            store.set_answer("planning", name, value)
        store.set_resume_point(ResumePoint("planning", page, field))
    return fill


SKILLS = [["Stakeholder management", "2", "4", "Shadow the operations director's monthly review",
           "Yes, through the routing project"]]
SIX_MONTHS = [{"text": "Ask Sam for an introduction to the NHS data lead", "due": "2026-12-05", "done": False}]


def _planning_page(field_id: str) -> int:
    return snapshot_app.shipped().get("planning").page_index(field_id)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("page", ["scale", "table", "left-to-do"])
def test_exercise_pages_at_80_columns(snap_compare, app_on, page, theme):
    """At 80x24: a 1-10 scale whole with both ends; a table row as a card whose boxes read from their start;
    the last page's list of what is left, after Mark as done put the cursor on it."""
    if page == "scale":
        app, keys = app_on(snapshot_app.shipped()), ("1", "enter", *["ctrl+pagedown"] * 3, "tab", "tab")
    elif page == "table":
        app, keys = app_on(snapshot_app.shipped(), _at_page(_planning_page("skills_gap"), "skills_gap", {"skills_gap": SKILLS})), ("2", "enter")
    else:
        app, keys = app_on(snapshot_app.shipped(), _at_page(_planning_page("six_months"), "six_months", {"six_months": SIX_MONTHS})), \
            ("2", "enter")
    settle = snapshot_app.settle(*keys, theme=theme)

    async def run_before(pilot):
        await settle(pilot)
        if page == "left-to-do":
            await pilot.click("#done")
            await snapshot_app.settle()(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


SMART_ACTIONS = Path(__file__).parent.parent / "fixtures" / "smart_actions"


def _an_action_lacking_a_detail(store: Store) -> None:
    store.set_answer("plan", "six_months", [
        {"text": "Shadow the operations director's monthly review", "due": "2026-12-05", "done": False,
         "details": ["The stakeholder management gap, and the first stepping stone: leading the routing project",
                     ""]}])


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_action_card_with_details(snap_compare, app_on, size, theme):
    """An action's details, each a labelled box of the card's full width between its text and "Due by": one
    written (wrapping), one still empty."""
    app = app_on(snapshot_app.load_catalog([SMART_ACTIONS]), _an_action_lacking_a_detail)
    assert snap_compare(app, terminal_size=size, run_before=snapshot_app.settle("7", "enter", theme=theme))


SITTING_SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
THEMES = pytest.mark.parametrize("theme", ["textual-dark", "textual-light"], ids=["dark", "light"])


@SITTING_SIZES
@THEMES
def test_sittings_intro(snap_compare, app_on, size, theme):
    """The introduction of an exercise in two sittings says which pages each holds, and when."""
    app = app_on(snapshot_app.sittings(), snapshot_app.first_sitting_begun)
    assert snap_compare(app, terminal_size=size, run_before=snapshot_app.settle("1", theme=theme))


@SITTING_SIZES
@THEMES
def test_sittings_last_page_of_a_sitting(snap_compare, app_on, size, theme):
    """The first sitting's last page: Finish this sitting beside Next, and what is left in this sitting."""
    app = app_on(snapshot_app.sittings(), snapshot_app.first_sitting_begun)
    assert snap_compare(app, terminal_size=size, run_before=snapshot_app.settle("enter", theme=theme))
