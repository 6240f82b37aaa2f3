"""The app told to stop (the terminal closed, a shutdown) or asked to quit while no save can work: the edits
held in memory reach the store or a private rescue file beside it, and the app says where."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from tests.reliability.terminal import Terminal, store_answers
from workbook.tui.screens.exercise import ExerciseScreen

WIDE = (200, 30)


def rescued(store_path: Path) -> dict[str, object]:
    """The answers in the rescue file beside the store, by field (there must be exactly one)."""
    [rescue] = store_path.parent.glob("workbook.json.unsaved-*")
    assert oct(rescue.stat().st_mode & 0o777) == "0o600"
    return {doc["field"]: doc["value"] for doc in json.loads(rescue.read_text())["answers"].values()}


def replace_store_with_a_folder(store_path: Path) -> None:
    """A store no save can write: the file moved away and a folder put at its name."""
    store_path.rename(store_path.with_name("moved-away.json"))
    store_path.mkdir()


def typed_then_stuck(store_path: Path) -> Terminal:
    """The real app, an answer saved, then more typed that cannot be saved ("Not saved: retrying")."""
    terminal = Terminal("--store", str(store_path), size=WIDE)
    terminal.wait_for_text("Mapping")
    terminal.send("1")
    terminal.wait_for_text("Start")
    terminal.send("\r")
    time.sleep(0.7)  # the first page is built and focused
    terminal.send("Product designer")
    terminal.wait_for(lambda: store_answers(store_path).get(("mapping", "role")) == "Product designer",
                      what="the first words on disk")
    replace_store_with_a_folder(store_path)
    terminal.send(" at a bank")
    terminal.wait_for_text("Not saved: retrying")
    return terminal


@pytest.mark.parametrize("stop", ["SIGHUP", "SIGTERM"])
def test_hangup_or_terminate_while_not_saved_writes_the_edits_to_a_rescue_file(store_path, stop) -> None:
    terminal = typed_then_stuck(store_path)
    try:
        if stop == "SIGHUP":
            terminal.hang_up()  # the window is gone: the app cannot draw or read any more
        terminal.process.send_signal(getattr(signal, stop))
        code = terminal.wait_for_exit()
    finally:
        terminal.close()
    assert code == 1, f"the app ended itself (a negative code is death by {stop})"
    assert rescued(store_path)["role"] == "Product designer at a bank"
    assert not store_path.with_name("workbook.json.lock").exists() or _lock_free(store_path)


def _lock_free(store_path: Path) -> bool:
    import fcntl

    fd = os.open(store_path.with_name("workbook.json.lock"), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_terminate_with_everything_saved_saves_and_ends(store_path) -> None:
    terminal = Terminal("--store", str(store_path), size=WIDE)
    try:
        terminal.wait_for_text("Mapping")
        terminal.send("1")
        terminal.wait_for_text("Start")
        terminal.send("\r")
        time.sleep(0.7)
        terminal.send("Analyst")
        terminal.wait_for_text("Analyst")
        terminal.process.send_signal(signal.SIGTERM)  # before the debounced save: the quit saves it
        code = terminal.wait_for_exit()
    finally:
        terminal.close()
    assert code == 128 + signal.SIGTERM, terminal.output[-2000:]
    assert store_answers(store_path)[("mapping", "role")] == "Analyst"
    assert not list(store_path.parent.glob("workbook.json.unsaved-*"))


def test_ctrl_q_twice_when_saving_cannot_work_quits_naming_the_rescue_file(store_path) -> None:
    terminal = typed_then_stuck(store_path)
    try:
        terminal.send("\x11")  # Ctrl+Q: refused, it cannot save
        terminal.wait_for_text("press Ctrl+Q again")
        assert terminal.process.poll() is None
        terminal.send("\x11")
        code = terminal.wait_for_exit()
    finally:
        terminal.close()
    assert code == 1
    assert "Nothing you wrote was lost" in terminal.output
    [rescue] = store_path.parent.glob("workbook.json.unsaved-*")
    assert rescue.name in terminal.output.replace("\r\n", "")
    assert rescued(store_path)["role"] == "Product designer at a bank"


def indicator(app) -> str:
    return str(app.screen.query_one("#save-indicator").render())


async def test_a_second_ctrl_q_soon_after_a_refused_one_quits_with_a_rescue_file(
        open_app, shipped_catalog, store_path, capsys) -> None:
    async with open_app(shipped_catalog) as (app, pilot):
        app.session.retry_delay = 30  # no retry in the way
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press(*"Analyst")
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        replace_store_with_a_folder(store_path)
        await pilot.press(*" at a bank")
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        assert indicator(app) == "Not saved: retrying"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ExerciseScreen)
        assert any("press Ctrl+Q again within 5 seconds" in notice.message for notice in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 1
    [rescue] = store_path.parent.glob("workbook.json.unsaved-*")
    assert str(rescue) in capsys.readouterr().err.replace("\n", ""), "the message on leaving names it"
    assert rescued(store_path)["role"] == "Analyst at a bank"


async def test_a_second_ctrl_q_long_after_the_first_is_refused_again(
        open_app, shipped_catalog, store_path, monkeypatch) -> None:
    monkeypatch.setattr("workbook.tui.app.QUIT_AGAIN", 0.0)
    async with open_app(shipped_catalog) as (app, pilot):
        app.session.retry_delay = 30
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press(*"Analyst")
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        replace_store_with_a_folder(store_path)
        await pilot.press(*" at a bank")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running, "a Ctrl+Q pressed later is a new first one"
        assert not list(store_path.parent.glob("workbook.json.unsaved-*"))
        store_path.rmdir()
        store_path.with_name("moved-away.json").rename(store_path)
        await pilot.press("ctrl+q")  # saving works again: it saves, and quits
        await pilot.pause()
    assert not app.is_running and app.return_code in (0, None)
    assert store_answers(store_path)[("mapping", "role")] == "Analyst at a bank"


async def test_when_not_even_a_rescue_file_can_be_written_the_second_ctrl_q_stays_with_the_edits(
        open_app, shipped_catalog, store_path, monkeypatch) -> None:
    import errno

    def no_space(folder, name):
        raise OSError(errno.ENOSPC, "No space left on device")

    async with open_app(shipped_catalog) as (app, pilot):
        app.session.retry_delay = 30
        await pilot.press("1", "enter")
        await pilot.pause()
        replace_store_with_a_folder(store_path)
        monkeypatch.setattr("workbook.storage._new_private_file", no_space)  # every folder is full
        await pilot.press(*"Analyst")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ExerciseScreen)
        assert any(notice.title == "Could not quit" for notice in app._notifications)
        assert app.session.answer("mapping", "role") == "Analyst" and app.store.unsaved
        monkeypatch.undo()  # space again: leaving now puts the edits in a rescue file
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert rescued(store_path)["role"] == "Analyst"
