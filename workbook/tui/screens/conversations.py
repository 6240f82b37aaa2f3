"""The conversation log: every entry grouped by stage, newest first, and a way to start a new one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import visible
from workbook.habits import STAGE_FIELD, Stage, conversations, with_whom
from workbook.exercises import Exercise
from workbook.tui.messages import OpenPrep
from workbook.tui.screens.base import ACTIONS_KEY, EXPORT_KEY, HELP_KEY, SEARCH_KEY, STEP_KEYS, WorkbookScreen
from workbook.tui.session import Session


CHOOSE_FIRST = "Choose a conversation first with the arrow keys, or start one with n."


class ConversationsScreen(WorkbookScreen):
    BINDINGS = [
        *STEP_KEYS,
        ACTIONS_KEY,
        SEARCH_KEY,
        EXPORT_KEY,
        HELP_KEY,
        Binding("n", "new_entry", "New", id="new-entry", tooltip="Start a new conversation"),
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
                yield Button("+ New conversation", id="new-entry", variant="primary")
                yield OptionList(id="entries")
        yield Footer()

    def refresh_progress(self) -> None:
        super().refresh_progress()
        entries = self.query_one("#entries", OptionList)
        highlighted = entries.highlighted
        was_on = entries.get_option_at_index(highlighted).id if highlighted is not None else None
        entries.clear_options()
        store = self.session.read()
        log = conversations(self.catalog, store)
        options: list[Option] = []
        for stage in Stage:
            in_stage = [item for item in log if item.stage is stage]
            if not in_stage:
                continue
            options.append(Option(Content.styled(f"{stage} ({len(in_stage)})", "bold $text-muted"), disabled=True))
            for item in in_stage:
                done = "● " if store.status(self.exercise.id, item.entry.id).done else "◐ "
                # Content, not markup: a name with a [ in it is just a name; and no control characters.
                options.append(Option(Content(done + visible(item.title)), id=item.entry.id))
        entries.add_options(options)
        if not options:
            entries.add_option(Option("No conversations yet. Start one with New.", disabled=True))
            return
        rows = {option.id: index for index, option in enumerate(options) if option.id}
        # A save redraws the list: the cursor stays on the conversation picked, or the one last opened. None
        # is picked on arrival, so s and p never act on a conversation the user did not choose.
        picked = was_on if was_on in rows else self.last_opened
        entries.highlighted = rows.get(picked) if picked else None

    @property
    def highlighted_entry(self) -> str | None:
        entries = self.query_one("#entries", OptionList)
        if entries.highlighted is None:
            return None
        return entries.get_option_at_index(entries.highlighted).id

    def action_next_stage(self) -> None:
        """Move the highlighted conversation on: idea, asked, booked, held, followed up."""
        entry = self.highlighted_entry
        item = next((item for item in conversations(self.catalog, self.session.read()) if item.entry.id == entry),
                    None)
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
        entry = self.session.new_entry(self.exercise.id)
        self.open_exercise(self.exercise.id, entry.id)

    @on(OptionList.OptionSelected, "#entries")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_exercise(self.exercise.id, event.option.id)

    def action_home(self) -> None:
        self.app.pop_screen()
