"""The habits as a calendar: booked conversations, action due dates and the next review (iCalendar).

Each event's UID is worked out from what it stands for (the conversation's entry, the action's place
and text, the review), so importing the file again updates events instead of adding copies.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from workbook.exercises import Catalog
from workbook.habits import conversations, gather_actions, next_review, with_whom
from workbook.store import Store

PRODUCT = "-//Career Workbook//career-workbook//EN"


def event_uid(*parts: str) -> str:
    """Stable for as long as its parts are: the same event each time the calendar is exported."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20] + "@career-workbook"


def build_calendar(catalog: Catalog, store: Store, now: datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Career Workbook")
    for item in conversations(catalog, store):
        if item.date is None:
            continue
        kind = str(store.answer(item.exercise.id, "kind", item.entry.id) or "").split(":")[0]
        summary = f"Career conversation with {with_whom(item)}" + (f" ({kind})" if kind else "")
        calendar.add_component(_day_event(event_uid("conversation", item.entry.id), summary, item.date, now,
                                          f"Stage: {item.stage}. Prepare in the workbook: the prep sheet (p)."))
    seen: dict[str, int] = {}
    for action in gather_actions(catalog, store):
        when = action.due_date
        if when is None:
            continue
        place = (action.exercise or "next-step", action.entry or "", action.field or str(action.index), action.text)
        key = "\x1f".join(place)
        seen[key] = seen.get(key, 0) + 1  # the same text twice in one field: two events
        summary = ("Done: " if action.done else "Action: ") + action.text
        event = _day_event(event_uid("action", *place, str(seen[key])), summary, when, now, f"From {action.source}.")
        if action.done:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    review = next_review(catalog, store)
    if review is not None:
        who = f" with {review.with_whom}" if review.with_whom else ""
        calendar.add_component(_day_event(event_uid("next-review"), f"Career review{who}", review.date, now,
                                          "Consolidating & reviewing: look back, then set the next date."))
    return calendar


def render_calendar(catalog: Catalog, store: Store, now: datetime) -> str:
    return build_calendar(catalog, store, now).to_ical().decode("utf-8")


def _day_event(uid: str, summary: str, when: date, now: datetime, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("summary", summary)
    event.add("dtstart", when)  # a date: an all-day event
    event.add("dtend", when + timedelta(days=1))
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
    return event
