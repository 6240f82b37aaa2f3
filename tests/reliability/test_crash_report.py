"""A crash in the app prints its error, but never the user's words: Textual's own crash report shows
local variables, which would put private answers on the terminal (and in anyone's scrollback)."""

from __future__ import annotations

import time

from tests.reliability.terminal import Terminal, store_answers

MARKER = "Zanzibar-7781-private"
CRASHING_APP = """
import sys
from workbook import cli
from workbook.store import Store

def set_answer(self, exercise, field, value, entry=None):
    if "crash" in str(value):
        raise RuntimeError("the store broke")
    return original(self, exercise, field, value, entry=entry)

original = Store.set_answer
Store.set_answer = set_answer
sys.exit(cli.main(sys.argv[1:]))
"""
LEAVE_FULL_SCREEN = "\x1b[?1049l"


def test_a_crash_reports_the_error_without_the_answers(store_path) -> None:
    terminal = Terminal("--store", str(store_path), program=("-c", CRASHING_APP))
    try:
        terminal.wait_for_text("Mapping")
        terminal.send("1")
        terminal.wait_for_text("Start")
        terminal.send("\r")
        time.sleep(0.7)
        terminal.send(MARKER)
        terminal.wait_for(lambda: store_answers(store_path).get(("mapping", "role")) == MARKER, what="the save")
        terminal.send(" crash")  # the next save raises, with the answer in its local variables
        terminal.process.wait(timeout=20)
        terminal.wait_for_text("the store broke")
    finally:
        terminal.close()
    after = terminal.output.rsplit(LEAVE_FULL_SCREEN, 1)[-1]
    assert "RuntimeError" in after and "the store broke" in after, "the error itself is reported"
    assert MARKER not in after, "the crash report printed the user's answer"
    assert terminal.process.returncode != 0
    assert store_answers(store_path)[("mapping", "role")] == MARKER, "what was saved stays saved"
