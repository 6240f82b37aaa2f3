"""Where the POSIX-only modules are missing (Windows), the command line still starts and the lock still works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from workbook import __version__
from workbook.store import Store

# Run before the workbook loads: `import fcntl` (and the other POSIX-only modules) raise as on Windows.
NO_POSIX = r"""
import importlib.abc, sys
BLOCKED = {"fcntl", "termios", "pty", "resource"}
class NoPosix(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in BLOCKED:
            raise ImportError(f"No module named {name!r}")
        return None
REAL_FCNTL = sys.modules.get("fcntl") or __import__("fcntl")
for name in BLOCKED:
    sys.modules.pop(name, None)
sys.meta_path.insert(0, NoPosix())
"""

CLI = NO_POSIX + r"""
from workbook.cli import main
sys.exit(main(sys.argv[1:]))
"""

# msvcrt's non-blocking lock, played by the real flock: PermissionError when another holder has it.
MSVCRT_LOCK = NO_POSIX + r"""
import errno, json, os, types
fake = types.ModuleType("msvcrt")
fake.LK_NBLCK = 2
def locking(fd, mode, nbytes):
    try:
        REAL_FCNTL.flock(fd, REAL_FCNTL.LOCK_EX | REAL_FCNTL.LOCK_NB)
    except BlockingIOError:
        raise PermissionError(errno.EACCES, "Permission denied") from None
fake.locking = locking
sys.modules["msvcrt"] = fake
from workbook.storage import StoreLockedError
from workbook.store import Store
path = sys.argv[1]
first = Store(path)
try:
    Store(path)
    refused = None
except StoreLockedError as error:
    refused = error.pid
first.set_answer("mapping", "role", "Analyst")
first.close()
with Store(path) as again:
    role = again.answer("mapping", "role")
print(json.dumps({"refused_pid": refused, "pid": os.getpid(), "role": role, "fcntl": "fcntl" in sys.modules}))
"""


def run(program: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, timeout=60)


def test_version_and_status_run_without_fcntl(store_path: Path) -> None:
    with Store(store_path) as store:
        store.set_answer("mapping", "role", "Analyst")
    version = run(CLI, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.splitlines()[0] == f"workbook {__version__}"
    status = run(CLI, "--store", str(store_path), "status")
    assert status.returncode == 0, status.stderr
    assert "Mapping" in status.stdout and f"Workbook: {store_path}" in status.stdout
    assert not status.stderr


def test_without_fcntl_the_lock_falls_back_to_msvcrt_and_names_the_holder(store_path: Path) -> None:
    store_path.parent.mkdir()
    done = run(MSVCRT_LOCK, str(store_path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["refused_pid"] == result["pid"], "the second open is refused, naming the holder's pid"
    assert result["role"] == "Analyst" and not result["fcntl"]


def test_with_no_lock_at_all_opening_to_write_is_refused_in_one_line(store_path: Path) -> None:
    store_path.parent.mkdir()
    done = run(NO_POSIX + r"""
from workbook.storage import StoreError
from workbook.store import Store
try:
    Store(sys.argv[1])
except StoreError as error:
    print(error)
""", str(store_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and "no file lock" in done.stdout and "nothing was opened" in done.stdout
    assert not store_path.exists()
