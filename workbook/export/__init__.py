"""Exports: worksheets as Markdown, HTML or plain text, and the whole store as a JSON backup.

`build_export` turns a selection into a file's content and a suggested name; `write_export`
puts it on disk without ever overwriting a file it was not told to replace.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from workbook.answers import Writer, your_name
from workbook.exercises import Catalog
from workbook.export.formats import Format
from workbook.export.worksheet import ScopeError, Worksheet, gather
from workbook.progress import AnswerSource
from workbook.store import Store


@dataclass(frozen=True)
class Export:
    content: str
    title: str
    suggested_name: str
    """A safe file name: the title's slug, the date and the format's extension."""


def build_export(catalog: Catalog, store: Store, selection: Iterable[tuple[str, str | None]],
                 format: Format, now: datetime) -> Export:
    """The export of the selected exercises (a backup or a calendar always holds the whole store)."""
    row = format.row
    render = row.load_renderer()  # its module (markdown-it, icalendar...) loads only now
    if row.whole_workbook:
        return Export(render(catalog, store, now), row.title, _file_name(row.title, format, now))
    sheets = _sheets(catalog, store, selection, Writer(your_name(store), now.astimezone().date()))
    title = _title(sheets)
    return Export(render(sheets, title), title, _file_name(title, format, now))


def suggested_name(catalog: Catalog, store: AnswerSource, selection: Iterable[tuple[str, str | None]],
                   format: Format, now: datetime) -> str:
    """The file name `build_export` would suggest, without rendering anything."""
    if format.whole_workbook:
        return _file_name(format.row.title, format, now)
    return _file_name(_title(_sheets(catalog, store, selection)), format, now)


def _sheets(catalog: Catalog, store: AnswerSource, selection: Iterable[tuple[str, str | None]],
            writer: Writer = Writer()) -> list[Worksheet]:
    sheets = gather(catalog, store, selection, writer)
    if not sheets:
        raise ScopeError("nothing to export: the selection holds no exercise and no conversation yet")
    return sheets


def _title(sheets: list[Worksheet]) -> str:
    return sheets[0].title if len(sheets) == 1 else "Career Workbook"


def _file_name(title: str, format: Format, now: datetime) -> str:
    return f"{slug(title)}-{now.astimezone():%Y-%m-%d}.{format.value}"


def write_export(path: Path, content: str, *, overwrite: bool = False, private: bool = True) -> Path:
    """Write the file whole or not at all; FileExistsError unless `overwrite` was asked for.

    `private` files are 0600; the others (a path the user chose) get what their umask gives.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8")
    mode = 0o600 if private else 0o666
    if not overwrite:
        # O_EXCL: even a file that appears between asking and writing is never replaced.
        _write_new(path, data, mode)
        return path
    # An unpredictable name, created with O_EXCL: nothing planted beside the file can take the content.
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        _write_new(temp, data, mode)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)  # the mode is there from the start
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def slug(text: str, fallback: str = "worksheet") -> str:
    """A file-name-safe form of a title: ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:60].strip("-") or fallback


def free_path(path: Path) -> Path:
    """The path, or the first `name-2.ext`, `name-3.ext`... that does not exist yet."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


__all__ = ["Export", "Format", "ScopeError", "build_export", "free_path", "suggested_name", "write_export"]
