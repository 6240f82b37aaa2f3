"""Answers over time, below the UI: the reason kept with a changed destination, versions and word
differences, answers due a second look with a frozen clock, starting an exercise again and then-vs-now."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from workbook.exercises import TableField
from workbook.export import Format, build_export
from workbook.over_time import (
    REVIEW_MONTHS,
    Change,
    check_review_months,
    months_between,
    stale_answers,
    table_then_now,
    versions,
    word_diff,
)
from workbook.store import Store

START = datetime(2025, 3, 14, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_the_reason_for_a_change_is_kept_with_the_version_it_replaced(store_path: Path) -> None:
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("planning", "destination", "Lead a data team in the NHS")
        assert store.unexplained_changes() == []  # written for the first time: nothing changed
    clock.advance(days=90)
    with Store(store_path, clock=clock) as store:
        store.set_answer("planning", "destination", "Lead a data team")
        store.set_answer("planning", "destination", "Lead a data team in a charity")  # same sitting
        [(exercise, entry, field, revision)] = store.unexplained_changes()
        assert (exercise, entry, field, revision.value) == ("planning", None, "destination",
                                                            "Lead a data team in the NHS")
        store.explain_change("planning", "destination", "Six conversations: the NHS moves slowly")
        assert store.unexplained_changes() == []  # asked once
    with Store(store_path, readonly=True) as store:
        [revision] = store.revisions("planning", "destination")
        assert revision.reason == "Six conversations: the NHS moves slowly"
        listed = versions(store.answer("planning", "destination"), store.answered_at("planning", "destination"),
                          store.revisions("planning", "destination"))
        assert [(v.value, v.reason) for v in listed] == [
            ("Lead a data team in a charity", "Six conversations: the NHS moves slowly"),
            ("Lead a data team in the NHS", "")]


def test_a_skipped_question_is_not_asked_again(store_path: Path) -> None:
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("planning", "destination", "A")
    clock.advance(days=1)
    with Store(store_path, clock=clock) as store:
        store.set_answer("planning", "destination", "B")
        store.explain_change("planning", "destination", "")
        assert store.unexplained_changes() == []
        assert store.revisions("planning", "destination")[0].reason == ""


def test_word_diff_marks_added_and_removed_words() -> None:
    runs = word_diff("Lead a data team in the NHS", "Lead a small data team in a charity")
    assert "".join(text for change, text in runs if change is not Change.ADDED) == "Lead a data team in the NHS"
    assert "".join(text for change, text in runs if change is not Change.REMOVED) == \
        "Lead a small data team in a charity"
    assert (Change.ADDED, " small") in runs and (Change.REMOVED, "the NHS") in runs
    assert (Change.ADDED, "a charity") in runs
    assert word_diff("same", "same") == [(Change.SAME, "same")]


def test_a_word_added_at_the_end_leaves_the_word_before_it_unmarked() -> None:
    # The neighbour once read as removed and added again, because it lost its trailing space.
    assert word_diff("Lead a small team", "Lead a small team now") == [
        (Change.SAME, "Lead a small team"), (Change.ADDED, " now")]
    assert word_diff("Lead a small team now", "Lead a small team") == [
        (Change.SAME, "Lead a small team"), (Change.REMOVED, " now")]


def test_months_between_counts_whole_calendar_months() -> None:
    assert months_between(date(2025, 3, 14), date(2026, 5, 14)) == 14
    assert months_between(date(2025, 3, 14), date(2026, 5, 13)) == 13
    assert months_between(date(2025, 12, 31), date(2026, 1, 1)) == 0


def test_answers_of_a_done_step_ask_still_true_after_the_review_period(store_path: Path, shipped_catalog) -> None:
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("mapping", "strengths", ["Calm in a crisis", "Clear writing", "Mentoring"])
        store.set_answer("planning", "destination", "Lead a data team")  # Planning is not done: no flag
        store.mark_done("mapping")
        clock.advance(days=300)
        assert stale_answers(shipped_catalog, store, clock.now.date()) == []
        clock.advance(days=130)  # 14 months after writing
        [stale] = stale_answers(shipped_catalog, store, clock.now.date())
        assert (stale.exercise, stale.field, stale.page) == ("mapping", "strengths", "strengths")
        assert stale.question == "written 14 months ago: still true?"
        store.reviewed("mapping", "strengths")
        assert store.answer("mapping", "strengths")[0] == "Calm in a crisis"  # unchanged
        assert stale_answers(shipped_catalog, store, clock.now.date()) == []
        clock.advance(days=370)
        [stale] = stale_answers(shipped_catalog, store, clock.now.date())
        assert stale.question == "checked 12 months ago: still true?"
        store.set_setting(REVIEW_MONTHS, 24)
        assert stale_answers(shipped_catalog, store, clock.now.date()) == []
        store.set_setting(REVIEW_MONTHS, 6)
        assert len(stale_answers(shipped_catalog, store, clock.now.date())) == 1
        store.set_setting(REVIEW_MONTHS, 0)  # never
        assert stale_answers(shipped_catalog, store, clock.now.date()) == []
    assert check_review_months("12") is None and check_review_months("0") is None
    assert check_review_months("a year") and check_review_months("-3") and check_review_months("500")


def test_starting_again_keeps_every_old_answer_as_a_revision(store_path: Path) -> None:
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("mapping", "strengths", ["Calm", "Clear", "Kind"])
        store.set_answer("mapping", "energy_now", 2)
        store.mark_done("mapping")
        clock.advance(days=400)
        assert store.start_again("mapping") == 2
        assert store.answers("mapping") == {}
        status = store.status("mapping")
        assert not status.done and status.started_at is None
        reset = store.last_reset("mapping")
        assert reset is not None and reset.at == clock.now
        assert reset.values == {"strengths": ["Calm", "Clear", "Kind"], "energy_now": 2}
        [kept] = store.revisions("mapping", "energy_now")
        assert kept.value == 2 and kept.reset and kept.written_at == START
        assert store.start_again("mapping") == 0  # nothing to set aside: the earlier values stay the "then"
        assert store.last_reset("mapping").values["energy_now"] == 2
        store.set_answer("mapping", "energy_now", 4)
    with Store(store_path, readonly=True) as store:
        assert store.answer("mapping", "energy_now") == 4
        assert [r.value for r in store.revisions("mapping", "energy_now")] == [2]
        assert store.unexplained_changes() == []  # a reset asks for no reason


def test_table_then_now_pairs_rows_by_their_first_cell() -> None:
    field = TableField(id="gap", label="Skills", columns=("Skill", "Now", "Needed"))
    then = [["Python", "2", "4"], ["Budgets", "1", "3"]]
    now = [["python ", "4", "4"], ["Coaching", "2", "3"]]
    assert table_then_now(field, then, now) == [
        (["python ", "4", "4"], "Now: 2; Needed: 4"),
        (["Coaching", "2", "3"], ""),
        (["Budgets", "", ""], "Now: 1; Needed: 3"),
    ]


def test_the_export_of_a_redone_exercise_shows_then_beside_now(store_path: Path, shipped_catalog) -> None:
    clock = Clock()
    with Store(store_path, clock=clock) as store:
        store.set_answer("mapping", "energy_now", 2)
        store.set_answer("mapping", "strengths", ["Calm in a crisis"])
        clock.advance(days=400)
        store.start_again("mapping")
        store.set_answer("mapping", "energy_now", 4)
        markdown = build_export(shipped_catalog, store, [("mapping", None)], Format.MARKDOWN, clock.now).content
        plain = build_export(shipped_catalog, store, [("mapping", None)], Format.TEXT, clock.now).content
    assert "Started again on 2026-04-18" in markdown
    assert "| Then (2025-03-14) | Now |" in markdown and "| 2 | 4 |" in markdown
    assert "Calm in a crisis" in markdown  # a text answer from before the reset stays in the export
    assert "Then (2025-03-14)" in plain
