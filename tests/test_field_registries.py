"""Every table keyed by field kind lists every kind: a kind added to FIELD_KINDS and forgotten somewhere
fails here, instead of falling through silently where it was forgotten.

To guard another table, add a (name, getter) pair to REGISTRIES; getters import lazily, so one broken
module fails its own rows only. A table may map recall and compose to `workbook.fields.READ_ONLY`.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import pytest

from workbook.fields import FIELD_KINDS, READ_ONLY


def _kinds() -> Mapping[str, Any]:
    from workbook.fields import KINDS

    return KINDS


def _export_blocks() -> Mapping[str, Any]:
    from workbook.export.blocks import FIELD_BLOCKS

    return FIELD_BLOCKS


def _plain_prompts() -> Mapping[str, Any]:
    from workbook.plain import PROMPTS

    return PROMPTS


def _editors() -> Mapping[str, Any]:
    from workbook.tui.widgets.field_editors import EDITORS

    return EDITORS


REGISTRIES: list[tuple[str, Callable[[], Mapping[str, Any]]]] = [
    ("workbook.fields.KINDS", _kinds),
    ("workbook.export.blocks.FIELD_BLOCKS", _export_blocks),
    ("workbook.plain.PROMPTS", _plain_prompts),
    ("workbook.tui.widgets.field_editors.EDITORS", _editors),
]
"""(name, getter) of every table that must hold an entry for each field kind."""

@pytest.mark.parametrize("kind", sorted(FIELD_KINDS))
@pytest.mark.parametrize("name, registry", REGISTRIES, ids=[name for name, _ in REGISTRIES])
def test_every_registry_lists_every_kind(name, registry, kind):
    table = registry()
    assert kind in table, f"{name} has no entry for the {kind!r} field kind"
    if table[kind] is READ_ONLY:  # allowed for the kinds that show answers and keep none
        assert not FIELD_KINDS[kind].answerable, f"{name} maps {kind!r} to READ_ONLY, but users answer it"


@pytest.mark.parametrize("name, registry", REGISTRIES, ids=[name for name, _ in REGISTRIES])
def test_no_registry_lists_a_kind_that_does_not_exist(name, registry):
    assert set(registry()) <= set(FIELD_KINDS), f"{name} lists kinds FIELD_KINDS does not have"


def test_each_kind_names_its_own_dataclass():
    assert all(cls.kind == kind for kind, cls in FIELD_KINDS.items())


def test_the_kinds_shown_then_and_now_each_have_their_blocks():
    from workbook.export.blocks import THEN_NOW_BLOCKS
    from workbook.fields import then_now_kinds

    assert set(THEN_NOW_BLOCKS) == then_now_kinds()


def test_every_read_only_kind_says_what_it_shows():
    from workbook.answers import SHOWN

    assert set(SHOWN) == {kind for kind, cls in FIELD_KINDS.items() if not cls.answerable}
