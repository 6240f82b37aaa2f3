"""The calendar (.ics): the next conversation's due date, done actions that read as done, and user text
with control characters that still makes a valid file. Parsed back with icalendar."""

from __future__ import annotations

import re
from datetime import date

import icalendar

from tests.test_habits import NOW, conversation, fill, store  # noqa: F401 (a fixture)
from workbook.export.calendar import render_calendar
from workbook.habits import gather_actions, update_action


def events(text: str) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_the_next_conversation_due_is_an_event_that_moves_with_its_date(store, shipped_catalog) -> None:
    older = conversation(store, "Ada Okafor", stage="Held", date="2026-10-01", next_due="2026-11-01")
    newer = conversation(store, "Sam Lee", stage="Held", date="2026-11-20", next_due="2026-12-18",
                         next_person="Priya in the data team")
    first = events(render_calendar(shipped_catalog, store, NOW))
    due = first["Next career conversation due: perhaps with Priya in the data team"]
    assert due.decoded("DTSTART") == date(2026, 12, 18) and due.decoded("DTEND") == date(2026, 12, 19)
    assert "Set after your conversation with Sam Lee" in str(due["DESCRIPTION"])
    assert not any(event.decoded("DTSTART") == date(2026, 11, 1) for event in first.values())  # the older one's
    store.set_answer("conversation", "next_due", "2027-01-08", newer)
    store.set_answer("conversation", "next_person", "", newer)
    second = events(render_calendar(shipped_catalog, store, NOW))
    moved = second["Next career conversation due"]
    assert moved["UID"] == due["UID"] and moved.decoded("DTSTART") == date(2027, 1, 8)
    store.set_answer("conversation", "next_due", "", newer)
    third = events(render_calendar(shipped_catalog, store, NOW))
    assert third["Next career conversation due"].decoded("DTSTART") == date(2026, 11, 1)  # then Ada's still counts
    assert older


def test_a_done_action_is_never_written_as_cancelled(store, shipped_catalog) -> None:
    fill(store)
    item = next(item for item in gather_actions(shipped_catalog, store) if item.text == "Ask Sam for an intro")
    before = events(render_calendar(shipped_catalog, store, NOW))["Action: Ask Sam for an intro"]
    update_action(store, item, done=True)
    text = render_calendar(shipped_catalog, store, NOW)
    assert "CANCELLED" not in text
    done = events(text)["Done: Ask Sam for an intro"]
    assert done["UID"] == before["UID"] and done["STATUS"] == "CONFIRMED"  # importing again updates the event
    assert all(event["STATUS"] == "CONFIRMED" for event in icalendar.Calendar.from_ical(text).walk("VEVENT")
               if str(event["SUMMARY"]).startswith(("Action: ", "Done: ")))


def test_control_characters_in_what_the_user_wrote_never_reach_the_file(store, shipped_catalog) -> None:
    entry = conversation(store, "Sam\x00 \x1b[31mLee\x07", stage="Booked", date="2026-12-04",
                         kind="With a mentor", next_due="2027-01-08", next_person="Zoë\x1b]0;PWNED\x07 \x9b1m")
    store.set_answer("conversation", "agreed_actions", [{"text": "Send\x00 the\x08 plan\x7f", "due": "2026-12-02",
                                                         "done": False}], entry)
    text = render_calendar(shipped_catalog, store, NOW)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    found = events(text)
    assert set(found) == {"Career conversation with Sam [31mLee (With a mentor)", "Action: Send the plan",
                          "Next career conversation due: perhaps with Zoë]0;PWNED 1m"}
    assert "Conversation with Sam [31mLee" in str(found["Action: Send the plan"]["DESCRIPTION"])
