"""The wheel carries the exercises and a package page of its own, installs and runs in a fresh environment,
the sdist holds what a packager needs, and the layers keep to their contract."""

from __future__ import annotations

import email
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import sysconfig
import tarfile
import termios
import time
import zipfile
from pathlib import Path

import pytest

from workbook import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = out.glob("career_workbook-*.whl")
    return wheel


def test_the_wheel_ships_the_exercises_and_finds_them_when_installed(wheel, tmp_path):
    shipped = sorted(path.name for path in (ROOT / "exercises").glob("*.toml"))
    assert shipped, "the checkout has exercise files"
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = sorted(Path(name).name for name in archive.namelist()
                          if name.startswith("workbook/exercises/") and name.endswith(".toml"))
    assert in_wheel == shipped

    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stderr
    probe = (
        "import workbook, sys\n"
        "from workbook.locations import shipped_exercises\n"
        "from workbook.exercises import load_catalog\n"
        "catalog = load_catalog([shipped_exercises()])\n"
        "print(workbook.__file__)\n"
        "print(shipped_exercises())\n"
        "print(len(catalog), len(catalog.errors))\n"
    )
    # PYTHONPATH puts the installed copy ahead of the checkout's editable install.
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    module, folder, counts = result.stdout.splitlines()
    assert module.startswith(str(target))
    assert folder == str(target / "workbook" / "exercises")
    assert counts == f"{len(shipped)} 0"


def test_a_checkout_finds_its_exercises_folder():
    from workbook.locations import shipped_exercises

    assert Path(str(shipped_exercises())) == ROOT / "exercises"


def test_layer_contracts_hold():
    lint = str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_the_sdist_holds_what_a_packager_needs_and_nothing_stray(tmp_path):
    """The package, the exercises, the tests, the docs, the licence and the changelog; an include of
    "README.md" also took benchmarks/README.md."""
    built = subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    [sdist] = tmp_path.glob("career_workbook-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [Path(*Path(name).parts[1:]) for name in archive.getnames() if len(Path(name).parts) > 1]
        metadata = archive.extractfile(next(m for m in archive.getmembers() if m.name.endswith("/PKG-INFO")))
        pkg_info = metadata.read().decode()
    top = {name.parts[0] for name in names}
    assert top == {".gitignore", "CHANGELOG.md", "LICENSE", "PKG-INFO", "README.md", "docs", "exercises", "man",
                   "pyproject.toml", "tests", "workbook"}
    assert not any(name.parts[0] == "benchmarks" for name in names)
    assert "License-Expression: MIT" in pkg_info
    assert "Classifier: Environment :: Console" in pkg_info


def test_the_wheel_holds_the_package_the_exercises_and_the_stylesheet_and_nothing_from_the_checkout(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "workbook").rglob("*.py")}
    assert modules <= set(names)
    assert {"workbook/tui/workbook.tcss", "workbook/exercises/README.md",
            "workbook/exercises/01-mapping.toml"} <= set(names)
    # Beside the package only the wheel's own metadata and the data it installs (the man page).
    dist = f"career_workbook-{__version__}"
    assert {name.split("/")[0] for name in names} == {"workbook", f"{dist}.dist-info", f"{dist}.data"}
    assert not [name for name in names if {"tests", "docs", "benchmarks", "screenshots"} & set(name.split("/"))]


