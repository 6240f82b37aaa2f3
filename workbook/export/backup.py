"""The JSON backup: the whole store, versioned, and reading one back in."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook import __version__
from workbook.storage import Data, has_workbook_shape
from workbook.checks import fields_of
from workbook.store import SCHEMA_VERSION, TABLES, Store, TablesRefused, upgraded

if TYPE_CHECKING:
    from workbook.exercises import Catalog

FORMAT = "career-workbook-backup"
FORMAT_VERSION = 1


class BackupError(ValueError):
    """A file that cannot be restored; the message says why and what to do."""


def backup_document(store: Store, exported_at: datetime) -> dict[str, Any]:
    """Everything in the store, with what a later version needs to read it."""
    workbook = store.dump()
    if not workbook.get("meta"):
        # A workbook not yet written (a read-only open of a new path) has no meta table: a backup of it
        # was refused on import as damaged.
        workbook["meta"] = {"1": {"schema_version": SCHEMA_VERSION, "app_version": __version__,
                                  "created": exported_at.isoformat()}}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": exported_at.isoformat(),
        "workbook": workbook,
    }


def render_backup(store: Store, exported_at: datetime) -> str:
    return json.dumps(backup_document(store, exported_at), ensure_ascii=False, indent=1) + "\n"


def render_workbook_backup(catalog: Catalog, store: Store, now: datetime) -> str:
    """`render_backup` called as every whole-workbook format is: a backup holds the store, whatever the exercises."""
    return render_backup(store, now)


def read_backup(path: Path, catalog: Catalog | None = None) -> Data:
    """The store's tables from a backup file, checked through (each answer against its field's kind, for the
    exercises in `catalog`) before anything is written; a BackupError says what is wrong with it, in one line."""
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise BackupError(f"there is no file {path}; give the path of a backup made with "
                          "`workbook export --format json`") from None
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not valid JSON ({error}); it is not a Career Workbook backup") from None
    except (ValueError, RecursionError) as error:  # a number of 5,000 digits; nesting too deep to parse
        raise BackupError(f"{path} is not valid JSON ({type(error).__name__}); it may be damaged") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Career Workbook backup; make one with "
                          "`workbook export --format json`")
    schema, format_version = document.get("schema_version"), document.get("format_version", FORMAT_VERSION)
    if not _whole(schema) or schema < 1:
        raise BackupError(f"{path} has no schema version; it may be damaged")
    if not _whole(format_version) or format_version < 1:
        raise BackupError(f"{path} has no format version a Career Workbook writes; it may be damaged")
    if schema > SCHEMA_VERSION or format_version > FORMAT_VERSION:
        raise BackupError(f"{path} was made by a newer Career Workbook (schema {schema}; this one reads "
                          f"up to {SCHEMA_VERSION}): upgrade with `pip install -U career-workbook` first")
    data = document.get("workbook")
    if not has_workbook_shape(data) or set(data) - set(TABLES) - {"_default"}:
        raise BackupError(f"{path} does not hold a workbook's tables; it may be damaged")
    meta = next(iter(data.get("meta", {}).values()), None)
    if not meta or meta.get("schema_version") != schema:
        raise BackupError(f"{path} disagrees with itself about its schema version; it may be damaged")
    try:
        return upgraded(data, fields_of(catalog) if catalog is not None else None)
    except TablesRefused as problem:
        raise BackupError(f"{path} cannot be restored ({problem}); nothing was changed") from None


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
