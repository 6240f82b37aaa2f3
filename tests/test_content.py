"""The shipped exercises: they load, they are complete, and CONTENT.md points at real fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbook.exercises import ActionsField, ComposeField, RecallField, load_catalog
from workbook.locations import shipped_exercises

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
STEPS = ["mapping", "planning", "exploring", "demonstrating", "arriving", "consolidating"]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([shipped_exercises()])


def test_every_shipped_file_loads_without_errors(catalog):
    assert [str(error) for error in catalog.errors] == []
    assert len(catalog) == len(list((ROOT / "exercises").glob("*.toml"))) == 8


def test_six_steps_in_order_and_the_conversation_log(catalog):
    assert [exercise.id for exercise in catalog.steps] == STEPS
    assert [exercise.step for exercise in catalog.steps] == [1, 2, 3, 4, 5, 6]
    log = catalog.get("conversation")
    assert log.repeatable and log.step is None
    assert log.entry_fields == ("person", "kind")


@pytest.mark.parametrize("exercise_id", [*STEPS, "conversation"])
def test_each_exercise_is_a_full_sitting(catalog, exercise_id):
    exercise = catalog.get(exercise_id)
    assert len(exercise.intro.split()) >= 60, "an intro of two or three short paragraphs"
    assert exercise.question
    assert len(exercise.pages) >= 3
    assert 30 <= exercise.minutes <= 45, "one sitting of about 45 minutes at most"
    assert all(page.guidance.strip() for page in exercise.pages)
    assert any(field.required for field in exercise.fields())


def test_every_recall_and_compose_resolves_to_an_answer_field(catalog):
    references = [(exercise, field, ref) for exercise in catalog for _, field, ref in exercise.references()]
    assert len(references) >= 10
    for exercise, field, reference in references:
        target_exercise, target = catalog.resolve(reference)
        assert target.answerable, f"{exercise.id}.{field.id} -> {reference}"


def test_planning_recalls_strengths_and_values_from_mapping(catalog):
    sources = {field.source for field in catalog.get("planning").fields() if isinstance(field, RecallField)}
    assert {"mapping.strengths", "mapping.values"} <= sources


def test_planning_has_six_month_actions_and_the_skills_table(catalog):
    planning = catalog.get("planning")
    assert isinstance(planning.field("six_months"), ActionsField)
    assert planning.field("skills_gap").columns == (
        "Skill or behaviour", "Level now", "Level needed", "How to close the gap",
        "Possible in my current organisation?",
    )


def test_the_follow_up_is_drafted_from_key_points_and_what_each_agreed_to_do(catalog):
    follow_up = catalog.get("conversation").field("follow_up")
    assert isinstance(follow_up, ComposeField)
    for placeholder in ("{person:first_name}", "{key_points:lines}", "{agreed_actions:i_will}",
                        "{their_actions:you_will}", "{@your_name}"):
        assert placeholder in follow_up.template
    log = catalog.get("conversation")
    assert (log.field("agreed_actions").label, log.field("their_actions").label) == \
        ("What you will do", "What they agreed to do")
    assert log.page_index("their_actions") == log.page_index("agreed_actions")


def test_consolidating_sets_the_next_review_date(catalog):
    assert catalog.get("consolidating").field("next_review").kind == "date"


def test_the_energy_log_is_a_two_minute_log_that_mapping_recalls(catalog):
    log = catalog.get("energy")
    assert log.repeatable and log.step is None and log.key == "j" and log.minutes == 2
    kinds = {field.id: field.kind for field in log.fields()}
    assert kinds == {"date": "date", "doing": "line", "engagement": "scale", "direction": "choice",
                     "what_made_it": "text"}
    assert log.field("date").default == "today"
    energy_page = next(page for page in catalog.get("mapping").pages if page.id == "energy")
    recalled = {field.source for field in energy_page.fields if isinstance(field, RecallField)}
    assert recalled == {"energy.what_made_it", "energy.direction"}


def test_one_duration_for_keeping_the_energy_log_everywhere(catalog):
    """The log's intro, Mapping's energy page and its checklist item all say two weeks, and nothing says a week."""
    mapping = catalog.get("mapping")
    energy_page = next(page for page in mapping.pages if page.id == "energy")
    journal_item = next(item for item in mapping.field("sources").items if "journal" in item or "log" in item)
    for text in (catalog.get("energy").intro, energy_page.guidance, journal_item):
        assert "two weeks" in text
    everything = " ".join([exercise.intro for exercise in catalog] + [page.guidance for exercise in catalog
                                                                        for page in exercise.pages])
    assert not re.search(r"\ba week of (quick )?notes\b", everything, re.IGNORECASE)


def test_content_map_points_at_real_pages_and_fields(catalog):
    text = (ROOT / "exercises" / "CONTENT.md").read_text(encoding="utf-8")
    references = re.findall(r"`([a-z_]+)/([a-z_0-9]+)(?:/([a-z_0-9]+))?`", text)
    assert len(references) > 80
    for exercise_id, page_id, field_id in references:
        exercise = catalog.get(exercise_id)
        page = next((p for p in exercise.pages if p.id == page_id), None)
        assert page is not None, f"{exercise_id}/{page_id}"
        if field_id:
            assert field_id in {f.id for f in page.fields}, f"{exercise_id}/{page_id}/{field_id}"
    for seed in ("000", "001", "002", "003", "004"):
        assert f"## {seed}:" in text


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts live in ../shared/seeds beside the repo")
def test_no_sentence_is_copied_from_the_source_texts():
    run = 8
    seed_runs = set()
    for seed in SEEDS.glob("0*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        seed_runs |= {tuple(words[i:i + run]) for i in range(len(words) - run + 1)}
    # The exercises and what documents them: CONTENT.md names each idea in words of its own too.
    for path in sorted((ROOT / "exercises").glob("*.toml")) + sorted((ROOT / "exercises").glob("*.md")):
        words = _words(path.read_text(encoding="utf-8"))
        copied = [" ".join(words[i:i + run]) for i in range(len(words) - run + 1)
                  if tuple(words[i:i + run]) in seed_runs]
        assert copied == [], f"{path.name} repeats the source texts word for word"
