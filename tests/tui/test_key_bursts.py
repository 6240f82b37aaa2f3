"""Keys that come in a burst (faster than the app handles them) arrive in a text box in the order typed.

The pilot waits after each key; a terminal does not. These tests put a whole burst into the app's queue at
once, as the terminal driver does when keys come faster than the app takes them.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from tests.app_fixtures import until
from tests.tui.test_field_kinds import focus, open_page
from workbook.store import Store
from workbook.tui.key_order import KeyHolder

NAMED = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma"}


def key(name: str) -> events.Key:
    """A key as the terminal driver makes it: a character's key and the character, or a named key."""
    if len(name) == 1:
        return events.Key(NAMED.get(name, name), name)
    return events.Key(name, None)


def burst(app, *names: str) -> None:
    """Every key into the app's queue in one go, with no wait between them."""
    for name in names:
        app.post_message(key(name))


async def settle(app, pilot) -> None:
    """Until every key is handled and the debounced save has been written."""
    await pilot.pause(0.2)
    await pilot.pause(0.8)  # the save's debounce is half a second
    await app.workers.wait_for_complete()


async def test_backspaces_then_a_date_in_a_burst_leave_the_date(open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1", "enter")  # Mapping, page 1: the cursor in "Your current role"
        await until(lambda: isinstance(app.focused, Input))
        await pilot.press(*"next week")
        role = app.focused
        assert role.value == "next week"
        # Backspace is a binding, run by the app after the key has gone up through every widget's queue,
        # while a letter is typed by the box in its own queue: letters used to overtake the Backspaces.
        burst(app, *["backspace"] * 9, *"2026-12-04")
        await until(lambda: role.value.endswith("4"))
        await settle(app, pilot)
        assert role.value == "2026-12-04"
        assert app.store.answer("mapping", "role") == "2026-12-04"
    with Store(store_path, readonly=True) as store:
        assert store.answer("mapping", "role") == "2026-12-04"


async def test_a_burst_with_tab_arrows_and_backspaces_edits_the_text_box_it_moves_to(
        open_app, shipped_catalog, store_path):
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await until(lambda: isinstance(app.focused, Input))
        await pilot.press(*"Analyst")
        # 46 keys: into "Describe your situation" (a TextArea), fix a typo, add words before and inside,
        # and a word taken back.
        burst(app, "tab", *"Quiet tem", "backspace", *"am, slow work", "home", *"A ", "end", *".",
              "left", *"ing", "end", *" Tired", *["backspace"] * 6)
        await until(lambda: isinstance(app.focused, TextArea) and app.focused.text.endswith("."),
                    seen=lambda: f"the role box holds {app.screen.query_one('#field-role Input', Input).value!r}")
        await settle(app, pilot)
        situation = app.focused
        assert isinstance(situation, TextArea)
        assert situation.text == "A Quiet team, slow working."
        assert app.screen.query_one("#field-role Input", Input).value == "Analyst"
        assert app.store.answer("mapping", "situation") == "A Quiet team, slow working."
    with Store(store_path, readonly=True) as store:
        assert store.answer("mapping", "role") == "Analyst"
        assert store.answer("mapping", "situation") == "A Quiet team, slow working."


async def test_an_action_and_its_due_date_typed_in_one_burst_are_kept_as_typed(open_app, sample_catalog, on_disk):
    async with open_app(sample_catalog) as (app, pilot):
        await open_page(app, pilot, "1", 3)
        await focus(app, pilot, "#field-todo .action-text")
        burst(app, *"Call Sma", "backspace", "backspace", *"am", "tab", *"next week", *["backspace"] * 9,
              *"2026-12-05")
        due = app.screen.query_one("#field-todo .action-due", Input)
        await until(lambda: due.value.endswith("5"), seen=lambda: f"the due date box holds {due.value!r}")
        await settle(app, pilot)
        assert due.value == "2026-12-05"
        assert not app.screen.query_one("#field-todo .field-error").display
        assert on_disk()[("sample", "todo")] == [{"text": "Call Sam", "due": "2026-12-05", "done": False}]


async def test_words_typed_straight_after_a_page_key_reach_the_new_page(open_app, shipped_catalog, store_path):
    """Enter on Start, and Ctrl+PageDown, each followed in the same burst by words for the page they open."""
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1")  # Mapping's introduction, the cursor on Start
        await until(lambda: getattr(app.focused, "id", None) == "next")
        burst(app, "enter", *"Analyst at Acme", "ctrl+pagedown", *"Second page words")
        await until(lambda: app.screen.page == 1 and isinstance(app.focused, TextArea) and app.focused.text,
                    seen=lambda: f"page {app.screen.page}, the cursor in {app.focused!r}")
        await settle(app, pilot)
        assert app.focused.text == "Second page words"
    with Store(store_path, readonly=True) as store:
        assert store.answer("mapping", "role") == "Analyst at Acme"
        assert store.answer("mapping", "strengths") == ["Second page words"]


async def test_shift_tab_never_lands_on_the_key_holder_and_the_page_keys_still_work(open_app, shipped_catalog, on_disk):
    """On a conversation's summary page, Shift+Tab three times from Key points then Ctrl+PageUp froze the app: the
    holder of keys (focused while a page is built) was in the focus chain, and once reached it held every key."""
    async with open_app(shipped_catalog) as (app, pilot):
        await pilot.press("1", "enter", "ctrl+pagedown")  # Mapping's strengths, the cursor in the list
        await until(lambda: app.screen.page == 1 and not isinstance(app.focused, KeyHolder))
        for _ in range(8):
            await pilot.press("shift+tab")
            await pilot.pause()
            assert not isinstance(app.focused, KeyHolder)
        await pilot.press("ctrl+pageup")
        await until(lambda: app.screen.page == 0 and app.focused is not None
                    and app.focused.parent is not None and app.focused.parent.id == "field-role")
        await pilot.press(*"Analyst", "escape")
        await app.workers.wait_for_complete()
    assert on_disk()[("mapping", "role")] == "Analyst"
