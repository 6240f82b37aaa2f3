"""The habits between sittings: the action list, conversation stages, nudges, next steps, the calendar and
the prep sheet. "Today" is always given, never the real clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest

from workbook import cli
from workbook.export.calendar import render_calendar
from workbook.export.prep import prep_html, prep_sheet
from workbook.habits import (
    ActionMoved,
    Goal,
    Stage,
    conversation_status,
    conversations,
    count_actions,
    gather_actions,
    next_step_to_check,
    nudges,
    stage_of,
    update_action,
)
from workbook.store import Store

TODAY = date(2026, 11, 23)
EARLIER = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def at(moment: datetime):
    return lambda: moment


def fill(store: Store) -> str:
    """Actions in Planning and Mapping and in a conversation; returns the conversation's entry."""
    store.set_answer("planning", "six_months", [
        {"text": "Finish the SQL course", "due": "2026-11-27", "done": False},
        {"text": "Ask Sam for an intro", "due": "2026-11-20", "done": False},
        {"text": "Update my CV", "due": "", "done": True},
    ])
    store.set_answer("mapping", "insight_actions", [{"text": "Ask three colleagues", "due": "", "done": False}])
    entry = store.start_entry("conversation").id
    store.set_answer("conversation", "person", "Ada Okafor", entry)
    store.set_answer("conversation", "agreed_actions", [{"text": "Send Ada my plan", "due": "2026-12-02",
                                                         "done": False}], entry)
    return entry


@pytest.fixture
def store(store_path: Path):
    with Store(store_path, clock=at(NOW)) as opened:
        yield opened


def test_the_action_list_gathers_every_actions_field_by_due_date(store, shipped_catalog) -> None:
    fill(store)
    items = gather_actions(shipped_catalog, store)
    assert [item.text for item in items] == ["Ask Sam for an intro", "Finish the SQL course", "Send Ada my plan",
                                             "Ask three colleagues", "Update my CV"]  # undated, then done
    assert items[0].source == "Planning · The next six months"
    assert items[2].source == "Conversation with Ada Okafor"
    assert [item.text for item in gather_actions(shipped_catalog, store, include_done=False)][-1] == \
        "Ask three colleagues"
    assert items[0].overdue(TODAY) and items[1].due_this_week(TODAY) and not items[2].due_this_week(TODAY)
    assert str(count_actions(items, TODAY)) == "4 open, 1 late"


def test_ticking_in_the_list_writes_the_source_field_and_nothing_else(store, shipped_catalog) -> None:
    entry = fill(store)
    items = {item.text: item for item in gather_actions(shipped_catalog, store)}
    update_action(store, items["Ask Sam for an intro"], done=True)
    update_action(store, items["Send Ada my plan"], due="2026-12-09")
    six_months = store.answer("planning", "six_months")
    assert six_months[1] == {"text": "Ask Sam for an intro", "due": "2026-11-20", "done": True}
    assert six_months[0]["done"] is False and len(six_months) == 3
    assert store.answer("conversation", "agreed_actions", entry)[0]["due"] == "2026-12-09"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        update_action(store, items["Finish the SQL course"], due="next Friday")


def test_an_action_edited_meanwhile_is_found_by_its_text_or_reported(store, shipped_catalog) -> None:
    fill(store)
    item = next(item for item in gather_actions(shipped_catalog, store) if item.text == "Update my CV")
    actions = store.answer("planning", "six_months")
    store.set_answer("planning", "six_months", [actions[2], actions[0], actions[1]])  # reordered
    update_action(store, item, done=False)
    assert store.answer("planning", "six_months")[0] == {"text": "Update my CV", "due": "", "done": False}
    store.set_answer("planning", "six_months", [])
    with pytest.raises(ActionMoved):
        update_action(store, item, done=True)


def test_a_stage_not_chosen_yet_is_read_from_the_entry() -> None:
    assert stage_of({}) is Stage.IDEA
    assert stage_of({"date": "2026-12-01"}) is Stage.BOOKED
    assert stage_of({"date": "2026-12-01", "their_story": "Started in sales"}) is Stage.HELD
    assert stage_of({"stage": "Asked", "their_story": "Started in sales"}) is Stage.ASKED


def test_the_stages_are_the_options_of_the_log_s_stage_field(shipped_catalog) -> None:
    field = shipped_catalog.get("conversation").field("stage")
    assert list(field.options) == [stage.value for stage in Stage]


