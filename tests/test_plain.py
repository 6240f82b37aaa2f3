"""`workbook plain`: the exercises as line-by-line prompts, saving each answer as it is given."""

from __future__ import annotations

from rich.console import Console

from tests.prompts import CLEAR_LINE, CTRL_C, DOWN, ENTER, FINISH_TEXT, SPACE, typed
from workbook.plain import run_plain
from workbook.store import ResumePoint, Store


def console() -> Console:
    return Console(record=True, width=100, force_terminal=False)


def test_a_whole_exercise_walked_in_plain_mode_lands_in_the_store(sample_catalog, store_path):
    out = console()
    with typed(
        "Curious engineer", ENTER, "Line one", ENTER, "line two", FINISH_TEXT, "Listening", ENTER, "Writing",
        ENTER, ENTER, ENTER,  # page 1, then "Next page"
        DOWN, ENTER, DOWN, SPACE, ENTER, DOWN * 3, ENTER, ENTER,  # mood Curious, Tech, energy 4, next
        "Python", ENTER, "3", ENTER, "5", ENTER, ENTER,  # one table row, then an empty first cell ends it
        "2026-13-01", ENTER, CLEAR_LINE, "2026-12-01", ENTER,  # a bad date is refused, then fixed
        SPACE, ENTER, "Call Sam", ENTER, "2026-12-05", ENTER, ENTER,  # checklist, one action
        ENTER,  # "Mark as done"
    ):
        assert run_plain(sample_catalog, store_path, "sample", out, interactive=True) == 0
    with Store(store_path, readonly=True) as store:
        assert store.answers("sample") == {
            "headline": "Curious engineer", "story": "Line one\nline two", "strengths": ["Listening", "Writing"],
            "mood": "Curious", "sectors": ["Tech"], "energy": 4, "skills": [["Python", "3", "5"]],
            "review": "2026-12-01", "cv": ["One page"],
            "todo": [{"text": "Call Sam", "due": "2026-12-05", "done": False}],
        }
        assert store.status("sample").done
    text = out.export_text()
    assert "A short exercise that uses each kind of field once." in text  # the intro on a first visit
    # The question on its line, how to answer on the next, as sentences of their own.
    assert "Strengths (required)\nOne a line; an empty line when you are done.\n" in text
    assert 'Skills\nA row at a time; leave "Skill" empty when you are done.\n' in text
    assert "Next actions\nOne at a time; an empty action when you are done.\n" in text
    assert "Sample, page 2 of 3: Choices" in text
    assert "Hello, I am Curious engineer. Next: - [ ] Call Sam (by 2026-12-05)." in text  # compose printed
    assert "Sample is marked done." in text


def test_ctrl_c_keeps_what_was_answered_and_half_typed_and_says_how_to_resume(sample_catalog, store_path):
    out = console()
    with typed("Curious engineer", ENTER, "Half a sto", CTRL_C):
        assert run_plain(sample_catalog, store_path, "sample", out, interactive=True) == 130  # the shell's code
    assert "Everything you answered is saved. To pick up here: workbook plain sample" in out.export_text()
    with Store(store_path, readonly=True) as store:
        assert store.answers("sample") == {"headline": "Curious engineer", "story": "Half a sto"}
        assert store.resume_point() == ResumePoint("sample", 0, "story")


def test_without_an_exercise_it_offers_continue_first_and_keeps_earlier_answers(sample_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "Written in the app")
        store.set_answer("sample", "strengths", ["Listening", "Writing"])
        store.set_resume_point(ResumePoint("sample", 1, "mood"))
    out = console()
    with typed(ENTER, ENTER, ENTER, DOWN * 5, ENTER, DOWN * 2, ENTER):  # Continue; page 2; stop
        assert run_plain(sample_catalog, store_path, None, out, interactive=True) == 0
    with Store(store_path, readonly=True) as store:
        answers = store.answers("sample")
    assert answers["headline"] == "Written in the app" and answers["mood"] == "Stuck"
    assert "energy" not in answers  # "leave it as it is" left it empty
    text = out.export_text()
    assert "page 1 of 3" not in text and "Sample, page 2 of 3" in text
    assert "Saved. To go on later: workbook plain sample" in text


def test_marking_done_with_a_required_answer_missing_names_it(sample_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "x")
        store.set_resume_point(ResumePoint("sample", 2, None))
    out = console()
    # Continue on page 3; leave its four fields empty; "Mark as done" is refused; then stop.
    with typed(ENTER, ENTER * 4, ENTER, DOWN * 2, ENTER):
        assert run_plain(sample_catalog, store_path, None, out, interactive=True) == 0
    text = out.export_text()
    assert "Not done yet. Still empty: Strengths (page 1); How do you feel? (page 2)" in text
    with Store(store_path, readonly=True) as store:
        assert not store.status("sample").done


def test_an_answer_holding_escape_codes_is_printed_as_symbols(sample_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "Lead\x1b]0;PWNED\x07\x1b[2J")
        store.set_resume_point(ResumePoint("sample", 2, None))
    out = console()
    with typed(ENTER, ENTER * 4, DOWN * 2, ENTER):  # Continue on page 3 (its recall shows the headline); stop
        assert run_plain(sample_catalog, store_path, None, out, interactive=True) == 0
    text = out.export_text()
    assert "Lead␛]0;PWNED␇␛[2J" in text and "\x1b" not in text


