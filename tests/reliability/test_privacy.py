"""Career notes are private: the store, its backups and every copy are 0600 in a 0700 folder whatever the
umask; exports are 0600 unless the user chose the path; and nothing is ever sent over a network."""

from __future__ import annotations

import ast
import json
import os
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.store import Store

PACKAGE = Path(__file__).parents[2] / "workbook"
NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "requests", "httpx", "aiohttp", "smtplib", "ftplib",
                   "webbrowser", "xmlrpc", "telnetlib", "imaplib", "poplib", "socketserver", "websockets"}
NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
                  "socket.bind", "urllib.Request", "webbrowser.open", "http.client.connect"}


@pytest.fixture
def open_umask():
    """The most permissive umask: any file the app leaves to the umask would come out world-readable."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


def test_the_store_and_every_copy_of_it_are_private(store_path: Path, open_umask) -> None:
    with Store(store_path) as store:
        store.set_answer("mapping", "role", "Analyst")
    with Store(store_path) as store:  # a second session: its first save keeps backup 1
        store.set_answer("mapping", "role", "Analyst and mentor")
        store.save()
        imported = store.restore(store.dump())  # import keeps the replaced file
        replaced = store_path.read_bytes()
        store_path.write_bytes(replaced + b" ")  # another program changes it
        store.set_answer("mapping", "role", "Lead")
        changed = store.take_over()
        store_path.write_bytes(store_path.read_bytes() + b" ")
        store.set_answer("mapping", "role", "Lead!")
        with pytest.raises(Exception, match="they are in"):
            store.close()
    [unsaved] = store_path.parent.glob("workbook.json.unsaved-*")
    files = [store_path, store_path.with_name("workbook.json.backup-1"), store_path.with_name("workbook.json.lock"),
             imported, changed, unsaved]
    assert {path.name.split("-")[0]: mode(path) for path in files} == {
        path.name.split("-")[0]: "0o600" for path in files}
    assert mode(store_path.parent) == "0o700"


def test_exports_are_private_unless_the_user_chose_the_path(capsys, store_path: Path, tmp_path: Path,
                                                           isolated_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(isolated_home / "Documents"))
    previous = os.umask(0o022)
    try:
        with Store(store_path) as store:
            store.set_answer("mapping", "role", "Analyst")
        base = ["--store", str(store_path), "export"]
        assert main([*base, "mapping", "--format", "md"]) == 0
        [suggested] = (isolated_home / "Documents").glob("mapping-*.md")
        assert main([*base, "mapping", "--format", "md", "--out", str(tmp_path / "chosen.md")]) == 0
        assert main([*base, "--format", "json", "--out", str(tmp_path / "backup.json")]) == 0
        assert main([*base, "mapping", "--format", "html", "--out", str(tmp_path / "chosen.md"),
                     "--overwrite"]) == 0
    finally:
        os.umask(previous)
    assert mode(suggested) == "0o600"
    assert mode(tmp_path / "chosen.md") == "0o644", "the user's own path follows their umask"
    assert mode(tmp_path / "backup.json") == "0o600", "a backup of the whole workbook is always private"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_of_the_app_imports_anything_that_talks_to_a_network() -> None:
    found = {str(path.relative_to(PACKAGE)): imported_modules(path) & NETWORK_MODULES
             for path in PACKAGE.rglob("*.py")}
    assert len(found) > 20
    assert {name: modules for name, modules in found.items() if modules} == {}


class NetworkWatch:
    """An audit hook (they cannot be removed, so it only records while `on`)."""

    events: list[str] = []
    on = False

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if cls.on and event in NETWORK_EVENTS:
            cls.events.append(f"{event} {args!r}"[:200])


sys.addaudithook(NetworkWatch.hook)


async def test_a_whole_sitting_and_every_export_open_no_connection(open_app, shipped_catalog, store_path,
                                                                  tmp_path, capsys) -> None:
    NetworkWatch.events.clear()
    NetworkWatch.on = True
    try:
        async with open_app(shipped_catalog) as (app, pilot):
            await pilot.press("1", "enter")
            await pilot.pause()
            await pilot.press(*"Analyst", "escape", "e")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.press("escape", "question_mark")
            await pilot.pause()
        for format in ("md", "html", "txt", "json"):
            names = [] if format == "json" else ["all"]
            assert main(["--store", str(store_path), "export", *names, "--format", format,
                         "--out", str(tmp_path / f"out.{format}")]) == 0
        assert main(["--store", str(store_path), "status"]) == 0
    finally:
        NetworkWatch.on = False
    assert json.loads((tmp_path / "out.json").read_text())["workbook"]["answers"]
    assert NetworkWatch.events == []
