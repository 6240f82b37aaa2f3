"""Actions with details (`details = [...]` on an actions field): SMART actions that name what they serve and
how they will be checked. The loader, the store's shape check, the completion rule, plain mode, the
worksheets in each format, the action list and search, on a small pack of the tests' own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from tests.prompts import CTRL_C, ENTER, typed
from workbook.checks import fields_of, workbook_problem
from workbook.exercises import load_catalog, load_file
from workbook.export.html import render_html
from workbook.export.markdown import BLANK_LINE, render_markdown
from workbook.export.text import render_text
from workbook.export.worksheet import gather
from workbook.fields import is_complete, shape_problem, unfinished_note
from workbook.habits import gather_actions
from workbook.output import actions_document
from workbook.plain import run_plain
from workbook.progress import exercise_share, exercise_state, missing_required, State
from workbook.search import search
from workbook.store import ExerciseStatus, ResumePoint, Store

PACK = Path(__file__).parent / "fixtures" / "smart_actions"
SERVES, KNOW = "Serves (a gap or stepping stone)", "How I will know it is done"
SHADOW = {"text": "Shadow the operations director", "due": "2026-12-05", "done": False,
          "details": ["The stakeholder gap", "Two reviews attended, notes shared"]}


@pytest.fixture
def pack():
    catalog = load_catalog([PACK])
    assert not catalog.errors
    return catalog


def field_in(catalog, field_id="six_months"):
    return catalog.get("plan").field(field_id)


# --- the exercise file -----------------------------------------------------------------------------


def errors_of(tmp_path: Path, field_lines: str) -> list[str]:
    path = tmp_path / "pack.toml"
    path.write_text('id = "p"\ntitle = "P"\nintro = "i"\n[[pages]]\nid = "a"\ntitle = "A"\n'
                    f'[[pages.fields]]\nid = "f"\nlabel = "F"\n{field_lines}\n')
    exercise, errors = load_file(path)
    assert exercise is None
    return [str(error) for error in errors]


def test_the_pack_loads_its_details_in_order(pack):
    assert field_in(pack).details == (SERVES, KNOW)
    assert field_in(pack, "habits").details == ("Why it matters",)


@pytest.mark.parametrize("lines, message", [
    ('kind = "actions"\ndetails = []', "details is empty; list at least one"),
    ('kind = "actions"\ndetails = ["Serves", "Serves"]', "details has the same entry twice"),
    ('kind = "actions"\ndetails = ["Serves", "  "]', "details has an empty label"),
    ('kind = "actions"\ndetails = "Serves"', "details must be a list of texts in quotes, not str"),
    ('kind = "actions"\ndetails = ["Serves", 3]', "details must be a list of texts in quotes"),
    ('kind = "list"\ndetails = ["Serves"]', "details are for actions fields only, not a list field"),
])
def test_a_bad_details_key_is_refused_with_the_place_named(tmp_path, lines, message):
    errors = errors_of(tmp_path, lines)
    assert len(errors) == 1 and message in errors[0]
    assert errors[0].startswith("pack.toml, page 'a', field 'f': ")


# --- the store's shape ---------------------------------------------------------------------------------


def test_old_and_new_actions_fit_and_a_wrong_shape_is_refused_with_the_place_named(pack):
    field = field_in(pack)
    old = [{"text": "Update my CV", "due": "", "done": True}]  # written before the field asked details
    assert shape_problem(field, old) is None
    assert shape_problem(field, [SHADOW, *old]) is None
    assert shape_problem(field, [{**SHADOW, "details": "The stakeholder gap"}]) == \
        "the details of action 1 must be a list of texts, not str"
    assert shape_problem(field, [*old, {**SHADOW, "details": ["ok", 2]}]) == \
        "detail 2 of action 2 must be text, not int"


def test_a_workbook_holding_a_bad_detail_is_refused_naming_the_document(pack):
    moment = "2026-11-20T18:30:00+00:00"
    answer = {"exercise": "plan", "entry": None, "field": "six_months", "updated_at": moment,
              "value": [{**SHADOW, "details": [None, "x"]}]}
    data = {"meta": {"1": {"schema_version": 1}}, "answers": {"1": answer}}
    assert workbook_problem(data, fields_of(pack)) == \
        "answers, document 1, value: detail 1 of action 1 must be text, not NoneType"
    answer["value"] = [SHADOW, {"text": "Old one", "due": "", "done": False}]
    assert workbook_problem(data, fields_of(pack)) is None


def test_a_store_with_actions_written_before_details_opens_and_keeps_them(pack, store_path):
    old = [{"text": "Update my CV", "due": "2026-11-10", "done": True}]
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", old)
    with Store(store_path, catalog=pack) as store:  # checked against the pack's fields as it opens
        assert store.answer("plan", "six_months") == old


# --- finished or not ---------------------------------------------------------------------------------------


def test_a_required_field_is_finished_only_when_every_action_has_all_its_details(pack):
    field, plan = field_in(pack), pack.get("plan")
    lacking = [SHADOW, {"text": "Finish the SQL course", "due": "", "done": False, "details": ["", ""]},
               {"text": "", "due": "", "done": False}]  # a row left empty is no action
    assert not is_complete(field, lacking)
    assert unfinished_note(field, lacking) == 'action 2 needs "Serves" and "How I will know it is done"'
    blank_first = [{"text": "", "due": "", "done": False}, {"text": "Ask Sam", "due": "", "done": False}]
    assert unfinished_note(field, blank_first).startswith("action 2 needs")  # as its card is titled
    assert [f.id for _, f in missing_required(plan, {"six_months": lacking})] == ["six_months"]
    assert exercise_share(plan, {"six_months": lacking}).answered == 0
    assert exercise_state(plan, {"six_months": lacking}, ExerciseStatus()) is State.IN_PROGRESS  # started
    assert is_complete(field, [SHADOW]) and unfinished_note(field, [SHADOW]) == ""
    assert missing_required(plan, {"six_months": [SHADOW]}) == []
    old = [{"text": "Update my CV", "due": "", "done": True}, {"text": "Ask Sam", "due": "", "done": False}]
    assert unfinished_note(field, old) == 'action 1 needs "Serves" and "How I will know it is done"; ' \
                                          "1 more action too"


def test_an_optional_field_with_details_is_answered_by_an_action_alone(pack):
    field = field_in(pack, "habits")
    assert is_complete(field, [{"text": "Walk at lunch", "due": "", "done": False}])
    assert unfinished_note(field, [{"text": "Walk at lunch", "due": "", "done": False}]) == ""


# --- plain mode --------------------------------------------------------------------------------------------


def test_plain_mode_asks_each_detail_after_the_action_and_keeps_them(pack, store_path):
    out = Console(record=True, width=100, force_terminal=False)
    with typed("Shadow the operations director", ENTER, "The stakeholder gap", ENTER,
               "Two reviews attended", ENTER, "2026-12-05", ENTER, ENTER,  # one action, then an empty one
               ENTER,  # next page
               ENTER, ENTER,  # no habit, nothing else
               ENTER):  # Mark as done
        assert run_plain(pack, store_path, "plan", out, interactive=True) == 0
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months") == [
            {"text": "Shadow the operations director", "due": "2026-12-05", "done": False,
             "details": ["The stakeholder gap", "Two reviews attended"]}]
        assert store.status("plan").done


def test_plain_mode_asks_the_details_an_earlier_action_lacks_and_names_them_when_done_is_refused(pack,
                                                                                                  store_path):
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [{"text": "Update my CV", "due": "", "done": False}])
        store.set_resume_point(ResumePoint("plan", 0, "six_months"))
    out = Console(record=True, width=200, force_terminal=False)
    with typed(ENTER,  # tick none
               "My CV is two years old", ENTER, ENTER,  # "Serves" written, the other left empty
               ENTER, ENTER,  # add no more; next page
               ENTER, ENTER,  # page 2 left as it is
               ENTER,  # Mark as done: refused
               "\x1b[B" * 2, ENTER):  # stop
        assert run_plain(pack, store_path, "plan", out, interactive=True) == 0
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months")[0]["details"] == ["My CV is two years old", ""]
        assert not store.status("plan").done
    assert 'Not done yet. Still empty or unfinished: Actions for the next six months ' \
           '(page 1: action 1 needs "How I will know it is done")' in out.export_text()


def test_ctrl_c_in_plain_mode_keeps_the_action_and_its_half_typed_detail(pack, store_path):
    out = Console(record=True, width=100, force_terminal=False)
    with typed("Shadow the operations director", ENTER, "The stakeholder gap", ENTER, "Two rev", CTRL_C):
        assert run_plain(pack, store_path, "plan", out, interactive=True) == 130
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months") == [
            {"text": "Shadow the operations director", "due": "", "done": False,
             "details": ["The stakeholder gap", "Two rev"]}]


def test_ctrl_c_in_plain_mode_keeps_half_an_action_typed(pack, store_path):
    out = Console(record=True, width=100, force_terminal=False)
    with typed("Shadow the ops", CTRL_C):
        assert run_plain(pack, store_path, "plan", out, interactive=True) == 130
    with Store(store_path, readonly=True) as store:
        assert store.answer("plan", "six_months") == [
            {"text": "Shadow the ops", "due": "", "done": False, "details": ["", ""]}]


# --- worksheets ---------------------------------------------------------------------------------------------


def sheets(pack, store_path, actions, done=False):
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", actions)
        if done:
            store.mark_done("plan")
        return gather(pack, store, [("plan", None)])


def test_markdown_lists_the_details_under_each_action_and_a_line_for_each_missing_one(pack, store_path):
    markdown = render_markdown(sheets(pack, store_path, [
        {**SHADOW, "details": ["The *stakeholder* gap", ""]}]))
    assert "- [ ] Shadow the operations director (by 2026-12-05)\n" \
           "  - Serves (a gap or stepping stone): The \\*stakeholder\\* gap\n" \
           f"  - How I will know it is done: {BLANK_LINE}\n" in markdown
    # The field with no answer: blank actions, each with a blank line per detail.
    assert f"- [ ] {BLANK_LINE}\n  - Why it matters: {BLANK_LINE}\n" in markdown


def test_a_worksheet_marked_done_shows_only_the_details_written(pack, store_path):
    markdown = render_markdown(sheets(pack, store_path, [{**SHADOW, "details": ["The stakeholder gap"]}],
                                      done=True))
    assert "  - Serves (a gap or stepping stone): The stakeholder gap\n" in markdown
    assert "How I will know it is done" not in markdown


def test_html_nests_the_details_in_the_action_escaped(pack, store_path):
    page = render_html(sheets(pack, store_path, [{**SHADOW, "details": ["<b>gap</b>", ""]}]), "Plan")
    assert ('type="checkbox"> Shadow the operations director (by 2026-12-05)\n<ul class="details">\n'
            '<li><span class="detail-label">Serves (a gap or stepping stone):</span> &lt;b&gt;gap&lt;/b&gt;</li>\n'
            '<li><span class="detail-label">How I will know it is done:</span> ____') in page


def test_text_indents_the_details_under_the_action(pack, store_path):
    text = render_text(sheets(pack, store_path, [SHADOW]))
    assert "[ ] Shadow the operations director (by 2026-12-05)\n" \
           "    Serves (a gap or stepping stone): The stakeholder gap\n" \
           "    How I will know it is done: Two reviews attended, notes shared\n" in text


# --- the action list, search ----------------------------------------------------------------------------


def test_the_action_list_carries_the_first_detail_short_and_the_json_all_of_them(pack, store_path):
    long = "The stakeholder management gap, and the first stepping stone: leading the routing project"
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [{**SHADOW, "details": [long, "Two reviews"]}])
        [item] = gather_actions(pack, store)
    assert item.first_detail == "Serves: The stakeholder management gap, and the first stepping…"
    document = actions_document([item], date(2026, 11, 23))
    assert document["actions"][0]["details"] == [{"label": SERVES, "text": long},
                                                 {"label": KNOW, "text": "Two reviews"}]


def test_the_actions_command_prints_what_an_action_serves(pack, store_path):
    from workbook.cli import print_actions

    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [SHADOW])
    out = Console(record=True, width=120, force_terminal=False)
    assert print_actions(pack, store_path, out, include_done=False) == 0
    assert "Serves: The stakeholder gap" in out.export_text()


def test_search_finds_words_written_in_a_detail(pack, store_path):
    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [SHADOW])
        [match] = search(pack, store, "notes shared")
    assert match.field == "six_months" and "Two reviews attended, notes shared" in match.snippet


def test_a_backup_keeps_the_details_and_restores_them_checked_against_the_pack(pack, store_path, tmp_path):
    from datetime import datetime, timezone

    from workbook.export.backup import read_backup, render_backup

    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [SHADOW])
        backup = tmp_path / "backup.json"
        backup.write_text(render_backup(store, datetime(2026, 11, 23, tzinfo=timezone.utc)))
    restored = read_backup(backup, pack)
    assert [doc["value"] for doc in restored["answers"].values() if doc["field"] == "six_months"] == [[SHADOW]]


def test_ticking_or_redating_an_action_from_the_list_keeps_its_details(pack, store_path):
    from workbook.habits import update_action

    with Store(store_path) as store:
        store.set_answer("plan", "six_months", [SHADOW])
        [item] = gather_actions(pack, store)
        update_action(store, update_action(store, item, done=True), due="2026-12-20")
        assert store.answer("plan", "six_months") == [{**SHADOW, "done": True, "due": "2026-12-20"}]
