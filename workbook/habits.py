"""The habits between sittings: one action list, the monthly conversation, reviews and nudges. Pure.

Nothing here keeps a copy of the user's data: actions are read from the `actions` fields (and the
next steps) where they live, and a change made from the action list is written back there.
Every date question takes `today`, so tests freeze it and nothing depends on the real clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Iterable

from workbook.answers import entry_title
from workbook.exercises import ActionsField, Catalog, Exercise
from workbook.fields import ActionRow, date_problem, labelled_details, parse_date, short_label
from workbook.logs import DATE_FIELD, STAGE_FIELD, entry_date, has_stages, noun
from workbook.store import Entry, NextStep, Store

MONTH = timedelta(days=30)
"""A conversation a month: longer than this since the last one earns a nudge."""
FOLLOW_UP_AFTER = timedelta(days=2)
SOON = timedelta(days=7)
"""How far ahead a review or an action counts as due soon."""
DETAIL_WIDTH = 70
"""How much of an action's first detail a list shows."""
REVIEW_FIELD = "consolidating.next_review"
REVIEW_WITH_FIELD = "consolidating.review_with"


class Stage(StrEnum):
    """Where a conversation is. The values are the options of the log's `stage` field."""

    IDEA = "Idea"
    ASKED = "Asked"
    BOOKED = "Booked"
    HELD = "Held"
    FOLLOWED_UP = "Followed up"

    @property
    def happened(self) -> bool:
        return self in (Stage.HELD, Stage.FOLLOWED_UP)


PERSON_FIELD = "person"
RECORD_FIELD = "their_story"
"""An entry with a story recorded was held, even if its stage was never set."""
MANAGER_RECORD_FIELD = "manager_view"
"""The same for a talk with a manager, which records what the manager said instead of a story."""


def day(when: date) -> str:
    """A date as people say it: Mon 7 Dec."""
    return f"{when:%a} {when.day} {when:%b}"


