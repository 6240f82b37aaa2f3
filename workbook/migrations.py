"""Migrations of a workbook's tables from one schema to the next: pure functions on the JSON data.

Each migration is frozen: it names the pages and fields as they were when it was written, never the
exercise files of today, which will change again. It runs before the tables are checked, so it passes over
a document it cannot read (a hand-edited file may hold anything) and leaves the check to name it.
"""

from __future__ import annotations

from typing import Any, Callable

Data = dict[str, dict[str, Any]]

# Schema 2 (the exercises of issue 20): Planning grew into two sittings and its pages were reordered; the
# trusted helper became a dated action; Arriving moved the culture "as found" and the checkpoint notes to a
# second sitting, a month in; the conversation log gained a page for what a manager said, before the summary.
_PAGES_BEFORE_2 = {
    "planning": ("foundations", "destination", "stepping_stones", "assumptions", "skills", "realism", "six_months"),
    "arriving": ("look", "listen", "learn", "deliver", "checkpoints"),
    "conversation": ("who", "prepare", "manager", "record", "after", "follow_up"),
}
_PAGES_FROM_2 = {
    "planning": ("foundations", "destination", "alternatives", "realism", "learning", "stepping_stones", "skills",
                 "assumptions", "six_months"),
    "arriving": ("look", "listen", "deliver", "checkpoints", "found", "learn", "reflections"),
    "conversation": ("who", "prepare", "manager", "record", "manager_said", "after", "follow_up"),
}
_FIELD_PAGES_FROM_2 = {
    ("planning", "helper_talk"): "destination",
    ("arriving", "culture_found"): "found",
    ("arriving", "day_30"): "reflections",
    ("arriving", "day_60"): "reflections",
    ("arriving", "day_90"): "reflections",
}
_RENAMED_IN_2 = {("planning", "helper"): "helper_talk"}


def _helper_as_action(value: Any) -> Any:
    """The helper's line ("Priya, after the offsite") as one action, with no date yet."""
    if not isinstance(value, str):
        return value  # not a line: left for the check to name
    return [{"text": value, "due": "", "done": False}] if value.strip() else []


def _documents(data: Data, table: str) -> list[dict[str, Any]]:
    documents = data.get(table)
    if not isinstance(documents, dict):
        return []
    return [document for document in documents.values() if isinstance(document, dict)]


def _to_schema_2(data: Data) -> Data:
    for table in ("answers", "history"):
        for document in _documents(data, table):
            renamed = _RENAMED_IN_2.get((document.get("exercise"), document.get("field")))
            if renamed is not None:
                document["field"] = renamed
                document["value"] = _helper_as_action(document.get("value"))
    for document in _documents(data, "state"):
        if document.get("kind") not in ("resume", "status"):
            continue
        exercise = document.get("exercise")
        renamed = _RENAMED_IN_2.get((exercise, document.get("field")))
        if renamed is not None:
            document["field"] = renamed
        if exercise not in _PAGES_FROM_2:
            continue
        page = document.get("page")
        new_page = _FIELD_PAGES_FROM_2.get((exercise, document.get("field")))
        if new_page is None and isinstance(page, int) and not isinstance(page, bool) \
                and 0 <= page < len(_PAGES_BEFORE_2[exercise]):
            new_page = _PAGES_BEFORE_2[exercise][page]
        if new_page is not None and page is not None and page != -1:
            document["page"] = _PAGES_FROM_2[exercise].index(new_page)
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _to_schema_2}
"""From schema N to N+1, applied in order when an older store or backup opens."""
SCHEMA_VERSION = max(MIGRATIONS) + 1


def set_schema_version(data: Data, version: int) -> None:
    for document in _documents(data, "meta"):
        document["schema_version"] = version
