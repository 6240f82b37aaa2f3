"""Writes that fail (a full disk, a file-size limit): edits stay in memory, the user is told, and they
are saved once writing works again; the file on disk is never left half-written."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

from workbook.tui.screens.exercise import ExerciseScreen

# Runs in a child process: RLIMIT_FSIZE makes every write past the limit fail, as a full disk does.
FILE_SIZE_LIMIT_CHILD = r"""
import json, resource, signal, sys
from workbook.storage import StoreWriteError
from workbook.store import Store

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
store = Store(sys.argv[1])
store.set_answer("mapping", "role", "Analyst")
store.save()
before = open(sys.argv[1], "rb").read()
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 100, hard))
store.set_answer("mapping", "strengths", ["Listening " * 50])
try:
    store.save()
    error = None
except StoreWriteError as failure:
    error = str(failure)
unchanged = open(sys.argv[1], "rb").read() == before
kept = store.answer("mapping", "strengths") == ["Listening " * 50] and store.unsaved
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
saved_later = store.save()
store.close()
print(json.dumps({"error": error, "unchanged": unchanged, "kept": kept, "saved_later": saved_later}))
"""


def test_a_write_past_the_file_size_limit_fails_cleanly_and_succeeds_later(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    done = subprocess.run([sys.executable, "-c", FILE_SIZE_LIMIT_CHILD, str(store_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["error"] and "Could not save the workbook" in result["error"]
    assert "Your edits are kept in memory" in result["error"]
    assert result["unchanged"], "the failed write left the file as it was"
    assert result["kept"], "the edit is still there, still unsaved"
    assert result["saved_later"]
    answers = {doc["field"]: doc["value"] for doc in json.loads(store_path.read_text())["answers"].values()}
    assert answers["strengths"] == ["Listening " * 50]
    assert not list(store_path.parent.glob("*.tmp")) and not list(store_path.parent.glob(".*.tmp"))


class FullDisk:
    """Patch fsync to fail with ENOSPC, as a full disk does when the data reaches it; `.full = False` frees space."""

    def __init__(self, monkeypatch) -> None:
        import os

        self.full = True
        self.attempts = 0
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if self.full:
                self.attempts += 1
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(fd)

        monkeypatch.setattr("workbook.storage.os.fsync", fsync)


def indicator(app) -> str:
    return str(app.screen.query_one("#save-indicator").render())


async def test_the_app_keeps_the_edits_says_saving_failed_retries_and_saves(
        open_app, shipped_catalog, store_path, monkeypatch, on_disk) -> None:
    async with open_app(shipped_catalog) as (app, pilot):
        app.session.retry_delay = 0.3
        await pilot.press("1", "enter")
        await pilot.pause()
        before = store_path.read_bytes()
        disk = FullDisk(monkeypatch)
        await pilot.press(*"Analyst")
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ExerciseScreen)
        assert indicator(app) == "Not saved: retrying"
        assert any("the disk is full" in n.message for n in app._notifications)
        assert store_path.read_bytes() == before
        await pilot.press("ctrl+q")  # quitting now would lose the edits: it says so and stays
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ExerciseScreen)
        await pilot.pause(0.8)
        assert disk.attempts >= 3, "it kept trying"
        disk.full = False
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        assert indicator(app).startswith("Saved ")
        assert on_disk()[("mapping", "role")] == "Analyst"
        titles = [notice.title for notice in app._notifications]
        assert titles.count("Your edits are not saved yet") == 1, "one notice, not one per retry"
        assert titles[-1] == "Saved"
        assert not list(store_path.parent.glob(".*.tmp"))
