"""Copying text to the system clipboard: whether the terminal takes OSC 52, and the local tool that copies.

Textual's `copy_to_clipboard` sends OSC 52, which many terminals (GNOME Terminal and the other VTE ones,
Terminal.app, xterm as shipped) ignore without a word. So a copy counts only when it surely happened:
the terminal is one known to take OSC 52, or a clipboard tool (wl-copy, xclip, xsel, pbcopy, clip.exe)
ran and said it worked. pyperclip does the same search, but does not check a tool's exit status (an xclip
with no display "copies" nothing): hence these few lines. Runs tools: call it from a worker thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Callable, Mapping

TIMEOUT = 5.0
"""Seconds a clipboard tool may take; one that hangs (no display answering) counts as failed."""


@dataclass(frozen=True)
class Tool:
    """A program that puts its standard input on the clipboard."""

    command: tuple[str, ...]
    needs: str | None = None
    """An environment variable that must be set for it to reach a clipboard (WAYLAND_DISPLAY, DISPLAY)."""
    encoding: str = "utf-8"

    @property
    def name(self) -> str:
        return self.command[0]


TOOLS = (
    Tool(("pbcopy",)),  # macOS
    Tool(("wl-copy",), needs="WAYLAND_DISPLAY"),
    Tool(("xclip", "-selection", "clipboard"), needs="DISPLAY"),
    Tool(("xsel", "--clipboard", "--input"), needs="DISPLAY"),
    Tool(("clip.exe",), encoding="utf-16"),  # Windows, and Linux under WSL; reads UTF-16 with its BOM
)

OSC52_TERMINALS = {"WezTerm", "ghostty", "kitty", "alacritty", "foot", "contour", "rio"}
"""TERM_PROGRAM (or TERM's start) of terminals that take OSC 52 copies as they come. Not iTerm2 (off until
allowed in its settings), Terminal.app, VTE terminals (GNOME Terminal, Tilix), Konsole or xterm."""
OSC52_VARIABLES = ("KITTY_WINDOW_ID", "WEZTERM_PANE", "WT_SESSION", "ALACRITTY_WINDOW_ID", "GHOSTTY_RESOURCES_DIR")
"""Variables that only those terminals set (WT_SESSION: Windows Terminal)."""

Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]


def osc52_reaches_clipboard(env: Mapping[str, str] = os.environ, run: Runner = subprocess.run) -> bool:
    """Whether an OSC 52 copy surely reaches a clipboard: a terminal known to take it, or tmux set to keep it
    (`set-clipboard on`: then it is at least in tmux's paste buffer). Inside GNU screen, never."""
    if "TMUX" in env:
        try:
            shown = run(["tmux", "show-options", "-gv", "set-clipboard"], stdin=subprocess.DEVNULL,
                        capture_output=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return False
        return shown.returncode == 0 and shown.stdout.strip() == b"on"
    if env.get("TERM", "").startswith("screen"):
        return False
    program = env.get("TERM_PROGRAM", "")
    term = env.get("TERM", "")
    return program in OSC52_TERMINALS or any(term.startswith(f"xterm-{name}") or term == name
                                             for name in OSC52_TERMINALS) or \
        any(env.get(name) for name in OSC52_VARIABLES)


def clipboard_tool(env: Mapping[str, str] = os.environ,
                   which: Callable[[str], str | None] = shutil.which) -> Tool | None:
    """The first clipboard tool installed that can reach a clipboard here, or None."""
    for tool in TOOLS:
        if (tool.needs is None or env.get(tool.needs)) and which(tool.name):
            return tool
    return None


def copy_with_tool(tool: Tool, text: str, run: Runner = subprocess.run) -> bool:
    """Give the text to the tool on its standard input; True when it said it worked."""
    try:
        # No pipes for its output: xclip and wl-copy stay behind to serve the clipboard, holding any pipe open.
        done = run(list(tool.command), input=text.encode(tool.encoding), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def copy_text(text: str, env: Mapping[str, str] = os.environ) -> str | None:
    """Copy with the local tool: the tool's name when it worked, None when there is none or it failed."""
    tool = clipboard_tool(env)
    if tool is not None and copy_with_tool(tool, text):
        return tool.name
    return None
