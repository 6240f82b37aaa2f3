"""Exports: each format for a filled and an empty worksheet, escaping, and the JSON backup round trip."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workbook.export import Format, ScopeError, build_export, free_path, slug, write_export
from workbook.export.backup import BackupError, read_backup, render_backup
from workbook.export.worksheet import resolve_names
from workbook.store import SCHEMA_VERSION, Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
HOSTILE = [
    "<script>alert('x')</script>",
    "</td><td>escaped cell",
    "a | b || c",
    "# not a heading",
    "- not a list",
    "1. not numbered",
    "[a link](javascript:alert(1))",
    "**not bold** and _not em_ and `not code`",
    "&amp; stays as typed",
    "ends with a backslash \\",
    "---",
    "> not a quote",
]
PARSER = MarkdownIt("js-default")


def fill_sample(store: Store, headline: str = "Curious engineer") -> None:
    store.set_answer("sample", "headline", headline)
    store.set_answer("sample", "story", "First line\nsecond line\n\nA new paragraph")
    store.set_answer("sample", "strengths", ["Listening", "Writing"])
    store.set_answer("sample", "mood", "Curious")
    store.set_answer("sample", "sectors", ["Tech"])
    store.set_answer("sample", "energy", 4)
    store.set_answer("sample", "skills", [["Python", "3", "5"], ["", "", ""]])
    store.set_answer("sample", "review", "2026-12-01")
    store.set_answer("sample", "cv", ["One page"])
    store.set_answer("sample", "todo", [{"text": "Call Sam", "due": "2026-12-05", "done": True},
                                        {"text": "Rewrite CV", "due": "", "done": False}])


def export(catalog, store, format: Format, selection=(("sample", None),)) -> str:
    return build_export(catalog, store, list(selection), format, NOW).content


def tags(markdown: str) -> list[str]:
    return [token.tag for token in PARSER.parse(markdown) if token.nesting == 1]


def inline_texts(markdown: str, after: str) -> list[str]:
    """The text of each inline token that follows an opening `after` tag (e.g. every h3's text)."""
    tokens = PARSER.parse(markdown)
    return [tokens[i + 1].content for i, token in enumerate(tokens) if token.tag == after and token.nesting == 1]


def plain_text(rendered_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html))


def test_markdown_of_a_filled_exercise_is_a_structured_worksheet(sample_catalog, store_path):
    with Store(store_path, clock=lambda: NOW) as store:
        fill_sample(store)
        store.mark_done("sample")
        markdown = export(sample_catalog, store, Format.MARKDOWN)
    exercise = sample_catalog.get("sample")
    assert inline_texts(markdown, "h1") == ["Sample"]
    assert inline_texts(markdown, "h2") == ["1. Words", "2. Choices", "3. Structure"]
    assert inline_texts(markdown, "h3") == [field.label for field in exercise.fields()]
    assert "Done, last changed 2026-11-23." in markdown
    assert "Draft" not in markdown
    rendered = PARSER.render(markdown)
    assert "First line<br>\nsecond line</p>\n<p>A new paragraph</p>" in rendered
    assert "<td>Python</td>\n<td>3</td>\n<td>5</td>" in rendered
    assert rendered.count("<tr>") == 2  # the header and the one filled row; the empty row is left out
    assert "- [x] Call Sam (by 2026-12-05)\n- [ ] Rewrite CV" in markdown
    assert "- [x] Tech" in markdown and "- [ ] Health" in markdown  # every option, the chosen ticked
    assert "4 on a scale of 1 to 5 (1 = drained, 5 = energised)" in markdown
    # compose as a quote; a "-" mid-line is left as written, one that would start a list is escaped
    assert "> Hello, I am Curious engineer. Next: - [x] Call Sam (by 2026-12-05)  \n> \\- [ ] Rewrite CV" in markdown
    assert "<blockquote>\n<p>Curious engineer</p>" in rendered  # the recall


