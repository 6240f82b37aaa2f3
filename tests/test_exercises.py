"""Loading and validating exercise files."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.exercises import (
    ChoiceField,
    ComposeField,
    ExerciseError,
    ScaleField,
    TableField,
    load_catalog,
    load_file,
)

GOOD_HEADER = """
id = "broken"
title = "Broken"
intro = "An exercise with a problem."
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def page(fields: str, page_id: str = "p1") -> str:
    return f"""
[[pages]]
id = "{page_id}"
title = "Page"
{fields}
"""


def one_field(body: str) -> str:
    return GOOD_HEADER + page(f"""
  [[pages.fields]]
  {body}
""")


def errors_of(tmp_path: Path, text: str) -> list[str]:
    exercise, errors = load_file(write(tmp_path, "broken.toml", text))
    assert exercise is None, "a file with problems must not load"
    return [str(error) for error in errors]


def test_sample_loads_every_kind(sample_catalog):
    sample = sample_catalog.get("sample")
    assert [field.kind for field in sample.fields()] == [
        "line", "text", "list", "choice", "multi", "scale", "table", "date", "checklist", "actions",
        "recall", "compose",
    ]
    assert isinstance(sample.field("mood"), ChoiceField)
    assert sample.field("mood").options == ("Stuck", "Curious", "Ready")
    assert isinstance(sample.field("skills"), TableField)
    assert sample.field("energy") == ScaleField(id="energy", label="Energy at work", min=1, max=5,
                                                min_label="drained", max_label="energised")
    assert sample.page_index("skills") == 2
    assert [ref for _, _, ref in sample.references()] == ["sample.headline", "sample.headline", "sample.todo"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('id = "a"\n  kind = "paragraph"\n  label = "x"',
         "broken.toml, page 'p1', field 'a': kind 'paragraph' is not a field kind; use one of: line, text"),
        ('id = "a"\n  kind = "line"',
         "broken.toml, page 'p1', field 'a': label is missing; add label = ..."),
        ('kind = "line"\n  label = "x"', "broken.toml, page 'p1': field 1 has no id"),
        ('id = "A b"\n  kind = "line"\n  label = "x"', "field 1 id 'A b' must be lower-case letters"),
        ('id = "a"\n  kind = "line"\n  label = "x"\n  colour = "red"',
         "broken.toml, page 'p1', field 'a': unknown key 'colour'; allowed keys: help, id, kind, label, required"),
        ('id = "a"\n  kind = "line"\n  label = "x"\n  required = "yes"',
         "field 'a': required must be true or false, not str"),
        ('id = "a"\n  kind = "choice"\n  label = "x"',
         "field 'a': options is missing; add options = ..."),
        ('id = "a"\n  kind = "choice"\n  label = "x"\n  options = []',
         "field 'a': options is empty; list at least one"),
        ('id = "a"\n  kind = "multi"\n  label = "x"\n  options = ["y", "y"]',
         "field 'a': options has the same entry twice"),
        ('id = "a"\n  kind = "multi"\n  label = "x"\n  options = [1, 2]',
         "field 'a': options must be a list of texts in quotes, not list"),
        ('id = "a"\n  kind = "scale"\n  label = "x"\n  min = 5\n  max = 1',
         "field 'a': scale min must be smaller than max"),
        ('id = "a"\n  kind = "scale"\n  label = "x"\n  max = 2.5',
         "field 'a': max must be a whole number, not float"),
        ('id = "a"\n  kind = "table"\n  label = "x"', "field 'a': columns is missing"),
        ('id = "a"\n  kind = "checklist"\n  label = "x"', "field 'a': items is missing"),
        ('id = "a"\n  kind = "list"\n  label = "x"\n  min_items = -1', "field 'a': min_items cannot be negative"),
        ('id = "a"\n  kind = "recall"\n  label = "x"\n  source = "nodot"',
         "field 'a': source must be written exercise.field"),
        ('id = "a"\n  kind = "recall"\n  label = "x"\n  source = "broken.z"\n  required = true',
         "field 'a': a recall field is read-only and cannot be required"),
        ('id = "a"\n  kind = "compose"\n  label = "x"\n  template = "no placeholders"',
         "field 'a': template has no {field} placeholders"),
        ('id = "a"\n  kind = "compose"\n  label = "x"\n  template = "{Not Ok}"',
         "field 'a': placeholder {Not Ok} must be {field} or {exercise.field}"),
        ('id = "a"\n  kind = "compose"\n  label = "x"\n  template = "{b:shouting}"',
         "field 'a': placeholder {b:shouting} has no form 'shouting'; use one of: first_name, lines, i_will, "
         "you_will"),
        ('id = "a"\n  kind = "compose"\n  label = "x"\n  template = "{b} {@their_name}"',
         "field 'a': placeholder {@their_name} names no setting; the settings are {@your_name}"),
    ],
)
def test_each_field_rule_names_file_page_field(tmp_path, body, expected):
    messages = errors_of(tmp_path, one_field(body))
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title = "x"\nintro = "y"' + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"'),
         "broken.toml: id is missing; add id = ..."),
        (GOOD_HEADER, "broken.toml: needs at least one [[pages]] table"),
        (GOOD_HEADER + 'colour = "red"\n' + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"'),
         "broken.toml: unknown key 'colour'"),
        (GOOD_HEADER + "step = 0\n" + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"'),
         "broken.toml: step must be 1 or more"),
        (GOOD_HEADER + 'step = "one"\n' + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"'),
         "broken.toml: step must be a whole number, not str"),
        (GOOD_HEADER + page(""), "broken.toml, page 'p1': needs at least one [[pages.fields]] table"),
        (GOOD_HEADER + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"')
         + page('  [[pages.fields]]\n  id = "b"\n  kind = "line"\n  label = "l"'),
         "broken.toml, page 'p1': id 'p1' is used twice"),
        (GOOD_HEADER + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"')
         + page('  [[pages.fields]]\n  id = "a"\n  kind = "text"\n  label = "l"', "p2"),
         "broken.toml, page 'p2', field 'a': id 'a' is used twice"),
        (GOOD_HEADER + 'entry_fields = ["who"]\n' + page('  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"'),
         "broken.toml: entry_fields names 'who', which is not a field of this exercise"),
    ],
)
def test_each_exercise_and_page_rule(tmp_path, text, expected):
    messages = errors_of(tmp_path, text)
    assert any(expected in message for message in messages), messages


