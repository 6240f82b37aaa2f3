"""Questions asked in a row of dialogs: on leaving a page, an exercise or the app, why an answer changed and
then one next step; the name that signs a draft; and the review period setting.

Each question is asked only when it applies and can be skipped with Escape. The flows run as workers of
the app, awaiting each dialog, so the answer reaches the session even when the screen that started the
flow has gone (a dialog's callback runs on the screen that asked for it: a screen popped meanwhile never
ran it, and a next step typed after "Mark as done" was lost).
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from workbook.answers import visible, your_name
from workbook.over_time import check_review_months, review_months
from workbook.tui.dialogs.ask import AskLineScreen
from workbook.tui.dialogs.your_name import YourNameScreen
from workbook.tui.session import Session

QUESTIONS = "questions"
"""The worker group of every row of questions, run by the app (`WorkbookApp.ask`)."""


async def explain_changes(app: App[Any], session: Session) -> None:
    """For each answer with a `why_changed` question changed in this sitting, ask why (skippably); the reply
    is kept with the version it replaced."""
    while (change := session.change_to_explain()) is not None:
        reason = await app.push_screen_wait(AskLineScreen(
            visible(change.field.why_changed),
            f"You changed \u201c{visible(change.field.label)}\u201d, written "
            f"{change.revision.written_at.astimezone():%d %B %Y}. A line on why is kept with the earlier "
            "version, so you can see later how your thinking moved.",
            placeholder="What you learned (or Escape to skip)", max_length=300))
        session.give_reason(change, reason or "")
        if reason:
            app.notify("Kept with the earlier version: F2 on the answer shows its history.", timeout=4)


async def ask_next_step(app: App[Any], session: Session, after: str | None) -> None:
    """Once a sitting, after working: one line, skippable, the step to take before the next sitting."""
    if not session.should_ask_next_step():
        return
    session.next_step_asked = True
    text = await app.push_screen_wait(AskLineScreen(
        "One next step before your next sitting?",
        "Something small you will do, e.g. \"Email Priya to book a coffee\". It goes on your action list, "
        "and next time the workbook asks whether you did it.",
        placeholder="Your next step (or Escape to skip)", max_length=200))
    if text:
        session.keep_next_step(text, after)
        app.notify("It is on your action list; next time the workbook asks how it went.", timeout=4,
                   title="Next step kept")


async def leave(app: App[Any], session: Session, exercise: str | None) -> None:
    """After an exercise (or before the app closes): why it changed, then the next step."""
    await explain_changes(app, session)
    await ask_next_step(app, session, exercise)


async def ask_your_name(app: App[Any], session: Session, *, asked_for: bool = False) -> None:
    """The name that signs drafted messages: asked once (when a draft that needs it is first shown), or when
    the user asks to change it (`asked_for`). Escape skips; an empty line signs with no name."""
    if not asked_for:
        if not session.should_ask_your_name():
            return
        session.your_name_asked = True
    name = await app.push_screen_wait(YourNameScreen(your_name(session.read())))
    if name is None:
        return
    session.sign_as(name)
    app.notify(f"Your messages end with “{visible(name)}”." if name else
               "Your messages end with no name; you can give one from the command palette.",
               timeout=5, markup=False)


async def page_questions(app: App[Any], session: Session, *, explain: bool, name: bool) -> None:
    """On a page just shown: why an answer changed (after a move between pages), then the name for its draft."""
    if explain:
        await explain_changes(app, session)
    if name:
        await ask_your_name(app, session)


async def ask_review_months(app: App[Any], session: Session) -> None:
    """The setting: after how many months an answer in a done step asks "still true?"."""
    months = await app.push_screen_wait(AskLineScreen(
        "After how many months should an answer ask \"still true?\"",
        "Answers in the steps you marked done are flagged on home and in the sidebar when you have not "
        "written or checked them for this long. 0 turns it off.",
        value=str(review_months(session.read())), placeholder="Months, e.g. 12", check=check_review_months,
        max_length=3))
    if months is None:
        return
    session.set_review_months(int(months))
    app.notify("The workbook will not ask \"still true?\"." if int(months) == 0 else
               f"Answers in done steps ask \"still true?\" {int(months)} months after you last checked them.",
               timeout=5)
