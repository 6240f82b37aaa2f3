"""A folder of broken exercise files: one precise error each, and the app still opens with the good ones."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.conftest import FIXTURES
from workbook.cli import main
from workbook.exercises import load_catalog
from workbook.tui.screens.exercise import ExerciseScreen

BROKEN = FIXTURES / "broken_exercises"
EXPECTED = {
    "syntax.toml": "TOML syntax error: Expected ']]' at the end of an array declaration (at line 4, column 8)",
    "unknown_kind.toml": "page 'p', field 'mood': kind 'slider' is not a field kind; use one of: line,",
    "duplicate_ids.toml": "page 'p', field 'twice': id 'twice' is used twice",
    "dangling_recall.toml": "page 'p', field 'echo': 'nowhere.nothing' points at nothing",
    "control_character.toml": "title holds a control character (U+001B); remove it",
}


def test_each_broken_file_gets_one_precise_error() -> None:
    catalog = load_catalog([BROKEN])
    assert [exercise.id for exercise in catalog] == ["good"]
    problems = [str(problem) for problem in catalog.errors]
    assert len(problems) == len(EXPECTED)
    for name, expected in EXPECTED.items():
        [problem] = [p for p in problems if p.startswith(name)]
        assert expected in problem


def test_the_cli_reports_each_and_carries_on(capsys, store_path) -> None:
    assert main(["--store", str(store_path), "--exercises", str(BROKEN), "status"]) == 0
    out, err = capsys.readouterr()
    skipped = [line for line in err.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == len(EXPECTED)
    assert "Still Here" in out and "Mapping" in out


async def test_the_app_opens_with_the_good_exercise_and_says_what_was_skipped(open_app) -> None:
    async with open_app(load_catalog([BROKEN])) as (app, pilot):
        [notice] = app._notifications
        assert notice.title == "Skipped 5 exercise files; the rest are here"
        shown = [line for line in notice.message.splitlines() if line.startswith("• ")]
        assert len(shown) == 4, "a few, so the notice fits the screen"
        assert all(any(expected in line for expected in EXPECTED.values()) for line in shown)
        assert notice.message.splitlines()[-1] == "…and 1 more: `workbook status` lists them all."
        steps = app.screen.query_one("#steps", OptionList)
        assert [steps.get_option_at_index(i).id for i in range(steps.option_count)] == ["good", "actions"]
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "good"
        assert app.focused.parent.id == "field-note"
