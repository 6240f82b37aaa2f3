"""The history of one answer: every version, newest first, with its date and why it changed; the
word-level difference between any two; Enter brings one back (the answer it replaces is kept)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.screen import ModalScreen
from textual.widgets.option_list import Option

from workbook.answers import answer_text, visible
from workbook.exercises import Field
from workbook.over_time import Change, Version, value_diff
from workbook.store import Revision

PREVIEW_LINES = 2
CHANGE_STYLE = {Change.SAME: "", Change.ADDED: "bold underline $text-success",
                Change.REMOVED: "strike $text-error"}
"""Struck through and underlined as well as coloured: the difference reads without colour too."""


def _day(moment: datetime | None) -> str:
    # With the time: two versions of one day (a morning and an evening sitting) must tell apart.
    return f"{moment.astimezone():%d %b %Y, %H:%M}" if moment else "not written yet"


def _shown(runs: list[tuple[Change, str]]) -> Content:
    """The runs with only their words marked (a struck or underlined space reads as a glued word), and a
    space between a removed run and the added one that replaces it."""
    parts: list[tuple[str, str]] = []
    for index, (change, text) in enumerate(runs):
        text = visible(text, multiline=True)
        core = text.strip()
        if change is Change.SAME or not core:
            parts.append((text, ""))
            continue
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        parts += [(lead, ""), (core, CHANGE_STYLE[change]), (trail, "")]
        follows = runs[index + 1] if index + 1 < len(runs) else None
        if change is Change.REMOVED and follows and follows[0] is Change.ADDED and not trail \
                and not follows[1][:1].isspace():
            parts.append((" ", ""))
    return Content.assemble(*parts)


class VersionsScreen(ModalScreen[Revision | None]):
    """Returns the revision to bring back, or None."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close-versions", tooltip="Change nothing"),
        Binding("c", "compare", "Compare", id="compare-versions",
                tooltip="Compare other versions with this one (c again: each with the one before it)"),
    ]

    def __init__(self, field: Field, versions: list[Version], on_version: datetime | None = None) -> None:
        super().__init__()
        self.field = field
        self.versions = versions
        """Newest (the answer now) first."""
        latest_earlier = 1 if len(versions) > 1 else 0
        self.opens_on = next((index for index, version in enumerate(versions)
                              if on_version is not None and version.written_at == on_version), latest_earlier)
        """The version highlighted first: the one asked for, else the latest earlier one."""
        self.base: int | None = None
        """The version pinned with c to compare against; None compares each with the one before it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="versions-dialog", classes="dialog"):
            yield Static(Content.assemble(("History: ", "bold"), (self.field.label, "bold")), id="versions-title", classes="dialog-title")
            if len(self.versions) == 1:
                help_text = ("No earlier version yet. A version is kept each time you change an answer written "
                             "in an earlier sitting, and when you start an exercise again.")
            else:
                help_text = "↑↓ choose · c compare others with it · Enter bring it back"
            yield Static(help_text, id="versions-help", markup=False)
            yield OptionList(*self._options(), id="versions")
            yield Static("", id="diff-title", markup=False)
            with VerticalScroll(id="diff-scroll"):
                yield Static("", id="diff")
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for index, version in enumerate(self.versions):
            options += [self._option(index, version), None]  # None: a rule between versions
        return options[:-1]

    def _option(self, index: int, version: Version) -> Option:
        when = "Now" if version.revision is None else _day(version.written_at)
        heading = Text.assemble((when, "bold"))
        if version.revision is None:
            heading.append(f" · written {_day(version.written_at)}", style="dim")
        if version.started_again:
            heading.append(" · set aside when the exercise was started again", style="dim")
        if index == self.base:
            heading.append("  ◆ compared with", style="bold")
        lines = visible(answer_text(self.field, version.value), multiline=True).splitlines() or ["(empty)"]
        shown = "\n".join(lines[:PREVIEW_LINES]) + ("\n…" if len(lines) > PREVIEW_LINES else "")
        parts: list = [heading]
        if version.reason:
            parts += ["\n", ("Why it changed: ", "italic"), (visible(version.reason), "italic")]
        parts += ["\n", shown]  # Text, not markup: an answer may hold a [
        return Option(Text.assemble(*parts), id=str(index))

    def on_mount(self) -> None:
        listing = self.query_one("#versions", OptionList)
        listing.focus()
        listing.highlighted = self.opens_on
        self._show_diff()

    @on(OptionList.OptionHighlighted, "#versions")
    def _show_diff(self) -> None:
        chosen = self.query_one("#versions", OptionList).highlighted or 0
        title, diff = self.query_one("#diff-title", Static), self.query_one("#diff", Static)
        base = self.base if self.base is not None else chosen + 1
        if base == chosen:
            title.update("This is the version you compare with: choose another one.")
            diff.update("")
            return
        if base >= len(self.versions):
            title.update("The first version: nothing before it to compare with.")
            diff.update("")
            return
        older, newer = sorted((base, chosen), reverse=True)  # a higher index is older
        old, new = self.versions[older], self.versions[newer]
        title.update(f"From {self._version_name(old)} to {self._version_name(new)} "
                     "(added: underlined, removed: struck through)")
        runs = value_diff(self.field, old.value, new.value)
        diff.update(_shown(runs) if runs else Content("(both are empty)"))

    @staticmethod
    def _version_name(version: Version) -> str:
        return "now" if version.revision is None else _day(version.written_at)

    def action_compare(self) -> None:
        listing = self.query_one("#versions", OptionList)
        chosen = listing.highlighted or 0
        self.base = None if self.base == chosen else chosen
        listing.clear_options()
        listing.add_options(self._options())
        listing.highlighted = chosen
        self._show_diff()
        if self.base is not None:
            self.notify("Now choose another version to compare with this one (c again: each with the one before).",
                        timeout=4)

    @on(OptionList.OptionSelected, "#versions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        revision = self.versions[int(event.option.id or 0)].revision
        if revision is None:
            self.notify("That is the answer as it is now. Choose an earlier version to bring it back.", timeout=4)
            return
        self.dismiss(revision)
