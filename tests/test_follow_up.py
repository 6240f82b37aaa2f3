"""The drafted follow-up reads as a message a person would send: the first name, plain sentences, dates for
people, what each side agreed to do, and the writer's own name (or none) at the end."""

from __future__ import annotations

from datetime import date

import pytest

from workbook.answers import Writer, first_name, people_date, shown_text
from workbook.checks import workbook_problem

TODAY = date(2026, 11, 23)


def draft(catalog, answers: dict, writer: Writer = Writer()) -> str:
    log = catalog.get("conversation")
    return shown_text(catalog, log, log.field("follow_up"), lambda exercise, field: answers.get(field), writer)


def test_the_follow_up_is_a_message_to_send(shipped_catalog):
    text = draft(shipped_catalog, {
        "person": "Ada Okafor",
        "key_points": ["Start in operations, then move to data", "Ask for the messy projects"],
        "agreed_actions": [{"text": "Send Ada my one-page plan", "due": "2026-12-04", "done": False},
                           {"text": "Read Ada's paper on routing.", "due": "", "done": True}],
        "their_actions": ["Introduce me to Sam Lee", "Ada will send the job description"],
    }, Writer("Sam Rivers", TODAY))
    assert text == (
        "Hi Ada,\n\n"
        "Thank you for taking the time to talk with me. These are the points I took away:\n"
        "Start in operations, then move to data\n"
        "Ask for the messy projects\n\n"
        "I will send you my one-page plan by Friday 4 December.\n"
        "I said I would read your paper on routing, and I have.\n\n"
        "You said you would introduce me to Sam Lee.\n"
        "You said you would send the job description.\n\n"
        "If I have missed anything or got something wrong, please let me know.\n\n"
        "Best wishes,\n"
        "Sam Rivers")


def test_sentences_with_nothing_to_say_and_no_name_leave_their_lines_out(shipped_catalog):
    text = draft(shipped_catalog, {"person": "Ada Okafor", "key_points": ["Ask for the messy projects"]})
    assert text == (
        "Hi Ada,\n\n"
        "Thank you for taking the time to talk with me. These are the points I took away:\n"
        "Ask for the messy projects\n\n"
        "If I have missed anything or got something wrong, please let me know.\n\n"
        "Best wishes,")


def test_what_is_still_missing_shows_as_its_label(shipped_catalog):
    text = draft(shipped_catalog, {})
    assert text.startswith("Hi [Who are you talking to?],\n") and "[Key points from the conversation]" in text


@pytest.mark.parametrize(("written", "greeted"), [
    ("Ada Okafor", "Ada"), ("  Ada  ", "Ada"), ("Dr Ada Okafor", "Dr Okafor"), ("Prof. Lee", "Prof. Lee"),
    ("Priya, my manager", "Priya"), ("", ""),
])
def test_the_greeting_uses_the_first_name(written, greeted):
    assert first_name(written) == greeted


def test_dates_are_written_for_people():
    assert people_date("2026-12-05", TODAY) == "Saturday 5 December"
    assert people_date("2027-01-08", TODAY) == "Friday 8 January 2027"
    assert people_date("2026-12-05") == "Saturday 5 December 2026"  # no today: the year, to be sure
    assert people_date("next week", TODAY) == "next week"  # not a date: as written


def settings(**values) -> dict:
    return {"state": {"1": {"kind": "settings", **values}}}


def test_the_workbook_check_takes_the_name_and_theme_and_refuses_other_shapes():
    assert workbook_problem(settings(your_name="Sam Rivers", theme="nord", review_months=12)) is None
    assert workbook_problem(settings(your_name="")) is None  # no name, chosen
    assert workbook_problem(settings(your_name=["Sam"])) == "state, document 1, your_name: must be text, not a list"
    assert workbook_problem(settings(theme=7)) == "state, document 1, theme: must be text, not a number"
