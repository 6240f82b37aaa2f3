"""The Export screen: tick, pick a format, see the path written; never replace a file unasked."""

from __future__ import annotations

from textual.widgets import Button, Input, SelectionList, Static

from workbook.store import Store
from workbook.tui.dialogs.export import ExportScreen, ReplaceScreen


def result(app) -> str:
    return str(app.screen.query_one("#export-result", Static).render())


async def test_f4_from_an_exercise_exports_that_exercise_as_html(open_app, shipped_catalog, isolated_home, store_path):
    with Store(store_path) as store:
        store.set_answer("planning", "destination", "Run a <b>small</b> design studio")
    async with open_app(shipped_catalog) as (app, pilot):
        app.open_exercise("planning")
        await pilot.pause()
        await pilot.press("f4")  # not e: on an exercise a letter is never a shortcut
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.query_one(SelectionList).selected == ["planning"]
        path_input = screen.query_one("#export-path", Input)
        assert path_input.value.startswith(str(isolated_home / "Documents" / "planning-"))
        assert path_input.value.endswith(".md")
        await pilot.click("#format-html")
        await pilot.pause()
        assert path_input.value.endswith(".html")  # the suggested name follows the format
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [written] = (isolated_home / "Documents").iterdir()
        assert result(app) == f"Wrote Planning to {written}"
        page = written.read_text()
        assert "Run a &lt;b&gt;small&lt;/b&gt; design studio" in page and "<b>small" not in page
        assert "Draft, not marked done yet" in page


async def test_an_existing_file_is_replaced_only_when_asked(open_app, shipped_catalog, tmp_path):
    target = tmp_path / "mine.md"
    target.write_text("precious")
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(SelectionList).select("mapping")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await pilot.pause()
        assert isinstance(app.screen, ReplaceScreen)
        await pilot.click("#keep")  # keep both
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text() == "precious"
        assert (tmp_path / "mine-2.md").read_text().startswith("# Mapping")
        assert result(app) == f"Wrote Mapping to {tmp_path / 'mine-2.md'}"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await pilot.pause()
        await pilot.click("#replace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text().startswith("# Mapping")


async def test_nothing_ticked_says_what_to_do_and_a_backup_needs_no_ticks(open_app, shipped_catalog, isolated_home):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(SelectionList).selected == []  # nothing is done yet
        await pilot.click("#export")
        await pilot.pause()
        assert result(app) == "Tick at least one exercise with Space, then export."
        await pilot.click("#format-json")
        await pilot.pause()
        assert app.screen.query_one(SelectionList).disabled
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [backup] = (isolated_home / "Documents").iterdir()
        assert backup.name.startswith("career-workbook-backup-") and backup.suffix == ".json"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_the_palette_offers_each_export(open_app, shipped_catalog):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export: plain")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-path", Input).value == ""  # nothing ticked, nothing to name yet
        assert app.screen.format.value == "txt"


async def test_exporting_again_over_its_own_file_keeps_it_private_and_every_button_in_view(
        open_app, shipped_catalog, isolated_home):
    async with open_app(shipped_catalog) as (app, pilot):
        app.session.change_answer("conversation", "person", "[bold]Priya [@click=app.quit]hi[/] " * 3,
                                  app.session.new_entry("conversation").id)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(SelectionList).select("conversation")
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [written] = (isolated_home / "Documents").iterdir()
        assert written.stat().st_mode & 0o777 == 0o600
        await pilot.click("#export")  # the same name again
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReplaceScreen)
        for button in dialog.query(Button):  # a long name once pushed Replace and Cancel out of sight
            assert dialog.region.contains_region(button.region), button.id
        await pilot.click("#replace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert written.stat().st_mode & 0o777 == 0o600, "replacing a private export keeps it private"


async def test_what_confirms_an_export_is_in_view_on_a_short_window(open_app, shipped_catalog, isolated_home,
                                                                     store_path):
    with Store(store_path) as store:
        store.set_answer("mapping", "role", "Analyst")
    async with open_app(shipped_catalog, size=(80, 24)) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")  # Export, whatever has the focus
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        [written] = (isolated_home / "Documents").iterdir()
        assert result(app) == f"Wrote Mapping to {written}"
        dialog = app.screen.query_one("#export-dialog")
        shown = app.screen.query_one("#export-result", Static)
        assert dialog.region.contains_region(shown.region), "the confirmation is inside the visible dialog"
