"""Regenerate every SVG in this folder: `python screenshots/make.py` from the repo root.

The apps come from tests/snapshot_app.py, the same fixture stores the snapshot tests use.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests import snapshot_app  # noqa: E402
from workbook.store import Store  # noqa: E402
from workbook.tui.screens.problem import StoreProblemApp  # noqa: E402

SIZE = (100, 32)
SHOTS = [
    # name, catalog, fill, keys, theme
    ("home-new", snapshot_app.shipped, None, [], "textual-dark"),
    ("home-returning", snapshot_app.shipped, snapshot_app.returning_user, [], "textual-dark"),
    ("home-returning-light", snapshot_app.shipped, snapshot_app.returning_user, [], "textual-light"),
    ("exercise-intro", snapshot_app.shipped, None, ["2"], "textual-dark"),
    ("exercise-page", snapshot_app.shipped, snapshot_app.returning_user, ["enter"], "textual-dark"),
    ("fields-line-text-list", snapshot_app.sample, snapshot_app.sample_answers, ["1", "ctrl+pagedown"], "textual-dark"),
    ("fields-choice-multi-scale", snapshot_app.sample, snapshot_app.sample_answers, ["1"] + ["ctrl+pagedown"] * 2,
     "textual-light"),
    ("fields-table-date-checklist-actions-recall-compose", snapshot_app.sample, snapshot_app.sample_answers,
     ["1"] + ["ctrl+pagedown"] * 3, "textual-dark"),
    ("help", snapshot_app.shipped, None, ["1", "enter", "f1"], "textual-dark"),
    ("conversations", snapshot_app.shipped, snapshot_app.habits_user, ["c"], "textual-dark"),
    ("home-habits", snapshot_app.shipped, snapshot_app.habits_user, [], "textual-dark"),
    ("home-habits-light", snapshot_app.shipped, snapshot_app.habits_user, [], "textual-light"),
    ("actions", snapshot_app.shipped, snapshot_app.habits_user, ["a"], "textual-dark"),
    ("prep-sheet", snapshot_app.shipped, snapshot_app.habits_user, ["c", "down", "p"], "textual-light"),
    ("export", snapshot_app.shipped, snapshot_app.returning_user, ["2", "f4"], "textual-dark"),
    ("follow-up", snapshot_app.shipped, snapshot_app.follow_up_user, ["enter"], "textual-light"),
]
OVER_TIME_SHOTS = [
    # name, keys, keys for a dialog over the screen, theme: on snapshot_app.over_time_user's store
    ("home-still-true", [], [], "textual-dark"),
    ("home-still-true-light", [], [], "textual-light"),
    ("history", ["enter"], ["f2", "up"], "textual-dark"),
    ("history-light", ["enter"], ["f2", "up"], "textual-light"),
    ("then-and-now", ["enter", "tab", "tab"], [], "textual-light"),
]


async def shoot(name: str, app, keys: list[str], theme: str, size=SIZE, over: tuple[str, ...] = ()) -> None:
    async with app.run_test(size=size) as pilot:
        if hasattr(app, "session"):
            await snapshot_app.settle(*keys, theme=theme, over=over)(pilot)
        else:
            app.theme = theme
            await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
        print(f"screenshots/{name}.svg")


async def main() -> None:
    os.environ["XDG_DOCUMENTS_DIR"] = "/home/you/Documents"  # the export screen shows it
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, catalog, fill, keys, theme) in enumerate(SHOTS):
            app = snapshot_app.build(Path(folder) / f"{number}.json", catalog(), fill)
            try:
                tall = name.startswith(("fields", "follow-up"))
                await shoot(name, app, keys, theme, size=(100, 44) if tall else SIZE)
            finally:
                app.store.close()
        for name, keys, over, theme in OVER_TIME_SHOTS:
            path = Path(folder) / f"{name}.json"
            snapshot_app.over_time_user(path)
            app = snapshot_app.build(path, snapshot_app.shipped())
            try:
                await shoot(name, app, keys, theme, size=(100, 36), over=tuple(over))
            finally:
                app.store.close()
        path = Path(folder) / "open.json"
        holder = Store(path)
        try:
            await shoot("already-open", StoreProblemApp(
                "This workbook is already open",
                "This workbook is already open in another window (pid 4242): workbook.json. "
                "Close that one first; this copy changed nothing."), [], "textual-dark")
        finally:
            holder.close()


if __name__ == "__main__":
    asyncio.run(main())
