"""An exercise in more than one sitting: the `sitting` key of a page, what progress makes of it, and how the
command line, plain mode and exports show it. The pack is tests/fixtures/sittings (Journey: pages 1-2 in
sitting 1, pages 3-4 in sitting 2 "After your conversations"; Single: one page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from tests.prompts import DOWN, ENTER, FINISH_TEXT, typed
from tests.test_exercises import GOOD_HEADER, errors_of
from workbook.cli import main
from workbook.exercises import Catalog, load_catalog
from workbook.export import gather
from workbook.export.markdown import render_markdown
from workbook.plain import run_plain
from workbook.progress import (
    continue_where,
    ends_a_sitting,
    missing_in_sitting,
    next_sitting,
    next_sitting_when,
    overview,
    sitting_complete,
    sittings_complete,
    sittings_plan,
    where_in_sittings,
)
from workbook.store import ResumePoint, Store

PACK = Path(__file__).parent / "fixtures" / "sittings"
SITTING_ONE = {"destination": "Lead a small data team in health.", "road": ["Mentor two analysts"]}


@pytest.fixture
def pack() -> Catalog:
    catalog = load_catalog([PACK])
    assert not catalog.errors
    return catalog


def pages(*sittings: str) -> str:
    """A file whose pages carry these lines (`sitting = 2`, ...), one page each."""
    text = GOOD_HEADER
    for number, line in enumerate(sittings, start=1):
        text += f"""
[[pages]]
id = "p{number}"
title = "Page {number}"
{line}
  [[pages.fields]]
  id = "f{number}"
  kind = "line"
  label = "Answer {number}"
