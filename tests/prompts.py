"""Driving questionary prompts from tests: keys go into a prompt_toolkit pipe, output goes nowhere."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
FINISH_TEXT = "\x1b\r"  # Esc then Enter ends a multi-line answer
CTRL_C = "\x03"
CLEAR_LINE = "\x15"


@contextmanager
def typed(*keys: str) -> Iterator[None]:
    """Everything prompted inside the block reads these keys, in order, as if typed."""
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        with create_app_session(input=pipe, output=DummyOutput()):
            yield
