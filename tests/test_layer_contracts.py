"""The contracts in pyproject.toml guard every module: the forbidden ones start from the whole package (a new
module is under them the day it is written), and every module outside workbook.tui has a place in the
layers (a new one must be given one)."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import pytest

import workbook

ROOT = Path(__file__).resolve().parent.parent

ALLOWED = {
    "Only the UI layer imports Textual": ["workbook.tui.** -> textual"],
    "Only the store touches TinyDB": ["workbook.store -> tinydb", "workbook.storage -> tinydb"],
    "The core never prompts": ["workbook.plain -> questionary", "workbook.export_cli -> questionary"],
}
"""What each forbidden contract lets through: nothing more may be added to it unnoticed."""


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
    assert {contract["name"] for contract in contracts()} == set(ALLOWED) | {"Layers point one way"}


@pytest.mark.parametrize("contract", [c for c in contracts() if c["type"] == "forbidden"], ids=lambda c: c["name"])
def test_each_forbidden_contract_covers_the_whole_package_and_lets_through_only_its_own(contract):
    assert contract["source_modules"] == ["workbook"]
    assert contract.get("ignore_imports", []) == ALLOWED[contract["name"]]


def test_every_core_module_has_a_layer():
    [layers] = [contract for contract in contracts() if contract["type"] == "layers"]
    missing = [module for module in core_modules() if not covered(module, named(layers))]
    assert not missing, f"give {', '.join(missing)} a layer in the contract 'Layers point one way' in pyproject.toml"