def test_every_problem_in_a_file_is_reported_not_just_the_first(tmp_path):
    text = GOOD_HEADER + page(
        '  [[pages.fields]]\n  id = "a"\n  kind = "nope"\n  label = "x"\n'
        '  [[pages.fields]]\n  id = "b"\n  kind = "choice"\n  label = "x"\n'
    )
    messages = errors_of(tmp_path, text)
    assert len(messages) == 2
    assert "field 'a'" in messages[0] and "field 'b'" in messages[1]


def test_toml_syntax_error_keeps_line_and_column(tmp_path):
    messages = errors_of(tmp_path, 'id = "x"\ntitle = \n')
    assert len(messages) == 1
    assert messages[0].startswith("broken.toml: TOML syntax error:")
    assert "line 2, column 9" in messages[0]


def test_not_utf8_is_reported(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('title = "caf\xe9"'.encode("latin-1"))
    assert [str(e) for e in load_file(path)[1]] == ["latin.toml: is not UTF-8 text; save it as UTF-8"]


def test_bad_files_are_skipped_and_good_ones_still_load(tmp_path, sample_catalog):
    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder, "a-broken.toml", one_field('id = "a"\n  kind = "paragraph"\n  label = "x"'))
    write(folder, "b-syntax.toml", "id = ")
    write(folder, "notes.txt", "not an exercise")
    catalog = load_catalog([Path(__file__).parent / "fixtures" / "exercises", folder])
    assert [exercise.id for exercise in catalog] == ["sample", "log"]
    assert [error.file for error in catalog.errors] == ["a-broken.toml", "b-syntax.toml"]


def test_two_files_with_one_id_keep_the_first(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    body = 'id = "twin"\ntitle = "Twin"\nintro = "i"' + page(
        '  [[pages.fields]]\n  id = "a"\n  kind = "line"\n  label = "l"')
    write(first, "twin.toml", body)
    write(second, "twin-again.toml", body)
    catalog = load_catalog([first, second])
    assert [(e.id, e.source) for e in catalog] == [("twin", "twin.toml")]
    assert [str(e) for e in catalog.errors] == [
        "twin-again.toml: exercise id 'twin' is already used by twin.toml; give this exercise an id of its own"
    ]


def test_dangling_references_drop_the_exercise_and_cascade(tmp_path):
    write(tmp_path, "a.toml", 'id = "a"\ntitle = "A"\nintro = "i"' + page(
        '  [[pages.fields]]\n  id = "word"\n  kind = "line"\n  label = "l"\n'
        '  [[pages.fields]]\n  id = "echo"\n  kind = "recall"\n  label = "l"\n  source = "nowhere.x"'))
    write(tmp_path, "b.toml", 'id = "b"\ntitle = "B"\nintro = "i"' + page(
        '  [[pages.fields]]\n  id = "msg"\n  kind = "compose"\n  label = "l"\n  template = "{a.word}"'))
    write(tmp_path, "c.toml", 'id = "c"\ntitle = "C"\nintro = "i"' + page(
        '  [[pages.fields]]\n  id = "msg"\n  kind = "compose"\n  label = "l"\n  template = "{b.msg} {gone}"'))
    catalog = load_catalog([tmp_path])
    assert len(catalog) == 0
    assert [str(e) for e in catalog.errors] == [
        "a.toml, page 'p1', field 'echo': 'nowhere.x' points at nothing; name an answer field as exercise.field",
        "c.toml, page 'p1', field 'msg': 'b.msg' points at a read-only field; name an answer field as exercise.field",
        "c.toml, page 'p1', field 'msg': 'c.gone' points at nothing; name an answer field as exercise.field",
        "b.toml, page 'p1', field 'msg': 'a.word' points at nothing; name an answer field as exercise.field",
    ]


def test_a_placeholder_form_must_fit_the_kind_of_its_field(tmp_path):
    write(tmp_path, "a.toml", 'id = "a"\ntitle = "A"\nintro = "i"' + page(
        '  [[pages.fields]]\n  id = "word"\n  kind = "line"\n  label = "l"\n'
        '  [[pages.fields]]\n  id = "msg"\n  kind = "compose"\n  label = "l"\n'
        '  template = "Hi {word:first_name}, {word:i_will} {@your_name}"'))
    catalog = load_catalog([tmp_path])
    assert len(catalog) == 0
    assert [str(e) for e in catalog.errors] == [
        "a.toml, page 'p1', field 'msg': 'a.word' is a line field, which :i_will cannot show; use :i_will with "
        "actions or list fields"]


def test_compose_resolves_same_exercise_and_cross_exercise_placeholders(sample_catalog):
    message = sample_catalog.get("sample").field("message")
    assert isinstance(message, ComposeField)
    assert sample_catalog.resolve("sample.todo")[1].kind == "actions"


def test_error_string_without_page_or_field():
    assert str(ExerciseError("x.toml", "bad")) == "x.toml: bad"
