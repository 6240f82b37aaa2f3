"""A generator of bad workbooks: valid ones made through the real Store, then one mutation each (a key
dropped, a wrong type, a bad date, deep nesting, a huge number, NaN, a lone surrogate, a wrong schema...).

`outcome` runs one through `workbook import` (or opens it as a hand-edited store) and says how it went:
refused in one line with the folder byte-identical, or accepted with every command working after it.
Anything else fails an assertion or escapes as the traceback it is.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.test_cli import FIXTURE_EXERCISES
from workbook.cli import main
from workbook.export.backup import FORMAT, FORMAT_VERSION
from workbook.store import SCHEMA_VERSION, ResumePoint, Store

START = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)

# What json.dumps cannot write as we want it: put in as a marker string, swapped for the raw text after.
HUGE = "\x00HUGE\x00"
DEEP = "\x00DEEP\x00"
RAW = {json.dumps(HUGE): "9" * 5000, json.dumps(DEEP): "[" * 100_000 + "]" * 100_000}


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)

ANSWERS = {
    "headline": words, "story": words, "review": words, "mood": words,
    "strengths": st.lists(words, max_size=3), "sectors": st.lists(words, max_size=3),
    "cv": st.lists(words, max_size=2), "energy": st.integers(1, 5),
    "skills": st.lists(st.lists(words, min_size=3, max_size=3), max_size=2),
    "todo": st.lists(st.fixed_dictionaries({"text": words, "due": st.sampled_from(["", "2026-12-05"]),
                                            "done": st.booleans()}), max_size=2),
}


@st.composite
def workbooks(draw) -> dict[str, Any]:
    """A workbook as the app writes it: answers of every kind, a changed answer (history), a log entry, an
    answer of an exercise not in the catalog, status, resume point, next step, settings, a sitting."""
    import tempfile

    fields = draw(st.lists(st.sampled_from(sorted(ANSWERS)), min_size=1, unique=True))
    with tempfile.TemporaryDirectory() as folder:
        path, clock = Path(folder) / "workbook.json", Clock()
        with Store(path, clock=clock) as store:
            store.start_sitting()
            for field in fields:
                store.set_answer("sample", field, draw(ANSWERS[field]))
            store.set_answer("gone", "old", draw(st.one_of(words, st.integers(-5, 5), st.lists(words))))
            entry = store.start_entry("log")
            store.set_answer("log", "person", draw(words), entry.id)
            store.set_resume_point(ResumePoint("sample", 1, "energy", cursor=(0, 2)))
            store.add_next_step(draw(words), after="sample")
            store.set_setting("review_months", draw(st.integers(0, 120)))
            if draw(st.booleans()):
                store.mark_done("sample")
        clock.now += timedelta(days=3)
        with Store(path, clock=clock) as store:
            store.set_answer("sample", "headline", draw(words) + "!")
            if draw(st.booleans()):
                store.explain_change("sample", "headline", draw(words))
            if draw(st.booleans()):
                store.start_again("sample")
        return json.loads(path.read_text())


WRONG = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.just(1.5), st.just("x"), st.just(""),
                  st.just([]), st.just(["x"]), st.just({}), st.just({"x": 1}))
BAD_DATES = st.sampled_from(["x", "", "2026-13-01T00:00:00+00:00", "2026-11-01T10:00:00", "2026-11-01",
                             "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
HOSTILE = st.sampled_from([math.nan, math.inf, -math.inf, 10**30, -(10**19), HUGE, DEEP, "\ud800", "a\udfff",
                           [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]])


@st.composite
def mutations(draw, workbook: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(what was done, the backup document, its workbook) after one mutation of `workbook`."""
    data = json.loads(json.dumps(workbook))
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": SCHEMA_VERSION,
                "app_version": "0", "exported_at": START.isoformat(), "workbook": data}
    how = draw(st.sampled_from(["drop", "wrong", "date", "hostile", "hostile key", "schema", "doc id",
                                "unknown key", "unknown table", "extra document", "header"]))
    tables = [name for name in data if data[name]]
    table = draw(st.sampled_from(tables))
    doc_id = draw(st.sampled_from(sorted(data[table])))
    doc = data[table][doc_id]
    key = draw(st.sampled_from(sorted(doc))) if doc else None
    if how == "drop" and key:
        del doc[key]
    elif how == "wrong" and key:
        doc[key] = draw(WRONG)
    elif how == "date":
        doc[draw(st.sampled_from([k for k in doc if k.endswith(("_at", "created"))] or ["updated_at"]))] = \
            draw(BAD_DATES)
    elif how == "hostile" and key:
        doc[key] = draw(HOSTILE)
    elif how == "hostile key":
        doc["\udc00" if draw(st.booleans()) else "ok"] = draw(HOSTILE)
    elif how == "schema":
        meta = next(iter(data["meta"].values()))
        meta["schema_version"] = draw(st.sampled_from([0, -1, "1", 1.0, None, True, SCHEMA_VERSION + 1]))
    elif how == "doc id":
        data[table][draw(st.sampled_from(["x", "01", "-1", "1.0", " 7", "1" * 40]))] = data[table].pop(doc_id)
    elif how == "unknown key":
        doc["later"] = draw(WRONG)
    elif how == "unknown table":
        data[draw(st.sampled_from(["passwords", "_default"]))] = {"1": {"x": 1}}
    elif how == "extra document":
        data[table][str(10_000)] = draw(st.one_of(WRONG, st.just(dict(doc))))
    elif how == "header":
        document[draw(st.sampled_from(["format_version", "schema_version"]))] = \
            draw(st.sampled_from([0, -1, "2", "1", None, 2, 10**40, 1.5]))
    return f"{how} {table} {key}", document, data


