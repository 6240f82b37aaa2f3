"""Home: the sidebar, Continue where you left off, the next suggested step, and a welcome."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from rich.text import Text
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import visible
from workbook.habits import (
    Goal,
    Nudge,
    conversation_status,
    conversations,
    log_exercise,
    log_status,
    next_step_to_check,
    nudges,
)
from workbook.logs import has_stages, logs
from workbook.progress import State, continue_where, next_exercise, next_sitting_when
from workbook.over_time import StaleAnswer
from workbook.store import NextStep, ResumePoint
from workbook.tui.messages import FollowNudge
from workbook.tui.session import Session
from workbook.tui.screens.base import ACTIONS_KEY, EXPORT_KEY, HELP_KEY, SEARCH_KEY, STEP_KEYS, WorkbookScreen

WELCOME = Text.assemble(
    ("Welcome to your Career Workbook\n\n", "bold"),
    "Managing a career is a habit, not an event. This workbook takes you through the six steps that "
    "career coaches use: ", ("Mapping", "bold"), " where you are, ", ("Planning", "bold"), " a direction, ",
    ("Exploring", "bold"), " routes, ", ("Demonstrating", "bold"), " what you can do, ", ("Arriving", "bold"),
    " well in a new role, and ", ("Consolidating", "bold"), " once you are there, plus a log of monthly ",
    ("career conversations", "bold"), " and an ", ("energy log", "bold"), ".",
)
HOW_A_SITTING_WORKS = Text.assemble(
    ("How a sitting works. ", "bold"),
    "A sitting is 30 to 45 minutes: one exercise, or one half of the three that need two. Each is a few pages "
    "of questions with guidance. Write as much or as little as you like: everything saves itself as you type, "
    "and next time you will land exactly where you stopped.",
)


@dataclass(frozen=True)
class HomeContent:
    """What home shows besides the sidebar, worked out from the store."""

    new_user: bool
    """No resume point yet: the welcome instead of Continue."""
    continue_label: str | None
    """None when there is nothing to continue: a new user, or the last exercise open is done."""
    last_sitting: str
    suggestion: str
    start_label: str
    suggested: str | None
    """The exercise the Start button opens; None opens the conversation log."""
    nudges: tuple[Nudge, ...] = ()
    conversation_status: str = ""
    log_status: str = ""
    """A line for each other log with entries (the energy log)."""
    next_step: NextStep | None = None
    """A next step set last time, to ask about."""
    stale: tuple[StaleAnswer, ...] = ()
    """Answers of done steps due a look."""
    continues_suggested: bool = False
    """Continue opens the very exercise suggested next."""


class StaleList(OptionList):
    """Answers asking "still true?": y keeps the highlighted one as it is, Enter opens it to change."""

    BINDINGS = [Binding("y", "still_true", "Still true", id="still-true",
                        tooltip="Keep this answer as it is; it counts as checked today")]

    class Confirmed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_still_true(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Confirmed(self.highlighted))


class HomeScreen(WorkbookScreen):
    BINDINGS = [*STEP_KEYS, ACTIONS_KEY, SEARCH_KEY, EXPORT_KEY, HELP_KEY]  # and each log's key (add_log_keys)
    AUTO_FOCUS = ""  # focused in on_screen_resume, without scrolling

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.add_log_keys()

    def compose(self) -> ComposeResult:
        # Filled in here, not after mounting: changing labels on a drawn screen costs a second layout.
        self.content = content = self._content()
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with VerticalScroll(id="home-main"):
                with Vertical(id="step-check") as check:
                    check.display = content.next_step is not None
                    yield Static(self._step_question(content.next_step), id="step-question", markup=False)
                    with Horizontal(id="step-buttons"):
                        yield Button("Yes, done", id="step-done", variant="success", compact=True)
                        yield Button("Not yet", id="step-not-yet", compact=True)
                # What to do comes before the reminders: at 80x24 a new user's Open button is in view.
                welcome = Static(WELCOME, id="welcome")
                welcome.display = content.new_user
                yield welcome
                continue_button = Button(Content(content.continue_label or "Continue"), id="continue", variant="primary")
                continue_button.display = content.continue_label is not None
                yield continue_button
                # Content, here and below: a title or a name in these lines is text, not markup.
                last_sitting = Static(Content(content.last_sitting), id="last-sitting")
                last_sitting.display = bool(content.last_sitting)
                yield last_sitting
                suggestion = Static(Content(content.suggestion), id="suggestion")
                start = Button(Content(content.start_label), id="start-next")
                self._show_start(content, suggestion, start)
                yield suggestion
                yield start
                how = Static(HOW_A_SITTING_WORKS, id="how-a-sitting-works")
                how.display = content.new_user
                yield how
                status = Static(Content(content.conversation_status), id="conversation-status")
                status.display = bool(content.conversation_status)
                yield status
                others = Static(Content(content.log_status), id="log-status")
                others.display = bool(content.log_status)
                yield others
                nudges = OptionList(*self._nudge_options(content.nudges), id="nudges")
                nudges.display = bool(content.nudges)
                yield nudges
                with Vertical(id="stale-panel") as panel:
                    panel.display = bool(content.stale)
                    yield Static(self._stale_title(content.stale), id="stale-title")
                    yield StaleList(*self._stale_options(content.stale), id="stale")
        yield Footer()

    @staticmethod
    def _show_start(content: HomeContent, suggestion: Static, start: Button) -> None:
        # Continue already opens the suggested exercise: a second button for it would only repeat it.
        suggestion.display = start.display = not content.continues_suggested
        start.variant = "default" if content.continue_label else "primary"

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.focused is None:
            # Home opens at its top: on a short terminal, scrolling to the button would hide the welcome.
            self.set_focus(self._default_button(), scroll_visible=False)

    def _default_button(self) -> Button:
        return self.query_one("#continue" if self.content.continue_label else "#start-next", Button)

    @property
    def suggested(self) -> str | None:
        return self.content.suggested

    @staticmethod
    def _step_question(step: NextStep | None) -> str:
        if step is None:
            return ""
        return f"Last time you chose a next step: \u201c{visible(step.text)}\u201d. Did you do it?"

    @staticmethod
    def _nudge_options(nudges: tuple[Nudge, ...]) -> list[Option]:
        return [Option(Content("\u25b8 " + visible(nudge.text)), id=str(index)) for index, nudge in enumerate(nudges)]

    @staticmethod
    def _stale_title(stale: tuple[StaleAnswer, ...]) -> Content:
        noun = "answer" if len(stale) == 1 else "answers"
        return Content.assemble(("Still true? ", "bold"), f"{len(stale)} {noun} in your done steps, not looked at "
                                "for a while. y: still true, keep it · Enter: open it to change it")

    @staticmethod
    def _stale_options(stale: tuple[StaleAnswer, ...]) -> list[Option]:
        return [Option(Content.assemble("\u25b8 ", (f"{answer.exercise_title} · {answer.label}", "bold"),
                                        f": {answer.question}"),
                       id=str(index)) for index, answer in enumerate(stale)]

    def _content(self) -> HomeContent:
        rows = self.session.progress_rows()
        states = {row.exercise.id: row.state for row in rows}
        point = self.session.resume_point()
        store = self.session.read()
        continue_label = None
        finished = ""
        if point is not None:
            exercise = self.catalog.get(point.exercise)
            if store.status(point.exercise, point.entry).done:
                finished = f" You finished {exercise.title}."  # nothing to continue: the next step is the button
            else:
                where = continue_where(exercise, point.page, store.answers(exercise.id, point.entry))
                continue_label = f"Continue: {exercise.title}, {where}"
                finished = next_sitting_when(exercise, point.page)  # when the sitting Continue opens is for
        sitting = store.last_sitting()
        last_sitting = (f"Last sitting: {sitting.started_at.astimezone():%A %d %B %Y, %H:%M}.{finished}"
                        if sitting else finished.strip())
        new_user = point is None
        today = self.session.today()
        log = conversations(self.catalog, store)
        reminders = tuple(nudges(self.catalog, store, today, self.session.action_count(), log))
        # The monthly reminder already says how long it has been: the status line would repeat it.
        show_status = log_exercise(self.catalog) and not any(nudge.goal is Goal.LOG for nudge in reminders)
        habits = dict(
            nudges=reminders,
            conversation_status=conversation_status(log, today) if show_status else "",
            log_status="\n".join(line for line in (log_status(other, store, today) for other in logs(self.catalog)
                                                   if not has_stages(other)) if line),
            next_step=next_step_to_check(store),
            stale=self.session.stale_answers(),
        )
        upcoming = next_exercise(self.catalog.steps, states)
        if upcoming is None:
            return HomeContent(new_user, continue_label, last_sitting,
                               "All six steps are done. Keep the habit going with a career conversation.",
                               "Open the conversation log", None, **habits)
        verb = "Carry on with" if states.get(upcoming.id) is State.IN_PROGRESS else "Suggested next:"
        habits["continues_suggested"] = continue_label is not None and point is not None \
            and point.exercise == upcoming.id
        return HomeContent(new_user, continue_label, last_sitting,
                           f"{verb} step {upcoming.step}, {upcoming.title}: {upcoming.question} "
                           f"(about {upcoming.minutes} minutes)",
                           f"Open {upcoming.title}", upcoming.id, **habits)

    def refresh_progress(self) -> None:
        super().refresh_progress()
        old, self.content = self.content, self._content()
        if self.content == old:
            return  # nothing to redraw
        new = self.content
        continuing = new.continue_label is not None
        continue_button = self.query_one("#continue", Button)
        continue_button.display = continuing
        self.query_one("#welcome").display = new.new_user
        self.query_one("#how-a-sitting-works").display = new.new_user
        if continuing:
            continue_button.label = Content(new.continue_label)
            continue_button.refresh(layout=True)  # a label is repainted, not measured: a longer one was cut
        for name, text in (("#last-sitting", new.last_sitting), ("#conversation-status", new.conversation_status),
                           ("#log-status", new.log_status)):
            line = self.query_one(name, Static)
            line.update(Content(text))
            line.display = bool(text)
        suggestion, start = self.query_one("#suggestion", Static), self.query_one("#start-next", Button)
        suggestion.update(Content(new.suggestion))
        start.label = Content(new.start_label)
        start.refresh(layout=True)
        self._show_start(new, suggestion, start)
        if new.nudges != old.nudges:
            listing = self.query_one("#nudges", OptionList)
            listing.clear_options()
            listing.add_options(self._nudge_options(new.nudges))
            listing.display = bool(new.nudges)
        if new.stale != old.stale:
            listing = self.query_one("#stale", StaleList)
            highlighted = listing.highlighted
            listing.clear_options()
            listing.add_options(self._stale_options(new.stale))
            if new.stale and highlighted is not None:
                listing.highlighted = min(highlighted, len(new.stale) - 1)
            self.query_one("#stale-title", Static).update(self._stale_title(new.stale))
            self.query_one("#stale-panel").display = bool(new.stale)
            if not new.stale and listing.has_focus:
                self._default_button().focus()
        self.query_one("#step-question", Static).update(self._step_question(new.next_step))
        self.query_one("#step-check").display = new.next_step is not None
        if continuing != (old.continue_label is not None):
            self._default_button().focus()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        point = self.session.resume_point()
        if point is not None:
            self.open_exercise(point.exercise, point.entry, point)

    @on(Button.Pressed, "#start-next")
    def _start_next(self) -> None:
        if self.suggested is None:
            self.action_open_log()
        else:
            self.open_exercise(self.suggested)

    @on(OptionList.OptionSelected, "#nudges")
    def _nudge_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.post_message(FollowNudge(self.content.nudges[int(event.option.id or 0)]))

    @on(StaleList.Confirmed)
    def _still_true(self, event: StaleList.Confirmed) -> None:
        answer = self.content.stale[event.index]
        self.session.confirm_still_true(answer.exercise, answer.field)
        self.notify("Kept as it is, checked today.", timeout=3)

    @on(OptionList.OptionSelected, "#stale")
    def _open_stale(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        answer = self.content.stale[int(event.option.id or 0)]
        exercise = self.catalog.get(answer.exercise)
        self.open_exercise(exercise.id, point=ResumePoint(exercise.id, exercise.page_index(answer.field), answer.field))

    @on(Button.Pressed, "#step-done")
    @on(Button.Pressed, "#step-not-yet")
    def _step_checked(self, event: Button.Pressed) -> None:
        step = self.content.next_step
        if step is None:
            return
        done = event.button.id == "step-done"
        self.session.check_next_step(step.id, done)
        self.notify("Well done: it is ticked on your action list." if done else
                    "It stays on your action list (a) until you tick it.", timeout=4)
        self.refresh_progress()
        self._default_button().focus()
