"""Search: `/` finds words in every answer and conversation, their earlier versions and the reasons given
for a change, and the next steps. Enter opens the field that holds them (or the action list, for a next
step)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from workbook.answers import visible
from workbook.search import Match, MatchKind, count_line, search
from workbook.store import ResumePoint, Store
from workbook.tui.messages import OpenActions, OpenExercise, ReportsFailedWorkers
from workbook.tui.session import Session

DEBOUNCE = 0.15
WHAT_IS_SEARCHED = ("Finds what you wrote: answers and conversations, their earlier versions, the reasons you "
                    "gave for a change, and your next steps.")
SHOWN = 200
"""Results drawn at most: a list of thousands would hold up the screen; another word narrows it."""


class SearchScreen(ReportsFailedWorkers, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close-search", tooltip="Back to where you were"),
        Binding("down", "to_results", "Results", show=False, id="to-results"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.matches: list[Match] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Static("Search everything you wrote", id="search-title", classes="dialog-title")
            yield Input(placeholder="Words to find (any case, accents or not)", id="search-words",
                        select_on_focus=False)
            yield Static(WHAT_IS_SEARCHED, id="search-summary", markup=False)
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-words", Input).focus()

    @on(Input.Changed, "#search-words")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._search)

    @on(Input.Submitted, "#search-words")
    def _submitted(self) -> None:
        if self.matches:
            self._open(self.matches[0])

    def _search(self) -> None:
        # Read here, on the UI thread: what was typed a moment ago is found too.
        self._run(self.session.read(), self.query_one("#search-words", Input).value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run(self, store: Store, query: str) -> None:
        # A worker: a long workbook must not make typing in the box wait.
        matches = search(self.session.catalog, store, query)
        self.app.call_from_thread(self._show, query, matches)

    def _show(self, query: str, matches: list[Match]) -> None:
        if query != self.query_one("#search-words", Input).value:
            return  # typed on meanwhile; a newer search is on its way
        self.matches = matches
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        options: list[Option | None] = []
        for index, match in enumerate(matches[:SHOWN]):
            options += [self._option(index, match), None]  # None: a rule between results
        results.add_options(options[:-1])
        more = f" The first {SHOWN} are shown: add a word to narrow it." if len(matches) > SHOWN else ""
        self.query_one("#search-summary", Static).update(
            WHAT_IS_SEARCHED if not query.strip() else f"{count_line(matches)} every word. Enter or ↓ to choose.{more}"
            if matches else "Nothing you wrote holds every one of these words.")

    @staticmethod
    def _option(index: int, match: Match) -> Option:
        # Text, not markup: an answer may hold a [ of its own.
        snippet = Text(visible(match.snippet))
        for start, stop in match.spans:
            snippet.stylize("reverse", start, stop)
        # What it is first (an earlier version, a reason...), where it is after: the place can run long.
        kind = f"{match.label[:1].upper()}{match.label[1:]} · " if match.label else ""
        return Option(Text.assemble((kind, "italic"), (visible(match.where), "bold"), "\n  ", snippet), id=str(index))

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = results.highlighted or 0

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(self.matches[int(event.option.id or 0)])

    def _open(self, match: Match) -> None:
        self.dismiss()
        if match.exercise is None:  # a next step: it is ticked and dated in the action list
            self.app.post_message(OpenActions())
            return
        # Words found in an earlier version or a reason for a change: the field's history opens over its page.
        self.app.post_message(OpenExercise(match.exercise, match.entry,
                                           ResumePoint(match.exercise, match.page, match.field, match.entry),
                                           history_at=match.written_at if match.kind is not MatchKind.ANSWER
                                           else None))
        if match.kind is not MatchKind.ANSWER:
            self.app.notify(f"The words are in this answer's {match.label}.", timeout=6, markup=False)
