"""Find anything the user wrote: every answer and conversation, their earlier versions and the reasons
given for a change, and the next steps; case- and accent-insensitive. Pure.

Every word must appear (in any order) in one text. Recall and compose fields are left out: they
repeat answers found where they were written.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from workbook.answers import answer_text, entry_title
from workbook.exercises import Catalog, Exercise, Field
from workbook.store import Entry, Revision, Store

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


class MatchKind(StrEnum):
    """What a match was found in."""

    ANSWER = "answer"
    EARLIER_VERSION = "earlier version"
    REASON = "reason for a change"
    NEXT_STEP = "next step"

    def counted(self, count: int) -> str:
        """'1 answer', '2 earlier versions', '3 reasons for a change'."""
        plural = {MatchKind.REASON: "reasons for a change"}.get(self, f"{self.value}s")
        return f"{count:,} {self.value if count == 1 else plural}"


@dataclass(frozen=True)
class Match:
    """One place that holds every word. Plain data (ids, text, a date), to show or to serialise."""

    kind: MatchKind
    exercise: str | None
    """The exercise's id; None for a next step, which lives in the action list."""
    entry: str | None
    """The log entry's id, for an answer of a conversation."""
    page: int
    """The index of the page the field is on (0 for a next step)."""
    field: str | None
    """The field's id; None for a next step."""
    where: str
    """Exercise (or conversation), page and field in words; for a next step, the action list and when it
    was set."""
    label: str
    """What it is, in words: "" for an answer as it is now, "earlier version, 3 Nov", "reason for a change,
    5 Nov", "next step" (or "next step, done")."""
    written_at: datetime | None
    """When the text was written: the answer or version, the change the reason is for, the next step."""
    snippet: str
    spans: tuple[tuple[int, int], ...]
    """Where the words are in the snippet, to highlight."""
    shown_page: int | None = None
    """The page's number as the app shows it ("page 3 of 7"), counting the pages shown for the answers;
    None for a page the answers hide, and for a next step."""


def count_line(matches: list[Match]) -> str:
    """How many places hold the words, by kind, with the verb agreeing: "1 answer holds", "2 answers and
    1 earlier version hold"."""
    counts = Counter(match.kind for match in matches)
    parts = [kind.counted(counts[kind]) for kind in MatchKind if counts[kind]]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{listed} {'holds' if len(matches) == 1 else 'hold'}"


def search(catalog: Catalog, store: Store, query: str) -> list[Match]:
    """Every answer, earlier version, reason for a change and next step holding all the words of the query:
    in sidebar order (a log's newest entries first), each answer followed by its earlier versions, newest
    first; the next steps last, newest first."""
    words = words_of(query)
    if not words:
        return []
    this_year = store.now().astimezone().year
    history: dict[tuple[str, str | None, str], list[Revision]] = {}
    for exercise_id, entry_id, field_id, revision in store.all_revisions():
        history.setdefault((exercise_id, entry_id, field_id), []).insert(0, revision)  # newest first
    found: list[Match] = []
    for exercise in catalog:
        places = {field.id: (number, page, field) for number, page in enumerate(exercise.pages)
                  for field in page.fields if field.answerable}
        entries: list[Entry | None] = list(store.entries(exercise.id)) if exercise.repeatable else [None]
        for entry in entries:
            entry_id = entry.id if entry else None
            answers = store.answers(exercise.id, entry_id)
            shown = exercise.shown_indexes(answers)
            for field_id, (number, page, field) in places.items():
                current, earlier = answers.get(field_id), history.get((exercise.id, entry_id, field_id), [])
                if current is None and not earlier:
                    continue
                hits = _field_hits(field, current, earlier, words, this_year)
                if not hits:
                    continue
                owner = f"{exercise.title}: {_entry_name(exercise, answers, entry)}" if entry else exercise.title
                for kind, text, label, written_at in hits:
                    if kind is MatchKind.ANSWER:
                        written_at = store.answered_at(exercise.id, field_id, entry_id)
                    found.append(Match(kind, exercise.id, entry_id, number, field_id,
                                       f"{owner} · {page.title} · {field.label}", label, written_at,
                                       *_snippet(text, words),
                                       shown_page=shown.index(number) + 1 if number in shown else None))
    for step in reversed(store.next_steps()):
        if _holds(step.text, words):
            after = f", after {catalog.get(step.after).title}" if step.after in catalog else ""
            found.append(Match(MatchKind.NEXT_STEP, None, None, 0, None,
                               f"Action list · set {_day(step.set_at, this_year)}{after}",
                               "next step, done" if step.done else "next step", step.set_at,
                               *_snippet(step.text, words)))
    return found


def _holds(text: str, words: list[str]) -> bool:
    if not text:
        return False
    folded = quick_fold(text)
    return all(word in folded for word in words)


def _field_hits(field: Field, current: Any, earlier: list[Revision], words: list[str],
                this_year: int) -> list[tuple[MatchKind, str, str, datetime | None]]:
    """(kind, text, label, when written) for the answer and each of its earlier versions and reasons that
    hold the words. The answer's date is left for the caller to read: only matches need it."""
    hits: list[tuple[MatchKind, str, str, datetime | None]] = []
    if current is not None and _holds(text := answer_text(field, current), words):
        hits.append((MatchKind.ANSWER, text, "", None))
    seen = [current]
    for revision in earlier:
        if revision.value not in seen:  # a version brought back, or the same one twice: once
            seen.append(revision.value)
            if _holds(text := _version_text(field, revision.value), words):
                hits.append((MatchKind.EARLIER_VERSION, text, f"earlier version, {_day(revision.written_at, this_year)}",
                             revision.written_at))
        if revision.reason and _holds(revision.reason, words):
            hits.append((MatchKind.REASON, revision.reason,
                         f"reason for a change, {_day(revision.replaced_at, this_year)}", revision.replaced_at))
    return hits


def _version_text(field: Field, value: Any) -> str:
    """An earlier version as text. Versions are kept as written and never checked against the field (whose
    kind an exercise file may since have changed): one that no longer fits has no words to find."""
    try:
        return answer_text(field, value)
    except (TypeError, ValueError, AttributeError, KeyError):
        return ""


def _day(moment: datetime, this_year: int) -> str:
    """3 Nov; 3 Nov 2025 in another year."""
    local = moment.astimezone()
    return f"{local.day} {local:%b}" + ("" if local.year == this_year else f" {local.year}")


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
