"""Each bad backup the hostile-input corpus found mishandled: refused in one line naming the place, the store's
folder byte-identical; a restore that fails halfway leaves nothing; a hand-edited store says what is wrong."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.test_cli import FIXTURE_EXERCISES
from tests.test_export import fill_sample
from workbook.checks import workbook_problem
from workbook.cli import build_app, main
from workbook.export.backup import read_backup
from workbook.storage import StoreWriteError, backup_path
from workbook.store import Store
from workbook.tui.screens.problem import StoreProblemApp


def cli(capsys, store: Path, *argv: str) -> tuple[int, str]:
    code = main(["--store", str(store), "--exercises", FIXTURE_EXERCISES, *argv])
    return code, capsys.readouterr().err


@pytest.fixture
def backup(tmp_path: Path, capsys) -> dict:
    """A good backup's document, to spoil one place of."""
    with Store(tmp_path / "good" / "workbook.json") as store:
        fill_sample(store)
        store.start_entry("log")
    path = tmp_path / "good.json"
    assert cli(capsys, tmp_path / "good" / "workbook.json", "export", "--format", "json", "--out", str(path))[0] == 0
    return json.loads(path.read_text())


def first(document: dict, table: str) -> dict:
    return next(iter(document["workbook"][table].values()))


def answer(document: dict, field: str) -> dict:
    return next(doc for doc in document["workbook"]["answers"].values() if doc["field"] == field)


def nested(depth: int) -> list:
    value: list = ["x"]
    for _ in range(depth - 1):
        value = [value]
    return value


SPOILED = {
    "an answer without exercise": (lambda d: first(d, "answers").pop("exercise"),
                                   "answers, document 1: the key 'exercise' is missing"),
    "an answer without entry": (lambda d: first(d, "answers").pop("entry"), "the key 'entry' is missing"),
    "an answer without field": (lambda d: first(d, "answers").pop("field"), "the key 'field' is missing"),
    "updated_at not a date": (lambda d: first(d, "answers").update(updated_at="last Tuesday"),
                              "answers, document 1, updated_at: must be a date and time"),
    "a date without its offset": (lambda d: first(d, "answers").update(updated_at="2026-11-01T10:00:00"),
                                  "updated_at: must be a date and time with its offset"),
    "a list where a string belongs": (lambda d: answer(d, "headline").update(value=["a", "b"]),
                                      "answers, document 1, value: a line answer must be text, not list"),
    "created_at: x": (lambda d: first(d, "entries").update(created_at="x"), "entries, document 1, created_at"),
    "a scale out of range": (lambda d: answer(d, "energy").update(value=9), "a scale answer must be from 1 to 5"),
    "schema 0": (lambda d: (d.update(schema_version=0), first(d, "meta").update(schema_version=0)),
                 "has no schema version"),
    "schema -1": (lambda d: (d.update(schema_version=-1), first(d, "meta").update(schema_version=-1)),
                  "has no schema version"),
    "format_version '2'": (lambda d: d.update(format_version="2"), "has no format version"),
    "a lone surrogate": (lambda d: answer(d, "story").update(value="half \ud800 a character"),
                         "answers, document 2: text holding a lone surrogate"),
    "a key of a lone surrogate": (lambda d: first(d, "answers").update({"\udc80": 1}), "a key that is not text"),
    "NaN": (lambda d: answer(d, "energy").update(value=math.nan), "answers, document 6: NaN or Infinity"),
    "Infinity under a key of a later version": (lambda d: first(d, "answers").update(later=-math.inf),
                                                "answers, document 1: NaN or Infinity"),
    "a huge integer in a status": (lambda d: first(d, "state").update(page=10**40), "a number too large"),
    "nesting 40 deep": (lambda d: answer(d, "story").update(value=nested(40)), "nested more than 32 levels deep"),
    "a document id that is not a number": (lambda d: d["workbook"]["answers"].update(x=first(d, "answers")),
                                           "answers has a document id that is not a whole number"),
    "a resume page of text": (lambda d: d["workbook"]["state"].update({"99": {
                                  "kind": "resume", "exercise": "sample", "page": "2", "field": None, "entry": None}}),
                              "state, document 99, page: must be a whole number, not text"),
}

RAW = {
    "a 5,000-digit integer": ('"value": 4', '"value": ' + "4" * 5000, "not valid JSON (ValueError)"),
    "nesting 100,000 deep": ('"value": 4', '"value": ' + "[" * 100_000 + "]" * 100_000,
                             "not valid JSON (RecursionError)"),
}


def assert_refused_untouched(capsys, store: Path, backup_file: Path, expected: str) -> None:
    before = {path.name: path.read_bytes() for path in store.parent.iterdir()}
    code, err = cli(capsys, store, "import", str(backup_file), "--replace")
    assert code == 1
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert expected in err, err
    assert {path.name: path.read_bytes() for path in store.parent.iterdir()} == before


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    store = tmp_path / "data" / "workbook.json"
    with Store(store) as opened:
        opened.set_answer("sample", "headline", "Mine, not the backup's")
    return store


@pytest.mark.parametrize("name", SPOILED)
def test_a_spoiled_backup_is_refused_in_one_line_naming_the_place(capsys, tmp_path, backup, filled, name):
    spoil, expected = SPOILED[name]
    spoil(backup)
    backup_file = tmp_path / "spoiled.json"
    backup_file.write_text(json.dumps(backup))
    assert_refused_untouched(capsys, filled, backup_file, expected)
    fresh = tmp_path / "fresh" / "workbook.json"
    assert cli(capsys, fresh, "import", str(backup_file))[0] == 1
    assert not fresh.parent.exists(), "a refused import into a new store creates nothing"


