"""`workbook plain`: the same exercises as line-by-line questions, for screen readers and plain terminals.

Every answer is saved to the same store the moment it is given, so a user can start in the app,
go on here, and go back. Ctrl+C stops at once; nothing answered is lost.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import questionary
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from workbook.answers import (
    YOUR_NAME, Writer, answer_text, check_your_name, entry_title, shown_text, visible, your_name,
)
from workbook.exercises import Catalog, Exercise
from workbook.fields import (
    READ_ONLY,
    ActionRow,
    ActionsField,
    ChoiceField,
    ComposeField,
    Field,
    ListField,
    RecallField,
    ScaleField,
    TableField,
    action_rows,
    date_problem,
    unfinished_note,
)
from workbook.logs import entry_defaults, with_logs
from workbook.over_time import changes_to_explain
from workbook.progress import (
    checked_resume_point, continue_where, ends_a_sitting, exercise_state, missing_in_sitting, missing_required,
    page_place, sitting_when, sittings_plan, where_in_sittings,
)
from workbook.store import ResumePoint, Store

KEEP, ADD, REPLACE, LEAVE, NEW = "keep", "add", "replace", "leave", "new"
NEXT, BACK, STOP, DONE, FINISH, END_SITTING = "next", "back", "stop", "done", "finish", "end-sitting"


def run_plain(catalog: Catalog, store_path: Path, exercise_id: str | None, console: Console,
              *, interactive: bool, options: Sequence[str] = ()) -> int:
    """Walk one exercise; exit code 0 when the user stops or finishes, 1 when it cannot start, 130 (the
    shell's code for Ctrl+C) when stopped by Ctrl+C. `options` are the global options the same command
    needs when run again (`--store PATH`), for the commands it suggests."""
    if not interactive:
        console.print("[red]error:[/] plain mode asks its questions at a terminal; run `workbook plain` "
                      "in one (for files, use `workbook export`)", highlight=False)
        return 1
    if exercise_id is not None and exercise_id not in catalog:
        known = ", ".join(exercise.id for exercise in catalog)
        console.print(f"[red]error:[/] there is no exercise {escape(repr(exercise_id))}; choose from {known}",
                      highlight=False)
        return 1
    with Store(store_path, catalog=catalog) as store:
        store.start_sitting()
        session = PlainSession(catalog, store, console, options)
        try:
            session.run(exercise_id)
        except KeyboardInterrupt:
            store.save()
            again = session.command("plain", *([session.exercise_id] if session.exercise_id else []))
            session.say(f"\nStopped. Everything you answered is saved. To pick up here: {again}")
            return 130
    return 0


class Stopped(KeyboardInterrupt):
    """Ctrl+C at a prompt, carrying what had been typed into it so far."""

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.typed = typed
        self.kept: Any = None
        """The answer as far as it was given, for a kind that asks several questions (actions)."""


def _ask(question: questionary.Question) -> Any:
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt:
        raise Stopped(question.application.current_buffer.text) from None


def ask_your_name() -> str:
    """The name that signs drafted messages, asked once as the app asks it; "" signs them with no name."""
    name = _ask(questionary.text(
        "Your name, to sign your messages? (Enter with none: no name. The app's command palette, "
        "\"settings: your name\", changes it.)", validate=lambda text: check_your_name(text) or True))
    return name.strip()


def _noted(field: Field, note: str) -> str:
    """The question with how to answer it, in one pair of brackets: "Next review (required; YYYY-MM-DD)"."""
    return f"{field.label} ({'required; ' if field.required else ''}{note})"


def _write_detail(actions: list[ActionRow], index: int, place: int, text: str) -> None:
    details = list(actions[index].details)
    details[place] = text
    actions[index] = replace(actions[index], details=tuple(details))


def _valid_date(text: str) -> bool | str:
    return date_problem(text) or True  # the one rule of workbook.fields, as questionary wants it


class PlainSession:
    """One run of plain mode: choose an exercise, then its pages one question at a time."""

    def __init__(self, catalog: Catalog, store: Store, console: Console, options: Sequence[str] = ()) -> None:
        self.catalog = catalog
        self.store = store
        self.console = console
        self.options = tuple(options)
        self.exercise_id: str | None = None

    def say(self, line: str) -> None:
        """A line that may end in a command to copy: never wrapped, and text, not markup."""
        self.console.print(line, highlight=False, markup=False, soft_wrap=True)

    def command(self, *words: str) -> str:
        """A `workbook` command line to suggest, with this run's global options, quoted for the shell."""
        return shlex.join(["workbook", *self.options, *words])

    # --- choosing what to work on --------------------------------------------

    def run(self, exercise_id: str | None) -> None:
        point = None
        if exercise_id is None:
            point = self._choose()
            exercise_id = point.exercise
        exercise = self.catalog.get(exercise_id)
        self.exercise_id = exercise.id
        entry = point.entry if point else None
        if exercise.repeatable and entry is None:
            entry = self._choose_entry(exercise)
        position = point if point and point.page >= 0 else self.store.position(exercise.id, entry)
        if position is None:
            self.console.print(Text(f"\n{exercise.title}\n", style="bold"))
            self.console.print(exercise.intro, highlight=False, markup=False)
            self.console.print(sittings_plan(exercise), highlight=False, markup=False)
        if self.store.status(exercise.id, entry).done:
            self.console.print(f"{exercise.title} is marked done: what you change is saved, and it stays done.",
                               highlight=False, markup=False)
        self.walk(exercise, entry, position.page if position else 0)

    def _choose(self) -> ResumePoint:
        entries = [entry.id for exercise in self.catalog if exercise.repeatable
                   for entry in self.store.entries(exercise.id)]
        resume = checked_resume_point(self.catalog, self.store.resume_point(), entries)
        options = []
        # As on the app's home: a done exercise has nothing to continue (it is still in the list below).
        if resume and resume.page >= 0 and not self.store.status(resume.exercise, resume.entry).done:
            exercise = self.catalog.get(resume.exercise)
            where = continue_where(exercise, resume.page, self.store.answers(exercise.id, resume.entry))
            options.append(questionary.Choice(f"Continue: {exercise.title}, {where}", value=resume))
        for exercise in self.catalog:
            if exercise.repeatable:
                label = f"{exercise.title} ({len(self.store.entries(exercise.id))} so far)"
            else:
                answers = self.store.answers(exercise.id)
                label = f"{exercise.title} [{exercise_state(exercise, answers, self.store.status(exercise.id))}]"
            options.append(questionary.Choice(label, value=ResumePoint(exercise.id, -1)))
        return _ask(questionary.select("What would you like to work on?", choices=options))

    def _choose_entry(self, exercise: Exercise) -> str:
        options = [questionary.Choice("Start a new one", value=NEW)]
        for entry in self.store.entries(exercise.id):
            answers = self.store.answers(exercise.id, entry.id)
            options.append(questionary.Choice(entry_title(exercise, answers, entry), value=entry.id))
        picked = _ask(questionary.select(f"{exercise.title}: which one?", choices=options))
        if picked == NEW:
            picked = self.store.start_entry(exercise.id).id
            for field, value in entry_defaults(exercise, self.store.now().astimezone().date()).items():
                self.store.set_answer(exercise.id, field, value, entry=picked)
            self.store.save()
        return picked

    # --- pages ---------------------------------------------------------------

    def walk(self, exercise: Exercise, entry: str | None, page: int) -> None:
        page = min(max(page, 0), len(exercise.pages) - 1)
        while True:
            # The answers decide which pages are asked (a page's `when`): each step looks again.
            answers = self.store.answers(exercise.id, entry)
            page = exercise.nearest_shown(page, answers)
            self.ask_page(exercise, entry, page)
            step = self._after_page(exercise, entry, page)
            if step == STOP:
                self.say(f"Saved. To go on later: {self.command('plain', exercise.id)}")
                return
            if step == FINISH:
                self.say(f"Saved; {exercise.title} is still marked done. Export it with: "
                         f"{self.command('export', exercise.id)}")
                return
            if step == END_SITTING:
                self._end_sitting(exercise, entry, page)
                return
            if step == DONE:
                self.store.mark_done(exercise.id, entry)
                self.store.save()
                self.say(f"{exercise.title} is marked done. Export it with: {self.command('export', exercise.id)}")
                return
            shown = exercise.shown_indexes(self.store.answers(exercise.id, entry))
            if isinstance(step, int):
                page = step
            elif step == NEXT:
                page = next(index for index in shown if index > page)
            else:
                page = max((index for index in shown if index < page), default=0)

    def _end_sitting(self, exercise: Exercise, entry: str | None, page: int) -> None:
        """Stop at the end of a sitting: the next time starts at the first page of the next one."""
        finished, upcoming = exercise.sitting_of(page), exercise.sitting_of(page + 1)
        self.store.set_resume_point(ResumePoint(exercise.id, upcoming.first_page, None, entry))
        self.store.save()
        when = f" ({sitting_when(upcoming)})" if upcoming.note else ""
        self.say(f"Sitting {finished.number} of {len(exercise.sittings())} is finished and saved. Next time{when} "
                 f"you pick up at page {upcoming.first_page + 1}, {exercise.pages[upcoming.first_page].title}: "
                 f"{self.command('plain', exercise.id)}")

    def _after_page(self, exercise: Exercise, entry: str | None, page: int) -> str | int:
        answers = self.store.answers(exercise.id, entry)
        last = exercise.shown_indexes(answers)[-1]
        options = []
        if page < last:
            options.append(questionary.Choice("Next page", value=NEXT))
            if ends_a_sitting(exercise, page):
                finished, upcoming = exercise.sitting_of(page), exercise.sitting_of(page + 1)
                options.append(questionary.Choice(
                    f"Finish sitting {finished.number} here (next time starts at page {upcoming.first_page + 1})",
                    value=END_SITTING))
        elif self.store.status(exercise.id, entry).done:  # done already: nothing to mark
            options.append(questionary.Choice("Finish (it is already marked done)", value=FINISH))
        else:
            options.append(questionary.Choice("Mark as done", value=DONE))
        if page > 0:
            options.append(questionary.Choice("Back a page", value=BACK))
        options.append(questionary.Choice("Stop here (everything is saved)", value=STOP))
        while True:
            step = _ask(questionary.select("What next?", choices=options))
            if step not in (DONE, END_SITTING):
                return step
            answers = self.store.answers(exercise.id, entry)
            if step == DONE:
                missing, refused = missing_required(exercise, answers), "Not done yet"
            else:
                missing = missing_in_sitting(exercise, answers, exercise.sitting_of(page))
                refused = "This sitting is not finished yet"
            if not missing:
                return step
            number = {index: page_place(exercise, index, answers)[0] for index in exercise.shown_indexes(answers)}
            notes = [unfinished_note(field, answers.get(field.id)) for _, field in missing]
            names = "; ".join(f"{field.label} (page {number[exercise.pages.index(p)]}{f': {note}' if note else ''})"
                              for (p, field), note in zip(missing, notes))
            state = "Still empty or unfinished" if any(notes) else "Still empty"
            self.console.print(f"{refused}. {state}: {names}", highlight=False, markup=False)
            go = exercise.pages.index(missing[0][0])
            options = [questionary.Choice(f"Go to page {number[go]}", value=go), *options[1:]]

    def ask_page(self, exercise: Exercise, entry: str | None, page_index: int) -> None:
        page = exercise.pages[page_index]
        where = where_in_sittings(exercise, page_index, self.store.answers(exercise.id, entry))
        self.console.rule(Text(f"{exercise.title}, {where[:1].lower()}{where[1:]}: {page.title}"))
        if page.guidance:
            self.console.print(page.guidance + "\n", highlight=False, markup=False)
        for field in page.fields:
            self.store.set_resume_point(ResumePoint(exercise.id, page_index, field.id, entry))
            prompt = PROMPTS[field.kind]
            if prompt is READ_ONLY:
                self._show(exercise, entry, field)
                continue
            current = self.store.answer(exercise.id, field.id, entry)
            try:
                value = self.ask_field(field, current)
            except Stopped as stop:
                # Half a sentence is still the user's words: keep it, as the app keeps a draft.
                if prompt.keeps_typed and stop.typed.strip() and stop.typed != current:
                    self.store.set_answer(exercise.id, field.id, stop.typed, entry)
                elif stop.kept is not None and stop.kept != current:
                    self.store.set_answer(exercise.id, field.id, stop.kept, entry)
                raise
            if value != current:
                self.store.set_answer(exercise.id, field.id, value, entry)
                self._ask_why_changed(exercise, entry, field)
            self.store.save()

    def _ask_why_changed(self, exercise: Exercise, entry: str | None, field: Field) -> None:
        """As the app does: why an answer from an earlier sitting changed, kept with the old version."""
        if any((change.exercise, change.entry, change.field.id) == (exercise.id, entry, field.id)
               for change in changes_to_explain(self.catalog, self.store)):
            reason = _ask(questionary.text(f"{field.why_changed} (kept with the earlier version; Enter skips)"))
            self.store.explain_change(exercise.id, field.id, reason.strip(), entry)

    def _show(self, exercise: Exercise, entry: str | None, field: RecallField | ComposeField) -> None:
        def answer(exercise_id: str, field_id: str) -> Any:
            return self.store.answer(exercise_id, field_id, entry if exercise_id == exercise.id else None)

        lookup = with_logs(self.catalog, self.store, answer, exercise.id, self.store.now().astimezone().date())

        if isinstance(field, ComposeField) and "{@your_name}" in field.template and \
                self.store.setting(YOUR_NAME, None) is None:
            self.store.set_setting(YOUR_NAME, ask_your_name())
            self.store.save()
        writer = Writer(your_name(self.store), self.store.now().astimezone().date())
        self.console.print(Text(field.label, style="bold"))
        self.console.print(visible(shown_text(self.catalog, exercise, field, lookup, writer), multiline=True)
                           or "(nothing yet)", highlight=False, markup=False)
        self.console.print()

    # --- one question ----------------------------------------------------------

    def ask_field(self, field: Field, current: Any) -> Any:
        """The field's new value, asked in the way that fits its kind."""
        prompt = PROMPTS[field.kind]
        assert prompt is not READ_ONLY, f"a {field.kind} field asks nothing"
        label = field.label + (" (required)" if field.required else "")
        if prompt.label_first:
            self.console.print(Text(label, style="bold"))
        if field.help:
            self.console.print(Text(field.help, style="dim"))
        return prompt.ask(self, field, label, current)

    def _ask_line(self, field: Field, label: str, current: Any) -> Any:
        return _ask(questionary.text(label, default=current or ""))

    def _ask_text(self, field: Field, label: str, current: Any) -> Any:
        return _ask(questionary.text("Answer", default=current or "", multiline=True,
                                     instruction="(Esc then Enter to finish)"))

    def _ask_date(self, field: Field, label: str, current: Any) -> Any:
        return _ask(questionary.text(_noted(field, "YYYY-MM-DD"), default=current or "",
                                     validate=_valid_date)).strip()

    def _ask_choice(self, field: ChoiceField, label: str, current: Any) -> Any:
        options = [questionary.Choice(option, value=option) for option in field.options]
        options.append(questionary.Choice("(leave it as it is)", value=LEAVE))
        chosen = _ask(questionary.select(label, choices=options,
                                         default=current if current in field.options else None))
        return current if chosen == LEAVE else chosen

    def _ask_ticks(self, field: Field, options: tuple[str, ...], current: Any) -> list[str]:
        ticked = set(current or ())
        choices = [questionary.Choice(option, value=option, checked=option in ticked) for option in options]
        return _ask(questionary.checkbox(_noted(field, "Space to tick, Enter when done"), choices=choices))

    def _ask_scale(self, field: ScaleField, label: str, current: Any) -> Any:
        options = []
        for number in range(field.min, field.max + 1):
            end = field.min_label if number == field.min else field.max_label if number == field.max else ""
            options.append(questionary.Choice(f"{number}  {end}".rstrip(), value=number))
        options.append(questionary.Choice("(leave it as it is)", value=LEAVE))
        default = next((option for option in options if option.value == current), None)
        chosen = _ask(questionary.select(label, choices=options, default=default))
        return current if chosen == LEAVE else chosen

    def _start_from(self, field: ListField | TableField, label: str, kept: list) -> list | None:
        """What a list or table goes on from: the earlier items, none, or None to keep the answer as it is."""
        if not kept:
            return []
        self.console.print("So far:", highlight=False, markup=False)
        self.console.print(visible(answer_text(field, kept), multiline=True), highlight=False, markup=False)
        choice = _ask(questionary.select("Keep these?", choices=[
            questionary.Choice("Keep them", value=KEEP),
            questionary.Choice("Keep them and add more", value=ADD),
            questionary.Choice("Start this list again", value=REPLACE),
        ]))
        return None if choice == KEEP else kept if choice == ADD else []

    def _ask_items(self, field: ListField, label: str, current: Any) -> list[str]:
        items = self._start_from(field, label, [item for item in current or [] if str(item).strip()])
        if items is None:
            return list(current)
        self.console.print("One a line; an empty line when you are done.", highlight=False, markup=False)
        while item := _ask(questionary.text(f"{len(items) + 1}.")).strip():
            items.append(item)
        return items

    def _ask_rows(self, field: TableField, label: str, current: Any) -> list[list[str]]:
        rows = self._start_from(field, label, [list(row) for row in current or []
                                               if any(str(cell).strip() for cell in row)])
        if rows is None:
            return list(current)
        self.console.print(f'A row at a time; leave "{field.columns[0]}" empty when you are done.',
                           highlight=False, markup=False)
        while True:
            first = _ask(questionary.text(f"Row {len(rows) + 1}, {field.columns[0]}:")).strip()
            if not first:
                return rows
            rows.append([first, *(_ask(questionary.text(f"Row {len(rows) + 1}, {column}:")).strip()
                                  for column in field.columns[1:])])

    def _ask_actions(self, field: ActionsField, label: str, current: Any) -> list[dict[str, Any]]:
        actions = [row.with_details_for(field.details) for row in action_rows(current) if row.written]
        before = [row.to_stored() for row in actions]
        try:
            self._go_on_with_actions(field, actions)
        except Stopped as stop:
            # Ctrl+C in an action's details: the actions given so far are the user's words, the half-typed
            # detail too (the list is filled in as each answer comes).
            if [row.to_stored() for row in actions] != before:
                stop.kept = [row.to_stored() for row in actions]
            raise
        return [row.to_stored() for row in actions]

    def _go_on_with_actions(self, field: ActionsField, actions: list[ActionRow]) -> None:
        """Tick the earlier actions, fill in what they lack, add new ones: `actions` changes in place."""
        if actions:
            choices = [questionary.Choice(row.text, value=index, checked=row.done)
                       for index, row in enumerate(actions)]
            done = set(_ask(questionary.checkbox("Tick the ones that are done (Space to tick, Enter when done)",
                                                 choices=choices)))
            actions[:] = [replace(row, done=index in done) for index, row in enumerate(actions)]
            lacking = [index for index, row in enumerate(actions)
                       if not all(row.detail(place).strip() for place in range(len(field.details)))]
            # Required: the details are needed to finish. Optional: asked only when the user wants to.
            if lacking and (field.required or _ask(questionary.confirm("Add the details some actions lack?",
                                                                       default=False))):
                for index in lacking:
                    self.say(f"Action {index + 1}: {visible(actions[index].text)}")
                    self._ask_details(field, actions, index, only_empty=True)
            if _ask(questionary.confirm("Add more actions?", default=False)) is False:
                return
        self.console.print("One at a time; an empty action when you are done.", highlight=False, markup=False)
        while text := self._ask_action_text(field, actions):
            actions.append(ActionRow(text).with_details_for(field.details))
            self._ask_details(field, actions, len(actions) - 1)
            due = _ask(questionary.text("Due by (YYYY-MM-DD, or empty):", validate=_valid_date)).strip()
            actions[-1] = replace(actions[-1], due=due)

    def _ask_action_text(self, field: ActionsField, actions: list[ActionRow]) -> str:
        """A new action's text; empty ends the list. On Ctrl+C, half an action typed joins the list."""
        try:
            return _ask(questionary.text(f"Action {len(actions) + 1}:")).strip()
        except Stopped as stop:
            if stop.typed.strip():
                actions.append(ActionRow(stop.typed.strip()).with_details_for(field.details))
            raise

    def _ask_details(self, field: ActionsField, actions: list[ActionRow], index: int,
                     only_empty: bool = False) -> None:
        """Each of the field's details for `actions[index]`, written into the list as it is given (or, on
        Ctrl+C, as far as it was typed). `only_empty`: ask only those not written yet."""
        for place, label in enumerate(field.details):
            written = actions[index].detail(place)
            if only_empty and written.strip():
                continue
            try:
                text = _ask(questionary.text(f"Action {index + 1}, {label}:", default=written)).strip()
            except Stopped as stop:
                _write_detail(actions, index, place, stop.typed.strip())
                raise
            _write_detail(actions, index, place, text)


@dataclass(frozen=True)
class Prompt:
    """How plain mode asks for one kind of field."""

    ask: Callable[[PlainSession, Any, str, Any], Any]
    """(session, field, label, current answer) -> the new answer."""
    label_first: bool = False
    """The question goes on a line of its own first, and how to answer on the next: prompt_toolkit draws
    nothing at all when a multi-line prompt's message is wider than the terminal, and a list asks each item
    under one question."""
    keeps_typed: bool = False
    """Ctrl+C keeps what was half typed: half a sentence is still the user's words."""


PROMPTS: dict[str, Prompt | str] = {
    "line": Prompt(PlainSession._ask_line, keeps_typed=True),
    "text": Prompt(PlainSession._ask_text, label_first=True, keeps_typed=True),
    "date": Prompt(PlainSession._ask_date),
    "choice": Prompt(PlainSession._ask_choice),
    "list": Prompt(PlainSession._ask_items, label_first=True),
    "multi": Prompt(lambda session, field, label, current: session._ask_ticks(field, field.options, current)),
    "checklist": Prompt(lambda session, field, label, current: session._ask_ticks(field, field.items, current)),
    "scale": Prompt(PlainSession._ask_scale),
    "table": Prompt(PlainSession._ask_rows, label_first=True),
    "actions": Prompt(PlainSession._ask_actions, label_first=True),
    "recall": READ_ONLY,
    "compose": READ_ONLY,
}
"""How plain mode asks for each kind of field, by kind; read-only kinds are shown, not asked."""

