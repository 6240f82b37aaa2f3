"""The command palette (Ctrl+P): the workbook's commands, named "area: verb".

`WorkbookCommands` offers what works anywhere; a screen adds its own provider through its `COMMANDS`
(an exercise's answer history, for one), so a command is offered only where it applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from workbook.answers import visible
from workbook.exercises import Exercise
from workbook.export.formats import FORMATS
from workbook.habits import conversations
from workbook.logs import logs, noun
from workbook.over_time import review_months
from workbook.tui.session import Session


class WorkbookActions(Protocol):
    """What the palette asks of the app (WorkbookApp has it), named here so that this module needs no app."""

    session: Session

    def action_continue(self) -> None: ...
    def open_exercise(self, exercise_id: str) -> None: ...
    def open_actions(self) -> None: ...
    def open_prep(self, entry: str) -> None: ...
    def start_log_entry(self, exercise_id: str) -> None: ...
    def action_search(self) -> None: ...
    def ask_review_months(self) -> None: ...
    def ask_your_name(self) -> None: ...
    def action_export(self, format: str = "md") -> None: ...
    def action_toggle_dark(self) -> None: ...
    def action_help(self) -> None: ...


class AnswerActions(Protocol):
    """What the palette asks of an exercise's screen (ExerciseScreen has it)."""

    exercise: Exercise

    def action_versions(self) -> None: ...
    def action_still_true(self) -> None: ...
    def action_start_again(self) -> None: ...
    def at_sitting_end(self) -> bool: ...
    async def action_finish_sitting(self) -> None: ...


@dataclass(frozen=True)
class Command:
    name: str
    """Shown and matched as plain text: a conversation's title is the user's, never markup."""
    help: str
    run: Callable[[], object]


def _highlight(matcher: Matcher, text: str) -> Content:
    # Matcher.highlight parses its candidate as markup: a title holding "[/]" would break the palette.
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CommandsProvider(Provider):
    """Turns `commands()` into palette hits: listed in order when nothing is typed, matched when something is."""

    def commands(self) -> Iterable[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(Content(command.name), command.run, text=command.name, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            if (score := matcher.match(command.name)) > 0:
                yield Hit(score, _highlight(matcher, command.name), command.run, text=command.name,
                          help=command.help)


class WorkbookCommands(CommandsProvider):
    """What works from every screen."""

    def commands(self) -> Iterable[Command]:
        app = cast(WorkbookActions, self.app)
        session = app.session
        yield Command("workbook: continue", "Go back to where you left off", app.action_continue)
        for exercise in session.catalog:
            yield Command(f"exercise: open {visible(exercise.title)}", visible(exercise.question),
                          lambda exercise_id=exercise.id: app.open_exercise(exercise_id))
        yield Command("actions: show all", "Every action in the workbook, by due date", app.open_actions)
        yield Command("search: everything you wrote", "Find words in every answer and conversation",
                      app.action_search)
        yield Command(f"settings: ask \"still true?\" after {review_months(session.read())} months",
                      "How long an answer in a done step rests before the workbook asks you to look again",
                      app.ask_review_months)
        # The help line is read as markup by the palette: the name itself stays out of it.
        yield Command("settings: your name", "The name that signs the messages the workbook drafts for you",
                      app.ask_your_name)
        for log in logs(session.catalog):
            yield Command(f"log: new {visible(noun(log))}", f"Start a new entry of the {visible(log.title)}",
                          lambda exercise_id=log.id: app.start_log_entry(exercise_id))
        for item in conversations(session.catalog, session.read()):
            if not item.stage.happened:
                yield Command(f"conversation: prep sheet for {visible(item.title)}", "What to have in mind before it",
                              lambda entry=item.entry.id: app.open_prep(entry))
        for format in FORMATS:
            yield Command(f"export: {format.command}", format.description,
                          lambda value=format.value: app.action_export(value))
        yield Command("theme: toggle dark/light", "Switch between the dark and the light theme",
                      app.action_toggle_dark)
        yield Command("help: keys and this page", "Every key, and help for this page", app.action_help)


class ExerciseCommands(CommandsProvider):
    """What works on an exercise's pages: the answer the cursor is in, and the exercise itself."""

    def commands(self) -> Iterable[Command]:
        screen = cast(AnswerActions, self.screen)
        yield Command("answer: history", "Every version of the answer you are in, why and what changed; "
                      "bring one back", screen.action_versions)
        yield Command("answer: still true", "Keep the answer you are in as it is: it counts as checked today",
                      screen.action_still_true)
        if screen.at_sitting_end():
            yield Command("exercise: finish this sitting", "Check this sitting's answers, then home; Continue "
                          "opens the next sitting", screen.action_finish_sitting)
        if not screen.exercise.repeatable:
            yield Command("exercise: start again", "Set today's answers aside as earlier versions (nothing is "
                          "deleted) and begin afresh", screen.action_start_again)
