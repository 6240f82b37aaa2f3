"""Two copies of the app on one store: the second is refused, naming the first's pid; once the first
is gone (quit, or killed and leaving its lock file behind) the store opens with no clean-up."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.reliability.terminal import Terminal, store_answers

WIDE = (200, 30)  # the refusal fits on one line of the screen


def test_a_second_app_is_refused_and_the_store_opens_again_after_a_kill(store_path, tmp_path) -> None:
    first = Terminal("--store", str(store_path), size=WIDE)
    try:
        first.wait_for_text("Mapping")
        first.send("1")
        first.wait_for_text("Start")
        first.send("\r")
        time.sleep(0.7)  # the first page is built and focused
        first.send("Analyst")
        first.wait_for(lambda: store_answers(store_path).get(("mapping", "role")) == "Analyst", what="the save")
        before = store_path.read_bytes()

        second = Terminal("--store", str(store_path), size=WIDE)
        try:
            second.wait_for_text(f"already open in another window (pid {first.process.pid})")
            second.send("q")
            assert second.process.wait(timeout=10) == 1
        finally:
            second.close()
        cli = subprocess.run([sys.executable, "-m", "workbook", "--store", str(store_path), "export",
                              "--format", "json", "--out", str(tmp_path / "b.json")], capture_output=True, text=True)
        assert cli.returncode == 0, "reading (export) does not need the lock"
        cli = subprocess.run([sys.executable, "-m", "workbook", "--store", str(store_path), "import",
                              str(tmp_path / "b.json"), "--replace"], capture_output=True, text=True)
        assert cli.returncode == 1 and f"(pid {first.process.pid})" in cli.stderr
        assert store_path.read_bytes() == before, "the refused copies wrote nothing"
        first.kill()
    finally:
        first.close()
    assert store_path.with_name("workbook.json.lock").exists(), "the killed app left its lock file"

    third = Terminal("--store", str(store_path), size=WIDE)
    try:
        third.wait_for_text("Continue: Mapping")
        third.send("\x11")  # Ctrl+Q
        assert third.process.wait(timeout=10) == 0
    finally:
        third.close()
    assert store_answers(store_path)[("mapping", "role")] == "Analyst"


def test_after_the_first_app_quits_the_second_opens(store_path) -> None:
    first = Terminal("--store", str(store_path), size=WIDE)
    try:
        first.wait_for_text("Mapping")
        first.send("\x11")
        assert first.process.wait(timeout=10) == 0
    finally:
        first.close()
    second = Terminal("--store", str(store_path), size=WIDE)
    try:
        second.wait_for_text("Mapping")
        assert "already open" not in second.output
    finally:
        second.close()
