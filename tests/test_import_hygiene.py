"""The light commands never load the UI: `workbook status` and `workbook export` import neither Textual
nor questionary, and the export format table loads no renderer (checked in fresh interpreters)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook import locations
from workbook.export.formats import FORMATS
from workbook.store import Store

UI_MODULES = ("textual", "questionary", "prompt_toolkit")

PROBE = """
import json, sys
from workbook.cli import main
code = main(json.loads(sys.argv[1]))
print(json.dumps({"code": code, "loaded": [name for name in json.loads(sys.argv[2]) if name in sys.modules]}))
"""


def run_cli(tmp_path: Path, *argv: str, watch: tuple[str, ...] = UI_MODULES) -> dict:
    env = {**os.environ, "CI": "true", locations.STORE_ENV: str(tmp_path / "workbook.json")}
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(argv)), json.dumps(list(watch))],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture
def store_with_an_answer(tmp_path: Path, isolated_home: Path) -> Path:
    with Store(tmp_path / "workbook.json") as store:
        store.set_answer("mapping", "strengths", ["Listening"])
    return tmp_path


def test_status_loads_no_ui(store_with_an_answer):
    report = run_cli(store_with_an_answer, "status")
    assert report == {"code": 0, "loaded": []}


@pytest.mark.parametrize("format", [row.value for row in FORMATS])
def test_export_loads_no_ui(store_with_an_answer, format):
    names = [] if next(row for row in FORMATS if row.value == format).whole_workbook else ["all"]
    out = store_with_an_answer / f"export.{format}"
    report = run_cli(store_with_an_answer, "export", *names, "--format", format, "--out", str(out))
    assert report == {"code": 0, "loaded": []}
    assert out.stat().st_size > 0


def test_the_format_table_loads_no_renderer():
    renderers = sorted({row.renderer.partition(":")[0] for row in FORMATS}
                       | {"workbook.export.blocks", "markdown_it", "icalendar"})
    probe = ("import json, sys\nimport workbook.export.formats\n"
             f"print(json.dumps([name for name in {renderers!r} if name in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
