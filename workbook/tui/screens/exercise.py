"""One exercise: its introduction, then one page of fields at a time."""

from __future__ import annotations

import asyncio
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantFocus
from textual.geometry import Region
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Footer, Header, Label, Static

from workbook.answers import answer_text, shown_text
from workbook.export import slug
from workbook.exercises import ComposeField, Exercise, Field, RecallField
from workbook.logs import with_logs
from workbook.over_time import StaleAnswer, compared_kinds, earlier_value, versions
from workbook.fields import DATE_HINT, unfinished_note
from workbook.progress import missing_required
from workbook.store import Reset, ResumePoint
from workbook.tui.commands import ExerciseCommands
from workbook.tui.flows import QUESTIONS, page_questions
from workbook.tui.key_order import KeyHolder
from workbook.tui.messages import LeaveExercise
from workbook.tui.screens.base import WorkbookScreen, as_markdown
from workbook.tui.screens.shown_pages import ShownPages
from workbook.tui.screens.sitting_end import SittingEnd
from workbook.tui.session import SaveStatus, Session
from workbook.tui.widgets.field_editors import EDITORS, FieldEditor, ReadOnlyEditor
from workbook.tui.widgets.still_empty import StillEmpty
from workbook.tui.widgets.save_indicator import SaveIndicator

INTRO = -1


