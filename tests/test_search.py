"""Search: every answer and conversation, whatever the case or accents, every word required; in the shell
and in the app, where Enter opens the field."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tests.app_fixtures import until

from workbook import cli
from workbook.search import MatchKind, count_line, fold, search
from workbook.store import Store
from workbook.tui.screens.actions import ActionsScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.dialogs.search import SearchScreen
from workbook.tui.dialogs.versions import VersionsScreen
from workbook.tui.widgets.field_editors import FieldEditor

FIRST_SITTING = datetime(2026, 11, 3, 9, 0, tzinfo=timezone.utc)


def fill(store: Store) -> str:
    store.set_answer("planning", "destination", "Running a small café team in Zürich, near the lake.")
    store.set_answer("mapping", "strengths", ["Calm in a CRISIS", "Writing clear briefs"])
    store.set_answer("planning", "six_months", [{"text": "Visit the Zurich office", "due": "", "done": False}])
    entry = store.start_entry("conversation").id
    store.set_answer("conversation", "person", "Zoë Martín", entry)
    store.set_answer("conversation", "their_story", "She ran a cafe\nbefore moving to the lake district.", entry)
    return entry


def test_fold_drops_case_and_accents_and_keeps_positions() -> None:
    folded, origin = fold("Zoë MARTÍN")
    assert folded == "zoe martin" and len(origin) == len(folded) and origin[2] == 2


def test_search_is_case_and_accent_insensitive_and_needs_every_word(store_path: Path, shipped_catalog) -> None:
    with Store(store_path) as store:
        entry = fill(store)
        found = search(shipped_catalog, store, "CAFE zurich")
        assert [(m.exercise, m.field) for m in found] == [("planning", "destination")]
        match = found[0]
        assert match.page == 1 and match.where.startswith("Planning · Your five-year destination · ")
        assert match.kind is MatchKind.ANSWER and match.label == ""
        assert [match.snippet[a:b] for a, b in match.spans] == ["café", "Zürich"]
        assert {(m.exercise, m.entry, m.field) for m in search(shipped_catalog, store, "lake")} == {
            ("planning", None, "destination"), ("conversation", entry, "their_story")}
        [story] = [m for m in search(shipped_catalog, store, "cafe before") if m.entry]
        assert "\n" not in story.snippet and story.where.startswith("Career conversations: Zoë Martín, ")
        assert [m.field for m in search(shipped_catalog, store, "crisis")] == ["strengths"]
        assert [m.field for m in search(shipped_catalog, store, "zoe")] == ["person"]
        assert search(shipped_catalog, store, "cafe moon") == [] and search(shipped_catalog, store, "  ") == []


def test_workbook_search_prints_where_and_the_words_in_context(store_path: Path, capsys) -> None:
    with Store(store_path) as store:
        fill(store)
    assert cli.main(["--store", str(store_path), "search", "zurich"]) == 0
    out = capsys.readouterr().out
    assert "Planning · The next six months · Specific actions" in out and "Visit the Zurich office" in out
    assert "2 answers hold 'zurich'." in out
    assert cli.main(["--store", str(store_path), "search", "moon"]) == 0
    assert "Nothing you wrote holds all of 'moon'" in capsys.readouterr().out


async def test_slash_searches_and_enter_opens_the_field(open_app, shipped_catalog, store_path) -> None:
    with Store(store_path) as store:
        fill(store)
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and isinstance(app.focused, Input)
        await pilot.press(*"zurich")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count == 2
        assert "2 answers hold every word" in str(app.screen.query_one("#search-summary", Static).render())
        await pilot.press("down", "down", "enter")  # the second: the six-month actions
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "planning"
        assert app.screen.exercise.pages[app.screen.page].id == "six_months"
        editor = next(node for node in app.focused.ancestors_with_self if isinstance(node, FieldEditor))
        assert editor.field.id == "six_months"  # the field that holds the words has the focus


def changed_over_two_sittings(store_path: Path) -> None:
    """A destination written on 3 Nov and changed on 5 Nov with a reason, and a next step, all about a café."""
    clock = [FIRST_SITTING]
    with Store(store_path, clock=lambda: clock[0]) as store:
        store.set_answer("planning", "destination", "Running a small café team in Zürich")
    clock[0] += timedelta(days=2)
    with Store(store_path, clock=lambda: clock[0]) as store:
        store.set_answer("planning", "destination", "Leading a data team in Leeds")
        store.explain_change("planning", "destination", "The cafe idea was about people, not coffee")
        store.add_next_step("Ask Priya how the café rota works", after="planning")


def test_search_finds_earlier_versions_reasons_and_next_steps_and_says_what_each_is(store_path: Path,
                                                                                   shipped_catalog) -> None:
    changed_over_two_sittings(store_path)
    with Store(store_path, readonly=True, clock=lambda: FIRST_SITTING + timedelta(days=2)) as store:
        found = search(shipped_catalog, store, "CAFE")
        assert [(m.kind, m.label, m.exercise, m.field) for m in found] == [
            (MatchKind.EARLIER_VERSION, "earlier version, 3 Nov", "planning", "destination"),
            (MatchKind.REASON, "reason for a change, 5 Nov", "planning", "destination"),
            (MatchKind.NEXT_STEP, "next step", None, None),
        ]
        assert found[0].snippet.startswith("Running a small café") and found[0].written_at == FIRST_SITTING
        assert found[2].where == "Action list · set 5 Nov, after Planning"
        assert [found[2].snippet[a:b] for a, b in found[2].spans] == ["café"]
        assert count_line(found) == "1 earlier version, 1 reason for a change and 1 next step hold"
        leeds = search(shipped_catalog, store, "leeds")
        assert [m.kind for m in leeds] == [MatchKind.ANSWER] and count_line(leeds) == "1 answer holds"
        # Plain data, for `--json`: nothing in a match is an object that does not serialise.
        assert json.loads(json.dumps([asdict(m) for m in found], default=str))[2]["kind"] == "next step"


def test_workbook_search_names_what_each_match_is_and_counts_one_answer_as_holds(store_path: Path,
                                                                                 capsys) -> None:
    changed_over_two_sittings(store_path)
    assert cli.main(["--store", str(store_path), "search", "cafe"]) == 0
    out = capsys.readouterr().out
    assert "Earlier version, 3 Nov · Planning · Your five-year destination · " in out
    assert "Reason for a change, 5 Nov · Planning" in out and "Next step · Action list · set 5 Nov, after Planning" in out
    assert "1 earlier version, 1 reason for a change and 1 next step hold 'cafe'." in out
    assert cli.main(["--store", str(store_path), "search", "leeds"]) == 0
    assert "1 answer holds 'leeds'." in capsys.readouterr().out


async def search_for(app, pilot, words: str) -> OptionList:
    await app.run_action("search")  # what / does on home and lists (on a page it would be typed)
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one("#search-results", OptionList)


async def test_a_next_step_opens_the_action_list_and_an_earlier_version_its_history(open_app, shipped_catalog,
                                                                                   store_path) -> None:
    changed_over_two_sittings(store_path)
    async with open_app(shipped_catalog) as (app, pilot):
        results = await search_for(app, pilot, "cafe")
        assert results.option_count == 3
        assert str(results.get_option_at_index(2).prompt).startswith("Next step · Action list")
        assert str(results.get_option_at_index(0).prompt).startswith("Earlier version, 3 Nov · Planning")
        await pilot.press("down", "down", "down", "enter")  # the third: the next step
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("escape")
        await pilot.pause()
        results = await search_for(app, pilot, "cafe")
        await pilot.press("down", "enter")  # the first: the destination as it read on 3 Nov
        # Its history opens over the page, at the destination (it was the page, with a notice to press F2).
        await until(lambda: isinstance(app.screen, VersionsScreen))
        assert app.screen.field.id == "destination"
        listing = app.screen.query_one("#versions", OptionList)
        assert str(listing.get_option_at_index(listing.highlighted).prompt).startswith("03 Nov 2026")
        assert any("earlier version, 3 Nov." in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, ExerciseScreen))
        assert app.screen.exercise.id == "planning"
        editor = next(node for node in app.focused.ancestors_with_self if isinstance(node, FieldEditor))
        assert editor.field.id == "destination"
        # Words in a reason for a change: the history opens on the version that reason explains (now).
        results = await search_for(app, pilot, "coffee")
        assert str(results.get_option_at_index(0).prompt).startswith("Reason for a change, 5 Nov")
        await pilot.press("down", "enter")
        await until(lambda: isinstance(app.screen, VersionsScreen))
        listing = app.screen.query_one("#versions", OptionList)
        assert str(listing.get_option_at_index(listing.highlighted).prompt).startswith("Now · written 05 Nov")
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, ExerciseScreen))
        results = await search_for(app, pilot, "leeds")
        summary = str(app.screen.query_one("#search-summary", Static).render())
        assert summary.startswith("1 answer holds every word")


def test_an_earlier_version_that_no_longer_fits_its_field_is_passed_over(store_path: Path, sample_catalog) -> None:
    """Versions are kept as written, never checked against the field: one hand-edited (or from before the
    exercise file changed the field's kind) must not break the search of everything else."""
    with Store(store_path) as store:
        store.set_answer("sample", "skills", [["Calm in a crisis", "3", "5"]])
    with Store(store_path) as store:
        store.set_answer("sample", "skills", [["Calm in a storm", "3", "5"]])
    data = json.loads(store_path.read_text())
    for version in data["history"].values():
        version["value"] = [1, 2]  # rows that are numbers: no table's text
    store_path.write_text(json.dumps(data))
    with Store(store_path, readonly=True) as store:
        assert [m.kind for m in search(sample_catalog, store, "calm")] == [MatchKind.ANSWER]
