"""Find anything the user wrote: every answer and every conversation, case- and accent-insensitive. Pure.

Every word must appear (in any order) in one answer. Recall and compose fields are left out: they
repeat answers found where they were written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator

from workbook.answers import answer_text, entry_title
from workbook.exercises import Catalog, Exercise
from workbook.store import Entry, Store

SNIPPET = 70
"""About how many characters of context a match shows."""


def quick_fold(text: str) -> str:
    """The text without case or accents, for testing whether the words are there (no positions)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_NO_MARKS).casefold()


_NO_MARKS = {code: None for code in range(0x300, 0x10000) if unicodedata.combining(chr(code))}
"""Combining marks (accents) of the basic plane, to delete."""


def fold(text: str) -> tuple[str, list[int]]:
    """The text without case or accents, and for each of its characters the index it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
        folded.append(plain)
        origin += [index] * len(plain)
    return "".join(folded), origin


def words_of(query: str) -> list[str]:
    return [word for word in fold(query)[0].split() if word]


@dataclass(frozen=True)
class Match:
    exercise: Exercise
    entry: str | None
    page: int
    field: str
    where: str
    """Exercise (or conversation), page and field, in words."""
    snippet: str
    spans: tuple[tuple[int, int], ...]
    """Where the words are in the snippet, to highlight."""


def search(catalog: Catalog, store: Store, query: str) -> list[Match]:
    """Every answer holding all the words of the query, in sidebar order (a log's newest entries first)."""
    words = words_of(query)
    if not words:
        return []
    found = []
    for exercise, entry, answers, (number, page, field) in _answers(catalog, store):
        text = answer_text(field, answers[field.id])
        quick = quick_fold(text)
        if text and all(word in quick for word in words):
            owner = f"{exercise.title}: {_entry_name(exercise, answers, entry)}" if entry else exercise.title
            snippet, spans = _snippet(text, words)
            found.append(Match(exercise, entry.id if entry else None, number, field.id,
                               f"{owner} · {page.title} · {field.label}", snippet, spans))
    return found


def _answers(catalog: Catalog, store: Store) -> Iterator[tuple]:
    """(exercise, entry, its answers, (page number, page, field)) for every answer, in page order."""
    for exercise in catalog:
        places = {field.id: (number, page, field) for number, page in enumerate(exercise.pages)
                  for field in page.fields if field.answerable}
        order = {field_id: position for position, field_id in enumerate(places)}
        entries: list[Entry | None] = list(store.entries(exercise.id)) if exercise.repeatable else [None]
        for entry in entries:
            answers = store.answers(exercise.id, entry.id if entry else None)
            for field_id in sorted((f for f in answers if f in places), key=order.__getitem__):
                yield exercise, entry, answers, places[field_id]


def _entry_name(exercise: Exercise, answers: dict, entry) -> str:
    """The log entry as its first naming field (the person) and its date: "Sam Lee, 2026-11-18"."""
    title = entry_title(exercise, {name: answers.get(name) for name in (*exercise.entry_fields[:1], "date")}, entry)
    when, _, name = title.partition("  ")
    return f"{name}, {when}"


def _snippet(text: str, words: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One line of text around the first word found, with every word in it marked."""
    folded, origin = fold(text)
    spans = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            spans.append((origin[at], origin[at + len(word) - 1] + 1))
            at = folded.find(word, at + len(word))
    spans.sort()
    begin = max(0, spans[0][0] - SNIPPET // 3)
    end = min(len(text), begin + SNIPPET)
    begin = max(0, min(begin, end - SNIPPET))
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    shown = prefix + text[begin:end].replace("\n", " ") + suffix  # one line, the same length: spans still fit
    offset = len(prefix) - begin
    return shown, tuple((start + offset, stop + offset) for start, stop in spans if start >= begin and stop <= end)
