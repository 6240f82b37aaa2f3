"""Answers no one should have to think about: escape sequences, control characters, 1 MB of text,
right-to-left and combining characters, emoji. They never reach the terminal as commands, the
store keeps them exactly, and every export carries the words while escaping the markup."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from workbook.cli import main
from workbook.store import Store
from workbook.tui.screens.conversations import ConversationsScreen
from workbook.tui.widgets.progress_sidebar import ProgressSidebar

WORDS = "Lead e\u0301quipe مرحبا שלום Z\u0334\u0321\u032a 👩🏽‍💻 漢字"
"""Right-to-left, combining accents, an emoji with skin tone and joiners, wide characters."""
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b[31m\x9b1m\x00\x08\x7f"
"""Set the window title, clear the screen, go red, a C1 CSI, NUL, backspace, DEL."""
MARKUP = "<script>alert(1)</script> [b]bold[/b] **strong** | # heading"
HOSTILE = f"{WORDS} {ESCAPES} {MARKUP}"
MEGABYTE = ("Career notes, written at length. " * 32768)[: 1 << 20]


def fill(store: Store) -> str:
    store.set_answer("sample", "headline", HOSTILE)
    store.set_answer("sample", "story", f"{HOSTILE}\r\n{MEGABYTE}")
    store.set_answer("sample", "strengths", [HOSTILE, "Listening"])
    store.set_answer("sample", "skills", [[HOSTILE, "2", "4"]])
    store.set_answer("sample", "todo", [{"text": HOSTILE, "due": "2026-12-01", "done": False}])
    entry = store.start_entry("log")
    store.set_answer("log", "person", HOSTILE, entry=entry.id)
    return entry.id


def terminal_text(app) -> str:
    """Every character the app would send to the terminal as text (not as its own escape codes)."""
    update = app.screen._compositor.render_update(full=True)
    return "".join(segment.text for line in update.strips for strip in line for segment in strip
                   if not segment.control)


def assert_nothing_a_terminal_would_obey(app) -> None:
    text = terminal_text(app)
    controls = {f"U+{ord(char):04X}" for char in text if unicodedata.category(char) == "Cc"}
    assert not controls, f"control characters reach the terminal: {controls}"


async def test_hostile_answers_display_as_symbols_and_the_store_keeps_them(open_app, sample_catalog,
                                                                         store_path) -> None:
    with Store(store_path) as store:
        fill(store)
    before = store_path.read_bytes()
    async with open_app(sample_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        assert_nothing_a_terminal_would_obey(app)
        headline = app.screen.query_one("#field-headline Input", Input).value
        assert headline.startswith(WORDS) and "␛]0;PWNED␇" in headline and "\x1b" not in headline
        assert app.screen.query_one("#field-story TextArea", TextArea).document.line_count >= 2
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")  # the table, actions, recall and compose
        await pilot.pause()
        assert app.screen.page == 2
        assert_nothing_a_terminal_would_obey(app)
        assert "␛[2J" in str(app.screen.query_one("#field-echo Static.read-only", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        app.screen.post_message(ProgressSidebar.StepSelected("log"))  # its sidebar row: this log names no key
        await pilot.pause()
        assert isinstance(app.screen, ConversationsScreen)
        assert_nothing_a_terminal_would_obey(app)
        # No stage headings: this log has no stage field, so its one entry is the first row.
        assert "PWNED" in str(app.screen.query_one("#entries", OptionList).get_option_at_index(0).prompt)
        app.save_screenshot(str(store_path.with_name("shot.svg")))  # an SVG must stay valid XML
    answers = json.loads(store_path.read_bytes())["answers"]
    assert answers == json.loads(before)["answers"], "looking at answers changes none of them"
    assert store_path.with_name("shot.svg").read_text().rstrip().endswith("</svg>")


async def test_an_edit_keeps_the_symbols_the_user_saw(open_app, sample_catalog, store_path) -> None:
    with Store(store_path) as store:
        store.set_answer("sample", "headline", "Lead\x1b[31m")
    async with open_app(sample_catalog) as (app, pilot):
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("end", "!")
        await pilot.pause()
    assert Store(store_path, readonly=True).answer("sample", "headline") == "Lead␛[31m!"


def test_hostile_answers_survive_the_store_and_every_export(capsys, sample_catalog, store_path, tmp_path,
                                                           monkeypatch) -> None:
    with Store(store_path) as store:
        entry = fill(store)
    reopened = Store(store_path, readonly=True)
    assert reopened.answer("sample", "headline") == HOSTILE
    assert reopened.answer("sample", "story") == f"{HOSTILE}\r\n{MEGABYTE}"
    assert reopened.answer("log", "person", entry=entry) == HOSTILE

    fixtures = str(Path(__file__).parents[1] / "fixtures" / "exercises")
    written = {}
    for format in ("md", "html", "txt", "json"):
        out = tmp_path / f"sample.{format}"
        names = ["all"] if format != "json" else []
        assert main(["--store", str(store_path), "--exercises", fixtures, "export", *names,
                     "--format", format, "--out", str(out)]) == 0, capsys.readouterr().err
        written[format] = out.read_text(encoding="utf-8")
    for format in ("md", "html", "txt"):
        text = written[format]
        assert "\x1b" not in text and "\x00" not in text and "\x9b" not in text, format
        assert "]0;PWNED" in text, f"{format}: the printable part of what the user wrote is kept"
        for word in WORDS.split():
            assert unicodedata.normalize("NFC", word) in unicodedata.normalize("NFC", text), (format, word)
        flowing = " ".join(text.split())  # plain text wraps its lines
        assert " ".join(MEGABYTE[:1000].split()) in flowing and len(text) > len(MEGABYTE), format
    html = written["html"]
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    backup = json.loads(written["json"])
    assert any(doc["value"] == HOSTILE for doc in backup["workbook"]["answers"].values())