def conversation(store: Store, person: str, **answers: str) -> str:
    entry = store.start_entry("conversation").id
    store.set_answer("conversation", "person", person, entry)
    for field, value in answers.items():
        store.set_answer("conversation", field, value, entry)
    return entry


def texts(found) -> list[str]:
    return [nudge.text for nudge in found]


def test_the_follow_up_nudge_comes_two_days_after_and_goes_once_followed_up(store, shipped_catalog) -> None:
    entry = conversation(store, "Ada", stage="Held", date="2026-11-21")
    assert not any("follow-up" in text for text in texts(nudges(shipped_catalog, store, date(2026, 11, 22))))
    [follow_up] = [nudge for nudge in nudges(shipped_catalog, store, TODAY) if "follow-up" in nudge.text]
    assert follow_up.text.startswith("You talked with Ada 2 days ago")
    assert (follow_up.goal, follow_up.entry, follow_up.page) == (Goal.ENTRY, entry, "follow_up")
    store.set_answer("conversation", "stage", "Followed up", entry)
    assert not any("follow-up" in text for text in texts(nudges(shipped_catalog, store, TODAY)))


def test_the_monthly_nudge_follows_the_last_conversation_held(store, shipped_catalog) -> None:
    assert texts(nudges(shipped_catalog, store, TODAY))[0].startswith("No career conversation held yet")
    conversation(store, "Ada", stage="Followed up", date="2026-11-01")
    assert nudges(shipped_catalog, store, date(2026, 12, 1)) == []  # 30 days: not yet
    [late] = nudges(shipped_catalog, store, date(2026, 12, 3))
    assert late.text.startswith("Your last career conversation was 32 days ago") and late.goal is Goal.LOG
    assert conversation_status(conversations(shipped_catalog, store), date(2026, 12, 3)) == \
        "Last career conversation: 32 days ago, with Ada."
    sam = conversation(store, "Sam", stage="Asked")  # the next one is asked for: no nudge
    assert nudges(shipped_catalog, store, date(2026, 12, 3)) == []
    store.set_answer("conversation", "stage", "Booked", sam)
    store.set_answer("conversation", "date", "2026-12-10", sam)
    assert nudges(shipped_catalog, store, date(2026, 12, 3)) == []


def test_a_booked_conversation_nudges_the_day_before_and_after_it(store, shipped_catalog) -> None:
    entry = conversation(store, "Sam", stage="Booked", date="2026-11-24")
    conversation(store, "Ada", stage="Followed up", date="2026-11-10")
    assert nudges(shipped_catalog, store, date(2026, 11, 22)) == []
    [prep] = nudges(shipped_catalog, store, TODAY)
    assert prep.text == "Your conversation with Sam is tomorrow: read your prep sheet."
    assert (prep.goal, prep.entry) == (Goal.PREP, entry)
    [after] = nudges(shipped_catalog, store, date(2026, 11, 25))
    assert after.text.startswith("Did your conversation with Sam on Tue 24 Nov happen?")
    assert after.page == "record"
    # Long after, the question stays and is not joined by "time to arrange the next one": one is booked.
    [still] = nudges(shipped_catalog, store, date(2027, 1, 25))
    assert still.text.startswith("Did your conversation with Sam on Tue 24 Nov happen?")


def test_the_review_date_nudges_a_week_ahead_and_late_actions_nudge(store, shipped_catalog) -> None:
    conversation(store, "Ada", stage="Held", date="2026-11-23")  # no monthly nudge, no follow-up yet
    store.set_answer("consolidating", "next_review", "2026-12-01")
    store.set_answer("consolidating", "review_with", "my coach")
    assert nudges(shipped_catalog, store, date(2026, 11, 23)) == []
    [review] = nudges(shipped_catalog, store, date(2026, 11, 24))
    assert review.text.startswith("Your career review with my coach is due in 7 days (Tue 1 Dec)")
    assert (review.goal, review.exercise, review.page) == (Goal.EXERCISE, "consolidating", "review")
    fill(store)
    day = date(2026, 11, 24)
    late = nudges(shipped_catalog, store, day, count_actions(gather_actions(shipped_catalog, store), day))[-1]
    assert late.goal is Goal.ACTIONS and late.text.startswith("1 action is past the date you set")


