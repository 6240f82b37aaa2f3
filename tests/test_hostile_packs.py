"""Exercise packs written by someone else: every string in them is text, never markup or a terminal command,
ids are checked whole, and a file too deep, too big or starting with a BOM gets one line, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.exercises import load_catalog, load_file

HOSTILE = [
    "[/]",
    "[bold]x",
    "[link=file:///etc/passwd]x",
    "[@click=app.quit]hi",
    "Junior [L3]",
    "zero\u200bwidth",
    "\u202eevil",
]
"""Strings a pack may hold and that must be shown exactly as written (an ESC is refused on loading)."""
ESC = "\x1b[31mred\x1b]0;PWNED\x07"


def pack(title: str = "Pack", *, page_title: str = "Page", label: str = "Label", help: str = "Help",
         options: tuple[str, ...] = ("One", "Two"), items: tuple[str, ...] = ("Tick",),
         columns: tuple[str, ...] = ("Column",), exercise_id: str = "pack", kind: str = "choice",
         step: int = 1, question: str = "Why?", intro: str = "Intro.") -> str:
    """A small exercise file holding the given strings where a pack author writes them."""
    q = json.dumps  # a JSON string is a TOML basic string
    return f"""
id = {q(exercise_id)}
step = {step}
title = {q(title)}
question = {q(question)}
intro = {q(intro)}

[[pages]]
id = "page"
title = {q(page_title)}
guidance = "Guidance."

  [[pages.fields]]
  id = "pick"
  kind = {q(kind)}
  label = {q(label)}
  help = {q(help)}
  options = {json.dumps(list(options))}

  [[pages.fields]]
  id = "ticks"
  kind = "checklist"
  label = "Ticks"
  items = {json.dumps(list(items))}

  [[pages.fields]]
  id = "grid"
  kind = "table"
  label = "Grid"
  columns = {json.dumps(list(columns))}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- the command line shows a pack's strings as written -------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_status_shows_a_title_as_written(capsys, tmp_path, store_path, text) -> None:
    write(tmp_path / "pack", "pack.toml", pack(title=text))
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(tmp_path / "pack"), "status")
    assert code == 0, err
    assert text in out and not err


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("place", ["kind", "key", "id", "file name"])
def test_an_error_message_quotes_a_pack_string_as_written(capsys, tmp_path, store_path, text, place) -> None:
    body = pack()
    if place == "kind":
        body = pack(kind=text)
    elif place == "key":
        body += f"\n{json.dumps(text)} = 1\n"
    elif place == "id":
        body = pack(exercise_id=text)
    name = f"{text}.toml" if place == "file name" else "pack.toml"
    if place == "file name":
        body += "\nbroken = \n"
    folder = tmp_path / "pack"
    write(folder, name.replace("/", "_"), body)
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(folder), "status")
    assert code == 0
    [line] = [line for line in err.splitlines() if line.startswith("skipped: ")]
    # A file name as it is; a value quoted with repr (which spells out \u200b and \u202e).
    shown = text.replace("/", "_") if place == "file name" else repr(text)
    assert shown in line, line


def test_an_escape_sequence_in_a_file_name_is_shown_as_symbols(capsys, tmp_path, store_path) -> None:
    folder = tmp_path / "pack"
    write(folder, f"{ESC}.toml", "broken = \n")
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(folder), "status")
    assert code == 0
    assert "\x1b" not in err and "\x07" not in err
    assert "␛[31mred␛]0;PWNED␇.toml: TOML syntax error" in err


def test_an_escape_sequence_in_a_title_is_refused_in_one_line(capsys, tmp_path, store_path) -> None:
    write(tmp_path / "pack", "pack.toml", pack(title=ESC))
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(tmp_path / "pack"), "status")
    assert code == 0 and "\x1b" not in out + err
    assert "title holds a control character (U+001B)" in err


# --- ids are checked whole ---------------------------------------------------------------


@pytest.mark.parametrize("bad", ["note\n", "../x", "\u0440age", "pa\u200bge", "Page", "1page", "-x", ""])
@pytest.mark.parametrize("place", ["exercise", "page", "field"])
def test_an_id_must_be_ascii_lower_case_throughout(tmp_path, bad, place) -> None:
    body = pack()
    if place == "exercise":
        body = pack(exercise_id=bad)
    elif place == "page":
        body = body.replace('id = "page"', f"id = {json.dumps(bad)}")
    else:
        body = body.replace('id = "pick"', f"id = {json.dumps(bad)}")
    exercise, errors = load_file(write(tmp_path, "pack.toml", body))
    assert exercise is None
    assert len(errors) == 1
    assert "must be lower-case letters, digits, - or _, starting with a letter" in str(errors[0])


@pytest.mark.parametrize("good", ["a", "mapping", "step-2_b", "x9"])
def test_good_ids_still_load(tmp_path, good) -> None:
    exercise, errors = load_file(write(tmp_path, "pack.toml", pack(exercise_id=good)))
    assert not errors and exercise is not None and exercise.id == good


# --- files too deep, too big, or with a BOM --------------------------------------------------


@pytest.mark.parametrize("nesting", ["table", "array"])
def test_deep_nesting_is_one_line(capsys, tmp_path, store_path, nesting) -> None:
    depth = 5000
    deep = "{a = " * depth + "1" + "}" * depth if nesting == "table" else "[" * depth + "]" * depth
    write(tmp_path / "pack", "deep.toml", f"id = \"deep\"\nx = {deep}\n")
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(tmp_path / "pack"), "status")
    assert code == 0
    assert err.splitlines() == ["skipped: deep.toml: is nested too deeply to read; a pack needs only a few "
                                "levels of tables and lists"]


def test_a_file_over_a_megabyte_is_one_line(capsys, tmp_path, store_path) -> None:
    body = pack() + f'\n# {"x" * (1 << 20)}\n'
    write(tmp_path / "pack", "big.toml", body)
    code, out, err = run(capsys, "--store", str(store_path), "--exercises", str(tmp_path / "pack"), "status")
    assert code == 0
    assert err.splitlines() == ["skipped: big.toml: is larger than 1 MB; an exercise file is a few kilobytes"]


def test_a_utf8_bom_is_accepted(tmp_path) -> None:
    path = tmp_path / "pack.toml"
    path.write_bytes(b"\xef\xbb\xbf" + pack(title="Caf\u00e9").encode())
    catalog = load_catalog([tmp_path])
    assert not catalog.errors
    assert catalog.get("pack").title == "Caf\u00e9"
