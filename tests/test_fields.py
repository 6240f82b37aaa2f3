"""The field kinds' behaviour: what counts as answered, how an answer reads, and what shape a stored one has."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.fields import (
    FIELD_KINDS,
    ActionRow,
    ActionsField,
    ChecklistField,
    ChoiceField,
    ComposeField,
    DateField,
    LineField,
    ListField,
    MultiField,
    RecallField,
    ScaleField,
    TableField,
    TextField,
    action_rows,
    as_text,
    empty_value,
    is_answered,
    shape_problem,
)

LINE = LineField(id="headline", label="Headline")
TEXT = TextField(id="story", label="Story")
DATE = DateField(id="review", label="Review")
CHOICE = ChoiceField(id="mood", label="Mood", options=("Curious", "Stuck"))
LIST = ListField(id="strengths", label="Strengths", min_items=2)
MULTI = MultiField(id="sectors", label="Sectors", options=("Tech", "Health"))
CHECKLIST = ChecklistField(id="cv", label="CV", items=("One page", "Proofread"))
SCALE = ScaleField(id="energy", label="Energy", min=1, max=5)
TABLE = TableField(id="skills", label="Skills", columns=("Skill", "Level"))
ACTIONS = ActionsField(id="todo", label="To do")
RECALL = RecallField(id="before", label="Before", source="sample.headline")
COMPOSE = ComposeField(id="draft", label="Draft", template="I am {headline}")
EVERY_KIND = {field.kind: field for field in (LINE, TEXT, DATE, CHOICE, LIST, MULTI, CHECKLIST, SCALE, TABLE,
                                              ACTIONS, RECALL, COMPOSE)}

GOOD = {
    "line": "Curious engineer", "text": "Line one\nline two", "date": "2026-12-01", "choice": "Curious",
    "list": ["Listening", "Writing"], "multi": ["Tech"], "checklist": ["One page"], "scale": 4,
    "table": [["Python", "3"]], "actions": [{"text": "Call Sam", "due": "2026-12-05", "done": False}],
}

# Anything JSON can hold, nested: what a damaged or hostile backup may put where an answer goes.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


def test_every_kind_is_covered_here():
    assert set(EVERY_KIND) == set(FIELD_KINDS)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_what_the_app_writes_has_the_right_shape_and_counts_as_answered(kind):
    field = EVERY_KIND[kind]
    assert shape_problem(field, GOOD[kind]) is None
    assert is_answered(field, GOOD[kind])
    assert as_text(field, GOOD[kind])


@pytest.mark.parametrize("kind", sorted(FIELD_KINDS))
def test_no_answer_and_the_empty_answer_are_not_answers(kind):
    field = EVERY_KIND[kind]
    assert shape_problem(field, None) is None
    assert not is_answered(field, None)
    assert not is_answered(field, empty_value(field))
    assert as_text(field, empty_value(field)) == ""


def test_each_empty_value_is_a_fresh_one():
    assert empty_value(LIST) is not empty_value(LIST)


@pytest.mark.parametrize("value", [True, False, 4.0, math.nan, math.inf, "4", [4], 0, 6])
def test_a_scale_answer_is_a_whole_number_within_its_ends_and_never_a_bool(value):
    assert shape_problem(SCALE, value) is not None


def test_nan_is_named_as_nan():
    assert "NaN" in shape_problem(SCALE, math.nan)


@pytest.mark.parametrize("field, value", [
    (LINE, 5), (TEXT, ["a"]), (DATE, {"year": 2026}), (CHOICE, ["Curious"]), (CHOICE, True),
    (LIST, "Listening"), (LIST, ["a", 1]), (LIST, [["nested"]]), (MULTI, "Tech"), (CHECKLIST, [None]),
    (TABLE, ["Python"]), (TABLE, [["Python", 3]]), (TABLE, [[["deep"]]]), (TABLE, {"rows": []}),
    (ACTIONS, {"text": "Call Sam"}), (ACTIONS, ["Call Sam"]), (ACTIONS, [{"due": "2026-12-05"}]),
    (ACTIONS, [{"text": "Call Sam", "done": "yes"}]), (ACTIONS, [{"text": "Call Sam", "done": 1}]),
    (ACTIONS, [{"text": 5}]), (ACTIONS, [{"text": "Call Sam", "owner": "me"}]),
    (RECALL, "a copy"), (COMPOSE, ""),
])
def test_a_value_of_the_wrong_shape_is_named(field, value):
    problem = shape_problem(field, value)
    assert problem and isinstance(problem, str)


def test_choices_renamed_since_still_fit():
    assert shape_problem(CHOICE, "An option renamed since") is None
    assert shape_problem(MULTI, ["Gone", "Tech"]) is None
    assert shape_problem(CHECKLIST, ["Old item"]) is None


def test_a_problem_never_quotes_the_answer():
    secret = "my private salary note"
    for field, value in [(LIST, [secret, 1]), (SCALE, secret), (ACTIONS, [{"text": secret, "done": secret}]),
                         (TABLE, [[secret, 2]]), (RECALL, secret)]:
        assert secret not in shape_problem(field, value)


@given(kind=st.sampled_from(sorted(FIELD_KINDS)), value=json_values)
def test_any_stored_value_gets_an_answer_and_never_an_exception(kind, value):
    problem = shape_problem(EVERY_KIND[kind], value)
    assert problem is None or (isinstance(problem, str) and problem)


@given(value=json_values)
def test_a_value_that_fits_can_be_read_as_an_answer_and_as_text(value):
    for field in EVERY_KIND.values():
        if shape_problem(field, value) is None:
            assert isinstance(is_answered(field, value), bool)
            assert isinstance(as_text(field, value), str)


@given(rows=st.lists(st.tuples(st.text(), st.text(), st.booleans())))
def test_actions_the_app_writes_fit_and_read_back_unchanged(rows):
    stored = [ActionRow(text, due, done).to_stored() for text, due, done in rows]
    assert shape_problem(ACTIONS, stored) is None
    assert [ActionRow.from_stored(action).to_stored() for action in stored] == stored


def test_an_action_row_is_stored_as_before():
    assert ActionRow("Call Sam", "2026-12-05").to_stored() == {"text": "Call Sam", "due": "2026-12-05", "done": False}
    assert ActionRow.from_stored({"text": "Call Sam"}) == ActionRow("Call Sam", "", False)
    assert action_rows([{"text": "a", "done": True}, "junk", 3]) == [ActionRow("a", "", True)]
    assert action_rows("junk") == []


def test_answers_read_as_text():
    assert as_text(LIST, ["Listening", " ", "Writing"]) == "- Listening\n- Writing"
    assert as_text(TABLE, [["Python", ""], ["", ""]]) == "- Skill: Python"
    assert as_text(ACTIONS, [{"text": "Call Sam", "due": "2026-12-05", "done": True}, {"text": " "}]) == \
        "- [x] Call Sam (by 2026-12-05)"
    assert as_text(SCALE, 4) == "4"


def test_a_list_counts_once_it_has_its_minimum_items():
    assert not is_answered(LIST, ["one", " "])
    assert is_answered(LIST, ["one", "two"])
    assert not is_answered(SCALE, 9)
    assert not is_answered(RECALL, "anything")


@pytest.mark.parametrize("typed", ["next week", "20261205", "2026-W49-6", "2026-13-01", "2026-02-30", "05/12/2026",
                                   "2026-12-05x"])
def test_one_rule_for_a_typed_date_refuses_what_is_not_yyyy_mm_dd(typed):
    """The exercise's date boxes, the action list's `d` and plain mode all ask this one rule; the list's own
    check used to take "20261205" and "2026-W49-6" (Python's parser does), plain mode did not."""
    from workbook.fields import DATE_HINT, date_problem, parse_date
    from workbook.plain import _valid_date

    assert parse_date(typed) is None
    assert date_problem(typed) == DATE_HINT
    assert _valid_date(typed) == DATE_HINT


def test_a_date_or_nothing_passes_the_date_rule():
    from datetime import date

    from workbook.fields import date_problem, parse_date

    assert parse_date(" 2026-12-05 ") == date(2026, 12, 5)
    assert [date_problem(typed) for typed in ["", "  ", "2026-12-05", "2028-02-29"]] == [None] * 4
