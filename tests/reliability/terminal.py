"""The real `workbook` command in a pseudo-terminal: keys go in, the screen's bytes come out."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Callable


class Terminal:
    def __init__(self, *args: str, size: tuple[int, int] = (100, 30), env: dict[str, str] | None = None,
                 program: tuple[str, ...] = ("-m", "workbook")) -> None:
        master, slave = pty.openpty()
        columns, lines = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        environment.pop("CI", None)  # a real terminal: the app runs as it does for a user
        self.process = subprocess.Popen(
            [sys.executable, *program, *args], stdin=slave, stdout=slave, stderr=slave,
            env=environment, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self._master = master
        self._output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        # The app blocks if no one reads its frames, so read for as long as it runs.
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self._output += chunk

    @property
    def output(self) -> str:
        return self._output.decode("utf-8", "replace")

    def send(self, keys: str) -> None:
        os.write(self._master, keys.encode())

    def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or condition}")
            if self.process.poll() is not None and not condition():
                raise AssertionError(f"the app exited ({self.process.returncode}) before {what}")
            time.sleep(0.05)

    def wait_for_text(self, text: str, timeout: float = 20.0) -> None:
        self.wait_for(lambda: text in self.output, timeout, repr(text))

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def hang_up(self) -> None:
        """Close the terminal's side, as closing its window does: the app's reads and writes fail from now on."""
        os.close(self._master)
        self._master = -1

    def wait_for_exit(self, timeout: float = 20.0) -> int:
        """The exit code, once everything the app wrote is in `output`."""
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.kill()
        self._reader.join(timeout=5)
        if self._master >= 0:
            os.close(self._master)


def store_answers(path: Path) -> dict[tuple[str, str], object]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {(doc["exercise"], doc["field"]): doc["value"] for doc in data.get("answers", {}).values()}
