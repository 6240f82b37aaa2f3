"""Progress: pure functions from definitions and answers."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from workbook.progress import (
    Share,
    State,
    checked_resume_point,
    exercise_share,
    exercise_state,
    is_answered,
    missing_required,
    next_exercise,
    overall_share,
    overview,
    page_share,
)
from workbook.store import ExerciseStatus, ResumePoint, Store

DONE = ExerciseStatus(completed_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize(
    ("field_id", "value", "answered"),
    [
        ("headline", "  ", False),
        ("headline", "Engineer", True),
        ("strengths", ["one"], False),  # min_items = 2
        ("strengths", ["one", " "], False),
        ("strengths", ["one", "two"], True),
        ("mood", "Curious", True),
        ("energy", 0, False),
        ("energy", 3, True),
        ("skills", [["", "", ""]], False),
        ("skills", [["SQL", "", ""]], True),
        ("todo", [{"text": "", "due": "", "done": False}], False),
        ("todo", [{"text": "Call", "due": "", "done": False}], True),
        ("cv", [], False),
        ("cv", ["One page"], True),
        ("review", "2026-12-01", True),
        ("echo", "anything", False),
        ("headline", None, False),
    ],
)
def test_is_answered(sample_catalog, field_id, value, answered):
    field = sample_catalog.get("sample").field(field_id)
    assert is_answered(field, value) is answered


def test_shares_count_required_fields_or_all_when_none_are(sample_catalog):
    sample = sample_catalog.get("sample")
    answers = {"headline": "x", "mood": "Ready", "story": "y"}
    assert exercise_share(sample, answers) == Share(2, 3)
    assert page_share(sample.pages[0], answers) == Share(1, 2)
    # page 3 has no required fields: every answerable one counts, read-only ones do not
    assert page_share(sample.pages[2], {"review": "2026-01-01"}) == Share(1, 4)
    assert Share(2, 3).percent == 66
    assert Share(0, 0).ratio == 1.0


def test_missing_required_names_pages_and_fields_in_order(sample_catalog):
    sample = sample_catalog.get("sample")
    missing = missing_required(sample, {"mood": "Ready"})
    assert [(page.id, field.id) for page, field in missing] == [("words", "headline"), ("words", "strengths")]


def test_state(sample_catalog):
    sample = sample_catalog.get("sample")
    assert exercise_state(sample, {}, ExerciseStatus()) is State.NOT_STARTED
    assert exercise_state(sample, {"headline": " "}, ExerciseStatus()) is State.NOT_STARTED
    assert exercise_state(sample, {"story": "y"}, ExerciseStatus()) is State.IN_PROGRESS
    assert exercise_state(sample, {}, DONE) is State.DONE


def test_next_exercise_prefers_the_one_in_progress(sample_catalog):
    steps = [sample_catalog.get("sample")]
    assert next_exercise(steps, {}) is steps[0]
    assert next_exercise(steps, {"sample": State.DONE}) is None


def test_checked_resume_point(sample_catalog):
    assert checked_resume_point(sample_catalog, None) is None
    assert checked_resume_point(sample_catalog, ResumePoint("gone")) is None
    kept = ResumePoint("sample", 1, "energy")
    assert checked_resume_point(sample_catalog, kept) == kept
    assert checked_resume_point(sample_catalog, ResumePoint("sample", 9, "energy")) == ResumePoint("sample", 2)
    assert checked_resume_point(sample_catalog, ResumePoint("sample", 0, "energy")) == ResumePoint("sample", 0)
    assert checked_resume_point(sample_catalog, ResumePoint("sample", -1)) == ResumePoint("sample", -1)


def test_overview_reads_a_store(sample_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "x")
        first = store.start_entry("log")
        store.start_entry("log")
        store.mark_done("log", first.id)
        rows = overview(sample_catalog, store)
    assert [(row.exercise.id, row.state, row.share, row.entries) for row in rows] == [
        ("sample", State.IN_PROGRESS, Share(1, 3), 0),
        ("log", State.IN_PROGRESS, Share(1, 2), 2),
    ]
    assert rows[0].last_worked is not None and rows[1].last_worked is not None
    assert overall_share(rows) == Share(1, 3), "the log is a habit, not one of the steps"
