"""When a copy surely happened: a terminal known to take OSC 52, tmux set to keep it, or a tool that worked."""

from __future__ import annotations

import subprocess

import pytest

from workbook.clipboard import clipboard_tool, copy_with_tool, osc52_reaches_clipboard


def ran(stdout: bytes = b"", code: int = 0):
    def run(command, **kwargs):
        return subprocess.CompletedProcess(command, code, stdout, b"")
    return run


@pytest.mark.parametrize(("env", "trusted"), [
    ({"TERM_PROGRAM": "WezTerm"}, True),
    ({"TERM": "xterm-kitty"}, True),
    ({"WT_SESSION": "1"}, True),
    ({"TERM": "xterm-256color", "VTE_VERSION": "7600"}, False),  # GNOME Terminal
    ({"TERM_PROGRAM": "Apple_Terminal"}, False),
    ({"TERM_PROGRAM": "iTerm.app"}, False),  # off until allowed in its settings
    ({"TERM": "screen-256color", "KITTY_WINDOW_ID": "1"}, False),
])
def test_osc_52_is_trusted_only_in_terminals_known_to_take_it(env, trusted):
    assert osc52_reaches_clipboard(env, run=ran()) is trusted


def test_inside_tmux_osc_52_counts_only_with_set_clipboard_on():
    tmux = {"TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux", "KITTY_WINDOW_ID": "1"}
    assert osc52_reaches_clipboard(tmux, run=ran(b"on\n"))
    assert not osc52_reaches_clipboard(tmux, run=ran(b"external\n"))
    assert not osc52_reaches_clipboard(tmux, run=ran(code=1))


def test_a_tool_needs_its_display_and_a_failing_tool_copied_nothing(tmp_path):
    installed = {"xclip", "wl-copy"}.__contains__
    which = lambda name: f"/usr/bin/{name}" if installed(name) else None  # noqa: E731
    assert clipboard_tool({}, which) is None  # no display: xclip would fail
    assert clipboard_tool({"DISPLAY": ":0"}, which).name == "xclip"
    assert clipboard_tool({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, which).name == "wl-copy"
    tool = clipboard_tool({"DISPLAY": ":0"}, which)
    assert copy_with_tool(tool, "x", run=ran()) and not copy_with_tool(tool, "x", run=ran(code=1))

    def hangs(command, **kwargs):
        raise subprocess.TimeoutExpired(command, 5)
    assert not copy_with_tool(tool, "x", run=hangs)