def test_a_conversation_entry_is_started_from_plain_mode(sample_catalog, store_path):
    out = console()
    with typed(ENTER, "Ada Lovelace", ENTER, ENTER):
        assert run_plain(sample_catalog, store_path, "log", out, interactive=True) == 0
    with Store(store_path, readonly=True) as store:
        [entry] = store.entries("log")
        assert store.answers("log", entry.id) == {"person": "Ada Lovelace"}
        assert store.status("log", entry.id).done


def test_plain_mode_needs_a_terminal_and_a_known_exercise(sample_catalog, store_path):
    out = console()
    assert run_plain(sample_catalog, store_path, "sample", out, interactive=False) == 1
    assert "asks its questions at a terminal" in out.export_text()
    assert run_plain(sample_catalog, store_path, "nope", out, interactive=True) == 1
    assert "there is no exercise 'nope'; choose from sample, log" in out.export_text()
    assert not store_path.exists()


def test_changing_an_answer_from_an_earlier_sitting_asks_why(sample_catalog, store_path):
    from datetime import datetime, timezone

    with Store(store_path, clock=lambda: datetime(2026, 1, 5, tzinfo=timezone.utc)) as store:
        store.set_answer("sample", "headline", "Curious engineer")
        store.set_resume_point(ResumePoint("sample", 0, "headline"))
    out = console()
    with typed(ENTER, CLEAR_LINE, "Engineering lead", ENTER, "Two projects led", ENTER, CTRL_C):
        run_plain(sample_catalog, store_path, None, out, interactive=True)
    with Store(store_path, readonly=True) as store:
        [revision] = store.revisions("sample", "headline")
        assert (revision.value, revision.reason) == ("Curious engineer", "Two projects led")
        assert store.answer("sample", "headline") == "Engineering lead"


NOTE = '''id = "note"
title = "Note"
intro = "A message to someone."

[[pages]]
id = "p1"
title = "Write"

  [[pages.fields]]
  id = "who"
  kind = "line"
  label = "Who to?"

  [[pages.fields]]
  id = "message"
  kind = "compose"
  label = "Your message"
  template = """Hi {who:first_name},

Best wishes,
{@your_name}"""
'''


def test_plain_mode_asks_the_name_that_signs_a_draft_once_and_keeps_it(tmp_path, store_path):
    from workbook.exercises import load_catalog

    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "note.toml").write_text(NOTE)
    catalog = load_catalog([tmp_path / "packs"])
    out = console()
    with typed("Ada Okafor", ENTER, "Sam Rivers", ENTER, CTRL_C):
        assert run_plain(catalog, store_path, "note", out, interactive=True) == 130
    assert "Hi Ada,\n\nBest wishes,\nSam Rivers" in out.export_text()
    with Store(store_path, readonly=True) as store:
        assert store.setting("your_name", None) == "Sam Rivers"
    out = console()
    with typed(ENTER, CTRL_C):  # keeps "Ada Okafor"; the name is not asked again
        assert run_plain(catalog, store_path, "note", out, interactive=True) == 130
    assert "Hi Ada,\n\nBest wishes,\nSam Rivers" in out.export_text()


def test_a_done_exercise_is_not_marked_done_again(sample_catalog, store_path):
    from datetime import datetime, timezone

    with Store(store_path, clock=lambda: datetime(2026, 1, 5, tzinfo=timezone.utc)) as store:
        store.set_answer("sample", "headline", "x")  # every required answer there: it could be marked done again
        store.set_answer("sample", "strengths", ["Listening", "Writing"])
        store.set_answer("sample", "mood", "Ready")
        store.mark_done("sample")
        store.set_resume_point(ResumePoint("sample", 2, None))
    out = console()
    # Continue on page 3; leave its four fields as they are; the first choice is Finish, not Mark as done.
    with typed(ENTER, ENTER * 4, ENTER):
        assert run_plain(sample_catalog, store_path, None, out, interactive=True) == 0
    text = out.export_text()
    assert "Sample is marked done: what you change is saved, and it stays done." in text
    assert "Saved; Sample is still marked done. Export it with: workbook export sample" in text
    with Store(store_path, readonly=True) as store:
        assert store.status("sample").completed_at == datetime(2026, 1, 5, tzinfo=timezone.utc), "not stamped again"


def test_the_commands_it_suggests_name_the_store_quoted_for_the_shell(sample_catalog, tmp_path):
    store_path = tmp_path / "my files" / "it's.json"
    options = ["--store", str(store_path)]
    out = console()
    with typed("Curious engineer", ENTER, CTRL_C):
        assert run_plain(sample_catalog, store_path, "sample", out, interactive=True, options=options) == 130
    # Continue on page 1 where it stopped: keep the headline, no story, no strengths; then "Stop here".
    with typed(ENTER, ENTER, FINISH_TEXT, ENTER, DOWN, ENTER):
        run_plain(sample_catalog, store_path, None, out, interactive=True, options=options)
    text = out.export_text()
    quoted = "'" + str(store_path).replace("'", "'\"'\"'") + "'"
    assert f"To pick up here: workbook --store {quoted} plain sample" in text
    assert f"Saved. To go on later: workbook --store {quoted} plain sample" in text


def test_a_done_exercise_is_not_offered_as_continue(sample_catalog, store_path):
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "x")
        store.mark_done("sample")
        store.set_resume_point(ResumePoint("sample", 2, None))
    out = console()
    # No "Continue" first: one step down the list is the log, not Sample; start an entry there, then stop.
    with typed(DOWN, ENTER, ENTER, CTRL_C):
        assert run_plain(sample_catalog, store_path, None, out, interactive=True) == 130
    with Store(store_path, readonly=True) as store:
        assert len(store.entries("log")) == 1
