"""The plain-text export: every line fits 78 columns, and a wrapped row or item still reads as one."""

from __future__ import annotations

from tests.test_export import export, fill_sample
from workbook.export import Format
from workbook.export.text import WIDTH
from workbook.store import Store

LONG = ("Lead the routing analytics project end to end, from the first workshop with the depot managers "
        "to the handover of the dashboards")
URL = "https://example.org/" + "a" * 90


def continued(text: str, first: str) -> list[str]:
    """The line starting with `first` and the indented lines that continue it."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("  ") or line.startswith("  | "):
            break
        block.append(line)
    return block


def test_rows_items_and_actions_wrap_at_78_with_their_continuations_indented(sample_catalog, store_path):
    with Store(store_path) as store:
        fill_sample(store)
        store.set_answer("sample", "strengths", [LONG, "Writing", URL])
        store.set_answer("sample", "skills", [["Stakeholder management across " * 3, "3", LONG]])
        store.set_answer("sample", "todo", [{"text": LONG, "due": "2026-12-05", "done": False}])
        text = export(sample_catalog, store, Format.TEXT)
    assert all(len(line) <= WIDTH for line in text.split("\n") if URL not in line)
    row = continued(text, "- Skill: Stakeholder")
    assert len(row) > 2 and all(line.startswith("  ") and not line.startswith("   ") for line in row[1:])
    assert " ".join(line.strip() for line in row) == (
        f"- Skill: {'Stakeholder management across ' * 3}".rstrip() + f"; Now: 3; Needed: {LONG}")
    item = continued(text, f"- {LONG[:20]}")
    assert len(item) == 2 and " ".join(line.strip() for line in item) == f"- {LONG}"
    action = continued(text, "[ ] Lead the routing")
    assert len(action) == 2 and action[1].startswith("    ") and action[-1].endswith("(by 2026-12-05)")
    assert f"- {URL}" in text.split("\n")  # a web address is never cut in two