def test_a_next_step_is_asked_about_at_the_next_sitting_only(store_path, shipped_catalog) -> None:
    with Store(store_path, clock=at(EARLIER)) as store:
        store.add_next_step("Email Priya", "mapping")
        assert next_step_to_check(store) is None  # set in this sitting
    with Store(store_path, clock=at(NOW)) as store:
        step = next_step_to_check(store)
        assert step is not None and step.text == "Email Priya" and step.after == "mapping"
        item = next(item for item in gather_actions(shipped_catalog, store) if item.is_next_step)
        assert item.source == "Next step set 20 Nov, after Mapping" and not item.done
        store.update_next_step(step.id, asked=True)
        assert next_step_to_check(store) is None
        update_action(store, item, done=True)
        assert store.next_steps()[0].done


def events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_round_trips_and_keeps_its_uids(store, shipped_catalog) -> None:
    fill(store)
    entry = conversation(store, "Sam Lee", stage="Booked", date="2026-12-04", kind="With a mentor")
    store.set_answer("consolidating", "next_review", "2027-05-01")
    first = events(render_calendar(shipped_catalog, store, NOW))
    assert set(first) == {
        "Career conversation with Sam Lee (With a mentor)", "Action: Finish the SQL course",
        "Action: Ask Sam for an intro", "Action: Send Ada my plan", "Career review",
    }  # undated actions are not events
    booked = first["Career conversation with Sam Lee (With a mentor)"]
    assert booked.decoded("DTSTART") == date(2026, 12, 4) and booked.decoded("DTEND") == date(2026, 12, 5)
    assert first["Career review"].decoded("DTSTART") == date(2027, 5, 1)

    store.set_answer("conversation", "date", "2026-12-11", entry)  # moved a week
    item = next(item for item in gather_actions(shipped_catalog, store) if item.text == "Ask Sam for an intro")
    update_action(store, item, done=True, due="2026-11-21")
    second = events(render_calendar(shipped_catalog, store, NOW + timedelta(days=1)))
    moved = second["Career conversation with Sam Lee (With a mentor)"]
    assert moved["UID"] == booked["UID"] and moved.decoded("DTSTART") == date(2026, 12, 11)
    done = second["Done: Ask Sam for an intro"]
    assert done["UID"] == first["Action: Ask Sam for an intro"]["UID"] and done["STATUS"] == "CONFIRMED"
    assert len({str(event["UID"]) for event in second.values()}) == len(second) == 5


def test_the_prep_sheet_draws_on_planning_and_the_entry(store, shipped_catalog) -> None:
    store.set_answer("planning", "destination", "Leading a small data team in health")
    store.set_answer("planning", "stepping_stones", ["Run a project end to end"])
    fill(store)
    entry = conversation(store, "Sam Lee", stage="Booked", date="2026-12-04", learn="How she moved into leading",
                         seeking="An introduction <to the NHS team>")
    sheet = prep_sheet(shipped_catalog, store, entry)
    assert sheet.title == "Prep sheet: conversation with Sam Lee"
    for expected in ["How she moved into leading", "Leading a small data team in health",
                     "- Run a project end to end", "- [ ] Finish the SQL course (by 2026-11-27)",
                     "Fri 4 Dec 2026. Stage: Booked.", "(Nothing yet: write it on the entry's Prepare page.)"]:
        assert expected in sheet.markdown
    page = prep_html(sheet)
    assert "<h1>Prep sheet: conversation with Sam Lee</h1>" in page and "&lt;to the NHS team&gt;" in page


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_follow_up_asks_the_name_once_at_a_terminal_and_keeps_it(store_path, capsys, monkeypatch) -> None:
    from workbook import plain

    with Store(store_path) as store:
        fill(store)
    asked = []
    monkeypatch.setattr(cli, "interactive", lambda: True)
    monkeypatch.setattr(plain, "ask_your_name", lambda: asked.append(1) or "Sam Rivers")
    code, out, _ = run(["--store", str(store_path), "follow-up", "ada"], capsys)
    assert code == 0 and out.endswith("Best wishes,\nSam Rivers\n") and asked == [1]
    with Store(store_path) as store:
        assert store.setting("your_name", None) == "Sam Rivers"
    code, out, _ = run(["--store", str(store_path), "follow-up", "ada"], capsys)
    assert code == 0 and out.endswith("Best wishes,\nSam Rivers\n") and asked == [1]  # asked once


