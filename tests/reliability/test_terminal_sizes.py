"""Every screen at 40x12, 80x24 and 200x60, resized back and forth: nothing raises, nothing is lost;
too small a window shows the ask-for-room screen and the workbook comes back when there is room."""

from __future__ import annotations

import pytest

from workbook.store import ResumePoint, Store
from workbook.tui.screens.too_small import TooSmallScreen

SIZES = [(40, 12), (80, 24), (200, 60), (40, 12), (100, 32)]
SCREENS = {  # home is the first screen of every other case, resized in tests/tui/test_app.py
    "a page with text fields": ["1", "enter"],
    "a page with a table": ["enter"],  # Continue: Planning's skills gap
    "the conversation log": ["c"],
    "help": ["question_mark"],
    "export": ["e"],
}


@pytest.mark.parametrize("screen", SCREENS)
async def test_every_screen_survives_every_size(open_app, shipped_catalog, store_path, screen) -> None:
    with Store(store_path) as store:
        store.set_answer("mapping", "role", "Analyst " * 40)
        store.set_answer("planning", "skills_gap", [["Facilitation " * 5, "2", "4"]] * 8)
        store.start_entry("conversation")
        if screen == "a page with a table":
            store.set_resume_point(ResumePoint("planning", shipped_catalog.get("planning").page_index("skills_gap"), "skills_gap"))
    async with open_app(shipped_catalog, size=(100, 32)) as (app, pilot):
        await pilot.press(*SCREENS[screen])
        await pilot.pause()
        shown = type(app.screen)
        if screen == "a page with a table":
            assert app.focused.has_class("cell")
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            expected = TooSmallScreen if (width, height) == (40, 12) else shown
            assert type(app.screen) is expected, (screen, width, height)
            assert app.screen.size.width == width
        assert app.is_running
    assert Store(store_path, readonly=True).answer("mapping", "role") == "Analyst " * 40
