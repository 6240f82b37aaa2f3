"""Every kind of bad store file: a clear one-line error (exit 1) from the CLI, a clear screen in the app,
and the file byte-for-byte as it was, with nothing new beside it but the lock file."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Static

from workbook.cli import build_app, main
from workbook.store import Store
from workbook.tui.screens.problem import StoreProblemApp

def permissions_apply() -> bool:
    """False as root (or with CAP_DAC_OVERRIDE), where a mode-000 file is still readable."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        return False


IGNORES_PERMISSIONS = not permissions_apply()
ROOT_SKIP = "this user reads and writes whatever the permissions say (root); the simulated cases run instead"


def a_store_file() -> bytes:
    return json.dumps({"meta": {"1": {"schema_version": 1}},
                       "answers": {"1": {"exercise": "mapping", "entry": None, "field": "role",
                                         "value": "Designer", "updated_at": "2026-11-01T10:00:00+00:00"}}}).encode()


BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n", "the file is empty"),
    "truncated": (a_store_file()[:40], "not valid JSON"),
    "not UTF-8": (b"\xff\xfe{\x00", "not valid JSON"),
    "a JSON list": (b"[1, 2, 3]", "not the shape of a workbook"),
    "tables of numbers": (b'{"answers": {"1": 7}}', "not the shape of a workbook"),
    "no schema version": (b'{"answers": {}}', "has no schema version"),
    "unknown tables": (b'{"meta": {"1": {"schema_version": 1}}, "passwords": {}}', "unknown tables"),
    "newer schema": (b'{"meta": {"1": {"schema_version": 99}}}', "written by a newer Career Workbook"),
}


@pytest.fixture
def backup(tmp_path: Path, capsys) -> Path:
    """A good backup, for the import command to try on the bad store."""
    good = tmp_path / "good" / "workbook.json"
    with Store(good) as store:
        store.set_answer("mapping", "role", "Analyst")
    path = tmp_path / "backup.json"
    assert main(["--store", str(good), "export", "--format", "json", "--out", str(path)]) == 0
    capsys.readouterr()
    return path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def state_of(path: Path) -> tuple | None:
    """Size, mtime and bytes (read past any patch on Path, which the simulated cases patch; None when
    the file is really unreadable)."""
    if not os.path.exists(path):
        return None
    stat = os.stat(path)
    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except PermissionError:
        content = None
    return stat.st_size, stat.st_mtime_ns, stat.st_mode, content


def folder_listing(path: Path) -> set[str]:
    return {child.name for child in path.parent.iterdir()} - {path.name + ".lock"}


def assert_refused_everywhere(capsys, store_path: Path, backup: Path, expected: str) -> None:
    before = state_of(store_path)
    listing = folder_listing(store_path)
    for command in (["status"], ["import", str(backup), "--replace"],
                    ["export", "--format", "md", "--out", str(backup.with_name("out.md"))]):
        code, err = run(capsys, "--store", str(store_path), *command)
        assert code == 1, command
        assert err.startswith("error: ") and expected in err, (command, err)
        assert len(err.strip().splitlines()) == 1, "one line, whatever the width"
    assert not backup.with_name("out.md").exists()
    assert state_of(store_path) == before
    assert folder_listing(store_path) == listing, "no backup, temp or copy was made"


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_store_file_is_refused_by_each_command_and_left_as_it_was(capsys, store_path, backup, name):
    content, expected = BAD_FILES[name]
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    assert_refused_everywhere(capsys, store_path, backup, expected)


@pytest.mark.parametrize("name", ["truncated", "a JSON list", "newer schema"])
async def test_the_app_shows_what_is_wrong_and_changes_nothing(shipped_catalog, store_path, name):
    content, expected = BAD_FILES[name]
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    app, store = build_app(shipped_catalog, store_path)
    assert store is None and isinstance(app, StoreProblemApp)
    async with app.run_test(size=(80, 24)) as pilot:
        assert expected in str(app.query_one("#problem-message", Static).render())
        assert "Nothing on disk was changed" in str(app.query_one("#problem-safe", Static).render())
        await pilot.press("enter")
    assert app.return_code == 1
    assert store_path.read_bytes() == content


def test_an_unreadable_file_simulated(capsys, store_path, backup, monkeypatch):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(a_store_file())
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == store_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert_refused_everywhere(capsys, store_path, backup, "Cannot read the workbook")


def test_a_read_only_folder_simulated(capsys, store_path, backup, monkeypatch):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(a_store_file())
    real_open = os.open

    def open_(path, flags, *args):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr("workbook.storage.os.open", open_)
    code, err = run(capsys, "--store", str(store_path), "import", str(backup), "--replace")
    assert code == 1 and "its folder does not let this app write there (Permission denied)" in err
    assert store_path.read_bytes() == a_store_file()


@pytest.mark.skipif(IGNORES_PERMISSIONS, reason=ROOT_SKIP)
def test_an_unreadable_file(capsys, store_path, backup):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(a_store_file())
    store_path.chmod(0)
    try:
        assert_refused_everywhere(capsys, store_path, backup, "Cannot read the workbook")
    finally:
        store_path.chmod(0o600)
    assert store_path.read_bytes() == a_store_file()


@pytest.mark.skipif(IGNORES_PERMISSIONS, reason=ROOT_SKIP)
def test_a_read_only_folder(capsys, store_path, backup):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(a_store_file())
    store_path.parent.chmod(0o500)
    try:
        code, err = run(capsys, "--store", str(store_path), "import", str(backup), "--replace")
        assert code == 1 and "its folder does not let this app write there" in err
        fresh = store_path.parent / "sub" / "workbook.json"
        code, err = run(capsys, "--store", str(fresh), "import", str(backup))
        assert code == 1 and "its folder does not let this app write there" in err
    finally:
        store_path.parent.chmod(0o700)
    assert store_path.read_bytes() == a_store_file()
