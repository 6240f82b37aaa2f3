"""Every repeatable exercise is a log: its key and noun in its file, a new entry's date, its status on the
command line, its export, and a recall of one of its fields listing every entry's answer, newest first."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from tests.test_cli import run
from workbook.answers import Writer
from workbook.exercises import load_catalog
from workbook.export.markdown import render_markdown
from workbook.export.text import render_text
from workbook.export.worksheet import gather
from workbook.habits import log_exercise, log_status
from workbook.locations import shipped_exercises
from workbook.logs import entry_defaults, log_answers, log_text
from workbook.store import Store

LOG = """
id = "{id}"
title = "Tea log"
intro = "One entry per cup."
repeatable = true
{keys}

[[pages]]
id = "cup"
title = "Cup"

  [[pages.fields]]
  id = "date"
  kind = "date"
  label = "When"
  {date_keys}

  [[pages.fields]]
  id = "kind"
  kind = "line"
  label = "Which tea?"
"""

STEP = """
id = "reader"
step = 1
title = "Reader"
intro = "Reads the tea log."

[[pages]]
id = "look"
title = "Look"

  [[pages.fields]]
  id = "{kind}"
  kind = "{kind}"
  label = "What the log says"
  {reference}
"""


def pack(folder: Path, *files: tuple[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def tea(name: str = "tea", keys: str = 'key = "t"\nnoun = "cup"', date_keys: str = 'default = "today"') -> str:
    return LOG.format(id=name, keys=keys, date_keys=date_keys)


def problems(tmp_path: Path, *files: tuple[str, str]) -> list[str]:
    return [str(error) for error in load_catalog([pack(tmp_path / "pack", *files)]).errors]


# --- the file names the log's key and noun -----------------------------------------------------------------


def test_a_log_names_its_key_noun_and_a_date_that_starts_as_today(tmp_path):
    catalog = load_catalog([pack(tmp_path / "pack", ("tea.toml", tea()))])
    assert not catalog.errors
    log = catalog.get("tea")
    assert (log.key, log.noun) == ("t", "cup")
    assert entry_defaults(log, date(2026, 12, 2)) == {"date": "2026-12-02"}


@pytest.mark.parametrize("keys, expected", [
    ('key = "e"', "key 'e' is taken by home (a, e, y are); choose another letter"),
    ('key = "tt"', "key 'tt' must be one lower-case letter"),
    ('key = "T"', "key 'T' must be one lower-case letter"),
    ('key = "7"', "key '7' must be one lower-case letter"),
    ('noun = " "', "noun is empty; name one entry"),
])
def test_a_bad_key_or_noun_is_refused_with_what_to_write(tmp_path, keys, expected):
    [problem] = problems(tmp_path, ("tea.toml", tea(keys=keys)))
    assert problem.startswith("tea.toml: ") and expected in problem


def test_key_and_noun_belong_to_a_log(tmp_path):
    text = tea(keys='key = "t"\nnoun = "cup"').replace("repeatable = true", "repeatable = false")
    assert problems(tmp_path, ("tea.toml", text)) == [
        "tea.toml: key is only for a log (repeatable = true); remove key",
        "tea.toml: noun is only for a log (repeatable = true); remove noun",
    ]


def test_two_logs_with_one_key_keep_the_first(tmp_path):
    catalog = load_catalog([pack(tmp_path / "pack", ("a.toml", tea("tea")), ("b.toml", tea("coffee")))])
    assert [exercise.id for exercise in catalog] == ["tea"]
    assert [str(error) for error in catalog.errors] == [
        "b.toml: key 't' already opens the log in a.toml; give this log a letter of its own, or leave key out"]


def test_the_shipped_logs_do_not_share_a_key_with_each_other_or_home():
    catalog = load_catalog([shipped_exercises()])
    assert {log.id: log.key for log in catalog if log.repeatable} == {"conversation": "c", "energy": "j"}


def test_a_date_default_is_today_or_nothing(tmp_path):
    [problem] = problems(tmp_path, ("tea.toml", tea(date_keys='default = "tomorrow"')))
    assert "field 'date': default can only be \"today\"" in problem


def test_a_compose_cannot_name_another_log_s_answer_but_a_recall_can(tmp_path):
    compose = STEP.format(kind="compose", reference='template = "Tea: {tea.kind}"')
    catalog = load_catalog([pack(tmp_path / "pack", ("tea.toml", tea()), ("reader.toml", compose))])
    assert "reader" not in catalog
    assert "'tea.kind' is an answer of a log, one per entry; show it with a recall field" in str(catalog.errors[0])
    recall = STEP.format(kind="recall", reference='source = "tea.kind"')
    assert "reader" in load_catalog([pack(tmp_path / "other", ("tea.toml", tea()), ("reader.toml", recall))])


def test_the_conversation_log_is_the_log_with_stages():
    catalog = load_catalog([shipped_exercises()])
    assert log_exercise(catalog).id == "conversation"  # not the energy log, whatever the order


# --- a recall of a log -------------------------------------------------------------------------------------


@pytest.fixture
def shipped():
    return load_catalog([shipped_exercises()])


def note(store: Store, day: str, made_it: str, direction: str = "Up") -> None:
    entry = store.start_entry("energy").id
    for field, value in [("date", day), ("doing", "Work"), ("direction", direction), ("what_made_it", made_it)]:
        store.set_answer("energy", field, value, entry=entry)


def test_a_recall_of_a_log_lists_each_entry_newest_by_its_date(shipped, store_path):
    with Store(store_path) as store:
        note(store, "2026-12-02", "presenting the plan")
        note(store, "2026-11-30", "a quiet morning of [b]analysis[/b]\nwith Sam", "Down")  # written later, dated earlier
        note(store, "2026-12-01", "")  # nothing said: left out
        log, field = shipped.resolve("energy.what_made_it")
        assert log_text(log_answers(log, field, store, date(2026, 12, 2))) == (
            "2 Dec: presenting the plan\n30 Nov: a quiet morning of [b]analysis[/b]\n  with Sam")
        log, field = shipped.resolve("energy.direction")
        assert log_text(log_answers(log, field, store, date(2027, 1, 5))) == (
            "2 Dec 2026: Up\n1 Dec 2026: Up\n30 Nov 2026: Down")  # another year: the year too


def test_an_empty_log_says_how_to_start_it(shipped, store_path):
    with Store(store_path) as store:
        log, field = shipped.resolve("energy.what_made_it")
        text = log_text(log_answers(log, field, store))
    assert text == ("Nothing in your Energy log yet: write a first energy note there, and what you write shows "
                    "here, newest first.")
    assert "\n" not in text
    with Store(store_path) as store:
        note(store, "2026-12-02", "")
        assert log_text(log_answers(log, field, store)) == "No energy note in your Energy log answers this yet."


def test_mapping_s_export_shows_the_energy_notes_as_plain_text(shipped, store_path):
    with Store(store_path) as store:
        note(store, "2026-12-01", "a **quiet** morning")
        note(store, "2026-12-02", "presenting the plan")
        sheets = gather(shipped, store, [("mapping", None)], Writer(today=date(2026, 12, 2)))
    markdown, text = render_markdown(sheets), render_text(sheets)
    assert "2 Dec: presenting the plan" in text and "1 Dec: a **quiet** morning" in text
    assert text.index("2 Dec: presenting") < text.index("1 Dec: a **quiet**")
    assert "2 Dec: presenting the plan" in markdown and r"a \*\*quiet\*\* morning" in markdown
    assert "2 Dec: Up" in text


def test_home_s_line_for_a_log_without_stages(shipped, store_path):
    with Store(store_path) as store:
        assert log_status(shipped.get("energy"), store, date(2026, 12, 2)) == ""
        note(store, "2026-12-01", "x")
        note(store, "2026-11-28", "y")
        assert log_status(shipped.get("energy"), store, date(2026, 12, 2)) == \
            "Energy log: the latest energy note is from yesterday (2 so far)."


# --- the command line --------------------------------------------------------------------------------------


def test_status_lists_each_log_and_export_energy_writes_the_log(capsys, store_path, isolated_home):
    with Store(store_path, clock=lambda: datetime(2026, 12, 2, 9, tzinfo=timezone.utc)) as store:
        note(store, "2026-12-02", "presenting the plan")
        entry = store.start_entry("conversation").id
        store.set_answer("conversation", "person", "Ada", entry=entry)
    code, out, _ = run(capsys, "--store", str(store_path), "status")
    assert code == 0
    assert "Career conversations: 1 entry, 0 done" in out and "Energy log: 1 entry, 0 done" in out
    code, out, err = run(capsys, "--store", str(store_path), "export", "energy", "--format", "txt")
    assert code == 0, err
    [written] = list((isolated_home / "Documents").iterdir())
    assert written.name.startswith("energy-")
    sheet = written.read_text()
    assert "Energy log" in sheet and "presenting the plan" in sheet and "2026-12-02" in sheet and "Ada" not in sheet
    code, out, err = run(capsys, "--store", str(store_path), "export", "energy:2026-12-02", "--format", "txt",
                         "--out", "-")
    assert code == 0 and "presenting the plan" in out


def test_plain_mode_prints_the_recall_of_a_log_as_plain_text(shipped, store_path):
    from rich.console import Console

    from workbook.plain import PlainSession

    out = Console(record=True, width=100, force_terminal=False)
    with Store(store_path, clock=lambda: datetime(2026, 12, 2, 9, tzinfo=timezone.utc)) as store:
        note(store, "2026-12-01", "a [b]quiet[/b] morning\x1b[2J")
        note(store, "2026-12-02", "presenting the plan")
        mapping = shipped.get("mapping")
        PlainSession(shipped, store, out)._show(mapping, None, mapping.field("log_causes"))
    assert out.export_text() == ("And what made it rise or fall\n2 Dec: presenting the plan\n"
                                 "1 Dec: a [b]quiet[/b] morning␛[2J\n\n")


def test_plain_mode_dates_a_new_note_today(shipped, store_path):
    from rich.console import Console

    from tests.prompts import ENTER, typed
    from workbook.plain import PlainSession

    with Store(store_path, clock=lambda: datetime(2026, 12, 2, 9, tzinfo=timezone.utc)) as store:
        with typed(ENTER):  # "Start a new one"
            entry = PlainSession(shipped, store, Console(record=True))._choose_entry(shipped.get("energy"))
        assert store.answers("energy", entry) == {"date": "2026-12-02"}
