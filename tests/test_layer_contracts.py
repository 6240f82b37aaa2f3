"""Every module outside workbook.tui is named by each layer contract in pyproject.toml (itself or a package
holding it), so a new core module cannot slip past the contracts unguarded."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import pytest

import workbook

ROOT = Path(__file__).resolve().parent.parent

EXEMPT = {
    "Only the UI layer imports Textual": set(),
    "Only the store touches TinyDB": {"workbook.store", "workbook.storage"},
    # The command line asks only through these two.
    "The core never prompts": {"workbook.plain", "workbook.export_cli"},
    "Layers point one way": set(),
}
"""Modules a contract leaves out on purpose: the ones it is about."""


def core_modules() -> list[str]:
    """Every module under workbook/ but the package itself and the UI layer."""
    names = [module.name for module in pkgutil.walk_packages(workbook.__path__, "workbook.")]
    return sorted(name for name in names if name != "workbook.tui" and not name.startswith("workbook.tui."))


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def named(contract: dict) -> list[str]:
    if contract["type"] == "layers":
        return [part.strip() for layer in contract["layers"] for part in layer.split("|")]
    return contract["source_modules"]


def covered(module: str, names: list[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def test_the_walk_finds_the_core():
    modules = core_modules()
    assert {"workbook.fields", "workbook.export.formats", "workbook.cli", "workbook.store"} <= set(modules)
    assert not any(module.startswith("workbook.tui") for module in modules)


def test_every_contract_is_listed_here():
    assert {contract["name"] for contract in contracts()} == set(EXEMPT)


@pytest.mark.parametrize("contract", contracts(), ids=lambda contract: contract["name"])
def test_every_core_module_is_under_every_contract(contract):
    missing = [module for module in core_modules()
               if module not in EXEMPT[contract["name"]] and not covered(module, named(contract))]
    assert not missing, f"add {', '.join(missing)} to the contract {contract['name']!r} in pyproject.toml"
