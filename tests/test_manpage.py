"""The man page is made from the parser (man/make.py), is up to date with it, renders with `man -l`, and
ships: in the sdist as the page and its script, in the wheel where `share/man/man1` goes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from workbook.commands import EXAMPLES, build_parser

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "man" / "workbook.1"


def test_the_man_page_is_the_one_the_parser_makes_now(tmp_path):
    """Made in a wide terminal too: argparse wraps to the terminal's width, and the page changed with it."""
    fresh = tmp_path / "workbook.1"
    made = subprocess.run([sys.executable, str(ROOT / "man" / "make.py"), "--out", str(fresh)],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert made.returncode == 0, made.stderr
    assert fresh.read_text() == PAGE.read_text(), "the commands changed: run `python man/make.py`"


def rendered(page: Path) -> str:
    env = {**os.environ, "MANWIDTH": "100", "LC_ALL": "C.UTF-8", "MAN_KEEP_FORMATTING": ""}
    if shutil.which("man"):
        command = ["man", "--warnings", "-P", "cat", "-l", str(page)]
    elif shutil.which("groff"):
        command = ["groff", "-man", "-Tutf8", "-ww", str(page)]
    else:
        pytest.skip("neither man nor groff is installed")
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # groff warns of a macro or escape it cannot read
    # Bold and underline are drawn by overstriking (x\bx, _\bx): read the letters.
    text = result.stdout
    while "\b" in text:
        at = text.index("\b")
        text = text[:at - 1] + text[at + 1:]
    return text


def test_man_l_renders_every_command_and_example():
    text = rendered(PAGE)
    assert text.startswith("WORKBOOK(1)")
    for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "THE APP", "EXAMPLES", "FILES",
                    "ENVIRONMENT", "EXIT STATUS"):
        assert f"\n{heading}\n" in text, heading
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"COMMAND 'workbook {name}'" in text, name
    for rows in EXAMPLES.values():
        for example, _ in rows:
            assert example in text, example  # quotes and hyphens come through as typed
    assert "workbook - guided exercises for managing your career" in text


def test_the_man_page_ships_in_the_sdist_and_the_wheel(tmp_path):
    built = subprocess.run([sys.executable, "-m", "hatchling", "build", "-d", str(tmp_path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    [sdist] = tmp_path.glob("career_workbook-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {str(Path(*Path(name).parts[1:])) for name in archive.getnames()}
    assert {"man/workbook.1", "man/make.py"} <= names
    [wheel] = tmp_path.glob("career_workbook-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        [page] = [name for name in archive.namelist() if name.endswith("/share/man/man1/workbook.1")]
        assert archive.read(page) == PAGE.read_bytes()
