"""`workbook export` and `workbook import` from the shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.prompts import DOWN, ENTER, SPACE, typed
from tests.test_cli import FIXTURE_EXERCISES, run
from tests.test_export import fill_sample
from workbook.cli import build_parser
from workbook.export_cli import run as run_export
from workbook.store import SCHEMA_VERSION, Store


@pytest.fixture
def filled(store_path: Path) -> Path:
    with Store(store_path) as store:
        fill_sample(store)
    return store_path


def cli(capsys, store: Path, *argv: str):
    return run(capsys, "--store", str(store), "--exercises", FIXTURE_EXERCISES, *argv)


def test_export_writes_the_named_exercise_to_the_documents_folder(capsys, filled, isolated_home):
    code, out, err = cli(capsys, filled, "export", "sample", "--format", "md")
    files = list((isolated_home / "Documents").iterdir())
    assert code == 0, err
    assert len(files) == 1 and files[0].name.startswith("sample-") and files[0].suffix == ".md"
    assert f"Wrote Sample to {files[0]}" in out
    assert "Curious engineer" in files[0].read_text()
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"


def test_export_never_overwrites_without_overwrite(capsys, filled, tmp_path):
    target = tmp_path / "out" / "mine.html"
    target.parent.mkdir()
    target.write_text("precious")
    code, _, err = cli(capsys, filled, "export", "sample", "--format", "html", "--out", str(target))
    assert code == 1
    assert f"{target} already exists; choose another --out or add --overwrite" in err
    assert target.read_text() == "precious"
    code, _, _ = cli(capsys, filled, "export", "sample", "--format", "html", "--out", str(target), "--overwrite")
    assert code == 0 and target.read_text().startswith("<!DOCTYPE html>")
    code, out, _ = cli(capsys, filled, "export", "all", "--format", "txt", "--out", str(target.parent))
    assert code == 0 and "Career Workbook" in out
    assert any(p.suffix == ".txt" for p in target.parent.iterdir())


def test_out_keeps_what_was_typed_a_folder_made_for_a_trailing_slash_and_dot_slash_dash_a_file(
        capsys, filled, tmp_path, monkeypatch):
    """Path dropped both: `worksheets/` became a file named worksheets, `./-` standard output."""
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, filled, "export", "sample", "--format", "md", "--out", "worksheets/")
    assert code == 0, err
    [written] = (tmp_path / "worksheets").iterdir()
    assert written.name.startswith("sample-") and "Curious engineer" in written.read_text()
    code, out, err = cli(capsys, filled, "export", "sample", "--format", "txt", "--out", "./-")
    assert code == 0, err
    assert "Curious engineer" in (tmp_path / "-").read_text() and "Curious engineer" not in out
    code, out, _ = cli(capsys, filled, "export", "sample", "--format", "txt", "--out", "-")
    assert code == 0 and "Curious engineer" in out


def test_store_and_out_expand_a_tilde_the_shell_left_alone(capsys, filled, isolated_home, tmp_path, monkeypatch):
    """`--store=~/x.json`: no shell expands a ~ after =, and a folder named ~ appeared in the current one."""
    monkeypatch.chdir(tmp_path)
    filled.replace(isolated_home / "mine.json")
    code, _, err = run(capsys, "--store=~/mine.json", "--exercises", FIXTURE_EXERCISES, "export", "sample",
                       "--format", "md", "--out=~/sheet.md")
    assert code == 0, err
    assert "Curious engineer" in (isolated_home / "sheet.md").read_text()
    assert not (tmp_path / "~").exists()


def test_without_a_terminal_the_export_never_prompts_and_says_what_is_missing(capsys, filled, monkeypatch):
    monkeypatch.setenv("CI", "true")
    code, _, err = cli(capsys, filled, "export")
    assert code == 1 and "name what to export, e.g. `workbook export planning --format md`" in err
    code, _, err = cli(capsys, filled, "export", "sample")
    assert code == 1 and "choose a format with --format md, html, txt, json or ics" in err
    code, _, err = cli(capsys, filled, "export", "sample", "--format", "json")
    assert code == 1 and "a JSON backup always holds the whole workbook" in err
    code, _, err = cli(capsys, filled, "export", "nope", "--format", "md")
    assert code == 1 and "there is no exercise 'nope'" in err


def test_the_real_command_without_a_terminal_exits_at_once(filled, isolated_home):
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "--store", str(filled), "export"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        env={**os.environ, "HOME": str(isolated_home)},
    )
    assert result.returncode == 1
    assert "name what to export" in result.stderr


def test_in_a_terminal_export_asks_for_what_is_missing(filled, tmp_path):
    from rich.console import Console

    args = build_parser().parse_args(["export"])
    target = tmp_path / "asked" / "sheet.md"
    out = Console(record=True, width=200)
    # Tick the first choice (Sample), take Markdown, type the path.
    with typed(SPACE, ENTER, ENTER, "\x15" * 3, "\x0b", str(target), ENTER):
        code = run_export(_catalog(), filled, args, out, out, asking=True)
    assert code == 0, out.export_text()
    assert target.read_text().startswith("# Sample")
    # Asked again for the same path: keep both writes a second file beside it.
    with typed(SPACE, ENTER, ENTER, "\x15" * 3, str(target), ENTER, ENTER):
        code = run_export(_catalog(), filled, args, out, out, asking=True)
    assert code == 0
    assert (target.parent / "sheet-2.md").exists()
    # ... and replace overwrites it (the second choice).
    target.write_text("old")
    with typed(SPACE, ENTER, ENTER, "\x15" * 3, str(target), ENTER, DOWN, ENTER):
        code = run_export(_catalog(), filled, args, out, out, asking=True)
    assert code == 0 and target.read_text().startswith("# Sample")


def _catalog():
    from workbook.exercises import load_catalog

    return load_catalog([Path(FIXTURE_EXERCISES)])


# --- import ----------------------------------------------------------------------------


def test_import_restores_a_backup_and_refuses_to_overwrite_answers(capsys, filled, tmp_path):
    backup = tmp_path / "backup.json"
    code, _, err = cli(capsys, filled, "export", "--format", "json", "--out", str(backup))
    assert code == 0, err
    fresh = tmp_path / "fresh" / "workbook.json"
    code, out, err = cli(capsys, fresh, "import", str(backup))
    assert code == 0, err
    assert "Restored 10 answers and 0 log entries" in out
    with Store(fresh, readonly=True) as restored, Store(filled, readonly=True) as original:
        assert restored.dump() == original.dump()

    with Store(fresh) as store:
        store.set_answer("sample", "headline", "Changed after the backup")
    code, _, err = cli(capsys, fresh, "import", str(backup))
    assert code == 1 and "already holds answers; add --replace" in err
    code, out, _ = cli(capsys, fresh, "import", str(backup), "--replace")
    assert code == 0 and "The workbook it replaced is kept at" in out
    [kept] = fresh.parent.glob("workbook.json.before-import-*")
    assert "Changed after the backup" in kept.read_text()
    with Store(fresh, readonly=True) as store:
        assert store.answer("sample", "headline") == "Curious engineer"


def test_import_refuses_a_newer_backup_and_leaves_the_store_alone(capsys, filled, tmp_path):
    backup = tmp_path / "newer.json"
    cli(capsys, filled, "export", "--format", "json", "--out", str(backup))
    document = json.loads(backup.read_text())
    document["schema_version"] = SCHEMA_VERSION + 1
    backup.write_text(json.dumps(document))
    before = filled.read_bytes()
    code, _, err = cli(capsys, filled, "import", str(backup), "--replace")
    assert code == 1 and "was made by a newer Career Workbook" in err
    assert filled.read_bytes() == before


def test_import_while_the_app_holds_the_store_is_refused(capsys, filled, tmp_path):
    backup = tmp_path / "b.json"
    cli(capsys, filled, "export", "--format", "json", "--out", str(backup))
    with Store(filled):
        code, _, err = cli(capsys, filled, "import", str(backup), "--replace")
    assert code == 1 and "already open in another window" in err



def test_a_backup_of_a_workbook_never_written_imports(capsys, tmp_path):
    # A read-only open of a new path has no meta table: its backup was refused on import as "damaged".
    backup = tmp_path / "backup.json"
    code, _, err = run(capsys, "--store", str(tmp_path / "new.json"), "export", "--format", "json", "--out",
                       str(backup))
    assert code == 0, err
    code, out, err = run(capsys, "--store", str(tmp_path / "other.json"), "import", str(backup))
    assert code == 0, err
    assert "Restored 0 answers" in out
