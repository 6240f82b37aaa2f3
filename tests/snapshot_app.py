"""Apps on fixture stores with a frozen clock: one source for the snapshot tests and screenshots/."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from textual.widgets import TextArea

from workbook.exercises import Catalog, load_catalog
from workbook.locations import shipped_exercises
from workbook.store import ResumePoint, Store
from workbook.tui.app import WorkbookApp, make_app

FIXTURES = Path(__file__).parent / "fixtures"
SITTING = datetime(2026, 11, 20, 18, 30, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 23, 9, 15, tzinfo=timezone.utc)


def use_utc() -> None:
    """Times on screen in UTC, so pictures do not depend on the machine's zone."""
    os.environ["TZ"] = "UTC"
    time.tzset()


def shipped() -> Catalog:
    return load_catalog([shipped_exercises()])


def sample() -> Catalog:
    return load_catalog([FIXTURES / "exercises"])


def sittings() -> Catalog:
    """An exercise in two sittings (Journey) beside one in one sitting."""
    return load_catalog([FIXTURES / "sittings"])


def first_sitting_begun(store: Store) -> None:
    """Journey's destination written, its road not yet: the user is on the last page of the first sitting."""
    store.set_answer("journey", "destination", "Leading a small data team in health, close to patients.")
    store.set_resume_point(ResumePoint("journey", 1, "road"))


def broken() -> Catalog:
    """One good exercise and five broken files."""
    return load_catalog([FIXTURES / "broken_exercises"])


def returning_user(store: Store) -> None:
    """Mapping done, Planning under way (resume on page 6, its second sitting), two conversations logged."""
    store.set_answer("mapping", "role", "Team lead, Acme Logistics, 3 years")
    store.set_answer("mapping", "strengths", ["Calming tense meetings: chaired the supplier dispute",
                                              "Turning data into decisions: the Q3 routing change",
                                              "Coaching new starters: three promoted this year"])
    store.set_answer("mapping", "values", ["Fairness", "Building things that last", "Time with family"])
    store.mark_done("mapping")
    store.set_answer("planning", "destination", "My best guess today: leading a small data team in health.")
    store.set_resume_point(ResumePoint("planning", 5, "stepping_stones"))  # the second sitting
    for person, kind in [("Priya Shah", "With my manager"), ("Ada Okafor", "Curiosity: someone whose career I admire")]:
        entry = store.start_entry("conversation")
        store.set_answer("conversation", "person", person, entry=entry.id)
        store.set_answer("conversation", "kind", kind, entry=entry.id)
        store.set_answer("conversation", "date", "2026-11-02" if "Priya" in person else "2026-10-05", entry=entry.id)


def habits_user(store: Store) -> None:
    """A returning user with the habits going: actions with dates, conversations at each stage, a review
    date, and a next step set last time."""
    returning_user(store)
    store.set_answer("planning", "stepping_stones", ["Lead the routing analytics project end to end",
                                                     "Mentor two junior analysts"])
    store.set_answer("planning", "six_months", [
        {"text": "Ask Sam for an introduction to the NHS data lead", "due": "2026-11-18", "done": False},
        {"text": "Finish the SQL course", "due": "2026-11-26", "done": False},
        {"text": "Update my CV", "due": "2026-11-10", "done": True},
    ])
    store.set_answer("mapping", "insight_actions", [
        {"text": "Ask three colleagues what they rely on me for", "due": "2026-12-15", "done": False}])
    log = {entry.id: store.answer("conversation", "person", entry.id) for entry in store.entries("conversation")}
    for entry, person in log.items():
        if person == "Ada Okafor":
            store.set_answer("conversation", "stage", "Held", entry)
            store.set_answer("conversation", "date", "2026-11-19", entry)
            store.set_answer("conversation", "their_story", "Started in logistics, moved into data.", entry)
            store.set_answer("conversation", "agreed_actions", [
                {"text": "Send Ada my one-page plan", "due": "2026-11-24", "done": False}], entry)
        else:
            store.set_answer("conversation", "stage", "Followed up", entry)
    booked = store.start_entry("conversation")
    for field, value in [("person", "Sam Lee"), ("kind", "With a mentor"), ("stage", "Booked"),
                         ("date", "2026-11-24"), ("learn", "How she moved from analysis to leading a team"),
                         ("seeking", "An introduction to the NHS data team")]:
        store.set_answer("conversation", field, value, booked.id)
    idea = store.start_entry("conversation")
    store.set_answer("conversation", "person", "Jo Park", idea.id)
    store.set_answer("consolidating", "next_review", "2026-11-27")
    store.set_answer("consolidating", "review_with", "my coach")
    store.add_next_step("Email Sam to confirm Tuesday", "planning")