def test_markdown_of_an_empty_exercise_is_a_blank_worksheet_marked_draft(sample_catalog, store_path):
    with Store(store_path) as store:
        markdown = export(sample_catalog, store, Format.MARKDOWN)
    assert "Draft, not marked done yet. Empty answers are left blank to fill in." in markdown
    rendered = PARSER.render(markdown)
    blank_line = "_" * 40
    assert rendered.count(blank_line) >= 1 + 3 + 3 + 1  # headline, story, strengths, review
    assert "- [ ] Stuck\n- [ ] Curious\n- [ ] Ready" in markdown  # a choice to tick on paper
    assert "Circle one: 1   2   3   4   5 (1 = drained, 5 = energised)" in markdown
    assert rendered.count("<tr>") == 4  # the skills table: a header and three rows to fill in
    assert "Nothing to show yet" in markdown  # recall and compose with nothing to draw on
    assert inline_texts(markdown, "h3") == [field.label for field in sample_catalog.get("sample").fields()]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_answer_can_break_out_of_its_place_in_markdown(sample_catalog, store_path, hostile):
    with Store(store_path) as store:
        fill_sample(store, headline=hostile)
        store.set_answer("sample", "story", f"{hostile}\n{hostile}")
        store.set_answer("sample", "strengths", [hostile, "Writing"])
        store.set_answer("sample", "skills", [[hostile, hostile, "5"]])
        store.set_answer("sample", "todo", [{"text": hostile, "due": "", "done": False}])
        markdown = export(sample_catalog, store, Format.MARKDOWN)
    opened = tags(markdown)
    assert (opened.count("h1"), opened.count("h2"), opened.count("h3")) == (1, 3, 12)
    assert opened.count("table") == 1 and opened.count("a") == 0 and opened.count("blockquote") == 2
    tokens = PARSER.parse(markdown)
    cells = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "td" and t.nesting == 1]
    assert len(cells) == 3, "a cell's text never opens another cell"
    rendered = PARSER.render(markdown)
    text = plain_text(rendered)
    assert text.count(hostile.strip()) >= 5  # headline, story twice, a strength, a cell... all verbatim


@pytest.mark.parametrize("hostile", HOSTILE)
def test_html_escapes_every_answer(sample_catalog, store_path, hostile):
    with Store(store_path) as store:
        fill_sample(store, headline=hostile)
        store.set_answer("sample", "skills", [[hostile, "3", "5"]])
        page = export(sample_catalog, store, Format.HTML)
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page and "</td><td>" not in page and "javascript:" not in page.replace(
        "(javascript:alert(1))", "")
    assert page.count("<td>") == 3
    assert hostile.strip() in plain_text(page)


def test_html_title_and_a_hostile_exercise_title_are_escaped(tmp_path, store_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "evil.toml").write_text('''
id = "evil"
title = "<img src=x onerror=alert(1)>"
intro = "<script>bad()</script>"
[[pages]]
id = "p"
title = "</h2><script>x()</script>"
  [[pages.fields]]
  id = "f"
  kind = "line"
  label = "<b>label</b>"
''')
    from workbook.exercises import load_catalog

    catalog = load_catalog([folder])
    with Store(store_path) as store:
        page = export(catalog, store, Format.HTML, [("evil", None)])
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page


def test_plain_text_shows_answers_and_blanks(sample_catalog, store_path):
    with Store(store_path) as store:
        fill_sample(store)
        text = export(sample_catalog, store, Format.TEXT)
        store.set_answer("sample", "headline", "")
        blank = export(sample_catalog, store, Format.TEXT)
    assert text.startswith("Sample\n======\n")
    assert "1. Words\n--------" in text
    assert "Your headline\n\nCurious engineer" in text
    assert "[x] Call Sam (by 2026-12-05)" in text
    assert "- Skill: Python; Now: 3; Needed: 5" in text
    assert "  | Hello, I am Curious engineer." in text
    assert "Your headline\n\n" + "_" * 40 in blank


def test_control_characters_never_reach_a_worksheet(sample_catalog, store_path):
    with Store(store_path) as store:
        fill_sample(store, headline="bell\x07 escape\x1b[31m red\x00")
        for format in (Format.MARKDOWN, Format.TEXT, Format.HTML):
            content = export(sample_catalog, store, format)
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", content)
            assert "bell escape[31m red" in html.unescape(content).replace("\\", "")


def test_scopes_one_exercise_the_log_one_entry_and_done(sample_catalog, store_path):
    with Store(store_path) as store:
        fill_sample(store)
        store.mark_done("sample")
        first = store.start_entry("log")
        store.set_answer("log", "person", "Priya Shah", first.id)
        second = store.start_entry("log")
        store.set_answer("log", "person", "Sam Lee", second.id)
        store.mark_done("log", second.id)
        assert resolve_names(sample_catalog, store, ["log:priya"]) == [("log", first.id)]
        assert resolve_names(sample_catalog, store, ["done"]) == [("sample", None), ("log", second.id)]
        assert resolve_names(sample_catalog, store, ["all"]) == [("sample", None), ("log", None)]
        whole_log = export(sample_catalog, store, Format.MARKDOWN, [("log", None)])
        assert inline_texts(whole_log, "h1")[0].endswith("Priya Shah")
        assert len(inline_texts(whole_log, "h1")) == 2
        one = build_export(sample_catalog, store, [("log", second.id)], Format.MARKDOWN, NOW)
        assert one.title.startswith("Log: ") and one.title.endswith("Sam Lee")
        assert one.suggested_name.startswith("log-") and one.suggested_name.endswith("sam-lee-2026-11-23.md")
        everything = build_export(sample_catalog, store, [("sample", None), ("log", None)], Format.HTML, NOW)
        assert everything.suggested_name == "career-workbook-2026-11-23.html"
        with pytest.raises(ScopeError, match="choose from sample, log, done or all"):
            resolve_names(sample_catalog, store, ["nope"])
        with pytest.raises(ScopeError, match="matches 'zed'"):
            resolve_names(sample_catalog, store, ["log:zed"])
        with pytest.raises(ScopeError, match="nothing to export"):
            build_export(sample_catalog, store, [], Format.MARKDOWN, NOW)


