"""The habits as a calendar: booked conversations, the date the next one is due, action due dates and
the next review (iCalendar).

Each event's UID is worked out from what it stands for (the conversation's entry, the action's place
and text, the review), so importing the file again updates events instead of adding copies.

Every date is an all-day VEVENT, the component every calendar imports (Google Calendar ignores VTODO).
An event has no "done" status in RFC 5545 (TENTATIVE, CONFIRMED or CANCELLED), so a done action keeps
its event, renamed "Done: ...": importing again updates the "Action: ..." already in the calendar.
Control characters in the user's text (NUL, ESC...) are left out: they are not allowed in iCalendar text.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from workbook.exercises import Catalog
from workbook.export.blocks import clean, one_line
from workbook.habits import Conversation, conversations, day, gather_actions, next_review, parse_date, with_whom
from workbook.store import Store

PRODUCT = "-//Career Workbook//career-workbook//EN"
NEXT_DUE_FIELD = "next_due"
NEXT_PERSON_FIELD = "next_person"
"""On a conversation's last page: when the next one is due, and with whom it might be."""


def event_uid(*parts: str) -> str:
    """Stable for as long as its parts are: the same event each time the calendar is exported."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20] + "@career-workbook"


def build_calendar(catalog: Catalog, store: Store, now: datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Career Workbook")
    log = conversations(catalog, store)
    for item in log:
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
        event.add("status", "CONFIRMED")  # done or not, the date stands; "CANCELLED" would say it fell through
        calendar.add_component(event)
    due = _next_conversation_due(store, log, now)
    if due is not None:
        calendar.add_component(due)
    review = next_review(catalog, store)
    if review is not None:
        who = f" with {review.with_whom}" if review.with_whom else ""
        calendar.add_component(_day_event(event_uid("next-review"), f"Career review{who}", review.date, now,
                                          "Consolidating & reviewing: look back, then set the next date."))
    return calendar


def render_calendar(catalog: Catalog, store: Store, now: datetime) -> str:
    return build_calendar(catalog, store, now).to_ical().decode("utf-8")


def _next_conversation_due(store: Store, log: list[Conversation], now: datetime) -> Event | None:
    """When the next conversation is due, as the newest conversation that says so has it."""
    for item in log:  # newest first
        when = parse_date(store.answer(item.exercise.id, NEXT_DUE_FIELD, item.entry.id))
        if when is None:
            continue
        person = str(store.answer(item.exercise.id, NEXT_PERSON_FIELD, item.entry.id) or "").strip()
        summary = "Next career conversation due" + (f": perhaps with {person}" if person else "")
        held = f" on {day(item.held_on)}" if item.held_on else ""
        description = (f"Set after your conversation with {with_whom(item)}{held}. "
                       "Arrange it in the workbook: the conversation log (c).")
        return _day_event(event_uid("next-conversation-due"), summary, when, now, description)
    return None


def _ical_text(text: str, *, single_line: bool) -> str:
    """User text as iCalendar allows it: no control characters (a summary on one line)."""
    return one_line(text) if single_line else clean(text)


def _day_event(uid: str, summary: str, when: date, now: datetime, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("summary", _ical_text(summary, single_line=True))
    event.add("dtstart", when)  # a date: an all-day event
    event.add("dtend", when + timedelta(days=1))
    event.add("description", _ical_text(description, single_line=False))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
    return event