def relative(when: date, today: date) -> str:
    days = (when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


# --- the action list ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItem:
    """One action, read from where it lives: an `actions` field (exercise or log entry) or a next step."""

    text: str
    due: str
    """As written: YYYY-MM-DD, or empty."""
    done: bool
    source: str
    """Where it came from, in words: "Planning · Six months" or "Conversation with Sam Lee"."""
    exercise: str | None
    entry: str | None
    field: str | None
    index: int
    """Its place in the field's list (or the next step's id)."""
    page: int = 0
    """The page of the field, to open it there."""
    details: tuple[tuple[str, str], ...] = ()
    """(label, text) of each detail written for it, in the field's order (a SMART action's "Serves")."""

    @property
    def first_detail(self) -> str:
        """Its first detail in a few words, for a list: "Serves: the gap in data skills"; "" when none."""
        if not self.details:
            return ""
        label, text = self.details[0]
        line = f"{short_label(label)}: {' '.join(text.split())}"
        if len(line) <= DETAIL_WIDTH:
            return line
        cut = line[:DETAIL_WIDTH - 1]
        return cut.rsplit(" ", 1)[0].rstrip(" ,;:") + "…"  # at a word: the label holds a space already

    @property
    def due_date(self) -> date | None:
        return parse_date(self.due)

    @property
    def is_next_step(self) -> bool:
        return self.field is None

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_date is not None and self.due_date < today

    def due_this_week(self, today: date) -> bool:
        return not self.done and self.due_date is not None and today <= self.due_date < today + SOON


class ActionMoved(LookupError):
    """The action is no longer where the list found it (edited meanwhile); the list needs gathering again."""


def gather_actions(catalog: Catalog, store: Store, *, include_done: bool = True) -> list[ActionItem]:
    """Every action in the workbook: open ones by due date (undated last), then the done ones."""
    found: list[ActionItem] = []
    for exercise in catalog:
        entries: list[Entry | None] = list(store.entries(exercise.id)) if exercise.repeatable else [None]
        for entry in entries:
            entry_id = entry.id if entry else None
            answers = store.answers(exercise.id, entry_id)
            source = _source(exercise, answers, entry)
            for page_number, page in enumerate(exercise.pages):
                for field in page.fields:
                    if not isinstance(field, ActionsField):
                        continue
                    for index, stored in enumerate(answers.get(field.id) or []):
                        if not isinstance(stored, dict) or not (row := ActionRow.from_stored(stored)).written:
                            continue
                        details = tuple((label, text) for label, text in labelled_details(field, row)
                                        if text.strip())
                        found.append(ActionItem(
                            row.text, row.due, row.done, f"{source} · {page.title}" if entry is None else source,
                            exercise.id, entry_id, field.id, index, page_number, details))
    for step in store.next_steps():
        after = f", after {catalog.get(step.after).title}" if step.after in catalog else ""
        found.append(ActionItem(step.text, step.due, step.done, f"Next step set {step.set_at.astimezone():%d %b}{after}",
                                None, None, None, step.id))
    if not include_done:
        found = [item for item in found if not item.done]
    return sorted(found, key=lambda item: (item.done, item.due_date is None, item.due_date or date.max))


def _source(exercise: Exercise, answers: dict[str, Any], entry: Entry | None) -> str:
    if entry is None:
        return exercise.title
    person = _person(answers)
    return f"Conversation with {person}" if person else f"Conversation of {entry.created_at.astimezone():%d %b %Y}"


def _person(answers: dict[str, Any]) -> str:
    return str(answers.get(PERSON_FIELD) or "").strip()


def update_action(store: Store, item: ActionItem, *, done: bool | None = None, due: str | None = None) -> ActionItem:
    """Change an action where it lives; returns it as it is now. ActionMoved if it is not there any more."""
    if due is not None and (problem := date_problem(due)):
        raise ValueError(problem)
    changes: dict[str, Any] = {}
    if done is not None:
        changes["done"] = done
    if due is not None:
        changes["due"] = due.strip()
    if item.is_next_step:
        if not any(step.id == item.index for step in store.next_steps()):
            raise ActionMoved(item.text)
        store.update_next_step(item.index, **changes)
        return replace(item, **changes)
    assert item.exercise is not None and item.field is not None
    actions = list(store.answer(item.exercise, item.field, item.entry) or [])
    texts = [ActionRow.from_stored(stored).text if isinstance(stored, dict) else None for stored in actions]
    index = item.index
    if not (index < len(texts) and texts[index] == item.text):
        matches = [i for i, text in enumerate(texts) if text == item.text]
        if not matches:
            raise ActionMoved(item.text)
        index = matches[0]
    actions[index] = replace(ActionRow.from_stored(actions[index]), **changes).to_stored()
    store.set_answer(item.exercise, item.field, actions, item.entry)
    return replace(item, index=index, **changes)


@dataclass(frozen=True)
class ActionCount:
    open: int
    overdue: int

    def __str__(self) -> str:
        return f"{self.open} open" + (f", {self.overdue} late" if self.overdue else "")


def count_actions(items: Iterable[ActionItem], today: date) -> ActionCount:
    items = [item for item in items if not item.done]
    return ActionCount(len(items), sum(item.overdue(today) for item in items))


# --- the conversation log ----------------------------------------------------------------------


@dataclass(frozen=True)
class Conversation:
    """One entry of the log, as the habit sees it."""

    exercise: Exercise
    entry: Entry
    title: str
    """As the log lists it: date, person, kind."""
    person: str
    stage: Stage
    date: date | None
    """The date booked (or held), as written on the entry."""
    held_on: date | None
    """For a held one: its date if written, else the day its stage (or story) was written."""


def log_exercise(catalog: Catalog) -> Exercise | None:
    """The conversation log: the log whose entries move through stages. Other logs (the energy log) are
    kept in the same way but have no stages, prep sheets or monthly reminder."""
    return next((exercise for exercise in catalog if exercise.repeatable and has_stages(exercise)), None)


def conversations(catalog: Catalog, store: Store) -> list[Conversation]:
    """Every conversation in the log, newest first."""
    log = log_exercise(catalog)
    if log is None:
        return []
    return staged_entries(log, store)


def staged_entries(log: Exercise, store: Store) -> list[Conversation]:
    """Every entry of a log with stages, newest first, each with its stage."""
    return [_conversation(log, store, entry) for entry in store.entries(log.id)]


def stage_of(answers: dict[str, Any]) -> Stage:
    """The stage the user chose; before they chose one, what the entry shows: a story recorded was held,
    a date written is booked, anything else an idea."""
    try:
        return Stage(answers.get(STAGE_FIELD))
    except ValueError:
        pass
    if any(str(answers.get(field) or "").strip() for field in (RECORD_FIELD, MANAGER_RECORD_FIELD)):
        return Stage.HELD
    if parse_date(answers.get(DATE_FIELD)):
        return Stage.BOOKED
    return Stage.IDEA


def _conversation(log: Exercise, store: Store, entry: Entry) -> Conversation:
    answers = store.answers(log.id, entry.id)
    stage = stage_of(answers)
    when = parse_date(answers.get(DATE_FIELD))
    held_on = None
    if stage.happened:
        written = store.answered_at(log.id, STAGE_FIELD, entry.id) or store.answered_at(log.id, RECORD_FIELD, entry.id) \
            or store.answered_at(log.id, MANAGER_RECORD_FIELD, entry.id)
        held_on = when or (written or entry.created_at).astimezone().date()
    return Conversation(log, entry, entry_title(log, answers, entry), _person(answers), stage, when, held_on)


def with_whom(conversation: Conversation) -> str:
    return conversation.person or "someone (no name yet)"


def last_held(items: Iterable[Conversation], today: date) -> Conversation | None:
    """The latest conversation held by today: one marked held with a date still to come has not been yet."""
    held = [item for item in items if item.held_on is not None and item.held_on <= today]
    return max(held, key=lambda item: item.held_on or date.min, default=None)


def conversation_status(items: list[Conversation], today: date) -> str:
    """How long since the last conversation held, for home."""
    last = last_held(items, today)
    coming = min((item for item in items if item.held_on is not None and item.held_on > today),
                 key=lambda item: item.held_on or date.max, default=None)
    if coming is not None and coming.held_on is not None:
        return f"Next career conversation: {relative(coming.held_on, today)}, with {with_whom(coming)}."
    if last is None or last.held_on is None:
        return "No career conversation held yet."
    return f"Last career conversation: {relative(last.held_on, today)}, with {with_whom(last)}."


def log_status(log: Exercise, store: Store, today: date) -> str:
    """For home, a log without stages (the energy log): when its latest entry was, and how many there are;
    nothing for an empty log."""
    entries = store.entries(log.id)
    if not entries:
        return ""
    latest = max(entry_date(store.answers(log.id, entry.id), entry) for entry in entries)
    count = "1 so far" if len(entries) == 1 else f"{len(entries)} so far"
    return f"{log.title}: the latest {noun(log)} is from {relative(latest, today)} ({count})."


# --- nudges ------------------------------------------------------------------------------------


class Goal(StrEnum):
    """What acting on a nudge opens."""

    ENTRY = "entry"
    PREP = "prep"
    LOG = "log"
    EXERCISE = "exercise"
    ACTIONS = "actions"


@dataclass(frozen=True)
class Nudge:
    text: str
    goal: Goal
    exercise: str | None = None
    entry: str | None = None
    page: str | None = None
    """The page to open, by id."""


def nudges(catalog: Catalog, store: Store, today: date, actions: ActionCount | None = None,
           log: list[Conversation] | None = None) -> list[Nudge]:
    """What home should remind the user of today, most pressing first. `actions` counts the late ones;
    `log` spares reading the conversations again when the caller has them."""
    found: list[Nudge] = []
    log = conversations(catalog, store) if log is None else log
    for item in reversed(log):  # oldest first
        exercise, entry = item.exercise.id, item.entry.id
        if item.stage is Stage.BOOKED and item.date is not None:
            if item.date < today:
                found.append(Nudge(f"Did your conversation with {with_whom(item)} on {day(item.date)} happen? "
                                   "Write down what you heard while it is fresh.", Goal.ENTRY, exercise, entry, "record"))
            elif item.date - today <= timedelta(days=1):
                found.append(Nudge(f"Your conversation with {with_whom(item)} is {relative(item.date, today)}: "
                                   "read your prep sheet.", Goal.PREP, exercise, entry))
        if item.stage is Stage.HELD and item.held_on is not None and today - item.held_on >= FOLLOW_UP_AFTER:
            found.append(Nudge(f"You talked with {with_whom(item)} {relative(item.held_on, today)}: send the "
                               "follow-up (it is drafted for you).", Goal.ENTRY, exercise, entry, "follow_up"))
    found += _monthly(catalog, log, today)
    found += _review(catalog, store, today)
    if actions is not None and actions.overdue:
        found.append(Nudge("1 action is past the date you set: do it, give it a new date or tick it."
                           if actions.overdue == 1 else
                           f"{actions.overdue} actions are past the date you set: do them, re-date or tick them.",
                           Goal.ACTIONS))
    return found


def _monthly(catalog: Catalog, log: list[Conversation], today: date) -> list[Nudge]:
    exercise = log_exercise(catalog)
    if exercise is None:
        return []
    if any(item.stage in (Stage.ASKED, Stage.BOOKED) or (item.held_on or date.min) > today for item in log):
        # The next one is asked for, booked or dated ahead; one booked for a day gone by has its own "did it happen?"
        return []
    last = last_held(log, today)
    if last is None or last.held_on is None:
        return [Nudge("No career conversation held yet. One a month is the habit: pick someone whose career "
                      "you admire and ask for their story.", Goal.LOG, exercise.id)]
    if today - last.held_on > MONTH:
        return [Nudge(f"Your last career conversation was {(today - last.held_on).days} days ago: time to "
                      "arrange the next one.", Goal.LOG, exercise.id)]
    return []


@dataclass(frozen=True)
class Review:
    """The next review, as set in Consolidating."""

    date: date
    with_whom: str
    exercise: str
    page: str


def next_review(catalog: Catalog, store: Store) -> Review | None:
    try:
        exercise, field = catalog.resolve(REVIEW_FIELD)
    except KeyError:
        return None
    when = parse_date(store.answer(exercise.id, field.id))
    if when is None:
        return None
    page = exercise.pages[exercise.page_index(field.id)].id
    who = str(store.answer(*REVIEW_WITH_FIELD.split(".", 1)) or "").strip()
    return Review(when, who, exercise.id, page)


def _review(catalog: Catalog, store: Store, today: date) -> list[Nudge]:
    review = next_review(catalog, store)
    if review is None or review.date - today > SOON:
        return []
    who = f" with {review.with_whom}" if review.with_whom else ""
    verb = "was due" if review.date < today else "is due"
    return [Nudge(f"Your career review{who} {verb} {relative(review.date, today)} ({day(review.date)}): look "
                  "back, then set the next date.", Goal.EXERCISE, review.exercise, page=review.page)]


# --- next steps ----------------------------------------------------------------------------------


def next_step_to_check(store: Store) -> NextStep | None:
    """The next step set in an earlier sitting that home has not asked about yet (the latest)."""
    waiting = [step for step in store.next_steps()
               if not step.asked and not step.done and step.set_at < store.opened_at]
    return waiting[-1] if waiting else None


def next_step_set_this_sitting(store: Store) -> bool:
    return any(step.set_at >= store.opened_at for step in store.next_steps())
