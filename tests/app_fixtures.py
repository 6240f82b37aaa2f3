"""Fixtures for driving the real app with Textual's pilot."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from workbook.exercises import Catalog, load_catalog
from workbook.locations import shipped_exercises
from workbook.store import Clock, Store
from workbook.tui.app import make_app

SIZE = (100, 32)


@pytest.fixture(scope="session")
def shipped_catalog() -> Catalog:
    return load_catalog([shipped_exercises()])


@pytest.fixture
def open_app(store_path: Path):
    """`async with open_app(catalog) as (app, pilot)`: the app on a store that closes afterwards.

    `clock` freezes the store's time (and so "today"); `ask_next_step` lets the app ask for a next step.
    """

    @asynccontextmanager
    async def opened(catalog: Catalog, size: tuple[int, int] = SIZE, clock: Clock | None = None,
                     ask_next_step: bool = False):
        store = Store(store_path, clock=clock) if clock else Store(store_path)
        app = make_app(store, catalog)
        # The next-step question on leaving is tested on its own; elsewhere it would sit in each test's way.
        app.session.next_step_asked = not ask_next_step
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                yield app, pilot
                await app.workers.wait_for_complete()
        finally:
            app.session.apply_edits()
            store.close()

    return opened


@pytest.fixture
def on_disk(store_path: Path):
    """`on_disk()`: the answers in the store file as it is now, by (exercise, field)."""

    def read() -> dict[tuple[str, str], object]:
        data = json.loads(store_path.read_text())
        return {(doc["exercise"], doc["field"]): doc["value"] for doc in data.get("answers", {}).values()}

    return read


def log_with(store_path: Path, *people: str) -> None:
    """A conversation log with one entry for each person, the last one newest."""
    with Store(store_path) as store:
        for person in people:
            store.set_answer("conversation", "person", person, entry=store.start_entry("conversation").id)


async def until(condition, timeout: float = 10.0, seen=lambda: "") -> None:
    """Wait for `condition()` to hold, checking every 20 ms; on a timeout the failure says what `seen()` found."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"timed out waiting; {seen()}"
        await asyncio.sleep(0.02)
