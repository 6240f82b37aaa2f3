"""The `workbook` command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook import __version__
from workbook.cli import main
from workbook.store import Store

FIXTURE_EXERCISES = str(Path(__file__).parent / "fixtures" / "exercises")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_and_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--store PATH" in out and "--exercises DIR" in out and "status" in out
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"workbook {__version__}"


def test_python_dash_m_is_the_same_program():
    result = subprocess.run([sys.executable, "-m", "workbook", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == f"workbook {__version__}"


def test_status_on_an_empty_store_creates_nothing(capsys, tmp_path):
    store = tmp_path / "new" / "workbook.json"
    code, out, _ = run(capsys, "--store", str(store), "--exercises", FIXTURE_EXERCISES, "status")
    assert code == 0
    assert "Sample" in out and "not started" in out and "0/3" in out
    assert "Log: 0 entries, 0 done." in out
    assert not store.parent.exists()


def test_status_shows_progress_and_the_log(capsys, tmp_path):
    path = tmp_path / "workbook.json"
    with Store(path) as store:
        store.set_answer("sample", "headline", "Curious engineer")
        entry = store.start_entry("log")
        store.set_answer("log", "person", "Ada", entry=entry.id)
        store.mark_done("log", entry.id)
    code, out, _ = run(capsys, "--store", str(path), "--exercises", FIXTURE_EXERCISES, "status")
    assert code == 0
    sample_row = next(line for line in out.splitlines() if "Sample" in line)
    assert "in progress" in sample_row and "1/3" in sample_row and "33%" in sample_row
    assert "Log: 1 entry, 1 done, last on" in out
    assert "Overall: " in out


def test_store_from_the_environment(capsys, tmp_path, monkeypatch):
    path = tmp_path / "env.json"
    with Store(path) as store:
        store.set_answer("sample", "headline", "x")
    monkeypatch.setenv("WORKBOOK_STORE", str(path))
    code, out, _ = run(capsys, "--exercises", FIXTURE_EXERCISES, "status")
    assert code == 0 and "in progress" in out and f"Workbook: {path}" in out


def test_default_store_is_in_the_user_data_folder(capsys, isolated_home):
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "career-workbook" in out and "workbook.json" in out
    assert not (isolated_home / ".local" / "share" / "career-workbook").exists()


def test_a_corrupt_store_is_one_clear_error(capsys, tmp_path):
    path = tmp_path / "workbook.json"
    path.write_text("{oops")
    code, out, err = run(capsys, "--store", str(path), "status")
    assert code == 1
    assert err.startswith("error: The workbook at") and "left untouched" in err
    assert path.read_text() == "{oops"


def test_bad_exercise_files_are_skipped_with_a_reason(capsys, tmp_path):
    (tmp_path / "bad.toml").write_text("id = ")
    code, out, err = run(capsys, "--store", str(tmp_path / "w.json"), "--exercises", str(tmp_path), "status")
    assert code == 0
    assert "skipped: bad.toml: TOML syntax error" in err


def test_exercises_must_be_a_folder(capsys, tmp_path):
    code, _, err = run(capsys, "--exercises", str(tmp_path / "missing"), "status")
    assert code == 2
    assert "is not a folder" in err


def test_the_user_config_folder_adds_exercises(capsys, isolated_home):
    folder = isolated_home / ".config" / "career-workbook" / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        Path(FIXTURE_EXERCISES, "sample.toml").read_text().replace('id = "sample"', 'id = "mine"')
        .replace('title = "Sample"', 'title = "My own"').replace("sample.headline", "mine.headline"))
    code, out, _ = run(capsys, "status")
    assert code == 0 and "My own" in out


def test_console_script_is_installed():
    # Beside the interpreter running the tests: a venv's bin/ need not be on PATH.
    script = Path(sys.executable).parent / "workbook"
    assert script.exists(), f"no console script at {script}"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workbook {__version__}"
