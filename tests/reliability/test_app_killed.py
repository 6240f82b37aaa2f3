"""The real app in a terminal, killed with SIGKILL mid-sentence, resumes with the last debounced text."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Button, Input

from tests.reliability.terminal import Terminal, store_answers
from workbook.tui.screens.exercise import ExerciseScreen


async def test_killed_mid_sentence_the_app_resumes_on_the_same_field_with_the_saved_text(
        store_path: Path, open_app, shipped_catalog) -> None:
    terminal = Terminal("--store", str(store_path))
    try:
        terminal.wait_for_text("Mapping")
        terminal.send("1")
        terminal.wait_for_text("Start")
        terminal.send("\r")  # the first page, the cursor in its first field
        time.sleep(0.5)
        terminal.send("Product designer")
        terminal.wait_for(lambda: store_answers(store_path).get(("mapping", "role")) == "Product designer",
                          what="the first words on disk")
        for word in " at a bank, leading".split(" "):  # still typing when the kill comes
            terminal.send(" " + word)
            time.sleep(0.15)
        terminal.kill()
    finally:
        terminal.close()
    saved = store_answers(store_path)[("mapping", "role")]
    assert saved.startswith("Product designer")

    async with open_app(shipped_catalog) as (app, pilot):
        continue_button = app.screen.query_one("#continue", Button)
        assert str(continue_button.label).startswith("Continue: Mapping, page 1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        focused = app.focused
        assert isinstance(focused, Input) and focused.parent.id == "field-role"
        assert focused.value == saved
        await pilot.press(*" and more")  # typing on continues the answer; it never replaces it
        assert focused.value == saved + " and more"