@pytest.mark.parametrize("name", RAW)
def test_a_backup_json_cannot_parse_is_refused_in_one_line(capsys, tmp_path, backup, filled, name):
    old, new, expected = RAW[name]
    text = json.dumps(backup)
    assert old in text
    backup_file = tmp_path / "spoiled.json"
    backup_file.write_text(text.replace(old, new, 1))
    assert_refused_untouched(capsys, filled, backup_file, expected)


def test_answers_of_exercises_and_fields_not_in_the_catalog_are_kept_as_they_are(capsys, tmp_path, backup, filled):
    first(backup, "answers").update(exercise="gone", value={"any": ["shape"]})
    answer(backup, "story").update(field="renamed", value=7)
    backup_file = tmp_path / "unknown.json"
    backup_file.write_text(json.dumps(backup))
    code, err = cli(capsys, filled, "import", str(backup_file), "--replace")
    assert code == 0, err
    with Store(filled, readonly=True) as store:
        assert store.answer("gone", "headline") == {"any": ["shape"]}
        assert store.answer("sample", "renamed") == 7
    for argv in (["status"], ["export", "all", "--format", "md", "--out", str(tmp_path / "a.md")]):
        assert cli(capsys, filled, *argv)[0] == 0


def test_a_restore_whose_save_fails_leaves_nothing_behind(tmp_path, backup, filled, monkeypatch):
    """Memory is put back: closing the store (as `with` does) saves none of the backup, and the copy of the
    replaced file made for the import is gone with it."""
    backup_file = tmp_path / "good.json"
    backup_file.write_text(json.dumps(backup))
    data = read_backup(backup_file)
    before = {path.name: path.read_bytes() for path in filled.parent.iterdir()}

    def failing_write(self, content):
        raise StoreWriteError(self.path, OSError(28, "No space left on device"))

    with Store(filled) as store:
        monkeypatch.setattr("workbook.storage.AtomicStorage._write", failing_write)
        with pytest.raises(StoreWriteError):
            store.restore(data)
        monkeypatch.undo()
        assert store.answer("sample", "headline") == "Mine, not the backup's"
        assert not store.unsaved
    after = {path.name: path.read_bytes() for path in filled.parent.iterdir()}
    assert after == before


def test_a_restore_of_bad_tables_raises_before_anything_changes(filled):
    with Store(filled) as store:
        with pytest.raises(Exception, match="cannot be restored .*answers, document 1: the key 'field' is missing"):
            store.restore({"meta": {"1": {"schema_version": 1}},
                           "answers": {"1": {"exercise": "sample", "entry": None, "value": "x",
                                             "updated_at": "2026-11-01T10:00:00+00:00"}}})
        assert store.answer("sample", "headline") == "Mine, not the backup's" and not store.unsaved
    assert list(filled.parent.glob("*.before-import-*")) == []


def hand_edit(store: Path, change) -> bytes:
    data = json.loads(store.read_text())
    change(data)
    store.write_text(json.dumps(data))
    return store.read_bytes()


def test_a_hand_edited_store_gets_one_line_naming_the_newest_backup(capsys, filled):
    with Store(filled) as store:  # a second sitting's save keeps the first as backup 1
        store.set_answer("sample", "story", "More")
    content = hand_edit(filled, lambda data: data["answers"]["1"].update(updated_at=["not", "a", "date"]))
    for argv in (["status"], ["export", "all", "--format", "md"], ["actions"], ["search", "x"]):
        code, err = cli(capsys, filled, *argv)
        assert code == 1 and len(err.strip().splitlines()) == 1, err
        assert "answers, document 1, updated_at: must be a date and time" in err
        assert f"the newest backup is {backup_path(filled, 1)}" in err
    assert filled.read_bytes() == content


async def test_the_app_shows_a_hand_edited_store_s_problem(shipped_catalog, filled):
    content = hand_edit(filled, lambda data: data["answers"]["1"].pop("exercise"))
    app, store = build_app(shipped_catalog, filled)
    assert store is None and isinstance(app, StoreProblemApp)
    async with app.run_test(size=(100, 24)) as pilot:
        assert "the key 'exercise' is missing" in str(app.query_one("#problem-message", Static).render())
        await pilot.press("enter")
    assert filled.read_bytes() == content


def test_the_messages_name_places_never_what_was_written():
    secret = "MY-SECRET-ANSWER"
    data = {"meta": {"1": {"schema_version": 1}},
            "answers": {"1": {"exercise": secret, "entry": None, "field": secret, "value": secret,
                              "updated_at": secret}}}
    problem = workbook_problem(data)
    assert problem == ("answers, document 1, updated_at: must be a date and time with its offset, "
                       "e.g. 2026-11-01T10:00:00+00:00")
    data["answers"]["1"]["updated_at"] = "2026-11-01T10:00:00+00:00"
    data[secret] = {"1": 5}
    assert workbook_problem(data) == "(unknown), document 1 must be a table of keys, not a number"


async def test_a_hand_edited_answer_that_does_not_fit_its_field_is_named_at_open(capsys, sample_catalog, filled):
    """Rows of numbers in a table answer crashed every export and search; now the store says where it is."""
    with Store(filled) as store:
        store.set_answer("sample", "skills", [["Python", "3", "5"]])
    content = hand_edit(filled, lambda data: data["answers"]["2"].update(value=[1, 2]))
    for argv in (["status"], ["export", "all", "--format", "md"], ["search", "x"]):
        code, err = cli(capsys, filled, *argv)
        assert code == 1 and len(err.strip().splitlines()) == 1, err
        assert "answers, document 2, value: row 1 of a table answer must be a list of cells" in err
    app, store = build_app(sample_catalog, filled)
    assert store is None and isinstance(app, StoreProblemApp)
    assert filled.read_bytes() == content
