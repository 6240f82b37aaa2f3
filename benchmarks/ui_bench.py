"""The app's start-up and typing cost, each next to a bare Textual floor measured in the same run.

Start-up: from process start to the first frame of the home screen (headless), against an app with one
Static timed the same way; also, for reading it, until the app is idle and has exited. Typing: 2,000
keys into a text field with a 5 MB store behind it (autosave running), against the same keys into a
bare TextArea app. Run: `python benchmarks/ui_bench.py` (updates README.md).
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from readme_section import write_section  # noqa: E402
STARTS = 15
KEYS = 2000
TEXT = ("I want to lead a small data team in health, near the sea, with time for family. " * 30)[:KEYS]

# Prepended to each app: prints the clock when Textual first writes a frame to the terminal. `_display`
# is the one place it does; a system-wide monotonic clock compares it with the parent's start time.
FIRST_FRAME = """
import time as _time
from textual.app import App as _App
_display = _App._display
def _first_frame(self, screen, renderable):
    if renderable is not None and not hasattr(_App, "_drawn"):
        _App._drawn = True
        print(_time.monotonic(), flush=True)
    return _display(self, screen, renderable)
_App._display = _first_frame
"""

FLOOR_APP = """
from textual.app import App
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("Hello")
async def leave(pilot):
    await pilot.pause()  # until the first frame is drawn and the app is idle, as for the workbook
    pilot.app.exit()
Floor().run(headless=True, auto_pilot=leave)
"""

# The Textual widgets home is made of (the issue asks for each), with nothing of the workbook behind them:
# what the layout alone costs, between the floor and the workbook.
WIDGETS_APP = """
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, OptionList, ProgressBar, Static
class Widgets(App):
    BINDINGS = [("c", "bell", "Conversations"), ("a", "bell", "Actions"), ("e", "bell", "Export")]
    def compose(self):
        yield Header()
        with Horizontal():
            with Vertical():
                yield ProgressBar(total=100)
                yield OptionList(*[f"Step {n}" for n in range(8)])
            with VerticalScroll():
                yield Button("Continue: Planning, page 3 of 7")
                yield Static("Last sitting")
                yield OptionList("A reminder", "Another")
                yield Button("Open Planning")
        yield Footer()
async def leave(pilot):
    await pilot.pause()
    pilot.app.exit()
Widgets().run(headless=True, auto_pilot=leave)
"""

# The `workbook` command itself, headless (the changes: Textual has no switch for it outside `run`, and the
# command refuses to start the app when its output is a pipe, as here).
WORKBOOK_APP = """
import sys
from textual.app import App
from workbook import cli
from workbook.cli import main
cli.full_screen_refusal = lambda: None
async def leave(pilot):
    await pilot.pause()
    pilot.app.exit()
_run = App.run
App.run = lambda self: _run(self, headless=True, auto_pilot=leave)
main(["--store", sys.argv[1]])
"""


class StartUp(NamedTuple):
    """Medians in ms, to the first frame and until idle and exited, and the medians of their ratios to the
    floor's start in the same round: a shared machine's load drifts over a run, and pairs share it."""
    first_frame: float
    whole: float
    first_frame_ratio: float
    whole_ratio: float


def start_up(folder: Path) -> dict[str, StartUp]:
    # As a user's second launch: bytecode cached (an editable install under PYTHONDONTWRITEBYTECODE
    # would compile the app's modules at every start, and the floor's are compiled at install).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    apps = {"floor": FLOOR_APP, "widgets": WIDGETS_APP, "workbook": WORKBOOK_APP}
    first: dict[str, list[float]] = {name: [] for name in apps}
    whole: dict[str, list[float]] = {name: [] for name in apps}
    for run in range(-1, STARTS):  # run -1 warms the caches; alternate, so all see the same noise
        for name, code in apps.items():
            start = time.monotonic()
            drawn = subprocess.run([sys.executable, "-c", FIRST_FRAME + code, str(folder / f"start-{run}.json")],
                                   check=True, env=env, capture_output=True, text=True).stdout
            end = time.monotonic()
            if run >= 0:
                first[name].append(float(drawn.split()[0]) - start)
                whole[name].append(end - start)
    def ratio(times: dict[str, list[float]], name: str) -> float:
        return statistics.median(mine / floor for mine, floor in zip(times[name], times["floor"]))

    return {name: StartUp(statistics.median(first[name]) * 1000, statistics.median(whole[name]) * 1000,
                          ratio(first, name), ratio(whole, name))
            for name in apps}


async def type_into(app, focus) -> float:
    async with app.run_test(size=(100, 32)) as pilot:
        await focus(pilot)
        start = time.perf_counter()
        await pilot.press(*TEXT)
        elapsed = time.perf_counter() - start
        await app.workers.wait_for_complete()
    return elapsed / KEYS * 1000


async def typing(folder: Path) -> tuple[float, float, int]:
    from textual.app import App
    from textual.widgets import TextArea

    from store_bench import build_store
    from workbook.exercises import load_catalog
    from workbook.locations import shipped_exercises
    from workbook.store import Store
    from workbook.tui.app import make_app

    class Bare(App):
        def compose(self):
            yield TextArea()

    async def focus_bare(pilot):
        pilot.app.query_one(TextArea).focus()

    async def focus_destination(pilot):
        await pilot.press("2", "enter", "ctrl+pagedown")
        await pilot.pause()

    path = folder / "big.json"
    build_store(path, 5_000_000)
    size = path.stat().st_size
    bare = await type_into(Bare(), focus_bare)
    store = Store(path)
    try:
        ours = await type_into(make_app(store, load_catalog([shipped_exercises()])), focus_destination)
    finally:
        store.close()
    return bare, ours, size


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        starts = start_up(Path(folder))
        floor, widgets, ours = starts["floor"], starts["widgets"], starts["workbook"]
        print(f"start-up to the first frame: floor {floor.first_frame:.0f} ms, home's widgets alone "
              f"{widgets.first_frame:.0f} ms, workbook {ours.first_frame:.0f} ms", file=sys.stderr)
        bare_ms, typed_ms, size = asyncio.run(typing(Path(folder)))
        print(f"typing: bare {bare_ms:.1f} ms/key, workbook {typed_ms:.1f} ms/key", file=sys.stderr)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    table = "\n".join([
        "| measure | floor | measured | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| process start to the first frame of home (medians of {STARTS} starts, headless; the ratio is the median "
        f"of each round's) | {floor.first_frame:.0f} ms (one Static) | {ours.first_frame:.0f} ms "
        f"| {ours.first_frame_ratio:.2f}x | at most 1.3x |",
        f"| the same, for an app of home's Textual widgets alone (Header, Footer, option lists, progress bar, "
        f"buttons) | {floor.first_frame:.0f} ms | {widgets.first_frame:.0f} ms "
        f"| {widgets.first_frame_ratio:.2f}x | (for reading the row above) |",
        f"| process start until home is drawn and the app idle, then exit | {floor.whole:.0f} ms | {ours.whole:.0f} ms "
        f"| {ours.whole_ratio:.2f}x | (for reading the row above) |",
        f"| typing {KEYS} keys, per key, {size / 1e6:.1f} MB store, autosave on | {bare_ms:.1f} ms (bare TextArea) "
        f"| {typed_ms:.1f} ms | {typed_ms / bare_ms:.2f}x | at most 1.1x |",
    ])
    print(table)
    write_section("ui_bench", f"Machine: {machine}. Measured side by side in one run.\n\n{table}",
                  "## App: start-up and typing (`python benchmarks/ui_bench.py`)\n\n")


if __name__ == "__main__":
    main()
