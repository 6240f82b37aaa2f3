"""Pages shown only for some answers (a page's `when`): the loader's rules, the one pure rule, and what
progress, plain mode and worksheets make of it."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rich.console import Console

from tests.conftest import FIXTURES
from tests.prompts import DOWN, ENTER, FINISH_TEXT, typed
from workbook.exercises import Condition, load_catalog, load_file
from workbook.export import Format, build_export
from workbook.plain import run_plain
from workbook.progress import (
    checked_resume_point,
    exercise_share,
    hidden_page_note,
    missing_required,
    page_place,
)
from workbook.store import ResumePoint, Store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)

HEAD = '''id = "x"
title = "X"
intro = "."

[[pages]]
id = "first"
title = "First"

  [[pages.fields]]
  id = "kind"
  kind = "choice"
  label = "Kind"
  options = ["A", "B"]

  [[pages.fields]]
  id = "note"
  kind = "text"
  label = "Note"
'''


@pytest.fixture
def talk_catalog():
    catalog = load_catalog([FIXTURES / "conditional"])
    assert not catalog.errors
    return catalog


@pytest.fixture
def talk(talk_catalog):
    return talk_catalog.get("talk")


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "x.toml"
    path.write_text(text)
    exercise, errors = load_file(path)
    assert exercise is None
    return [str(error) for error in errors]


def later_page(when: str, fields: str = '') -> str:
    return HEAD + f'''
[[pages]]
id = "second"
title = "Second"
when = {when}
{fields}
  [[pages.fields]]
  id = "more"
  kind = "line"
  label = "More"
'''


@pytest.mark.parametrize(("when", "message"), [
    ('"kind"', "when must be a table with exactly the keys field and is"),
    ('{ field = "kind" }', "when must be a table with exactly the keys field and is"),
    ('{ field = "kind", is = ["A"], also = 1 }', "when must be a table with exactly the keys field and is"),
    ('{ field = "nothing", is = ["A"] }', "when names field 'nothing', which is not on an earlier page"),
    ('{ field = "more", is = ["A"] }', "when names field 'more', which is not on an earlier page"),
    ('{ field = "note", is = ["A"] }', "when names 'note', a text field; name a choice or multi field"),
    ('{ field = "kind", is = [] }', "when's is must be a list of options of 'kind'"),
    ('{ field = "kind", is = "A" }', "when's is must be a list of options of 'kind'"),
    ('{ field = "kind", is = [1] }', "when's is must be a list of options of 'kind'"),
    ('{ field = "kind", is = ["a"] }', "when's is lists 'a', which is not an option of 'kind'; use some of: 'A', 'B'"),
    ('{ field = "kind", is = ["A", "A"] }', "when's is lists the same option twice"),
])
def test_each_rule_of_when_is_one_clear_error_naming_file_and_page(tmp_path, when, message):
    [error] = errors_of(tmp_path, later_page(when))
    assert error.startswith("x.toml, page 'second': ") and message in error


def test_a_field_on_a_later_page_is_refused_too(tmp_path):
    text = HEAD + '''
[[pages]]
id = "middle"
title = "Middle"
when = { field = "late", is = ["A"] }

  [[pages.fields]]
  id = "m"
  kind = "line"
  label = "M"

[[pages]]
id = "end"
title = "End"

  [[pages.fields]]
  id = "late"
  kind = "choice"
  label = "Late"
  options = ["A", "B"]
'''
    [error] = errors_of(tmp_path, text)
    assert "page 'middle': when names field 'late', which is not on an earlier page" in error


def test_the_first_page_cannot_have_when(tmp_path):
    text = HEAD.replace('title = "First"', 'title = "First"\nwhen = { field = "kind", is = ["A"] }')
    [error] = errors_of(tmp_path, text)
    assert error == "x.toml, page 'first': the first page is always shown and cannot have when; remove it"


def test_a_good_when_loads_as_a_condition(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(later_page('{ field = "kind", is = ["B"] }'))
    exercise, errors = load_file(path)
    assert errors == [] and exercise is not None
    assert exercise.pages[1].when == Condition("kind", ("B",)) and exercise.pages[0].when is None


def test_the_rule_choice_multi_unanswered_and_a_condition_on_a_hidden_page(talk):
    def shown(answers):
        return [page.id for page in talk.shown_pages(answers)]

    assert shown({}) == ["kind", "wrap"]  # unanswered: hidden
    assert shown({"kind": "Manager"}) == ["kind", "boss", "wrap"]
    assert shown({"kind": "Mentor"}) == ["kind", "story", "wrap"]
    assert shown({"kind": "Peer", "topics": ["Pay"]}) == ["kind", "story", "wrap"]
    assert shown({"kind": "Peer", "topics": ["Pay", "Skills"]}) == ["kind", "story", "moves", "wrap"]  # includes one
    assert shown({"kind": "Manager", "boss_mood": "Badly"}) == ["kind", "boss", "after_bad", "wrap"]
    # The answer that shows "after_bad" is kept on a page now hidden: it no longer counts.
    assert shown({"kind": "Peer", "boss_mood": "Badly"}) == ["kind", "story", "wrap"]
    assert talk.pages[1].shown_for({"kind": "Manager"}) and not talk.pages[1].shown_for({"kind": ""})
    assert talk.shown_indexes({"kind": "Peer"}) == [0, 2, 5]
    assert talk.nearest_shown(1, {"kind": "Peer"}) == 2 and talk.nearest_shown(4, {"kind": "Peer"}) == 5


def test_required_fields_on_hidden_pages_count_nowhere(talk):
    manager = {"kind": "Manager", "boss_view": "Keen", "summary": "Good", "story": ""}
    assert missing_required(talk, manager) == []  # "story" is required, on a page a manager talk hides
    assert exercise_share(talk, manager).total == 3 and exercise_share(talk, manager).ratio == 1.0
    peer = {**manager, "kind": "Peer"}
    assert [field.id for _, field in missing_required(talk, peer)] == ["story"]
    assert exercise_share(talk, peer).answered == 2


def test_page_numbers_count_the_shown_pages_and_a_hidden_point_lands_nearby(talk, talk_catalog):
    peer = {"kind": "Peer"}
    assert page_place(talk, 2, peer) == (2, 3) and page_place(talk, 5, peer) == (3, 3)
    assert page_place(talk, 1, peer) == (2, 3)  # a hidden page is numbered as the page it lands on
    point = checked_resume_point(talk_catalog, ResumePoint("talk", 1, "boss_view"), answers=peer)
    assert point == ResumePoint("talk", 2)
    assert checked_resume_point(talk_catalog, ResumePoint("talk", 1, "boss_view")) == \
        ResumePoint("talk", 1, "boss_view")  # without the answers, as before
    note = hidden_page_note(talk, 1, peer)
    assert note == ('"Your manager\'s view" is only for "Who with?" "Manager": that answer, on page 1, brings it '
                    "back. Nothing on it is lost.")
    assert hidden_page_note(talk, 2, peer) == ""


def sheet(catalog, store) -> str:
    return build_export(catalog, store, [("talk", None)], Format.MARKDOWN, NOW).content


def test_a_filled_worksheet_leaves_out_the_pages_its_answers_hide(talk_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("talk", "kind", "Peer")
        store.set_answer("talk", "topics", ["Pay"])
        store.set_answer("talk", "boss_view", "Kept from when it was a manager talk")
        store.set_answer("talk", "story", "Started in sales")
        markdown = sheet(talk_catalog, store)
    assert "## 2. Their story" in markdown and "Started in sales" in markdown and "## 3. Wrap up" in markdown
    assert "Your manager's view" not in markdown and "Kept from when" not in markdown
    assert not re.search(r"^## \d+\. Moves", markdown, re.MULTILINE) and "Only for" not in markdown


def test_a_blank_worksheet_prints_every_page_saying_when_it_applies(talk_catalog, store_path):
    with Store(store_path) as store:
        markdown = sheet(talk_catalog, store)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## 1. Which talk", "## 2. Your manager's view", "## 3. Their story", "## 4. Moves",
                        "## 5. After a bad talk", "## 6. Wrap up"]
    assert "## 2. Your manager's view\n\n*Only for: Manager*\n\n### What your manager said" in markdown
    assert "## 3. Their story\n\n*Only for: Peer or Mentor*" in markdown
    assert "## 4. Moves\n\n*Only for: Moves or Skills*" in markdown
    assert markdown.count("Only for") == 4


def test_plain_mode_asks_the_condition_first_then_only_the_pages_it_shows(talk_catalog, store_path):
    out = Console(record=True, width=100, force_terminal=False)
    with typed(
        DOWN, ENTER, ENTER, ENTER,  # Who with? Peer; no topics; "Next page"
        "Started in sales", FINISH_TEXT, ENTER,  # their story; "Next page"
        "Went well", FINISH_TEXT, ENTER,  # the summary; "Mark as done"
    ):
        assert run_plain(talk_catalog, store_path, "talk", out, interactive=True) == 0
    text = out.export_text()
    # Before "Who with?" is answered the talk has two pages; the answer adds one.
    assert "Talk, page 1 of 2: Which talk" in text and "Talk, page 2 of 3: Their story" in text
    assert "Talk, page 3 of 3: Wrap up" in text and "Your manager's view" not in text
    with Store(store_path, readonly=True) as store:
        assert store.answers("talk") == {"kind": "Peer", "topics": [], "story": "Started in sales",
                                         "summary": "Went well"}
        assert store.status("talk").done


def test_the_prep_sheet_holds_what_the_talk_asks_and_not_a_hidden_page(shipped_catalog, store_path):
    from workbook.export.prep import prep_sheet

    with Store(store_path) as store:
        store.set_answer("mapping", "success", "Trusted with hard problems")
        store.set_answer("planning", "learn_most", "How to run a budget")
        entry = store.start_entry("conversation").id
        for field, value in [("person", "Priya Shah"), ("kind", "With my manager"), ("learn", "Which teams grow"),
                             ("ask_manager", "An introduction"), ("beyond_here_safe", "Not yet"),
                             ("beyond_here_words", "Say I want to lead a team")]:
            store.set_answer("conversation", field, value, entry)
        manager = prep_sheet(shipped_catalog, store, entry).markdown
        store.set_answer("conversation", "kind", "With a mentor", entry)
        mentor = prep_sheet(shipped_catalog, store, entry).markdown
    assert "An introduction" in manager and "Not yet" in manager and "Say I want to lead a team" in manager
    assert "Which teams grow" in mentor and "An introduction" not in mentor and "Not yet" not in mentor
    # What the talk's pages recall: success (on the manager's page only) and what you most want to learn.
    assert "### Success, as you define it (from Mapping)\n\nTrusted with hard problems" in manager
    assert "Trusted with hard problems" not in mentor
    for sheet in (manager, mentor):
        assert "### What you most want to learn in the next two years (from Planning)\n\nHow to run a budget" \
            in sheet
        assert sheet.count("My five-year destination") == 1  # recalled too, but shown once, under its heading


def test_search_still_finds_an_answer_on_a_page_the_answers_hide(talk_catalog, store_path):
    from workbook.output import search_document
    from workbook.search import search

    with Store(store_path) as store:
        store.set_answer("talk", "kind", "Manager")
        store.set_answer("talk", "boss_view", "Wants me on the routing project")
        store.set_answer("talk", "kind", "Peer")  # the page of boss_view is hidden now; its answer is kept
        assert store.answer("talk", "boss_view") == "Wants me on the routing project"
        [hit] = search(talk_catalog, store, "routing")
        store.set_answer("talk", "summary", "Routing came up again")
        wrap = next(match for match in search(talk_catalog, store, "routing") if match.field == "summary")
    assert (hit.exercise, hit.page, hit.field) == ("talk", 1, "boss_view") and "Your manager's view" in hit.where
    # The number the app shows: none for the hidden page; the last page is page 3 of 3 for a peer, not 6.
    assert hit.shown_page is None and (wrap.page, wrap.shown_page) == (5, 3)
    document = search_document("routing", [hit, wrap])
    assert [match["page"] for match in document["matches"]] == [None, 3]
