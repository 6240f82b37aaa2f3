"""A workbook written before the exercises of schema 2 opens with every answer where the new pages want it.

The store in tests/fixtures/stores/ was written by the app of schema 1 (main at 1fc56fc, with
make_schema_1.py beside it); it is read here, never rewritten.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.app_fixtures import until
from workbook.checks import fields_of
from workbook.export.backup import FORMAT, read_backup
from workbook.migrations import SCHEMA_VERSION
from workbook.store import ResumePoint, Store, TablesRefused, upgraded
from workbook.tui.app import make_app
from workbook.tui.screens.exercise import ExerciseScreen

WRITTEN_BY_SCHEMA_1 = Path(__file__).parent / "fixtures" / "stores" / "written-by-schema-1.json"
HELPER = "Priya, by the end of January"


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "workbook.json"
    shutil.copyfile(WRITTEN_BY_SCHEMA_1, path)
    return path


def test_the_fixture_is_a_schema_1_store():
    meta = json.loads(WRITTEN_BY_SCHEMA_1.read_text())["meta"]["1"]
    assert meta["schema_version"] == 1 < SCHEMA_VERSION


def test_the_trusted_helper_becomes_a_dated_action_with_its_history_and_reason(old_store, shipped_catalog):
    with Store(old_store, catalog=shipped_catalog) as store:
        assert store.answer("planning", "helper_talk") == [{"text": HELPER, "due": "", "done": False}]
        assert store.answer("planning", "helper") is None
        [earlier] = store.revisions("planning", "helper_talk")
        assert earlier.value == [{"text": "Priya, after the team offsite", "due": "", "done": False}]
        assert earlier.reason == "Priya is away in December"


def test_every_other_answer_is_kept_as_it_was(old_store, shipped_catalog):
    before = json.loads(WRITTEN_BY_SCHEMA_1.read_text())["answers"].values()
    with Store(old_store, catalog=shipped_catalog) as store:
        for doc in before:
            if doc["field"] != "helper":
                assert store.answer(doc["exercise"], doc["field"], doc["entry"]) == doc["value"], doc["field"]


def test_the_places_to_resume_point_at_the_same_pages_in_their_new_order(old_store, shipped_catalog):
    planning, arriving = shipped_catalog.get("planning"), shipped_catalog.get("arriving")
    with Store(old_store, catalog=shipped_catalog) as store:
        assert store.resume_point() == ResumePoint("planning", planning.page_index("helper_talk"), "helper_talk",
                                                   None, (0, 10))
        assert store.position("planning").page == planning.page_index("helper_talk") == 1
        # The day 30 note moved to the second sitting's last page.
        assert store.position("arriving").page == arriving.page_index("day_30") == len(arriving.pages) - 1
        # A page for what a manager said came before the summary: the follow-up is one further on.
        [entry] = store.entries("conversation")
        assert store.position("conversation", entry.id).page == \
            shipped_catalog.get("conversation").page_index("next_due") == 6


def test_saved_once_it_is_schema_2_and_is_not_migrated_again(old_store, shipped_catalog):
    with Store(old_store, catalog=shipped_catalog) as store:
        store.set_answer("mapping", "gaps", ["Never managed a budget", "Avoid presenting"])
    data = json.loads(old_store.read_text())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    with Store(old_store, catalog=shipped_catalog) as store:
        assert store.position("planning").page == 1
        assert store.position("arriving").page == shipped_catalog.get("arriving").page_index("day_30")
        assert store.answer("planning", "helper_talk")[0]["text"] == HELPER


def test_a_backup_of_schema_1_restores_migrated(tmp_path, shipped_catalog):
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": FORMAT, "format_version": 1, "schema_version": 1,
                                  "workbook": json.loads(WRITTEN_BY_SCHEMA_1.read_text())}))
    data = read_backup(backup, shipped_catalog)
    helper = [doc for doc in data["answers"].values() if doc["exercise"] == "planning" and doc["field"] == "helper_talk"]
    assert [doc["value"] for doc in helper] == [[{"text": HELPER, "due": "", "done": False}]]


def test_documents_the_migration_cannot_read_are_left_for_the_check_to_name(shipped_catalog):
    data = json.loads(WRITTEN_BY_SCHEMA_1.read_text())
    data["state"]["99"] = {"kind": "resume", "exercise": "planning", "page": "five", "field": None, "entry": None}
    with pytest.raises(TablesRefused, match="state, document 99, page"):
        upgraded(data, fields_of(shipped_catalog))
    data = json.loads(WRITTEN_BY_SCHEMA_1.read_text())
    next(doc for doc in data["answers"].values() if doc["field"] == "helper")["value"] = {"odd": 1}
    with pytest.raises(TablesRefused, match="answers, document 5"):
        upgraded(data, fields_of(shipped_catalog))


async def test_continue_opens_the_helper_action_on_the_destination_page(old_store, shipped_catalog):
    store = Store(old_store, catalog=shipped_catalog)
    app = make_app(store, shipped_catalog)
    app.session.next_step_asked = True
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.click("#continue")
            await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.page == 1)
            screen = app.screen
            await until(lambda: "Your five-year destination" in str(screen.query_one("#page-indicator").render()))
            await until(lambda: HELPER in [box.text for box in screen.query("TextArea")])
    finally:
        app.session.apply_edits()
        store.close()
