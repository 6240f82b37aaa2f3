"""A hostile or odd file system: links planted at the lock and temp names, a store that is a link, a folder
others can write to, and a disk that is full from a sitting's first save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.storage import BACKUPS_KEPT, StoreError, backup_path
from workbook.store import Store

SECRET = "my salary is 54,321"


def written(path: Path) -> list[object]:
    return [doc["value"] for doc in json.loads(path.read_text())["answers"].values()]


def test_a_link_planted_at_the_lock_file_is_refused_and_its_target_left_alone(store_path, tmp_path) -> None:
    store_path.parent.mkdir()
    victim = tmp_path / "thesis.txt"
    victim.write_text("years of work")
    store_path.with_name("workbook.json.lock").symlink_to(victim)
    with pytest.raises(StoreError, match=r"lock file .* is a symbolic link.*delete it") as refused:
        Store(store_path)
    assert "\n" not in str(refused.value)
    assert victim.read_text() == "years of work", "the lock never truncates what a link points to"


def test_a_link_planted_at_the_old_temp_name_gets_no_copy_of_the_workbook(store_path, tmp_path) -> None:
    store_path.parent.mkdir()
    loot = tmp_path / "elsewhere" / "loot.json"
    loot.parent.mkdir()
    # The name every save used before: predictable from the pid.
    store_path.with_name(f".workbook.json.{os.getpid()}.tmp").symlink_to(loot)
    store = Store(store_path)  # opening removes leftovers; plant it again, as a watcher would
    store_path.with_name(f".workbook.json.{os.getpid()}.tmp").symlink_to(loot)
    store.set_answer("mapping", "role", SECRET)
    store.save()
    store.close()
    assert not loot.exists(), "the link's target received nothing"
    assert not store_path.is_symlink() and written(store_path) == [SECRET]


def test_temp_files_of_a_killed_writer_are_still_found_and_removed(store_path) -> None:
    from workbook.storage import new_temp_file

    store_path.parent.mkdir()
    names = set()
    for _ in range(3):
        temp, fd = new_temp_file(store_path)
        os.close(fd)
        names.add(temp.name)
    assert len(names) == 3 and not any(str(os.getpid()) in name for name in names), "unpredictable names"
    Store(store_path).close()
    assert not [name for name in os.listdir(store_path.parent) if name.endswith(".tmp")]


def test_a_linked_store_is_written_through_to_its_target_with_lock_and_backups_beside_it(
        store_path, tmp_path) -> None:
    synced = tmp_path / "Dropbox" / "workbook.json"
    synced.parent.mkdir()
    with Store(synced) as store:
        store.set_answer("mapping", "role", "Analyst")
    store_path.parent.mkdir()
    store_path.symlink_to(synced)
    for value in ("Designer", "Lead designer"):
        with Store(store_path) as store:
            assert store.answer("mapping", "role") in ("Analyst", "Designer")
            store.set_answer("mapping", "role", value)
    assert store_path.is_symlink() and store_path.resolve() == synced, "the link is still in place"
    assert written(synced) == ["Lead designer"]
    assert written(backup_path(synced, 1)) == ["Designer"] and written(backup_path(synced, 2)) == ["Analyst"]
    assert sorted(os.listdir(store_path.parent)) == ["workbook.json"], "nothing beside the link"
    with Store(synced):  # the lock is the target's: one lock for both names
        with pytest.raises(StoreError, match="already open"):
            Store(store_path)


def test_a_dangling_link_is_refused_in_one_line_saying_what_to_do(store_path, tmp_path, capsys) -> None:
    store_path.parent.mkdir()
    gone = tmp_path / "unmounted" / "workbook.json"
    store_path.symlink_to(gone)
    for command in (["status"], ["search", "anything"]):
        assert main(["--store", str(store_path), *command]) == 1
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "does not exist" in error and "reconnect it, or remove the link" in error
    with pytest.raises(StoreError, match="does not exist"):
        Store(store_path)
    assert not gone.parent.exists() and store_path.is_symlink(), "nothing was created on either side"


def test_a_folder_others_can_write_to_draws_one_warning_line(store_path, capsys) -> None:
    Store(store_path).close()
    assert main(["--store", str(store_path), "status"]) == 0
    assert "warning" not in capsys.readouterr().err, "no warning for a private folder"
    store_path.parent.chmod(0o777)
    assert main(["--store", str(store_path), "status"]) == 0
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"warning: others can write in {store_path.parent}") and "chmod o-w" in error


async def test_the_app_says_so_too_when_its_folder_is_shared(open_app, shipped_catalog, store_path) -> None:
    # The command line's warning is hidden by the full screen as soon as the app starts.
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_path.parent.chmod(0o777)
    async with open_app(shipped_catalog) as (app, pilot):
        [note] = [note for note in app._notifications if note.title == "Your workbook's folder is shared"]
        assert "chmod o-w" in note.message and note.markup is False


# A sitting whose every save fails: RLIMIT_FSIZE below the store's size, as a disk full from the first save.
FULL_FROM_THE_FIRST_SAVE = r"""
import json, resource, signal, sys
from workbook.storage import StoreWriteError
from workbook.store import Store

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
attempts, size = int(sys.argv[2]), int(sys.argv[3])
store = Store(sys.argv[1])
store.set_answer("mapping", "role", "written while the disk was full")
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, hard))
failures = 0
for _ in range(attempts):
    try:
        store.save()
    except StoreWriteError:
        failures += 1
unreadable = 0
for number in range(1, 6):
    try:
        json.loads(open(f"{sys.argv[1]}.backup-{number}", "rb").read())
    except (OSError, ValueError):
        unreadable += 1
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
store.close()
print(json.dumps({"failures": failures, "unreadable_while_full": unreadable}))
"""


def test_a_disk_full_from_the_first_save_rotates_no_backup_and_damages_none(store_path) -> None:
    for sitting in range(BACKUPS_KEPT + 1):  # five backups, each from an earlier sitting
        with Store(store_path) as store:
            store.set_answer("mapping", "role", f"sitting {sitting}")
    before = store_path.read_bytes()
    backups = [backup_path(store_path, number).read_bytes() for number in range(1, BACKUPS_KEPT + 1)]
    attempts = 30
    done = subprocess.run([sys.executable, "-c", FULL_FROM_THE_FIRST_SAVE, str(store_path), str(attempts),
                           str(len(before))], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["failures"] == attempts
    assert result["unreadable_while_full"] == 0, \
        f"{result['unreadable_while_full']} of {BACKUPS_KEPT} backups unreadable after {attempts} failed saves"
    after = [backup_path(store_path, number).read_bytes() for number in range(1, BACKUPS_KEPT + 1)]
    unreadable = sum(1 for content in after if not _parses(content))
    assert unreadable == 0, f"{unreadable} of {BACKUPS_KEPT} backups unreadable after {attempts} failed saves"
    # Rotated once, when the save worked: the sitting's starting file is backup 1, the oldest dropped.
    assert after == [before, *backups[:-1]]
    assert written(store_path) == ["written while the disk was full"]
    assert not [name for name in os.listdir(store_path.parent) if name.endswith(".tmp")]


def _parses(content: bytes) -> bool:
    try:
        json.loads(content)
    except ValueError:
        return False
    return True
