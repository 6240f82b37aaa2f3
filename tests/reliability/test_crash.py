"""SIGKILL mid-save, 200 times: the store always opens and holds every acknowledged save.

The seed is printed (and random each run unless CRASH_SEED is set): rerun a failure with
`CRASH_SEED=<seed> pytest tests/reliability/test_crash.py`.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("crash_harness.py")


@pytest.fixture(scope="module")
def seed() -> int:
    value = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"crash seed: {value} (rerun with CRASH_SEED={value})")
    return value


def kill_repeatedly(folder: Path, storage: str, kills: int, seed: int) -> dict:
    done = subprocess.run(
        [sys.executable, str(HARNESS), str(folder), "--storage", storage, "--kills", str(kills), "--seed", str(seed)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_two_hundred_kills_mid_save_lose_nothing_acknowledged(tmp_path: Path, seed: int) -> None:
    result = kill_repeatedly(tmp_path, "atomic", 200, seed)
    print(f"atomic store: {result['kills']} kills, {result['saves_acknowledged']} acknowledged saves, "
          f"{result['stores_checked']} stores checked")
    assert result["failures"] == [], f"seed {seed}"
    assert result["stores_checked"] == 200, f"seed {seed}: every kill came after at least one save"
    assert result["saves_acknowledged"] >= 200
    assert result["temp_files_left"] == [], "opening the store clears what killed writers left"


def test_the_harness_catches_the_stock_storage_corrupting_its_file(tmp_path: Path, seed: int) -> None:
    """The control: TinyDB's stock JSONStorage rewrites in place, and some kills must show it."""
    result = kill_repeatedly(tmp_path, "stock", 150, seed)
    corrupt = [failure for failure in result["failures"] if "cannot be read" in failure]
    print(f"stock JSONStorage: {len(corrupt)} of {result['kills']} kills left an unreadable file")
    assert corrupt, f"seed {seed}: the harness saw no corruption from a storage known to corrupt"