def follow_up_user(store: Store, name: str | None = "Sam Rivers") -> None:
    """A habits user back from Ada's conversation, summed up, left on its follow-up page; `name` signs it."""
    habits_user(store)
    [ada] = [entry.id for entry in store.entries("conversation")
             if store.answer("conversation", "person", entry.id) == "Ada Okafor"]
    store.set_answer("conversation", "key_points", ["Start in operations, then move into data",
                                                    "Ask for the messy projects nobody wants"], ada)
    store.set_answer("conversation", "agreed_actions", [
        {"text": "Send Ada my one-page plan", "due": "2026-11-27", "done": False},
        {"text": "Read Ada's piece on routing", "due": "", "done": True}], ada)
    store.set_answer("conversation", "their_actions", ["Introduce me to Sam Lee at the NHS data team"], ada)
    store.set_resume_point(ResumePoint("conversation", 6, "next_due", ada))  # the follow-up page
    if name is not None:
        store.set_setting("your_name", name)


def manager_talk_user(store: Store) -> None:
    """A returning user preparing the talk with Priya, their manager: on the page only a manager talk has."""
    returning_user(store)
    store.set_answer("mapping", "success", "Work that makes patients' days easier, and evenings at home.")
    store.set_answer("planning", "stepping_stones", ["Lead the routing analytics project end to end"])
    [priya] = [entry.id for entry in store.entries("conversation")
               if store.answer("conversation", "person", entry.id) == "Priya Shah"]
    store.set_answer("conversation", "learn", "Which teams are growing next year", priya)
    store.set_answer("conversation", "ask_manager", "An introduction to the NHS data lead", priya)
    store.set_resume_point(ResumePoint("conversation", 2, "ask_manager", priya))  # "With your manager"
    store.set_setting("your_name", "Sam Rivers")


def follow_up_user_without_a_name(store: Store) -> None:
    follow_up_user(store, None)


def energy_notes(store: Store) -> None:
    """Three notes in the energy log, the last written dated earliest; Mapping left at the top of its energy page."""
    for day, doing, engaged, direction, made_it in [
        ("2026-11-20", "Presenting the routing plan to the regional leads", 5, "Up",
         "People asked real questions; the plan was mine to defend."),
        ("2026-11-19", "Monthly budget reconciliation", 2, "Down", "Copying figures by hand, alone, all afternoon."),
        ("2026-11-18", "Pairing with Sam on the depot model", 4, "Up", "Teaching while building something useful."),
    ]:
        entry = store.start_entry("energy").id
        for field, value in [("date", day), ("doing", doing), ("engagement", engaged), ("direction", direction),
                             ("what_made_it", made_it)]:
            store.set_answer("energy", field, value, entry)
    store.set_resume_point(ResumePoint("mapping", 3))


