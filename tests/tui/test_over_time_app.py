"""Answers over time in the app: why the destination changed, its history with a word diff, answers
asking "still true?" (with a frozen clock), the review period setting, starting an exercise again and
the earlier rating shown beside the new one."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Button, OptionList, Static, TextArea

from workbook.over_time import REVIEW_MONTHS
from workbook.store import ResumePoint, Store
from workbook.tui.dialogs.ask import AskLineScreen, ConfirmScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.dialogs.versions import VersionsScreen
from workbook.tui.widgets.progress_sidebar import ProgressSidebar

WRITTEN = datetime(2025, 9, 10, 18, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # 14 months later
DESTINATION_PAGE = 1


def now():
    return NOW


def text_of(widget) -> str:
    return str(widget.render())


async def test_changing_the_destination_asks_why_and_the_history_shows_it(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: WRITTEN) as store:
        store.set_answer("planning", "destination", "Lead a data team in the NHS")
        store.set_resume_point(ResumePoint("planning", DESTINATION_PAGE, "destination"))
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")  # Continue: in the destination
        await pilot.pause()
        area = app.screen.query_one("#field-destination TextArea", TextArea)
        area.clear()
        await pilot.press(*"Lead a data team in a charity")
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert isinstance(app.screen, AskLineScreen)
        assert text_of(app.screen.query_one("#ask-question")) == "What changed your mind?"
        await pilot.press(*"Charities want data people", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == DESTINATION_PAGE + 1
        [revision] = app.store.revisions("planning", "destination")
        assert (revision.value, revision.reason) == ("Lead a data team in the NHS", "Charities want data people")

        await pilot.press("ctrl+pageup")  # back and forth: asked once only
        await pilot.pause()
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        await pilot.press("ctrl+pageup")
        await pilot.pause()
        app.screen.query_one("#field-destination TextArea", TextArea).focus()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, VersionsScreen)
        listing = app.screen.query_one("#versions", OptionList)
        assert "Why it changed: Charities want data people" in str(listing.get_option_at_index(0).prompt)
        assert listing.highlighted == 1  # the earlier one; its difference from nothing before it
        assert "nothing before it" in text_of(app.screen.query_one("#diff-title"))
        await pilot.press("up")  # now: what changed from the earlier version
        assert f"From {WRITTEN.astimezone():%d %b %Y, %H:%M} to now" in text_of(app.screen.query_one("#diff-title"))
        diff = app.screen.query_one("#diff", Static).render()
        assert "the NHS" in str(diff) and "a charity" in str(diff)
        removed = [span for span in diff.spans if str(diff)[span.start:span.end].strip() == "the NHS"]
        assert removed and "strike" in str(removed[0].style)


async def test_a_destination_written_for_the_first_time_asks_nothing(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: WRITTEN) as store:
        store.set_resume_point(ResumePoint("planning", DESTINATION_PAGE, "destination"))
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Lead a data team", "ctrl+pagedown")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == DESTINATION_PAGE + 1
        assert app.store.unexplained_changes() == []


async def test_the_question_can_be_skipped_when_leaving(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: WRITTEN) as store:
        store.set_answer("planning", "destination", "Lead a data team in the NHS")
        store.set_resume_point(ResumePoint("planning", DESTINATION_PAGE, "destination"))
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Maybe ", "escape")  # home: the question comes on leaving the exercise
        await pilot.pause()
        assert isinstance(app.screen, AskLineScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store.revisions("planning", "destination")[0].reason == ""


def done_mapping(store: Store) -> None:
    store.set_answer("mapping", "role", "Senior analyst")
    store.set_answer("mapping", "strengths", ["Calm in a crisis", "Clear writing", "Mentoring"])
    store.mark_done("mapping")


async def test_old_answers_of_a_done_step_ask_still_true(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: WRITTEN) as store:
        done_mapping(store)
        store.set_answer("mapping", "energy_now", 2)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        home = app.screen
        stale = home.query_one("#stale", OptionList)
        assert stale.display and stale.option_count == 3
        assert str(stale.get_option_at_index(0).prompt) == \
            "▸ Mapping · Your current role, or your last one: written 14 months ago: still true?"
        assert home.query_one(ProgressSidebar).stale == {"mapping": 3}
        stale.focus()
        await pilot.press("y")  # the role still holds
        await pilot.pause()
        assert app.store.answer("mapping", "role") == "Senior analyst"
        assert app.store.last_checked("mapping")["role"][1] == NOW
        assert stale.option_count == 2
        await pilot.press("enter")  # the strengths: open them to change
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.query_one("#field-strengths .field-stale", Static)
        assert app.focused in app.screen.query_one("#field-strengths").query("*")
        await pilot.press("end", "enter", *"Public speaking")
        await pilot.pause(0.8)  # saved while typing: leaving then has nothing left to save
        await app.workers.wait_for_complete()
        assert not app.screen.query("#field-strengths .field-stale")  # changed is checked
        await pilot.press("escape")
        await pilot.pause(0.7)
        assert home.query_one(ProgressSidebar).stale == {"mapping": 1} and stale.option_count == 1
        stale.focus()
        await pilot.press("enter")  # the energy rating: looked at, it still holds
        await pilot.pause()
        assert app.screen.query_one("#field-energy_now .field-stale", Static)
        await pilot.press("f3")
        await pilot.pause()
        assert not app.screen.query("#field-energy_now .field-stale")
        assert app.store.answer("mapping", "energy_now") == 2
        await pilot.press("escape")
        await pilot.pause()
        assert not home.query_one("#stale-panel").display
        assert home.query_one(ProgressSidebar).stale == {}


async def test_the_review_period_is_a_setting(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: WRITTEN) as store:
        done_mapping(store)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        assert app.screen.query_one("#stale-panel").display
        app.ask_review_months()
        await pilot.pause()
        await pilot.press("ctrl+u", *"a year", "enter")
        assert "whole number of months" in text_of(app.screen.query_one("#ask-error"))
        await pilot.press("ctrl+u", "2", "4", "enter")
        await pilot.pause()
        assert app.store.setting(REVIEW_MONTHS, None) == 24
        assert not app.screen.query_one("#stale-panel").display


async def test_starting_again_confirms_keeps_the_old_answers_and_shows_then(open_app, shipped_catalog, store_path):
    with Store(store_path, clock=lambda: WRITTEN) as store:
        store.set_answer("planning", "destination", "Lead a data team")
        store.set_answer("planning", "confidence", 2)
        store.mark_done("planning")
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("2")
        await pilot.pause()
        await pilot.click("#start-again")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        explanation = text_of(app.screen.query_one("#confirm-explanation"))
        assert "Your 2 answers here are kept as earlier versions: nothing is deleted." in explanation
        assert "no longer be marked done" in explanation
        await pilot.press("escape")  # changed their mind: nothing happens
        await pilot.pause()
        assert app.store.answer("planning", "confidence") == 2
        await pilot.click("#start-again")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.page == -1
        assert app.store.answers("planning") == {} and not app.store.status("planning").done
        assert not app.screen.query("#start-again")  # nothing left to set aside
        assert [r.value for r in app.store.revisions("planning", "destination")] == ["Lead a data team"]
        await pilot.press("enter", "ctrl+pagedown")  # the destination page, with the earlier rating
        await pilot.pause()
        then = app.screen.query_one("#field-confidence .field-then", Static)
        assert text_of(then) == "Then (10 Sep 2025): 2"
        assert isinstance(app.screen.query_one("#next"), Button)


async def test_an_edited_answer_stops_asking_once_saved(open_app, shipped_catalog, store_path):
    # Saved while typing, the edit leaves nothing to save on the way home: the flag must still go.
    with Store(store_path, clock=lambda: WRITTEN) as store:
        done_mapping(store)
    async with open_app(shipped_catalog, clock=now) as (app, pilot):
        await pilot.press("1", "enter", "ctrl+pagedown")  # Mapping's strengths
        await pilot.pause()
        await pilot.press("down", "down", "end", "enter", *"Public speaking")
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause(0.5)
        assert [answer.field for answer in app.screen.content.stale] == ["role"]


async def test_at_80x24_history_shows_two_versions_with_their_times_and_the_difference(
        open_app, shipped_catalog, store_path):
    from datetime import timedelta

    for days, text in ((0, "Lead a data team"), (1, "Lead a data team now")):
        with Store(store_path, clock=lambda days=days: WRITTEN + timedelta(days=days)) as store:
            store.set_answer("planning", "destination", text)
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        app.open_exercise("planning", point=ResumePoint("planning", 1, "destination"))
        await pilot.pause()
        app.screen.query_one("#field-destination TextArea", TextArea).focus()
        await pilot.press("f2")
        await pilot.pause()
        listing = app.screen.query_one("#versions", OptionList)
        heading = str(listing.get_option("1").prompt).splitlines()[0]
        assert heading == f"{WRITTEN.astimezone():%d %b %Y, %H:%M}", "the time tells two sittings of a day apart"
        dialog = app.screen.query_one("#versions-dialog")
        lines = listing.render_lines(listing.region.reset_offset)
        drawn = [line.text.strip() for line in lines]
        assert "Lead a data team now" in drawn and "Lead a data team" in drawn, "both versions in view"
        await pilot.press("up")  # now, and what it changed from the earlier version
        diff = app.screen.query_one("#diff")
        assert dialog.region.contains_region(diff.region), "the difference is in view under them"
        shown = diff.render()
        marked = [str(shown)[span.start:span.end] for span in shown.spans]
        assert marked == ["now"], "only the added word is marked, not the word before it"
