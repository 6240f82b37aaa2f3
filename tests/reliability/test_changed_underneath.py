"""Another program replaces the store file while the app runs: the app notices before writing,
writes nothing over it, says so, and lets the user choose whose version to keep (the other is kept)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from workbook.tui.dialogs.changed_file import ChangedFileScreen


def replace_from_outside(store_path: Path, role: str) -> bytes:
    """What a sync client or a restore does: a new file with other content moved over the old one."""
    data = json.loads(store_path.read_text())
    for doc in data["answers"].values():
        if doc["field"] == "role":
            doc["value"] = role
    content = json.dumps(data).encode()
    temp = store_path.with_name("synced.tmp")
    temp.write_bytes(content)
    os.replace(temp, store_path)
    return content


async def type_then_wait_for_the_save(app, pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause(0.8)  # past the half-second debounce
    await app.workers.wait_for_complete()
    await pilot.pause()


async def change_underneath(app, pilot, store_path: Path) -> bytes:
    """Type and save, let another program replace the file, type again: the app must stop and say so;
    Ctrl+S asks what to do."""
    await pilot.press("1", "enter")
    await pilot.pause()
    await type_then_wait_for_the_save(app, pilot, "Analyst")
    theirs = replace_from_outside(store_path, "Written on the laptop")
    await type_then_wait_for_the_save(app, pilot, " and mentor")
    assert store_path.read_bytes() == theirs, "nothing was written over the other program's file"
    assert str(app.screen.query_one("#save-indicator").render()).startswith("Not saved: file changed")
    [notice] = [n for n in app._notifications if n.title == "Not saved"]
    assert "Another program changed the workbook file" in notice.message
    assert app.focused.parent.id == "field-role", "the typing goes on in the field, no dialog takes the keys"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ChangedFileScreen)
    return theirs


def kept_copies(store_path: Path, kind: str) -> list[Path]:
    return sorted(store_path.parent.glob(f"{store_path.name}.{kind}-*"))


def role_in(path: Path) -> str:
    answers = json.loads(path.read_text())["answers"].values()
    return next(doc["value"] for doc in answers if doc["field"] == "role")


async def test_decide_later_writes_nothing_then_keep_mine_saves_and_keeps_the_other_file(
        open_app, shipped_catalog, store_path) -> None:
    async with open_app(shipped_catalog) as (app, pilot):
        theirs = await change_underneath(app, pilot, store_path)
        await pilot.press("escape")  # Decide later
        await pilot.pause()
        assert str(app.screen.query_one("#save-indicator").render()).startswith("Not saved: file changed")
        await type_then_wait_for_the_save(app, pilot, "!")
        assert store_path.read_bytes() == theirs
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#mine")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ChangedFileScreen)
        assert role_in(store_path) == "Analyst and mentor!"
        [copy] = kept_copies(store_path, "changed")
        assert copy.read_bytes() == theirs
        await type_then_wait_for_the_save(app, pilot, "?")  # saving goes on as before
        assert role_in(store_path) == "Analyst and mentor!?"


async def test_quitting_asks_and_use_the_file_on_disk_keeps_my_edits_as_a_copy(
        open_app, shipped_catalog, store_path) -> None:
    async with open_app(shipped_catalog) as (app, pilot):
        await change_underneath(app, pilot, store_path)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChangedFileScreen), "quitting must not drop the edits"
        await pilot.click("#theirs")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.is_running
    assert role_in(store_path) == "Written on the laptop"
    [mine] = kept_copies(store_path, "unsaved")
    assert role_in(mine) == "Analyst and mentor"