"""
    return text


# --- the exercise format -------------------------------------------------------------


def test_the_pack_loads_into_two_sittings(pack):
    journey = pack.get("journey")
    assert [(s.number, s.pages, s.note) for s in journey.sittings()] == [
        (1, (0, 1), ""), (2, (2, 3), "After your conversations")]
    assert journey.sitting_of(3).number == 2
    assert [(s.number, s.pages) for s in pack.get("single").sittings()] == [(1, (0,))]


@pytest.mark.parametrize("lines, expected", [
    (("sitting = 2", ""), "broken.toml, page 'p1': the first page must be in sitting 1, not 2; remove its sitting"),
    (("", "sitting = 3"), "broken.toml, page 'p2': sitting jumps from 1 to 3; number the sittings without a gap "
                          "(sitting = 2)"),
    (("", "sitting = 2", "sitting = 1"), "broken.toml, page 'p3': sitting goes back from 2 to 1; keep each "
                                         "sitting's pages together, in order"),
    (("sitting = 0",), "broken.toml, page 'p1': sitting must be 1 or more"),
    (("", 'sitting = "2"'), "broken.toml, page 'p2': sitting must be a whole number, not str"),
    (("", "sitting = true"), "broken.toml, page 'p2': sitting must be a whole number, not bool"),
    (('sitting_note = "Later"', ""), "broken.toml, page 'p1': sitting_note says when to come back, so it belongs "
                                     "only on the first page of sitting 2 or later; move it there or remove it"),
    (("", 'sitting = 2\nsitting_note = "A"', 'sitting = 2\nsitting_note = "B"'),
     "broken.toml, page 'p3': sitting_note says when to come back, so it belongs only on the first page of "
     "sitting 2 or later; move it there or remove it"),
    (("", 'sitting = 2\nsitting_note = """After\nthe talks"""'),
     "broken.toml, page 'p2': sitting_note is one line; write it on one line"),
    (("", "sitting = 2\nsitting_note = 3"), "broken.toml, page 'p2': sitting_note must be text in quotes, not int"),
])
def test_sitting_rules_name_the_page_and_what_to_write(tmp_path, lines, expected):
    assert expected in errors_of(tmp_path, pages(*lines))


def test_sittings_in_order_load(tmp_path):
    from workbook.exercises import load_file

    (tmp_path / "ok.toml").write_text(pages("", "sitting = 2\nsitting_note = \"After the talks\"", "sitting = 2",
                                            "sitting = 3"), encoding="utf-8")
    exercise, errors = load_file(tmp_path / "ok.toml")
    assert errors == [] and [s.pages for s in exercise.sittings()] == [(0,), (1, 2), (3,)]


# --- progress ------------------------------------------------------------------------


def test_a_sitting_is_complete_when_its_required_answers_are_written(pack):
    journey = pack.get("journey")
    first, second = journey.sittings()
    assert sittings_complete(journey, {}) == 0 and next_sitting(journey, {}) == first
    assert [field.id for _, field in missing_in_sitting(journey, {"road": ["x"]}, first)] == ["destination"]
    assert sitting_complete(journey, SITTING_ONE, first) and not sitting_complete(journey, SITTING_ONE, second)
    assert sittings_complete(journey, SITTING_ONE) == 1 and next_sitting(journey, SITTING_ONE) == second
    everything = SITTING_ONE | {"heard": "Start in operations.", "changes": "Ask for the messy projects"}
    assert sittings_complete(journey, everything) == 2 and next_sitting(journey, everything) is None
    # The second sitting alone is a complete sitting too: one of two.
    assert sittings_complete(journey, {"heard": "x", "changes": "y"}) == 1


def test_a_sitting_that_requires_nothing_is_complete_once_something_is_written(tmp_path):
    from workbook.exercises import load_file

    (tmp_path / "free.toml").write_text(pages("", "sitting = 2"), encoding="utf-8")
    exercise, _ = load_file(tmp_path / "free.toml")
    assert sittings_complete(exercise, {}) == 0
    assert sittings_complete(exercise, {"f2": "later"}) == 1


def test_the_words_for_sittings(pack):
    journey, single = pack.get("journey"), pack.get("single")
    assert sittings_plan(journey) == ("Two sittings of about 45 minutes: first, pages 1-2 (The destination, The "
                                      "road); second, after your conversations, pages 3-4 (Feedback, What "
                                      "changes).")
    assert sittings_plan(single) == "About 20 minutes · 1 page"  # as the intro said before sittings
    assert [where_in_sittings(journey, page, {}) for page in (1, 2)] == ["Sitting 1 of 2 · page 2 of 4",
                                                                    "Sitting 2 of 2 · page 3 of 4"]
    assert where_in_sittings(single, 0, {}) == "Page 1 of 1"
    assert [ends_a_sitting(journey, page) for page in range(4)] == [False, True, False, False]
    assert [continue_where(journey, page, {}) for page in (-1, 1, 2, 3)] == [
        "the introduction", "page 2 of 4", "sitting 2 of 2", "page 4 of 4"]
    assert next_sitting_when(journey, 2) == " The second sitting of Journey is for after your conversations."
    assert next_sitting_when(journey, 3) == next_sitting_when(journey, 1) == ""


def test_overview_counts_the_sittings_of_an_exercise_in_progress(pack, store_path):
    with Store(store_path, catalog=pack) as store:
        for field, value in SITTING_ONE.items():
            store.set_answer("journey", field, value)
        store.set_answer("single", "answer", "Yes")
        rows = {row.exercise.id: row for row in overview(pack, store)}
    assert (rows["journey"].sittings_done, rows["journey"].sittings_shown) == (1, 2)
    assert rows["single"].sittings_shown == 0  # one sitting: nothing to say


# --- status, plain mode, exports -------------------------------------------------------


def test_status_says_how_many_sittings_are_complete(capsys, pack, store_path):
    with Store(store_path, catalog=pack) as store:
        for field, value in SITTING_ONE.items():
            store.set_answer("journey", field, value)
    assert main(["--exercises", str(PACK), "--store", str(store_path), "status"]) == 0
    table = capsys.readouterr().out.splitlines()
    journey = next(index for index, line in enumerate(table) if "Journey" in line)
    assert "in progress" in table[journey] and "1 of 2 sittings" in table[journey + 1]  # in the State column
    assert "sittings" not in next(line for line in table if "Single" in line)
    assert main(["--exercises", str(PACK), "--store", str(store_path), "status", "--json"]) == 0
    by_id = {item["id"]: item for item in json.loads(capsys.readouterr().out)["exercises"]}
    assert (by_id["journey"]["sittings"], by_id["journey"]["sittings_complete"]) == (2, 1)
    assert "sittings" not in by_id["single"]


def console() -> Console:
    return Console(record=True, width=200, force_terminal=False)


def test_plain_mode_finishes_a_sitting_and_picks_up_at_the_next(pack, store_path):
    out = console()
    with typed("A data team", FINISH_TEXT, ENTER,  # page 1, then Next page
               "Mentor", ENTER, ENTER, "", ENTER,  # page 2: one stepping stone, no worry
               DOWN, ENTER):  # "Finish sitting 1 here"
        assert run_plain(pack, store_path, "journey", out, interactive=True) == 0
    text = out.export_text()
    assert "Two sittings of about 45 minutes" in text  # the intro says the sittings
    assert "Journey, sitting 1 of 2 · page 2 of 4: The road" in text
    assert ("Sitting 1 of 2 is finished and saved. Next time (after your conversations) you pick up at page 3, "
            "Feedback: workbook plain journey") in text
    with Store(store_path, readonly=True) as store:
        assert store.resume_point() == ResumePoint("journey", 2, None)
        assert not store.status("journey").done
    out = console()
    with typed(FINISH_TEXT, DOWN * 2, ENTER):  # the next run starts on page 3: nothing written, stop there
        assert run_plain(pack, store_path, "journey", out, interactive=True) == 0
    assert "Journey, sitting 2 of 2 · page 3 of 4: Feedback" in out.export_text()


def test_plain_mode_will_not_finish_a_sitting_with_a_required_answer_empty(pack, store_path):
    with Store(store_path) as store:
        store.set_answer("journey", "destination", "A data team")
        store.set_resume_point(ResumePoint("journey", 1, None))
    out = console()
    with typed(ENTER, "", ENTER,  # page 2 left empty
               DOWN, ENTER,  # "Finish sitting 1 here": refused
               DOWN * 3, ENTER):  # Go to page 2, Finish sitting 1, Back a page, Stop: stop
        assert run_plain(pack, store_path, "journey", out, interactive=True) == 0
    assert "This sitting is not finished yet. Still empty: Stepping stones (page 2)" in out.export_text()
    with Store(store_path, readonly=True) as store:
        assert store.resume_point().page == 1


def test_a_worksheet_heads_each_sitting_and_a_draft_says_them(pack, store_path):
    with Store(store_path, catalog=pack) as store:
        store.set_answer("journey", "destination", "A data team")
        markdown = render_markdown(gather(pack, store, [("journey", None), ("single", None)]))
    journey, single = markdown.split("\n---\n")
    assert "Two sittings of about 45 minutes: first, pages 1-2" in journey
    assert journey.index("*Sitting 1 of 2*") < journey.index("## 1. The destination")
    assert journey.index("## 2. The road") < journey.index("*Sitting 2 of 2, after your conversations*") \
        < journey.index("## 3. Feedback")
    assert "Sitting" not in single