def test_workbook_actions_prints_the_same_list(store_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    with Store(store_path) as store:
        fill(store)
    code, out, _ = run(["--store", str(store_path), "actions"], capsys)
    assert code == 0
    assert out.index("Ask Sam for an intro") < out.index("Finish the SQL course") < out.index("Ask three")
    assert "2026-11-20 (late)" in out and "Update my CV" not in out and "4 open, 1 late." in out
    code, out, _ = run(["--store", str(store_path), "actions", "--all"], capsys)
    assert code == 0 and "Update my CV" in out


def test_workbook_calendar_writes_an_ics_file_and_never_overwrites_unasked(store_path, tmp_path, capsys) -> None:
    with Store(store_path) as store:
        fill(store)
    out_file = tmp_path / "career.ics"
    code, out, _ = run(["--store", str(store_path), "calendar", "--out", str(out_file)], capsys)
    assert code == 0 and str(out_file) in out
    assert "Action: Send Ada my plan" in events(out_file.read_text())
    code, _, err = run(["--store", str(store_path), "calendar", "--out", str(out_file)], capsys)
    assert code == 1 and "already exists; add --overwrite" in err
    code, _, _ = run(["--store", str(store_path), "calendar", "--out", str(out_file), "--overwrite"], capsys)
    assert code == 0
    code, _, _ = run(["--store", str(store_path), "export", "--format", "ics", "--out", str(tmp_path / "x.ics")],
                     capsys)
    assert code == 0 and "Action: Send Ada my plan" in events((tmp_path / "x.ics").read_text())


def test_the_follow_up_prints_on_its_own_and_the_prep_sheet_goes_to_documents(store_path, capsys) -> None:
    from workbook import locations

    with Store(store_path) as store:
        entry = fill(store)
        store.set_answer("conversation", "key_points", ["Say yes to messy projects"], entry)
    code, out, _ = run(["--store", str(store_path), "follow-up", "ada"], capsys)
    # Her first name, plain lines and sentences, a date for people; no terminal to ask a name at: none.
    assert code == 0 and out.startswith("Hi Ada,\n")
    assert "\nSay yes to messy projects\n" in out and "I will send you my plan by Wednesday 2 December" in out
    assert "- " not in out and "[ ]" not in out and "2026-12-02" not in out
    assert out.endswith("please let me know.\n\nBest wishes,\n")
    code, _, err = run(["--store", str(store_path), "follow-up", "zed"], capsys)
    assert code == 1 and "no entry of conversation matches 'zed'" in err
    code, out, _ = run(["--store", str(store_path), "prep", "Ada", "--format", "html"], capsys)
    [written] = locations.export_dir().glob("prep-sheet-conversation-with-ada-okafor-*.html")
    assert code == 0 and str(written) in out and oct(written.stat().st_mode & 0o777) == "0o600"
    assert "<h1>Prep sheet: conversation with Ada Okafor</h1>" in written.read_text()


def test_a_conversation_marked_held_with_a_date_to_come_is_the_next_one_not_minus_one_days_ago(
        store, shipped_catalog) -> None:
    conversation(store, "Ada", stage="Held", date="2026-11-01")
    conversation(store, "Bo", stage="Held", date="2026-12-04")
    status = conversation_status(conversations(shipped_catalog, store), date(2026, 12, 3))
    assert status == "Next career conversation: tomorrow, with Bo."
    assert "-1" not in status
    assert not [nudge for nudge in nudges(shipped_catalog, store, date(2026, 12, 3)) if nudge.goal is Goal.LOG], \
        "the next one is in hand: no monthly reminder"
    later = conversation_status(conversations(shipped_catalog, store), date(2026, 12, 6))
    assert later == "Last career conversation: 2 days ago, with Bo."


def test_the_action_list_refuses_a_due_date_the_exercise_would_refuse(store, shipped_catalog):
    """Python's date parser takes "20261205"; the one date rule does not, wherever the date is typed."""
    from workbook.fields import DATE_HINT

    store.set_answer("planning", "six_months", [{"text": "Call Sam", "due": "", "done": False}])
    item = next(item for item in gather_actions(shipped_catalog, store) if item.text == "Call Sam")
    with pytest.raises(ValueError, match="YYYY-MM-DD") as refused:
        update_action(store, item, due="20261205")
    assert str(refused.value) == DATE_HINT
    assert store.answer("planning", "six_months")[0]["due"] == ""
