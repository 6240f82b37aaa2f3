"""The `workbook` command line."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from workbook import __version__, locations
from workbook.cli import main
from workbook.commands import build_parser
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

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"workbook {__version__}"


def test_version_says_where_the_workbook_and_the_exercises_are(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--store", "work.json", "--exercises", FIXTURE_EXERCISES, "--version"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"workbook {__version__}",
        f"workbook file:     {tmp_path / 'work.json'} (not written yet)",
        f"shipped exercises: {locations.shipped_exercises()}",
        f"your exercises:    {locations.config_dir() / 'exercises'} (no such folder yet)",
        f"--exercises:       {Path(FIXTURE_EXERCISES).resolve()}",
    ]
    assert not (tmp_path / "work.json").exists()
    assert main(["--store", str(tmp_path), "--exercises", "nowhere", "--version"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"workbook file:     {tmp_path} (a folder: name a file in it)"
    assert lines[4] == f"--exercises:       {tmp_path / 'nowhere'} (not a folder)"


def test_each_command_s_help_ends_with_examples_of_that_command(capsys):
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        help_text = capsys.readouterr().out
        examples = help_text.split("\nexamples:\n", 1)[1].splitlines()
        commands_shown = [line.strip() for line in examples if line.startswith("  ") and line[2] != " "]
        assert commands_shown, name
        assert all(f"workbook {name}" in shown for shown in commands_shown), name  # `source <(workbook ...)`


def test_python_dash_m_is_the_same_program():
    result = subprocess.run([sys.executable, "-m", "workbook", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == f"workbook {__version__}"


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
    assert result.stdout.splitlines()[0] == f"workbook {__version__}"


# --- the full-screen app needs a terminal -----------------------------------------------------------

def test_without_a_terminal_the_app_says_what_to_use_and_exits(tmp_path):
    # stdin from /dev/null, stdout to a pipe: the app would write escape codes into it and wait for keys.
    result = subprocess.run([sys.executable, "-m", "workbook", "--store", str(tmp_path / "w.json")],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line == ("error: the full-screen app needs a terminal (standard input is not one); try `workbook "
                    "plain` (the questions a line at a time), `workbook status` or `workbook --help`")
    assert not (tmp_path / "w.json").exists()


def test_a_dumb_terminal_is_told_to_use_plain_mode(tmp_path):
    from tests.reliability.terminal import Terminal

    terminal = Terminal("--store", str(tmp_path / "w.json"), env={"TERM": "dumb"})
    try:
        assert terminal.wait_for_exit() == 2
    finally:
        terminal.close()
    assert "error: the full-screen app cannot draw on this terminal (TERM=dumb); try `workbook plain`" \
        in terminal.output
    assert "\x1b[?1049h" not in terminal.output, "it never went full-screen"


# --- options in either place -------------------------------------------------------------------------

def test_global_options_are_taken_after_the_command_too(capsys, tmp_path):
    path = tmp_path / "w.json"
    with Store(path) as store:
        store.set_answer("sample", "headline", "x")
    code, out, err = run(capsys, "status", "--store", str(path), "--exercises", FIXTURE_EXERCISES)
    assert code == 0, err
    assert f"Workbook: {path}" in out and "Sample" in out and "in progress" in out
    # Before and after together: the store named last wins, and the exercise folders add up.
    other = tmp_path / "more"
    other.mkdir()
    sample = Path(FIXTURE_EXERCISES, "sample.toml").read_text()
    (other / "mine.toml").write_text(sample.replace('id = "sample"', 'id = "mine"')
                                     .replace('title = "Sample"', 'title = "Mine"').replace("sample.", "mine."))
    code, out, err = run(capsys, "--store", str(tmp_path / "nope.json"), "--exercises", FIXTURE_EXERCISES,
                         "status", "--store", str(path), "--exercises", str(other))
    assert code == 0, err
    assert f"Workbook: {path}" in out and "Sample" in out and "Mine" in out


# --- --out - is standard output ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["export", "all", "--format", "md"], ["export", "--format", "json"],
                                     ["calendar"], ["prep", "Ada"], ["follow-up", "Ada"]])
def test_out_dash_writes_to_standard_output_what_the_file_would_hold(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "w.json"
    with Store(path) as store:
        store.set_answer("mapping", "strengths", ["Café ✓ society"])
        entry = store.start_entry("conversation")
        store.set_answer("conversation", "person", "Ada Okafor", entry=entry.id)
        store.set_answer("conversation", "date", "2026-12-10", entry=entry.id)
    code, out, err = run(capsys, "--store", str(path), *command, "--out", "-")
    assert code == 0, err
    assert not (tmp_path / "-").exists(), "no file named -"
    code, _, err = run(capsys, "--store", str(path), *command, "--out", str(tmp_path / "file"))
    assert code == 0, err
    written = (tmp_path / "file").read_bytes().decode("utf-8")
    if "json" in command:  # a backup holds the second it was made
        assert json.loads(out)["workbook"] == json.loads(written)["workbook"]
    else:
        assert out == written and "Ada" in out


# --- --json ------------------------------------------------------------------------------------------

@pytest.fixture
def worked(tmp_path):
    path = tmp_path / "w.json"
    with Store(path) as store:
        store.set_answer("sample", "headline", "Café engineer")
        store.set_answer("sample", "todo", [{"text": "Call Zoë", "due": "2026-12-05", "done": False},
                                            {"text": "Write", "due": "", "done": True}])
        entry = store.start_entry("log")
        store.set_answer("log", "person", "Ada", entry=entry.id)
        store.mark_done("log", entry.id)
    return path


def test_status_json(capsys, worked):
    from datetime import datetime

    code, out, err = run(capsys, "--exercises", FIXTURE_EXERCISES, "status", "--json", "--store", str(worked))
    assert code == 0, err
    document = json.loads(out)
    assert document["version"] == 1 and document["store"] == str(worked)
    by_id = {exercise["id"]: exercise for exercise in document["exercises"]}
    sample, log = by_id["sample"], by_id["log"]
    assert {key: sample[key] for key in ("id", "title", "step", "repeatable", "state", "required_answered",
                                         "required_total", "percent")} == {
        "id": "sample", "title": "Sample", "step": 1, "repeatable": False, "state": "in_progress",
        "required_answered": 1, "required_total": 3, "percent": 33}
    assert datetime.fromisoformat(sample["last_worked_on"]).tzinfo is not None
    assert {key: log[key] for key in ("id", "repeatable", "state", "entries", "entries_done")} == {
        "id": "log", "repeatable": True, "state": "in_progress", "entries": 1, "entries_done": 1}
    assert by_id["mapping"]["state"] == "not_started" and by_id["mapping"]["last_worked_on"] is None
    assert 0 < document["overall_percent"] < 33


def test_actions_json(capsys, worked, monkeypatch):
    from datetime import date

    monkeypatch.setattr("workbook.cli.today", lambda: date(2026, 12, 10))
    code, out, err = run(capsys, "--exercises", FIXTURE_EXERCISES, "--store", str(worked), "actions", "--all",
                         "--json")
    assert code == 0, err
    assert "Call Zoë" in out, "characters as themselves, not \\u escapes"
    document = json.loads(out)
    assert document["today"] == "2026-12-10"
    call, write = document["actions"]
    assert call == {"text": "Call Zoë", "due": "2026-12-05", "due_as_written": "2026-12-05", "done": False,
                    "overdue": True, "source": call["source"], "exercise": "sample", "entry": None, "field": "todo",
                    "details": []}
    assert write["done"] is True and write["due"] is None


def test_search_json(capsys, worked):
    from datetime import datetime

    code, out, err = run(capsys, "--exercises", FIXTURE_EXERCISES, "--store", str(worked), "search", "cafe",
                         "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["query"] == "cafe"
    [match] = document["matches"]
    assert {key: match[key] for key in ("kind", "exercise", "entry", "page", "field", "snippet", "spans")} == {
        "kind": "answer", "exercise": "sample", "entry": None, "page": 1, "field": "headline",
        "snippet": "Café engineer", "spans": [[0, 4]]}
    assert "Sample" in match["where"]
    assert datetime.fromisoformat(match["written_at"]).tzinfo is not None


# --- prep and follow-up without a name ---------------------------------------------------------------

@pytest.mark.parametrize("command", ["prep", "follow-up"])
def test_prep_without_a_name_names_the_people_of_the_log(capsys, tmp_path, command):
    path = tmp_path / "w.json"
    code, _, err = run(capsys, "--store", str(path), command)
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("error: name the person of a conversation") and "the conversation log is empty" in line
    with Store(path) as store:
        for person in ("Ada Okafor", "Sam Lee", "Ada Okafor"):
            entry = store.start_entry("conversation")
            store.set_answer("conversation", "person", person, entry=entry.id)
    code, out, err = run(capsys, "--store", str(path), command)
    assert code == 2 and not out
    [line] = err.splitlines()
    assert line == (f"error: name the person of the conversation, or its date (YYYY-MM-DD), e.g. "
                    f"`workbook {command} Ada`; the log has Ada Okafor, Sam Lee")


# --- plain mode from the command line ----------------------------------------------------------------

def test_plain_mode_says_how_to_pick_up_with_the_store_it_used(capsys, tmp_path, monkeypatch):
    from tests.prompts import CTRL_C, typed

    monkeypatch.setattr("workbook.cli.interactive", lambda: True)
    path = tmp_path / "my folder" / "w.json"
    with typed("Curious engineer", "\r", CTRL_C):
        code, out, err = run(capsys, "plain", "sample", "--store", str(path), "--exercises", FIXTURE_EXERCISES)
    assert code == 130
    again = shlex.join(["workbook", "--store", str(path), "--exercises", FIXTURE_EXERCISES, "plain", "sample"])
    assert f"Everything you answered is saved. To pick up here: {again}\n" in out and "'" in again
    with Store(path, readonly=True) as store:
        assert store.answer("sample", "headline") == "Curious engineer"
