"""An exercise in two sittings, through the real app: the intro and the header say where you are, Finish this
sitting checks the sitting's answers, asks the next step, goes home, and Continue opens the next sitting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Label, OptionList, Static, TextArea

from tests.tui.test_app import until
from workbook.exercises import load_catalog
from workbook.store import ResumePoint, Store
from workbook.tui.dialogs.ask import AskLineScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.widgets.still_empty import FieldLink

PACK = Path(__file__).parent.parent / "fixtures" / "sittings"


def pack():
    catalog = load_catalog([PACK])
    assert not catalog.errors
    return catalog


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_finishing_the_first_sitting_sends_continue_to_the_second(open_app, store_path):
    async with open_app(pack(), ask_next_step=True) as (app, pilot):
        await pilot.press("1")
        await pilot.pause()
        intro = shown(app, ".intro-meta")
        assert intro.startswith("Two sittings of about 45 minutes: first, pages 1-2 (The destination, The road); "
                                "second, after your conversations, pages 3-4")
        await pilot.press("enter")  # Start
        await until(lambda: app.screen.page == 0 and app.focused is not None and isinstance(app.focused, TextArea))
        assert shown(app, "#page-indicator") == "Sitting 1 of 2 · page 1 of 4 · The destination"
        assert not app.screen.query_one("#finish-sitting").display  # not the end of a sitting
        await pilot.press(*"A data team")
        await pilot.press("ctrl+pagedown")
        await until(lambda: app.screen.page == 1 and isinstance(app.focused, TextArea))
        assert shown(app, "#page-indicator") == "Sitting 1 of 2 · page 2 of 4 · The road"
        assert app.screen.query_one("#finish-sitting").display and app.screen.query_one("#next").display
        assert not app.screen.query_one("#done").display
        await pilot.press(*"Mentor")
        await pilot.pause()
        assert "Every required answer of this sitting is written." in shown(app, "#done-message")
        await pilot.click("#finish-sitting")
        await until(lambda: isinstance(app.screen, AskLineScreen))  # the usual leaving flow: the next step
        await pilot.press(*"Book Priya", "enter")
        await until(lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
        assert str(app.screen.query_one("#continue", Button).label) == "Continue: Journey, sitting 2 of 2"
        assert "The second sitting of Journey is for after your conversations." in shown(app, "#last-sitting")
        journey = app.screen.query_one("#steps", OptionList).get_option("journey").prompt
        assert "1/2 sittings" in "".join(str(cell) for cell in journey.columns[2].cells)
        with Store(store_path, readonly=True) as store:  # what the store holds, read afresh
            assert store.resume_point() == ResumePoint("journey", 2, None)
            assert store.answers("journey") == {"destination": "A data team", "road": ["Mentor"]}
            assert [step.text for step in store.next_steps()] == ["Book Priya"]
            assert not store.status("journey").done
        await pilot.click("#continue")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.page == 2)
        await until(lambda: shown(app, "#page-indicator") == "Sitting 2 of 2 · page 3 of 4 · Feedback",  # once the page is built
                    seen=lambda: shown(app, "#page-indicator"))
        await until(lambda: app.focused is not None and app.focused.parent.id == "field-heard")


async def test_finish_is_refused_while_the_sitting_has_an_empty_required_answer(open_app, store_path):
    with Store(store_path) as store:
        store.set_answer("journey", "road", ["Mentor"])
        store.set_resume_point(ResumePoint("journey", 1, "road"))
    async with open_app(pack()) as (app, pilot):
        await pilot.click("#continue")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.page == 1)
        await until(lambda: app.focused is not None and "field-road" in [node.id for node in app.focused.ancestors])
        await until(lambda: "1 required answer still empty" in shown(app, "#done-message"))
        app.screen.query_one("#finish-sitting").press()  # as a click does, without depending on where it is
        await until(lambda: isinstance(app.focused, FieldLink))  # the cursor on what is empty
        assert app.focused.field.id == "destination"
        assert isinstance(app.screen, ExerciseScreen), "nothing left the page"
        assert "Left to do in this sitting: 1 required answer is still empty" in shown(app, "#still-empty-title")
        await pilot.press("enter")  # follow it: page 1, the cursor in the empty answer
        await until(lambda: app.screen.page == 0 and app.focused is not None
                    and app.focused.parent.id == "field-destination")
    with Store(store_path, readonly=True) as store:
        assert store.resume_point().page == 0, "not moved on to the second sitting"


async def test_mark_as_done_still_needs_every_sitting(open_app, store_path):
    with Store(store_path) as store:
        store.set_answer("journey", "heard", "Start in operations")
        store.set_answer("journey", "changes", "Ask for the messy projects")
        store.set_resume_point(ResumePoint("journey", 3, "changes"))
    async with open_app(pack()) as (app, pilot):
        await pilot.click("#continue")
        await until(lambda: isinstance(app.screen, ExerciseScreen) and app.screen.page == 3)
        await until(lambda: app.focused is not None and "field-changes" in [node.id for node in app.focused.ancestors])
        assert not app.screen.query_one("#finish-sitting").display  # the last sitting ends with Mark as done
        await pilot.click("#done")
        await pilot.pause()
        links = [link.field.id for link in app.screen.query(FieldLink)]
        assert links == ["destination", "road"], "the first sitting's answers are still empty"
    with Store(store_path, readonly=True) as store:
        assert not store.status("journey").done


async def test_one_sitting_exercises_read_as_before(open_app):
    async with open_app(pack()) as (app, pilot):
        await pilot.press("2")
        await pilot.pause()
        assert shown(app, ".intro-meta") == "About 20 minutes · 1 page"
        await pilot.press("enter")
        await until(lambda: app.screen.page == 0)
        await until(lambda: shown(app, "#page-indicator") == "Page 1 of 1 · Only page",  # once the page is built
                    seen=lambda: shown(app, "#page-indicator"))
        assert not app.screen.query_one("#finish-sitting").display
        assert isinstance(app.screen.query_one("#done-message"), Static)
        assert isinstance(app.screen.query_one("#page-indicator"), Label)


async def test_a_sitting_note_is_text_not_markup(open_app, tmp_path):
    """A pack's note is shown as written, brackets and all, on the intro, the header's page and home."""
    text = (PACK / "journey.toml").read_text(encoding="utf-8").replace(
        'sitting_note = "After your conversations"', 'sitting_note = "After [b]the talks[/b] [link=x]x[/]"')
    (tmp_path / "journey.toml").write_text(text, encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert not catalog.errors
    async with open_app(catalog) as (app, pilot):
        await pilot.press("1")
        await pilot.pause()
        assert "second, after [b]the talks[/b] [link=x]x[/], pages 3-4" in shown(app, ".intro-meta")


async def test_the_palette_finishes_a_sitting_on_its_last_page(open_app, store_path):
    with Store(store_path) as store:
        for field, value in {"destination": "A data team", "road": ["Mentor"]}.items():
            store.set_answer("journey", field, value)
        store.set_resume_point(ResumePoint("journey", 1, "road"))
    async with open_app(pack()) as (app, pilot):
        await pilot.click("#continue")
        await until(lambda: app.focused is not None and "field-road" in [node.id for node in app.focused.ancestors])
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"finish this sitting")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
    with Store(store_path, readonly=True) as store:
        assert store.resume_point() == ResumePoint("journey", 2, None)
