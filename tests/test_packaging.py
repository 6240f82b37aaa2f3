"""The wheel carries the exercises, the sdist what a packager needs, and the layers keep to their contract."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_the_exercises_and_finds_them_when_installed(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("career_workbook-*.whl"))
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
