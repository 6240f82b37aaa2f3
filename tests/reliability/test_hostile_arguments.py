"""What the user types on the command line is text too: words, names and paths holding `[/]` or an escape
sequence are shown as typed, in one line, and a terminal that is not UTF-8 gets no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from workbook.cli import main
from workbook.store import Store

ESC = "\x1b[2J\x1b]0;PWNED\x07"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(text: str) -> str:
    [line] = text.splitlines()
    return line


@pytest.mark.parametrize("words", ["[/]", "[bold]x", "[link=file:///etc/passwd]x", "[@click=app.quit]hi", ESC])
def test_search_shows_the_words_as_typed(capsys, store_path, words) -> None:
    code, out, err = run(capsys, "--store", str(store_path), "search", words)
    assert code == 0 and not err
    assert one_line(out) == f"Nothing you wrote holds all of {words!r}; try fewer words."


@pytest.mark.parametrize("argv", [["prep", "[/]"], ["follow-up", "[/]"],
                                  ["export", "conversation:[/]", "--format", "md"]])
def test_a_conversation_name_is_one_error_line(capsys, store_path, argv) -> None:
    code, out, err = run(capsys, "--store", str(store_path), *argv)
    assert code == 1
    line = one_line(err)
    assert line.startswith("error: ") and "[/]" in line


def test_a_store_path_with_markup_and_escapes(capsys, tmp_path) -> None:
    folder = tmp_path / "[" / f"]{ESC}[bold]"
    store_path = folder / "workbook.json"
    code, out, err = run(capsys, "--store", str(store_path), "status")
    assert code == 0 and not err
    assert f"Workbook: {tmp_path}/[/]␛[2J␛]0;PWNED␇[bold]/workbook.json" in out
    assert "\x1b" not in out


def test_an_unreadable_store_path_is_one_error_line(capsys, tmp_path) -> None:
    store_path = tmp_path / "[" / "]workbook.json"
    store_path.parent.mkdir()
    store_path.write_text("[/] not json")
    code, out, err = run(capsys, "--store", str(store_path), "status")
    assert code == 1
    line = one_line(err)
    assert line.startswith("error: ") and str(store_path) in line


@pytest.mark.parametrize("command", [["calendar"], ["export", "all", "--format", "md"], ["prep", "Ada"]])
def test_an_out_path_with_markup(capsys, tmp_path, store_path, command) -> None:
    with Store(store_path) as store:
        entry = store.start_entry("conversation")
        store.set_answer("conversation", "person", "Ada", entry=entry.id)
    (tmp_path / "[").mkdir()
    out_path = tmp_path / "[" / "]file.txt"
    code, out, err = run(capsys, "--store", str(store_path), *command, "--out", str(out_path))
    assert code == 0, err
    assert out_path.exists()
    assert str(out_path) in one_line(out) and not err
    code, out, err = run(capsys, "--store", str(store_path), *command, "--out", str(out_path))
    assert code == 1, "the file is there now: one line says so"
    assert str(out_path) in one_line(err)


def test_an_out_path_that_cannot_be_written(capsys, tmp_path, store_path) -> None:
    (tmp_path / "[").write_text("a file, not a folder")
    out_path = tmp_path / "[" / "]file.ics"
    code, out, err = run(capsys, "--store", str(store_path), "calendar", "--out", str(out_path))
    assert code == 1
    line = one_line(err)
    assert line.startswith("error: ") and str(out_path) in line


def test_an_exercises_path_that_is_not_a_folder(capsys, tmp_path, store_path) -> None:
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(tmp_path / "[" / f"]{ESC}"),
                         "status")
    assert code == 2
    line = one_line(err)
    assert line.startswith("error: --exercises ") and "[/]␛[2J" in line and "\x1b" not in err


@pytest.mark.parametrize("command", [["actions"], ["search", "society"], ["status"]])
def test_a_terminal_that_is_not_utf8(tmp_path, store_path, command) -> None:
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "Café society ✓")
        store.set_answer("sample", "todo", [{"text": "Café ✓ with Zoë", "due": "2026-12-01", "done": False}])
    environment = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}
    environment.pop("PYTHONIOENCODING")
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "--store", str(store_path), "--exercises",
         str(FIXTURES / "exercises"), *command],
        capture_output=True, env=environment, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    if command[0] != "status":
        assert b"Caf\\xe9" in result.stdout


def test_an_import_names_its_paths_with_escapes_as_symbols(capsys, tmp_path, store_path) -> None:
    backup = tmp_path / f"[{ESC}].json"
    with Store(tmp_path / "other.json") as store:
        store.set_answer("mapping", "strengths", ["Listening"])
    assert main(["--store", str(tmp_path / "other.json"), "export", "--format", "json", "--out", str(backup)]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "--store", str(store_path), "import", str(backup))
    assert code == 0, err
    assert "[␛[2J␛]0;PWNED␇].json" in out and "\x1b" not in out


@pytest.mark.parametrize("command", [["actions", "--json"], ["search", "society", "--json"], ["status", "--json"],
                                     ["export", "sample", "--format", "md", "--out", "-"]])
def test_output_for_scripts_is_utf8_whatever_the_locale(tmp_path, store_path, command) -> None:
    with Store(store_path) as store:
        store.set_answer("sample", "headline", f"Café society ✓ {ESC}")
        store.set_answer("sample", "todo", [{"text": "Café ✓ with Zoë", "due": "2026-12-01", "done": False}])
    environment = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}
    environment.pop("PYTHONIOENCODING", None)
    result = subprocess.run(
        [sys.executable, "-m", "workbook", *command, "--store", str(store_path), "--exercises",
         str(FIXTURES / "exercises")],
        capture_output=True, env=environment, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    text = result.stdout.decode("utf-8")  # not the \xe9 escapes a C locale's terminal gets
    if command[-1] == "--json":
        document = json.loads(text)
        assert document["version"] == 1
        assert "\x1b" not in text, "JSON escapes control characters itself"
    if command[0] != "status":
        assert "Café" in text