def dumps(value: Any) -> str:
    text = json.dumps(value)
    for marker, raw in RAW.items():
        text = text.replace(marker, raw)
    return text


def folder_state(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if not path.name.endswith(".lock")}


def cli(capsys, store: Path, *argv: str) -> tuple[int, str]:
    code = main(["--store", str(store), "--exercises", FIXTURE_EXERCISES, *argv])
    _, err = capsys.readouterr()
    return code, err


def assert_refused(code: int, err: str, before: dict[str, bytes], folder: Path) -> None:
    assert code == 1, err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert folder_state(folder) == before, "a refusal changed the store's folder"


def assert_usable(capsys, store: Path) -> None:
    """Every command that reads the workbook works on it, and it opens for writing."""
    out = store.parent / "out"
    for argv in (["status"], ["export", "all", "--format", "md", "--out", str(out / "all.md"), "--overwrite"],
                 ["export", "--format", "json", "--out", str(out / "backup.json"), "--overwrite"]):
        code, err = cli(capsys, store, *argv)
        assert code == 0, (argv, err)
    Store(store).close()


def import_outcome(capsys, folder: Path, document: dict[str, Any], *, existing: dict[str, Any] | None) -> str:
    """"refused" or "accepted": `workbook import` of the document into a new store, or over `existing`."""
    store = folder / "data" / "workbook.json"
    store.parent.mkdir(parents=True)
    if existing is not None:
        store.write_text(json.dumps(existing))
    backup = folder / "backup.json"
    backup.write_text(dumps(document))
    before = folder_state(store.parent)
    code, err = cli(capsys, store, "import", str(backup), "--replace")
    if code != 0:
        assert_refused(code, err, before, store.parent)
        return "refused"
    # What was accepted is kept exactly: NaN once came back as null.
    assert json.loads(store.read_bytes()) == json.loads(dumps(document["workbook"]))
    assert_usable(capsys, store)
    return "accepted"


def open_outcome(capsys, folder: Path, data: dict[str, Any]) -> str:
    """"refused" or "accepted": the workbook written as a hand-edited store, then used."""
    store = folder / "data" / "workbook.json"
    store.parent.mkdir(parents=True)
    store.write_text(dumps(data))
    before = folder_state(store.parent)
    code, err = cli(capsys, store, "status")
    if code != 0:
        assert any(advice in err for advice in ("newest backup", "no backup", "newer Career Workbook")), err
        assert_refused(code, err, before, store.parent)
        return "refused"
    assert_usable(capsys, store)
    return "accepted"
