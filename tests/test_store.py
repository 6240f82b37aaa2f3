"""The store: round trips, the lock, bad files left untouched, privacy, backups."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from workbook.storage import (
    StoreChangedError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreTooNewError,
    backup_path,
)
from workbook.store import SCHEMA_VERSION, ResumePoint, Store


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_round_trip_of_every_kind_of_value(store_path):
    values = {
        "headline": "Curious engineer",
        "strengths": ["listening", "écrire", "数学"],
        "energy": 4,
        "skills": [["SQL", "2", "4"]],
        "todo": [{"text": "Book coffee", "due": "2026-12-01", "done": False}],
    }
    with Store(store_path) as store:
        for field, value in values.items():
            store.set_answer("sample", field, value)
        store.set_resume_point(ResumePoint("sample", 2, "skills"))
        store.mark_done("sample")
    with Store(store_path) as store:
        assert store.answers("sample") == values
        assert store.answer("sample", "energy") == 4
        assert store.answer("sample", "nothing") is None
        assert store.resume_point() == ResumePoint("sample", 2, "skills")
        assert store.status("sample").done


def test_meta_holds_the_schema_version(store_path):
    Store(store_path).close()
    meta = json.loads(store_path.read_text())["meta"]
    assert list(meta.values())[0]["schema_version"] == SCHEMA_VERSION


def test_entries_keep_answers_apart_newest_first(store_path):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        first = store.start_entry("conversation")
        clock.advance(days=30)
        second = store.start_entry("conversation")
        store.set_answer("conversation", "person", "Ada", entry=first.id)
        store.set_answer("conversation", "person", "Grace", entry=second.id)
    with Store(store_path) as store:
        assert [entry.id for entry in store.entries("conversation")] == [second.id, first.id]
        assert store.answer("conversation", "person", entry=first.id) == "Ada"
        assert store.answer("conversation", "person", entry=second.id) == "Grace"
        assert store.answer("conversation", "person") is None


def test_a_value_from_an_earlier_session_becomes_a_revision_not_each_keystroke(store_path):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("planning", "destination", "Head of data")
        store.set_answer("planning", "destination", "Head of data and AI")  # same session: no revision
        assert store.revisions("planning", "destination") == []
    clock.advance(days=40)
    with Store(store_path, clock=clock) as store:
        store.set_answer("planning", "destination", "Run a koi pond business")
        store.set_answer("planning", "destination", "Run a koi pond business, part-time")
        revisions = store.revisions("planning", "destination")
    assert [revision.value for revision in revisions] == ["Head of data and AI"]
    assert revisions[0].replaced_at - revisions[0].written_at == timedelta(days=40)


def test_sittings_record_start_end_and_what_was_touched(store_path):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.start_sitting()
        store.set_answer("mapping", "strengths", ["x"])
        store.set_answer("planning", "destination", "y")
        store.set_answer("mapping", "gaps", ["z"])
        clock.advance(minutes=40)
    with Store(store_path, clock=clock) as store:
        store.start_sitting()
        last = store.last_sitting()
        assert last.touched == ("mapping", "planning")
        assert last.ended_at - last.started_at == timedelta(minutes=40)
        assert len(list(store.sittings())) == 2


def test_status_times_follow_the_answers(store_path):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("mapping", "strengths", ["x"])
        clock.advance(hours=1)
        store.set_answer("mapping", "gaps", ["y"])
        status = store.status("mapping")
        assert status.started_at == datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
        assert status.updated_at == datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
        assert not status.done
        store.mark_done("mapping")
        assert store.status("mapping").done
        store.reopen("mapping")
        assert not store.status("mapping").done


def test_nothing_reaches_disk_until_save(store_path):
    store = Store(store_path)
    try:
        store.set_answer("mapping", "strengths", ["x"])
        assert not store_path.exists()
        assert store.unsaved
        assert store.save() is True
        assert json.loads(store_path.read_text())["answers"]
        assert store.save() is False
    finally:
        store.close()


def test_file_is_private(store_path):
    Store(store_path).close()
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store_path.parent.stat().st_mode) == 0o700


def test_second_store_on_the_same_file_is_refused_then_opens_after_close(store_path):
    first = Store(store_path)
    with pytest.raises(StoreLockedError, match=rf"already open in another window \(pid {os.getpid()}\)"):
        Store(store_path)
    first.close()
    Store(store_path).close()


def test_second_process_is_refused_with_the_holders_pid(store_path):
    with Store(store_path):
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from workbook.store import Store; Store(sys.argv[1])",
             str(store_path)],
            capture_output=True, text=True,
        )
    assert result.returncode != 0
    assert f"already open in another window (pid {os.getpid()})" in result.stderr


def test_a_killed_holder_leaves_no_stale_lock(store_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from workbook.store import Store; s = Store(sys.argv[1]); print('open', flush=True); "
         "time.sleep(60)", str(store_path)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    with pytest.raises(StoreLockedError, match=f"pid {holder.pid}"):
        Store(store_path)
    holder.kill()
    holder.wait()
    Store(store_path).close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b'{"meta": {"1": {"schema_version": 1}}, "answers": {"1": {"exer', "not valid JSON"),
        (b"[1, 2, 3]", "not the shape of a workbook"),
        (b'{"answers": {"1": 5}}', "not the shape of a workbook"),
        (b'{"answers": {}}', "it has no schema version"),
        (b'{"meta": {"1": {"schema_version": 1}}, "surprise": {}}', "unknown tables surprise"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
    ],
)
def test_a_bad_file_is_left_byte_for_byte_unchanged(store_path, content, expected):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    with pytest.raises(StoreCorruptError, match=expected) as caught:
        Store(store_path)
    assert str(store_path) in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert store_path.read_bytes() == content
    with pytest.raises(StoreCorruptError):
        Store(store_path, readonly=True)


def test_corrupt_message_names_the_newest_backup(store_path):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("mapping", "strengths", ["x"])
    with Store(store_path, clock=clock) as store:
        store.set_answer("mapping", "strengths", ["x", "y"])
    store_path.write_bytes(b"{oops")
    with pytest.raises(StoreCorruptError, match="the newest backup is .*workbook.json.backup-1"):
        Store(store_path)


def test_a_newer_schema_is_refused_and_untouched(store_path):
    store_path.parent.mkdir(parents=True)
    content = json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}).encode()
    store_path.write_bytes(content)
    with pytest.raises(StoreTooNewError, match="newer Career Workbook"):
        Store(store_path)
    assert store_path.read_bytes() == content


def test_backups_rotate_once_per_session_and_keep_five(store_path):
    for session in range(7):
        with Store(store_path) as store:
            store.set_answer("mapping", "sessions", session)
            store.save()
            store.set_answer("mapping", "sessions", session + 0.5)
    backups = [backup_path(store_path, n) for n in range(1, 7)]
    assert [path.exists() for path in backups] == [True] * 5 + [False]
    newest = json.loads(backups[0].read_text())
    assert list(newest["answers"].values())[0]["value"] == 5.5
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in backups[:5])


def test_a_file_replaced_underneath_is_not_overwritten(store_path):
    store = Store(store_path)
    store.set_answer("mapping", "strengths", ["x"])
    store.save()
    replaced = json.dumps({"meta": {"1": {"schema_version": 1}}, "answers": {}}).encode()
    store_path.write_bytes(replaced)
    store.set_answer("mapping", "strengths", ["x", "y"])
    with pytest.raises(StoreChangedError, match="changed by another program"):
        store.save()
    assert store_path.read_bytes() == replaced
    assert store.answer("mapping", "strengths") == ["x", "y"]
    store_path.unlink()
    with pytest.raises(StoreError, match="could not be saved .*another program changed the file.*they are in"):
        store.close()
    assert not store_path.exists(), "closing writes nothing over (or in place of) the other program's change"
    [rescued] = store_path.parent.glob("workbook.json.unsaved-*")
    assert oct(rescued.stat().st_mode & 0o777) == "0o600"
    assert [doc["value"] for doc in json.loads(rescued.read_text())["answers"].values()] == [["x", "y"]]
    Store(store_path).close()  # the lock was released all the same


def test_taking_over_a_deleted_file_writes_it_afresh(store_path):
    with Store(store_path) as store:
        store.set_answer("mapping", "role", "Analyst")
        store.save()
        store_path.unlink()
        store.set_answer("mapping", "role", "Lead")
        with pytest.raises(StoreChangedError):
            store.save()
        assert store.take_over() is None, "nothing was there to keep"
    assert Store(store_path, readonly=True).answer("mapping", "role") == "Lead"


def test_a_touched_but_identical_file_is_not_a_change(store_path):
    with Store(store_path) as store:
        store.set_answer("mapping", "strengths", ["x"])
        store.save()
        os.utime(store_path, ns=(1, 1))
        store.set_answer("mapping", "strengths", ["x", "y"])
        assert store.save()


def test_readonly_store_creates_nothing(tmp_path):
    path = tmp_path / "nowhere" / "workbook.json"
    store = Store(path, readonly=True)
    assert store.answers("mapping") == {}
    with pytest.raises(StoreError, match="read-only"):
        store.save()
    store.close()
    assert not path.parent.exists()


def test_each_exercise_keeps_its_own_position(store_path):
    with Store(store_path) as store:
        store.set_resume_point(ResumePoint("mapping", 3, "values"))
        store.set_resume_point(ResumePoint("planning", -1))
        store.set_resume_point(ResumePoint("planning", 1, "destination"))
        entry = store.start_entry("conversation")
        store.set_resume_point(ResumePoint("conversation", 2, "learn", entry.id))
    with Store(store_path) as store:
        assert store.resume_point() == ResumePoint("conversation", 2, "learn", entry.id)
        assert store.position("mapping") == ResumePoint("mapping", 3, "values")
        assert store.position("planning") == ResumePoint("planning", 1, "destination")
        assert store.position("conversation", entry.id) == ResumePoint("conversation", 2, "learn", entry.id)
        assert store.position("exploring") is None