def test_writing_never_overwrites_unless_asked(tmp_path):
    target = tmp_path / "docs" / "sample-2026-11-23.md"
    write_export(target, "first")
    with pytest.raises(FileExistsError):
        write_export(target, "second")
    assert target.read_text() == "first"
    assert free_path(target).name == "sample-2026-11-23-2.md"
    write_export(target, "second", overwrite=True)
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    assert slug("Démonstrer: la compétence / CV!") == "demonstrer-la-competence-cv"
    assert slug("<<>>") == "worksheet"


# --- the JSON backup ------------------------------------------------------------------


def test_json_backup_then_import_gives_an_identical_store(sample_catalog, tmp_path):
    with Store(tmp_path / "a.json") as original:
        fill_sample(original)
        entry = original.start_entry("log")
        original.set_answer("log", "person", "Ada", entry.id)
        original.mark_done("sample")
        original.start_sitting()
        backup = tmp_path / "backup.json"
        backup.write_text(render_backup(original, NOW))
        expected = original.dump()
    document = json.loads(backup.read_text())
    assert document["format"] == "career-workbook-backup" and document["schema_version"] == SCHEMA_VERSION
    with Store(tmp_path / "b.json") as copy:
        assert copy.empty
        assert copy.restore(read_backup(backup)) is None  # nothing was there to keep
        assert copy.dump() == expected
        assert copy.answers("log", entry.id) == {"person": "Ada"}
    assert json.loads((tmp_path / "b.json").read_text()) == expected


def test_a_backup_from_a_newer_version_or_not_a_backup_is_refused(tmp_path, store_path):
    with Store(store_path) as store:
        document = json.loads(render_backup(store, NOW))
    newer = tmp_path / "newer.json"
    document["schema_version"] = SCHEMA_VERSION + 1
    newer.write_text(json.dumps(document))
    with pytest.raises(BackupError, match="newer Career Workbook .*upgrade"):
        read_backup(newer)
    for content, message in [("{", "not valid JSON"), ('{"answers": {}}', "not a Career Workbook backup"),
                             ('{"format": "career-workbook-backup", "schema_version": 1, "workbook": []}',
                              "does not hold a workbook")]:
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        with pytest.raises(BackupError, match=message):
            read_backup(bad)
    with pytest.raises(BackupError, match="there is no file"):
        read_backup(tmp_path / "missing.json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(st.text(), min_size=1, max_size=4))
@example(answers=["x" * 200_000, "\x00\x01\x1b[2J\u202e\ufeff\r\n\t", "😀 — ü — 中文 — \U0010fffd"])
def test_any_unicode_answer_survives_backup_and_import(tmp_path_factory, sample_catalog, answers):
    folder = tmp_path_factory.mktemp("roundtrip")
    with Store(folder / "a.json") as original:
        original.set_answer("sample", "headline", answers[0])
        original.set_answer("sample", "strengths", answers)
        original.set_answer("sample", "skills", [answers])
        backup = folder / "backup.json"
        backup.write_text(render_backup(original, NOW), encoding="utf-8")
    with Store(folder / "b.json") as copy:
        copy.restore(read_backup(backup))
    with Store(folder / "b.json", readonly=True) as reopened:
        assert reopened.answer("sample", "headline") == answers[0]
        assert reopened.answer("sample", "strengths") == answers
        assert reopened.answer("sample", "skills") == [answers]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_html_reads_word_for_word_like_the_markdown_rendered(sample_catalog, store_path, hostile):
    """The HTML is written from the worksheet's blocks, not by rendering the Markdown (ten times faster, and
    bounded in memory): what it says must be what the Markdown says once rendered, word for word."""
    from mdit_py_plugins.tasklists import tasklists_plugin

    with Store(store_path) as store:
        fill_sample(store, headline=hostile)
        store.set_answer("sample", "story", f"First line {hostile}\nsecond line\n\nA new paragraph")
        store.set_answer("sample", "skills", [[hostile, "3", "5"], ["", "", ""]])
        page = export(sample_catalog, store, Format.HTML)
        markdown = export(sample_catalog, store, Format.MARKDOWN)
    rendered = MarkdownIt("js-default").use(tasklists_plugin).render(markdown)
    words = lambda text: plain_text(text).split()  # noqa: E731
    assert words(page.split("<body>", 1)[1]) == words(rendered)
    assert page.count("<table>") == rendered.count("<table>") and page.count("<li") == rendered.count("<li")
    assert page.count("<br>") == rendered.count("<br>") and page.count("<p>") == rendered.count("<p>")