def sample_answers(store: Store) -> None:
    store.set_answer("sample", "headline", "Curious engineer")
    store.set_answer("sample", "strengths", ["Listening", "Writing"])
    store.set_answer("sample", "mood", "Curious")
    store.set_answer("sample", "sectors", ["Health"])
    store.set_answer("sample", "energy", 4)
    store.set_answer("sample", "skills", [["SQL", "2", "4"], ["Budgeting", "1", "3"]])
    store.set_answer("sample", "review", "2027-05-01")
    store.set_answer("sample", "cv", ["One page"])
    store.set_answer("sample", "todo", [{"text": "Ask Sam for feedback", "due": "2026-12-01", "done": False},
                                        {"text": "Read the strategy", "due": "", "done": True}])


def build(path: Path, catalog: Catalog, fill: Callable[[Store], None] | None = None) -> WorkbookApp:
    """An app on a store at `path`, filled in an earlier sitting; the caller closes `app.store`."""
    use_utc()
    if fill is not None:
        with Store(path, clock=lambda: SITTING) as earlier:
            earlier.start_sitting()
            fill(earlier)
    return make_app(Store(path, clock=lambda: NOW), catalog)


def settle(*keys: str, theme: str | None = None, over: tuple[str, ...] = ()):
    """A run_before for snap_compare: press the keys, then save at once and wait for the save, so the
    picture never depends on where the half-second autosave timer or a cursor blink happens to be.

    `over`: keys pressed after the save, for a dialog over a screen: a screen under a dialog is not
    redrawn, so a save that finished after the dialog opened would leave its indicator half the time.
    """

    async def run(pilot) -> None:
        if theme:
            pilot.app.theme = theme
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.session.save_now()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in over:
            await pilot.press(key)
            await pilot.pause()
        # A blinking cursor is drawn or not depending on the moment of the picture: hold it steady.
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
            if isinstance(widget, TextArea):
                # Textual 8.2.8 keys a TextArea's cached lines on the cursor only while it blinks: a line drawn
                # in the blink's dark half came back from the cache, and the picture depended on the load.
                widget._line_cache.clear()
                widget.refresh()
        await pilot.pause()

    return run


def over_time_user(path: Path) -> None:
    """A user of a year and more: Mapping done in September 2025 (its answers now ask "still true?"), and
    Planning started again in October 2025 (its first rating kept as "then"), its new destination since
    changed twice, each time with a reason."""
    use_utc()

    def sitting(when: datetime, fill: Callable[[Store], None]) -> None:
        with Store(path, clock=lambda: when) as store:
            store.start_sitting()
            fill(store)

    def first(store: Store) -> None:
        store.set_answer("mapping", "role", "Senior analyst, hospital trust (4 years)")
        store.set_answer("mapping", "strengths", ["Calm in a crisis", "Clear writing", "Mentoring new analysts"])
        store.set_answer("mapping", "energy_now", 2)
        store.mark_done("mapping")
        store.set_answer("planning", "destination", "Head of data in a large retailer, in London.")
        store.set_answer("planning", "confidence", 2)

    def changed(text: str, reason: str) -> Callable[[Store], None]:
        def fill(store: Store) -> None:
            store.set_answer("planning", "destination", text)
            store.explain_change("planning", "destination", reason)
        return fill

    def redone(store: Store) -> None:
        store.start_again("planning")
        store.set_answer("planning", "destination", "Head of data somewhere smaller, still in London.")
        store.set_answer("planning", "confidence", 4)
        store.set_resume_point(ResumePoint("planning", 1, "destination"))

    sitting(datetime(2025, 9, 10, 18, 0, tzinfo=timezone.utc), first)
    sitting(datetime(2025, 10, 5, 18, 0, tzinfo=timezone.utc), redone)
    sitting(datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc), changed(
        "Leading a small data team in health, close to patients.",
        "Three conversations: retail pays well but I care about patients."))
    sitting(datetime(2026, 7, 6, 18, 0, tzinfo=timezone.utc), changed(
        "Leading a small data team in a health charity, near the sea, with time for family.",
        "Priya's story: charities need data people and let you live anywhere."))
