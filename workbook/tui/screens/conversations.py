"""A log's screen (the conversations, the energy log, any repeatable exercise): every entry, newest first,
grouped by stage where the log has stages, and a way to start a new one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import entry_title, visible
from workbook.habits import STAGE_FIELD, Stage, log_exercise, staged_entries, with_whom
from workbook.exercises import Exercise
from workbook.logs import entry_date, has_stages, noun
from workbook.store import ResumePoint
from workbook.tui.messages import OpenPrep
from workbook.tui.screens.base import ACTIONS_KEY, EXPORT_KEY, HELP_KEY, SEARCH_KEY, STEP_KEYS, WorkbookScreen
from workbook.tui.session import Session


CHOOSE_FIRST = "Choose a conversation first with the arrow keys, or start one with n."


def new_entry_and_start(session: Session, log: Exercise) -> tuple[str, str, ResumePoint | None]:
    """A new entry of `log`, and where to open it: (exercise, entry, resume point). The introduction is for
    the first entry; after it, a note of a log without stages opens on its first page (Back shows it)."""
    earlier = bool(session.read().entries(log.id))
    entry = session.new_entry(log.id)
    point = ResumePoint(log.id, 0, entry=entry.id) if earlier and not has_stages(log) else None
    return log.id, entry.id, point


class ConversationsScreen(WorkbookScreen):
    BINDINGS = [
        *STEP_KEYS,
        ACTIONS_KEY,
        SEARCH_KEY,
        EXPORT_KEY,
        HELP_KEY,
        Binding("n", "new_entry", "New", id="new-entry", tooltip="Start a new entry of this log"),
        Binding("s", "next_stage", "Next stage", id="next-stage",
                tooltip="Move the conversation on: idea, asked, booked, held, followed up"),
        Binding("p", "prep", "Prep sheet", id="prep", tooltip="What to have in mind before the conversation"),
        Binding("escape", "home", "Home", id="home", tooltip="Back to the home screen"),
    ]

    def __init__(self, session: Session, exercise: Exercise, opened: str | None = None) -> None:
        super().__init__(session)
        self.exercise = exercise
        self.current_exercise = exercise.id
        self.last_opened = opened
        """The entry opened over this list: back in the log, the cursor is on it."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with Vertical(id="log"):
                yield Label(self.exercise.title, id="exercise-title", markup=False)
                yield Static(self.exercise.question, id="log-question", markup=False)
                yield Button(Content(f"+ New {visible(noun(self.exercise))}"), id="new-entry", variant="primary")
                yield OptionList(id="entries")
        yield Footer()

    def refresh_progress(self) -> None:
        super().refresh_progress()
        entries = self.query_one("#entries", OptionList)
        highlighted = entries.highlighted
        was_on = entries.get_option_at_index(highlighted).id if highlighted is not None else None
        entries.clear_options()
        options = self._staged_options() if has_stages(self.exercise) else self._dated_options()
        entries.add_options(options)
        if not options:
            entries.add_option(Option(Content(f"Nothing here yet. Start your first {visible(noun(self.exercise))} "
                                              "with New."), disabled=True))
            return
        rows = {option.id: index for index, option in enumerate(options) if option.id}
        # A save redraws the list: the cursor stays on the conversation picked, or the one last opened. None
        # is picked on arrival, so s and p never act on a conversation the user did not choose.
        picked = was_on if was_on in rows else self.last_opened
        entries.highlighted = rows.get(picked) if picked else None

    def _line(self, entry_id: str, title: str) -> Option:
        done = "● " if self.session.read().status(self.exercise.id, entry_id).done else "◐ "
        # Content, not markup: a name with a [ in it is just a name; and no control characters.
        return Option(Content(done + visible(title)), id=entry_id)

    def _staged_options(self) -> list[Option]:
        """The entries under their stage: idea, asked, booked, held, followed up."""
        log = staged_entries(self.exercise, self.session.read())
        options: list[Option] = []
        for stage in Stage:
            in_stage = [item for item in log if item.stage is stage]
            if in_stage:
                options.append(Option(Content.styled(f"{stage} ({len(in_stage)})", "bold $text-muted"),
                                      disabled=True))
                options += [self._line(item.entry.id, item.title) for item in in_stage]
        return options

    def _dated_options(self) -> list[Option]:
        """The entries by the date written on them, newest first (as a recall of the log lists them)."""
        store = self.session.read()
        entries = [(entry, store.answers(self.exercise.id, entry.id)) for entry in store.entries(self.exercise.id)]
        entries.sort(key=lambda pair: entry_date(pair[1], pair[0]), reverse=True)
        return [self._line(entry.id, entry_title(self.exercise, answers, entry)) for entry, answers in entries]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Stages and prep sheets are the conversation log's: elsewhere s and p are neither shown nor bound."""
        if action == "next_stage":
            return has_stages(self.exercise)
        if action == "prep":
            log = log_exercise(self.catalog)
            return log is not None and log.id == self.exercise.id
        return True

    @property
    def highlighted_entry(self) -> str | None:
        entries = self.query_one("#entries", OptionList)
        if entries.highlighted is None:
            return None
        return entries.get_option_at_index(entries.highlighted).id

    def action_next_stage(self) -> None:
        """Move the highlighted conversation on: idea, asked, booked, held, followed up."""
        entry = self.highlighted_entry
        item = next((item for item in staged_entries(self.exercise, self.session.read())
                     if item.entry.id == entry), None)
        if item is None:
            self.notify(CHOOSE_FIRST)
            return
        stages = list(Stage)
        if item.stage is stages[-1]:
            self.notify(f"The conversation with {with_whom(item)} is followed up: that is the last stage.",
                        markup=False)
            return
        stage = stages[stages.index(item.stage) + 1]
        self.session.change_answer(self.exercise.id, STAGE_FIELD, stage.value, item.entry.id)
        if stage is Stage.BOOKED and item.date is None:
            self.notify("Booked: write the date on its first page (Enter opens it), for the reminder and the "
                        "calendar.")
        else:
            self.notify(f"{with_whom(item)}: {stage}.", timeout=3, markup=False)  # the name is the user's
        self.refresh_progress()

    def action_prep(self) -> None:
        entry = self.highlighted_entry
        if entry is None:
            self.notify(CHOOSE_FIRST)
            return
        self.app.post_message(OpenPrep(entry))

    def on_mount(self) -> None:
        super().on_mount()
        entries = self.query_one("#entries", OptionList)
        if self.session.read().entries(self.exercise.id):
            entries.focus()
        else:
            self.query_one("#new-entry", Button).focus()

    @on(Button.Pressed, "#new-entry")
    def action_new_entry(self) -> None:
        self.open_exercise(*new_entry_and_start(self.session, self.exercise))

    @on(OptionList.OptionSelected, "#entries")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_exercise(self.exercise.id, event.option.id)

    def action_home(self) -> None:
        self.app.pop_screen()