def test_the_package_page_needs_no_checkout(wheel):
    """README.md is the package page less the clone's quick start, the screenshots and the development notes:
    relative paths and "from a clone" break on the index, and a file of the checkout is named with where
    else to find it."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.message_from_bytes(archive.read(f"career_workbook-{__version__}.dist-info/METADATA"))
    page = metadata.get_payload()
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert page.startswith("# Career Workbook\n")
    assert "pipx install career-workbook" in page and "uv tool install career-workbook" in page
    assert "shared environment" in page, "it says why not to pip install it beside other packages"

    targets = re.findall(r"\]\(([^)\s]+)", page) + re.findall(r"""(?:src|href)=["']([^"']+)""", page)
    assert targets, "the page links pipx and uv"
    assert [target for target in targets if not target.startswith("https://")] == []
    assert "clone" not in page.lower()
    assert "<!--" not in page, "the fragment markers stay in README.md"
    for checkout_only in ("screenshots/", "benchmarks", "docs/architecture.md", "exercises/README.md"):
        assert checkout_only not in page
    # A file a user can open only in the source distribution says so.
    for mention in re.finditer(r"`(docs/[^`]+|CHANGELOG\.md)`", page):
        assert page[mention.end():].startswith(" (in the source distribution)"), mention.group()
    assert "`README.md` of the shipped exercises folder, which `workbook --version` names" in page

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "from a clone of this repository" in readme and "screenshots/home-returning.svg" in readme
    ci_run = ROOT / ".ci" / "run"
    if ci_run.exists():  # a clone; the sdist has no CI script
        ci_command = ci_run.read_text(encoding="utf-8").strip().splitlines()[-1]
        assert f"```\n{ci_command}\n```" in readme, "CI runs the README's test command"


@pytest.fixture(scope="module")
def fresh_environment(wheel, tmp_path_factory) -> Path:
    """A new virtual environment outside the checkout with only the wheel installed in it. The dependencies
    come from the tests' own environment through a .pth line (offline and fast); a .pth file in a folder so
    added is not run, so the checkout's editable install cannot leak in."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(wheel)],
        capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stderr
    fresh_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                capture_output=True, text=True, check=True).stdout.strip()
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (Path(fresh_site) / "tests_dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    return venv


def user_environment(home: Path, venv: Path) -> dict[str, str]:
    return {"HOME": str(home), "PATH": f"{venv / 'bin'}{os.pathsep}{os.defpath}", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share")}


def test_the_installed_command_line_runs_from_the_fresh_environment(fresh_environment, tmp_path):
    venv, store = fresh_environment, tmp_path / "w.json"
    env = user_environment(tmp_path / "home", venv)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)

    probe = run(str(venv / "bin" / "python"), "-c",
                "import workbook, workbook.locations as at; print(workbook.__file__); print(at.shipped_exercises())")
    assert probe.returncode == 0, probe.stderr
    module, exercises = probe.stdout.splitlines()
    assert module.startswith(str(venv)) and exercises.startswith(str(venv)), probe.stdout

    version = run(str(venv / "bin" / "workbook"), "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.splitlines()[0] == f"workbook {__version__}"

    status = run(str(venv / "bin" / "workbook"), "status", "--store", str(store))
    assert status.returncode == 0, status.stderr
    assert "Mapping" in status.stdout and "not started" in status.stdout
    assert "Overall: 0% of the six steps' required answers." in status.stdout


def read_until(controller: int, screen: bytearray, done, deadline: float) -> bool:
    """Reads what the app draws into screen until done(screen) or the deadline; False if the app closed first."""
    while not done(screen) and time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                screen += os.read(controller, 65536)
            except OSError:  # EIO: the app closed the terminal
                return False
    return True


def test_the_installed_app_starts_in_a_terminal_and_quits_on_ctrl_q(fresh_environment, tmp_path):
    venv, store = fresh_environment, tmp_path / "w.json"
    env = user_environment(tmp_path / "home", venv) | {"TERM": "xterm-256color"}
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    app = subprocess.Popen([str(venv / "bin" / "workbook"), "--store", str(store)], stdin=terminal,
                           stdout=terminal, stderr=terminal, cwd=tmp_path, env=env, start_new_session=True)
    os.close(terminal)
    screen = bytearray()
    try:
        read_until(controller, screen, lambda drawn: b"Welcome to your Career Workbook" in drawn,
                   time.monotonic() + 90)
        assert b"Welcome to your Career Workbook" in screen, screen[-2000:].decode(errors="replace")
        os.write(controller, b"\x11")  # Ctrl+Q
        read_until(controller, screen, lambda drawn: app.poll() is not None, time.monotonic() + 60)
        assert app.wait(timeout=10) == 0, screen[-2000:].decode(errors="replace")
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(controller)

    workbook = json.loads(store.read_text(encoding="utf-8"))
    assert workbook["meta"]["1"]["app_version"] == __version__
    status = subprocess.run([str(venv / "bin" / "workbook"), "status", "--json", "--store", str(store)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["store"] == str(store)
