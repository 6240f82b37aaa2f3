"""'Written in an earlier sitting' is decided by the sitting that wrote the answer, not by the wall clock:
a clock set back between sittings or within one changes nothing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from workbook.over_time import changes_to_explain
from workbook.store import Store

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


class Clock:
    """A frozen clock the test moves by hand, backwards too."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize("back", [timedelta(hours=1), timedelta(days=31), timedelta(days=365)],
                         ids=["an hour", "a month", "a year"])
def test_a_clock_set_back_between_sittings_still_keeps_the_earlier_version(store_path, back):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.start_sitting()
        store.set_answer("sample", "headline", "Curious engineer")
    clock.now -= back
    with Store(store_path, clock=clock) as store:
        store.start_sitting()
        store.set_answer("sample", "headline", "Calm engineer")
        store.set_answer("sample", "headline", "Calm engineer, mostly")  # same sitting: no second version
        assert [revision.value for revision in store.revisions("sample", "headline")] == ["Curious engineer"]


def test_a_clock_set_back_within_a_sitting_still_asks_what_changed_your_mind(store_path, sample_catalog):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("sample", "headline", "Curious engineer")
    clock.now += timedelta(days=2)
    with Store(store_path, clock=clock) as store:
        clock.now -= timedelta(hours=3)  # e.g. the time zone corrected mid-sitting
        store.set_answer("sample", "headline", "Calm engineer")
        [change] = changes_to_explain(sample_catalog, store)
        assert (change.field.id, change.revision.value) == ("headline", "Curious engineer")
        store.explain_change("sample", "headline", "A quieter team")
        assert changes_to_explain(sample_catalog, store) == []
        assert store.revisions("sample", "headline")[0].reason == "A quieter team"


def test_an_answer_of_this_sitting_is_no_earlier_version_whatever_the_clock_says(store_path):
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("sample", "headline", "Curious engineer")
        clock.now -= timedelta(days=400)
        store.set_answer("sample", "headline", "Calm engineer")
        clock.now += timedelta(days=800)
        store.set_answer("sample", "headline", "Bold engineer")
        assert store.revisions("sample", "headline") == []
        assert store.unexplained_changes() == []


def test_an_answer_from_a_store_without_sitting_keys_counts_as_earlier(store_path):
    """A store written before answers kept their sitting: its answers are from an earlier sitting, even when
    their time is later than now (a clock set back since)."""
    store_path.parent.mkdir(parents=True)
    later = (START + timedelta(days=30)).isoformat()
    store_path.write_text(json.dumps({
        "meta": {"1": {"schema_version": 1}},
        "answers": {"1": {"exercise": "sample", "entry": None, "field": "headline", "value": "Curious engineer",
                          "updated_at": later}},
        "history": {"1": {"exercise": "sample", "entry": None, "field": "headline", "value": "Older",
                          "written_at": later, "replaced_at": later}},
    }))
    with Store(store_path, clock=Clock()) as store:
        assert store.unexplained_changes() == []  # a version replaced in another sitting is not asked about
        store.set_answer("sample", "headline", "Calm engineer")
        assert [revision.value for revision in store.revisions("sample", "headline")] == ["Older", "Curious engineer"]
        [(_, _, field, revision)] = store.unexplained_changes()
        assert (field, revision.value) == ("headline", "Curious engineer")