class ExerciseScreen(ShownPages, SittingEnd, WorkbookScreen):
    COMMANDS = {ExerciseCommands}
    # No printable key is a shortcut here: a letter typed while a button has the focus must do nothing.
    BINDINGS = [
        # Text widgets swallow pagedown and ctrl+right; these pass through them (see DESIGN.md).
        # Priority, because the page's scroll container binds the same keys for sideways paging.
        Binding("ctrl+pagedown", "next_page", "Next page", id="next-page", tooltip="Go to the next page",
                priority=True),
        Binding("ctrl+pageup", "previous_page", "Previous page", id="previous-page",
                tooltip="Go back a page", priority=True),
        Binding("alt+right", "next_page", "Next page", show=False, id="next-page-alt",
                tooltip="Go to the next page"),
        Binding("alt+left", "previous_page", "Previous page", show=False, id="previous-page-alt",
                tooltip="Go back a page"),
        Binding("escape", "home", "Home", id="home", tooltip="Back to the home screen"),
        Binding("f2", "versions", "History", id="versions",
                tooltip="Every version of the answer you are in, why it changed and what changed; bring one back"),
        Binding("f3", "still_true", "Still true", id="still-true-field", show=False,
                tooltip="Keep the answer you are in as it is; it counts as checked today"),
        Binding("f4", "app.export", "Export", id="export", show=False,
                tooltip="Write worksheets to a file, with this exercise ticked"),
    ]

    page: reactive[int] = reactive(INTRO, init=False)
    """The page on screen; -1 is the introduction."""

    def __init__(self, session: Session, exercise: Exercise, entry: str | None = None,
                 point: ResumePoint | None = None, history: tuple[str, datetime] | None = None) -> None:
        super().__init__(session)
        self.exercise = exercise
        self.entry = entry
        self.current_exercise = exercise.id
        self._page_lock = asyncio.Lock()
        """Page keys pressed in quick succession must not interleave a removal with a mount."""
        self._start = point
        self._history = history
        """(field, when a version was written): that field's history opens on that version once its page is
        shown (search found the words in an earlier version, or in a reason for a change)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.sidebar()
            with Vertical(id="exercise"):
                with Horizontal(id="exercise-top"):
                    yield Label(self.exercise.title, id="exercise-title", markup=False)
                    yield SaveIndicator(id="save-indicator")
                yield Label("", id="page-indicator")
                yield KeyHolder()
                yield VerticalScroll(id="page-body")
                yield Static("", id="done-message", markup=False)  # it names fields: their labels are text
                with Horizontal(id="nav"):
                    yield Button("Back", id="back")
                    yield Button("Next", id="next", variant="primary")
                    yield Button("Mark as done", id="done", variant="success")
                    yield Button("Finish this sitting", id="finish-sitting", variant="success",
                                 action="screen.finish_sitting",  # in SittingEnd
                                 tooltip="Check this sitting's answers, then home; Continue opens the next sitting")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "save_status", self._show_save_status, init=True)
        self.watch(self.app, "progress_version", self._drafts_may_have_moved, init=False)
        self._start = self._landing(self._start)
        self.set_reactive(ExerciseScreen.page, self._start.page if self._start else INTRO)
        self.call_after_refresh(self._show_start)

    async def _show_start(self) -> None:
        await self._show_page(self._start)
        self._ask_page_questions(explain=False)

    def _show_save_status(self, status: SaveStatus) -> None:
        self.query_one(SaveIndicator).status = str(status)

    async def watch_page(self) -> None:
        await self._show_page(None)
        # After the build: the new page's field gets the focus back after the question.
        self._ask_page_questions(explain=True)

    def _ask_page_questions(self, explain: bool) -> None:
        """Why an answer changed (after a move between pages), then the name that signs a draft on this page."""
        name = self.page != INTRO and self.session.should_ask_your_name() and any(
            isinstance(field, ComposeField) and "{@your_name}" in field.template
            for field in self.exercise.pages[self.page].fields)
        if explain or name:
            self.app.run_worker(page_questions(self.app, self.session, explain=explain, name=name), group=QUESTIONS,
                                exit_on_error=False)

    def _drafts_may_have_moved(self) -> None:
        page = self.exercise.pages[self.page] if self.page != INTRO else None
        if page is not None and any(isinstance(field, ComposeField) for field in page.fields):
            self.call_later(self._redraw_drafts)

    async def _redraw_drafts(self) -> None:
        """After a change of the session's (the name that signs it, given in a dialog over this page): a draft
        that reads differently now is drawn again."""
        async with self._page_lock:
            if self.page == INTRO:
                return
            body = self.query_one("#page-body", VerticalScroll)
            for editor in list(body.query(ReadOnlyEditor)):
                if isinstance(editor.field, ComposeField) and self._draft(editor.field) != editor.initial:
                    place = body.children.index(editor)
                    await editor.remove()
                    new = self._editor(editor.field, {}, None)
                    await (body.mount(new, before=place) if place < len(body.children) else body.mount(new))

    async def _show_page(self, resumed: ResumePoint | None) -> None:
        async with self._page_lock:
            # Keys typed while the page is rebuilt wait for the field that gets the focus (they used to go to
            # the field being removed, or to the Next button: lost).
            self.query_one(KeyHolder).hold()
            await self._build_page(resumed)

    async def _build_page(self, resumed_at: ResumePoint | None) -> None:
        body = self.query_one("#page-body", VerticalScroll)
        self.say_what_was_not_kept()
        await body.remove_children()
        self.query_one("#done-message", Static).update("")
        last = self._shown()[-1]
        self.query_one("#back", Button).disabled = self.page == INTRO
        self.query_one("#next", Button).label = "Next"
        self._show_nav()
        sitting_ends = self.at_sitting_end()
        self.query_one("#finish-sitting", Button).display = sitting_ends
        self.query_one("#nav").set_class(sitting_ends, "-sitting-ends")
        self.query_one("#page-indicator", Label).set_class(self.page != INTRO, "-page")  # the intro's question wraps
        if self.page == INTRO:
            self.query_one("#page-indicator", Label).update(Content(self.exercise.question))
            await body.mount(Static(self.exercise.intro, classes="intro", markup=False),
                             Static(self._time_it_takes(), classes="intro-meta", markup=False))
            if self._can_start_again():
                await body.mount(Button("Start again…", id="start-again", compact=True,
                                        tooltip="Set these answers aside as earlier versions and begin afresh"))
            start = self.query_one("#next", Button)
            position = self._position()
            start.label = f"Continue on page {self._place(position.page)[0]}" if position else "Start"
            start.focus()
            self._remember(None)
            return
        page = self.exercise.pages[self.page]
        self._show_page_number()
        widgets = [Static(page.guidance, classes="guidance", markup=False)] if page.guidance else []
        stale, reset = self._stale_here(), self.session.read().last_reset(self.exercise.id, self.entry)
        widgets += [self._editor(field, stale, reset) for field in page.fields]
        if self.page == last:
            widgets.append(StillEmpty())
        elif sitting_ends:
            widgets.append(StillEmpty(in_sitting=True))
        await body.mount(*widgets)
        await self._show_still_empty()
        body.scroll_home(animate=False)
        editors = list(body.query(FieldEditor))
        focus_field = resumed_at.field if resumed_at else None
        resumed = next((e for e in editors if e.field.id == focus_field), None)
        target = resumed or next((e for e in editors if e.field.answerable), None)
        if target is not None:
            # A resumed page scrolls to the field it left; a fresh one opens at its guidance, scrolled only as
            # far as the first lines of the cursor's box need (on a short terminal the box was below the fold,
            # and typing went where it could not be seen). After layout: before it, fields have no height.
            target.focus_input(scroll_visible=False, cursor=resumed_at.cursor if resumed and resumed_at else None)
            if resumed is not None:
                self.call_after_refresh(body.scroll_to_widget, resumed, top=True, animate=False)
            else:
                self.call_after_refresh(self._show_cursor_box, body, target)
        else:  # nothing to write on this page (recalled answers only): its first button, or Next
            buttons = [*body.query(Button), self.query_one("#next" if self.page < last else "#done", Button)]
            buttons[0].focus(scroll_visible=False)
        self._remember(target)
        if resumed is not None and self._history and self._history[0] == resumed.field.id:
            self.call_after_refresh(self.show_versions, resumed.field, self._history[1])
            self._history = None

    def _show_cursor_box(self, body: VerticalScroll, editor: FieldEditor, rows: int = 3, tries: int = 20,
                         shown: Region | None = None) -> None:
        """Scroll the page as little as needed to show the top `rows` rows of the editor's input, and again
        after each refresh until the layout settles: a later layout can still move the box (the page's
        scrollbar appears once it overflows, the guidance wraps into more lines, and the box went below the
        fold on an 80x24 page on a loaded machine)."""
        # The editor's input, not `self.focused`: the focus moves in a message of the app's, which can come
        # after this one (then the page never scrolled, and a test on an 80x24 page timed out).
        widget = editor.input_widget()
        if widget is None or body not in widget.ancestors:
            return
        region = widget.virtual_region
        if not region.height:  # a refresh came before the new page's layout: after the next one
            if tries:
                self.call_after_refresh(self._show_cursor_box, body, editor, rows, tries - 1)
            return
        top = region.y
        for ancestor in widget.ancestors:  # virtual regions are relative to the parent's content: add them up
            if ancestor is body:
                break
            top += ancestor.gutter.top + ancestor.virtual_region.y  # gutter: a row's card has a border
        wanted = Region(region.x, top, region.width, min(rows, region.height))
        seen_rows = body.scrollable_content_region.height
        in_view = body.scroll_y <= wanted.y and wanted.bottom <= body.scroll_y + seen_rows
        if wanted == shown and in_view:
            return  # settled: the box stayed where it was, and the scroll reached it
        if wanted != shown:
            body.scroll_home(animate=False, immediate=True)  # from the top, not from the last page's scroll
        body.scroll_to_region(wanted, animate=False)
        if tries:
            self.call_after_refresh(self._show_cursor_box, body, editor, rows, tries - 1, wanted)

    def _draft_file_name(self, field: ComposeField) -> str:
        """e.g. your-follow-up-message-sam-lee-2026-11-23.txt: the entry's first naming field, if any."""
        answers = self.session.answers(self.exercise.id, self.entry)
        who = next((str(answers[name]) for name in self.exercise.entry_fields if answers.get(name)), "") \
            if self.entry else ""
        return f"{slug(f'{field.label} {who}', 'draft')}-{self.session.now().astimezone():%Y-%m-%d}.txt"

    def _editor(self, field, stale: dict[str, StaleAnswer], reset: Reset | None) -> FieldEditor:
        if isinstance(field, RecallField):
            text = shown_text(self.catalog, self.exercise, field, self._lookup)
            return ReadOnlyEditor.recall(field, text, self.catalog, self.exercise.id)
        if isinstance(field, ComposeField):
            return ReadOnlyEditor(field, self._draft(field), copyable=True, file_name=self._draft_file_name(field))
        note = f"{stale[field.id].question.capitalize()} F3 keeps it as it is; or change it." \
            if field.id in stale else ""
        then = earlier_value(field, reset) if compared_kinds(field) else None
        then_text = ""
        if reset is not None and then is not None:
            earlier = answer_text(field, then)
            then_text = f"Then ({reset.written[field.id].astimezone():%d %b %Y}):" + \
                ("\n" if "\n" in earlier else " ") + earlier  # table rows one a line, under the heading
        return EDITORS[field.kind](field, self.session.answer(self.exercise.id, field.id, self.entry),
                                   note=note, then=then_text)

    def _draft(self, field: ComposeField) -> str:
        return shown_text(self.catalog, self.exercise, field, self._lookup, self.session.writer())

    def _stale_here(self) -> dict[str, StaleAnswer]:
        """This exercise's answers that ask "still true?", by field."""
        if self.entry is not None:
            return {}
        return {answer.field: answer for answer in self.session.stale_answers()
                if answer.exercise == self.exercise.id}

    def _lookup(self, exercise_id: str, field_id: str):
        """An answer for a recall or a draft; a log's field gives every entry's answer (`workbook.logs`)."""
        return with_logs(self.catalog, self.session.read(), self._answer, self.exercise.id,
                         self.session.today())(exercise_id, field_id)

    def _answer(self, exercise_id: str, field_id: str):
        entry = self.entry if exercise_id == self.exercise.id else None
        return self.session.answer(exercise_id, field_id, entry)

    def _remember(self, editor: FieldEditor | None, cursor: tuple[int, int] | None = None) -> None:
        """Where the user is, for Continue: this page, the field and the cursor in it."""
        field = editor.field.id if editor else None
        cursor = cursor or (editor.cursor() if editor else None)
        self.session.move_to(ResumePoint(self.exercise.id, self.page, field, self.entry, cursor))

    def page_help(self) -> str:
        """The page's guidance and every field's hint, for the help screen."""
        if self.page == INTRO:
            return as_markdown(self.exercise.intro)
        page = self.exercise.pages[self.page]
        hints = "\n".join(f"- **{as_markdown(field.label)}**: {as_markdown(field.help)}"
                          for field in page.fields if field.help)
        return f"{as_markdown(page.guidance)}\n\n{hints}".strip()

    @on(ReadOnlyEditor.JumpRequested)
    def _jump(self, event: ReadOnlyEditor.JumpRequested) -> None:
        exercise, field = self.catalog.resolve(event.reference)
        self.open_exercise(exercise.id, point=ResumePoint(exercise.id, exercise.page_index(field.id), field.id))

    @on(FieldEditor.Changed)
    async def _answer_changed(self, event: FieldEditor.Changed) -> None:
        self.session.edit_answer(self.exercise.id, event.field.id, event.value, self.entry)
        self._drop_stale_note(event.field.id)  # changed is checked
        await self._pages_may_have_changed(event.field)
        await self._show_still_empty()

    def _missing(self) -> list[tuple[int, Field]]:
        """The required answers still empty, by page index, read through the session (what was just typed)."""
        answers = self.session.answers(self.exercise.id, self.entry)
        return [(self.exercise.pages.index(page), field) for page, field in missing_required(self.exercise, answers)]

    async def _show_still_empty(self) -> None:
        """On the last page (of the exercise or of a sitting): what is left, at the end of the page and in a
        line above the buttons."""
        lists = self.query(StillEmpty)
        if not lists:
            return
        missing = self._left_to_do()
        answers = self.session.answers(self.exercise.id, self.entry)
        notes = {field.id: note for _, field in missing if (note := unfinished_note(field, answers.get(field.id)))}
        await lists.first().show(missing, {index: self._place(index)[0] for index, _ in missing}, notes)
        count = len(missing)
        line = self.query_one("#done-message", Static)
        line.set_class(not count, "-all-written")
        written = "Every required answer of this sitting is written." if lists.first().in_sitting else \
            "Every required answer is written."
        line.update(
            written if not count else
            f"{count} required {'answer' if count == 1 else 'answers'} still "
            f"{'empty or unfinished' if notes else 'empty'}: see Left to do at the end of the page.")

    @on(StillEmpty.Chosen)
    async def _go_to_empty_field(self, event: StillEmpty.Chosen) -> None:
        await self.go_to_field(event.page, event.field.id)

    async def go_to_field(self, page: int, field_id: str) -> None:
        """Show `page` with the cursor in the field: on this page, move there; else open that page at it."""
        landing = self._landing(ResumePoint(self.exercise.id, page, field_id, self.entry))
        assert landing is not None
        if landing.page != page:  # the answers hide that page now: the nearest shown one, and why
            page, field_id = landing.page, None
        if page == self.page and field_id is not None:
            editor = self.query_one(f"#field-{field_id}", FieldEditor)
            editor.focus_input(scroll_visible=False)
            self.query_one("#page-body", VerticalScroll).scroll_to_widget(editor, top=True, animate=False)
            return
        if page == self.page:
            return
        self.set_reactive(ExerciseScreen.page, page)
        await self._show_page(ResumePoint(self.exercise.id, page, field_id, self.entry))
        # As on any page change: why an answer from an earlier sitting changed, and the name a draft needs.
        self._ask_page_questions(explain=True)

    @on(FieldEditor.CursorMoved)
    def _cursor_moved(self, event: FieldEditor.CursorMoved) -> None:
        editor = self._focused_editor()
        if editor is not None and editor.field.id == event.field.id:
            self._remember(editor, event.cursor)

    def _drop_stale_note(self, field_id: str) -> None:
        for note in self.query(f"#field-{field_id} .field-stale"):
            note.remove()

    def _focused_editor(self) -> FieldEditor | None:
        focused = self.focused
        if focused is None:
            return None
        return next((node for node in focused.ancestors_with_self if isinstance(node, FieldEditor)), None)

    def action_still_true(self) -> None:
        """Keep the focused answer as it is: it counts as checked today (F3, or the palette)."""
        editor = self._focused_editor()
        if editor is None or editor.field.id not in self._stale_here():
            self.notify("Nothing to check here: F3 keeps an answer flagged \"still true?\" as it is.", timeout=4)
            return
        self.session.confirm_still_true(self.exercise.id, editor.field.id)
        self.notify("Kept as it is, checked today.", timeout=3)
        self._drop_stale_note(editor.field.id)

    def _can_start_again(self) -> bool:
        return not self.exercise.repeatable and bool(self.session.answers(self.exercise.id))

    @on(Button.Pressed, "#start-again")
    def action_start_again(self) -> None:
        """Reset the exercise, after a confirmation that says what happens; nothing is deleted."""
        from workbook.tui.dialogs.ask import ConfirmScreen

        if self.exercise.repeatable:
            self.notify("A log is not started again: add a new entry instead (n in the list).", timeout=5)
            return
        count = len(self.session.answers(self.exercise.id))
        if not count:
            self.notify(f"{self.exercise.title} is empty: there is nothing to set aside.", timeout=4, markup=False)
            return
        title = self.exercise.title
        done = " It will no longer be marked done." if self.session.read().status(self.exercise.id).done else ""
        noun = "answer" if count == 1 else "answers"

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.session.begin_again(self.exercise.id)
            self.notify(f"{title} starts afresh. Your earlier {noun} are kept: F2 on a question shows them.",
                        timeout=6, markup=False)
            self.set_reactive(ExerciseScreen.page, INTRO)
            self.call_later(self._show_page, None)

        self.app.push_screen(ConfirmScreen(
            f"Start {title} again?",
            f"Your {count} {noun} here are kept as earlier versions: nothing is deleted. "
            "F2 on a question shows what you wrote, ratings and tables show it beside your new answers, and "
            f"the export includes it.{done} You begin again from the introduction.",
            yes=f"Start {title} again", no="Keep my answers"), confirmed)

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        editor = next((a for a in event.widget.ancestors_with_self if isinstance(a, FieldEditor)), None)
        if editor is not None:
            self._remember(editor)

    def action_versions(self) -> None:
        """Earlier versions of the focused answer (or of the last one the user was in on this page)."""
        editor = self._focused_editor()
        if editor is None or not editor.field.answerable:
            self.notify("Put the cursor in an answer first (Tab), then F2 shows its earlier versions.")
            return
        self.show_versions(editor.field)

    def show_versions(self, field: Field, on_version: datetime | None = None) -> None:
        """The history of an answer on this page: every version, why it changed; Enter brings one back. It
        opens on the version written at `on_version` (else the latest earlier one)."""
        from workbook.tui.dialogs.versions import VersionsScreen

        store = self.session.read()  # what was typed a moment ago is the version "now"
        listed = versions(store.answer(self.exercise.id, field.id, self.entry),
                          store.answered_at(self.exercise.id, field.id, self.entry),
                          store.revisions(self.exercise.id, field.id, self.entry))

        def chosen(revision) -> None:
            if revision is None:
                return
            self.session.restore_version(self.exercise.id, field.id, revision, self.entry)
            self.notify(f"The version of {revision.written_at.astimezone():%d %b %Y} is back; the one it "
                        "replaced is kept among the versions.", timeout=5)
            # The editor shows what the store now holds.
            self.call_later(self._show_page, ResumePoint(self.exercise.id, self.page, field.id, self.entry))

        self.app.push_screen(VersionsScreen(field, listed, on_version), chosen)

    def _position(self) -> ResumePoint | None:
        """Where the user last was in this exercise, if it still fits its pages."""
        return self.session.position(self.exercise.id, self.entry)

    @on(Button.Pressed, "#next")
    def action_next_page(self) -> None:
        if self.page == INTRO and (position := self._position()):
            # Enter on the intro picks up at this exercise's own resume point.
            self.set_reactive(ExerciseScreen.page, position.page)
            self.call_after_refresh(self._show_page, position)
        elif (later := [index for index in self._shown() if index > self.page]):
            self.page = later[0]  # a page hidden by an answer is skipped

    @on(Button.Pressed, "#back")
    def action_previous_page(self) -> None:
        if self.page > INTRO:
            self.page = max([index for index in self._shown() if index < self.page], default=INTRO)

    def action_home(self) -> None:
        self.say_what_was_not_kept()
        self.app.post_message(LeaveExercise(self.exercise.id))

    def unkept_dates(self) -> list[tuple[str, str]]:
        """(field label, what was typed) for each box on the page showing a date that is not one: the answer
        kept the last date (or none), and what was typed lives only on the screen."""
        return [(editor.field.label, typed) for editor in self.query(FieldEditor) for typed in editor.unkept()]

    def say_what_was_not_kept(self) -> None:
        """Leaving a page whose boxes show a date that is not one: what was typed is about to leave the
        screen, so say what it was and what to type."""
        for label, typed in self.unkept_dates():
            self.notify(f"Not kept in \"{label}\": \"{typed}\" is not a date. {DATE_HINT}.",
                        severity="warning", timeout=10, markup=False)

    async def _show_what_is_left(self) -> bool:
        """True, with the cursor on the first entry of Left to do at the end of the page, if anything required
        is still empty; False when nothing is."""
        if not self._left_to_do():
            return False
        await self._show_still_empty()
        link = self.query_one(StillEmpty).first_link()
        if link is not None:
            link.focus(scroll_visible=False)
            self.query_one("#page-body", VerticalScroll).scroll_to_widget(self.query_one(StillEmpty),
                                                                          animate=False)
        return True

    @on(Button.Pressed, "#done")
    async def _mark_done(self) -> None:
        if await self._show_what_is_left():
            return
        self.session.mark_exercise_done(self.exercise.id, self.entry)
        self.notify(f"{self.exercise.title} is marked as done.", timeout=4, markup=False)
        self.say_what_was_not_kept()
        self.app.post_message(LeaveExercise(self.exercise.id))
