"""Shared fixtures. No test ever touches the user's real store or config."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook import locations
from workbook.exercises import Catalog, load_catalog

FIXTURES = Path(__file__).parent / "fixtures"

# Fixtures that drive the real app with Textual's pilot, for tests/tui and tests/reliability.
pytest_plugins = ["tests.app_fixtures"]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder (and so the default store) at a fresh temporary home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv(locations.STORE_ENV, raising=False)
    return home


@pytest.fixture
def sample_catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "exercises"])
    assert not catalog.errors
    return catalog


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workbook.json"
